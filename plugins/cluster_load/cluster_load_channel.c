/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "cluster_load_channel.h"
#include "cluster_load_time.h"

#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <daemon.h>
#include <collections/linked_list.h>
#include <threading/mutex.h>
#include <threading/thread.h>
#include <processing/jobs/callback_job.h>

/** log a drop reason at most once in this many milliseconds */
#define DROP_LOG_INTERVAL_MS 5000

typedef struct private_cluster_load_channel_t private_cluster_load_channel_t;

/**
 * A peer member.
 */
typedef struct {
	char name[CLUSTER_NAME_MAX + 1];
	host_t *addr;
} peer_t;

/**
 * Rate limit of one kind of log line.
 */
typedef struct {
	/** last time logged */
	uint64_t logged_ms;
	/** events since then */
	uint64_t suppressed;
} log_limit_t;

struct private_cluster_load_channel_t {

	/**
	 * Public interface.
	 */
	cluster_load_channel_t public;

	/**
	 * UDP socket.
	 */
	int fd;

	/**
	 * Channel key.
	 */
	uint8_t key[CLUSTER_KEY_LEN];

	/**
	 * Member table (borrowed).
	 */
	cluster_table_t *table;

	/**
	 * Peers, peer_t; fixed after configuration.
	 */
	linked_list_t *peers;

	/**
	 * Statistics, protected by mutex.
	 */
	cluster_load_channel_stats_t stats;

	/**
	 * Drop log limits: codec, table, channel reasons and send failures.
	 */
	log_limit_t limit_codec[CLUSTER_MSG_RESULT_MAX];
	log_limit_t limit_table[CLUSTER_UPDATE_RESULT_MAX];
	log_limit_t limit_channel[CLUSTER_CHANNEL_DROP_MAX];
	log_limit_t limit_send;

	/**
	 * Protects stats and the log limits.
	 */
	mutex_t *mutex;
};

/**
 * Count an event and tell whether to log it now; must hold the mutex.
 * Returns the number of events suppressed since the last log line + 1,
 * or 0 if this one is not to be logged.
 */
static uint64_t limited(log_limit_t *limit, uint64_t now)
{
	uint64_t count;

	limit->suppressed++;
	if (limit->logged_ms && now - limit->logged_ms < DROP_LOG_INTERVAL_MS)
	{
		return 0;
	}
	count = limit->suppressed;
	limit->suppressed = 0;
	limit->logged_ms = now ?: 1;
	return count;
}

/**
 * Find a peer by name.
 */
static peer_t *find_peer(private_cluster_load_channel_t *this,
						 const char *name)
{
	enumerator_t *enumerator;
	peer_t *peer, *found = NULL;

	enumerator = this->peers->create_enumerator(this->peers);
	while (enumerator->enumerate(enumerator, &peer))
	{
		if (streq(peer->name, name))
		{
			found = peer;
			break;
		}
	}
	enumerator->destroy(enumerator);
	return found;
}

/**
 * Handle one received datagram.
 */
static void process(private_cluster_load_channel_t *this, uint8_t *buf,
					size_t len, host_t *src)
{
	cluster_load_report_t report;
	cluster_msg_result_t result;
	cluster_update_result_t update;
	peer_t *peer;
	uint64_t now = cluster_time_ms(), n;

	result = cluster_msg_decode(buf, len, this->key, &report);
	if (result != CLUSTER_MSG_OK)
	{
		this->mutex->lock(this->mutex);
		this->stats.codec[result]++;
		n = limited(&this->limit_codec[result], now);
		this->mutex->unlock(this->mutex);
		if (n)
		{
			DBG1(DBG_NET, "cluster channel: dropped %zu byte datagram from %H: "
				 "%s (%llu since last logged)", len, src,
				 cluster_msg_result_name(result), n);
		}
		return;
	}
	peer = find_peer(this, report.name);
	if (peer && !src->ip_equals(src, peer->addr))
	{
		this->mutex->lock(this->mutex);
		this->stats.channel[CLUSTER_CHANNEL_WRONG_SOURCE]++;
		n = limited(&this->limit_channel[CLUSTER_CHANNEL_WRONG_SOURCE], now);
		this->mutex->unlock(this->mutex);
		if (n)
		{
			DBG1(DBG_NET, "cluster channel: dropped report of member '%s' from "
				 "%H, its address is %H: wrong-source (%llu since last "
				 "logged)", report.name, src, peer->addr, n);
		}
		return;
	}
	update = this->table->update(this->table, &report, now, cluster_time_wall_us());
	this->mutex->lock(this->mutex);
	if (update == CLUSTER_UPDATE_OK)
	{
		this->stats.accepted++;
		n = 0;
	}
	else
	{
		this->stats.table[update]++;
		n = limited(&this->limit_table[update], now);
	}
	this->mutex->unlock(this->mutex);
	if (n)
	{
		DBG1(DBG_NET, "cluster channel: dropped report of member '%s' from %H: "
			 "%s (%llu since last logged)", report.name, src,
			 cluster_update_result_name(update), n);
	}
}

