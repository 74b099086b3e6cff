/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include <check.h>
#include <string.h>

#include "unit_tests.h"
#include "control_request.h"

/**
 * Parse str as received so far.
 */
static control_request_result_t parse(const char *str, bool eof, char **argv,
									  int *argc)
{
	static char buf[CONTROL_REQUEST_MAX];
	size_t len = strlen(str);

	ck_assert(len < sizeof(buf));
	memcpy(buf, str, len);
	return control_request_parse(buf, len, sizeof(buf), eof, argv, argc);
}

START_TEST(test_request_words)
{
	char *argv[CONTROL_ARGS_MAX];
	int argc;

	ck_assert_int_eq(parse("members\n", false, argv, &argc),
					 CONTROL_REQUEST_OK);
	ck_assert_int_eq(argc, 1);
	ck_assert_str_eq(argv[0], "members");
	ck_assert_int_eq(parse(" \tdrain  now\r\nignored", false, argv, &argc),
					 CONTROL_REQUEST_OK);
	ck_assert_int_eq(argc, 2);
	ck_assert_str_eq(argv[0], "drain");
	ck_assert_str_eq(argv[1], "now");
	/* the last line at EOF needs no newline */
	ck_assert_int_eq(parse("stats", true, argv, &argc), CONTROL_REQUEST_OK);
	ck_assert_str_eq(argv[0], "stats");
	/* words beyond CONTROL_ARGS_MAX are ignored */
	ck_assert_int_eq(parse("a b c d e f g h i j\n", false, argv, &argc),
					 CONTROL_REQUEST_OK);
	ck_assert_int_eq(argc, CONTROL_ARGS_MAX);
	ck_assert_str_eq(argv[CONTROL_ARGS_MAX - 1], "h");
}
END_TEST

START_TEST(test_request_incomplete_empty_long)
{
	char *argv[CONTROL_ARGS_MAX], buf[CONTROL_REQUEST_MAX], small[8];
	int argc;

	ck_assert_int_eq(parse("memb", false, argv, &argc),
					 CONTROL_REQUEST_INCOMPLETE);
	ck_assert_int_eq(parse("", true, argv, &argc), CONTROL_REQUEST_EMPTY);
	ck_assert_int_eq(parse(" \t\r\n", false, argv, &argc),
					 CONTROL_REQUEST_EMPTY);
	ck_assert_int_eq(argc, 0);
	/* a NUL ends the line */
	memcpy(buf, "stats\0drain\n", 12);
	ck_assert_int_eq(control_request_parse(buf, 12, sizeof(buf), false, argv,
										   &argc), CONTROL_REQUEST_OK);
	ck_assert_int_eq(argc, 1);
	ck_assert_str_eq(argv[0], "stats");
	/* a full buffer without newline, whether the client goes on or not */
	memset(small, 'x', sizeof(small));
	ck_assert_int_eq(control_request_parse(small, sizeof(small) - 1,
										   sizeof(small), false, argv, &argc),
					 CONTROL_REQUEST_TOO_LONG);
	ck_assert_int_eq(control_request_parse(small, sizeof(small) - 1,
										   sizeof(small), true, argv, &argc),
					 CONTROL_REQUEST_TOO_LONG);
	ck_assert_int_eq(control_request_parse(small, sizeof(small),
										   sizeof(small), true, argv, &argc),
					 CONTROL_REQUEST_TOO_LONG);
	/* one byte less fits */
	memcpy(small, "abcdef\n", 7);
	ck_assert_int_eq(control_request_parse(small, 7, sizeof(small), false,
										   argv, &argc), CONTROL_REQUEST_OK);
	ck_assert_str_eq(argv[0], "abcdef");
}
END_TEST

Suite *control_request_suite(void)
{
	Suite *s = suite_create("control_request");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_request_words);
	tcase_add_test(tc, test_request_incomplete_empty_long);
	suite_add_tcase(s, tc);
	return s;
}
