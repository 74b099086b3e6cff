/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "unit_tests.h"

#include <stdio.h>
#include <string.h>
#include <pthread.h>

#include <cluster_table.h>

/** report interval of the simulated members */
#define INTERVAL 1000

/**
 * A simulated member: what it puts into its reports.
 */
typedef struct {
	const char *name;
	bool local;
	uint32_t ike_sas;
	uint32_t half_open;
	uint32_t capacity;
	uint16_t weight;
	uint8_t state;
	uint32_t interval_ms;
	uint64_t counter;
} sim_t;

static cluster_load_report_t sim_make(sim_t *m)
{
	cluster_load_report_t r;

	memset(&r, 0, sizeof(r));
	snprintf(r.name, sizeof(r.name), "%s", m->name);
	r.counter = ++m->counter;
	r.interval_ms = m->interval_ms ?: INTERVAL;
	ck_assert(cluster_addr_from_string("192.0.2.1", &r.redirect_to));
	r.ike_sas = m->ike_sas;
	r.half_open = m->half_open;
	r.capacity = m->capacity ?: 100;
	r.weight = m->weight ?: 1;
	r.state = m->state;
	return r;
}

/**
 * Let a member report its load
 */
static void sim_report(cluster_table_t *t, sim_t *m, uint64_t now_ms)
{
	cluster_load_report_t r = sim_make(m);

	if (m->local)
	{
		t->set_local(t, &r, now_ms);
	}
	else
	{
		ck_assert_int_eq(t->update(t, &r, now_ms, 0), CLUSTER_UPDATE_OK);
	}
}

static void sim_report_all(cluster_table_t *t, sim_t *m, int n,
						   uint64_t now_ms)
{
	int i;

	for (i = 0; i < n; i++)
	{
		sim_report(t, &m[i], now_ms);
	}
}

/**
 * A table with the given members, all of them reporting at now_ms
 */
static cluster_table_t *sim_create(const cluster_table_config_t *config,
								   sim_t *m, int n, uint64_t now_ms)
{
	cluster_table_t *t;
	int i;

	t = cluster_table_create(config);
	ck_assert_ptr_nonnull(t);
	for (i = 0; i < n; i++)
	{
		ck_assert(t->add_member(t, m[i].name, m[i].local));
	}
	sim_report_all(t, m, n, now_ms);
	return t;
}

static int sim_find(sim_t *m, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
	{
		if (strcmp(m[i].name, name) == 0)
		{
			return i;
		}
	}
	ck_abort_msg("chosen unknown member %s", name);
	return -1;
}

/**
 * Select and return the index of the chosen member
 */
static int sim_select(cluster_table_t *t, sim_t *m, int n, uint64_t now_ms,
					  bool exclude_local)
{
	cluster_member_info_t info;

	ck_assert_int_eq(t->select(t, now_ms, exclude_local, &info),
					 CLUSTER_SELECT_OK);
	return sim_find(m, n, info.report.name);
}

static cluster_member_info_t member(cluster_table_t *t, const char *name,
									uint64_t now_ms)
{
	cluster_member_info_t info;

	ck_assert(t->get_member(t, name, now_ms, &info));
	return info;
}

static void assert_within_one(uint64_t value, uint64_t expected)
{
	ck_assert_msg(value + 1 >= expected && value <= expected + 1,
				  "%llu is not %llu +-1", (unsigned long long)value,
				  (unsigned long long)expected);
}

/*******************************************************************************
 * names and configuration
 */

START_TEST(test_result_names)
{
	ck_assert_str_eq(cluster_update_result_name(CLUSTER_UPDATE_OK), "ok");
	ck_assert_str_eq(cluster_update_result_name(CLUSTER_UPDATE_UNKNOWN_MEMBER),
					 "unknown-member");
	ck_assert_str_eq(cluster_update_result_name(CLUSTER_UPDATE_LOCAL_NAME),
					 "local-name");
	ck_assert_str_eq(cluster_update_result_name(CLUSTER_UPDATE_REPLAYED),
					 "replayed");
	ck_assert_str_eq(cluster_update_result_name(CLUSTER_UPDATE_STALE),
					 "stale");
	ck_assert_ptr_nonnull(cluster_update_result_name(
											CLUSTER_UPDATE_RESULT_MAX));

	ck_assert_str_eq(cluster_select_result_name(CLUSTER_SELECT_OK), "ok");
	ck_assert_str_eq(cluster_select_result_name(CLUSTER_SELECT_NONE_ALIVE),
					 "none-alive");
	ck_assert_str_eq(cluster_select_result_name(CLUSTER_SELECT_ALL_DRAINING),
					 "all-draining");
	ck_assert_str_eq(cluster_select_result_name(CLUSTER_SELECT_ALL_FULL),
					 "all-full");
	ck_assert_ptr_nonnull(cluster_select_result_name(
											CLUSTER_SELECT_RESULT_MAX));
}
END_TEST

START_TEST(test_add_member)
{
	cluster_table_t *t;
	char name[16];
	int i;

	t = cluster_table_create(NULL);
	ck_assert(!t->add_member(t, NULL, false));
	ck_assert(!t->add_member(t, "", false));
	ck_assert(!t->add_member(t, "a b", false));
	ck_assert(!t->add_member(t, "123456789012345678901234567890123", false));
	ck_assert(t->add_member(t, "a", true));
	ck_assert(!t->add_member(t, "a", false));
	ck_assert(!t->add_member(t, "b", true));
	ck_assert(t->add_member(t, "b", false));
	ck_assert(!t->add_member(t, "b", false));
	for (i = 2; i < CLUSTER_MEMBERS_MAX; i++)
	{
		snprintf(name, sizeof(name), "m%d", i);
		ck_assert(t->add_member(t, name, false));
	}
	ck_assert(!t->add_member(t, "one-too-many", false));
	ck_assert(t->get_member(t, "m255", 0, NULL));
	ck_assert(!t->get_member(t, "one-too-many", 0, NULL));
	ck_assert(!t->get_member(t, NULL, 0, NULL));
	t->destroy(t);
}
END_TEST

