/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_secret cluster_secret
 * @{ @ingroup common
 *
 * The cluster secret read from a file of its own, which is refused unless
 * only its owner (root or the daemon's user) can read it. Pure code,
 * unit-tested.
 */

#ifndef CLUSTER_SECRET_H_
#define CLUSTER_SECRET_H_

#include <stdbool.h>
#include <stddef.h>

/** largest secret file line read, with its NUL */
#define CLUSTER_SECRET_FILE_MAX 1024

/**
 * Read the secret from path: a regular file (not a symlink), owned by root
 * or this process's effective user, without any permission for group or
 * others; its first line, without trailing whitespace, is the secret.
 *
 * @param path		the file
 * @param buf		receives the secret, NUL-terminated
 * @param len		size of buf
 * @param err		receives why the file was refused, naming the value
 * @param errlen	size of err
 * @return			FALSE if refused
 */
bool cluster_secret_read(const char *path, char *buf, size_t len, char *err,
						 size_t errlen);

#endif /** CLUSTER_SECRET_H_ @}*/
