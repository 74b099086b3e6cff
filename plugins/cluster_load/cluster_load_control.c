/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "cluster_load_control.h"

#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>

#include <daemon.h>

/** longest request line */
#define REQUEST_MAX 256
/** most words of a request */
#define ARGS_MAX 8

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
 * Read one request line; FALSE if the client sent none in time or too long.
 */
static bool read_request(stream_t *stream, char *buf, size_t len)
{
	size_t pos = 0;
	ssize_t got;
	char *nl;

	while (pos < len - 1)
	{
		got = stream->read(stream, buf + pos, len - 1 - pos, TRUE);
		if (got <= 0)
		{
			break;
		}
		pos += got;
		buf[pos] = '\0';
		nl = strchr(buf, '\n');
		if (nl)
		{
			*nl = '\0';
			return TRUE;
		}
	}
	buf[pos] = '\0';
	/* a request without newline at EOF is fine, one that fills the buffer
	 * is not */
	return pos > 0 && pos < len - 1;
}

CALLBACK(on_accept, bool,
	private_cluster_load_control_t *this, stream_t *stream)
{
	char request[REQUEST_MAX], *argv[ARGS_MAX], *pos, *answer = NULL;
	size_t answer_len = 0;
	int argc = 0;
	FILE *out;

	out = open_memstream(&answer, &answer_len);
	if (!out)
	{
		return FALSE;
	}
	if (!read_request(stream, request, sizeof(request)))
	{
		fprintf(out, "error: expected one request line of at most %d "
				"characters\n", REQUEST_MAX - 2);
	}
	else
	{
		for (pos = strtok(request, " \t\r"); pos && argc < ARGS_MAX;
			 pos = strtok(NULL, " \t\r"))
		{
			argv[argc++] = pos;
		}
		if (!argc)
		{
			fprintf(out, "error: empty request\n");
		}
		else if (!this->cb(this->data, argc, argv, out))
		{
			fprintf(out, "error: unknown command '%s'\n", argv[0]);
		}
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
