/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * libFuzzer harness for the cluster channel's codec and the member table.
 *
 * The first input byte picks the mode:
 *   even: the rest is a datagram as received (length, magic, version, MAC
 *         checks; almost nothing passes the MAC)
 *   odd:  the rest is a datagram body; the harness appends the right MAC,
 *         so the fields behind the MAC are parsed; an accepted report is
 *         applied to a member table, selected from, and must encode back
 *         to the same bytes
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "cluster_msg.h"
#include "cluster_table.h"

static uint8_t key[CLUSTER_KEY_LEN];
static cluster_table_t *table;

static void init(void)
{
	static const char secret[] = "fuzzing secret, not for production";
	const char *names[] = { "moon", "sun", "mars", "a", "b" };
	int i;

	cluster_msg_derive_key(secret, strlen(secret), key);
	table = cluster_table_create(NULL);
	for (i = 0; i < 5; i++)
	{
		table->add_member(table, names[i], i == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t buf[CLUSTER_MSG_MAX + 64], again[CLUSTER_MSG_MAX];
	cluster_load_report_t report;
	cluster_member_info_t info;
	static uint64_t now;
	unsigned int maclen;
	size_t len;

	if (!table)
	{
		init();
	}
	if (size < 1)
	{
		return 0;
	}
	if (!(data[0] & 1))
	{
		cluster_msg_decode(data + 1, size - 1, key, &report);
		return 0;
	}
	len = size - 1;
	if (len > sizeof(buf) - CLUSTER_MSG_MAC_LEN)
	{
		return 0;
	}
	memcpy(buf, data + 1, len);
	HMAC(EVP_sha256(), key, sizeof(key), buf, len, buf + len, &maclen);
	len += maclen;
	if (cluster_msg_decode(buf, len, key, &report) != CLUSTER_MSG_OK)
	{
		return 0;
	}
	/* what was accepted encodes back to the same bytes */
	if (cluster_msg_encode_load(&report, key, again, sizeof(again)) != len ||
		memcmp(again, buf, len))
	{
		abort();
	}
	now += 7;
	table->update(table, &report, now, report.counter);
	table->select(table, now, false, &info);
	table->select(table, now, true, &info);
	return 0;
}
