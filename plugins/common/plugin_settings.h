/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup plugin_settings plugin_settings
 * @{ @ingroup common
 *
 * Strict reading of the suite's options from strongswan.conf: a value that
 * does not parse or is out of range is an error that names the option and
 * the value, never silently the default. Charon glue (uses lib->settings),
 * compiled into each plugin that needs it.
 */

#ifndef PLUGIN_SETTINGS_H_
#define PLUGIN_SETTINGS_H_

#include <library.h>

/**
 * Read charon.plugins.<plugin>.<key> as an unsigned integer.
 *
 * @param plugin	plugin name, e.g. "cluster-load"
 * @param key		option below the plugin's section
 * @param def		value if the option is not set
 * @param min		smallest valid value
 * @param max		largest valid value
 * @param hint		appended to the error, "" for none
 * @param out		receives the value
 * @return			FALSE (and logged) if the value is invalid
 */
bool plugin_settings_uint(const char *plugin, const char *key, uint32_t def,
						  uint32_t min, uint32_t max, const char *hint,
						  uint32_t *out);

/**
 * Read charon.plugins.<plugin>.<key> as yes/no (also true/false,
 * enabled/disabled, 1/0).
 *
 * @return			FALSE (and logged) if the value is invalid
 */
bool plugin_settings_bool(const char *plugin, const char *key, bool def,
						  bool *out);

/**
 * The cluster secret: charon.plugins.cluster-load.secret, or the first line
 * of the file charon.plugins.cluster-load.secret_file, which is refused if
 * anyone but its owner (root) can access it. Never logs the secret.
 *
 * @param plugin	plugin name for log lines
 * @param buf		holds a secret read from the file
 * @param len		size of buf
 * @param secret	the secret (in buf or the settings), NULL if none is
 *					configured
 * @return			FALSE (and logged) if both are set or the file is
 *					refused
 */
bool plugin_settings_secret(const char *plugin, char *buf, size_t len,
							char **secret);

/**
 * A snapshot of a plugin's section of strongswan.conf, for
 * settings_diff(): sorted "key=value" lines. Values of keys named
 * "secret" are kept as a keyed hash only.
 *
 * @param plugin	plugin name (section charon.plugins.<plugin>)
 * @return			snapshot, to be freed with free()
 */
char *plugin_settings_snapshot(const char *plugin);

/**
 * After swanctl --reload-settings: log every option of the plugin that
 * changed since the load-time snapshot and that the plugin does not apply
 * while charon runs ("applies after a restart of charon").
 *
 * @param plugin	plugin name
 * @param loaded	snapshot taken when the plugin was set up
 * @param runtime	NULL-terminated keys the plugin applies at runtime
 *					(see settings_diff_is_runtime())
 * @return			number of options that wait for a restart
 */
int plugin_settings_report_restart(const char *plugin, const char *loaded,
								   const char *const runtime[]);

#endif /** PLUGIN_SETTINGS_H_ @}*/
