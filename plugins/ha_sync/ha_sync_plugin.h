/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ha_sync ha_sync
 * @ingroup cplugins
 *
 * @defgroup ha_sync_plugin ha_sync_plugin
 * @{ @ingroup ha_sync
 */

#ifndef HA_SYNC_PLUGIN_H_
#define HA_SYNC_PLUGIN_H_

#include <plugins/plugin.h>

typedef struct ha_sync_plugin_t ha_sync_plugin_t;

/**
 * Replicates the state of this member's IKE_SAs and CHILD_SAs, sealed, to
 * its backup member, keeps the records other members send, and takes over
 * a dead member's SAs when its address comes to this host.
 */
struct ha_sync_plugin_t {

	/**
	 * Implements plugin interface.
	 */
	plugin_t plugin;
};

#endif /** HA_SYNC_PLUGIN_H_ @}*/
