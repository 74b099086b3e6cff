/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup redirect_provider_director redirect_provider_director
 * @{ @ingroup redirect_provider
 */

#ifndef REDIRECT_PROVIDER_DIRECTOR_H_
#define REDIRECT_PROVIDER_DIRECTOR_H_

#include <sa/redirect_provider.h>
#include <bus/listeners/listener.h>
#include <collections/linked_list.h>

#include "cluster_load.h"

typedef struct redirect_provider_director_t redirect_provider_director_t;
typedef struct redirect_provider_config_t redirect_provider_config_t;
typedef enum redirect_phase_t redirect_phase_t;

/**
 * Exchange in which clients are redirected.
 */
enum redirect_phase_t {
	/** IKE_SA_INIT: cheapest, unauthenticated (nonce-protected) */
	REDIRECT_PHASE_INIT,
	/** IKE_AUTH: after the gateway authenticated itself */
	REDIRECT_PHASE_AUTH,
};

/**
 * How the director works.
 */
struct redirect_provider_config_t {
	/** virtual IPs whose requests are redirected, host_t* (owned) */
	linked_list_t *vips;
	/** exchange to redirect in */
	redirect_phase_t phase;
	/** never serve clients itself */
	bool director_only;
	/** refuse clients no member can take instead of serving them */
	bool refuse_when_full;
};

/**
 * Counters of the director.
 */
typedef struct {
	/** clients redirected, by member in table order */
	uint64_t redirected[CLUSTER_MEMBERS_MAX];
	/** served here because this member was the best choice */
	uint64_t served_locally;
	/** served here because no member could take them */
	uint64_t served_when_full;
	/** refused, by cluster_select_result_t */
	uint64_t refused[CLUSTER_SELECT_RESULT_MAX];
	/** not redirected: the request did not arrive on a VIP */
	uint64_t not_on_vip;
	/** not redirected: the client presented REDIRECTED_FROM */
	uint64_t redirected_from;
} redirect_provider_stats_t;

/**
 * The redirect provider: sends each new client that arrives on a virtual
 * IP to the member cluster-load chooses (RFC 5685).
 *
 * The decision is a table lookup under a short mutex: no I/O, no waiting,
 * safe on concurrent IKE worker threads. Requests to a member's own
 * address, and clients that were redirected already (REDIRECTED_FROM),
 * are never redirected, so clients cannot loop.
 */
struct redirect_provider_director_t {

	/**
	 * Implements redirect_provider_t.
	 */
	redirect_provider_t provider;

	/**
	 * Implements listener_t (REDIRECTED_FROM and refusals).
	 */
	listener_t listener;

	/**
	 * Copy of the counters.
	 */
	void (*get_stats)(redirect_provider_director_t *this,
					  redirect_provider_stats_t *stats);

	/**
	 * Destroy a redirect_provider_director_t.
	 */
	void (*destroy)(redirect_provider_director_t *this);
};

/**
 * Create a director.
 *
 * @param config		configuration (vips list is adopted)
 * @param cluster		cluster-load's service (borrowed)
 */
redirect_provider_director_t *redirect_provider_director_create(
								redirect_provider_config_t *config,
								cluster_load_t *cluster);

#endif /** REDIRECT_PROVIDER_DIRECTOR_H_ @}*/
