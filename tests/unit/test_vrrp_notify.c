/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "unit_tests.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vrrp_notify.h>

/**
 * Parse a nul-terminated line from an exactly sized heap copy, so that
 * valgrind notices any read beyond its length
 */
static vrrp_line_result_t parse(const char *line, vrrp_event_t *event)
{
	vrrp_line_result_t result;
	size_t len = strlen(line);
	char *copy;

	copy = malloc(len ? len : 1);
	memcpy(copy, line, len);
	result = vrrp_notify_parse(copy, len, event);
	free(copy);
	return result;
}

static void assert_event(const char *line, bool group, const char *name,
						 vrrp_state_t state, int priority)
{
	vrrp_event_t event;

	memset(&event, 0x5a, sizeof(event));
	ck_assert_msg(parse(line, &event) == VRRP_LINE_EVENT, "'%s'", line);
	ck_assert(event.group == group);
	ck_assert_str_eq(event.name, name);
	ck_assert_int_eq(event.state, state);
	ck_assert_int_eq(event.priority, priority);
}

static void assert_result(const char *line, vrrp_line_result_t expected)
{
	vrrp_event_t event, pattern;

	memset(&pattern, 0x5a, sizeof(pattern));
	event = pattern;
	ck_assert_msg(parse(line, &event) == expected, "'%s' is not %d", line,
				  expected);
	/* only an event is written */
	ck_assert_mem_eq(&event, &pattern, sizeof(event));
}

START_TEST(test_instance)
{
	assert_event("INSTANCE \"VI_1\" MASTER 100", false, "VI_1", VRRP_MASTER,
				 100);
	assert_event("INSTANCE \"VI_1\" BACKUP 100", false, "VI_1", VRRP_BACKUP,
				 100);
	assert_event("INSTANCE \"VI_1\" FAULT 0", false, "VI_1", VRRP_FAULT, 0);
	assert_event("INSTANCE \"VI_1\" STOP 50", false, "VI_1", VRRP_STOP, 50);
	assert_event("INSTANCE \"VI_1\" DELETED 7", false, "VI_1", VRRP_DELETED,
				 7);
}
END_TEST

START_TEST(test_group)
{
	assert_event("GROUP \"G1\" MASTER 0", true, "G1", VRRP_MASTER, 0);
	assert_event("GROUP \"G1\" BACKUP 0", true, "G1", VRRP_BACKUP, 0);
	assert_event("GROUP \"G1\" FAULT 0", true, "G1", VRRP_FAULT, 0);
	assert_event("GROUP \"G1\" STOP 0", true, "G1", VRRP_STOP, 0);
	assert_event("GROUP \"G1\" DELETED 0", true, "G1", VRRP_DELETED, 0);
}
END_TEST

START_TEST(test_names)
{
	char line[128], name[VRRP_NAME_MAX + 2];

	/* anything printable but '"' */
	assert_event("INSTANCE \"a\" MASTER 1", false, "a", VRRP_MASTER, 1);
	assert_event("INSTANCE \"with space\" MASTER 1", false, "with space",
				 VRRP_MASTER, 1);
	assert_event("INSTANCE \" \" MASTER 1", false, " ", VRRP_MASTER, 1);
	assert_event("INSTANCE \"~!@#$%^&*()'\\{}\" BACKUP 2", false,
				 "~!@#$%^&*()'\\{}", VRRP_BACKUP, 2);
	assert_event("GROUP \"MASTER 1\" MASTER 1", true, "MASTER 1",
				 VRRP_MASTER, 1);

	/* longest */
	memset(name, 'n', VRRP_NAME_MAX);
	name[VRRP_NAME_MAX] = '\0';
	snprintf(line, sizeof(line), "INSTANCE \"%s\" MASTER 100", name);
	assert_event(line, false, name, VRRP_MASTER, 100);

	/* too long */
	name[VRRP_NAME_MAX] = 'n';
	name[VRRP_NAME_MAX + 1] = '\0';
	snprintf(line, sizeof(line), "INSTANCE \"%s\" MASTER 100", name);
	assert_result(line, VRRP_LINE_MALFORMED);

	/* empty */
	assert_result("INSTANCE \"\" MASTER 100", VRRP_LINE_MALFORMED);
}
END_TEST

