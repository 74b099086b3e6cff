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
 * Answer a datagram if it is an IKE_SA_INIT request on a VIP the director
 * redirects; TRUE if answered (and the packet destroyed).
 */
static bool answer(private_redirect_provider_fastpath_t *this,
				   packet_t *packet)
{
	uint8_t buf[IKE_REDIRECT_ANSWER_MAX];
	ike_init_request_t req;
	ike_init_result_t result;
	cluster_addr_t gateway;
	host_t *me, *other;
	packet_t *reply;
	chunk_t data;
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
	reply = packet_create();
	reply->set_source(reply, me->clone(me));
	reply->set_destination(reply, other->clone(other));
	reply->set_data(reply, chunk_clone(chunk_create(buf, len)));
	/* the sender queues it, the receiver goes on at once */
	charon->sender->send(charon->sender, reply);
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
	free(this);
}

/*
 * Described in header
 */
redirect_provider_fastpath_t *redirect_provider_fastpath_create(
									redirect_provider_director_t *director)
{
	private_redirect_provider_fastpath_t *this;

	INIT(this,
		.public = {
			.destroy = _destroy,
		},
		.director = director,
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
