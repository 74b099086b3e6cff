/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup route_prefix route_prefix
 * @{ @ingroup common
 *
 * An IPv4 or IPv6 prefix, as route-inject installs routes for. Pure C.
 */

#ifndef ROUTE_PREFIX_H_
#define ROUTE_PREFIX_H_

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef struct route_prefix_t route_prefix_t;

struct route_prefix_t {
	/** AF_INET or AF_INET6 */
	uint8_t family;
	/** prefix length, 0..32 or 0..128 */
	uint8_t len;
	/** address, host bits zero; IPv4 in the first 4 bytes */
	uint8_t addr[16];
};

/**
 * Build a prefix from an address and a length; clears the host bits.
 *
 * @return		FALSE if family or length are invalid
 */
bool route_prefix_create(route_prefix_t *prefix, int family,
						 const void *addr, int len);

/**
 * Parse "192.0.2.0/24", "2001:db8::/64" or a bare address (full length).
 */
bool route_prefix_from_string(route_prefix_t *prefix, const char *str);

/**
 * Print as "addr/len" into buf (at least 64 bytes).
 */
char *route_prefix_to_string(const route_prefix_t *prefix, char *buf,
							 size_t len);

/**
 * Whether two prefixes are the same.
 */
bool route_prefix_equals(const route_prefix_t *a, const route_prefix_t *b);

/**
 * Whether inner lies within outer (or equals it).
 */
bool route_prefix_contains(const route_prefix_t *outer,
						   const route_prefix_t *inner);

/**
 * Hash of a prefix.
 */
uint32_t route_prefix_hash(const route_prefix_t *prefix);

#endif /** ROUTE_PREFIX_H_ @}*/