START_TEST(test_newline)
{
	assert_event("INSTANCE \"VI_1\" MASTER 100\n", false, "VI_1",
				 VRRP_MASTER, 100);
	assert_event("GROUP \"G1\" BACKUP 0\r\n", true, "G1", VRRP_BACKUP, 0);

	/* a single one only */
	assert_result("INSTANCE \"VI_1\" MASTER 100\n\n", VRRP_LINE_MALFORMED);
	assert_result("INSTANCE \"VI_1\" MASTER 100\r", VRRP_LINE_MALFORMED);
	assert_result("INSTANCE \"VI_1\" MASTER 100\n\r", VRRP_LINE_MALFORMED);
	assert_result("INSTANCE \"VI_1\" MASTER 100\r\r\n", VRRP_LINE_MALFORMED);
	assert_result("INSTANCE \"VI_1\"\n MASTER 100", VRRP_LINE_MALFORMED);
	assert_result("\n", VRRP_LINE_MALFORMED);
	assert_result("\r\n", VRRP_LINE_MALFORMED);
}
END_TEST

START_TEST(test_priority)
{
	static const char *bad[] = {
		"256", "-1", "+1", "01", "00", "000", "0255", "1000", "", "1a",
		"a", "1 ", " 1", "1.0", "0x1", "99999999999999999999", "2550",
	};
	char line[128];
	size_t i;

	assert_event("INSTANCE \"VI_1\" MASTER 0", false, "VI_1", VRRP_MASTER, 0);
	assert_event("INSTANCE \"VI_1\" MASTER 9", false, "VI_1", VRRP_MASTER, 9);
	assert_event("INSTANCE \"VI_1\" MASTER 10", false, "VI_1", VRRP_MASTER,
				 10);
	assert_event("INSTANCE \"VI_1\" MASTER 199", false, "VI_1", VRRP_MASTER,
				 199);
	assert_event("INSTANCE \"VI_1\" MASTER 254", false, "VI_1", VRRP_MASTER,
				 254);
	assert_event("INSTANCE \"VI_1\" MASTER 255", false, "VI_1", VRRP_MASTER,
				 255);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
	{
		snprintf(line, sizeof(line), "INSTANCE \"VI_1\" MASTER %s", bad[i]);
		assert_result(line, VRRP_LINE_MALFORMED);
		snprintf(line, sizeof(line), "GROUP \"G\" BACKUP %s\n", bad[i]);
		assert_result(line, VRRP_LINE_MALFORMED);
	}
	/* no priority at all */
	assert_result("INSTANCE \"VI_1\" MASTER", VRRP_LINE_MALFORMED);
}
END_TEST