START_TEST(test_empty_table)
{
	cluster_table_t *t;
	cluster_member_info_t info[2];
	cluster_load_report_t r;
	sim_t m = { .name = "a" };

	t = cluster_table_create(NULL);
	ck_assert_int_eq(t->select(t, 0, false, info), CLUSTER_SELECT_NONE_ALIVE);
	ck_assert_int_eq(t->select(t, 0, true, NULL), CLUSTER_SELECT_NONE_ALIVE);
	ck_assert_int_eq(t->get_members(t, 0, info, 2), 0);
	r = sim_make(&m);
	ck_assert_int_eq(t->update(t, &r, 0, 0), CLUSTER_UPDATE_UNKNOWN_MEMBER);
	/* no local member: ignored */
	t->set_local(t, &r, 0);
	ck_assert_int_eq(t->get_members(t, 0, info, 2), 0);
	t->destroy(t);
}
END_TEST

/*******************************************************************************
 * updates
 */

START_TEST(test_update_unknown)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" } };
	sim_t x = { .name = "x" };
	cluster_load_report_t r;
	cluster_table_t *t;

	t = sim_create(NULL, m, 2, 0);
	r = sim_make(&x);
	ck_assert_int_eq(t->update(t, &r, 10, 0), CLUSTER_UPDATE_UNKNOWN_MEMBER);
	ck_assert(!t->get_member(t, "x", 10, NULL));

	/* a prefix or extension of a member's name is another name */
	strcpy(r.name, "bb");
	ck_assert_int_eq(t->update(t, &r, 10, 0), CLUSTER_UPDATE_UNKNOWN_MEMBER);
	strcpy(r.name, "");
	ck_assert_int_eq(t->update(t, &r, 10, 0), CLUSTER_UPDATE_UNKNOWN_MEMBER);
	/* unterminated */
	memset(r.name, 'b', sizeof(r.name));
	ck_assert_int_eq(t->update(t, &r, 10, 0), CLUSTER_UPDATE_UNKNOWN_MEMBER);
	ck_assert_int_eq(t->update(t, NULL, 10, 0),
					 CLUSTER_UPDATE_UNKNOWN_MEMBER);
	t->destroy(t);
}
END_TEST

START_TEST(test_update_local_name)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" } };
	cluster_load_report_t r;
	cluster_table_t *t;

	t = cluster_table_create(NULL);
	ck_assert(t->add_member(t, "a", true));
	ck_assert(t->add_member(t, "b", false));

	m[0].ike_sas = 42;
	r = sim_make(&m[0]);
	ck_assert_int_eq(t->update(t, &r, 10, 0), CLUSTER_UPDATE_LOCAL_NAME);
	/* not taken as the local member's load */
	ck_assert(!member(t, "a", 10).seen);
	ck_assert_int_eq(member(t, "a", 10).state, CLUSTER_MEMBER_DEAD);

	t->set_local(t, &r, 20);
	ck_assert(member(t, "a", 20).seen);
	ck_assert_uint_eq(member(t, "a", 20).report.ike_sas, 42);
	ck_assert_int_eq(t->update(t, &r, 30, 0), CLUSTER_UPDATE_LOCAL_NAME);
	t->destroy(t);
}
END_TEST

START_TEST(test_update_replay)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" },
				  { .name = "c" } };
	cluster_load_report_t r;
	cluster_table_t *t;

	t = cluster_table_create(NULL);
	ck_assert(t->add_member(t, "a", true));
	ck_assert(t->add_member(t, "b", false));
	ck_assert(t->add_member(t, "c", false));

	/* the first report is accepted whatever its counter */
	r = sim_make(&m[1]);
	r.counter = 0;
	r.ike_sas = 1;
	ck_assert_int_eq(t->update(t, &r, 10, 0), CLUSTER_UPDATE_OK);
	r.ike_sas = 2;
	ck_assert_int_eq(t->update(t, &r, 11, 0), CLUSTER_UPDATE_REPLAYED);

	r.counter = 1000;
	r.ike_sas = 3;
	ck_assert_int_eq(t->update(t, &r, 12, 0), CLUSTER_UPDATE_OK);
	/* equal */
	r.ike_sas = 4;
	ck_assert_int_eq(t->update(t, &r, 13, 0), CLUSTER_UPDATE_REPLAYED);
	/* lower */
	r.counter = 999;
	ck_assert_int_eq(t->update(t, &r, 14, 0), CLUSTER_UPDATE_REPLAYED);
	r.counter = 0;
	ck_assert_int_eq(t->update(t, &r, 14, 0), CLUSTER_UPDATE_REPLAYED);
	/* a replay changes nothing */
	ck_assert_uint_eq(member(t, "b", 15).report.ike_sas, 3);
	ck_assert_uint_eq(member(t, "b", 15).report.counter, 1000);
	ck_assert_uint_eq(member(t, "b", 15).age_ms, 3);

	r.counter = 1001;
	r.ike_sas = 5;
	ck_assert_int_eq(t->update(t, &r, 16, 0), CLUSTER_UPDATE_OK);
	ck_assert_uint_eq(member(t, "b", 16).report.ike_sas, 5);

	/* counters are per member */
	r = sim_make(&m[2]);
	r.counter = 7;
	ck_assert_int_eq(t->update(t, &r, 17, 0), CLUSTER_UPDATE_OK);
	r = sim_make(&m[1]);
	r.counter = UINT64_MAX;
	ck_assert_int_eq(t->update(t, &r, 18, 0), CLUSTER_UPDATE_OK);
	ck_assert_int_eq(t->update(t, &r, 19, 0), CLUSTER_UPDATE_REPLAYED);
	t->destroy(t);
}
END_TEST

