/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * cluster-send: sends crafted datagrams to a cluster-load channel, for the
 * scenarios that check what the channel rejects. Test tool, not installed.
 *
 *   cluster-send MODE ADDRESS PORT [SECRET NAME]
 *
 * MODE:
 *   garbage   random bytes of several lengths
 *   forged    a well-formed report of NAME under a wrong key
 *   valid     a valid report of NAME (claims capacity 1000000, 0 tunnels)
 *   replay    the same valid report twice (the second is a replay)
 *   old       a valid report of NAME with a counter of one hour ago
 * SECRET and NAME are needed by all modes but garbage. Prints what it sent.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "cluster_msg.h"

static int sock;
static struct sockaddr_storage dst;
static socklen_t dstlen;

static int send_buf(const uint8_t *buf, size_t len)
{
	if (sendto(sock, buf, len, 0, (struct sockaddr*)&dst, dstlen) !=
		(ssize_t)len)
	{
		perror("cluster-send: sendto");
		return 1;
	}
	return 0;
}

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static size_t make_report(const char *secret, const char *name,
						  uint64_t counter, uint8_t *buf)
{
	cluster_load_report_t r = {
		.counter = counter,
		.interval_ms = 100,
		.capacity = CLUSTER_CAPACITY_MAX,
		.weight = CLUSTER_WEIGHT_MAX,
		.state = CLUSTER_MEMBER_ALIVE,
	};
	uint8_t key[CLUSTER_KEY_LEN];

	snprintf(r.name, sizeof(r.name), "%s", name);
	cluster_addr_from_string("192.0.2.66", &r.redirect_to);
	cluster_msg_derive_key(secret, strlen(secret), key);
	return cluster_msg_encode_load(&r, key, buf, CLUSTER_MSG_MAX);
}

int main(int argc, char *argv[])
{
	uint8_t buf[CLUSTER_MSG_MAX + 64];
	struct sockaddr_in *sin = (struct sockaddr_in*)&dst;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6*)&dst;
	const char *mode, *secret = NULL, *name = NULL;
	size_t len, lens[] = { 0, 1, 3, 39, 40, 100, 300, CLUSTER_MSG_MAX + 10 };
	int port, i, err = 0;

	if (argc != 4 && argc != 6)
	{
		fprintf(stderr, "usage: cluster-send garbage|forged|valid|replay|old "
				"ADDRESS PORT [SECRET NAME]\n");
		return 2;
	}
	mode = argv[1];
	port = atoi(argv[3]);
	if (argc == 6)
	{
		secret = argv[4];
		name = argv[5];
	}
	memset(&dst, 0, sizeof(dst));
	if (inet_pton(AF_INET, argv[2], &sin->sin_addr) == 1)
	{
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		dstlen = sizeof(*sin);
	}
	else if (inet_pton(AF_INET6, argv[2], &sin6->sin6_addr) == 1)
	{
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		dstlen = sizeof(*sin6);
	}
	else
	{
		fprintf(stderr, "cluster-send: invalid address '%s'\n", argv[2]);
		return 2;
	}
	sock = socket(dst.ss_family, SOCK_DGRAM, 0);
	if (sock < 0)
	{
		perror("cluster-send: socket");
		return 1;
	}
	srandom(time(NULL));

	if (!strcmp(mode, "garbage"))
	{
		for (i = 0; i < (int)(sizeof(lens) / sizeof(lens[0])); i++)
		{
			for (len = 0; len < lens[i]; len++)
			{
				buf[len] = random();
			}
			/* some start like a real datagram, to get past the magic */
			if (i % 2 && lens[i] >= 4)
			{
				memcpy(buf, "SCL\x01", 4);
			}
			err |= send_buf(buf, lens[i]);
		}
		printf("sent %zu garbage datagrams\n", sizeof(lens) / sizeof(lens[0]));
		return err;
	}
	if (!secret || !name)
	{
		fprintf(stderr, "cluster-send: mode %s needs SECRET and NAME\n", mode);
		return 2;
	}
	if (!strcmp(mode, "forged"))
	{
		len = make_report("not the cluster secret, guessed", name, now_us(),
						  buf);
		err = !len || send_buf(buf, len);
		printf("sent a forged report of '%s'\n", name);
	}
	else if (!strcmp(mode, "valid") || !strcmp(mode, "replay"))
	{
		len = make_report(secret, name, now_us(), buf);
		err = !len || send_buf(buf, len);
		if (!strcmp(mode, "replay"))
		{
			usleep(100000);
			err |= send_buf(buf, len);
		}
		printf("sent a valid report of '%s'%s\n", name,
			   strcmp(mode, "replay") ? "" : " twice");
	}
	else if (!strcmp(mode, "old"))
	{
		len = make_report(secret, name, now_us() - 3600ULL * 1000000, buf);
		err = !len || send_buf(buf, len);
		printf("sent a report of '%s' from an hour ago\n", name);
	}
	else
	{
		fprintf(stderr, "cluster-send: unknown mode '%s'\n", mode);
		return 2;
	}
	return err;
}