START_TEST(test_malformed)
{
	static const char *tests[] = {
		"",
		" ",
		"INSTANCE",
		"INSTANCE ",
		"INSTANCE \"VI_1\"",
		"INSTANCE \"VI_1\" ",
		"INSTANCE \"VI_1\" MASTER ",
		"INSTANCE VI_1 MASTER 100",
		"INSTANCE \"VI_1 MASTER 100",
		"INSTANCE VI_1\" MASTER 100",
		"INSTANCE 'VI_1' MASTER 100",
		"INSTANCE \"VI\"1\" MASTER 100",
		"INSTANCE \"VI_1\"\" MASTER 100",
		"INSTANCE \"\"VI_1\" MASTER 100",
		"INSTANCE  \"VI_1\" MASTER 100",
		"INSTANCE \"VI_1\"  MASTER 100",
		"INSTANCE \"VI_1\" MASTER  100",
		" INSTANCE \"VI_1\" MASTER 100",
		"INSTANCE \"VI_1\" MASTER 100 ",
		"INSTANCE \"VI_1\" MASTER 100 extra",
		"INSTANCE \"VI_1\" MASTER 100 200",
		"INSTANCE\t\"VI_1\" MASTER 100",
		"INSTANCE \"VI_1\"\tMASTER 100",
		"INSTANCE \"VI_1\" master 100",
		"INSTANCE \"VI_1\" Master 100",
		"INSTANCE \"VI_1\" MASTER1 100",
		"INSTANCE \"VI_1\" 100",
		"instance \"VI_1\" MASTER 100",
		"Instance \"VI_1\" MASTER 100",
		"INSTANCE\"VI_1\" MASTER 100",
		"INSTANCEX\"VI_1\" MASTER 100",
		"1NSTANCE \"VI_1\" MASTER 100",
		"\"VI_1\" MASTER 100",
		"MASTER",
		"VS",
		"VS ",
		"vs \"x\" UP",
		"hello world",
		"#comment",
	};
	size_t i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
	{
		assert_result(tests[i], VRRP_LINE_MALFORMED);
	}
	ck_assert_int_eq(vrrp_notify_parse(NULL, 10, NULL), VRRP_LINE_MALFORMED);
	ck_assert_int_eq(vrrp_notify_parse("x", 0, NULL), VRRP_LINE_MALFORMED);
}
END_TEST

START_TEST(test_control_chars)
{
	char line[64];
	vrrp_event_t event;
	int c;

	for (c = 0; c < 256; c++)
	{
		if (c >= 0x20 && c < 0x7f)
		{
			continue;
		}
		/* in the name, the kind, the state, the priority, at the end */
		strcpy(line, "INSTANCE \"VI_1\" MASTER 100");
		line[11] = c;
		ck_assert_int_eq(vrrp_notify_parse(line, strlen("INSTANCE \"VI_1\" "
								"MASTER 100"), &event), VRRP_LINE_MALFORMED);
		strcpy(line, "INSTANCE \"VI_1\" MASTER 100");
		line[2] = c;
		ck_assert_int_eq(vrrp_notify_parse(line, 26, &event),
						 VRRP_LINE_MALFORMED);
		strcpy(line, "INSTANCE \"VI_1\" MASTER 100");
		line[18] = c;
		ck_assert_int_eq(vrrp_notify_parse(line, 26, &event),
						 VRRP_LINE_MALFORMED);
		strcpy(line, "INSTANCE \"VI_1\" MASTER 100");
		line[24] = c;
		ck_assert_int_eq(vrrp_notify_parse(line, 26, &event),
						 VRRP_LINE_MALFORMED);
		strcpy(line, "INSTANCE \"VI_1\" MASTER 100x");
		line[26] = c;
		if (c != '\n')
		{
			ck_assert_int_eq(vrrp_notify_parse(line, 27, &event),
							 VRRP_LINE_MALFORMED);
		}
		/* and in ignored lines */
		strcpy(line, "VS \"x\" UP");
		line[4] = c;
		ck_assert_int_eq(vrrp_notify_parse(line, 9, &event),
						 VRRP_LINE_MALFORMED);
	}
}
END_TEST

START_TEST(test_line_length)
{
	char line[VRRP_LINE_MAX + 3];
	size_t len;

	/* a checker line padded to the exact maximum */
	memset(line, 'x', sizeof(line));
	memcpy(line, "RS ", 3);
	len = VRRP_LINE_MAX;
	ck_assert_int_eq(vrrp_notify_parse(line, len, NULL), VRRP_LINE_IGNORED);
	line[len] = '\n';
	ck_assert_int_eq(vrrp_notify_parse(line, len + 1, NULL),
					 VRRP_LINE_IGNORED);
	line[len] = '\r';
	line[len + 1] = '\n';
	ck_assert_int_eq(vrrp_notify_parse(line, len + 2, NULL),
					 VRRP_LINE_IGNORED);
	line[len] = 'x';
	ck_assert_int_eq(vrrp_notify_parse(line, len + 1, NULL),
					 VRRP_LINE_MALFORMED);
	line[len + 1] = '\n';
	ck_assert_int_eq(vrrp_notify_parse(line, len + 2, NULL),
					 VRRP_LINE_MALFORMED);
}
END_TEST

