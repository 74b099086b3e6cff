/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "unit_tests.h"
#include "settings_diff.h"
#include "settings_value.h"

/**
 * Collects the keys reported, separated by blanks.
 */
static void collect(void *data, const char *key)
{
	char *buf = data;

	if (*buf)
	{
		strcat(buf, " ");
	}
	strcat(buf, key);
}

START_TEST(test_diff_changed_added_removed)
{
	char keys[256] = "";

	ck_assert_int_eq(settings_diff(
		"capacity=100\nmembers.mars=192.0.2.3\nmembers.sun=192.0.2.2\nport=4510\n",
		"capacity=200\nmembers.sun=192.0.2.2\nmembers.venus=192.0.2.4\nport=4510\nweight=2\n",
		collect, keys), 4);
	ck_assert_str_eq(keys, "capacity members.mars members.venus weight");
}
END_TEST

START_TEST(test_diff_same_and_empty)
{
	char keys[256] = "";

	ck_assert_int_eq(settings_diff("a=1\nb=2\n", "a=1\nb=2\n", collect, keys), 0);
	ck_assert_str_eq(keys, "");
	ck_assert_int_eq(settings_diff("", "", collect, keys), 0);
	/* a value that only grows, and a last line without newline */
	ck_assert_int_eq(settings_diff("a=1\nb=2", "a=12\nb=2", collect, keys), 1);
	ck_assert_str_eq(keys, "a");
	keys[0] = '\0';
	ck_assert_int_eq(settings_diff("", "port=1\n", collect, keys), 1);
	ck_assert_int_eq(settings_diff("port=1\n", "", collect, keys), 1);
	ck_assert_str_eq(keys, "port port");
}
END_TEST

START_TEST(test_diff_key_prefix)
{
	char keys[256] = "";

	const char *lines[] = { "port2=1", "port=1", "members.sun=x", "po=3" };

	/* "port" and "port2" are two keys, not one changed value */
	ck_assert_int_eq(settings_diff("port=1\n", "port=1\nport2=1\n", collect,
								   keys), 1);
	ck_assert_str_eq(keys, "port2");
	/* the order snapshots are sorted in */
	qsort(lines, 4, sizeof(char*), settings_diff_compare);
	ck_assert_str_eq(lines[0], "members.sun=x");
	ck_assert_str_eq(lines[1], "po=3");
	ck_assert_str_eq(lines[2], "port=1");
	ck_assert_str_eq(lines[3], "port2=1");
}
END_TEST

START_TEST(test_is_runtime)
{
	const char *const runtime[] = { "capacity", "keepalived.", NULL };

	ck_assert(settings_diff_is_runtime("capacity", runtime));
	ck_assert(!settings_diff_is_runtime("capacity2", runtime));
	ck_assert(!settings_diff_is_runtime("capa", runtime));
	ck_assert(settings_diff_is_runtime("keepalived.fifo", runtime));
	ck_assert(!settings_diff_is_runtime("keepalived", runtime));
	ck_assert(!settings_diff_is_runtime("port", NULL));
}
END_TEST

START_TEST(test_value_uint)
{
	uint32_t v = 7;

	ck_assert(settings_value_uint("4520", 1, 65535, &v));
	ck_assert_uint_eq(v, 4520);
	ck_assert(settings_value_uint("0", 0, 10, &v));
	ck_assert_uint_eq(v, 0);
	ck_assert(settings_value_uint("4294967295", 0, UINT32_MAX, &v));
	ck_assert_uint_eq(v, UINT32_MAX);
	ck_assert(settings_value_uint("00012", 0, 100, &v));
	ck_assert_uint_eq(v, 12);
	v = 7;
	/* out of range, too big, signs, blanks, prefixes, nothing */
	ck_assert(!settings_value_uint("0", 1, 10, &v));
	ck_assert(!settings_value_uint("11", 1, 10, &v));
	ck_assert(!settings_value_uint("4294967296", 0, UINT32_MAX, &v));
	ck_assert(!settings_value_uint("99999999999999999999999", 0, UINT32_MAX, &v));
	ck_assert(!settings_value_uint("-1", 0, UINT32_MAX, &v));
	/* strtoull() took " -18446744073709551615" for 1 */
	ck_assert(!settings_value_uint(" -18446744073709551615", 0, UINT32_MAX, &v));
	ck_assert(!settings_value_uint("+5", 0, 10, &v));
	ck_assert(!settings_value_uint(" 5", 0, 10, &v));
	ck_assert(!settings_value_uint("5 ", 0, 10, &v));
	ck_assert(!settings_value_uint("0x10", 0, 100, &v));
	ck_assert(!settings_value_uint("", 0, 10, &v));
	ck_assert(!settings_value_uint(NULL, 0, 10, &v));
	/* nothing is written when refused */
	ck_assert_uint_eq(v, 7);
}
END_TEST

START_TEST(test_value_bool_choice)
{
	bool b = false;

	ck_assert(settings_value_bool("YES", &b) && b);
	ck_assert(settings_value_bool("enabled", &b) && b);
	ck_assert(settings_value_bool("1", &b) && b);
	ck_assert(settings_value_bool("False", &b) && !b);
	ck_assert(settings_value_bool("0", &b) && !b);
	ck_assert(!settings_value_bool("y", &b));
	ck_assert(!settings_value_bool("yes ", &b));
	ck_assert(!settings_value_bool("2", &b));
	ck_assert(!settings_value_bool(NULL, &b));
	ck_assert(settings_value_choice("AUTH", "init", "auth", &b) && b);
	ck_assert(settings_value_choice("init", "init", "auth", &b) && !b);
	ck_assert(!settings_value_choice("ike_auth", "init", "auth", &b));
	ck_assert(!settings_value_choice(NULL, "init", "auth", &b));
}
END_TEST

Suite *settings_diff_suite(void)
{
	Suite *s = suite_create("settings");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_diff_changed_added_removed);
	tcase_add_test(tc, test_diff_same_and_empty);
	tcase_add_test(tc, test_diff_key_prefix);
	tcase_add_test(tc, test_is_runtime);
	tcase_add_test(tc, test_value_uint);
	tcase_add_test(tc, test_value_bool_choice);
	suite_add_tcase(s, tc);
	return s;
}