START_TEST(test_update_skew)
{
	cluster_table_config_t config = { .max_skew_us = 1000000 };
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" },
				  { .name = "c" } };
	uint64_t wall = 10000000;
	cluster_load_report_t r;
	cluster_table_t *t;

	t = cluster_table_create(&config);
	ck_assert(t->add_member(t, "a", true));
	ck_assert(t->add_member(t, "b", false));
	ck_assert(t->add_member(t, "c", false));

	r = sim_make(&m[1]);
	r.counter = wall - 1000000;
	ck_assert_int_eq(t->update(t, &r, 1, wall), CLUSTER_UPDATE_OK);
	r.counter = wall + 1000000;
	ck_assert_int_eq(t->update(t, &r, 2, wall), CLUSTER_UPDATE_OK);
	r.counter = wall + 1000001;
	ck_assert_int_eq(t->update(t, &r, 3, wall), CLUSTER_UPDATE_STALE);
	/* a stale report is not accepted, its counter neither */
	ck_assert_uint_eq(member(t, "b", 3).report.counter, wall + 1000000);
	r.counter = wall + 1000001;
	ck_assert_int_eq(t->update(t, &r, 4, wall + 1), CLUSTER_UPDATE_OK);
	/* replay is checked first */
	r.counter = 1;
	ck_assert_int_eq(t->update(t, &r, 5, wall), CLUSTER_UPDATE_REPLAYED);

	/* too old, on a first report */
	r = sim_make(&m[2]);
	r.counter = wall - 1000001;
	ck_assert_int_eq(t->update(t, &r, 6, wall), CLUSTER_UPDATE_STALE);
	ck_assert(!member(t, "c", 6).seen);
	r.counter = 0;
	ck_assert_int_eq(t->update(t, &r, 6, UINT64_MAX), CLUSTER_UPDATE_STALE);
	r.counter = UINT64_MAX;
	ck_assert_int_eq(t->update(t, &r, 6, 0), CLUSTER_UPDATE_STALE);
	r.counter = wall;
	ck_assert_int_eq(t->update(t, &r, 6, wall), CLUSTER_UPDATE_OK);
	t->destroy(t);

	/* without max_skew_us, any counter goes */
	t = cluster_table_create(NULL);
	ck_assert(t->add_member(t, "b", false));
	r = sim_make(&m[1]);
	r.counter = 1;
	ck_assert_int_eq(t->update(t, &r, 1, UINT64_MAX), CLUSTER_UPDATE_OK);
	r.counter = UINT64_MAX;
	ck_assert_int_eq(t->update(t, &r, 2, 0), CLUSTER_UPDATE_OK);
	t->destroy(t);
}
END_TEST

/*******************************************************************************
 * liveness
 */

START_TEST(test_never_heard)
{
	cluster_member_info_t info;
	cluster_table_t *t;

	t = cluster_table_create(NULL);
	ck_assert(t->add_member(t, "a", true));
	ck_assert(t->add_member(t, "b", false));
	info = member(t, "b", 100000);
	ck_assert_str_eq(info.report.name, "b");
	ck_assert_int_eq(info.state, CLUSTER_MEMBER_DEAD);
	ck_assert(!info.seen);
	ck_assert(!info.local);
	ck_assert_uint_eq(info.age_ms, 0);
	ck_assert_uint_eq(info.report.capacity, 0);
	ck_assert_uint_eq(info.report.counter, 0);
	ck_assert_uint_eq(info.report.interval_ms, 0);

	/* the local member is dead until set_local() */
	info = member(t, "a", 100000);
	ck_assert_int_eq(info.state, CLUSTER_MEMBER_DEAD);
	ck_assert(info.local);
	ck_assert(!info.seen);
	ck_assert_int_eq(t->select(t, 100000, false, &info),
					 CLUSTER_SELECT_NONE_ALIVE);
	t->destroy(t);
}
END_TEST

START_TEST(test_dead_after)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" } };
	cluster_member_info_t info;
	cluster_table_t *t;

	t = sim_create(NULL, m, 2, 1000);

	info = member(t, "b", 4000);
	ck_assert_int_eq(info.state, CLUSTER_MEMBER_ALIVE);
	ck_assert_uint_eq(info.age_ms, 3000);
	ck_assert_int_eq(sim_select(t, m, 2, 4000, true), 1);

	info = member(t, "b", 4001);
	ck_assert_int_eq(info.state, CLUSTER_MEMBER_DEAD);
	ck_assert(info.seen);
	ck_assert_uint_eq(info.age_ms, 3001);
	/* a pure director does not count itself: nobody is alive */
	ck_assert_int_eq(t->select(t, 4001, true, &info),
					 CLUSTER_SELECT_NONE_ALIVE);
	ck_assert_int_eq(sim_select(t, m, 2, 4001, false), 0);

	/* alive again when reports resume */
	sim_report(t, &m[1], 9000);
	ck_assert_int_eq(member(t, "b", 9000).state, CLUSTER_MEMBER_ALIVE);
	ck_assert_uint_eq(member(t, "b", 9000).age_ms, 0);
	ck_assert_int_eq(sim_select(t, m, 2, 9001, true), 1);

	/* the interval of the last report counts */
	m[1].interval_ms = 10;
	sim_report(t, &m[1], 10000);
	ck_assert_int_eq(member(t, "b", 10030).state, CLUSTER_MEMBER_ALIVE);
	ck_assert_int_eq(member(t, "b", 10031).state, CLUSTER_MEMBER_DEAD);
	t->destroy(t);
}
END_TEST

START_TEST(test_dead_after_config)
{
	cluster_table_config_t config = { .dead_after = 5 };
	sim_t m[] = { { .name = "b" } };
	cluster_member_info_t info;
	cluster_table_t *t;

	t = sim_create(&config, m, 1, 0);
	ck_assert_int_eq(member(t, "b", 5000).state, CLUSTER_MEMBER_ALIVE);
	ck_assert_int_eq(member(t, "b", 5001).state, CLUSTER_MEMBER_DEAD);
	ck_assert_int_eq(t->select(t, 5001, false, &info),
					 CLUSTER_SELECT_NONE_ALIVE);
	t->destroy(t);
}
END_TEST

START_TEST(test_local_never_dead)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" } };
	cluster_member_info_t info;
	cluster_table_t *t;

	t = sim_create(NULL, m, 2, 0);
	info = member(t, "a", 1000000000);
	ck_assert_int_eq(info.state, CLUSTER_MEMBER_ALIVE);
	ck_assert(info.seen);
	ck_assert(info.local);
	ck_assert_uint_eq(info.age_ms, 1000000000);
	ck_assert_int_eq(member(t, "b", 1000000000).state, CLUSTER_MEMBER_DEAD);
	ck_assert_int_eq(sim_select(t, m, 2, 1000000000, false), 0);
	t->destroy(t);
}
END_TEST

START_TEST(test_clock_race)
{
	sim_t m[] = { { .name = "b" } };
	cluster_table_t *t;

	/* a time before the last report is no age, not a huge one */
	t = sim_create(NULL, m, 1, 5000);
	ck_assert_int_eq(member(t, "b", 4000).state, CLUSTER_MEMBER_ALIVE);
	ck_assert_uint_eq(member(t, "b", 4000).age_ms, 0);
	ck_assert_int_eq(sim_select(t, m, 1, 4000, false), 0);
	ck_assert_uint_eq(member(t, "b", 4000).reserved, 1);
	t->destroy(t);
}
END_TEST

