/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "route_refs.h"

#include <stdlib.h>
#include <string.h>

/** hash buckets, a power of two */
#define BUCKETS 4096

typedef struct entry_t entry_t;

/**
 * A routed prefix and its owners.
 */
struct entry_t {
	route_prefix_t prefix;
	uint32_t *owners;
	int count;
	int size;
	entry_t *next;
};

typedef struct {
	route_refs_t public;
	entry_t *buckets[BUCKETS];
	int count;
} private_route_refs_t;

static entry_t **find(private_route_refs_t *this, const route_prefix_t *prefix)
{
	entry_t **pos;

	pos = &this->buckets[route_prefix_hash(prefix) & (BUCKETS - 1)];
	while (*pos && !route_prefix_equals(&(*pos)->prefix, prefix))
	{
		pos = &(*pos)->next;
	}
	return pos;
}

static int owner_index(entry_t *e, uint32_t owner)
{
	int i;

	for (i = 0; i < e->count; i++)
	{
		if (e->owners[i] == owner)
		{
			return i;
		}
	}
	return -1;
}

static bool add(route_refs_t *public, const route_prefix_t *prefix,
				uint32_t owner)
{
	private_route_refs_t *this = (private_route_refs_t*)public;
	entry_t **pos = find(this, prefix), *e = *pos;
	uint32_t *grown;
	bool first = false;

	if (!e)
	{
		e = calloc(1, sizeof(*e));
		if (!e)
		{
			return false;
		}
		e->prefix = *prefix;
		*pos = e;
		this->count++;
		first = true;
	}
	if (owner_index(e, owner) >= 0)
	{
		return first;
	}
	if (e->count == e->size)
	{
		grown = realloc(e->owners, (e->size ? e->size * 2 : 2) *
						sizeof(*e->owners));
		if (!grown)
		{
			return first;
		}
		e->owners = grown;
		e->size = e->size ? e->size * 2 : 2;
	}
	e->owners[e->count++] = owner;
	return first;
}

static bool remove_(route_refs_t *public, const route_prefix_t *prefix,
					uint32_t owner)
{
	private_route_refs_t *this = (private_route_refs_t*)public;
	entry_t **pos = find(this, prefix), *e = *pos;
	int i;

	if (!e || (i = owner_index(e, owner)) < 0)
	{
		return false;
	}
	e->owners[i] = e->owners[--e->count];
	if (e->count)
	{
		return false;
	}
	*pos = e->next;
	free(e->owners);
	free(e);
	this->count--;
	return true;
}

static int move(route_refs_t *public, uint32_t old, uint32_t new)
{
	private_route_refs_t *this = (private_route_refs_t*)public;
	entry_t *e;
	int b, i, moved = 0;

	for (b = 0; b < BUCKETS; b++)
	{
		for (e = this->buckets[b]; e; e = e->next)
		{
			i = owner_index(e, old);
			if (i < 0)
			{
				continue;
			}
			if (owner_index(e, new) >= 0)
			{	/* new owns it already: just drop old */
				e->owners[i] = e->owners[--e->count];
			}
			else
			{
				e->owners[i] = new;
			}
			moved++;
		}
	}
	return moved;
}

static int owners(route_refs_t *public, const route_prefix_t *prefix)
{
	private_route_refs_t *this = (private_route_refs_t*)public;
	entry_t *e = *find(this, prefix);

	return e ? e->count : 0;
}

static int count(route_refs_t *public)
{
	return ((private_route_refs_t*)public)->count;
}

static int get(route_refs_t *public, route_prefix_t *out, int max)
{
	private_route_refs_t *this = (private_route_refs_t*)public;
	entry_t *e;
	int b, n = 0;

	for (b = 0; b < BUCKETS && n < max; b++)
	{
		for (e = this->buckets[b]; e && n < max; e = e->next)
		{
			out[n++] = e->prefix;
		}
	}
	return n;
}

static void destroy(route_refs_t *public)
{
	private_route_refs_t *this = (private_route_refs_t*)public;
	entry_t *e, *next;
	int b;

	for (b = 0; b < BUCKETS; b++)
	{
		for (e = this->buckets[b]; e; e = next)
		{
			next = e->next;
			free(e->owners);
			free(e);
		}
	}
	free(this);
}

route_refs_t *route_refs_create(void)
{
	private_route_refs_t *this = calloc(1, sizeof(*this));

	if (!this)
	{
		return NULL;
	}
	this->public = (route_refs_t){
		.add = add,
		.remove = remove_,
		.move = move,
		.owners = owners,
		.count = count,
		.get = get,
		.destroy = destroy,
	};
	return &this->public;
}
