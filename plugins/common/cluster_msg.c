/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "cluster_msg.h"

#include <string.h>
#include <limits.h>
#include <arpa/inet.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

/** label the channel key is derived with */
#define KEY_LABEL "strongswan-cluster channel key v1"

/** offsets of the fields in the fixed part */
#define OFF_MAGIC		0
#define OFF_VERSION		3
#define OFF_TYPE		4
#define OFF_FLAGS		5
#define OFF_WEIGHT		6
#define OFF_COUNTER		8
#define OFF_INTERVAL	16
#define OFF_IKE_SAS		20
#define OFF_CHILD_SAS	24
#define OFF_HALF_OPEN	28
#define OFF_CAPACITY	32
#define OFF_STATE		36
#define OFF_NAME_LEN	37
#define OFF_ADDR_TYPE	38
#define OFF_ADDR_LEN	39

/** shortest datagram: a one byte name and a one byte address */
#define MSG_MIN_LEN (CLUSTER_MSG_FIXED_LEN + 1 + 1 + CLUSTER_MSG_MAC_LEN)

/** flags this version knows */
#define FLAGS_KNOWN (CLUSTER_FLAG_MASTER)

/** longest label of an FQDN */
#define LABEL_MAX 63

static const uint8_t magic[3] = { 'S', 'C', 'L' };

static const char *result_names[] = {
	"ok",
	"bad-length",
	"bad-magic",
	"bad-version",
	"bad-mac",
	"malformed",
	"bad-type",
};

/*
 * Described in header
 */
