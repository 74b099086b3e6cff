/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_load_counter cluster_load_counter
 * @{ @ingroup cluster_load
 */

#ifndef CLUSTER_LOAD_COUNTER_H_
#define CLUSTER_LOAD_COUNTER_H_

#include <bus/listeners/listener.h>

typedef struct cluster_load_counter_t cluster_load_counter_t;

/**
 * Called when a count changed; runs inside a bus hook, so it must not
 * block (it schedules a job).
 */
typedef void (*cluster_load_changed_cb_t)(void *data);

/**
 * Counts this member's tunnels from bus events.
 *
 * Every established IKE_SA and installed CHILD_SA is recorded by its
 * unique ID, so a down event counts only what was counted up (IKE_SA_INIT
 * redirects never come up; IKE_AUTH redirects come up with COND_REDIRECTED
 * and are skipped), and rekeyings move the record to the new SA.
 */
struct cluster_load_counter_t {

	/**
	 * Implements listener_t.
	 */
	listener_t listener;

	/**
	 * Current counts.
	 *
	 * @param ike_sas	established IKE_SAs, without redirected ones
	 * @param child_sas	installed CHILD_SAs
	 */
	void (*get)(cluster_load_counter_t *this, uint32_t *ike_sas,
				uint32_t *child_sas);

	/**
	 * Destroy a cluster_load_counter_t.
	 */
	void (*destroy)(cluster_load_counter_t *this);
};

/**
 * Create a cluster_load_counter_t instance.
 *
 * @param cb		called on every change
 * @param data		argument to cb
 */
cluster_load_counter_t *cluster_load_counter_create(
								cluster_load_changed_cb_t cb, void *data);

#endif /** CLUSTER_LOAD_COUNTER_H_ @}*/