/*******************************************************************************
 * selection: reasons for no choice
 */

START_TEST(test_draining_excluded)
{
	sim_t m[] = { { .name = "a", .local = true,
					.state = CLUSTER_MEMBER_DRAINING },
				  { .name = "b" },
				  { .name = "c", .state = CLUSTER_MEMBER_DRAINING } };
	cluster_member_info_t info;
	cluster_table_t *t;
	int i;

	t = sim_create(NULL, m, 3, 0);
	ck_assert_int_eq(member(t, "a", 0).state, CLUSTER_MEMBER_DRAINING);
	ck_assert_int_eq(member(t, "c", 0).state, CLUSTER_MEMBER_DRAINING);
	for (i = 0; i < 10; i++)
	{
		ck_assert_int_eq(sim_select(t, m, 3, i, false), 1);
	}
	m[1].state = CLUSTER_MEMBER_DRAINING;
	sim_report(t, &m[1], 10);
	ck_assert_int_eq(t->select(t, 10, false, &info),
					 CLUSTER_SELECT_ALL_DRAINING);
	ck_assert_int_eq(t->select(t, 10, true, &info),
					 CLUSTER_SELECT_ALL_DRAINING);
	/* draining members keep their tunnels and stay alive */
	ck_assert_int_eq(member(t, "b", 10).state, CLUSTER_MEMBER_DRAINING);
	ck_assert_uint_eq(member(t, "b", 10).chosen, 10);
	/* draining and dead: draining */
	ck_assert_int_eq(t->select(t, 3001, false, &info),
					 CLUSTER_SELECT_ALL_DRAINING);
	/* all dead but the local one, which a pure director excludes */
	ck_assert_int_eq(t->select(t, 4000, true, &info),
					 CLUSTER_SELECT_NONE_ALIVE);
	ck_assert_int_eq(t->select(t, 4000, false, &info),
					 CLUSTER_SELECT_ALL_DRAINING);
	t->destroy(t);
}
END_TEST

START_TEST(test_full_excluded)
{
	sim_t m[] = { { .name = "a", .local = true, .capacity = 10,
					.ike_sas = 10 },
				  { .name = "b", .capacity = 10, .ike_sas = 5,
					.half_open = 5 },
				  { .name = "c", .capacity = 10, .ike_sas = 8 } };
	cluster_member_info_t info;
	cluster_table_t *t;

	/* established and half-open count, and reservations */
	t = sim_create(NULL, m, 3, 0);
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 2);
	ck_assert_int_eq(sim_select(t, m, 3, 2, false), 2);
	ck_assert_int_eq(t->select(t, 3, false, &info), CLUSTER_SELECT_ALL_FULL);
	ck_assert_int_eq(t->select(t, 3, true, &info), CLUSTER_SELECT_ALL_FULL);

	/* the others dead, the local member alive but full or excluded */
	ck_assert_int_eq(t->select(t, 3001, true, &info),
					 CLUSTER_SELECT_NONE_ALIVE);
	ck_assert_int_eq(t->select(t, 3001, false, &info),
					 CLUSTER_SELECT_ALL_FULL);

	/* full and draining: full */
	m[1].state = CLUSTER_MEMBER_DRAINING;
	m[2].ike_sas = 10;
	sim_report_all(t, m, 3, 4000);
	ck_assert_int_eq(t->select(t, 4000, false, &info),
					 CLUSTER_SELECT_ALL_FULL);
	t->destroy(t);
}
END_TEST

START_TEST(test_reservations_fill)
{
	sim_t m[] = { { .name = "b", .capacity = 1 } };
	cluster_member_info_t info;
	cluster_table_t *t;

	t = sim_create(NULL, m, 1, 0);
	ck_assert_int_eq(t->select(t, 0, false, &info), CLUSTER_SELECT_OK);
	ck_assert_uint_eq(info.reserved, 1);
	ck_assert_int_eq(t->select(t, 1, false, &info), CLUSTER_SELECT_ALL_FULL);
	t->destroy(t);
}
END_TEST

START_TEST(test_exclude_local)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" } };
	cluster_member_info_t info;
	cluster_table_t *t;
	int i;

	t = sim_create(NULL, m, 2, 0);
	for (i = 0; i < 20; i++)
	{
		ck_assert_int_eq(sim_select(t, m, 2, 0, true), 1);
	}
	ck_assert_uint_eq(member(t, "a", 0).chosen, 0);
	ck_assert_uint_eq(member(t, "b", 0).chosen, 20);

	/* b full: only the local member is left */
	m[1].ike_sas = 100;
	sim_report(t, &m[1], 1000);
	ck_assert_int_eq(t->select(t, 1000, true, &info),
					 CLUSTER_SELECT_ALL_FULL);
	ck_assert_int_eq(sim_select(t, m, 2, 1000, false), 0);

	/* b dead: the local one is alive, but excluded */
	ck_assert_int_eq(t->select(t, 5000, true, &info),
					 CLUSTER_SELECT_NONE_ALIVE);
	ck_assert_int_eq(sim_select(t, m, 2, 5000, false), 0);

	/* the local one draining as well: that matters only when it counts */
	m[0].state = CLUSTER_MEMBER_DRAINING;
	sim_report(t, &m[0], 5000);
	ck_assert_int_eq(t->select(t, 5000, true, &info),
					 CLUSTER_SELECT_NONE_ALIVE);
	ck_assert_int_eq(t->select(t, 5000, false, &info),
					 CLUSTER_SELECT_ALL_DRAINING);
	t->destroy(t);
}
END_TEST

START_TEST(test_only_local)
{
	sim_t m[] = { { .name = "a", .local = true } };
	cluster_member_info_t info;
	cluster_table_t *t;

	t = sim_create(NULL, m, 1, 0);
	ck_assert_int_eq(t->select(t, 0, true, &info), CLUSTER_SELECT_NONE_ALIVE);
	ck_assert_int_eq(t->select(t, 0, false, &info), CLUSTER_SELECT_OK);
	ck_assert(info.local);
	ck_assert_str_eq(info.report.name, "a");
	t->destroy(t);
}
END_TEST

