/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_load cluster_load
 * @ingroup cplugins
 *
 * @defgroup cluster_load_plugin cluster_load_plugin
 * @{ @ingroup cluster_load
 */

#ifndef CLUSTER_LOAD_PLUGIN_H_
#define CLUSTER_LOAD_PLUGIN_H_

#include <plugins/plugin.h>

typedef struct cluster_load_plugin_t cluster_load_plugin_t;

/**
 * Shares this member's load with the other members of the cluster over an
 * authenticated channel, and keeps the table of all members' load for the
 * redirect-provider plugin (lib->get(lib, "cluster-load")).
 */
struct cluster_load_plugin_t {

	/**
	 * Implements plugin interface.
	 */
	plugin_t plugin;
};

#endif /** CLUSTER_LOAD_PLUGIN_H_ @}*/
