/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * cluster-ctl: talks to the cluster plugins through cluster-load's
 * root-only control socket. See cluster-ctl(8).
 *
 * Exit codes: 0 on success, 1 if the plugin answered with an error or an
 * answer could not be read, 2 on wrong usage, 3 if the plugin cannot be
 * reached (charon or cluster-load not running).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "ctl_format.h"

#ifndef CLUSTER_CTL_SOCKET
#define CLUSTER_CTL_SOCKET "/run/charon.cluster"
#endif

/** exit codes */
enum {
	EXIT_OK = 0,
	EXIT_ANSWER = 1,
	EXIT_USAGE = 2,
	EXIT_UNREACHABLE = 3,
};

static int usage(FILE *out)
{
	fprintf(out,
"usage: cluster-ctl [--socket PATH] [--json] COMMAND\n"
"commands (also as --COMMAND, like swanctl):\n"
"  members   the members: state, address, tunnels, capacity, load, report age\n"
"  status    this member: name, role, VIPs, keepalived's state, backup\n"
"  stats     counters: cluster channel, redirects, routes, SA sync\n"
"  records   SA records this member keeps for others (ha-sync)\n"
"  metrics   members and counters in Prometheus' text format\n"
"            (--out FILE writes FILE atomically, for a textfile collector)\n"
"  drain     take no new clients on this member (tunnels stay)\n"
"  undrain   take new clients again\n"
"options:\n"
"  -s, --socket PATH  control socket (default " CLUSTER_CTL_SOCKET ")\n"
"  -j, --json         JSON instead of tables (members, status, stats)\n"
"  -o, --out FILE     metrics: write to FILE instead of stdout\n"
"  -h, --help         this help\n");
	return out == stderr ? EXIT_USAGE : EXIT_OK;
}

/**
 * Send one request and read the whole answer into *answer (NUL-terminated,
 * to be freed).
 */
static int ask(const char *path, const char *request, char **answer)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	size_t len = 0, size = 4096;
	char *buf, *grown;
	ssize_t got;
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path))
	{
		fprintf(stderr, "cluster-ctl: socket path '%s' too long\n", path);
		return EXIT_USAGE;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr*)&addr, sizeof(addr)) < 0)
	{
		fprintf(stderr, "cluster-ctl: cannot reach the cluster-load plugin at "
				"%s: %s (is charon running with cluster-load?)\n", path,
				strerror(errno));
		if (fd >= 0)
		{
			close(fd);
		}
		return EXIT_UNREACHABLE;
	}
	if (write(fd, request, strlen(request)) != (ssize_t)strlen(request) ||
		write(fd, "\n", 1) != 1)
	{
		fprintf(stderr, "cluster-ctl: sending the request failed: %s\n",
				strerror(errno));
		close(fd);
		return EXIT_UNREACHABLE;
	}
	buf = malloc(size);
	while (buf)
	{
		if (len + 1 == size)
		{
			grown = realloc(buf, size * 2);
			if (!grown)
			{
				break;
			}
			buf = grown;
			size *= 2;
		}
		got = read(fd, buf + len, size - 1 - len);
		if (got <= 0)
		{
			buf[len] = '\0';
			close(fd);
			if (got < 0)
			{
				fprintf(stderr, "cluster-ctl: reading the answer from %s "
						"failed: %s\n", path, strerror(errno));
				free(buf);
				return EXIT_UNREACHABLE;
			}
			/* an empty answer is one: "records" with nothing kept */
			*answer = buf;
			if (!strncmp(buf, "error:", 6))
			{
				fputs(buf, stderr);
				return EXIT_ANSWER;
			}
			return EXIT_OK;
		}
		len += got;
	}
	fprintf(stderr, "cluster-ctl: out of memory reading the answer\n");
	free(buf);
	close(fd);
	return EXIT_ANSWER;
}

/**
 * Write the metrics to a file: a temporary file renamed over it, so that
 * a collector never reads half of it.
 */
