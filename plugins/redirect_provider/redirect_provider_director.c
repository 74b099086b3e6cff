/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "redirect_provider_director.h"

#include <daemon.h>
#include <threading/mutex.h>
#include <collections/hashtable.h>
#include <processing/jobs/delete_ike_sa_job.h>

/** marks older than this are dropped: an IKE_SA that took longer from
 * IKE_SA_INIT to IKE_AUTH is gone (charon's half-open timeout is 30 s) */
#define MARK_LIFETIME 60

/** purge old marks when a set grows beyond this many */
#define MARKS_PURGE 1024

/** log "no member" decisions at most once in this many seconds */
#define NONE_LOG_INTERVAL 5

typedef struct private_redirect_provider_director_t
				private_redirect_provider_director_t;

/**
 * IKE_SAs, by unique ID, remembered from one exchange to a later one; the
 * value is the time they were marked.
 */
typedef struct {
	hashtable_t *ids;
} marks_t;

struct private_redirect_provider_director_t {

	/**
	 * Public interface.
	 */
	redirect_provider_director_t public;

	/**
	 * Configuration.
	 */
	redirect_provider_config_t config;

	/**
	 * cluster-load's service.
	 */
	cluster_load_t *cluster;

	/**
	 * IKE_SAs whose IKE_SA_INIT carried REDIRECTED_FROM.
	 */
	marks_t redirected_from;

	/**
	 * IKE_SAs to refuse in IKE_AUTH.
	 */
	marks_t refuse;

	/**
	 * Counters.
	 */
	redirect_provider_stats_t stats;

	/**
	 * Last time a "no member" decision was logged.
	 */
	time_t none_logged;

	/**
	 * Protects marks, stats and none_logged.
	 */
	mutex_t *mutex;
};


/**
 * Remember an ID; must hold mutex. Old marks are dropped once the set grows,
 * so IKE_SAs that never reach the later exchange cannot make it grow
 * without bound.
 */
static void mark(marks_t *marks, uint32_t id)
{
	enumerator_t *enumerator;
	void *key, *value;
	time_t now = time_monotonic(NULL);

	if (marks->ids->get_count(marks->ids) >= MARKS_PURGE)
	{
		enumerator = marks->ids->create_enumerator(marks->ids);
		while (enumerator->enumerate(enumerator, &key, &value))
		{
			if (now + 1 - (time_t)(uintptr_t)value > MARK_LIFETIME)
			{
				marks->ids->remove_at(marks->ids, enumerator);
			}
		}
		enumerator->destroy(enumerator);
	}
	/* + 1: the value must not be NULL, remove() tells by it */
	marks->ids->put(marks->ids, (void*)(uintptr_t)id,
					(void*)(uintptr_t)(now + 1));
}

/**
 * Check and forget an ID; must hold mutex.
 */
static bool unmark(marks_t *marks, uint32_t id)
{
	return marks->ids->remove(marks->ids, (void*)(uintptr_t)id) != NULL;
}

/**
 * Whether the request arrived on one of the virtual IPs.
 */
static bool on_vip(private_redirect_provider_director_t *this, host_t *host)
{
	enumerator_t *enumerator;
	host_t *vip;
	bool found = FALSE;

	enumerator = this->config.vips->create_enumerator(this->config.vips);
	while (enumerator->enumerate(enumerator, &vip))
	{
		if (host->ip_equals(host, vip))
		{
			found = TRUE;
			break;
		}
	}
	enumerator->destroy(enumerator);
	return found;
}

/**
 * The identity clients are redirected to.
 */
static identification_t *gateway_id(cluster_addr_t *addr)
{
	id_type_t type;

	switch (addr->type)
	{
		case CLUSTER_ADDR_IPV4:
			type = ID_IPV4_ADDR;
			break;
		case CLUSTER_ADDR_IPV6:
			type = ID_IPV6_ADDR;
			break;
		default:
			type = ID_FQDN;
			break;
	}
	return identification_create_from_encoding(type,
										chunk_create(addr->data, addr->len));
}

/**
 * Decide for one client; TRUE and *gateway if it is redirected.
 */
