/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "redirect_provider_plugin.h"
#include "redirect_provider_director.h"
#include "redirect_provider_vrrp.h"
#include "redirect_provider_fastpath.h"
#include "plugin_settings.h"
#include "settings_value.h"

#include <daemon.h>

typedef struct private_redirect_provider_plugin_t
				private_redirect_provider_plugin_t;

struct private_redirect_provider_plugin_t {

	/**
	 * Public interface.
	 */
	redirect_provider_plugin_t public;

	/**
	 * The provider, registered with charon->redirect.
	 */
	redirect_provider_director_t *director;

	/**
	 * Stateless IKE_SA_INIT redirects, if enabled.
	 */
	redirect_provider_fastpath_t *fastpath;

	/**
	 * keepalived follower.
	 */
	redirect_provider_vrrp_t *vrrp;

	/**
	 * Virtual IPs, host_t* (shared by director and follower).
	 */
	linked_list_t *vips;

	/**
	 * Redirecting in IKE_AUTH, and as a director only (for "status").
	 */
	bool auth, director_only;

	/**
	 * Requests per second above which the fast path demands cookies.
	 */
	uint32_t cookie_threshold;

	/**
	 * cluster-load's service.
	 */
	cluster_load_t *cluster;

	/**
	 * This plugin's options as charon started with them (settings_diff).
	 */
	char *loaded;
};

/**
 * Names of fast_path_pass_t, for counters.
 */
static const char *fast_path_pass_names[] = {
	[FAST_PATH_NO_SUPPORT] = "no-redirect-support",
	[FAST_PATH_REDIRECTED_FROM] = "redirected-from",
	[FAST_PATH_NO_MEMBER] = "no-member",
	[FAST_PATH_MALFORMED] = "malformed",
};

/**
 * Answer "status": the VIPs, how clients are redirected, keepalived's view.
 */
static void print_status(private_redirect_provider_plugin_t *this, FILE *out)
{
	enumerator_t *enumerator;
	host_t *vip;
	bool first = TRUE;

	fprintf(out, "vips ");
	enumerator = this->vips->create_enumerator(this->vips);
	while (enumerator->enumerate(enumerator, &vip))
	{
		fprintf(out, "%s%H", first ? "" : ",", vip);
		first = FALSE;
	}
	enumerator->destroy(enumerator);
	fprintf(out, "%s\n", first ? "-" : "");
	fprintf(out, "redirect-phase %s\n", this->auth ? "ike-auth" : "ike-sa-init");
	fprintf(out, "director-only %s\n", this->director_only ? "yes" : "no");
	fprintf(out, "fast-path %s\n", this->fastpath ? "yes" : "no");
	fprintf(out, "cookie-threshold %u\n",
			__atomic_load_n(&this->cookie_threshold, __ATOMIC_RELAXED));
	fprintf(out, "when-full %s\n",
			this->director->get_refuse_when_full(this->director) ?
			"refuse" : "serve");
	fprintf(out, "keepalived-state %s\n",
			vrrp_state_name(this->vrrp->get_state(this->vrrp)));
	fprintf(out, "holds-vip %s\n",
			this->vrrp->is_master(this->vrrp) ? "yes" : "no");
}

