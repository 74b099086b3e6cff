/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ha_sync_plugin.h"
#include "ha_sync_channel.h"
#include "ha_sync_capture.h"
#include "ha_sync_activator.h"
#include "cluster_load.h"
#include "plugin_settings.h"
#include "cluster_secret.h"

#include <daemon.h>
#include <processing/jobs/callback_job.h>

typedef struct private_ha_sync_plugin_t private_ha_sync_plugin_t;

struct private_ha_sync_plugin_t {

	/**
	 * Public interface.
	 */
	ha_sync_plugin_t public;

	/**
	 * Sealed channel and the records of others.
	 */
	ha_sync_channel_t *channel;

	/**
	 * Records of our own SAs.
	 */
	ha_sync_capture_t *capture;

	/**
	 * Builds SAs from records on a takeover.
	 */
	ha_sync_activator_t *activator;

	/**
	 * cluster-load's service: counters, and who is dead.
	 */
	cluster_load_t *cluster;

	/**
	 * This member's name.
	 */
	char name[CLUSTER_NAME_MAX + 1];

	/**
	 * The member this one replicates to, "-" if none (for "status").
	 */
	char backup[CLUSTER_NAME_MAX + 1];

	/**
	 * Interval of the takeover check.
	 */
	uint32_t check_ms;

	/**
	 * This plugin's options as charon started with them (settings_diff).
	 */
	char *loaded;
};

CALLBACK(print_stats, void,
	private_ha_sync_plugin_t *this, cluster_load_info_t info, FILE *out)
{
	switch (info)
	{
		case CLUSTER_LOAD_STATS:
			this->capture->print(this->capture, out);
			this->activator->print(this->activator, out);
			this->channel->print(this->channel, out);
			break;
		case CLUSTER_LOAD_STATUS:
			fprintf(out, "ha-backup %s\n", this->backup);
			break;
		case CLUSTER_LOAD_RECORDS:
			this->channel->print_records(this->channel, out);
			break;
	}
}

CALLBACK(destroy_member, void,
	ha_sync_member_t *member)
{
	member->addr->destroy(member->addr);
	free(member);
}

/**
 * Whether a record's local address is on this host now: keepalived moved
 * the failed member's address here.
 */
static bool address_here(ha_sync_ike_t *ike)
{
	host_t *host;
	bool here;

	host = host_create_from_chunk(ike->local.len == 4 ? AF_INET : AF_INET6,
								  chunk_create(ike->local.addr, ike->local.len),
								  0);
	here = host && charon->kernel->get_interface(charon->kernel, host, NULL);
	DESTROY_IF(host);
	return here;
}

/**
 * Take over the SAs of dead members whose addresses came here.
 */
CALLBACK(check_takeover, job_requeue_t,
	private_ha_sync_plugin_t *this)
{
	cluster_member_info_t members[CLUSTER_MEMBERS_MAX];
	linked_list_t *taken;
	ha_sync_ike_t *ike;
	int count, i;

	if (!this->channel)
	{
		return JOB_REQUEUE_NONE;
	}
	count = this->cluster->get_members(this->cluster, members,
									   CLUSTER_MEMBERS_MAX);
	for (i = 0; i < count; i++)
	{
		if (members[i].local || members[i].state != CLUSTER_MEMBER_DEAD)
		{
			continue;
		}
		taken = this->channel->take(this->channel, members[i].report.name,
									address_here);
		if (taken->get_count(taken))
		{
			DBG1(DBG_CFG, "ha-sync: member '%s' is dead and its address is "
				 "here: taking over %d IKE_SAs", members[i].report.name,
				 taken->get_count(taken));
		}
		while (taken->remove_first(taken, (void**)&ike) == SUCCESS)
		{
			this->activator->activate(this->activator, ike,
									  members[i].report.name);
			memwipe(ike, sizeof(*ike));
			free(ike);
		}
		taken->destroy(taken);
	}
	return JOB_RESCHEDULE_MS(this->check_ms);
}

/**
 * The members of cluster-load's configuration, NULL on an error (logged).
 */
static linked_list_t *load_members()
{
	enumerator_t *enumerator;
	ha_sync_member_t *member;
	linked_list_t *members;
	char *name, *addr;
	host_t *host;

	members = linked_list_create();
	enumerator = lib->settings->create_section_enumerator(lib->settings,
								"%s.plugins.cluster-load.members", lib->ns);
	while (enumerator->enumerate(enumerator, &name))
	{
		addr = lib->settings->get_str(lib->settings,
						"%s.plugins.cluster-load.members.%s.address", NULL,
						lib->ns, name);
		host = addr ? host_create_from_string(addr, 0) : NULL;
		if (!cluster_name_valid(name) || !host)
		{
			DBG1(DBG_CFG, "ha-sync: member '%s' has no valid address '%s' "
				 "in cluster-load's members", name, addr ?: "");
			DESTROY_IF(host);
			enumerator->destroy(enumerator);
			members->destroy_function(members, destroy_member);
			return NULL;
		}
		INIT(member,
			.addr = host,
		);
		snprintf(member->name, sizeof(member->name), "%s", name);
		members->insert_last(members, member);
	}
	enumerator->destroy(enumerator);
	return members;
}

/**
 * Build channel and capture from the configuration.
 */