START_TEST(test_ignored)
{
	/* the checker's lines and kinds a later keepalived may add */
	assert_result("VS \"10.0.0.1:443\" UP", VRRP_LINE_IGNORED);
	assert_result("VS \"10.0.0.1:443\" DOWN\n", VRRP_LINE_IGNORED);
	assert_result("RS \"192.168.1.10:443\" \"10.0.0.1:443\" UP",
				  VRRP_LINE_IGNORED);
	assert_result("RS \"192.168.1.10:443\" \"10.0.0.1:443\" DOWN\r\n",
				  VRRP_LINE_IGNORED);
	assert_result("NEW_KIND anything at all: 1 2 3 \"'", VRRP_LINE_IGNORED);
	assert_result("_ x", VRRP_LINE_IGNORED);
	assert_result("INSTANCES \"VI_1\" MASTER 100", VRRP_LINE_IGNORED);
	assert_result("GROUPS \"G\" MASTER 100", VRRP_LINE_IGNORED);

	/* unknown states of well-formed instance and group lines */
	assert_result("INSTANCE \"VI_1\" MASTER_RX_LOWER_PRI 100",
				  VRRP_LINE_IGNORED);
	assert_result("INSTANCE \"VI_1\" INIT 0", VRRP_LINE_IGNORED);
	assert_result("GROUP \"G1\" UNKNOWN 0\n", VRRP_LINE_IGNORED);
	assert_result("GROUP \"G1\" MASTERS 255", VRRP_LINE_IGNORED);
	assert_result("GROUP \"G1\" _ 255", VRRP_LINE_IGNORED);
	/* but not with a broken rest */
	assert_result("INSTANCE \"VI_1\" INIT 256", VRRP_LINE_MALFORMED);
	assert_result("INSTANCE \"VI_1\" INIT", VRRP_LINE_MALFORMED);
	assert_result("INSTANCE VI_1 INIT 1", VRRP_LINE_MALFORMED);
	assert_result("INSTANCE \"VI_1\" Init 1", VRRP_LINE_MALFORMED);
}
END_TEST

START_TEST(test_prefix_length)
{
	static const char line[] = "INSTANCE \"VI_1\" MASTER 100 trailing";
	vrrp_event_t event;

	/* len, not the terminator, ends the line */
	ck_assert_int_eq(vrrp_notify_parse(line, 26, &event), VRRP_LINE_EVENT);
	ck_assert_int_eq(event.priority, 100);
	ck_assert_int_eq(vrrp_notify_parse(line, 25, &event), VRRP_LINE_EVENT);
	ck_assert_int_eq(event.priority, 10);
	ck_assert_int_eq(vrrp_notify_parse(line, 24, &event), VRRP_LINE_EVENT);
	ck_assert_int_eq(event.priority, 1);
	ck_assert_int_eq(vrrp_notify_parse(line, 23, &event),
					 VRRP_LINE_MALFORMED);
	ck_assert_int_eq(vrrp_notify_parse(line, 27, &event),
					 VRRP_LINE_MALFORMED);
	/* a NULL event just classifies */
	ck_assert_int_eq(vrrp_notify_parse(line, 26, NULL), VRRP_LINE_EVENT);
}
END_TEST

START_TEST(test_embedded_nul)
{
	static const char line[] = "INSTANCE \"VI\0_1\" MASTER 100";

	ck_assert_int_eq(vrrp_notify_parse(line, sizeof(line) - 1, NULL),
					 VRRP_LINE_MALFORMED);
}
END_TEST