START_TEST(test_reported_dead)
{
	sim_t m[] = { { .name = "a", .local = true,
					.state = CLUSTER_MEMBER_DEAD }, { .name = "b" } };
	cluster_member_info_t info;
	cluster_table_t *t;

	/* set_local() is not validated; a local member calling itself dead
	 * is dead */
	t = sim_create(NULL, m, 2, 0);
	ck_assert_int_eq(member(t, "a", 0).state, CLUSTER_MEMBER_DEAD);
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 1);
	ck_assert_int_eq(t->select(t, 5000, false, &info),
					 CLUSTER_SELECT_NONE_ALIVE);
	t->destroy(t);
}
END_TEST

/*******************************************************************************
 * selection: distribution
 */

/**
 * Select clients one by one, each counted by the next reports of all
 * members, which arrive after the reservation grace.
 */
static void run_with_reports(sim_t *m, int n, int rounds,
							 cluster_table_t **table)
{
	cluster_table_t *t;
	uint64_t now = 0;
	int i;

	t = sim_create(NULL, m, n, now);
	for (i = 0; i < rounds; i++)
	{
		now += 10;
		m[sim_select(t, m, n, now, false)].ike_sas++;
		now += 600;
		sim_report_all(t, m, n, now);
	}
	*table = t;
}

START_TEST(test_shares_capacity)
{
	sim_t m[] = { { .name = "a", .local = true, .capacity = 1000 },
				  { .name = "b", .capacity = 1000 },
				  { .name = "c", .capacity = 2000 } };
	cluster_member_info_t info[3];
	cluster_table_t *t;
	int i;

	run_with_reports(m, 3, 400, &t);
	assert_within_one(m[0].ike_sas, 100);
	assert_within_one(m[1].ike_sas, 100);
	assert_within_one(m[2].ike_sas, 200);

	ck_assert_int_eq(t->get_members(t, 400 * 610, info, 3), 3);
	for (i = 0; i < 3; i++)
	{
		ck_assert_uint_eq(info[i].chosen, m[i].ike_sas);
		ck_assert_uint_eq(info[i].report.ike_sas, m[i].ike_sas);
		/* all reservations ended with the reports */
		ck_assert_uint_eq(info[i].reserved, 0);
	}
	t->destroy(t);
}
END_TEST

START_TEST(test_shares_weight)
{
	sim_t m[] = { { .name = "a", .local = true, .capacity = 1000 },
				  { .name = "b", .capacity = 1000 },
				  { .name = "c", .capacity = 1000, .weight = 2 } };
	cluster_table_t *t;

	run_with_reports(m, 3, 400, &t);
	assert_within_one(m[0].ike_sas, 100);
	assert_within_one(m[1].ike_sas, 100);
	assert_within_one(m[2].ike_sas, 200);
	t->destroy(t);
}
END_TEST

START_TEST(test_shares_existing_load)
{
	sim_t m[] = { { .name = "a", .local = true, .capacity = 1000,
					.ike_sas = 50 },
				  { .name = "b", .capacity = 1000 },
				  { .name = "c", .capacity = 2000, .half_open = 20 } };
	cluster_table_t *t;

	/* those with load get fewer new clients until the fractions meet:
	 * 250 in all, 62.5 : 62.5 : 125 */
	run_with_reports(m, 3, 180, &t);
	assert_within_one(m[0].ike_sas, 62);
	assert_within_one(m[1].ike_sas, 62);
	assert_within_one(m[2].ike_sas, 105);
	ck_assert_uint_eq(m[0].ike_sas + m[1].ike_sas + m[2].ike_sas, 230);
	t->destroy(t);
}
END_TEST

START_TEST(test_burst)
{
	sim_t m[] = { { .name = "a", .local = true, .capacity = 1000 },
				  { .name = "b", .capacity = 1000 },
				  { .name = "c", .capacity = 2000 } };
	cluster_member_info_t info[3];
	int count[3] = {}, i;
	cluster_table_t *t;

	/* no reports in between: only the reservations spread the clients */
	t = sim_create(NULL, m, 3, 0);
	for (i = 0; i < 40; i++)
	{
		count[sim_select(t, m, 3, 100 + i, false)]++;
	}
	assert_within_one(count[0], 10);
	assert_within_one(count[1], 10);
	assert_within_one(count[2], 20);

	ck_assert_int_eq(t->get_members(t, 200, info, 3), 3);
	for (i = 0; i < 3; i++)
	{
		ck_assert_uint_eq(info[i].reserved, count[i]);
		ck_assert_uint_eq(info[i].chosen, count[i]);
	}
	t->destroy(t);
}
END_TEST

START_TEST(test_burst_weight)
{
	sim_t m[] = { { .name = "a", .capacity = 100, .weight = 3 },
				  { .name = "b", .capacity = 300, .weight = 1 },
				  { .name = "c", .capacity = 100, .weight = 1 } };
	int count[3] = {}, i;
	cluster_table_t *t;

	/* capacity times weight: 300 : 300 : 100 */
	t = sim_create(NULL, m, 3, 0);
	for (i = 0; i < 70; i++)
	{
		count[sim_select(t, m, 3, 0, false)]++;
	}
	assert_within_one(count[0], 30);
	assert_within_one(count[1], 30);
	assert_within_one(count[2], 10);
	t->destroy(t);
}
END_TEST

START_TEST(test_round_robin)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" },
				  { .name = "c" } };
	uint64_t now = 0;
	cluster_table_t *t;
	int i;

	/* equal members, whose clients leave at once: every choice is a tie */
	t = sim_create(NULL, m, 3, now);
	for (i = 0; i < 30; i++)
	{
		now += 10;
		ck_assert_int_eq(sim_select(t, m, 3, now, false), i % 3);
		now += 600;
		sim_report_all(t, m, 3, now);
	}
	/* the excluded local member is skipped, the others alternate */
	for (i = 0; i < 10; i++)
	{
		now += 10;
		ck_assert_int_eq(sim_select(t, m, 3, now, true), 1 + i % 2);
		now += 600;
		sim_report_all(t, m, 3, now);
	}
	t->destroy(t);
}
END_TEST

START_TEST(test_round_robin_after_imbalance)
{
	sim_t m[] = { { .name = "a" }, { .name = "b", .ike_sas = 2 },
				  { .name = "c" } };
	cluster_table_t *t;

	/* a and c tie first; then b joins the tie */
	t = sim_create(NULL, m, 3, 0);
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 0);
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 2);
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 0);
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 2);
	/* 2 : 2 : 2: the one chosen longest ago first, b (never), then a, c */
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 1);
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 0);
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 2);
	ck_assert_int_eq(sim_select(t, m, 3, 1, false), 1);
	t->destroy(t);
}
END_TEST

