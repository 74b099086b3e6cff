/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "redirect_provider_fastpath.h"
#include "ike_redirect.h"

#include <pthread.h>

#include <daemon.h>

/** seconds a cookie secret is used; cookies of the one before still count */
#define COOKIE_SECRET_LIFETIME 30

typedef struct private_redirect_provider_fastpath_t
				private_redirect_provider_fastpath_t;

struct private_redirect_provider_fastpath_t {

	/**
	 * Public interface.
	 */
	redirect_provider_fastpath_t public;

	/**
	 * Decides and counts.
	 */
	redirect_provider_director_t *director;

	/**
	 * Requests per second above which a cookie is demanded, 0 never.
	 */
	uint32_t cookie_threshold;

	/**
	 * Cookie secrets, the current one at version % 2, and when it was made.
	 * Used by the receiver thread only.
	 */
	uint8_t secrets[2][IKE_COOKIE_SECRET_LEN];
	uint8_t version;
	time_t secret_made;

	/**
	 * Requests in the current 100 ms slice and the one before; receiver
	 * only.
	 */
	uint64_t slice;
	uint32_t this_slice, last_slice;

	/**
	 * Counters, atomic: written by the receiver, read by print().
	 */
	uint64_t cookies_sent, cookies_accepted, cookies_refused;
};

/**
 * State of the interposed receive function. Static because charon's
 * receiver thread may still be inside receive_first() when the plugin is
 * unloaded: it then finds no fast path and passes the datagram on. The
 * plugin's code stays mapped until charon has stopped that thread.
 */
static struct {
	/** charon's socket receive function we call first */
	status_t (*receive)(socket_manager_t *this, packet_t **packet);
	/** the active fast path, NULL if none */
	private_redirect_provider_fastpath_t *active;
	/** readers: the receiver thread; writer: create() and destroy() */
	pthread_rwlock_t lock;
} interposed = {
	.lock = PTHREAD_RWLOCK_INITIALIZER,
};

/**
 * Make a new current cookie secret every COOKIE_SECRET_LIFETIME seconds.
 */
static bool fresh_secret(private_redirect_provider_fastpath_t *this,
						 time_t now)
{
	rng_t *rng;
	bool ok;

	if (this->secret_made && now - this->secret_made < COOKIE_SECRET_LIFETIME)
	{
		return TRUE;
	}
	rng = lib->crypto->create_rng(lib->crypto, RNG_STRONG);
	ok = rng && rng->get_bytes(rng, IKE_COOKIE_SECRET_LEN,
							   this->secrets[(this->version + 1) % 2]);
	DESTROY_IF(rng);
	if (ok)
	{
		this->version++;
		this->secret_made = now;
	}
	return ok || this->secret_made;
}

/**
 * Whether a request must bring a cookie: while more than a tenth of
 * cookie_threshold requests arrived in this 100 ms slice or the one before,
 * so a flood gets at most that many redirects before cookies are demanded.
 */
static bool cookie_needed(private_redirect_provider_fastpath_t *this)
{
	timeval_t tv;
	uint64_t slice;
	uint32_t limit, threshold;

	/* a reload may change it from another thread */
	threshold = __atomic_load_n(&this->cookie_threshold, __ATOMIC_RELAXED);
	if (!threshold)
	{
		return FALSE;
	}
	time_monotonic(&tv);
	slice = (uint64_t)tv.tv_sec * 10 + tv.tv_usec / 100000;
	if (slice != this->slice)
	{
		this->last_slice = slice == this->slice + 1 ? this->this_slice : 0;
		this->this_slice = 0;
		this->slice = slice;
	}
	this->this_slice++;
	limit = max(threshold / 10, 1);
	return this->this_slice > limit || this->last_slice > limit;
}

/**
 * Check a request's cookie against the current and the previous secret.
 */
static bool cookie_valid(private_redirect_provider_fastpath_t *this,
						 ike_init_request_t *req, chunk_t ip)
{
	uint8_t v;

	if (!req->cookie_data || !this->secret_made)
	{
		return FALSE;
	}
	v = req->cookie_data[0];
	if (v != this->version && v != (uint8_t)(this->version - 1))
	{
		return FALSE;
	}
	return ike_cookie_check(this->secrets[v % 2], v, req, ip.ptr, ip.len);
}

/**
 * Send an answer built into buf.
 */
static void send_answer(host_t *me, host_t *other, uint8_t *buf, size_t len)
{
	packet_t *reply;

	reply = packet_create();
	reply->set_source(reply, me->clone(me));
	reply->set_destination(reply, other->clone(other));
	reply->set_data(reply, chunk_clone(chunk_create(buf, len)));
	/* the sender queues it, the receiver goes on at once */
	charon->sender->send(charon->sender, reply);
}

/**
 * Answer a datagram if it is an IKE_SA_INIT request on a VIP the director
 * redirects; TRUE if answered (and the packet destroyed).
 */
