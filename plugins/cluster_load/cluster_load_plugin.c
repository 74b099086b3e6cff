/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "cluster_load_plugin.h"
#include "cluster_load_channel.h"
#include "cluster_load_counter.h"
#include "cluster_load_reporter.h"
#include "cluster_load_control.h"
#include "cluster_load_time.h"
#include "cluster_load.h"
#include "plugin_settings.h"
#include "cluster_secret.h"

#include <errno.h>
#include <daemon.h>
#include <collections/linked_list.h>
#include <threading/mutex.h>

#define DEFAULT_PORT 4520
#define DEFAULT_SOCKET IPSEC_PIDDIR "/charon.cluster"

typedef struct private_cluster_load_plugin_t private_cluster_load_plugin_t;

/**
 * The service other plugins use; a member of the plugin, so it knows it.
 */
typedef struct {
	cluster_load_t public;
	private_cluster_load_plugin_t *plugin;
} service_t;

struct private_cluster_load_plugin_t {

	/**
	 * Public interface.
	 */
	cluster_load_plugin_t public;

	/**
	 * What other plugins use, registered as lib "cluster-load".
	 */
	service_t service;

	/**
	 * This member's name.
	 */
	char name[CLUSTER_NAME_MAX + 1];

	cluster_table_t *table;
	cluster_load_channel_t *channel;
	cluster_load_counter_t *counter;
	cluster_load_reporter_t *reporter;
	cluster_load_control_t *control;

	/**
	 * What this member announces now.
	 */
	uint32_t capacity;
	uint32_t weight;
	bool drain;

	/**
	 * Stats providers of other plugins, stats_provider_t.
	 */
	linked_list_t *stats;

	/**
	 * Protects capacity, weight, drain and stats.
	 */
	mutex_t *mutex;

	/**
	 * This plugin's options as charon started with them (settings_diff).
	 */
	char *loaded;
};

/**
 * A registered stats callback.
 */
typedef struct {
	cluster_load_stats_cb_t cb;
	void *data;
} stats_provider_t;

/**
 * Read an option of this plugin strictly.
 */
static bool get_uint(const char *key, uint32_t def, uint32_t min, uint32_t max,
					 uint32_t *out)
{
	return plugin_settings_uint("cluster-load", key, def, min, max, "", out);
}

/**
 * The secret must be long and not trivially repetitive.
 */
static bool secret_strong(const char *secret)
{
	bool seen[256] = {};
	int distinct = 0;
	const unsigned char *pos;

	for (pos = (const unsigned char*)secret; *pos; pos++)
	{
		if (!seen[*pos])
		{
			seen[*pos] = TRUE;
			distinct++;
		}
	}
	return strlen(secret) >= CLUSTER_SECRET_MIN && distinct >= 8;
}

/**
 * Options that may change at runtime (swanctl --reload-settings).
 */
static bool load_runtime_options(uint32_t *capacity, uint32_t *weight,
								 bool *drain)
{
	return get_uint("capacity", 1000, 1, CLUSTER_CAPACITY_MAX, capacity) &&
		   get_uint("weight", 1, 1, CLUSTER_WEIGHT_MAX, weight) &&
		   plugin_settings_bool("cluster-load", "drain", FALSE, drain);
}

/**
 * A configured member.
 */
typedef struct {
	char *name;
	host_t *addr;
} member_cfg_t;

CALLBACK(destroy_member_cfg, void,
	member_cfg_t *cfg)
{
	cfg->addr->destroy(cfg->addr);
	free(cfg->name);
	free(cfg);
}

/**
 * Read the members section and add the members to the table; returns the
 * list of member_cfg_t or NULL on error.
 */