static bool decide(private_redirect_provider_director_t *this,
				   ike_sa_t *ike_sa, identification_t **gateway)
{
	cluster_member_info_t chosen;
	cluster_select_result_t result;
	uint32_t id = ike_sa->get_unique_id(ike_sa);
	bool log_none = FALSE, refuse;
	time_t now;

	if (!on_vip(this, ike_sa->get_my_host(ike_sa)))
	{
		this->mutex->lock(this->mutex);
		this->stats.not_on_vip++;
		unmark(&this->redirected_from, id);
		this->mutex->unlock(this->mutex);
		return FALSE;
	}
	this->mutex->lock(this->mutex);
	if (unmark(&this->redirected_from, id))
	{
		this->stats.redirected_from++;
		this->mutex->unlock(this->mutex);
		DBG1(DBG_IKE, "redirect-provider: %H was redirected to us already, "
			 "serving it here", ike_sa->get_other_host(ike_sa));
		return FALSE;
	}
	this->mutex->unlock(this->mutex);

	result = this->cluster->select(this->cluster, this->config.director_only,
								   &chosen);
	if (result == CLUSTER_SELECT_OK)
	{
		if (chosen.local)
		{
			this->mutex->lock(this->mutex);
			this->stats.served_locally++;
			this->mutex->unlock(this->mutex);
			DBG2(DBG_IKE, "redirect-provider: this member '%s' is the best "
				 "choice for %H", chosen.report.name,
				 ike_sa->get_other_host(ike_sa));
			return FALSE;
		}
		/* counters are kept by table position */
		this->mutex->lock(this->mutex);
		if (chosen.index >= 0 && chosen.index < CLUSTER_MEMBERS_MAX)
		{
			this->stats.redirected[chosen.index]++;
		}
		this->mutex->unlock(this->mutex);
		*gateway = gateway_id(&chosen.report.redirect_to);
		/* level 2: charon logs "redirecting peer to ..." at level 1 anyway,
		 * and formatting a line costs more than the decision */
		DBG2(DBG_IKE, "redirect-provider: sending %H to member '%s' (%u of %u "
			 "tunnels, %u reserved)", ike_sa->get_other_host(ike_sa),
			 chosen.report.name, chosen.report.ike_sas +
			 chosen.report.half_open, chosen.report.capacity,
			 chosen.reserved);
		return TRUE;
	}

	/* a reload may change it from another thread */
	refuse = __atomic_load_n(&this->config.refuse_when_full, __ATOMIC_RELAXED);
	now = time_monotonic(NULL);
	this->mutex->lock(this->mutex);
	if (refuse)
	{
		this->stats.refused[result]++;
		if (this->config.phase == REDIRECT_PHASE_INIT)
		{
			mark(&this->refuse, id);
		}
	}
	else
	{
		this->stats.served_when_full++;
	}
	if (now - this->none_logged >= NONE_LOG_INTERVAL)
	{
		this->none_logged = now;
		log_none = TRUE;
	}
	this->mutex->unlock(this->mutex);
	if (log_none)
	{
		DBG1(DBG_IKE, "redirect-provider: no member can take %H: %s, %s",
			 ike_sa->get_other_host(ike_sa),
			 cluster_select_result_name(result),
			 refuse ? "refusing it" : "serving it here");
	}
	if (refuse && this->config.phase == REDIRECT_PHASE_AUTH)
	{
		/* authenticated already: end the SA once this exchange is done */
		lib->processor->queue_job(lib->processor,
			(job_t*)delete_ike_sa_job_create(ike_sa->get_id(ike_sa), TRUE));
	}
	return FALSE;
}

METHOD(redirect_provider_director_t, decide_stateless, bool,
	private_redirect_provider_director_t *this, host_t *me, host_t *other,
	cluster_addr_t *gateway)
{
	cluster_member_info_t chosen;

	if (this->config.phase != REDIRECT_PHASE_INIT ||
		!this->config.director_only || !on_vip(this, me))
	{
		return FALSE;
	}
	/* whatever the cluster cannot take goes to charon, which asks decide()
	 * again and then serves or refuses the client as configured */
	if (this->cluster->select(this->cluster, TRUE, &chosen) !=
			CLUSTER_SELECT_OK || chosen.local)
	{
		this->mutex->lock(this->mutex);
		this->stats.fast_path_passed[FAST_PATH_NO_MEMBER]++;
		this->mutex->unlock(this->mutex);
		return FALSE;
	}
	this->mutex->lock(this->mutex);
	if (chosen.index >= 0 && chosen.index < CLUSTER_MEMBERS_MAX)
	{
		this->stats.redirected[chosen.index]++;
	}
	this->stats.fast_path++;
	this->mutex->unlock(this->mutex);
	*gateway = chosen.report.redirect_to;
	DBG2(DBG_IKE, "redirect-provider: sending %H to member '%s' (%u of %u "
		 "tunnels, %u reserved), fast path", other, chosen.report.name,
		 chosen.report.ike_sas + chosen.report.half_open,
		 chosen.report.capacity, chosen.reserved);
	return TRUE;
}

