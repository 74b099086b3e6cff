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
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include "unit_tests.h"
#include "route_prefix.h"
#include "route_refs.h"
#include "route_netlink.h"
#include "route_queue.h"

#include <linux/capability.h>
#include <sys/syscall.h>

static route_prefix_t pfx(const char *str)
{
	route_prefix_t p;

	ck_assert_msg(route_prefix_from_string(&p, str), "parsing %s", str);
	return p;
}

static const char *str(route_prefix_t p)
{
	static char buf[64];

	return route_prefix_to_string(&p, buf, sizeof(buf));
}

START_TEST(test_prefix_parse)
{
	route_prefix_t p;

	ck_assert_str_eq(str(pfx("192.0.2.7/24")), "192.0.2.0/24");
	ck_assert_str_eq(str(pfx("192.0.2.7")), "192.0.2.7/32");
	ck_assert_str_eq(str(pfx("203.0.113.77/26")), "203.0.113.64/26");
	ck_assert_str_eq(str(pfx("0.0.0.0/0")), "0.0.0.0/0");
	ck_assert_str_eq(str(pfx("2001:db8::1/64")), "2001:db8::/64");
	ck_assert_str_eq(str(pfx("2001:db8::1")), "2001:db8::1/128");
	ck_assert_str_eq(str(pfx("10.255.255.255/9")), "10.128.0.0/9");

	ck_assert(!route_prefix_from_string(&p, ""));
	ck_assert(!route_prefix_from_string(&p, "192.0.2.0/33"));
	ck_assert(!route_prefix_from_string(&p, "192.0.2.0/"));
	ck_assert(!route_prefix_from_string(&p, "192.0.2.0/024"));
	ck_assert(!route_prefix_from_string(&p, "192.0.2.0/-1"));
	ck_assert(!route_prefix_from_string(&p, "192.0.2.0/2x"));
	ck_assert(!route_prefix_from_string(&p, "2001:db8::/129"));
	ck_assert(!route_prefix_from_string(&p, "example.org/24"));
	ck_assert(!route_prefix_from_string(&p,
		"1111:2222:3333:4444:5555:6666:7777:8888:9999/64"));
}
END_TEST

START_TEST(test_prefix_contains)
{
	route_prefix_t pool = pfx("203.0.113.64/26"), a, b, c, d;

	a = pfx("203.0.113.65/32");
	b = pfx("203.0.113.128/32");
	c = pfx("203.0.113.0/24");
	d = pfx("2001:db8::1/128");
	ck_assert(route_prefix_contains(&pool, &a));
	ck_assert(route_prefix_contains(&pool, &pool));
	ck_assert(!route_prefix_contains(&pool, &b));
	ck_assert(!route_prefix_contains(&pool, &c));
	ck_assert(route_prefix_contains(&c, &pool));
	ck_assert(!route_prefix_contains(&pool, &d));
	ck_assert(route_prefix_equals(&a, &a));
	ck_assert(!route_prefix_equals(&a, &b));
	ck_assert_uint_eq(route_prefix_hash(&a), route_prefix_hash(&a));
}
END_TEST

START_TEST(test_refs_add_remove)
{
	route_refs_t *refs = route_refs_create();
	route_prefix_t a = pfx("203.0.113.1/32"), b = pfx("203.0.113.2/32");

	/* first owner installs, second does not, owners are idempotent */
	ck_assert(refs->add(refs, &a, 1));
	ck_assert(!refs->add(refs, &a, 2));
	ck_assert(!refs->add(refs, &a, 2));
	ck_assert_int_eq(refs->owners(refs, &a), 2);
	ck_assert(refs->add(refs, &b, 1));
	ck_assert_int_eq(refs->count(refs), 2);

	/* only the last owner withdraws; strangers change nothing */
	ck_assert(!refs->remove(refs, &a, 3));
	ck_assert(!refs->remove(refs, &a, 1));
	ck_assert(!refs->remove(refs, &a, 1));
	ck_assert(refs->remove(refs, &a, 2));
	ck_assert_int_eq(refs->owners(refs, &a), 0);
	ck_assert(!refs->remove(refs, &a, 2));
	ck_assert_int_eq(refs->count(refs), 1);
	refs->destroy(refs);
}
END_TEST

START_TEST(test_refs_move)
{
	route_refs_t *refs = route_refs_create();
	route_prefix_t a = pfx("203.0.113.1/32"), b = pfx("198.51.100.0/24");

	refs->add(refs, &a, 1);
	refs->add(refs, &b, 1);
	refs->add(refs, &b, 2);
	/* a rekeying: 1 becomes 3, routes stay */
	ck_assert_int_eq(refs->move(refs, 1, 3), 2);
	ck_assert(!refs->remove(refs, &a, 1));
	ck_assert_int_eq(refs->owners(refs, &a), 1);
	ck_assert(refs->remove(refs, &a, 3));
	/* moving onto an owner that has it already keeps one */
	ck_assert_int_eq(refs->move(refs, 3, 2), 1);
	ck_assert_int_eq(refs->owners(refs, &b), 1);
	ck_assert(refs->remove(refs, &b, 2));
	ck_assert_int_eq(refs->count(refs), 0);
	ck_assert_int_eq(refs->move(refs, 7, 8), 0);
	refs->destroy(refs);
}
END_TEST