CALLBACK(print_stats, void,
	private_redirect_provider_plugin_t *this, cluster_load_info_t info,
	FILE *out)
{
	cluster_member_info_t members[CLUSTER_MEMBERS_MAX];
	redirect_provider_stats_t stats;
	uint64_t lines[VRRP_LINE_MALFORMED + 1];
	int count, i;

	if (info == CLUSTER_LOAD_STATUS)
	{
		print_status(this, out);
		return;
	}
	if (info != CLUSTER_LOAD_STATS)
	{
		return;
	}
	this->director->get_stats(this->director, &stats);
	count = this->cluster->get_members(this->cluster, members,
									   CLUSTER_MEMBERS_MAX);
	for (i = 0; i < count; i++)
	{
		fprintf(out, "redirect.to.%s %llu\n", members[i].report.name,
				(unsigned long long)stats.redirected[i]);
	}
	fprintf(out, "redirect.served-locally %llu\n",
			(unsigned long long)stats.served_locally);
	fprintf(out, "redirect.served-when-full %llu\n",
			(unsigned long long)stats.served_when_full);
	for (i = 1; i < CLUSTER_SELECT_RESULT_MAX; i++)
	{
		fprintf(out, "redirect.refused.%s %llu\n",
				cluster_select_result_name(i),
				(unsigned long long)stats.refused[i]);
	}
	fprintf(out, "redirect.fast-path %llu\n",
			(unsigned long long)stats.fast_path);
	for (i = 0; i < FAST_PATH_PASS_MAX; i++)
	{
		fprintf(out, "redirect.fast-path-passed.%s %llu\n",
				fast_path_pass_names[i],
				(unsigned long long)stats.fast_path_passed[i]);
	}
	if (this->fastpath)
	{
		this->fastpath->print(this->fastpath, out);
	}
	fprintf(out, "redirect.not-on-vip %llu\n",
			(unsigned long long)stats.not_on_vip);
	fprintf(out, "redirect.redirected-from %llu\n",
			(unsigned long long)stats.redirected_from);
	fprintf(out, "vrrp.keepalived-state %s\n",
			vrrp_state_name(this->vrrp->get_state(this->vrrp)));
	fprintf(out, "vrrp.holds-vip %s\n",
			this->vrrp->is_master(this->vrrp) ? "yes" : "no");
	this->vrrp->get_line_counts(this->vrrp, lines);
	fprintf(out, "vrrp.fifo-lines.event %llu\n",
			(unsigned long long)lines[VRRP_LINE_EVENT]);
	fprintf(out, "vrrp.fifo-lines.ignored %llu\n",
			(unsigned long long)lines[VRRP_LINE_IGNORED]);
	fprintf(out, "vrrp.fifo-lines.malformed %llu\n",
			(unsigned long long)lines[VRRP_LINE_MALFORMED]);
}

/**
 * Parse the virtual IP list ("192.0.2.10, 2001:db8::10").
 */
static linked_list_t *load_vips()
{
	enumerator_t *enumerator;
	linked_list_t *vips;
	host_t *host;
	char *list, *token;

	list = lib->settings->get_str(lib->settings,
						"%s.plugins.redirect-provider.vips", NULL, lib->ns);
	if (!list)
	{
		DBG1(DBG_CFG, "redirect-provider: no vips configured: which "
			 "addresses are the cluster's virtual IPs?");
		return NULL;
	}
	vips = linked_list_create();
	enumerator = enumerator_create_token(list, ", ", " ");
	while (enumerator->enumerate(enumerator, &token))
	{
		host = host_create_from_string(token, 0);
		if (!host)
		{
			DBG1(DBG_CFG, "redirect-provider: invalid virtual IP '%s' in vips, "
				 "expected IP addresses", token);
			enumerator->destroy(enumerator);
			vips->destroy_offset(vips, offsetof(host_t, destroy));
			return NULL;
		}
		vips->insert_last(vips, host);
	}
	enumerator->destroy(enumerator);
	if (!vips->get_count(vips))
	{
		DBG1(DBG_CFG, "redirect-provider: vips '%s' holds no address", list);
		vips->destroy(vips);
		return NULL;
	}
	return vips;
}

/**
 * Read one of a set of words strictly.
 */
static bool get_choice(const char *key, const char *def, const char *a,
					   const char *b, bool *is_b)
{
	char *str;

	str = lib->settings->get_str(lib->settings,
						"%s.plugins.redirect-provider.%s", (char*)def, lib->ns,
						key);
	if (settings_value_choice(str, a, b, is_b))
	{
		return TRUE;
	}
	DBG1(DBG_CFG, "redirect-provider: invalid %s '%s', expected %s or %s",
		 key, str, a, b);
	return FALSE;
}

/**
 * Options that may change at runtime (swanctl --reload-settings).
 */
static bool load_runtime_options(bool *refuse, uint32_t *cookie_threshold)
{
	return get_choice("when_full", "serve", "serve", "refuse", refuse) &&
		   plugin_settings_uint("redirect-provider", "cookie_threshold", 500,
								0, 1000000, " (0 never demands one)",
								cookie_threshold);
}

