/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup route_netlink route_netlink
 * @{ @ingroup common
 *
 * The only code of route-inject that changes the kernel: an rtnetlink
 * socket of its own that adds and deletes routes in one table, with one
 * route protocol number and metric, and finds the routes of that protocol
 * left from an earlier run.
 *
 * The routes are blackhole routes: they exist to be announced by a routing
 * daemon (bird's kernel protocol with "learn", FRR's "ip import-table"),
 * not to forward, and they live in a table that no "ip rule" uses. Having
 * no outgoing interface, they also do not set off charon's kernel-netlink
 * roam handling.
 *
 * Pure C without charon globals; calls block for one netlink round trip,
 * so callers run them in jobs, never in bus hooks.
 */

#ifndef ROUTE_NETLINK_H_
#define ROUTE_NETLINK_H_

#include "route_prefix.h"

typedef struct route_netlink_t route_netlink_t;

struct route_netlink_t {

	/**
	 * Install (or replace) the route to prefix.
	 *
	 * @return		0, or a negative errno from the kernel
	 */
	int (*add)(route_netlink_t *this, const route_prefix_t *prefix);

	/**
	 * Delete the route to prefix; one already gone counts as deleted.
	 *
	 * @return		0, or a negative errno from the kernel
	 */
	int (*del)(route_netlink_t *this, const route_prefix_t *prefix);

	/**
	 * Delete every route of our protocol in our table, of any metric.
	 *
	 * @param removed	receives the number of routes deleted
	 * @return			0, or a negative errno
	 */
	int (*flush)(route_netlink_t *this, int *removed);

	/**
	 * Count the routes of our protocol in our table.
	 *
	 * @return		count, or a negative errno
	 */
	int (*count)(route_netlink_t *this);

	/**
	 * Destroy a route_netlink_t.
	 */
	void (*destroy)(route_netlink_t *this);
};

/**
 * Open the rtnetlink socket.
 *
 * @param table		routing table, 1..4294967295 but not 253-255 (default,
 *					main, local)
 * @param protocol	route protocol number, 5..255 (above RTPROT_STATIC)
 * @param metric	route metric (priority)
 * @param err		receives a negative errno on failure
 * @return			instance, NULL on failure
 */
route_netlink_t *route_netlink_create(uint32_t table, uint8_t protocol,
									  uint32_t metric, int *err);

#endif /** ROUTE_NETLINK_H_ @}*/
