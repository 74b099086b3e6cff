/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup route_inject route_inject
 * @ingroup cplugins
 *
 * @defgroup route_inject_plugin route_inject_plugin
 * @{ @ingroup route_inject
 */

#ifndef ROUTE_INJECT_PLUGIN_H_
#define ROUTE_INJECT_PLUGIN_H_

#include <plugins/plugin.h>

typedef struct route_inject_plugin_t route_inject_plugin_t;

/**
 * Installs routes to the remote side of this member's CHILD_SAs into a
 * routing table of their own, for a routing daemon to announce to the core,
 * so that return traffic reaches the member that holds the tunnel.
 */
struct route_inject_plugin_t {

	/**
	 * Implements plugin interface.
	 */
	plugin_t plugin;
};

#endif /** ROUTE_INJECT_PLUGIN_H_ @}*/
