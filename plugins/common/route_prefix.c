/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "route_prefix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

static int addr_len(int family)
{
	switch (family)
	{
		case AF_INET:
			return 4;
		case AF_INET6:
			return 16;
		default:
			return 0;
	}
}

bool route_prefix_create(route_prefix_t *prefix, int family,
						 const void *addr, int len)
{
	int bytes = addr_len(family), i;

	if (!bytes || len < 0 || len > bytes * 8)
	{
		return false;
	}
	memset(prefix, 0, sizeof(*prefix));
	prefix->family = family;
	prefix->len = len;
	memcpy(prefix->addr, addr, bytes);
	/* clear the host bits: 192.0.2.7/24 is 192.0.2.0/24 */
	for (i = 0; i < bytes; i++)
	{
		if (len >= (i + 1) * 8)
		{
			continue;
		}
		if (len <= i * 8)
		{
			prefix->addr[i] = 0;
		}
		else
		{
			prefix->addr[i] &= (uint8_t)(0xff << (8 - (len - i * 8)));
		}
	}
	return true;
}

bool route_prefix_from_string(route_prefix_t *prefix, const char *str)
{
	char buf[64], *slash, *end;
	uint8_t addr[16];
	long len;
	int family;

	if (strlen(str) >= sizeof(buf))
	{
		return false;
	}
	strcpy(buf, str);
	slash = strchr(buf, '/');
	if (slash)
	{
		*slash++ = '\0';
	}
	if (inet_pton(AF_INET, buf, addr) == 1)
	{
		family = AF_INET;
	}
	else if (inet_pton(AF_INET6, buf, addr) == 1)
	{
		family = AF_INET6;
	}
	else
	{
		return false;
	}
	len = addr_len(family) * 8;
	if (slash)
	{
		if (!*slash || (slash[0] == '0' && slash[1]))
		{
			return false;
		}
		len = strtol(slash, &end, 10);
		if (*end || len < 0 || len > addr_len(family) * 8)
		{
			return false;
		}
	}
	return route_prefix_create(prefix, family, addr, len);
}

char *route_prefix_to_string(const route_prefix_t *prefix, char *buf,
							 size_t len)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(prefix->family, prefix->addr, addr, sizeof(addr)))
	{
		snprintf(buf, len, "(invalid)");
		return buf;
	}
	snprintf(buf, len, "%s/%u", addr, prefix->len);
	return buf;
}

bool route_prefix_equals(const route_prefix_t *a, const route_prefix_t *b)
{
	return a->family == b->family && a->len == b->len &&
		   memcmp(a->addr, b->addr, sizeof(a->addr)) == 0;
}

bool route_prefix_contains(const route_prefix_t *outer,
						   const route_prefix_t *inner)
{
	route_prefix_t cut;

	if (outer->family != inner->family || outer->len > inner->len)
	{
		return false;
	}
	route_prefix_create(&cut, inner->family, inner->addr, outer->len);
	return route_prefix_equals(&cut, outer);
}

uint32_t route_prefix_hash(const route_prefix_t *prefix)
{
	/* FNV-1a over family, length and address */
	uint32_t hash = 2166136261u;
	int i;

	hash = (hash ^ prefix->family) * 16777619u;
	hash = (hash ^ prefix->len) * 16777619u;
	for (i = 0; i < 16; i++)
	{
		hash = (hash ^ prefix->addr[i]) * 16777619u;
	}
	return hash;
}
