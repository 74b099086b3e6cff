/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup redirect_provider redirect_provider
 * @ingroup cplugins
 *
 * @defgroup redirect_provider_plugin redirect_provider_plugin
 * @{ @ingroup redirect_provider
 */

#ifndef REDIRECT_PROVIDER_PLUGIN_H_
#define REDIRECT_PROVIDER_PLUGIN_H_

#include <plugins/plugin.h>

typedef struct redirect_provider_plugin_t redirect_provider_plugin_t;

/**
 * Redirects clients arriving on the cluster's virtual IPs to the member
 * the cluster-load plugin chooses (RFC 5685), in IKE_SA_INIT or IKE_AUTH.
 */
struct redirect_provider_plugin_t {

	/**
	 * Implements plugin interface.
	 */
	plugin_t plugin;
};

#endif /** REDIRECT_PROVIDER_PLUGIN_H_ @}*/
