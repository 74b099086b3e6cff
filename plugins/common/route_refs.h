/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup route_refs route_refs
 * @{ @ingroup common
 *
 * Which prefixes are routed and which CHILD_SAs need each of them.
 *
 * A route is installed when its first owner appears and withdrawn when its
 * last one goes; rekeying moves ownership without touching the route. Pure
 * C and not thread-safe: the caller serialises access.
 */

#ifndef ROUTE_REFS_H_
#define ROUTE_REFS_H_

#include "route_prefix.h"

typedef struct route_refs_t route_refs_t;

struct route_refs_t {

	/**
	 * Record that owner needs prefix.
	 *
	 * @return		TRUE if prefix had no owner before: install its route
	 */
	bool (*add)(route_refs_t *this, const route_prefix_t *prefix,
				uint32_t owner);

	/**
	 * Record that owner no longer needs prefix.
	 *
	 * @return		TRUE if owner was its last owner: withdraw its route
	 */
	bool (*remove)(route_refs_t *this, const route_prefix_t *prefix,
				   uint32_t owner);

	/**
	 * Give everything old owns to new (a rekeyed CHILD_SA).
	 *
	 * @return		number of prefixes moved
	 */
	int (*move)(route_refs_t *this, uint32_t old, uint32_t new);

	/**
	 * Number of owners of prefix, 0 if it is not routed.
	 */
	int (*owners)(route_refs_t *this, const route_prefix_t *prefix);

	/**
	 * Number of routed prefixes.
	 */
	int (*count)(route_refs_t *this);

	/**
	 * Copy the routed prefixes (in no particular order).
	 *
	 * @return		number written, at most max
	 */
	int (*get)(route_refs_t *this, route_prefix_t *out, int max);

	/**
	 * Destroy a route_refs_t.
	 */
	void (*destroy)(route_refs_t *this);
};

/**
 * Create an empty set.
 */
route_refs_t *route_refs_create(void);

#endif /** ROUTE_REFS_H_ @}*/