static linked_list_t *load_members(private_cluster_load_plugin_t *this,
								   uint16_t port)
{
	enumerator_t *enumerator;
	linked_list_t *members;
	member_cfg_t *cfg;
	host_t *addr;
	char *member, *str;
	bool local_found = FALSE;

	members = linked_list_create();
	enumerator = lib->settings->create_section_enumerator(lib->settings,
								"%s.plugins.cluster-load.members", lib->ns);
	while (enumerator->enumerate(enumerator, &member))
	{
		if (!cluster_name_valid(member))
		{
			DBG1(DBG_CFG, "cluster-load: invalid member name '%s', expected "
				 "1 to %d of letters, digits, '.', '_' and '-'", member,
				 CLUSTER_NAME_MAX);
			goto failed;
		}
		str = lib->settings->get_str(lib->settings,
						"%s.plugins.cluster-load.members.%s.address", NULL,
						lib->ns, member);
		addr = str ? host_create_from_string(str, port) : NULL;
		if (!addr)
		{
			DBG1(DBG_CFG, "cluster-load: member '%s' has %s address '%s', "
				 "expected an IP address", member, str ? "an invalid" : "no",
				 str ?: "");
			goto failed;
		}
		if (!this->table->add_member(this->table, member,
									 streq(member, this->name)))
		{
			DBG1(DBG_CFG, "cluster-load: cannot add member '%s' (duplicate "
				 "or more than %d members)", member, CLUSTER_MEMBERS_MAX);
			addr->destroy(addr);
			goto failed;
		}
		local_found |= streq(member, this->name);
		INIT(cfg,
			.name = strdup(member),
			.addr = addr,
		);
		members->insert_last(members, cfg);
	}
	enumerator->destroy(enumerator);

	if (!local_found)
	{
		DBG1(DBG_CFG, "cluster-load: this member '%s' is not in the members "
			 "section", this->name);
		members->destroy_function(members, destroy_member_cfg);
		return NULL;
	}
	return members;

failed:
	enumerator->destroy(enumerator);
	members->destroy_function(members, destroy_member_cfg);
	return NULL;
}

static const char *state_names[] = {
	[CLUSTER_MEMBER_ALIVE] = "alive",
	[CLUSTER_MEMBER_DRAINING] = "draining",
	[CLUSTER_MEMBER_DEAD] = "dead",
};

/**
 * Answer "members": one line per member.
 */
static void print_members(private_cluster_load_plugin_t *this, FILE *out)
{
	cluster_member_info_t members[CLUSTER_MEMBERS_MAX];
	char addr[CLUSTER_ADDR_MAX + 1];
	int count, i;

	count = this->table->get_members(this->table, cluster_time_ms(), members,
									 CLUSTER_MEMBERS_MAX);
	fprintf(out, "%-12s %-8s %-22s %6s %6s %5s %8s %6s %6s %8s %8s %s\n",
			"member", "state", "redirect-to", "ike", "child", "half",
			"capacity", "weight", "load%", "reserved", "age-ms", "flags");
	for (i = 0; i < count; i++)
	{
		cluster_member_info_t *m = &members[i];
		cluster_load_report_t *r = &m->report;

		if (m->seen)
		{
			cluster_addr_to_string(&r->redirect_to, addr, sizeof(addr));
		}
		else
		{
			snprintf(addr, sizeof(addr), "-");
		}
		fprintf(out, "%-12s %-8s %-22s %6u %6u %5u %8u %6u %6.1f %8u %8llu "
				"%s%s%s\n", r->name, state_names[m->state], addr, r->ike_sas,
				r->child_sas, r->half_open, r->capacity, r->weight,
				r->capacity ? 100.0 * (r->ike_sas + r->half_open) /
							  r->capacity : 0.0,
				m->reserved, (unsigned long long)m->age_ms,
				m->local ? "local" : "-",
				/* a dead member's last word on mastership is void */
				r->flags & CLUSTER_FLAG_MASTER &&
					m->state != CLUSTER_MEMBER_DEAD ? ",master" : "",
				m->seen ? "" : ",never-heard");
	}
}

/**
 * Let the other plugins answer too.
 */
static void print_providers(private_cluster_load_plugin_t *this,
							cluster_load_info_t info, FILE *out)
{
	enumerator_t *enumerator;
	stats_provider_t *provider;

	this->mutex->lock(this->mutex);
	enumerator = this->stats->create_enumerator(this->stats);
	while (enumerator->enumerate(enumerator, &provider))
	{
		provider->cb(provider->data, info, out);
	}
	enumerator->destroy(enumerator);
	this->mutex->unlock(this->mutex);
}

