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
#include "ctl_format.h"

/** an answer to "members" as cluster-load prints it */
static const char *members =
	"member       state    redirect-to               ike  child  half capacity weight  load% reserved   age-ms flags\n"
	"sun          alive    192.0.2.2                   3      3     1      100      1    4.0        0       12 local,master\n"
	"mars         dead     192.0.2.3                   0      0     0      200      2    0.0        2     9000 -\n"
	"venus        alive    -                           0      0     0        0      0    0.0        0        0 -,never-heard\n";

static const char *stats =
	"channel.sent 12\n"
	"channel.dropped.bad-mac 3\n"
	"redirect.to.sun 5\n"
	"channel.dropped.replayed 1\n"
	"redirect.to.mars 7\n"
	"ha.records-kept 4\n"
	"vrrp.keepalived-state MASTER\n"
	"vrrp.holds-vip yes\n";

/**
 * Run a formatter into a string (freed by the caller).
 */
static char *format(int which, const char *a, const char *b, ctl_format_t f,
					bool *ok)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	ck_assert(out);
	switch (which)
	{
		case 0:
			*ok = ctl_format_members(a, f, out);
			break;
		case 1:
			*ok = ctl_format_values(a, f, out);
			break;
		default:
			*ok = ctl_format_metrics(a, b, out);
			break;
	}
	fclose(out);
	return buf;
}

START_TEST(test_members_json)
{
	char *answer, *out;
	bool ok;

	answer = strdup(members);
	out = format(0, answer, NULL, CTL_FORMAT_JSON, &ok);
	ck_assert(ok);
	ck_assert_str_eq(out, "{\"members\":["
		"{\"member\":\"sun\",\"state\":\"alive\",\"redirect-to\":\"192.0.2.2\","
		"\"ike\":3,\"child\":3,\"half\":1,\"capacity\":100,\"weight\":1,"
		"\"load%\":4.0,\"reserved\":0,\"age-ms\":12,"
		"\"flags\":[\"local\",\"master\"]},"
		"{\"member\":\"mars\",\"state\":\"dead\",\"redirect-to\":\"192.0.2.3\","
		"\"ike\":0,\"child\":0,\"half\":0,\"capacity\":200,\"weight\":2,"
		"\"load%\":0.0,\"reserved\":2,\"age-ms\":9000,\"flags\":[]},"
		"{\"member\":\"venus\",\"state\":\"alive\",\"redirect-to\":null,"
		"\"ike\":0,\"child\":0,\"half\":0,\"capacity\":0,\"weight\":0,"
		"\"load%\":0.0,\"reserved\":0,\"age-ms\":0,"
		"\"flags\":[\"never-heard\"]}]}\n");
	free(out);
	/* text is the plugin's own table */
	out = format(0, answer, NULL, CTL_FORMAT_TEXT, &ok);
	ck_assert(ok);
	ck_assert_str_eq(out, answer);
	free(out);
	free(answer);
}
END_TEST

START_TEST(test_members_malformed)
{
	bool ok;
	char *out;

	/* a row with a word missing */
	out = format(0, "member state\nsun\n", NULL, CTL_FORMAT_JSON, &ok);
	ck_assert(!ok);
	ck_assert_str_eq(out, "");
	free(out);
	/* not a members table at all */
	out = format(0, "error: unknown command 'x'\n", NULL, CTL_FORMAT_JSON, &ok);
	ck_assert(!ok);
	free(out);
	out = format(0, "", NULL, CTL_FORMAT_TEXT, &ok);
	ck_assert(!ok);
	free(out);
	/* a header only: no members, valid */
	out = format(0, "member state\n", NULL, CTL_FORMAT_JSON, &ok);
	ck_assert(ok);
	ck_assert_str_eq(out, "{\"members\":[]}\n");
	free(out);
}
END_TEST

START_TEST(test_values)
{
	bool ok;
	char *out;

	out = format(1, "member sun\nmaster yes\nvips 192.0.2.100,2001:db8::100\n"
				 "ike 3\nodd \"x\\\n", NULL, CTL_FORMAT_JSON, &ok);
	ck_assert(ok);
	ck_assert_str_eq(out, "{\"member\":\"sun\",\"master\":true,"
					 "\"vips\":\"192.0.2.100,2001:db8::100\",\"ike\":3,"
					 "\"odd\":\"\\\"x\\\\\"}\n");
	free(out);
	out = format(1, "member sun\nkeepalived-state MASTER\n", NULL,
				 CTL_FORMAT_TEXT, &ok);
	ck_assert(ok);
	ck_assert_str_eq(out, "member            sun\n"
					 "keepalived-state  MASTER\n");
	free(out);
	/* three words on a line */
	out = format(1, "a 1\nb 2 3\n", NULL, CTL_FORMAT_JSON, &ok);
	ck_assert(!ok);
	ck_assert_str_eq(out, "");
	free(out);
	/* a control character is escaped in JSON */
	out = format(1, "a \x01\n", NULL, CTL_FORMAT_JSON, &ok);
	ck_assert(ok);
	ck_assert_str_eq(out, "{\"a\":\"\\u0001\"}\n");
	free(out);
}
END_TEST

