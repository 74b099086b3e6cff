/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * cluster-ctl: talks to the cluster-load plugin's control socket.
 *
 *   cluster-ctl [--socket PATH] members|stats|drain|undrain
 *
 * Sends the command as one line and prints the answer. Exit codes: 0 on
 * success, 1 if the plugin answered with an error, 2 on wrong usage, 3 if
 * the plugin cannot be reached (charon or the plugin not running).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#ifndef CLUSTER_CTL_SOCKET
#define CLUSTER_CTL_SOCKET "/run/charon.cluster"
#endif

static int usage(FILE *out)
{
	fprintf(out, "usage: cluster-ctl [--socket PATH] COMMAND\n"
			"commands:\n"
			"  members   list the members: state, address, tunnels, "
			"capacity, load, report age\n"
			"  stats     counters: cluster channel, redirects, keepalived\n"
			"  drain     take no new clients on this member (tunnels stay)\n"
			"  undrain   take new clients again\n");
	return out == stderr ? 2 : 0;
}

int main(int argc, char *argv[])
{
	const char *path = CLUSTER_CTL_SOCKET;
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	char request[256], buf[4096];
	size_t len = 0;
	ssize_t got;
	int fd, i, first = 1, error = 0, answered = 0;

	for (i = 1; i < argc; i++)
	{
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
		{
			return usage(stdout);
		}
		if (!strcmp(argv[i], "--socket") || !strcmp(argv[i], "-s"))
		{
			if (++i == argc)
			{
				return usage(stderr);
			}
			path = argv[i];
			continue;
		}
		if (len + strlen(argv[i]) + 2 > sizeof(request))
		{
			fprintf(stderr, "cluster-ctl: command too long\n");
			return 2;
		}
		len += snprintf(request + len, sizeof(request) - len, "%s%s",
						first ? "" : " ", argv[i]);
		first = 0;
	}
	if (!len)
	{
		return usage(stderr);
	}
	request[len++] = '\n';

	if (strlen(path) >= sizeof(addr.sun_path))
	{
		fprintf(stderr, "cluster-ctl: socket path '%s' too long\n", path);
		return 2;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr*)&addr, sizeof(addr)) < 0)
	{
		fprintf(stderr, "cluster-ctl: cannot reach the cluster-load plugin at "
				"%s: %s (is charon running with cluster-load?)\n", path,
				strerror(errno));
		return 3;
	}
	if (write(fd, request, len) != (ssize_t)len)
	{
		fprintf(stderr, "cluster-ctl: sending the request failed: %s\n",
				strerror(errno));
		close(fd);
		return 3;
	}
	while ((got = read(fd, buf, sizeof(buf))) > 0)
	{
		if (!answered && got >= 6 && !strncmp(buf, "error:", 6))
		{
			error = 1;
		}
		answered = 1;
		fwrite(buf, 1, got, error ? stderr : stdout);
	}
	close(fd);
	if (!answered)
	{
		fprintf(stderr, "cluster-ctl: no answer from %s\n", path);
		return 3;
	}
	return error;
}