/**
 * Answer "stats": counters as "name value" lines.
 */
static void print_stats(private_cluster_load_plugin_t *this, FILE *out)
{
	cluster_load_channel_stats_t stats;
	int i;

	this->channel->get_stats(this->channel, &stats);
	fprintf(out, "channel.sent %llu\n", (unsigned long long)stats.sent);
	fprintf(out, "channel.send-failed %llu\n",
			(unsigned long long)stats.send_failed);
	fprintf(out, "channel.accepted %llu\n", (unsigned long long)stats.accepted);
	for (i = 1; i < CLUSTER_MSG_RESULT_MAX; i++)
	{
		fprintf(out, "channel.dropped.%s %llu\n", cluster_msg_result_name(i),
				(unsigned long long)stats.codec[i]);
	}
	for (i = 1; i < CLUSTER_UPDATE_RESULT_MAX; i++)
	{
		fprintf(out, "channel.dropped.%s %llu\n",
				cluster_update_result_name(i),
				(unsigned long long)stats.table[i]);
	}
	fprintf(out, "channel.dropped.wrong-source %llu\n",
			(unsigned long long)stats.channel[CLUSTER_CHANNEL_WRONG_SOURCE]);
	print_providers(this, CLUSTER_LOAD_STATS, out);
}

/**
 * Answer "status": this member, as "name value" lines.
 */
static void print_status(private_cluster_load_plugin_t *this, FILE *out)
{
	cluster_member_info_t members[CLUSTER_MEMBERS_MAX];
	int count, i, alive = 0;
	bool master = FALSE;

	count = this->table->get_members(this->table, cluster_time_ms(), members,
									 CLUSTER_MEMBERS_MAX);
	for (i = 0; i < count; i++)
	{
		alive += members[i].state != CLUSTER_MEMBER_DEAD;
		if (members[i].local)
		{
			master = members[i].report.flags & CLUSTER_FLAG_MASTER;
		}
	}
	this->mutex->lock(this->mutex);
	fprintf(out, "member %s\n", this->name);
	fprintf(out, "state %s\n", this->drain ? "draining" : "alive");
	fprintf(out, "master %s\n", master ? "yes" : "no");
	fprintf(out, "capacity %u\n", this->capacity);
	fprintf(out, "weight %u\n", this->weight);
	this->mutex->unlock(this->mutex);
	fprintf(out, "members %d\n", count);
	fprintf(out, "members-alive %d\n", alive);
	print_providers(this, CLUSTER_LOAD_STATUS, out);
}

/**
 * Announce a new drain state.
 */
static void set_drain(private_cluster_load_plugin_t *this, bool drain)
{
	this->mutex->lock(this->mutex);
	this->drain = drain;
	this->reporter->configure(this->reporter, this->capacity, this->weight,
							  drain);
	this->mutex->unlock(this->mutex);
	DBG1(DBG_CFG, "cluster-load: %s", drain ? "draining: no new clients, "
		 "existing tunnels stay" : "taking new clients again");
}

CALLBACK(control, bool,
	private_cluster_load_plugin_t *this, int argc, char *argv[], FILE *out)
{
	if (streq(argv[0], "members"))
	{
		print_members(this, out);
	}
	else if (streq(argv[0], "stats"))
	{
		print_stats(this, out);
	}
	else if (streq(argv[0], "status"))
	{
		print_status(this, out);
	}
	else if (streq(argv[0], "records"))
	{
		print_providers(this, CLUSTER_LOAD_RECORDS, out);
	}
	else if (streq(argv[0], "drain") || streq(argv[0], "undrain"))
	{
		set_drain(this, streq(argv[0], "drain"));
		fprintf(out, "member '%s' %s\n", this->name,
				streq(argv[0], "drain") ? "is draining" : "takes clients");
	}
	else
	{
		return FALSE;
	}
	return TRUE;
}

/**
 * Build everything from the configuration; FALSE leaves nothing behind
 * for destroy_parts() that is not NULL-safe.
 */
