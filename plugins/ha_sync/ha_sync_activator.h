/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ha_sync_activator ha_sync_activator
 * @{ @ingroup ha_sync
 */

#ifndef HA_SYNC_ACTIVATOR_H_
#define HA_SYNC_ACTIVATOR_H_

#include <stdio.h>

#include "ha_sync_record.h"
#include "ha_sync_capture.h"

typedef struct ha_sync_activator_t ha_sync_activator_t;

/**
 * Builds a failed member's IKE_SA and its CHILD_SAs from a record, and
 * rekeys the CHILD_SAs at once (this member cannot continue the failed
 * one's ESP sequence numbers).
 */
struct ha_sync_activator_t {

	/**
	 * Take over one IKE_SA. Runs in a job, never in a bus hook.
	 *
	 * @param rec		the record
	 * @param origin	the member it came from, for the log
	 * @return			TRUE if the IKE_SA is established here
	 */
	bool (*activate)(ha_sync_activator_t *this, ha_sync_ike_t *rec,
					 const char *origin);

	/**
	 * Print counters as "name value" lines.
	 */
	void (*print)(ha_sync_activator_t *this, FILE *out);

	/**
	 * Destroy a ha_sync_activator_t.
	 */
	void (*destroy)(ha_sync_activator_t *this);
};

/**
 * Create an activator.
 *
 * @param capture	records taken-over IKE_SAs as this member's (borrowed)
 * @param mid_sync	synchronise message IDs (RFC 6311) with peers that
 *					support it before the CHILD_SAs are rekeyed
 */
ha_sync_activator_t *ha_sync_activator_create(ha_sync_capture_t *capture,
											  bool mid_sync);

#endif /** HA_SYNC_ACTIVATOR_H_ @}*/
