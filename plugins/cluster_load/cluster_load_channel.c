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
	 * Socket bound to the multicast group, -1 without one.
	 */
	int mcast_fd;

	/**
	 * Multicast group and port reports are sent to, NULL to send to each
	 * peer instead.
	 */
	host_t *group;

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

/**
 * Receive and process one datagram from fd.
 */
static job_requeue_t receive(private_cluster_load_channel_t *this, int fd)
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
	len = recvfrom(fd, buf, sizeof(buf), 0, &addr.sa, &addrlen);
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

CALLBACK(receive_unicast, job_requeue_t,
	private_cluster_load_channel_t *this)
{
	return receive(this, this->fd);
}

CALLBACK(receive_multicast, job_requeue_t,
	private_cluster_load_channel_t *this)
{
	return receive(this, this->mcast_fd);
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

	if (this->group)
	{	/* one datagram reaches all members */
		if (sendto(this->fd, buf, len, MSG_DONTWAIT,
				   this->group->get_sockaddr(this->group),
				   *this->group->get_sockaddr_len(this->group)) == (ssize_t)len)
		{
			sent++;
		}
		else
		{
			failed++;
			err = errno;
			failed_addr = this->group;
		}
	}
	enumerator = this->peers->create_enumerator(this->peers);
	while (!this->group && enumerator->enumerate(enumerator, &peer))
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
	if (this->mcast_fd >= 0)
	{
		close(this->mcast_fd);
	}
	DESTROY_IF(this->group);
	this->peers->destroy_function(this->peers, destroy_peer);
	memwipe(this->key, sizeof(this->key));
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
/**
 * Join the multicast group on the interface of the local address: a socket
 * bound to the group receives the reports, the unicast socket sends them
 * there, not looped back to itself.
 */
static bool setup_multicast(private_cluster_load_channel_t *this,
							host_t *local)
{
	struct sockaddr_in *group = (struct sockaddr_in*)
									this->group->get_sockaddr(this->group);
	struct sockaddr_in *addr = (struct sockaddr_in*)local->get_sockaddr(local);
	struct ip_mreq mreq = {
		.imr_multiaddr = group->sin_addr,
		.imr_interface = addr->sin_addr,
	};
	u_char ttl = 1, loop = 0;
	int on = 1;

	if (this->group->get_family(this->group) != AF_INET ||
		local->get_family(local) != AF_INET)
	{
		DBG1(DBG_NET, "cluster channel: multicast group %H needs IPv4 "
			 "addresses", this->group);
		return FALSE;
	}
	this->mcast_fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	if (this->mcast_fd < 0 ||
		setsockopt(this->mcast_fd, SOL_SOCKET, SO_REUSEADDR, &on,
				   sizeof(on)) < 0 ||
		bind(this->mcast_fd, this->group->get_sockaddr(this->group),
			 *this->group->get_sockaddr_len(this->group)) < 0 ||
		setsockopt(this->mcast_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq,
				   sizeof(mreq)) < 0 ||
		setsockopt(this->fd, IPPROTO_IP, IP_MULTICAST_IF, &addr->sin_addr,
				   sizeof(addr->sin_addr)) < 0 ||
		setsockopt(this->fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl,
				   sizeof(ttl)) < 0 ||
		setsockopt(this->fd, IPPROTO_IP, IP_MULTICAST_LOOP, &loop,
				   sizeof(loop)) < 0)
	{
		DBG1(DBG_NET, "cluster channel: joining multicast group %#H on %H "
			 "failed: %s", this->group, local, strerror(errno));
		return FALSE;
	}
	return TRUE;
}

cluster_load_channel_t *cluster_load_channel_create(host_t *local,
									host_t *group,
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
		.fd = -1,
		.mcast_fd = -1,
		.group = group ? group->clone(group) : NULL,
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
	if (this->group && !setup_multicast(this, local))
	{
		destroy(this);
		return NULL;
	}
	lib->processor->queue_job(lib->processor,
		(job_t*)callback_job_create_with_prio(receive_unicast, this, NULL,
				(callback_job_cancel_t)return_false, JOB_PRIO_CRITICAL));
	if (this->group)
	{
		lib->processor->queue_job(lib->processor,
			(job_t*)callback_job_create_with_prio(receive_multicast, this,
				NULL, (callback_job_cancel_t)return_false, JOB_PRIO_CRITICAL));
	}
	return &this->public;
}
