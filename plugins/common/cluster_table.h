/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_table cluster_table
 * @{ @ingroup common
 *
 * The member table: every configured member's last load report, its
 * liveness, and the choice of a member for a new client.
 *
 * Pure C (pthread only): no charon globals, no I/O, no clock of its own;
 * callers pass the time, so tests control it. All methods are thread-safe
 * and never block beyond a short mutex hold.
 */

#ifndef CLUSTER_TABLE_H_
#define CLUSTER_TABLE_H_

#include "cluster_msg.h"

/** most members a table holds */
#define CLUSTER_MEMBERS_MAX 256

typedef struct cluster_table_t cluster_table_t;
typedef struct cluster_table_config_t cluster_table_config_t;
typedef struct cluster_member_info_t cluster_member_info_t;
typedef enum cluster_update_result_t cluster_update_result_t;
typedef enum cluster_select_result_t cluster_select_result_t;

/**
 * Behaviour of a table; zero values pick the documented defaults.
 */
struct cluster_table_config_t {
	/** a member is dead after missing this many reports (default 3) */
	uint32_t dead_after;
	/** reports whose counter is further than this from the local clock
	 *  are stale (default 0: no check; needs synchronised clocks) */
	uint64_t max_skew_us;
	/** a reservation ends when a report of its member shows new tunnels
	 *  (one reservation per new tunnel, oldest first), or when a report
	 *  arrives that long after it, as it then counts the client or the
	 *  client is not coming (default 500) */
	uint32_t reservation_grace_ms;
	/** a reservation ends after this long in any case, e.g. when the
	 *  client never arrived (default 5000) */
	uint32_t reservation_timeout_ms;
};

/**
 * Snapshot of one member.
 */
struct cluster_member_info_t {
	/** its last report (name always set; load fields zero if never heard) */
	cluster_load_report_t report;
	/** effective state: CLUSTER_MEMBER_DEAD if silent or never heard */
	cluster_member_state_t state;
	/** this is the local member */
	bool local;
	/** a report was ever received (local: set_local() was called) */
	bool seen;
	/** time since its last report, 0 if never heard */
	uint64_t age_ms;
	/** clients sent to it that its reports do not count yet */
	uint32_t reserved;
	/** clients chosen for it by this table since creation */
	uint64_t chosen;
	/** position in configuration order (as in get_members()) */
	int index;
};

enum cluster_update_result_t {
	/** the report updated the member */
	CLUSTER_UPDATE_OK = 0,
	/** the sender is not a configured member */
	CLUSTER_UPDATE_UNKNOWN_MEMBER,
	/** the sender claims the local member's name */
	CLUSTER_UPDATE_LOCAL_NAME,
	/** counter not above the last accepted one: a replay or reordering */
	CLUSTER_UPDATE_REPLAYED,
	/** counter too far from the local clock (max_skew_us) */
	CLUSTER_UPDATE_STALE,
	CLUSTER_UPDATE_RESULT_MAX,
};

enum cluster_select_result_t {
	/** a member was chosen and a reservation made for it */
	CLUSTER_SELECT_OK = 0,
	/** no member is alive (all dead or never heard) */
	CLUSTER_SELECT_NONE_ALIVE,
	/** members are alive, but all of them drain */
	CLUSTER_SELECT_ALL_DRAINING,
	/** members take clients, but all are at capacity */
	CLUSTER_SELECT_ALL_FULL,
	CLUSTER_SELECT_RESULT_MAX,
};

/**
 * Short names for logs and counters, e.g. "replayed", "all-full".
 */
const char *cluster_update_result_name(cluster_update_result_t result);
const char *cluster_select_result_name(cluster_select_result_t result);

struct cluster_table_t {

	/**
	 * Add a configured member; the set is fixed after configuration.
	 *
	 * @param name		member name (cluster_name_valid())
	 * @param local		TRUE for this member (exactly one)
	 * @return			FALSE if invalid, duplicate, a second local or full
	 */
	bool (*add_member)(cluster_table_t *this, const char *name, bool local);

	/**
	 * Update the local member from its own counters.
	 *
	 * @param report	local load (its name is the local member's)
	 * @param now_ms	monotonic time
	 */
	void (*set_local)(cluster_table_t *this,
					  const cluster_load_report_t *report, uint64_t now_ms);

	/**
	 * Apply an authenticated report from another member.
	 *
	 * @param report	decoded report
	 * @param now_ms	monotonic time
	 * @param wall_us	wall clock in microseconds (for max_skew_us)
	 * @return			CLUSTER_UPDATE_OK or why the report was ignored
	 */
	cluster_update_result_t (*update)(cluster_table_t *this,
									  const cluster_load_report_t *report,
									  uint64_t now_ms, uint64_t wall_us);

	/**
	 * Choose the member for a new client and reserve a slot on it.
	 *
	 * The choice is the alive, not draining, not full member with the
	 * least (tunnels + reservations + 1) / (capacity * weight), where
	 * tunnels are established plus half-open IKE_SAs; ties go to the one
	 * chosen longest ago, then to configuration order. Candidates are
	 * kept in a binary heap: a choice costs O(log members).
	 *
	 * @param now_ms		monotonic time
	 * @param exclude_local	never choose the local member (pure director)
	 * @param chosen		receives the chosen member if CLUSTER_SELECT_OK
	 * @return				CLUSTER_SELECT_OK or why no member was chosen
	 */
	cluster_select_result_t (*select)(cluster_table_t *this, uint64_t now_ms,
									  bool exclude_local,
									  cluster_member_info_t *chosen);

	/**
	 * Snapshot of all members in configuration order.
	 *
	 * @param now_ms	monotonic time
	 * @param out		array to fill
	 * @param max		size of out
	 * @return			number of members written
	 */
	int (*get_members)(cluster_table_t *this, uint64_t now_ms,
					   cluster_member_info_t *out, int max);

	/**
	 * Snapshot of one member.
	 *
	 * @return			FALSE if no member of that name
	 */
	bool (*get_member)(cluster_table_t *this, const char *name,
					   uint64_t now_ms, cluster_member_info_t *out);

	/**
	 * Destroy the table.
	 */
	void (*destroy)(cluster_table_t *this);
};

/**
 * Create an empty table.
 *
 * @param config		behaviour, NULL for defaults
 */
cluster_table_t *cluster_table_create(const cluster_table_config_t *config);

#endif /** CLUSTER_TABLE_H_ @}*/
