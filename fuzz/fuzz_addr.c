/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * libFuzzer harness for the configuration value parsers: redirect
 * addresses (IPv4, IPv6, FQDN), route prefixes and member names.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_msg.h"
#include "route_prefix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char str[512], out[CLUSTER_ADDR_MAX + 1], pfx[64];
	cluster_addr_t addr;
	route_prefix_t prefix, again;

	if (size >= sizeof(str))
	{
		return 0;
	}
	memcpy(str, data, size);
	str[size] = '\0';
	if (cluster_addr_from_string(str, &addr))
	{
		cluster_addr_to_string(&addr, out, sizeof(out));
	}
	if (route_prefix_from_string(&prefix, str))
	{
		/* printing and parsing again gives the same prefix */
		route_prefix_to_string(&prefix, pfx, sizeof(pfx));
		if (!route_prefix_from_string(&again, pfx) ||
			!route_prefix_equals(&prefix, &again))
		{
			abort();
		}
	}
	cluster_name_valid(str);
	return 0;
}
