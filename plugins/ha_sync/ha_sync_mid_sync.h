/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ha_sync_mid_sync ha_sync_mid_sync
 * @{ @ingroup ha_sync
 */

#ifndef HA_SYNC_MID_SYNC_H_
#define HA_SYNC_MID_SYNC_H_

#include <sa/task.h>
#include <sa/ike_sa.h>

typedef struct ha_sync_mid_sync_t ha_sync_mid_sync_t;

/**
 * The RFC 6311 message ID sync a new holder of a taken-over IKE_SA sends
 * (strongSwan only answers one). The replicated message IDs may be one
 * resend interval old; the peer's answer brings them up to date.
 *
 * The exchange uses message ID 0, so the activator sets the IKE_SA's next
 * initiating ID to 0 before it queues this task and initiates it at once,
 * before any other task. After the answer the task stays active, so
 * nothing else is sent with a wrong ID, until a job it queues sets both
 * message IDs, removes it and then rekeys the taken-over CHILD_SAs.
 */
struct ha_sync_mid_sync_t {

	/**
	 * Implements task_t.
	 */
	task_t task;
};

/**
 * Create the task.
 *
 * @param ike_sa		the taken-over IKE_SA
 * @param initiate		replicated ID of our next request
 * @param respond		replicated ID of the peer's next request
 * @param rekey			inbound SPIs of the CHILD_SAs to rekey afterwards
 * @param count			number of SPIs in rekey
 * @return				task, NULL if no nonce could be made
 */
ha_sync_mid_sync_t *ha_sync_mid_sync_create(ike_sa_t *ike_sa,
							uint32_t initiate, uint32_t respond,
							uint32_t *rekey, int count);

#endif /** HA_SYNC_MID_SYNC_H_ @}*/
