/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_load_reporter cluster_load_reporter
 * @{ @ingroup cluster_load
 */

#ifndef CLUSTER_LOAD_REPORTER_H_
#define CLUSTER_LOAD_REPORTER_H_

#include "cluster_load_channel.h"
#include "cluster_load_counter.h"

typedef struct cluster_load_reporter_t cluster_load_reporter_t;

/**
 * Reports this member's load: to the local table entry and to every peer,
 * every interval and, coalesced, promptly after each change. Also logs
 * when members die, come back, start or stop draining.
 */
struct cluster_load_reporter_t {

	/**
	 * A count changed: report soon. Non-blocking, safe in bus hooks.
	 */
	void (*trigger)(cluster_load_reporter_t *this);

	/**
	 * Change what this member announces; reported promptly.
	 *
	 * @param capacity	most tunnels
	 * @param weight	relative preference
	 * @param drain		TRUE to take no new clients
	 */
	void (*configure)(cluster_load_reporter_t *this, uint32_t capacity,
					  uint16_t weight, bool drain);

	/**
	 * Announce whether this member is the VRRP master; reported promptly.
	 */
	void (*set_master)(cluster_load_reporter_t *this, bool master);

	/**
	 * Destroy a cluster_load_reporter_t.
	 */
	void (*destroy)(cluster_load_reporter_t *this);
};

/**
 * Create a reporter and start its periodic job.
 *
 * @param local		this member's report: name, redirect_to, interval,
 *					capacity, weight and state (copied)
 * @param key		channel key (copied)
 * @param table		member table (borrowed)
 * @param channel	channel to send on (borrowed), NULL for none
 * @param counter	tunnel counter (borrowed)
 * @param prompt_ms	delay that coalesces prompt reports after changes
 */
cluster_load_reporter_t *cluster_load_reporter_create(
								const cluster_load_report_t *local,
								const uint8_t key[CLUSTER_KEY_LEN],
								cluster_table_t *table,
								cluster_load_channel_t *channel,
								cluster_load_counter_t *counter,
								uint32_t prompt_ms);

#endif /** CLUSTER_LOAD_REPORTER_H_ @}*/
