/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_load_channel cluster_load_channel
 * @{ @ingroup cluster_load
 */

#ifndef CLUSTER_LOAD_CHANNEL_H_
#define CLUSTER_LOAD_CHANNEL_H_

#include <networking/host.h>

#include "cluster_table.h"

typedef struct cluster_load_channel_t cluster_load_channel_t;

/**
 * Why datagrams were dropped, beyond the codec's and the table's reasons.
 */
enum {
	/** authenticated, but not from the configured address of its sender */
	CLUSTER_CHANNEL_WRONG_SOURCE = 0,
	CLUSTER_CHANNEL_DROP_MAX,
};

/**
 * Statistics of a cluster channel.
 */
typedef struct {
	uint64_t sent;
	uint64_t send_failed;
	uint64_t accepted;
	/** by cluster_msg_result_t */
	uint64_t codec[CLUSTER_MSG_RESULT_MAX];
	/** by cluster_update_result_t */
	uint64_t table[CLUSTER_UPDATE_RESULT_MAX];
	/** by CLUSTER_CHANNEL_* */
	uint64_t channel[CLUSTER_CHANNEL_DROP_MAX];
} cluster_load_channel_stats_t;

/**
 * The cluster channel: UDP datagrams between the configured members, to
 * each of them or to a multicast group,
 * authenticated by the codec, accepted only from the configured address of
 * the member they name, applied to the member table.
 *
 * A job receives datagrams (blocking, cancellable); drops are counted by
 * reason and logged at most once per reason every few seconds.
 */
struct cluster_load_channel_t {

	/**
	 * Add a peer member: its datagrams are accepted from, and reports sent
	 * to, addr.
	 *
	 * @param name		member name
	 * @param addr		channel address with port (cloned)
	 */
	void (*add_peer)(cluster_load_channel_t *this, const char *name,
					 host_t *addr);

	/**
	 * Send a datagram to every peer (non-blocking; failures are counted
	 * and logged at a limited rate).
	 */
	void (*send)(cluster_load_channel_t *this, const uint8_t *buf, size_t len);

	/**
	 * Copy of the statistics.
	 */
	void (*get_stats)(cluster_load_channel_t *this,
					  cluster_load_channel_stats_t *stats);

	/**
	 * Destroy a cluster_load_channel_t.
	 */
	void (*destroy)(cluster_load_channel_t *this);
};

/**
 * Create the channel, bound to local, and start receiving.
 *
 * @param local		address and port to bind to
 * @param group		IPv4 multicast group and port to send reports to and
 *					receive them on instead of unicast to each peer, or NULL
 * @param key		channel key (copied)
 * @param table		table to apply reports to (borrowed)
 * @return			channel, NULL if the socket could not be set up
 */
cluster_load_channel_t *cluster_load_channel_create(host_t *local,
									host_t *group,
									const uint8_t key[CLUSTER_KEY_LEN],
									cluster_table_t *table);

#endif /** CLUSTER_LOAD_CHANNEL_H_ @}*/
