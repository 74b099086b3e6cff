/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ha_sync_capture ha_sync_capture
 * @{ @ingroup ha_sync
 */

#ifndef HA_SYNC_CAPTURE_H_
#define HA_SYNC_CAPTURE_H_

#include <bus/listeners/listener.h>

#include "ha_sync_channel.h"

typedef struct ha_sync_capture_t ha_sync_capture_t;

/**
 * Records this member's IKE_SAs and CHILD_SAs from charon's bus and sends
 * them to the backup: changes at once (from a job, never from the hook),
 * and everything again, with an index, every resync interval, which
 * repairs lost messages and stale message IDs.
 */
struct ha_sync_capture_t {

	/**
	 * Implements listener_t.
	 */
	listener_t listener;

	/**
	 * Record an IKE_SA taken over from another member as this member's
	 * own, so that it is replicated to this member's backup and survives
	 * a second failure. Its CHILD_SAs, installed from the record, are
	 * matched to the record's by inbound SPI.
	 *
	 * @param ike_sa	the IKE_SA as built here, checked out
	 * @param rec		the record it was built from
	 */
	void (*adopt)(ha_sync_capture_t *this, ike_sa_t *ike_sa,
				  ha_sync_ike_t *rec);

	/**
	 * Print counters as "name value" lines.
	 */
	void (*print)(ha_sync_capture_t *this, FILE *out);

	/**
	 * Destroy a ha_sync_capture_t.
	 */
	void (*destroy)(ha_sync_capture_t *this);
};

/**
 * Create the capture.
 *
 * @param channel		where records go (borrowed)
 * @param resync_ms		interval of the full resend
 * @param mid_sync		announce RFC 6311 support to peers that announce it
 * @param additional_addresses	let MOBIKE announce this member's other
 *						addresses (otherwise they are removed)
 */
ha_sync_capture_t *ha_sync_capture_create(ha_sync_channel_t *channel,
										  uint32_t resync_ms, bool mid_sync,
										  bool additional_addresses);

#endif /** HA_SYNC_CAPTURE_H_ @}*/
