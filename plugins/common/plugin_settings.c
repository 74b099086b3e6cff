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
	unsigned long long value;
	char *str, *end;

	str = lib->settings->get_str(lib->settings, "%s.plugins.%s.%s", NULL,
								 lib->ns, plugin, key);
	if (!str)
	{
		*out = def;
		return TRUE;
	}
	errno = 0;
	value = strtoull(str, &end, 10);
	if (!*str || *end || errno || *str == '-' || value < min || value > max)
	{
		DBG1(DBG_CFG, "%s: invalid %s '%s', expected an integer from %u to "
			 "%u%s", plugin, key, str, min, max, hint);
		return FALSE;
	}
	*out = value;
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
	if (strcaseeq(str, "yes") || strcaseeq(str, "true") ||
		strcaseeq(str, "enabled") || streq(str, "1"))
	{
		*out = TRUE;
		return TRUE;
	}
	if (strcaseeq(str, "no") || strcaseeq(str, "false") ||
		strcaseeq(str, "disabled") || streq(str, "0"))
	{
		*out = FALSE;
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