static bool setup(private_cluster_load_plugin_t *this)
{
	cluster_table_config_t table_cfg = {};
	cluster_load_report_t local = {};
	uint8_t key[CLUSTER_KEY_LEN];
	uint32_t port, interval, dead_after, capacity, weight, skew, grace,
			 timeout, prompt;
	linked_list_t *members;
	enumerator_t *enumerator;
	member_cfg_t *cfg;
	host_t *local_addr = NULL, *group = NULL;
	char *name, *secret, *redirect_to, *str, buf[64];
	char secret_buf[CLUSTER_SECRET_FILE_MAX];
	bool drain, ok = FALSE;

	name = lib->settings->get_str(lib->settings,
						"%s.plugins.cluster-load.name", NULL, lib->ns);
	if (!name || !cluster_name_valid(name))
	{
		DBG1(DBG_CFG, "cluster-load: %s name '%s' for this member, expected "
			 "1 to %d of letters, digits, '.', '_' and '-'",
			 name ? "invalid" : "no", name ?: "", CLUSTER_NAME_MAX);
		return FALSE;
	}
	snprintf(this->name, sizeof(this->name), "%s", name);

	if (!plugin_settings_secret("cluster-load", secret_buf,
								sizeof(secret_buf), &secret))
	{
		return FALSE;
	}
	if (!secret)
	{
		DBG1(DBG_CFG, "cluster-load: no secret configured: the cluster "
			 "channel cannot be authenticated");
		return FALSE;
	}
	if (!secret_strong(secret))
	{
		/* never log the secret itself */
		DBG1(DBG_CFG, "cluster-load: the secret is weak (%zu bytes): use at "
			 "least %d bytes with at least 8 distinct characters",
			 strlen(secret), CLUSTER_SECRET_MIN);
		memwipe(secret_buf, sizeof(secret_buf));
		return FALSE;
	}
	cluster_msg_derive_key(secret, strlen(secret), key);
	memwipe(secret_buf, sizeof(secret_buf));

	if (!get_uint("port", DEFAULT_PORT, 1, 65535, &port) ||
		!get_uint("interval", 200, 20, 60000, &interval) ||
		!get_uint("dead_after", 3, 1, 100, &dead_after) ||
		!get_uint("max_clock_skew", 0, 0, 3600000, &skew) ||
		!get_uint("reservation_grace", 500, 1, 60000, &grace) ||
		!get_uint("reservation_timeout", 5000, 100, 600000, &timeout) ||
		!get_uint("prompt_delay", 10, 0, 10000, &prompt) ||
		!load_runtime_options(&capacity, &weight, &drain))
	{
		return FALSE;
	}

	table_cfg = (cluster_table_config_t){
		.dead_after = dead_after,
		.max_skew_us = (uint64_t)skew * 1000,
		.reservation_grace_ms = grace,
		.reservation_timeout_ms = timeout,
	};
	this->table = cluster_table_create(&table_cfg);
	members = load_members(this, port);
	if (!members)
	{
		return FALSE;
	}
	enumerator = members->create_enumerator(members);
	while (enumerator->enumerate(enumerator, &cfg))
	{
		if (streq(cfg->name, this->name))
		{
			local_addr = cfg->addr;
		}
	}
	enumerator->destroy(enumerator);

	snprintf(local.name, sizeof(local.name), "%s", this->name);
	local.interval_ms = interval;
	local.capacity = capacity;
	local.weight = weight;
	local.state = drain ? CLUSTER_MEMBER_DRAINING : CLUSTER_MEMBER_ALIVE;
	redirect_to = lib->settings->get_str(lib->settings,
						"%s.plugins.cluster-load.redirect_to", NULL, lib->ns);
	if (!redirect_to)
	{
		snprintf(buf, sizeof(buf), "%H", local_addr);
		redirect_to = buf;
	}
	if (!cluster_addr_from_string(redirect_to, &local.redirect_to))
	{
		DBG1(DBG_CFG, "cluster-load: invalid redirect_to '%s', expected an "
			 "IP address or FQDN", redirect_to);
		goto out;
	}

	str = lib->settings->get_str(lib->settings,
						"%s.plugins.cluster-load.multicast", NULL, lib->ns);
	if (str)
	{
		group = host_create_from_string(str, port);
		if (!group ||
			group->get_family(group) != AF_INET ||
			(ntohl(((struct sockaddr_in*)group->get_sockaddr(group))
									->sin_addr.s_addr) >> 28) != 0xE)
		{
			DBG1(DBG_CFG, "cluster-load: invalid multicast '%s', expected an "
				 "IPv4 multicast group (224.0.0.0/4)", str);
			DESTROY_IF(group);
			goto out;
		}
	}
	this->channel = cluster_load_channel_create(local_addr, group, key,
												this->table);
	DESTROY_IF(group);
	if (!this->channel)
	{
		goto out;
	}
	enumerator = members->create_enumerator(members);
	while (enumerator->enumerate(enumerator, &cfg))
	{
		if (!streq(cfg->name, this->name))
		{
			this->channel->add_peer(this->channel, cfg->name, cfg->addr);
		}
	}
	enumerator->destroy(enumerator);

	this->capacity = capacity;
	this->weight = weight;
	this->drain = drain;
	this->reporter = cluster_load_reporter_create(&local, key, this->table,
								this->channel, this->counter, prompt);
	this->control = cluster_load_control_create(
						lib->settings->get_str(lib->settings,
							"%s.plugins.cluster-load.socket", DEFAULT_SOCKET,
							lib->ns), control, this);
	DBG1(DBG_CFG, "cluster-load: member '%s' of %d, channel %#H%s%s, "
		 "clients redirected to %s, capacity %u, weight %u%s, report every "
		 "%u ms, dead after %u missed", this->name,
		 members->get_count(members), local_addr,
		 str ? ", multicast " : "", str ?: "", redirect_to, capacity, weight,
		 drain ? ", draining" : "", interval, dead_after);
	ok = TRUE;

out:
	memwipe(key, sizeof(key));
	members->destroy_function(members, destroy_member_cfg);
	return ok;
}

