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
typedef enum fast_path_pass_t fast_path_pass_t;

/**
 * Why the fast path left an IKE_SA_INIT request on a VIP to charon.
 */
enum fast_path_pass_t {
	/** the client did not send N(REDIRECT_SUPPORTED) */
	FAST_PATH_NO_SUPPORT,
	/** the client sent N(REDIRECTED_FROM) */
	FAST_PATH_REDIRECTED_FROM,
	/** no member can take the client: charon serves or refuses it */
	FAST_PATH_NO_MEMBER,
	/** the datagram is malformed: charon drops and logs it */
	FAST_PATH_MALFORMED,
	FAST_PATH_PASS_MAX,
};

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
	/** of the redirected: answered before charon created an IKE_SA */
	uint64_t fast_path;
	/** requests the fast path left to charon, by ike_init_result_t plus
	 * the reasons below */
	uint64_t fast_path_passed[FAST_PATH_PASS_MAX];
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
	 * Decide for an IKE_SA_INIT request before charon creates an IKE_SA
	 * for it (the fast path). Never blocks.
	 *
	 * @param me			address the request arrived on
	 * @param other			the client's address
	 * @param gateway		where to send the client, if TRUE
	 * @return				TRUE to redirect, FALSE to leave it to charon
	 */
	bool (*decide_stateless)(redirect_provider_director_t *this, host_t *me,
							 host_t *other, cluster_addr_t *gateway);

	/**
	 * Count a request the fast path left to charon.
	 */
	void (*count_passed)(redirect_provider_director_t *this,
						 fast_path_pass_t reason);

	/**
	 * Copy of the counters.
	 */
	void (*get_stats)(redirect_provider_director_t *this,
					  redirect_provider_stats_t *stats);

	/**
	 * Refuse or serve clients no member can take (swanctl
	 * --reload-settings); takes effect with the next client.
	 */
	void (*set_refuse_when_full)(redirect_provider_director_t *this,
								 bool refuse);

	/**
	 * Whether clients no member can take are refused.
	 */
	bool (*get_refuse_when_full)(redirect_provider_director_t *this);

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
