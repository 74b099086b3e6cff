/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup route_queue route_queue
 * @{ @ingroup common
 *
 * Which prefixes must be routed, and which of their routes still have to be
 * brought in line with that.
 *
 * Free of charon globals so its retry rules are unit-tested: a change is
 * queued when a prefix gets its first owner or loses its last one; the
 * queue's consumer asks next() for a prefix and whether its route must exist
 * *now*, so a change tried again after a failure never undoes a later one.
 * Not thread-safe: the caller serialises all calls.
 */

#ifndef ROUTE_QUEUE_H_
#define ROUTE_QUEUE_H_

#include "route_prefix.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct route_queue_t route_queue_t;

struct route_queue_t {

	/**
	 * owner needs prefix (up) or no longer needs it.
	 *
	 * @return		TRUE if the route of prefix must change; it is queued
	 */
	bool (*update)(route_queue_t *this, const route_prefix_t *prefix,
				   uint32_t owner, bool up);

	/**
	 * Give everything old owns to new (a rekeyed CHILD_SA); no route
	 * changes.
	 *
	 * @return		number of prefixes moved
	 */
	int (*move)(route_queue_t *this, uint32_t old, uint32_t new);

	/**
	 * Take the oldest queued prefix.
	 *
	 * @param prefix	the prefix whose route must be changed
	 * @param want		TRUE if its route must exist, FALSE if it must not
	 * @return			FALSE if nothing is queued
	 */
	bool (*next)(route_queue_t *this, route_prefix_t *prefix, bool *want);

	/**
	 * Changing the route of a prefix taken with next() failed: queue it
	 * again, behind the changes queued meanwhile.
	 */
	void (*failed)(route_queue_t *this, const route_prefix_t *prefix);

	/**
	 * Number of prefixes that must be routed.
	 */
	int (*routed)(route_queue_t *this);

	/**
	 * Number of queued route changes.
	 */
	int (*queued)(route_queue_t *this);

	/**
	 * Destroy a route_queue_t.
	 */
	void (*destroy)(route_queue_t *this);
};

/**
 * Create an empty route_queue_t.
 */
route_queue_t *route_queue_create(void);

#endif /** ROUTE_QUEUE_H_ @}*/