START_TEST(test_refs_many)
{
	route_refs_t *refs = route_refs_create();
	route_prefix_t p, got[20000];
	uint8_t addr[4] = { 10, 0, 0, 0 };
	int i;

	for (i = 0; i < 20000; i++)
	{
		addr[2] = i >> 8;
		addr[3] = i & 0xff;
		ck_assert(route_prefix_create(&p, AF_INET, addr, 32));
		ck_assert(refs->add(refs, &p, i + 1));
	}
	ck_assert_int_eq(refs->count(refs), 20000);
	ck_assert_int_eq(refs->get(refs, got, 20000), 20000);
	ck_assert_int_eq(refs->get(refs, got, 10), 10);
	for (i = 0; i < 20000; i++)
	{
		addr[2] = i >> 8;
		addr[3] = i & 0xff;
		route_prefix_create(&p, AF_INET, addr, 32);
		ck_assert(refs->remove(refs, &p, i + 1));
	}
	ck_assert_int_eq(refs->count(refs), 0);
	refs->destroy(refs);
}
END_TEST

/**
 * route_netlink against the kernel, in a network namespace of the test's
 * own (Check runs each test in a child process); needs root.
 */
START_TEST(test_netlink)
{
	route_netlink_t *nl, *other;
	route_prefix_t a = pfx("203.0.113.1/32"), b = pfx("2001:db8::/64");
	int err = 0, removed;

	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s (needs root)",
				  strerror(errno));
	ck_assert(!route_netlink_create(254, 251, 10, &err));
	ck_assert_int_eq(err, -EINVAL);
	ck_assert(!route_netlink_create(101, 4, 10, &err));
	ck_assert(!route_netlink_create(0, 251, 10, &err));

	nl = route_netlink_create(101, 251, 10, &err);
	ck_assert_msg(nl, "create: %s", strerror(-err));
	ck_assert_int_eq(nl->count(nl), 0);
	ck_assert_int_eq(nl->add(nl, &a), 0);
	/* replacing is fine */
	ck_assert_int_eq(nl->add(nl, &a), 0);
	ck_assert_int_eq(nl->add(nl, &b), 0);
	ck_assert_int_eq(nl->count(nl), 2);

	/* another protocol in the same table is not ours */
	other = route_netlink_create(101, 252, 10, &err);
	ck_assert(other);
	ck_assert_int_eq(other->count(other), 0);

	ck_assert_int_eq(nl->del(nl, &a), 0);
	/* already gone counts as deleted */
	ck_assert_int_eq(nl->del(nl, &a), 0);
	ck_assert_int_eq(nl->count(nl), 1);

	/* what a crashed run left: any metric of our protocol */
	ck_assert_int_eq(nl->add(nl, &a), 0);
	other->destroy(other);
	other = route_netlink_create(101, 251, 99, &err);
	ck_assert_int_eq(other->add(other, &a), 0);
	ck_assert_int_eq(nl->count(nl), 3);
	ck_assert_int_eq(nl->flush(nl, &removed), 0);
	ck_assert_int_eq(removed, 3);
	ck_assert_int_eq(nl->count(nl), 0);
	other->destroy(other);
	nl->destroy(nl);
}
END_TEST

START_TEST(test_queue_changes)
{
	route_queue_t *queue = route_queue_create();
	route_prefix_t a = pfx("203.0.113.1/32"), got;
	bool want;

	ck_assert(!queue->next(queue, &got, &want));
	/* the first owner queues an install, the second nothing */
	ck_assert(queue->update(queue, &a, 1, true));
	ck_assert(!queue->update(queue, &a, 2, true));
	ck_assert_int_eq(queue->queued(queue), 1);
	ck_assert_int_eq(queue->routed(queue), 1);
	ck_assert(queue->next(queue, &got, &want));
	ck_assert(route_prefix_equals(&got, &a));
	ck_assert(want);
	ck_assert(!queue->next(queue, &got, &want));

	/* a rekey moves ownership without a route change */
	ck_assert_int_eq(queue->move(queue, 1, 3), 1);
	ck_assert_int_eq(queue->queued(queue), 0);
	ck_assert(!queue->update(queue, &a, 3, false));
	ck_assert(queue->update(queue, &a, 2, false));
	ck_assert(queue->next(queue, &got, &want));
	ck_assert(!want);
	ck_assert_int_eq(queue->routed(queue), 0);
	queue->destroy(queue);
}
END_TEST

