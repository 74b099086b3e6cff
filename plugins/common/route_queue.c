/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "route_queue.h"
#include "route_refs.h"

#include <stdlib.h>

typedef struct change_t change_t;

/**
 * A queued route change; what it changes to is decided when it is taken.
 */
struct change_t {
	route_prefix_t prefix;
	change_t *next;
};

typedef struct {
	route_queue_t public;
	route_refs_t *refs;
	change_t *head;
	change_t *tail;
	int queued;
} private_route_queue_t;

static void enqueue(private_route_queue_t *this, const route_prefix_t *prefix)
{
	change_t *change;

	change = calloc(1, sizeof(*change));
	if (!change)
	{
		abort();
	}
	change->prefix = *prefix;
	if (this->tail)
	{
		this->tail->next = change;
	}
	else
	{
		this->head = change;
	}
	this->tail = change;
	this->queued++;
}

static bool update(route_queue_t *public, const route_prefix_t *prefix,
				   uint32_t owner, bool up)
{
	private_route_queue_t *this = (private_route_queue_t*)public;
	bool changed;

	changed = up ? this->refs->add(this->refs, prefix, owner)
				 : this->refs->remove(this->refs, prefix, owner);
	if (changed)
	{
		enqueue(this, prefix);
	}
	return changed;
}

static int move(route_queue_t *public, uint32_t old, uint32_t new)
{
	private_route_queue_t *this = (private_route_queue_t*)public;

	return this->refs->move(this->refs, old, new);
}

static bool next(route_queue_t *public, route_prefix_t *prefix, bool *want)
{
	private_route_queue_t *this = (private_route_queue_t*)public;
	change_t *change = this->head;

	if (!change)
	{
		return false;
	}
	this->head = change->next;
	if (!this->head)
	{
		this->tail = NULL;
	}
	this->queued--;
	*prefix = change->prefix;
	*want = this->refs->owners(this->refs, prefix) > 0;
	free(change);
	return true;
}

static void failed(route_queue_t *public, const route_prefix_t *prefix)
{
	enqueue((private_route_queue_t*)public, prefix);
}

static int routed(route_queue_t *public)
{
	private_route_queue_t *this = (private_route_queue_t*)public;

	return this->refs->count(this->refs);
}

static int queued(route_queue_t *public)
{
	return ((private_route_queue_t*)public)->queued;
}

static void destroy(route_queue_t *public)
{
	private_route_queue_t *this = (private_route_queue_t*)public;
	change_t *change;

	while ((change = this->head))
	{
		this->head = change->next;
		free(change);
	}
	this->refs->destroy(this->refs);
	free(this);
}

/*
 * Described in header
 */
route_queue_t *route_queue_create(void)
{
	private_route_queue_t *this;

	this = calloc(1, sizeof(*this));
	if (!this)
	{
		abort();
	}
	this->public = (route_queue_t){
		.update = update,
		.move = move,
		.next = next,
		.failed = failed,
		.routed = routed,
		.queued = queued,
		.destroy = destroy,
	};
	this->refs = route_refs_create();
	return &this->public;
}