static bool setup(private_ha_sync_plugin_t *this)
{
	linked_list_t *members;
	char *name, *secret, *backup, secret_buf[CLUSTER_SECRET_FILE_MAX];
	uint32_t port, resync;
	bool mid_sync, additional;

	this->cluster = lib->get(lib, CLUSTER_LOAD_KEY);
	if (!this->cluster)
	{
		DBG1(DBG_CFG, "ha-sync: the cluster-load plugin is not running");
		return FALSE;
	}
	if (!plugin_settings_uint("ha-sync", "port", 4521, 1, 65535, "", &port) ||
		!plugin_settings_uint("ha-sync", "resync_interval", 1000, 100, 60000,
							  "", &resync) ||
		!plugin_settings_bool("ha-sync", "mid_sync", TRUE, &mid_sync) ||
		!plugin_settings_bool("ha-sync", "additional_addresses", FALSE,
							  &additional))
	{
		return FALSE;
	}
	/* the cluster's identity and secret are cluster-load's, which checked
	 * them already */
	name = lib->settings->get_str(lib->settings,
						"%s.plugins.cluster-load.name", NULL, lib->ns);
	if (!plugin_settings_secret("ha-sync", secret_buf, sizeof(secret_buf),
								&secret))
	{
		return FALSE;
	}
	backup = lib->settings->get_str(lib->settings,
						"%s.plugins.ha-sync.backup", NULL, lib->ns);
	if (!name || !secret)
	{
		DBG1(DBG_CFG, "ha-sync: cluster-load's name and secret are needed");
		return FALSE;
	}
	if (backup && streq(backup, name))
	{
		DBG1(DBG_CFG, "ha-sync: invalid backup '%s': this member itself",
			 backup);
		return FALSE;
	}
	members = load_members();
	if (!members)
	{
		memwipe(secret_buf, sizeof(secret_buf));
		return FALSE;
	}
	this->channel = ha_sync_channel_create(name, secret, port, members,
										   backup);
	memwipe(secret_buf, sizeof(secret_buf));
	members->destroy_function(members, destroy_member);
	if (!this->channel)
	{
		return FALSE;
	}
	this->capture = ha_sync_capture_create(this->channel, resync, mid_sync,
										   additional);
	this->activator = ha_sync_activator_create(this->capture, mid_sync);
	snprintf(this->name, sizeof(this->name), "%s", name);
	snprintf(this->backup, sizeof(this->backup), "%s", backup ?: "-");
	this->check_ms = 200;
	lib->scheduler->schedule_job_ms(lib->scheduler,
			(job_t*)callback_job_create(check_takeover, this, NULL, NULL),
			this->check_ms);
	DBG1(DBG_CFG, "ha-sync: member '%s' replicates its SAs %s%s%s, port %u, "
		 "full resend every %u ms, message ID sync %s, %s", name,
		 backup ? "to '" : "to no one", backup ?: "", backup ? "'" : "",
		 port, resync, mid_sync ? "on" : "off", additional ?
		 "MOBIKE announces this member's other addresses" :
		 "MOBIKE peers stay on the address the IKE_SA uses");
	return TRUE;
}

static void destroy_parts(private_ha_sync_plugin_t *this)
{
	DESTROY_IF(this->activator);
	DESTROY_IF(this->capture);
	DESTROY_IF(this->channel);
	this->capture = NULL;
	this->activator = NULL;
	this->channel = NULL;
}

/**
 * Register or unregister the listener and counters.
 */
static bool plugin_cb(private_ha_sync_plugin_t *this,
					  plugin_feature_t *feature, bool reg, void *cb_data)
{
	if (reg)
	{
		if (!setup(this))
		{
			DBG1(DBG_CFG, "ha-sync: disabled, SAs are not replicated");
			destroy_parts(this);
			return FALSE;
		}
		charon->bus->add_listener(charon->bus, &this->capture->listener);
		this->cluster->add_stats(this->cluster, print_stats, this);
	}
	else if (this->capture)
	{
		this->cluster->remove_stats(this->cluster, print_stats, this);
		charon->bus->remove_listener(charon->bus, &this->capture->listener);
		destroy_parts(this);
	}
	return TRUE;
}

METHOD(plugin_t, get_name, char*,
	private_ha_sync_plugin_t *this)
{
	return "ha-sync";
}

METHOD(plugin_t, get_features, int,
	private_ha_sync_plugin_t *this, plugin_feature_t *features[])
{
	static plugin_feature_t f[] = {
		PLUGIN_CALLBACK((plugin_feature_callback_t)plugin_cb, NULL),
			PLUGIN_PROVIDE(CUSTOM, "ha-sync"),
				PLUGIN_DEPENDS(CUSTOM, "cluster-load"),
	};
	*features = f;
	return countof(f);
}

METHOD(plugin_t, reload, bool,
	private_ha_sync_plugin_t *this)
{
	/* nothing of this plugin changes while charon runs */
	plugin_settings_report_restart("ha-sync", this->loaded, (const char*[]){
		"load", NULL });
	return TRUE;
}

METHOD(plugin_t, destroy, void,
	private_ha_sync_plugin_t *this)
{
	destroy_parts(this);
	free(this->loaded);
	free(this);
}

/*
 * Described in header
 */
plugin_t *ha_sync_plugin_create()
{
	private_ha_sync_plugin_t *this;

	INIT(this,
		.public = {
			.plugin = {
				.get_name = _get_name,
				.get_features = _get_features,
				.reload = _reload,
				.destroy = _destroy,
			},
		},
		.loaded = plugin_settings_snapshot("ha-sync"),
	);
	return &this->public.plugin;
}