const char *cluster_msg_result_name(cluster_msg_result_t result)
{
	if ((unsigned int)result >= CLUSTER_MSG_RESULT_MAX)
	{
		return "unknown";
	}
	return result_names[result];
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, v >> 32);
	put32(p + 4, v);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		   (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

/**
 * HMAC-SHA256 of data under key, FALSE if OpenSSL fails
 */
static bool hmac_sha256(const void *key, size_t key_len, const uint8_t *data,
						size_t len, uint8_t out[CLUSTER_MSG_MAC_LEN])
{
	/* HMAC() refuses a NULL key, an empty secret is still a key */
	static const uint8_t empty = 0;
	uint8_t hashed[CLUSTER_MSG_MAC_LEN];
	unsigned int out_len = 0;
	bool ok;

	if (!key || !key_len)
	{
		key = &empty;
		key_len = 0;
	}
	if (key_len > INT_MAX)
	{
		/* HMAC() takes an int length; hashing a key longer than the block
		 * first is what HMAC itself does, so the result is the same */
		if (!EVP_Digest(key, key_len, hashed, NULL, EVP_sha256(), NULL))
		{
			return false;
		}
		key = hashed;
		key_len = sizeof(hashed);
	}
	ok = HMAC(EVP_sha256(), key, (int)key_len, data, len, out, &out_len) &&
		 out_len == CLUSTER_MSG_MAC_LEN;
	OPENSSL_cleanse(hashed, sizeof(hashed));
	return ok;
}

/*
 * Described in header
 */
void cluster_msg_derive_key(const void *secret, size_t len,
							uint8_t key[CLUSTER_KEY_LEN])
{
	if (!hmac_sha256(secret, len, (const uint8_t*)KEY_LABEL,
					 strlen(KEY_LABEL), key))
	{
		/* there is no way to report the failure; an all-zero key at least
		 * never leaks anything of the secret */
		memset(key, 0, CLUSTER_KEY_LEN);
	}
}

static bool name_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		   (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static bool name_bytes_valid(const uint8_t *name, size_t len)
{
	size_t i;

	if (len < 1 || len > CLUSTER_NAME_MAX)
	{
		return false;
	}
	for (i = 0; i < len; i++)
	{
		if (!name_char(name[i]))
		{
			return false;
		}
	}
	return true;
}

/*
 * Described in header
 */
bool cluster_name_valid(const char *name)
{
	if (!name)
	{
		return false;
	}
	/* never read beyond a name[CLUSTER_NAME_MAX + 1] array */
	return name_bytes_valid((const uint8_t*)name,
							strnlen(name, CLUSTER_NAME_MAX + 1));
}

static bool ldh_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		   (c >= '0' && c <= '9') || c == '-';
}

/**
 * Host name syntax: labels of 1..63 letters, digits and '-', neither
 * starting nor ending with '-', separated by single dots, 1..253 in total,
 * no trailing dot. The last label must not be all digits, so that a
 * mistyped IPv4 literal ("10.1.2", "256.1.1.1") is not taken for a name.
 */
static bool fqdn_valid(const uint8_t *s, size_t len)
{
	size_t i, start = 0;
	bool numeric = true;

	if (len < 1 || len > CLUSTER_ADDR_MAX)
	{
		return false;
	}
	for (i = 0; i < len; i++)
	{
		if (s[i] == '.')
		{
			if (i == start || s[i - 1] == '-')
			{
				return false;
			}
			start = i + 1;
			numeric = true;
			continue;
		}
		if (!ldh_char(s[i]) || (s[i] == '-' && i == start) ||
			i - start >= LABEL_MAX)
		{
			return false;
		}
		if (s[i] < '0' || s[i] > '9')
		{
			numeric = false;
		}
	}
	/* start == len after a trailing dot */
	return start < len && s[len - 1] != '-' && !numeric;
}

/*
 * Described in header
 */
bool cluster_addr_from_string(const char *str, cluster_addr_t *addr)
{
	cluster_addr_t tmp;
	size_t len;

	if (!str)
	{
		return false;
	}
	memset(&tmp, 0, sizeof(tmp));
	if (inet_pton(AF_INET, str, tmp.data) == 1)
	{
		tmp.type = CLUSTER_ADDR_IPV4;
		tmp.len = 4;
	}
	else if (inet_pton(AF_INET6, str, tmp.data) == 1)
	{
		tmp.type = CLUSTER_ADDR_IPV6;
		tmp.len = 16;
	}
	else
	{
		len = strnlen(str, CLUSTER_ADDR_MAX + 1);
		if (!fqdn_valid((const uint8_t*)str, len))
		{
			return false;
		}
		tmp.type = CLUSTER_ADDR_FQDN;
		tmp.len = len;
		memcpy(tmp.data, str, len);
	}
	if (addr)
	{
		*addr = tmp;
	}
	return true;
}

/*
 * Described in header
 */
char *cluster_addr_to_string(const cluster_addr_t *addr, char *buf,
							 size_t len)
{
	char tmp[CLUSTER_ADDR_MAX + 1];
	const char *str = "(invalid)";
	size_t i, n;

	if (!buf || !len)
	{
		return buf;
	}
	if (addr)
	{
		switch (addr->type)
		{
			case CLUSTER_ADDR_IPV4:
				if (addr->len == 4 &&
					inet_ntop(AF_INET, addr->data, tmp, sizeof(tmp)))
				{
					str = tmp;
				}
				break;
			case CLUSTER_ADDR_IPV6:
				if (addr->len == 16 &&
					inet_ntop(AF_INET6, addr->data, tmp, sizeof(tmp)))
				{
					str = tmp;
				}
				break;
			case CLUSTER_ADDR_FQDN:
				if (addr->len >= 1 && addr->len <= CLUSTER_ADDR_MAX)
				{
					/* the bytes end up in logs, keep them printable */
					for (i = 0; i < addr->len; i++)
					{
						tmp[i] = (addr->data[i] >= 0x20 &&
								  addr->data[i] < 0x7f) ? addr->data[i] : '?';
					}
					tmp[addr->len] = '\0';
					str = tmp;
				}
				break;
			default:
				break;
		}
	}
	n = strlen(str);
	if (n >= len)
	{
		n = len - 1;
	}
	memcpy(buf, str, n);
	buf[n] = '\0';
	return buf;
}

static const char *check_addr(const cluster_addr_t *addr)
{
	switch (addr->type)
	{
		case CLUSTER_ADDR_IPV4:
			return addr->len == 4 ? NULL
								  : "invalid IPv4 redirect address length";
		case CLUSTER_ADDR_IPV6:
			return addr->len == 16 ? NULL
								   : "invalid IPv6 redirect address length";
		case CLUSTER_ADDR_FQDN:
			return fqdn_valid(addr->data, addr->len) ? NULL
												: "invalid redirect FQDN";
		default:
			return "invalid redirect address type";
	}
}

/*
 * Described in header
 */
const char *cluster_msg_check_report(const cluster_load_report_t *report)
{
	const char *err;

	if (!report)
	{
		return "missing report";
	}
	if (!cluster_name_valid(report->name))
	{
		return "invalid member name";
	}
	err = check_addr(&report->redirect_to);
	if (err)
	{
		return err;
	}
	if (report->state != CLUSTER_MEMBER_ALIVE &&
		report->state != CLUSTER_MEMBER_DRAINING)
	{
		return "invalid member state";
	}
	if (report->weight < 1 || report->weight > CLUSTER_WEIGHT_MAX)
	{
		return "weight out of range";
	}
	if (report->capacity < 1 || report->capacity > CLUSTER_CAPACITY_MAX)
	{
		return "capacity out of range";
	}
	if (report->flags & ~FLAGS_KNOWN)
	{
		return "unknown flags";
	}
	/* 0 would make the member dead at once, a huge one never */
	if (report->interval_ms < CLUSTER_INTERVAL_MIN ||
		report->interval_ms > CLUSTER_INTERVAL_MAX)
	{
		return "interval out of range";
	}
	return NULL;
}

/*
 * Described in header
 */
size_t cluster_msg_encode_load(const cluster_load_report_t *report,
							   const uint8_t key[CLUSTER_KEY_LEN],
							   uint8_t *buf, size_t len)
{
	size_t name_len, addr_len, body;

	if (!report || !key || !buf || cluster_msg_check_report(report))
	{
		return 0;
	}
	/* the check guarantees a terminated name of 1..CLUSTER_NAME_MAX */
	name_len = strlen(report->name);
	addr_len = report->redirect_to.len;
	body = CLUSTER_MSG_FIXED_LEN + name_len + addr_len;
	if (len < body + CLUSTER_MSG_MAC_LEN)
	{
		return 0;
	}
	memcpy(buf + OFF_MAGIC, magic, sizeof(magic));
	buf[OFF_VERSION] = CLUSTER_MSG_VERSION;
	buf[OFF_TYPE] = CLUSTER_MSG_LOAD;
	buf[OFF_FLAGS] = report->flags;
	put16(buf + OFF_WEIGHT, report->weight);
	put64(buf + OFF_COUNTER, report->counter);
	put32(buf + OFF_INTERVAL, report->interval_ms);
	put32(buf + OFF_IKE_SAS, report->ike_sas);
	put32(buf + OFF_CHILD_SAS, report->child_sas);
	put32(buf + OFF_HALF_OPEN, report->half_open);
	put32(buf + OFF_CAPACITY, report->capacity);
	buf[OFF_STATE] = report->state;
	buf[OFF_NAME_LEN] = name_len;
	buf[OFF_ADDR_TYPE] = report->redirect_to.type;
	buf[OFF_ADDR_LEN] = addr_len;
	memcpy(buf + CLUSTER_MSG_FIXED_LEN, report->name, name_len);
	memcpy(buf + CLUSTER_MSG_FIXED_LEN + name_len, report->redirect_to.data,
		   addr_len);
	if (!hmac_sha256(key, CLUSTER_KEY_LEN, buf, body, buf + body))
	{
		/* never leave an unauthenticated datagram that looks complete */
		memset(buf, 0, body + CLUSTER_MSG_MAC_LEN);
		return 0;
	}
	return body + CLUSTER_MSG_MAC_LEN;
}

/*
 * Described in header
 */
cluster_msg_result_t cluster_msg_decode(const uint8_t *buf, size_t len,
										const uint8_t key[CLUSTER_KEY_LEN],
										cluster_load_report_t *report)
{
	cluster_load_report_t tmp;
	uint8_t mac[CLUSTER_MSG_MAC_LEN];
	size_t body, name_len, addr_len;

	if (!buf || len < MSG_MIN_LEN || len > CLUSTER_MSG_MAX)
	{
		return CLUSTER_MSG_BAD_LENGTH;
	}
	if (memcmp(buf + OFF_MAGIC, magic, sizeof(magic)) != 0)
	{
		return CLUSTER_MSG_BAD_MAGIC;
	}
	if (buf[OFF_VERSION] != CLUSTER_MSG_VERSION)
	{
		return CLUSTER_MSG_BAD_VERSION;
	}
	/* nothing but the MAC follows the body, so its position derives from
	 * the length alone; the fields are not trusted before it verifies */
	body = len - CLUSTER_MSG_MAC_LEN;
	if (!key || !hmac_sha256(key, CLUSTER_KEY_LEN, buf, body, mac) ||
		CRYPTO_memcmp(mac, buf + body, CLUSTER_MSG_MAC_LEN) != 0)
	{
		return CLUSTER_MSG_BAD_MAC;
	}
	/* other types may have another layout, so check the type first */
	if (buf[OFF_TYPE] != CLUSTER_MSG_LOAD)
	{
		return CLUSTER_MSG_BAD_TYPE;
	}
	name_len = buf[OFF_NAME_LEN];
	addr_len = buf[OFF_ADDR_LEN];
	if (CLUSTER_MSG_FIXED_LEN + name_len + addr_len != body ||
		!name_bytes_valid(buf + CLUSTER_MSG_FIXED_LEN, name_len) ||
		addr_len > CLUSTER_ADDR_MAX)
	{
		return CLUSTER_MSG_MALFORMED;
	}

	memset(&tmp, 0, sizeof(tmp));
	memcpy(tmp.name, buf + CLUSTER_MSG_FIXED_LEN, name_len);
	tmp.flags = buf[OFF_FLAGS];
	tmp.weight = get16(buf + OFF_WEIGHT);
	tmp.counter = get64(buf + OFF_COUNTER);
	tmp.interval_ms = get32(buf + OFF_INTERVAL);
	tmp.ike_sas = get32(buf + OFF_IKE_SAS);
	tmp.child_sas = get32(buf + OFF_CHILD_SAS);
	tmp.half_open = get32(buf + OFF_HALF_OPEN);
	tmp.capacity = get32(buf + OFF_CAPACITY);
	tmp.state = buf[OFF_STATE];
	tmp.redirect_to.type = buf[OFF_ADDR_TYPE];
	tmp.redirect_to.len = addr_len;
	memcpy(tmp.redirect_to.data, buf + CLUSTER_MSG_FIXED_LEN + name_len,
		   addr_len);

	/* the same rules as for encoding: whatever decodes also encodes */
	if (cluster_msg_check_report(&tmp))
	{
		return CLUSTER_MSG_MALFORMED;
	}
	if (report)
	{
		*report = tmp;
	}
	return CLUSTER_MSG_OK;
}