START_TEST(test_metrics)
{
	char *answer, *out;
	bool ok;

	answer = strdup(members);
	out = format(2, answer, stats, CTL_FORMAT_TEXT, &ok);
	ck_assert(ok);
	/* every member's state as a 0/1 per state */
	ck_assert(strstr(out, "# TYPE strongswan_cluster_member_state gauge\n"
		"strongswan_cluster_member_state{member=\"sun\",state=\"alive\"} 1\n"
		"strongswan_cluster_member_state{member=\"sun\",state=\"draining\"} 0\n"
		"strongswan_cluster_member_state{member=\"sun\",state=\"dead\"} 0\n"
		"strongswan_cluster_member_state{member=\"mars\",state=\"alive\"} 0\n"));
	/* scaled to base units: ratio and seconds */
	ck_assert(strstr(out, "strongswan_cluster_member_load_ratio{member=\"sun\"} 0.04\n"));
	ck_assert(strstr(out, "strongswan_cluster_member_report_age_seconds{member=\"mars\"} 9\n"));
	/* a never-heard member has no address, but a capacity of 0 */
	ck_assert(strstr(out, "strongswan_cluster_member_capacity{member=\"venus\"} 0\n"));
	ck_assert(strstr(out, "strongswan_cluster_member_master{member=\"sun\"} 1\n"
		"strongswan_cluster_member_master{member=\"mars\"} 0\n"));
	/* counters end in _total; a family's samples stay together although
	 * the answer interleaves them */
	ck_assert(strstr(out, "# TYPE strongswan_cluster_channel_sent_total counter\n"
		"strongswan_cluster_channel_sent_total 12\n"));
	ck_assert(strstr(out, "# TYPE strongswan_cluster_channel_dropped_total counter\n"
		"strongswan_cluster_channel_dropped_total{reason=\"bad-mac\"} 3\n"
		"strongswan_cluster_channel_dropped_total{reason=\"replayed\"} 1\n"));
	ck_assert(strstr(out, "# TYPE strongswan_cluster_redirect_to_total counter\n"
		"strongswan_cluster_redirect_to_total{member=\"sun\"} 5\n"
		"strongswan_cluster_redirect_to_total{member=\"mars\"} 7\n"));
	/* levels are gauges; states are labels; yes/no are 1/0 */
	ck_assert(strstr(out, "# TYPE strongswan_cluster_ha_records_kept gauge\n"
		"strongswan_cluster_ha_records_kept 4\n"));
	ck_assert(strstr(out, "strongswan_cluster_vrrp_keepalived_state{value=\"MASTER\"} 1\n"));
	ck_assert(strstr(out, "strongswan_cluster_vrrp_holds_vip 1\n"));
	free(out);

	/* a malformed stats line prints nothing at all */
	out = format(2, answer, "channel.sent\n", CTL_FORMAT_TEXT, &ok);
	ck_assert(!ok);
	ck_assert_str_eq(out, "");
	free(out);
	out = format(2, "error: x\n", stats, CTL_FORMAT_TEXT, &ok);
	ck_assert(!ok);
	free(out);
	free(answer);
}
END_TEST

START_TEST(test_metrics_label_escaping)
{
	char *out;
	bool ok;

	out = format(2, "member state\n", "redirect.to.a\"b\\c 1\n",
				 CTL_FORMAT_TEXT, &ok);
	ck_assert(ok);
	ck_assert(strstr(out, "strongswan_cluster_redirect_to_total{member=\"a\\\"b\\\\c\"} 1\n"));
	free(out);
}
END_TEST

Suite *ctl_format_suite(void)
{
	Suite *s = suite_create("ctl_format");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_members_json);
	tcase_add_test(tc, test_members_malformed);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_metrics);
	tcase_add_test(tc, test_metrics_label_escaping);
	suite_add_tcase(s, tc);
	return s;
}