/**
 * Build director and follower from the configuration.
 */
static bool setup(private_redirect_provider_plugin_t *this)
{
	redirect_provider_config_t config = {};
	cluster_load_t *cluster;
	linked_list_t *vips;
	enumerator_t *enumerator;
	host_t *vip;
	char *fifo, *instance, buf[512] = "", fast[96] = "";
	bool auth, refuse, director_only, fast_path;
	uint32_t interval, cookie_threshold;
	size_t pos = 0;

	cluster = lib->get(lib, CLUSTER_LOAD_KEY);
	if (!cluster)
	{
		DBG1(DBG_CFG, "redirect-provider: the cluster-load plugin is not "
			 "running");
		return FALSE;
	}
	this->cluster = cluster;
	if (!get_choice("phase", "init", "init", "auth", &auth) ||
		!get_choice("director_only", "no", "no", "yes", &director_only) ||
		!get_choice("fast_path", "yes", "no", "yes", &fast_path) ||
		!load_runtime_options(&refuse, &cookie_threshold) ||
		!plugin_settings_uint("redirect-provider", "vip_check_interval",
							  1000, 50, 60000, "", &interval))
	{
		return FALSE;
	}
	fifo = lib->settings->get_str(lib->settings,
						"%s.plugins.redirect-provider.keepalived.fifo", NULL,
						lib->ns);
	instance = lib->settings->get_str(lib->settings,
						"%s.plugins.redirect-provider.keepalived.instance",
						NULL, lib->ns);
	if (fifo && (!instance || !*instance || strlen(instance) > VRRP_NAME_MAX))
	{
		DBG1(DBG_CFG, "redirect-provider: keepalived.fifo needs "
			 "keepalived.instance, the VRRP instance or sync group to follow");
		return FALSE;
	}
	vips = load_vips();
	if (!vips)
	{
		return FALSE;
	}
	this->vips = vips;

	/* the director adopts its own copy of the list */
	config.vips = vips->clone_offset(vips, offsetof(host_t, clone));
	config.phase = auth ? REDIRECT_PHASE_AUTH : REDIRECT_PHASE_INIT;
	this->auth = auth;
	this->director_only = director_only;
	this->cookie_threshold = cookie_threshold;
	config.director_only = director_only;
	config.refuse_when_full = refuse;

	this->vrrp = redirect_provider_vrrp_create(vips, fifo, instance, interval,
											   cluster);
	if (!this->vrrp)
	{
		config.vips->destroy_offset(config.vips, offsetof(host_t, destroy));
		return FALSE;
	}
	this->director = redirect_provider_director_create(&config, cluster);
	/* the fast path can neither serve a client here nor redirect one in
	 * IKE_AUTH: it takes part only where every client on a VIP goes on */
	if (fast_path && director_only && !auth)
	{
		this->fastpath = redirect_provider_fastpath_create(this->director,
														   cookie_threshold);
		if (!this->fastpath)
		{
			DBG1(DBG_CFG, "redirect-provider: another fast path is active, "
				 "redirecting through charon's IKE_SAs");
		}
	}

	enumerator = vips->create_enumerator(vips);
	while (enumerator->enumerate(enumerator, &vip) && pos < sizeof(buf))
	{
		pos += snprintf(buf + pos, sizeof(buf) - pos, "%s%H", pos ? ", " : "",
						vip);
	}
	enumerator->destroy(enumerator);
	if (this->fastpath)
	{
		if (cookie_threshold)
		{
			snprintf(fast, sizeof(fast), " before charon creates an IKE_SA "
					 "(fast path, cookies above %u requests/s)",
					 cookie_threshold);
		}
		else
		{
			snprintf(fast, sizeof(fast), " before charon creates an IKE_SA "
					 "(fast path, no cookies)");
		}
	}
	DBG1(DBG_CFG, "redirect-provider: redirecting clients on %s in %s%s%s, "
		 "%s when no member can take them%s%s", buf,
		 auth ? "IKE_AUTH" : "IKE_SA_INIT",
		 director_only ? " (director only)" : "", fast,
		 refuse ? "refusing them" : "serving them here",
		 fifo ? ", following keepalived via " : "", fifo ?: "");
	return TRUE;
}

