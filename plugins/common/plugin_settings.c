/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "plugin_settings.h"
#include "cluster_secret.h"
#include "settings_diff.h"
#include "settings_value.h"

#include <errno.h>
#include <stdlib.h>

#include <utils/debug.h>

/*
 * Described in header
 */
bool plugin_settings_uint(const char *plugin, const char *key, uint32_t def,
						  uint32_t min, uint32_t max, const char *hint,
						  uint32_t *out)
{
	char *str;

	str = lib->settings->get_str(lib->settings, "%s.plugins.%s.%s", NULL,
								 lib->ns, plugin, key);
	if (!str)
	{
		*out = def;
		return TRUE;
	}
	if (!settings_value_uint(str, min, max, out))
	{
		DBG1(DBG_CFG, "%s: invalid %s '%s', expected an integer from %u to "
			 "%u%s", plugin, key, str, min, max, hint);
		return FALSE;
	}
	return TRUE;
}

/*
 * Described in header
 */
bool plugin_settings_bool(const char *plugin, const char *key, bool def,
						  bool *out)
{
	char *str;

	str = lib->settings->get_str(lib->settings, "%s.plugins.%s.%s", NULL,
								 lib->ns, plugin, key);
	if (!str)
	{
		*out = def;
		return TRUE;
	}
	if (settings_value_bool(str, out))
	{
		return TRUE;
	}
	DBG1(DBG_CFG, "%s: invalid %s '%s', expected yes or no", plugin, key, str);
	return FALSE;
}

/*
 * Described in header
 */
bool plugin_settings_secret(const char *plugin, char *buf, size_t len,
							char **secret)
{
	char *inline_secret, *file, err[512];

	inline_secret = lib->settings->get_str(lib->settings,
						"%s.plugins.cluster-load.secret", NULL, lib->ns);
	file = lib->settings->get_str(lib->settings,
						"%s.plugins.cluster-load.secret_file", NULL, lib->ns);
	*secret = NULL;
	if (inline_secret && file)
	{
		DBG1(DBG_CFG, "%s: both secret and secret_file '%s' are set, set "
			 "only one", plugin, file);
		return FALSE;
	}
	if (!file)
	{
		*secret = inline_secret;
		return TRUE;
	}
	if (!cluster_secret_read(file, buf, len, err, sizeof(err)))
	{
		DBG1(DBG_CFG, "%s: refusing secret_file: %s", plugin, err);
		return FALSE;
	}
	*secret = buf;
	return TRUE;
}

/**
 * Add the key/value lines of a section and of its subsections.
 */
static void snapshot_section(const char *plugin, const char *path,
							 linked_list_t *lines)
{
	enumerator_t *enumerator;
	char *key, *value, *line, sub[256], buf[1024];

	enumerator = lib->settings->create_key_value_enumerator(lib->settings,
							"%s.plugins.%s%s", lib->ns, plugin, path);
	while (enumerator->enumerate(enumerator, &key, &value))
	{
		if (streq(key, "secret"))
		{	/* no copy of the secret: a change still shows */
			snprintf(buf, sizeof(buf), "%s%s%s=hash:%08x",
					 path[0] ? path + 1 : "", path[0] ? "." : "", key,
					 chunk_hash(chunk_from_str(value)));
		}
		else
		{	/* a value longer than buf is compared by its beginning */
			snprintf(buf, sizeof(buf), "%s%s%s=%s", path[0] ? path + 1 : "",
					 path[0] ? "." : "", key, value);
		}
		line = strdup(buf);
		lines->insert_last(lines, line);
	}
	enumerator->destroy(enumerator);

	enumerator = lib->settings->create_section_enumerator(lib->settings,
							"%s.plugins.%s%s", lib->ns, plugin, path);
	while (enumerator->enumerate(enumerator, &key))
	{
		if (snprintf(sub, sizeof(sub), "%s.%s", path, key) < (int)sizeof(sub))
		{
			snapshot_section(plugin, sub, lines);
		}
	}
	enumerator->destroy(enumerator);
}

/*
 * Described in header
 */
char *plugin_settings_snapshot(const char *plugin)
{
	linked_list_t *lines;
	char **sorted, *line, *out;
	size_t len = 1;
	int count, i = 0;

	lines = linked_list_create();
	snapshot_section(plugin, "", lines);
	count = lines->get_count(lines);
	sorted = calloc(count + 1, sizeof(char*));
	while (lines->remove_first(lines, (void**)&line) == SUCCESS)
	{
		sorted[i++] = line;
		len += strlen(line) + 1;
	}
	lines->destroy(lines);
	qsort(sorted, count, sizeof(char*), settings_diff_compare);
	out = malloc(len);
	out[0] = '\0';
	for (i = 0; i < count; i++)
	{
		strcat(out, sorted[i]);
		strcat(out, "\n");
		free(sorted[i]);
	}
	free(sorted);
	return out;
}

/**
 * Context of report_key().
 */
typedef struct {
	const char *plugin;
	const char *const *runtime;
	int waiting;
} report_t;

CALLBACK(report_key, void,
	report_t *this, const char *key)
{
	char *value;

	if (settings_diff_is_runtime(key, this->runtime))
	{
		return;
	}
	this->waiting++;
	value = lib->settings->get_str(lib->settings, "%s.plugins.%s.%s", NULL,
								   lib->ns, this->plugin, key);
	if (streq(key, "secret") || !value)
	{
		DBG1(DBG_CFG, "%s: option '%s' %s; it applies after a restart of "
			 "charon", this->plugin, key, value ? "changed" : "removed");
	}
	else
	{
		DBG1(DBG_CFG, "%s: option '%s' changed to '%s'; it applies after a "
			 "restart of charon", this->plugin, key, value);
	}
}

/*
 * Described in header
 */
int plugin_settings_report_restart(const char *plugin, const char *loaded,
								   const char *const runtime[])
{
	report_t report = {
		.plugin = plugin,
		.runtime = runtime,
	};
	char *now;

	now = plugin_settings_snapshot(plugin);
	settings_diff(loaded, now, report_key, &report);
	free(now);
	return report.waiting;
}
