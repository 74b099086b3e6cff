/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "route_inject_router.h"
#include "route_queue.h"

#include <daemon.h>
#include <threading/mutex.h>
#include <processing/jobs/callback_job.h>

/** delay before a failed route change is tried again */
#define RETRY_MS 1000

typedef struct private_route_inject_router_t private_route_inject_router_t;

struct private_route_inject_router_t {

	/**
	 * Public interface.
	 */
	route_inject_router_t public;

	/**
	 * Route installer; used by the apply job only (and destroy).
	 */
	route_netlink_t *netlink;

	/**
	 * Aggregates, route_prefix_t*.
	 */
	linked_list_t *aggregates;

	/**
	 * Which CHILD_SA needs which prefix, and the route changes to make.
	 */
	route_queue_t *queue;

	/**
	 * An apply job is queued or scheduled.
	 */
	bool applying;

	/**
	 * Route changes made and refused by the kernel (under mutex).
	 */
	uint64_t installed, removed, failed;

	/**
	 * Protects queue and applying.
	 */
	mutex_t *mutex;

	/**
	 * Serialises the apply job and destroy on the netlink socket.
	 */
	mutex_t *kernel;
};

/**
 * The prefix announced for a remote traffic selector, FALSE to skip it.
 */
static bool ts_prefix(private_route_inject_router_t *this,
					  traffic_selector_t *ts, route_prefix_t *prefix)
{
	enumerator_t *enumerator;
	route_prefix_t *aggregate;
	host_t *net;
	uint8_t mask;
	chunk_t addr;
	bool ok;

	if (!ts->to_subnet(ts, &net, &mask))
	{
		/* a range that is no subnet: announce the covering subnet */
		DBG2(DBG_KNL, "route-inject: %R is no subnet, using %H/%u", ts, net,
			 mask);
	}
	addr = net->get_address(net);
	ok = route_prefix_create(prefix, net->get_family(net), addr.ptr, mask);
	net->destroy(net);
	if (!ok || prefix->len == 0)
	{
		/* a peer's 0.0.0.0/0 must not become a default route of the core */
		DBG1(DBG_KNL, "route-inject: not announcing remote traffic selector "
			 "%R", ts);
		return FALSE;
	}
	enumerator = this->aggregates->create_enumerator(this->aggregates);
	while (enumerator->enumerate(enumerator, &aggregate))
	{
		if (route_prefix_contains(aggregate, prefix))
		{
			*prefix = *aggregate;
			break;
		}
	}
	enumerator->destroy(enumerator);
	return TRUE;
}

/**
 * Bring the kernel in line with the queue. A failed change is queued again
 * and the queue is worked off again later; the queue decides what a route
 * must be when it is taken, so a retry never undoes a later change.
 */
CALLBACK(apply, job_requeue_t,
	private_route_inject_router_t *this)
{
	route_prefix_t prefix;
	char buf[64];
	bool want;
	int ret;

	this->kernel->lock(this->kernel);
	while (TRUE)
	{
		this->mutex->lock(this->mutex);
		if (!this->queue->next(this->queue, &prefix, &want))
		{
			this->applying = FALSE;
			this->mutex->unlock(this->mutex);
			break;
		}
		this->mutex->unlock(this->mutex);

		ret = want ? this->netlink->add(this->netlink, &prefix)
				   : this->netlink->del(this->netlink, &prefix);
		route_prefix_to_string(&prefix, buf, sizeof(buf));
		if (ret)
		{
			DBG1(DBG_KNL, "route-inject: %s route to %s failed: %s, trying "
				 "again in %d ms", want ? "installing" : "removing", buf,
				 strerror(-ret), RETRY_MS);
			this->mutex->lock(this->mutex);
			this->queue->failed(this->queue, &prefix);
			this->failed++;
			/* applying stays set: the scheduled job takes over */
			this->mutex->unlock(this->mutex);
			lib->scheduler->schedule_job_ms(lib->scheduler,
				(job_t*)callback_job_create(apply, this, NULL, NULL),
				RETRY_MS);
			break;
		}
		DBG1(DBG_KNL, "route-inject: %s route to %s",
			 want ? "installed" : "removed", buf);
		this->mutex->lock(this->mutex);
		if (want)
		{
			this->installed++;
		}
		else
		{
			this->removed++;
		}
		this->mutex->unlock(this->mutex);
	}
	this->kernel->unlock(this->kernel);
	return JOB_REQUEUE_NONE;
}

/**
 * Make sure an apply job runs; must hold mutex.
 */
