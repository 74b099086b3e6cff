/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#define _GNU_SOURCE
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "unit_tests.h"
#include "cluster_secret.h"

static char dir[64];

/**
 * Write content to a new file in the test's directory with mode.
 */
static char *make_file(const char *name, const char *content, mode_t mode)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert(f);
	fputs(content, f);
	fclose(f);
	ck_assert(chmod(path, mode) == 0);
	return path;
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/scl-secret-XXXXXX");
	ck_assert(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert(system(cmd) == 0);
}

START_TEST(test_secret_accepted)
{
	char buf[CLUSTER_SECRET_FILE_MAX], err[256];

	ck_assert(cluster_secret_read(make_file("s", "9f3c1e7a5b2d48c6\n", 0600),
								  buf, sizeof(buf), err, sizeof(err)));
	ck_assert_str_eq(buf, "9f3c1e7a5b2d48c6");
	/* the first line, without trailing blanks or CR; read-only is fine */
	ck_assert(cluster_secret_read(make_file("t", "abc def \t\r\nsecond\n",
											0400),
								  buf, sizeof(buf), err, sizeof(err)));
	ck_assert_str_eq(buf, "abc def");
	ck_assert(cluster_secret_read(make_file("u", "no newline", 0600),
								  buf, sizeof(buf), err, sizeof(err)));
	ck_assert_str_eq(buf, "no newline");
}
END_TEST

START_TEST(test_secret_refused)
{
	char buf[CLUSTER_SECRET_FILE_MAX], small[8], err[256], link[160];
	char *path;

	path = make_file("group", "9f3c1e7a5b2d48c6\n", 0640);
	ck_assert(!cluster_secret_read(path, buf, sizeof(buf), err, sizeof(err)));
	ck_assert_msg(strstr(err, "mode 0640") && strstr(err, "chmod 600"), "%s",
				  err);
	path = make_file("others", "9f3c1e7a5b2d48c6\n", 0604);
	ck_assert(!cluster_secret_read(path, buf, sizeof(buf), err, sizeof(err)));
	ck_assert_msg(strstr(err, "mode 0604"), "%s", err);
	path = make_file("gwrite", "9f3c1e7a5b2d48c6\n", 0620);
	ck_assert(!cluster_secret_read(path, buf, sizeof(buf), err, sizeof(err)));

	/* a symlink to a good file is refused: its target could change */
	path = make_file("good", "9f3c1e7a5b2d48c6\n", 0600);
	snprintf(link, sizeof(link), "%s/link", dir);
	ck_assert(symlink(path, link) == 0);
	ck_assert(!cluster_secret_read(link, buf, sizeof(buf), err, sizeof(err)));
	ck_assert_msg(strstr(err, "cannot open"), "%s", err);

	ck_assert(!cluster_secret_read(dir, buf, sizeof(buf), err, sizeof(err)));
	ck_assert_msg(strstr(err, "cannot open") || strstr(err, "not a regular"),
				  "%s", err);
	snprintf(link, sizeof(link), "%s/missing", dir);
	ck_assert(!cluster_secret_read(link, buf, sizeof(buf), err, sizeof(err)));
	ck_assert_msg(strstr(err, "No such file"), "%s", err);

	path = make_file("empty", "\n", 0600);
	ck_assert(!cluster_secret_read(path, buf, sizeof(buf), err, sizeof(err)));
	ck_assert_msg(strstr(err, "holds no secret"), "%s", err);
	path = make_file("long", "0123456789\n", 0600);
	ck_assert(!cluster_secret_read(path, small, sizeof(small), err,
								   sizeof(err)));
	ck_assert_msg(strstr(err, "longer than 7 bytes"), "%s", err);
}
END_TEST

START_TEST(test_secret_owner)
{
	char buf[CLUSTER_SECRET_FILE_MAX], err[256];
	char *path;

	path = make_file("owner", "9f3c1e7a5b2d48c6\n", 0600);
	ck_assert_msg(chown(path, 12345, 12345) == 0, "chown: %s (needs root)",
				  strerror(errno));
	ck_assert(!cluster_secret_read(path, buf, sizeof(buf), err, sizeof(err)));
	ck_assert_msg(strstr(err, "owned by uid 12345"), "%s", err);
}
END_TEST

Suite *cluster_secret_suite(void)
{
	Suite *s = suite_create("cluster_secret");
	TCase *tc;

	tc = tcase_create("file");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_secret_accepted);
	tcase_add_test(tc, test_secret_refused);
	tcase_add_test(tc, test_secret_owner);
	suite_add_tcase(s, tc);
	return s;
}
