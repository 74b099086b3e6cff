/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "cluster_load_control.h"
#include "control_request.h"

#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>

#include <daemon.h>

typedef struct private_cluster_load_control_t private_cluster_load_control_t;

struct private_cluster_load_control_t {

	/**
	 * Public interface.
	 */
	cluster_load_control_t public;

	/**
	 * Listening service.
	 */
	stream_service_t *service;

	/**
	 * Socket path.
	 */
	char *path;

	/**
	 * Request handler.
	 */
	cluster_load_control_cb_t cb;
	void *data;
};

/**
 * Read until the client sent one request line (or gave up) and split it.
 */
static control_request_result_t read_request(stream_t *stream, char *buf,
											 size_t size, char **argv,
											 int *argc)
{
	control_request_result_t result;
	size_t len = 0;
	ssize_t got;

	while (TRUE)
	{
		got = stream->read(stream, buf + len, size - 1 - len, TRUE);
		if (got > 0)
		{
			len += got;
		}
		result = control_request_parse(buf, len, size, got <= 0, argv, argc);
		if (result != CONTROL_REQUEST_INCOMPLETE)
		{
			return result;
		}
	}
}

CALLBACK(on_accept, bool,
	private_cluster_load_control_t *this, stream_t *stream)
{
	char request[CONTROL_REQUEST_MAX], *argv[CONTROL_ARGS_MAX];
	char *answer = NULL;
	size_t answer_len = 0;
	int argc = 0;
	FILE *out;

	out = open_memstream(&answer, &answer_len);
	if (!out)
	{
		return FALSE;
	}
	switch (read_request(stream, request, sizeof(request), argv, &argc))
	{
		case CONTROL_REQUEST_OK:
			if (!this->cb(this->data, argc, argv, out))
			{
				fprintf(out, "error: unknown command '%s'\n", argv[0]);
			}
			break;
		case CONTROL_REQUEST_EMPTY:
			fprintf(out, "error: empty request\n");
			break;
		default:
			fprintf(out, "error: expected one request line of at most %d "
					"characters\n", CONTROL_REQUEST_MAX - 2);
			break;
	}
	fclose(out);
	stream->write_all(stream, answer, answer_len);
	free(answer);
	return FALSE;
}

METHOD(cluster_load_control_t, destroy, void,
	private_cluster_load_control_t *this)
{
	DESTROY_IF(this->service);
	unlink(this->path);
	free(this->path);
	free(this);
}

/*
 * Described in header
 */
cluster_load_control_t *cluster_load_control_create(const char *path,
									cluster_load_control_cb_t cb, void *data)
{
	private_cluster_load_control_t *this;
	char uri[256];
	mode_t old;

	INIT(this,
		.public = {
			.destroy = _destroy,
		},
		.path = strdup(path),
		.cb = cb,
		.data = data,
	);
	snprintf(uri, sizeof(uri), "unix://%s", path);
	/* root only: the socket can drain this member */
	old = umask(0077);
	this->service = lib->streams->create_service(lib->streams, uri, 10);
	umask(old);
	if (!this->service)
	{
		DBG1(DBG_CFG, "cluster-load: creating control socket %s failed", path);
		destroy(this);
		return NULL;
	}
	chmod(path, 0600);
	this->service->on_accept(this->service, on_accept, this,
							 JOB_PRIO_MEDIUM, 1);
	return &this->public;
}