/**
 * Tear down what setup() built, in reverse order.
 */
static void destroy_parts(private_cluster_load_plugin_t *this)
{
	DESTROY_IF(this->control);
	DESTROY_IF(this->reporter);
	DESTROY_IF(this->channel);
	DESTROY_IF(this->table);
	this->control = NULL;
	this->reporter = NULL;
	this->channel = NULL;
	this->table = NULL;
}

CALLBACK(changed, void,
	private_cluster_load_plugin_t *this)
{
	if (this->reporter)
	{
		this->reporter->trigger(this->reporter);
	}
}

METHOD(cluster_load_t, select_, cluster_select_result_t,
	service_t *service, bool exclude_local, cluster_member_info_t *chosen)
{
	private_cluster_load_plugin_t *this = service->plugin;

	return this->table->select(this->table, cluster_time_ms(), exclude_local,
							   chosen);
}

METHOD(cluster_load_t, get_members, int,
	service_t *service, cluster_member_info_t *out, int max)
{
	private_cluster_load_plugin_t *this = service->plugin;

	return this->table->get_members(this->table, cluster_time_ms(), out, max);
}

METHOD(cluster_load_t, get_local_name, const char*,
	service_t *service)
{
	return service->plugin->name;
}

METHOD(cluster_load_t, set_master, void,
	service_t *service, bool master)
{
	private_cluster_load_plugin_t *this = service->plugin;

	this->reporter->set_master(this->reporter, master);
}

METHOD(cluster_load_t, add_stats, void,
	service_t *service, cluster_load_stats_cb_t cb, void *data)
{
	private_cluster_load_plugin_t *this = service->plugin;
	stats_provider_t *provider;

	INIT(provider,
		.cb = cb,
		.data = data,
	);
	this->mutex->lock(this->mutex);
	this->stats->insert_last(this->stats, provider);
	this->mutex->unlock(this->mutex);
}

