/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup settings_diff settings_diff
 * @{ @ingroup common
 *
 * Which options of a plugin changed between two snapshots of its
 * strongswan.conf section (swanctl --reload-settings), and which of them
 * a plugin cannot apply while charon runs. Pure code, unit-tested.
 *
 * A snapshot is a string of "key=value\n" lines sorted by key, keys
 * relative to the plugin's section ("members.sun", "keepalived.fifo").
 */

#ifndef SETTINGS_DIFF_H_
#define SETTINGS_DIFF_H_

#include <stdbool.h>
#include <stddef.h>

/**
 * Called for each key that was added, removed or changed.
 *
 * @param data		argument given to settings_diff()
 * @param key		the key (NUL-terminated, valid during the call)
 */
typedef void (*settings_diff_cb_t)(void *data, const char *key);

/**
 * Compare two snapshots.
 *
 * @param old		snapshot at load time
 * @param new		snapshot now
 * @param cb		called for every key that differs, in key order
 * @param data		argument to cb
 * @return			number of keys that differ
 */
int settings_diff(const char *old, const char *new, settings_diff_cb_t cb,
				  void *data);

/**
 * Order of the lines of a snapshot: by key, a key before the keys it is
 * the beginning of ("port" before "port2"). For qsort() on char*.
 */
int settings_diff_compare(const void *a, const void *b);

/**
 * Whether a key is one of a list of keys a plugin applies at runtime; an
 * entry ending in '.' matches every key below it ("members.").
 *
 * @param key		the key
 * @param runtime	NULL-terminated list
 */
bool settings_diff_is_runtime(const char *key, const char *const runtime[]);

#endif /** SETTINGS_DIFF_H_ @}*/
