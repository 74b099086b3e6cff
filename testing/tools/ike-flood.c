/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * ike-flood DST PREFIX/LEN RATE SECONDS: sends IKE_SA_INIT requests to
 * DST port 500 from random source addresses in PREFIX (spoofed, through a
 * raw socket), RATE per second for SECONDS, each with a random SPI, key
 * exchange and nonce and N(REDIRECT_SUPPORTED), as a real client's first
 * request looks. Prints "sent N". Needs CAP_NET_RAW. Test tool of the
 * scenarios; never for use against networks one does not own.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/** IKE_SA_INIT: header, SA (AES-CBC-128, SHA256, SHA256-128, curve25519),
 * KE, Ni, N(REDIRECT_SUPPORTED) */
#define IKE_LEN (28 + 48 + 40 + 36 + 8)
#define PACKET_LEN (20 + 8 + IKE_LEN)

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

/**
 * The IKE part, with fresh SPI, key exchange and nonce.
 */
static void build_ike(uint8_t *p, const uint8_t *random32x3)
{
	uint8_t *sa, *t;

	memset(p, 0, IKE_LEN);
	memcpy(p, random32x3, 8);			/* SPIi, SPIr 0 */
	p[16] = 33;							/* next: SA */
	p[17] = 0x20;						/* IKEv2 */
	p[18] = 34;							/* IKE_SA_INIT */
	p[19] = 0x08;						/* initiator */
	put32(p + 24, IKE_LEN);

	sa = p + 28;
	sa[0] = 34;							/* next: KE */
	put16(sa + 2, 48);
	sa[4] = 0;							/* last proposal */
	put16(sa + 6, 44);
	sa[8] = 1;							/* proposal 1 */
	sa[9] = 1;							/* IKE */
	sa[11] = 4;							/* transforms */
	t = sa + 12;
	t[0] = 3; put16(t + 2, 12); t[4] = 1; put16(t + 6, 12);
	put16(t + 8, 0x800e); put16(t + 10, 128);	/* AES-CBC, 128 bit */
	t += 12;
	t[0] = 3; put16(t + 2, 8); t[4] = 2; put16(t + 6, 5);	/* PRF SHA256 */
	t += 8;
	t[0] = 3; put16(t + 2, 8); t[4] = 3; put16(t + 6, 12);	/* SHA256-128 */
	t += 8;
	t[0] = 0; put16(t + 2, 8); t[4] = 4; put16(t + 6, 31);	/* curve25519 */

	t = sa + 48;						/* KE */
	t[0] = 40;
	put16(t + 2, 40);
	put16(t + 4, 31);
	memcpy(t + 8, random32x3 + 32, 32);

	t += 40;							/* Ni */
	t[0] = 41;
	put16(t + 2, 36);
	memcpy(t + 4, random32x3 + 64, 32);

	t += 36;							/* N(REDIRECT_SUPPORTED) */
	put16(t + 2, 8);
	put16(t + 6, 16406);
}

int main(int argc, char *argv[])
{
	uint8_t packet[PACKET_LEN], rnd[96];
	struct sockaddr_in dst = { .sin_family = AF_INET };
	struct in_addr prefix;
	struct timespec start, now;
	unsigned long rate, seconds, sent = 0, due, len;
	uint32_t mask, host;
	char *slash;
	int fd;

	if (argc != 5 || !(slash = strchr(argv[2], '/')) ||
		inet_pton(AF_INET, argv[1], &dst.sin_addr) != 1)
	{
		fprintf(stderr, "usage: ike-flood DST PREFIX/LEN RATE SECONDS\n");
		return 2;
	}
	*slash = '\0';
	len = strtoul(slash + 1, NULL, 10);
	rate = strtoul(argv[3], NULL, 10);
	seconds = strtoul(argv[4], NULL, 10);
	if (inet_pton(AF_INET, argv[2], &prefix) != 1 || len < 8 || len > 30 ||
		!rate || !seconds)
	{
		fprintf(stderr, "ike-flood: invalid prefix, rate or duration\n");
		return 2;
	}
	mask = len ? ~0u << (32 - len) : 0;
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
	{
		fprintf(stderr, "ike-flood: raw socket: %s\n", strerror(errno));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (1)
	{
		clock_gettime(CLOCK_MONOTONIC, &now);
		double elapsed = (now.tv_sec - start.tv_sec) +
						 (now.tv_nsec - start.tv_nsec) / 1e9;
		if (elapsed >= seconds)
		{
			break;
		}
		due = (unsigned long)(elapsed * rate);
		while (sent < due)
		{
			struct iphdr *ip = (struct iphdr*)packet;
			struct udphdr *udp = (struct udphdr*)(packet + 20);

			if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
			{
				fprintf(stderr, "ike-flood: getrandom failed\n");
				return 1;
			}
			memcpy(&host, rnd + 92, 4);
			host = (ntohl(prefix.s_addr) & mask) | (host & ~mask);
			if ((host & ~mask) == 0 || (host & ~mask) == ~mask)
			{	/* not the network or broadcast address */
				host ^= 1;
			}
			memset(packet, 0, 28);
			ip->version = 4;
			ip->ihl = 5;
			ip->ttl = 64;
			ip->protocol = IPPROTO_UDP;
			ip->tot_len = htons(PACKET_LEN);
			ip->saddr = htonl(host);
			ip->daddr = dst.sin_addr.s_addr;
			udp->source = htons(500);
			udp->dest = htons(500);
			udp->len = htons(8 + IKE_LEN);
			/* checksum 0: none, allowed for UDP over IPv4 */
			build_ike(packet + 28, rnd);
			if (sendto(fd, packet, sizeof(packet), 0,
					   (struct sockaddr*)&dst, sizeof(dst)) < 0 &&
				errno != ENOBUFS)
			{
				fprintf(stderr, "ike-flood: sendto: %s\n", strerror(errno));
				return 1;
			}
			sent++;
		}
		usleep(1000);
	}
	close(fd);
	printf("sent %lu\n", sent);
	return 0;
}