METHOD(cluster_load_t, remove_stats, void,
	service_t *service, cluster_load_stats_cb_t cb, void *data)
{
	private_cluster_load_plugin_t *this = service->plugin;
	enumerator_t *enumerator;
	stats_provider_t *provider;

	this->mutex->lock(this->mutex);
	enumerator = this->stats->create_enumerator(this->stats);
	while (enumerator->enumerate(enumerator, &provider))
	{
		if (provider->cb == cb && provider->data == data)
		{
			this->stats->remove_at(this->stats, enumerator);
			free(provider);
		}
	}
	enumerator->destroy(enumerator);
	this->mutex->unlock(this->mutex);
}

/**
 * Register or unregister the listener and the service.
 */
static bool plugin_cb(private_cluster_load_plugin_t *this,
					  plugin_feature_t *feature, bool reg, void *cb_data)
{
	if (reg)
	{
		if (!setup(this))
		{
			DBG1(DBG_CFG, "cluster-load: disabled, this gateway works alone");
			destroy_parts(this);
			return FALSE;
		}
		charon->bus->add_listener(charon->bus, &this->counter->listener);
		lib->set(lib, CLUSTER_LOAD_KEY, &this->service.public);
	}
	else
	{
		lib->set(lib, CLUSTER_LOAD_KEY, NULL);
		charon->bus->remove_listener(charon->bus, &this->counter->listener);
		destroy_parts(this);
	}
	return TRUE;
}

METHOD(plugin_t, get_name, char*,
	private_cluster_load_plugin_t *this)
{
	return "cluster-load";
}

METHOD(plugin_t, get_features, int,
	private_cluster_load_plugin_t *this, plugin_feature_t *features[])
{
	static plugin_feature_t f[] = {
		PLUGIN_CALLBACK((plugin_feature_callback_t)plugin_cb, NULL),
			PLUGIN_PROVIDE(CUSTOM, "cluster-load"),
	};
	*features = f;
	return countof(f);
}

METHOD(plugin_t, reload, bool,
	private_cluster_load_plugin_t *this)
{
	uint32_t capacity, weight;
	bool drain;

	if (!this->reporter)
	{
		return FALSE;
	}
	if (!load_runtime_options(&capacity, &weight, &drain))
	{
		DBG1(DBG_CFG, "cluster-load: reload ignored, keeping the previous "
			 "capacity, weight and drain state");
		return FALSE;
	}
	this->mutex->lock(this->mutex);
	this->capacity = capacity;
	this->weight = weight;
	this->drain = drain;
	this->reporter->configure(this->reporter, capacity, weight, drain);
	this->mutex->unlock(this->mutex);
	DBG1(DBG_CFG, "cluster-load: reloaded: capacity %u, weight %u, %s",
		 capacity, weight, drain ? "draining" : "taking clients");
	plugin_settings_report_restart("cluster-load", this->loaded,
				(const char*[]){ "capacity", "weight", "drain", "load", NULL });
	return TRUE;
}

METHOD(plugin_t, destroy, void,
	private_cluster_load_plugin_t *this)
{
	destroy_parts(this);
	this->counter->destroy(this->counter);
	this->stats->destroy_function(this->stats, free);
	this->mutex->destroy(this->mutex);
	free(this->loaded);
	free(this);
}

/*
 * Described in header
 */
plugin_t *cluster_load_plugin_create()
{
	private_cluster_load_plugin_t *this;

	INIT(this,
		.public = {
			.plugin = {
				.get_name = _get_name,
				.get_features = _get_features,
				.reload = _reload,
				.destroy = _destroy,
			},
		},
		.service = {
			.public = {
				.select = _select_,
				.get_members = _get_members,
				.get_local_name = _get_local_name,
				.set_master = _set_master,
				.add_stats = _add_stats,
				.remove_stats = _remove_stats,
			},
		},
		.loaded = plugin_settings_snapshot("cluster-load"),
	);
	this->service.plugin = this;
	this->stats = linked_list_create();
	this->mutex = mutex_create(MUTEX_TYPE_DEFAULT);
	this->counter = cluster_load_counter_create(changed, this);

	return &this->public.plugin;
}