static bool answer(private_redirect_provider_fastpath_t *this,
				   packet_t *packet)
{
	uint8_t buf[IKE_REDIRECT_ANSWER_MAX], cookie[IKE_COOKIE_LEN];
	ike_init_request_t req;
	ike_init_result_t result;
	cluster_addr_t gateway;
	host_t *me, *other;
	chunk_t data, ip;
	time_t now;
	size_t len;

	me = packet->get_destination(packet);
	other = packet->get_source(packet);
	if (me->get_port(me) != charon->socket->get_port(charon->socket, FALSE))
	{	/* 4500 carries IKE behind a marker and ESP: never a first request */
		return FALSE;
	}
	data = packet->get_data(packet);
	result = ike_redirect_parse(data.ptr, data.len, &req);
	if (result == IKE_INIT_OTHER)
	{
		return FALSE;
	}
	if (result == IKE_INIT_MALFORMED)
	{
		this->director->count_passed(this->director, FAST_PATH_MALFORMED);
		return FALSE;
	}
	/* a redirected client sends REDIRECTED_FROM instead of
	 * REDIRECT_SUPPORTED (RFC 5685 section 4.2) */
	if (req.redirected_from)
	{
		this->director->count_passed(this->director,
									 FAST_PATH_REDIRECTED_FROM);
		return FALSE;
	}
	if (!req.redirect_supported)
	{
		this->director->count_passed(this->director, FAST_PATH_NO_SUPPORT);
		return FALSE;
	}
	/* under a flood, only clients that receive at their source address
	 * get a redirect and with it a reservation */
	now = time_monotonic(NULL);
	ip = other->get_address(other);
	if (cookie_needed(this) && fresh_secret(this, now))
	{
		if (cookie_valid(this, &req, ip))
		{
			__atomic_add_fetch(&this->cookies_accepted, 1, __ATOMIC_RELAXED);
		}
		else
		{
			if (req.cookie)
			{	/* forged or from an old secret: a fresh one */
				__atomic_add_fetch(&this->cookies_refused, 1,
								   __ATOMIC_RELAXED);
			}
			if (!ike_cookie_make(this->secrets[this->version % 2],
								 this->version, &req, ip.ptr, ip.len, cookie))
			{
				return FALSE;
			}
			len = ike_cookie_build(&req, cookie, buf, sizeof(buf));
			if (!len)
			{
				return FALSE;
			}
			send_answer(me, other, buf, len);
			__atomic_add_fetch(&this->cookies_sent, 1, __ATOMIC_RELAXED);
			packet->destroy(packet);
			return TRUE;
		}
	}
	if (!this->director->decide_stateless(this->director, me, other,
										  &gateway))
	{
		return FALSE;
	}
	len = ike_redirect_build(&req, &gateway, buf, sizeof(buf));
	if (!len)
	{
		return FALSE;
	}
	send_answer(me, other, buf, len);
	packet->destroy(packet);
	return TRUE;
}

/**
 * Replaces charon->socket->receive: charon's receive first, then the fast
 * path, until a datagram is left for charon.
 */
static status_t receive_first(socket_manager_t *socket, packet_t **packet)
{
	status_t status;
	bool answered;

	while (TRUE)
	{
		status = interposed.receive(socket, packet);
		if (status != SUCCESS)
		{
			return status;
		}
		pthread_rwlock_rdlock(&interposed.lock);
		answered = interposed.active && answer(interposed.active, *packet);
		pthread_rwlock_unlock(&interposed.lock);
		if (!answered)
		{
			return SUCCESS;
		}
	}
}

METHOD(redirect_provider_fastpath_t, print, void,
	private_redirect_provider_fastpath_t *this, FILE *out)
{
	fprintf(out, "redirect.fast-path-cookies-sent %llu\n", (unsigned long long)
			__atomic_load_n(&this->cookies_sent, __ATOMIC_RELAXED));
	fprintf(out, "redirect.fast-path-cookies-accepted %llu\n",
			(unsigned long long)
			__atomic_load_n(&this->cookies_accepted, __ATOMIC_RELAXED));
	fprintf(out, "redirect.fast-path-cookies-refused %llu\n",
			(unsigned long long)
			__atomic_load_n(&this->cookies_refused, __ATOMIC_RELAXED));
}

METHOD(redirect_provider_fastpath_t, set_cookie_threshold, void,
	private_redirect_provider_fastpath_t *this, uint32_t threshold)
{
	__atomic_store_n(&this->cookie_threshold, threshold, __ATOMIC_RELAXED);
}

METHOD(redirect_provider_fastpath_t, destroy, void,
	private_redirect_provider_fastpath_t *this)
{
	pthread_rwlock_wrlock(&interposed.lock);
	if (interposed.active == this)
	{
		interposed.active = NULL;
		if (charon->socket->receive == receive_first)
		{
			charon->socket->receive = interposed.receive;
		}
	}
	pthread_rwlock_unlock(&interposed.lock);
	memwipe(this->secrets, sizeof(this->secrets));
	free(this);
}

/*
 * Described in header
 */
redirect_provider_fastpath_t *redirect_provider_fastpath_create(
									redirect_provider_director_t *director,
									uint32_t cookie_threshold)
{
	private_redirect_provider_fastpath_t *this;

	INIT(this,
		.public = {
			.print = _print,
			.set_cookie_threshold = _set_cookie_threshold,
			.destroy = _destroy,
		},
		.director = director,
		.cookie_threshold = cookie_threshold,
	);

	pthread_rwlock_wrlock(&interposed.lock);
	if (interposed.active)
	{
		pthread_rwlock_unlock(&interposed.lock);
		free(this);
		return NULL;
	}
	/* the receiver reads charon->socket->receive anew for each datagram */
	if (charon->socket->receive != receive_first)
	{
		interposed.receive = charon->socket->receive;
		charon->socket->receive = receive_first;
	}
	interposed.active = this;
	pthread_rwlock_unlock(&interposed.lock);
	return &this->public;
}
