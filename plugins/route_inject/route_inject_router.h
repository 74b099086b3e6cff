/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup route_inject_router route_inject_router
 * @{ @ingroup route_inject
 */

#ifndef ROUTE_INJECT_ROUTER_H_
#define ROUTE_INJECT_ROUTER_H_

#include <stdio.h>

#include <bus/listeners/listener.h>
#include <collections/linked_list.h>

#include "route_netlink.h"

typedef struct route_inject_router_t route_inject_router_t;

/**
 * Keeps a route to the remote side of every installed CHILD_SA.
 *
 * Bus hooks only update the table of which CHILD_SA needs which prefix
 * (route_refs) and queue the prefixes whose route must appear or go; a job
 * applies them through route_netlink. A failed change is logged with the
 * kernel's reason and retried. Rekeyings move ownership without touching
 * routes; prefixes inside an aggregate are announced as the aggregate.
 */
struct route_inject_router_t {

	/**
	 * Implements listener_t.
	 */
	listener_t listener;

	/**
	 * Number of routes installed or queued.
	 */
	int (*get_count)(route_inject_router_t *this);

	/**
	 * Print counters as "name value" lines: clients routed, changes
	 * queued, routes installed and removed, changes the kernel refused.
	 */
	void (*print)(route_inject_router_t *this, FILE *out);

	/**
	 * Destroy the router, withdrawing every route it installed.
	 */
	void (*destroy)(route_inject_router_t *this);
};

/**
 * Create a router; first removes routes of our protocol left in the table
 * by an earlier run that did not end cleanly.
 *
 * @param netlink		route installer (adopted)
 * @param aggregates	route_prefix_t* announced instead of the prefixes
 *						inside them (adopted)
 */
route_inject_router_t *route_inject_router_create(route_netlink_t *netlink,
												  linked_list_t *aggregates);

#endif /** ROUTE_INJECT_ROUTER_H_ @}*/
