/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "route_inject_plugin.h"
#include "route_inject_router.h"
#include "cluster_load.h"
#include "plugin_settings.h"

#include <daemon.h>

typedef struct private_route_inject_plugin_t private_route_inject_plugin_t;

struct private_route_inject_plugin_t {

	/**
	 * Public interface.
	 */
	route_inject_plugin_t public;

	/**
	 * The router, registered as listener.
	 */
	route_inject_router_t *router;

	/**
	 * cluster-load's service, if loaded: cluster-ctl shows our counters.
	 */
	cluster_load_t *cluster;

	/**
	 * This plugin's options as charon started with them (settings_diff).
	 */
	char *loaded;
};

CALLBACK(print_stats, void,
	private_route_inject_plugin_t *this, cluster_load_info_t info, FILE *out)
{
	if (info == CLUSTER_LOAD_STATS)
	{
		this->router->print(this->router, out);
	}
}

/**
 * Parse the aggregate list ("203.0.113.0/26, 2001:db8:1::/64").
 */
static linked_list_t *load_aggregates()
{
	enumerator_t *enumerator;
	linked_list_t *list;
	route_prefix_t *prefix;
	char *str, *token;

	list = linked_list_create();
	str = lib->settings->get_str(lib->settings,
						"%s.plugins.route-inject.aggregate", NULL, lib->ns);
	if (!str)
	{
		return list;
	}
	enumerator = enumerator_create_token(str, ",", " ");
	while (enumerator->enumerate(enumerator, &token))
	{
		prefix = malloc(sizeof(*prefix));
		if (!route_prefix_from_string(prefix, token))
		{
			DBG1(DBG_CFG, "route-inject: invalid aggregate '%s', expected a "
				 "prefix such as 203.0.113.0/26", token);
			free(prefix);
			enumerator->destroy(enumerator);
			list->destroy_function(list, free);
			return NULL;
		}
		list->insert_last(list, prefix);
	}
	enumerator->destroy(enumerator);
	return list;
}

/**
 * Build the router from the configuration.
 */
static bool setup(private_route_inject_plugin_t *this)
{
	route_netlink_t *netlink;
	linked_list_t *aggregates;
	uint32_t table, protocol, metric;
	int err = 0;

	if (!plugin_settings_uint("route-inject", "table", 101, 1, UINT32_MAX,
				", not 253, 254 or 255 (default, main, local)", &table) ||
		!plugin_settings_uint("route-inject", "protocol", 251, 5, 255,
				" (route protocol numbers up to 4 belong to the kernel)",
				&protocol) ||
		!plugin_settings_uint("route-inject", "metric", 1024, 0, UINT32_MAX,
				"", &metric))
	{
		return FALSE;
	}
	if (table >= 253 && table <= 255)
	{
		DBG1(DBG_CFG, "route-inject: invalid table '%u': 253, 254 and 255 are "
			 "the kernel's default, main and local tables", table);
		return FALSE;
	}
	aggregates = load_aggregates();
	if (!aggregates)
	{
		return FALSE;
	}
	netlink = route_netlink_create(table, protocol, metric, &err);
	if (!netlink)
	{
		DBG1(DBG_KNL, "route-inject: opening rtnetlink socket failed: %s",
			 strerror(-err));
		aggregates->destroy_function(aggregates, free);
		return FALSE;
	}
	DBG1(DBG_CFG, "route-inject: routes to clients go to table %u, protocol "
		 "%u, metric %u%s", table, protocol, metric,
		 aggregates->get_count(aggregates) ? ", with aggregates" : "");
	this->router = route_inject_router_create(netlink, aggregates);
	return TRUE;
}

/**
 * Register or unregister the listener.
 */
static bool plugin_cb(private_route_inject_plugin_t *this,
					  plugin_feature_t *feature, bool reg, void *cb_data)
{
	if (reg)
	{
		if (!setup(this))
		{
			DBG1(DBG_CFG, "route-inject: disabled, no routes are installed");
			return FALSE;
		}
		charon->bus->add_listener(charon->bus, &this->router->listener);
		/* route-inject works without cluster-load, too */
		this->cluster = lib->get(lib, CLUSTER_LOAD_KEY);
		if (this->cluster)
		{
			this->cluster->add_stats(this->cluster, print_stats, this);
		}
	}
	else if (this->router)
	{
		if (this->cluster)
		{
			this->cluster->remove_stats(this->cluster, print_stats, this);
			this->cluster = NULL;
		}
		charon->bus->remove_listener(charon->bus, &this->router->listener);
		this->router->destroy(this->router);
		this->router = NULL;
	}
	return TRUE;
}

METHOD(plugin_t, get_name, char*,
	private_route_inject_plugin_t *this)
{
	return "route-inject";
}

METHOD(plugin_t, get_features, int,
	private_route_inject_plugin_t *this, plugin_feature_t *features[])
{
	static plugin_feature_t f[] = {
		PLUGIN_CALLBACK((plugin_feature_callback_t)plugin_cb, NULL),
			PLUGIN_PROVIDE(CUSTOM, "route-inject"),
				/* loaded after cluster-load if that is loaded at all */
				PLUGIN_SDEPEND(CUSTOM, "cluster-load"),
	};
	*features = f;
	return countof(f);
}

METHOD(plugin_t, reload, bool,
	private_route_inject_plugin_t *this)
{
	/* nothing of this plugin changes while charon runs */
	plugin_settings_report_restart("route-inject", this->loaded, (const char*[]){
		"load", NULL });
	return TRUE;
}

METHOD(plugin_t, destroy, void,
	private_route_inject_plugin_t *this)
{
	if (this->router)
	{
		this->router->destroy(this->router);
	}
	free(this->loaded);
	free(this);
}

/*
 * Described in header
 */
plugin_t *route_inject_plugin_create()
{
	private_route_inject_plugin_t *this;

	INIT(this,
		.public = {
			.plugin = {
				.get_name = _get_name,
				.get_features = _get_features,
				.reload = _reload,
				.destroy = _destroy,
			},
		},
		.loaded = plugin_settings_snapshot("route-inject"),
	);
	return &this->public.plugin;
}