CALLBACK(receive, job_requeue_t,
	private_cluster_load_channel_t *this)
{
	uint8_t buf[CLUSTER_MSG_MAX + 1];
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
	} addr;
	socklen_t addrlen = sizeof(addr);
	host_t *src;
	ssize_t len;
	bool oldstate;

	oldstate = thread_cancelability(TRUE);
	len = recvfrom(this->fd, buf, sizeof(buf), 0, &addr.sa, &addrlen);
	thread_cancelability(oldstate);
	if (len < 0)
	{
		if (errno != EINTR && errno != EAGAIN)
		{
			DBG1(DBG_NET, "cluster channel: receiving failed: %s",
				 strerror(errno));
			/* avoid a busy loop on a persistent error */
			sleep(1);
		}
		return JOB_REQUEUE_DIRECT;
	}
	src = host_create_from_sockaddr(&addr.sa);
	if (src)
	{
		/* one byte more than the largest datagram reveals oversize ones */
		process(this, buf, len, src);
		src->destroy(src);
	}
	return JOB_REQUEUE_DIRECT;
}

METHOD(cluster_load_channel_t, add_peer, void,
	private_cluster_load_channel_t *this, const char *name, host_t *addr)
{
	peer_t *peer;

	INIT(peer,
		.addr = addr->clone(addr),
	);
	snprintf(peer->name, sizeof(peer->name), "%s", name);
	this->peers->insert_last(this->peers, peer);
}

METHOD(cluster_load_channel_t, send_, void,
	private_cluster_load_channel_t *this, const uint8_t *buf, size_t len)
{
	enumerator_t *enumerator;
	peer_t *peer;
	uint64_t sent = 0, failed = 0, n = 0;
	int err = 0;
	host_t *failed_addr = NULL;

	enumerator = this->peers->create_enumerator(this->peers);
	while (enumerator->enumerate(enumerator, &peer))
	{
		if (sendto(this->fd, buf, len, MSG_DONTWAIT,
				   peer->addr->get_sockaddr(peer->addr),
				   *peer->addr->get_sockaddr_len(peer->addr)) == (ssize_t)len)
		{
			sent++;
		}
		else
		{
			failed++;
			err = errno;
			failed_addr = peer->addr;
		}
	}
	enumerator->destroy(enumerator);

	this->mutex->lock(this->mutex);
	this->stats.sent += sent;
	this->stats.send_failed += failed;
	if (failed)
	{
		n = limited(&this->limit_send, cluster_time_ms());
	}
	this->mutex->unlock(this->mutex);
	if (n)
	{
		DBG1(DBG_NET, "cluster channel: sending to %H failed: %s (%llu since "
			 "last logged)", failed_addr, strerror(err), n);
	}
}

METHOD(cluster_load_channel_t, get_stats, void,
	private_cluster_load_channel_t *this, cluster_load_channel_stats_t *stats)
{
	this->mutex->lock(this->mutex);
	*stats = this->stats;
	this->mutex->unlock(this->mutex);
}

CALLBACK(destroy_peer, void,
	peer_t *peer)
{
	peer->addr->destroy(peer->addr);
	free(peer);
}

METHOD(cluster_load_channel_t, destroy, void,
	private_cluster_load_channel_t *this)
{
	/* the receive job is cancelled with the processor's threads before
	 * plugins are unloaded; closing the socket ends a still blocked read */
	if (this->fd >= 0)
	{
		close(this->fd);
	}
	this->peers->destroy_function(this->peers, destroy_peer);
	memwipe(this->key, sizeof(this->key));
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
cluster_load_channel_t *cluster_load_channel_create(host_t *local,
									const uint8_t key[CLUSTER_KEY_LEN],
									cluster_table_t *table)
{
	private_cluster_load_channel_t *this;

	INIT(this,
		.public = {
			.add_peer = _add_peer,
			.send = _send_,
			.get_stats = _get_stats,
			.destroy = _destroy,
		},
		.table = table,
		.peers = linked_list_create(),
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);
	memcpy(this->key, key, CLUSTER_KEY_LEN);

	this->fd = socket(local->get_family(local), SOCK_DGRAM, IPPROTO_UDP);
	if (this->fd < 0)
	{
		DBG1(DBG_NET, "cluster channel: creating socket failed: %s",
			 strerror(errno));
		destroy(this);
		return NULL;
	}
	if (bind(this->fd, local->get_sockaddr(local),
			 *local->get_sockaddr_len(local)) < 0)
	{
		DBG1(DBG_NET, "cluster channel: binding to %#H failed: %s", local,
			 strerror(errno));
		destroy(this);
		return NULL;
	}
	lib->processor->queue_job(lib->processor,
		(job_t*)callback_job_create_with_prio(receive, this, NULL,
				(callback_job_cancel_t)return_false, JOB_PRIO_CRITICAL));
	return &this->public;
}
