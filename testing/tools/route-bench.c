/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * route-bench: installs and withdraws N routes through route-inject's own
 * code path, as the plugin's apply job does for N CHILD_SAs coming up and
 * going down: the owner table (route_refs) decides, route_netlink installs.
 * Prints the rates.
 *
 *   route-bench N [TABLE [PROTOCOL]]
 *
 * Routes are blackhole /32s from 10.0.0.0/8 in TABLE (default 101) with
 * PROTOCOL (default 251); they are never used for forwarding (no ip rule
 * points to the table). Run it in a network namespace of its own. Prints
 * "route-bench: N installed in S s (R/s), N withdrawn in S s (R/s)".
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>

#include "route_netlink.h"
#include "route_refs.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void prefix_of(int i, route_prefix_t *p)
{
	uint8_t addr[4] = { 10, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff };

	route_prefix_create(p, AF_INET, addr, 32);
}

int main(int argc, char *argv[])
{
	route_netlink_t *nl;
	route_refs_t *refs;
	route_prefix_t p;
	int n, i, err = 0, ret;
	double t0, t1, t2;

	if (argc < 2 || (n = atoi(argv[1])) <= 0 || n > 1 << 24)
	{
		fprintf(stderr, "usage: route-bench N [TABLE [PROTOCOL]]\n");
		return 2;
	}
	nl = route_netlink_create(argc > 2 ? atoi(argv[2]) : 101,
							  argc > 3 ? atoi(argv[3]) : 251, 1024, &err);
	if (!nl)
	{
		fprintf(stderr, "route-bench: %s\n", strerror(-err));
		return 1;
	}
	refs = route_refs_create();
	t0 = now();
	for (i = 0; i < n; i++)
	{
		prefix_of(i, &p);
		if (refs->add(refs, &p, i + 1) && (ret = nl->add(nl, &p)))
		{
			fprintf(stderr, "route-bench: add %d: %s\n", i, strerror(-ret));
			return 1;
		}
	}
	t1 = now();
	for (i = 0; i < n; i++)
	{
		prefix_of(i, &p);
		if (refs->remove(refs, &p, i + 1) && (ret = nl->del(nl, &p)))
		{
			fprintf(stderr, "route-bench: del %d: %s\n", i, strerror(-ret));
			return 1;
		}
	}
	t2 = now();
	printf("route-bench: %d installed in %.3f s (%.0f/s), %d withdrawn in "
		   "%.3f s (%.0f/s)\n", n, t1 - t0, n / (t1 - t0), n, t2 - t1,
		   n / (t2 - t1));
	refs->destroy(refs);
	nl->destroy(nl);
	return 0;
}