static void schedule_apply(private_route_inject_router_t *this)
{
	if (!this->applying)
	{
		this->applying = TRUE;
		lib->processor->queue_job(lib->processor,
			(job_t*)callback_job_create(apply, this, NULL, NULL));
	}
}

/**
 * Add or remove the prefixes of a CHILD_SA's remote side.
 */
static void update(private_route_inject_router_t *this, child_sa_t *child_sa,
				   uint32_t owner, bool up)
{
	enumerator_t *enumerator;
	traffic_selector_t *ts;
	route_prefix_t prefix;

	enumerator = child_sa->create_ts_enumerator(child_sa, FALSE);
	while (enumerator->enumerate(enumerator, &ts))
	{
		if (!ts_prefix(this, ts, &prefix))
		{
			continue;
		}
		this->mutex->lock(this->mutex);
		if (this->queue->update(this->queue, &prefix, owner, up))
		{
			schedule_apply(this);
		}
		this->mutex->unlock(this->mutex);
	}
	enumerator->destroy(enumerator);
}

METHOD(listener_t, child_updown, bool,
	private_route_inject_router_t *this, ike_sa_t *ike_sa,
	child_sa_t *child_sa, bool up)
{
	update(this, child_sa, child_sa->get_unique_id(child_sa), up);
	return TRUE;
}

METHOD(listener_t, child_rekey, bool,
	private_route_inject_router_t *this, ike_sa_t *ike_sa,
	child_sa_t *old, child_sa_t *new)
{
	this->mutex->lock(this->mutex);
	this->queue->move(this->queue, old->get_unique_id(old),
					 new->get_unique_id(new));
	this->mutex->unlock(this->mutex);
	/* the new CHILD_SA may cover other traffic selectors */
	update(this, new, new->get_unique_id(new), TRUE);
	return TRUE;
}

METHOD(route_inject_router_t, get_count, int,
	private_route_inject_router_t *this)
{
	int count;

	this->mutex->lock(this->mutex);
	count = this->queue->routed(this->queue);
	this->mutex->unlock(this->mutex);
	return count;
}

METHOD(route_inject_router_t, print, void,
	private_route_inject_router_t *this, FILE *out)
{
	this->mutex->lock(this->mutex);
	fprintf(out, "route.routed %d\n", this->queue->routed(this->queue));
	fprintf(out, "route.queued %d\n", this->queue->queued(this->queue));
	fprintf(out, "route.installed %llu\n", (unsigned long long)this->installed);
	fprintf(out, "route.removed %llu\n", (unsigned long long)this->removed);
	fprintf(out, "route.failed %llu\n", (unsigned long long)this->failed);
	this->mutex->unlock(this->mutex);
}

METHOD(route_inject_router_t, destroy, void,
	private_route_inject_router_t *this)
{
	int removed = 0, ret;

	/* jobs no longer run (the processor is cancelled before plugins are
	 * unloaded): withdraw all our routes at once */
	this->kernel->lock(this->kernel);
	ret = this->netlink->flush(this->netlink, &removed);
	this->kernel->unlock(this->kernel);
	if (ret)
	{
		DBG1(DBG_KNL, "route-inject: removing routes failed: %s",
			 strerror(-ret));
	}
	DBG1(DBG_KNL, "route-inject: removed %d route%s", removed,
		 removed == 1 ? "" : "s");
	this->netlink->destroy(this->netlink);
	this->aggregates->destroy_function(this->aggregates, free);
	this->queue->destroy(this->queue);
	this->mutex->destroy(this->mutex);
	this->kernel->destroy(this->kernel);
	free(this);
}

/*
 * Described in header
 */
route_inject_router_t *route_inject_router_create(route_netlink_t *netlink,
												  linked_list_t *aggregates)
{
	private_route_inject_router_t *this;
	int removed = 0, ret;

	INIT(this,
		.public = {
			.listener = {
				.child_updown = _child_updown,
				.child_rekey = _child_rekey,
			},
			.get_count = _get_count,
			.print = _print,
			.destroy = _destroy,
		},
		.netlink = netlink,
		.aggregates = aggregates,
		.queue = route_queue_create(),
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
		.kernel = mutex_create(MUTEX_TYPE_DEFAULT),
	);

	ret = netlink->flush(netlink, &removed);
	if (ret)
	{
		DBG1(DBG_KNL, "route-inject: removing stale routes failed: %s",
			 strerror(-ret));
	}
	else if (removed)
	{
		DBG1(DBG_KNL, "route-inject: removed %d stale route%s left by an "
			 "earlier run", removed, removed == 1 ? "" : "s");
	}
	return &this->public;
}