static int write_metrics(const char *file, const char *members,
						 const char *stats)
{
	char tmp[4096];
	FILE *out;
	bool ok;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", file, getpid()) >=
			(int)sizeof(tmp))
	{
		fprintf(stderr, "cluster-ctl: file name '%s' too long\n", file);
		return EXIT_USAGE;
	}
	out = fopen(tmp, "w");
	if (!out)
	{
		fprintf(stderr, "cluster-ctl: cannot write '%s': %s\n", tmp,
				strerror(errno));
		return EXIT_ANSWER;
	}
	ok = ctl_format_metrics(members, stats, out);
	if (fclose(out) != 0 || !ok || rename(tmp, file) != 0)
	{
		fprintf(stderr, "cluster-ctl: %s '%s'\n", ok ? "cannot write" :
				"unexpected answer from the plugin, not writing", file);
		unlink(tmp);
		return EXIT_ANSWER;
	}
	return EXIT_OK;
}

int main(int argc, char *argv[])
{
	static const char *commands[] = {
		"members", "status", "stats", "records", "metrics", "drain",
		"undrain",
	};
	const char *path = CLUSTER_CTL_SOCKET, *command = NULL, *file = NULL;
	ctl_format_t format = CTL_FORMAT_TEXT;
	char *answer = NULL, *stats = NULL;
	size_t c;
	int i, rc;
	bool ok;

	for (i = 1; i < argc; i++)
	{
		const char *arg = argv[i], *word = arg;

		if (!strcmp(arg, "--help") || !strcmp(arg, "-h"))
		{
			return usage(stdout);
		}
		if (!strcmp(arg, "--socket") || !strcmp(arg, "-s"))
		{
			if (++i == argc)
			{
				return usage(stderr);
			}
			path = argv[i];
			continue;
		}
		if (!strcmp(arg, "--out") || !strcmp(arg, "-o"))
		{
			if (++i == argc)
			{
				return usage(stderr);
			}
			file = argv[i];
			continue;
		}
		if (!strcmp(arg, "--json") || !strcmp(arg, "-j"))
		{
			format = CTL_FORMAT_JSON;
			continue;
		}
		if (!strncmp(arg, "--", 2))
		{
			word = arg + 2;
		}
		for (c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		{
			if (!strcmp(word, commands[c]))
			{
				break;
			}
		}
		if (c == sizeof(commands) / sizeof(commands[0]) || command)
		{
			fprintf(stderr, "cluster-ctl: %s '%s'\n", command ?
					"one command at a time, not also" : "unknown command",
					arg);
			return usage(stderr);
		}
		command = commands[c];
	}
	if (!command)
	{
		return usage(stderr);
	}
	if (file && strcmp(command, "metrics"))
	{
		fprintf(stderr, "cluster-ctl: --out is for metrics only\n");
		return EXIT_USAGE;
	}

	if (!strcmp(command, "metrics"))
	{
		rc = ask(path, "members", &answer);
		if (rc == EXIT_OK)
		{
			rc = ask(path, "stats", &stats);
		}
		if (rc == EXIT_OK && file)
		{
			rc = write_metrics(file, answer, stats);
		}
		else if (rc == EXIT_OK && !ctl_format_metrics(answer, stats, stdout))
		{
			fprintf(stderr, "cluster-ctl: unexpected answer from the plugin\n");
			rc = EXIT_ANSWER;
		}
		free(answer);
		free(stats);
		return rc;
	}

	rc = ask(path, command, &answer);
	if (rc != EXIT_OK)
	{
		free(answer);
		return rc;
	}
	if (!strcmp(command, "members"))
	{
		ok = ctl_format_members(answer, format, stdout);
	}
	else if (!strcmp(command, "status") ||
			 (!strcmp(command, "stats") && format == CTL_FORMAT_JSON))
	{
		ok = ctl_format_values(answer, format, stdout);
	}
	else
	{	/* stats as a table, records, drain, undrain: the plugin's lines
		 * as they are ("name value", which scripts read with awk) */
		ok = fputs(answer, stdout) >= 0;
	}
	if (!ok)
	{
		fprintf(stderr, "cluster-ctl: unexpected answer from the plugin:\n%s",
				answer);
		rc = EXIT_ANSWER;
	}
	free(answer);
	return rc;
}