START_TEST(test_state_names)
{
	ck_assert_str_eq(vrrp_state_name(VRRP_UNKNOWN), "UNKNOWN");
	ck_assert_str_eq(vrrp_state_name(VRRP_MASTER), "MASTER");
	ck_assert_str_eq(vrrp_state_name(VRRP_BACKUP), "BACKUP");
	ck_assert_str_eq(vrrp_state_name(VRRP_FAULT), "FAULT");
	ck_assert_str_eq(vrrp_state_name(VRRP_STOP), "STOP");
	ck_assert_str_eq(vrrp_state_name(VRRP_DELETED), "DELETED");
	ck_assert_str_eq(vrrp_state_name(VRRP_DELETED + 1), "UNKNOWN");
	ck_assert_str_eq(vrrp_state_name((vrrp_state_t)-1), "UNKNOWN");
}
END_TEST

/**
 * xorshift64, a fixed sequence for reproducible garbage
 */
static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

START_TEST(test_garbage)
{
	static const char alphabet[] = "INSTANCEGROUPMASTERBACKUP\"\" 0123456789_"
								   "\n\r\t\x01\xff";
	static const char *seeds[] = {
		"INSTANCE \"VI_1\" MASTER 100\n",
		"GROUP \"G1\" BACKUP 255",
		"RS \"a\" \"b\" UP",
	};
	uint64_t state = 0x9e3779b97f4a7c15ULL;
	vrrp_line_result_t result;
	vrrp_event_t event;
	char *buf;
	size_t len, i, seed;
	int round;

	for (round = 0; round < 20000; round++)
	{
		len = next_random(&state) % (VRRP_LINE_MAX + 8);
		buf = malloc(len ? len : 1);
		switch (round % 3)
		{
			case 0:
				/* uniformly random bytes */
				for (i = 0; i < len; i++)
				{
					buf[i] = next_random(&state);
				}
				break;
			case 1:
				/* tokens that come close to the grammar */
				for (i = 0; i < len; i++)
				{
					buf[i] = alphabet[next_random(&state) %
									  (sizeof(alphabet) - 1)];
				}
				break;
			default:
				/* valid lines, mutated and cut */
				seed = next_random(&state) % (sizeof(seeds) / sizeof(seeds[0]));
				len = len % (strlen(seeds[seed]) + 1);
				memcpy(buf, seeds[seed], len);
				if (len)
				{
					buf[next_random(&state) % len] = next_random(&state);
				}
				break;
		}
		memset(&event, 0, sizeof(event));
		result = vrrp_notify_parse(buf, len, &event);
		ck_assert(result == VRRP_LINE_EVENT || result == VRRP_LINE_IGNORED ||
				  result == VRRP_LINE_MALFORMED);
		if (result == VRRP_LINE_EVENT)
		{
			ck_assert_uint_ge(strlen(event.name), 1);
			ck_assert_uint_le(strlen(event.name), VRRP_NAME_MAX);
			ck_assert(strchr(event.name, '"') == NULL);
			ck_assert_int_ge(event.priority, 0);
			ck_assert_int_le(event.priority, 255);
			ck_assert(event.state >= VRRP_MASTER &&
					  event.state <= VRRP_DELETED);
		}
		free(buf);
	}
}
END_TEST

Suite *vrrp_notify_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("vrrp_notify");

	tc = tcase_create("events");
	tcase_add_test(tc, test_instance);
	tcase_add_test(tc, test_group);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_newline);
	tcase_add_test(tc, test_priority);
	tcase_add_test(tc, test_prefix_length);
	tcase_add_test(tc, test_state_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("rejects");
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_control_chars);
	tcase_add_test(tc, test_line_length);
	tcase_add_test(tc, test_ignored);
	tcase_add_test(tc, test_embedded_nul);
	tcase_add_test(tc, test_garbage);
	suite_add_tcase(s, tc);

	return s;
}