START_TEST(test_no_overflow)
{
	sim_t m[] = { { .name = "a", .local = true, .capacity = UINT32_MAX,
					.weight = UINT16_MAX, .ike_sas = UINT32_MAX - 2 },
				  { .name = "b", .capacity = UINT32_MAX,
					.weight = UINT16_MAX, .ike_sas = UINT32_MAX - 3 } };
	cluster_member_info_t info;
	cluster_table_t *t;

	/* neither set_local() nor update() range check: the fractions must
	 * compare exactly beyond 64 bits, as 2^32 * 2^32 * 2^16 */
	t = sim_create(NULL, m, 2, 0);
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 1);
	/* tie, the cursor is at a */
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 0);
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 1);
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 0);
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 1);
	ck_assert_int_eq(t->select(t, 0, false, &info), CLUSTER_SELECT_ALL_FULL);
	t->destroy(t);

	/* a: (2^32 - 3) / ((2^32 - 1) * 65535) < b: 10^6 / (10^6 * 1000) */
	m[0].ike_sas = UINT32_MAX - 4;
	m[1].capacity = CLUSTER_CAPACITY_MAX;
	m[1].weight = CLUSTER_WEIGHT_MAX;
	m[1].ike_sas = CLUSTER_CAPACITY_MAX - 1;
	t = sim_create(NULL, m, 2, 0);
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 0);
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 0);
	t->destroy(t);
}
END_TEST

START_TEST(test_weight_zero)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" } };
	cluster_load_report_t r;
	cluster_member_info_t info;
	cluster_table_t *t;

	/* an unvalidated local report with weight 0 takes no clients */
	t = sim_create(NULL, m, 2, 0);
	r = sim_make(&m[0]);
	r.weight = 0;
	t->set_local(t, &r, 0);
	ck_assert_int_eq(sim_select(t, m, 2, 0, false), 1);
	ck_assert_int_eq(t->select(t, 4000, false, &info),
					 CLUSTER_SELECT_ALL_FULL);
	t->destroy(t);
}
END_TEST

/*******************************************************************************
 * reservations
 */

START_TEST(test_reservation_grace)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" } };
	cluster_member_info_t info;
	cluster_table_t *t;

	t = sim_create(NULL, m, 2, 0);
	ck_assert_int_eq(t->select(t, 1000, true, &info), CLUSTER_SELECT_OK);
	ck_assert_uint_eq(info.reserved, 1);
	ck_assert_uint_eq(info.chosen, 1);

	/* a report within the grace may not count the client yet */
	sim_report(t, &m[1], 1200);
	ck_assert_uint_eq(member(t, "b", 1200).reserved, 1);
	sim_report(t, &m[1], 1500);
	ck_assert_uint_eq(member(t, "b", 1500).reserved, 1);
	/* one later does */
	sim_report(t, &m[1], 1501);
	ck_assert_uint_eq(member(t, "b", 1501).reserved, 0);

	/* reports of other members do not touch it */
	ck_assert_int_eq(t->select(t, 2000, true, &info), CLUSTER_SELECT_OK);
	sim_report(t, &m[0], 3000);
	ck_assert_uint_eq(member(t, "b", 3000).reserved, 1);

	/* only the old ones end */
	ck_assert_int_eq(t->select(t, 3000, true, &info), CLUSTER_SELECT_OK);
	ck_assert_uint_eq(info.reserved, 2);
	sim_report(t, &m[1], 3100);
	ck_assert_uint_eq(member(t, "b", 3100).reserved, 1);
	sim_report(t, &m[1], 3501);
	ck_assert_uint_eq(member(t, "b", 3501).reserved, 0);
	t->destroy(t);
}
END_TEST

START_TEST(test_reservation_arrived)
{
	sim_t m[] = { { .name = "a", .local = true }, { .name = "b" } };
	cluster_member_info_t info;
	cluster_table_t *t;
	int i;

	t = sim_create(NULL, m, 2, 0);
	for (i = 0; i < 3; i++)
	{
		ck_assert_int_eq(t->select(t, 1000, true, &info), CLUSTER_SELECT_OK);
	}
	ck_assert_uint_eq(member(t, "b", 1000).reserved, 3);

	/* within the grace, a report with two new tunnels (one half-open)
	 * releases the two oldest reservations, so they are not counted twice */
	m[1].ike_sas = 1;
	m[1].half_open = 1;
	sim_report(t, &m[1], 1010);
	ck_assert_uint_eq(member(t, "b", 1010).reserved, 1);

	/* half-open becoming established is no new tunnel */
	m[1].ike_sas = 2;
	m[1].half_open = 0;
	sim_report(t, &m[1], 1020);
	ck_assert_uint_eq(member(t, "b", 1020).reserved, 1);

	/* fewer tunnels release nothing */
	m[1].ike_sas = 1;
	sim_report(t, &m[1], 1030);
	ck_assert_uint_eq(member(t, "b", 1030).reserved, 1);

	/* more new tunnels than reservations: all released, none below 0 */
	m[1].ike_sas = 10;
	sim_report(t, &m[1], 1040);
	ck_assert_uint_eq(member(t, "b", 1040).reserved, 0);

	/* the local member alike */
	ck_assert_int_eq(t->select(t, 2000, false, &info), CLUSTER_SELECT_OK);
	ck_assert(info.local);
	ck_assert_uint_eq(member(t, "a", 2000).reserved, 1);
	m[0].half_open = 1;
	sim_report(t, &m[0], 2001);
	ck_assert_uint_eq(member(t, "a", 2001).reserved, 0);
	t->destroy(t);
}
END_TEST

START_TEST(test_reservation_grace_config)
{
	cluster_table_config_t config = { .reservation_grace_ms = 50 };
	sim_t m[] = { { .name = "b" } };
	cluster_table_t *t;

	t = sim_create(&config, m, 1, 0);
	sim_select(t, m, 1, 1000, false);
	sim_report(t, &m[0], 1050);
	ck_assert_uint_eq(member(t, "b", 1050).reserved, 1);
	sim_report(t, &m[0], 1051);
	ck_assert_uint_eq(member(t, "b", 1051).reserved, 0);
	t->destroy(t);
}
END_TEST

