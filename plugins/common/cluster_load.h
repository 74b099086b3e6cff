/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_load_i cluster_load
 * @{ @ingroup common
 *
 * What the cluster-load plugin offers the other plugins of the suite.
 *
 * Plugins are loaded without RTLD_GLOBAL and cannot call each other's
 * symbols: cluster-load registers this object with
 * lib->set(lib, CLUSTER_LOAD_KEY, obj) and the others find it with
 * lib->get(lib, CLUSTER_LOAD_KEY) once their dependency on the feature
 * PLUGIN_PROVIDE(CUSTOM, "cluster-load") is satisfied. Both sides compile
 * this header, so the layout is shared.
 */

#ifndef CLUSTER_LOAD_H_
#define CLUSTER_LOAD_H_

#include <stdio.h>

#include "cluster_table.h"

/** key for lib->get()/lib->set() */
#define CLUSTER_LOAD_KEY "cluster-load"

typedef struct cluster_load_t cluster_load_t;

typedef enum cluster_load_info_t cluster_load_info_t;

/**
 * What a request of the control socket asks a plugin for.
 */
enum cluster_load_info_t {
	/** "stats": counters and levels, "name value" lines */
	CLUSTER_LOAD_STATS,
	/** "status": this member's configuration and role, "name value" lines */
	CLUSTER_LOAD_STATUS,
	/** "records": the SA records a plugin keeps, one per line */
	CLUSTER_LOAD_RECORDS,
};

/**
 * Writes what a plugin has to say to a request of the control socket;
 * must not block.
 */
typedef void (*cluster_load_stats_cb_t)(void *data, cluster_load_info_t info,
										FILE *out);

struct cluster_load_t {

	/**
	 * Choose the member for a new client and reserve a slot on it.
	 * Lock-light and non-blocking: safe in a redirect callback.
	 *
	 * @param exclude_local	never choose this member (pure director)
	 * @param chosen		receives the chosen member
	 * @return				CLUSTER_SELECT_OK or why none was chosen
	 */
	cluster_select_result_t (*select)(cluster_load_t *this,
									  bool exclude_local,
									  cluster_member_info_t *chosen);

	/**
	 * Snapshot of all members in configuration order.
	 *
	 * @param out			array to fill
	 * @param max			size of out
	 * @return				number of members written
	 */
	int (*get_members)(cluster_load_t *this, cluster_member_info_t *out,
					   int max);

	/**
	 * Name of this member.
	 *
	 * @return				name (borrowed, valid while the plugin is loaded)
	 */
	const char *(*get_local_name)(cluster_load_t *this);

	/**
	 * Tell cluster-load whether this member is the VRRP master, announced
	 * in its reports.
	 */
	void (*set_master)(cluster_load_t *this, bool master);

	/**
	 * Add a plugin's lines to the "stats", "status" and "records" answers.
	 *
	 * @param cb			writes the counters
	 * @param data			argument to cb
	 */
	void (*add_stats)(cluster_load_t *this, cluster_load_stats_cb_t cb,
					  void *data);

	/**
	 * Remove counters added with add_stats().
	 */
	void (*remove_stats)(cluster_load_t *this, cluster_load_stats_cb_t cb,
						 void *data);
};

#endif /** CLUSTER_LOAD_H_ @}*/