/**
 * Tear down in reverse order.
 */
static void destroy_parts(private_redirect_provider_plugin_t *this)
{
	/* the fast path borrows the director */
	DESTROY_IF(this->fastpath);
	DESTROY_IF(this->director);
	DESTROY_IF(this->vrrp);
	if (this->vips)
	{
		this->vips->destroy_offset(this->vips, offsetof(host_t, destroy));
	}
	this->fastpath = NULL;
	this->director = NULL;
	this->vrrp = NULL;
	this->vips = NULL;
}

/**
 * Register or unregister provider and listener.
 */
static bool plugin_cb(private_redirect_provider_plugin_t *this,
					  plugin_feature_t *feature, bool reg, void *cb_data)
{
	if (reg)
	{
		if (!setup(this))
		{
			DBG1(DBG_CFG, "redirect-provider: disabled, clients are not "
				 "redirected");
			destroy_parts(this);
			return FALSE;
		}
		charon->bus->add_listener(charon->bus, &this->director->listener);
		charon->redirect->add_provider(charon->redirect,
									   &this->director->provider);
		this->cluster->add_stats(this->cluster, print_stats, this);
	}
	else
	{
		this->cluster->remove_stats(this->cluster, print_stats, this);
		charon->redirect->remove_provider(charon->redirect,
										  &this->director->provider);
		charon->bus->remove_listener(charon->bus, &this->director->listener);
		destroy_parts(this);
	}
	return TRUE;
}

METHOD(plugin_t, get_name, char*,
	private_redirect_provider_plugin_t *this)
{
	return "redirect-provider";
}

METHOD(plugin_t, get_features, int,
	private_redirect_provider_plugin_t *this, plugin_feature_t *features[])
{
	static plugin_feature_t f[] = {
		PLUGIN_CALLBACK((plugin_feature_callback_t)plugin_cb, NULL),
			PLUGIN_PROVIDE(CUSTOM, "redirect-provider"),
				PLUGIN_DEPENDS(CUSTOM, "cluster-load"),
	};
	*features = f;
	return countof(f);
}

METHOD(plugin_t, reload, bool,
	private_redirect_provider_plugin_t *this)
{
	uint32_t cookie_threshold;
	bool refuse;

	if (!this->director)
	{
		return FALSE;
	}
	/* what to do when all are full, and the cookie threshold, apply to the
	 * next client; the rest waits for a restart */
	if (!load_runtime_options(&refuse, &cookie_threshold))
	{
		DBG1(DBG_CFG, "redirect-provider: reload ignored, keeping the "
			 "previous when_full and cookie_threshold");
		return FALSE;
	}
	this->director->set_refuse_when_full(this->director, refuse);
	__atomic_store_n(&this->cookie_threshold, cookie_threshold,
					 __ATOMIC_RELAXED);
	if (this->fastpath)
	{
		this->fastpath->set_cookie_threshold(this->fastpath, cookie_threshold);
	}
	DBG1(DBG_CFG, "redirect-provider: reloaded: %s clients no member can "
		 "take, cookies above %u requests/s%s", refuse ? "refusing" :
		 "serving", cookie_threshold, this->fastpath ? "" :
		 " (no fast path in use)");
	plugin_settings_report_restart("redirect-provider", this->loaded,
				(const char*[]){ "when_full", "cookie_threshold", "load", NULL });
	return TRUE;
}

METHOD(plugin_t, destroy, void,
	private_redirect_provider_plugin_t *this)
{
	destroy_parts(this);
	free(this->loaded);
	free(this);
}

/*
 * Described in header
 */
plugin_t *redirect_provider_plugin_create()
{
	private_redirect_provider_plugin_t *this;

	INIT(this,
		.public = {
			.plugin = {
				.get_name = _get_name,
				.get_features = _get_features,
				.reload = _reload,
				.destroy = _destroy,
			},
		},
		.loaded = plugin_settings_snapshot("redirect-provider"),
	);
	return &this->public.plugin;
}