START_TEST(test_reservation_timeout)
{
	sim_t m[] = { { .name = "b", .capacity = 1, .interval_ms = 100000 } };
	cluster_member_info_t info;
	cluster_table_t *t;

	t = sim_create(NULL, m, 1, 0);
	ck_assert_int_eq(t->select(t, 1000, false, &info), CLUSTER_SELECT_OK);
	ck_assert_uint_eq(member(t, "b", 3000).reserved, 1);
	ck_assert_int_eq(t->select(t, 3000, false, &info),
					 CLUSTER_SELECT_ALL_FULL);
	ck_assert_uint_eq(member(t, "b", 6000).reserved, 1);
	ck_assert_int_eq(t->select(t, 6000, false, &info),
					 CLUSTER_SELECT_ALL_FULL);
	/* the client never came */
	ck_assert_uint_eq(member(t, "b", 6001).reserved, 0);
	ck_assert_int_eq(t->select(t, 6001, false, &info), CLUSTER_SELECT_OK);
	ck_assert_uint_eq(info.reserved, 1);
	ck_assert_uint_eq(info.chosen, 2);
	t->destroy(t);
}
END_TEST

START_TEST(test_reservation_timeout_config)
{
	cluster_table_config_t config = { .reservation_timeout_ms = 100 };
	sim_t m[] = { { .name = "b", .interval_ms = 100000 } };
	cluster_member_info_t info[1];
	cluster_table_t *t;

	t = sim_create(&config, m, 1, 0);
	sim_select(t, m, 1, 1000, false);
	sim_select(t, m, 1, 1050, false);
	ck_assert_int_eq(t->get_members(t, 1100, info, 1), 1);
	ck_assert_uint_eq(info[0].reserved, 2);
	ck_assert_int_eq(t->get_members(t, 1101, info, 1), 1);
	ck_assert_uint_eq(info[0].reserved, 1);
	ck_assert_int_eq(t->get_members(t, 1151, info, 1), 1);
	ck_assert_uint_eq(info[0].reserved, 0);
	t->destroy(t);
}
END_TEST

START_TEST(test_reservation_ring_full)
{
	sim_t m[] = { { .name = "b", .capacity = CLUSTER_CAPACITY_MAX } };
	cluster_member_info_t info;
	cluster_table_t *t;
	int i;

	/* a flood of clients that never arrive: the oldest reservations go */
	t = sim_create(NULL, m, 1, 0);
	for (i = 0; i < 10000; i++)
	{
		ck_assert_int_eq(t->select(t, 1, false, &info), CLUSTER_SELECT_OK);
	}
	ck_assert_uint_le(info.reserved, 10000);
	ck_assert_uint_ge(info.reserved, 1000);
	ck_assert_uint_eq(info.chosen, 10000);
	ck_assert_uint_eq(member(t, "b", 5001).reserved, info.reserved);
	ck_assert_uint_eq(member(t, "b", 5002).reserved, 0);
	t->destroy(t);
}
END_TEST

/*******************************************************************************
 * snapshots
 */

START_TEST(test_get_members)
{
	sim_t m[] = { { .name = "zeta" }, { .name = "alpha", .local = true },
				  { .name = "mid" } };
	cluster_member_info_t info[4];
	cluster_load_report_t r;
	cluster_table_t *t;

	t = cluster_table_create(NULL);
	ck_assert(t->add_member(t, "zeta", false));
	ck_assert(t->add_member(t, "alpha", true));
	ck_assert(t->add_member(t, "mid", false));

	m[1].ike_sas = 3;
	sim_report(t, &m[1], 100);
	r = sim_make(&m[0]);
	r.counter = 77;
	r.child_sas = 9;
	r.half_open = 2;
	r.capacity = 50;
	r.weight = 7;
	r.interval_ms = 2000;
	r.flags = CLUSTER_FLAG_MASTER;
	ck_assert(cluster_addr_from_string("vpn.example.com", &r.redirect_to));
	ck_assert_int_eq(t->update(t, &r, 200, 0), CLUSTER_UPDATE_OK);
	ck_assert_int_eq(t->select(t, 300, true, NULL), CLUSTER_SELECT_OK);

	ck_assert_int_eq(t->get_members(t, 1000, info, 4), 3);
	ck_assert_str_eq(info[0].report.name, "zeta");
	ck_assert_str_eq(info[1].report.name, "alpha");
	ck_assert_str_eq(info[2].report.name, "mid");
	ck_assert_int_eq(info[0].index, 0);
	ck_assert_int_eq(info[1].index, 1);
	ck_assert_int_eq(info[2].index, 2);

	ck_assert(!info[0].local);
	ck_assert(info[0].seen);
	ck_assert_int_eq(info[0].state, CLUSTER_MEMBER_ALIVE);
	ck_assert_uint_eq(info[0].age_ms, 800);
	ck_assert_uint_eq(info[0].reserved, 1);
	ck_assert_uint_eq(info[0].chosen, 1);
	ck_assert_uint_eq(info[0].report.counter, 77);
	ck_assert_uint_eq(info[0].report.child_sas, 9);
	ck_assert_uint_eq(info[0].report.half_open, 2);
	ck_assert_uint_eq(info[0].report.capacity, 50);
	ck_assert_uint_eq(info[0].report.weight, 7);
	ck_assert_uint_eq(info[0].report.interval_ms, 2000);
	ck_assert_uint_eq(info[0].report.flags, CLUSTER_FLAG_MASTER);
	ck_assert_uint_eq(info[0].report.redirect_to.type, CLUSTER_ADDR_FQDN);
	ck_assert_mem_eq(info[0].report.redirect_to.data, "vpn.example.com", 15);

	ck_assert(info[1].local);
	ck_assert(info[1].seen);
	ck_assert_int_eq(info[1].state, CLUSTER_MEMBER_ALIVE);
	ck_assert_uint_eq(info[1].age_ms, 900);
	ck_assert_uint_eq(info[1].report.ike_sas, 3);
	ck_assert_uint_eq(info[1].reserved, 0);
	ck_assert_uint_eq(info[1].chosen, 0);

	ck_assert(!info[2].local);
	ck_assert(!info[2].seen);
	ck_assert_int_eq(info[2].state, CLUSTER_MEMBER_DEAD);
	ck_assert_uint_eq(info[2].age_ms, 0);

	/* fewer slots than members */
	memset(info, 0x77, sizeof(info));
	ck_assert_int_eq(t->get_members(t, 1000, info, 2), 2);
	ck_assert_str_eq(info[1].report.name, "alpha");
	ck_assert_uint_eq(info[2].chosen, 0x7777777777777777ULL);
	ck_assert_int_eq(t->get_members(t, 1000, info, 0), 0);
	ck_assert_int_eq(t->get_members(t, 1000, info, -1), 0);
	ck_assert_int_eq(t->get_members(t, 1000, NULL, 3), 0);
	t->destroy(t);
}
END_TEST