START_TEST(test_queue_retry_never_undoes)
{
	route_queue_t *queue = route_queue_create();
	route_prefix_t a = pfx("203.0.113.1/32"), b = pfx("2001:db8::/64"), got;
	bool want;

	ck_assert(queue->update(queue, &a, 1, true));
	ck_assert(queue->next(queue, &got, &want));
	ck_assert(want);
	/* installing failed; meanwhile b comes up and a's owner goes away */
	queue->failed(queue, &got);
	ck_assert(queue->update(queue, &b, 2, true));
	ck_assert(queue->update(queue, &a, 1, false));
	ck_assert_int_eq(queue->queued(queue), 3);

	/* the retry removes a, it does not install it again */
	ck_assert(queue->next(queue, &got, &want));
	ck_assert(route_prefix_equals(&got, &a));
	ck_assert(!want);
	ck_assert(queue->next(queue, &got, &want));
	ck_assert(route_prefix_equals(&got, &b));
	ck_assert(want);
	ck_assert(queue->next(queue, &got, &want));
	ck_assert(route_prefix_equals(&got, &a));
	ck_assert(!want);
	ck_assert(!queue->next(queue, &got, &want));

	/* what is still queued is freed with the queue */
	queue->failed(queue, &got);
	queue->destroy(queue);
}
END_TEST

/**
 * Add or drop CAP_NET_ADMIN in the effective set; the kernel checks it when
 * a route request is sent, so dropping it makes the kernel refuse changes.
 */
static void net_admin(bool on)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	ck_assert(syscall(SYS_capget, &hdr, data) == 0);
	if (on)
	{
		data[0].effective |= 1u << CAP_NET_ADMIN;
	}
	else
	{
		data[0].effective &= ~(1u << CAP_NET_ADMIN);
	}
	ck_assert_msg(syscall(SYS_capset, &hdr, data) == 0, "capset: %s",
				  strerror(errno));
}

/**
 * Work off the queue once, as route-inject's apply job does; stop at the
 * first failure and queue it again.
 *
 * @return		the first error, 0 if all changes were made
 */
static int apply(route_queue_t *queue, route_netlink_t *nl)
{
	route_prefix_t prefix;
	bool want;
	int ret;

	while (queue->next(queue, &prefix, &want))
	{
		ret = want ? nl->add(nl, &prefix) : nl->del(nl, &prefix);
		if (ret)
		{
			queue->failed(queue, &prefix);
			return ret;
		}
	}
	return 0;
}

/**
 * Route changes the kernel refuses are made when they are tried again,
 * against the kernel in a namespace of the test's own; needs root.
 */
START_TEST(test_queue_kernel_refuses)
{
	route_queue_t *queue = route_queue_create();
	route_prefix_t a = pfx("203.0.113.1/32"), b = pfx("203.0.113.2/32");
	route_netlink_t *nl;
	int err = 0;

	ck_assert_msg(unshare(CLONE_NEWNET) == 0, "unshare: %s (needs root)",
				  strerror(errno));
	nl = route_netlink_create(101, 251, 10, &err);
	ck_assert_msg(nl, "create: %s", strerror(-err));

	net_admin(false);
	ck_assert(queue->update(queue, &a, 1, true));
	ck_assert(queue->update(queue, &b, 2, true));
	ck_assert_int_eq(apply(queue, nl), -EPERM);
	ck_assert_int_eq(nl->count(nl), 0);
	ck_assert_int_eq(queue->queued(queue), 2);
	/* still refused: nothing is lost */
	ck_assert_int_eq(apply(queue, nl), -EPERM);
	ck_assert_int_eq(queue->queued(queue), 2);

	/* b's client left while its route could not be installed */
	ck_assert(queue->update(queue, &b, 2, false));
	net_admin(true);
	ck_assert_int_eq(apply(queue, nl), 0);
	ck_assert_int_eq(queue->queued(queue), 0);
	ck_assert_int_eq(nl->count(nl), 1);

	/* a withdrawal the kernel refuses is tried again as well */
	ck_assert(queue->update(queue, &a, 1, false));
	net_admin(false);
	ck_assert_int_eq(apply(queue, nl), -EPERM);
	ck_assert_int_eq(nl->count(nl), 1);
	net_admin(true);
	ck_assert_int_eq(apply(queue, nl), 0);
	ck_assert_int_eq(nl->count(nl), 0);

	nl->destroy(nl);
	queue->destroy(queue);
}
END_TEST

Suite *route_suite(void)
{
	Suite *s = suite_create("route");
	TCase *tc;

	tc = tcase_create("prefix");
	tcase_add_test(tc, test_prefix_parse);
	tcase_add_test(tc, test_prefix_contains);
	suite_add_tcase(s, tc);

	tc = tcase_create("refs");
	tcase_add_test(tc, test_refs_add_remove);
	tcase_add_test(tc, test_refs_move);
	tcase_add_test(tc, test_refs_many);
	suite_add_tcase(s, tc);

	tc = tcase_create("queue");
	tcase_add_test(tc, test_queue_changes);
	tcase_add_test(tc, test_queue_retry_never_undoes);
	suite_add_tcase(s, tc);

	tc = tcase_create("netlink");
	tcase_add_test(tc, test_netlink);
	tcase_add_test(tc, test_queue_kernel_refuses);
	suite_add_tcase(s, tc);
	return s;
}
