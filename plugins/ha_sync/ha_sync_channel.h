/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ha_sync_channel ha_sync_channel
 * @{ @ingroup ha_sync
 */

#ifndef HA_SYNC_CHANNEL_H_
#define HA_SYNC_CHANNEL_H_

#include <stdio.h>

#include <networking/host.h>
#include <collections/linked_list.h>

#include "ha_sync_seal.h"
#include "ha_sync_record.h"

typedef struct ha_sync_channel_t ha_sync_channel_t;

/** message types inside the seal */
enum {
	/** an IKE_SA record (ha_sync_record encoding) */
	HA_SYNC_MSG_PUT = 1,
	/** an IKE_SA is gone: its SPIs (8 + 8 bytes) */
	HA_SYNC_MSG_DEL = 2,
	/** the SPIs of all IKE_SAs the sender has: records not listed are
	 * gone (a lost DEL is repaired by this) */
	HA_SYNC_MSG_INDEX = 3,
};

/**
 * A configured member: name and channel address.
 */
typedef struct {
	char name[CLUSTER_NAME_MAX + 1];
	host_t *addr;
} ha_sync_member_t;

/**
 * The sealed UDP channel of ha-sync: sends to the backup, receives from
 * the members and keeps their records.
 */
struct ha_sync_channel_t {

	/**
	 * Seal a message and send it to the backup (non-blocking).
	 *
	 * @param type		HA_SYNC_MSG_*
	 * @param body		plaintext
	 * @param len		its length
	 * @return			TRUE if sent
	 */
	bool (*send)(ha_sync_channel_t *this, uint8_t type, const uint8_t *body,
				 size_t len);

	/**
	 * Remove and return the records of a member that a check accepts.
	 *
	 * @param origin	the member's name
	 * @param check		decides per record
	 * @return			ha_sync_ike_t* (allocated; wipe and free them)
	 */
	linked_list_t *(*take)(ha_sync_channel_t *this, const char *origin,
						   bool (*check)(ha_sync_ike_t *ike));

	/**
	 * Print counters, as "name value" lines.
	 */
	void (*print)(ha_sync_channel_t *this, FILE *out);

	/**
	 * Print the records kept for other members, one per line (no key
	 * material).
	 */
	void (*print_records)(ha_sync_channel_t *this, FILE *out);

	/**
	 * Destroy a ha_sync_channel_t.
	 */
	void (*destroy)(ha_sync_channel_t *this);
};

/**
 * Create the channel.
 *
 * @param name			this member's name
 * @param secret		cluster secret
 * @param port			UDP port
 * @param members		ha_sync_member_t*, all members incl. this one
 * @param backup		the backup's name, NULL to send nothing
 * @return				channel, NULL on failure (logged)
 */
ha_sync_channel_t *ha_sync_channel_create(const char *name,
										  const char *secret, uint16_t port,
										  linked_list_t *members,
										  const char *backup);

#endif /** HA_SYNC_CHANNEL_H_ @}*/