START_TEST(test_chosen_info)
{
	sim_t m[] = { { .name = "b", .ike_sas = 4, .capacity = 10 } };
	cluster_member_info_t info;
	cluster_table_t *t;

	t = sim_create(NULL, m, 1, 0);
	memset(&info, 0x55, sizeof(info));
	ck_assert_int_eq(t->select(t, 10, false, &info), CLUSTER_SELECT_OK);
	ck_assert_str_eq(info.report.name, "b");
	ck_assert_uint_eq(info.report.ike_sas, 4);
	ck_assert_uint_eq(info.report.redirect_to.type, CLUSTER_ADDR_IPV4);
	ck_assert_uint_eq(info.reserved, 1);
	ck_assert_uint_eq(info.chosen, 1);
	ck_assert_uint_eq(info.age_ms, 10);
	ck_assert(info.seen);
	ck_assert(!info.local);
	ck_assert_int_eq(info.state, CLUSTER_MEMBER_ALIVE);
	ck_assert_int_eq(info.index, 0);

	/* a failed selection leaves it alone */
	m[0].ike_sas = 10;
	sim_report(t, &m[0], 1000);
	memset(&info, 0x55, sizeof(info));
	ck_assert_int_eq(t->select(t, 1000, false, &info),
					 CLUSTER_SELECT_ALL_FULL);
	ck_assert_uint_eq(info.chosen, 0x5555555555555555ULL);
	t->destroy(t);
}
END_TEST

/*******************************************************************************
 * threads
 */

#define THREADS 4
#define THREAD_ROUNDS 500

typedef struct {
	cluster_table_t *t;
	sim_t *m;
	int id;
	int ok;
} worker_t;

static void *worker(void *arg)
{
	worker_t *w = arg;
	cluster_member_info_t info[3];
	cluster_load_report_t r;
	int i;

	for (i = 0; i < THREAD_ROUNDS; i++)
	{
		if (w->t->select(w->t, i, false, info) == CLUSTER_SELECT_OK)
		{
			w->ok++;
		}
		w->t->get_members(w->t, i, info, 3);
		if (w->id == 0)
		{
			/* a single reporter keeps the counters increasing */
			r = sim_make(&w->m[1]);
			w->t->update(w->t, &r, i, 0);
		}
	}
	return NULL;
}

START_TEST(test_threads)
{
	sim_t m[] = { { .name = "a", .local = true, .capacity = 100000 },
				  { .name = "b", .capacity = 100000 },
				  { .name = "c", .capacity = 100000 } };
	cluster_member_info_t info[3];
	pthread_t threads[THREADS];
	worker_t workers[THREADS];
	uint64_t chosen = 0;
	cluster_table_t *t;
	int i, ok = 0;

	t = sim_create(NULL, m, 3, 0);
	for (i = 0; i < THREADS; i++)
	{
		workers[i] = (worker_t){ .t = t, .m = m, .id = i };
		ck_assert_int_eq(pthread_create(&threads[i], NULL, worker,
										&workers[i]), 0);
	}
	for (i = 0; i < THREADS; i++)
	{
		ck_assert_int_eq(pthread_join(threads[i], NULL), 0);
		ok += workers[i].ok;
	}
	ck_assert_int_eq(ok, THREADS * THREAD_ROUNDS);
	ck_assert_int_eq(t->get_members(t, THREAD_ROUNDS, info, 3), 3);
	for (i = 0; i < 3; i++)
	{
		chosen += info[i].chosen;
	}
	ck_assert_uint_eq(chosen, THREADS * THREAD_ROUNDS);
	t->destroy(t);
}
END_TEST

Suite *cluster_table_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("cluster_table");

	tc = tcase_create("config");
	tcase_add_test(tc, test_result_names);
	tcase_add_test(tc, test_add_member);
	tcase_add_test(tc, test_empty_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("update");
	tcase_add_test(tc, test_update_unknown);
	tcase_add_test(tc, test_update_local_name);
	tcase_add_test(tc, test_update_replay);
	tcase_add_test(tc, test_update_skew);
	suite_add_tcase(s, tc);

	tc = tcase_create("liveness");
	tcase_add_test(tc, test_never_heard);
	tcase_add_test(tc, test_dead_after);
	tcase_add_test(tc, test_dead_after_config);
	tcase_add_test(tc, test_local_never_dead);
	tcase_add_test(tc, test_clock_race);
	suite_add_tcase(s, tc);

	tc = tcase_create("select");
	tcase_add_test(tc, test_draining_excluded);
	tcase_add_test(tc, test_full_excluded);
	tcase_add_test(tc, test_reservations_fill);
	tcase_add_test(tc, test_exclude_local);
	tcase_add_test(tc, test_only_local);
	tcase_add_test(tc, test_reported_dead);
	suite_add_tcase(s, tc);

	tc = tcase_create("distribution");
	tcase_add_test(tc, test_shares_capacity);
	tcase_add_test(tc, test_shares_weight);
	tcase_add_test(tc, test_shares_existing_load);
	tcase_add_test(tc, test_burst);
	tcase_add_test(tc, test_burst_weight);
	tcase_add_test(tc, test_round_robin);
	tcase_add_test(tc, test_round_robin_after_imbalance);
	tcase_add_test(tc, test_no_overflow);
	tcase_add_test(tc, test_weight_zero);
	suite_add_tcase(s, tc);

	tc = tcase_create("reservations");
	tcase_add_test(tc, test_reservation_grace);
	tcase_add_test(tc, test_reservation_arrived);
	tcase_add_test(tc, test_reservation_grace_config);
	tcase_add_test(tc, test_reservation_timeout);
	tcase_add_test(tc, test_reservation_timeout_config);
	tcase_add_test(tc, test_reservation_ring_full);
	suite_add_tcase(s, tc);

	tc = tcase_create("snapshots");
	tcase_add_test(tc, test_get_members);
	tcase_add_test(tc, test_chosen_info);
	tcase_add_test(tc, test_threads);
	suite_add_tcase(s, tc);

	return s;
}
