/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_load_control cluster_load_control
 * @{ @ingroup cluster_load
 */

#ifndef CLUSTER_LOAD_CONTROL_H_
#define CLUSTER_LOAD_CONTROL_H_

#include <stdio.h>
#include <stdbool.h>

typedef struct cluster_load_control_t cluster_load_control_t;

/**
 * Handles one request line; writes the answer to out.
 *
 * @param data		handler's data
 * @param argc		number of words of the request (>= 1)
 * @param argv		words of the request, argv[0] the command
 * @param out		answer; a failed request writes "error: ..." first
 * @return			TRUE if the request was handled
 */
typedef bool (*cluster_load_control_cb_t)(void *data, int argc, char *argv[],
										  FILE *out);

/**
 * Root-only local control socket: one request line ("members", "stats",
 * "drain" ...), one answer, then the connection closes. The tool
 * cluster-ctl speaks it.
 */
struct cluster_load_control_t {

	/**
	 * Destroy a cluster_load_control_t.
	 */
	void (*destroy)(cluster_load_control_t *this);
};

/**
 * Create the control socket.
 *
 * @param path		socket path
 * @param cb		request handler
 * @param data		handler's data
 * @return			control socket, NULL on failure
 */
cluster_load_control_t *cluster_load_control_create(const char *path,
									cluster_load_control_cb_t cb, void *data);

#endif /** CLUSTER_LOAD_CONTROL_H_ @}*/