METHOD(redirect_provider_director_t, count_passed, void,
	private_redirect_provider_director_t *this, fast_path_pass_t reason)
{
	if (reason < FAST_PATH_PASS_MAX)
	{
		this->mutex->lock(this->mutex);
		this->stats.fast_path_passed[reason]++;
		this->mutex->unlock(this->mutex);
	}
}

METHOD(redirect_provider_t, redirect_on_init, bool,
	private_redirect_provider_director_t *this, ike_sa_t *ike_sa,
	identification_t **gateway)
{
	if (this->config.phase != REDIRECT_PHASE_INIT)
	{
		return FALSE;
	}
	return decide(this, ike_sa, gateway);
}

METHOD(redirect_provider_t, redirect_on_auth, bool,
	private_redirect_provider_director_t *this, ike_sa_t *ike_sa,
	identification_t **gateway)
{
	if (this->config.phase != REDIRECT_PHASE_AUTH)
	{
		return FALSE;
	}
	return decide(this, ike_sa, gateway);
}

/**
 * The listener is not the first interface of the object: find the object.
 */
static private_redirect_provider_director_t *from_listener(listener_t *l)
{
	return (private_redirect_provider_director_t*)((char*)l -
			offsetof(private_redirect_provider_director_t, public.listener));
}

/**
 * Implements listener_t.message: remember clients that present
 * REDIRECTED_FROM; runs before the request is processed.
 */
static bool message_hook(listener_t *listener, ike_sa_t *ike_sa,
						 message_t *message, bool incoming, bool plain)
{
	private_redirect_provider_director_t *this = from_listener(listener);

	if (incoming && plain && message->get_request(message) &&
		message->get_exchange_type(message) == IKE_SA_INIT &&
		message->get_notify(message, REDIRECTED_FROM))
	{
		this->mutex->lock(this->mutex);
		mark(&this->redirected_from, ike_sa->get_unique_id(ike_sa));
		this->mutex->unlock(this->mutex);
	}
	return TRUE;
}

/**
 * Implements listener_t.authorize: fail the clients marked for refusal.
 */
static bool authorize_hook(listener_t *listener, ike_sa_t *ike_sa,
						   bool final, bool *success)
{
	private_redirect_provider_director_t *this = from_listener(listener);
	bool refuse;

	this->mutex->lock(this->mutex);
	refuse = unmark(&this->refuse, ike_sa->get_unique_id(ike_sa));
	this->mutex->unlock(this->mutex);
	if (refuse)
	{
		DBG1(DBG_IKE, "redirect-provider: refusing %H, no member can take it",
			 ike_sa->get_other_host(ike_sa));
		*success = FALSE;
	}
	return TRUE;
}

METHOD(redirect_provider_director_t, get_stats, void,
	private_redirect_provider_director_t *this,
	redirect_provider_stats_t *stats)
{
	this->mutex->lock(this->mutex);
	*stats = this->stats;
	this->mutex->unlock(this->mutex);
}

METHOD(redirect_provider_director_t, set_refuse_when_full, void,
	private_redirect_provider_director_t *this, bool refuse)
{
	__atomic_store_n(&this->config.refuse_when_full, refuse, __ATOMIC_RELAXED);
}

METHOD(redirect_provider_director_t, get_refuse_when_full, bool,
	private_redirect_provider_director_t *this)
{
	return __atomic_load_n(&this->config.refuse_when_full, __ATOMIC_RELAXED);
}

METHOD(redirect_provider_director_t, destroy, void,
	private_redirect_provider_director_t *this)
{
	this->config.vips->destroy_offset(this->config.vips,
									  offsetof(host_t, destroy));
	this->redirected_from.ids->destroy(this->redirected_from.ids);
	this->refuse.ids->destroy(this->refuse.ids);
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
redirect_provider_director_t *redirect_provider_director_create(
								redirect_provider_config_t *config,
								cluster_load_t *cluster)
{
	private_redirect_provider_director_t *this;

	INIT(this,
		.public = {
			.provider = {
				.redirect_on_init = _redirect_on_init,
				.redirect_on_auth = _redirect_on_auth,
			},
			.listener = {
				.message = message_hook,
				.authorize = authorize_hook,
			},
			.decide_stateless = _decide_stateless,
			.count_passed = _count_passed,
			.get_stats = _get_stats,
			.set_refuse_when_full = _set_refuse_when_full,
			.get_refuse_when_full = _get_refuse_when_full,
			.destroy = _destroy,
		},
		.config = *config,
		.cluster = cluster,
		.redirected_from = {
			.ids = hashtable_create(hashtable_hash_ptr,
									hashtable_equals_ptr, 64),
		},
		.refuse = {
			.ids = hashtable_create(hashtable_hash_ptr,
									hashtable_equals_ptr, 64),
		},
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);
	return &this->public;
}
