/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "unit_tests.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cluster_msg.h>

#define SECRET "0123456789abcdef"

/** HMAC-SHA256(SECRET, "strongswan-cluster channel key v1") */
static const uint8_t secret_key[CLUSTER_KEY_LEN] = {
	0x80, 0x51, 0xcd, 0xa9, 0xd3, 0x2d, 0x58, 0xb2,
	0x36, 0xd5, 0xad, 0x7b, 0xb4, 0x82, 0x9c, 0xda,
	0x09, 0xd1, 0x77, 0x6c, 0x19, 0xa6, 0xcb, 0xa5,
	0x12, 0xbb, 0xaa, 0x7b, 0x86, 0x46, 0x2f, 0x78,
};

static uint8_t key[CLUSTER_KEY_LEN];

static void setup(void)
{
	cluster_msg_derive_key(SECRET, strlen(SECRET), key);
}

/**
 * A valid report redirecting to addr
 */
static cluster_load_report_t make_report(const char *addr)
{
	cluster_load_report_t r;

	memset(&r, 0, sizeof(r));
	strcpy(r.name, "gw-1.example_a");
	r.counter = 0x0102030405060708ULL;
	r.interval_ms = 1000;
	ck_assert(cluster_addr_from_string(addr, &r.redirect_to));
	r.ike_sas = 0x11223344;
	r.child_sas = 0x55667788;
	r.half_open = 7;
	r.capacity = CLUSTER_CAPACITY_MAX;
	r.weight = 300;
	r.state = CLUSTER_MEMBER_DRAINING;
	r.flags = CLUSTER_FLAG_MASTER;
	return r;
}

/**
 * Encode a valid report to buf, returning its length
 */
static size_t make_datagram(uint8_t *buf, const char *addr)
{
	cluster_load_report_t r = make_report(addr);
	size_t len;

	len = cluster_msg_encode_load(&r, key, buf, CLUSTER_MSG_MAX);
	ck_assert_uint_gt(len, 0);
	return len;
}

/**
 * Recompute the MAC of a patched datagram
 */
static void remac(uint8_t *buf, size_t len)
{
	unsigned int mac_len = 0;

	ck_assert(HMAC(EVP_sha256(), key, CLUSTER_KEY_LEN, buf,
				   len - CLUSTER_MSG_MAC_LEN, buf + len - CLUSTER_MSG_MAC_LEN,
				   &mac_len));
	ck_assert_uint_eq(mac_len, CLUSTER_MSG_MAC_LEN);
}

static void assert_reports_equal(const cluster_load_report_t *a,
								 const cluster_load_report_t *b)
{
	ck_assert_str_eq(a->name, b->name);
	ck_assert_uint_eq(a->counter, b->counter);
	ck_assert_uint_eq(a->interval_ms, b->interval_ms);
	ck_assert_uint_eq(a->redirect_to.type, b->redirect_to.type);
	ck_assert_uint_eq(a->redirect_to.len, b->redirect_to.len);
	ck_assert_mem_eq(a->redirect_to.data, b->redirect_to.data,
					 a->redirect_to.len);
	ck_assert_uint_eq(a->ike_sas, b->ike_sas);
	ck_assert_uint_eq(a->child_sas, b->child_sas);
	ck_assert_uint_eq(a->half_open, b->half_open);
	ck_assert_uint_eq(a->capacity, b->capacity);
	ck_assert_uint_eq(a->weight, b->weight);
	ck_assert_uint_eq(a->state, b->state);
	ck_assert_uint_eq(a->flags, b->flags);
}

/*******************************************************************************
 * key derivation
 */

START_TEST(test_derive_key_vector)
{
	uint8_t k[CLUSTER_KEY_LEN];

	cluster_msg_derive_key(SECRET, strlen(SECRET), k);
	ck_assert_mem_eq(k, secret_key, CLUSTER_KEY_LEN);
}
END_TEST

START_TEST(test_derive_key_deterministic)
{
	uint8_t a[CLUSTER_KEY_LEN], b[CLUSTER_KEY_LEN], c[CLUSTER_KEY_LEN];
	uint8_t d[CLUSTER_KEY_LEN];
	char secret[] = SECRET;

	cluster_msg_derive_key(secret, strlen(secret), a);
	cluster_msg_derive_key(secret, strlen(secret), b);
	ck_assert_mem_eq(a, b, CLUSTER_KEY_LEN);

	secret[15] ^= 1;
	cluster_msg_derive_key(secret, strlen(secret), c);
	ck_assert(memcmp(a, c, CLUSTER_KEY_LEN) != 0);

	/* the whole secret counts, not a prefix */
	cluster_msg_derive_key(SECRET "x", strlen(SECRET) + 1, d);
	ck_assert(memcmp(a, d, CLUSTER_KEY_LEN) != 0);
}
END_TEST

START_TEST(test_derive_key_long_and_empty)
{
	/* HMAC(key = "x" * 100, label) and HMAC(key = "", label) */
	static const uint8_t long_key[CLUSTER_KEY_LEN] = {
		0xe3, 0x7c, 0x24, 0xd4, 0xfb, 0x22, 0xfe, 0x7f,
		0xee, 0xce, 0x65, 0xa2, 0x6d, 0x19, 0xbe, 0x73,
		0xd4, 0x21, 0x35, 0x63, 0x4b, 0xbe, 0x16, 0x46,
		0x34, 0x63, 0xa5, 0xf4, 0x34, 0x21, 0xef, 0xf8,
	};
	static const uint8_t empty_key[CLUSTER_KEY_LEN] = {
		0x95, 0x23, 0x88, 0xe5, 0xb0, 0x6c, 0x56, 0x47,
		0x46, 0xd1, 0xbc, 0x44, 0x31, 0xe9, 0x02, 0x45,
		0x63, 0xce, 0xe8, 0xc5, 0x52, 0x53, 0x8e, 0xd0,
		0x6d, 0xd8, 0x58, 0x04, 0x7f, 0x52, 0x67, 0xab,
	};
	uint8_t secret[100], k[CLUSTER_KEY_LEN];

	memset(secret, 'x', sizeof(secret));
	cluster_msg_derive_key(secret, sizeof(secret), k);
	ck_assert_mem_eq(k, long_key, CLUSTER_KEY_LEN);

	cluster_msg_derive_key("", 0, k);
	ck_assert_mem_eq(k, empty_key, CLUSTER_KEY_LEN);
	cluster_msg_derive_key(NULL, 0, k);
	ck_assert_mem_eq(k, empty_key, CLUSTER_KEY_LEN);
}
END_TEST

/*******************************************************************************
 * result names
 */

START_TEST(test_result_names)
{
	ck_assert_str_eq(cluster_msg_result_name(CLUSTER_MSG_OK), "ok");
	ck_assert_str_eq(cluster_msg_result_name(CLUSTER_MSG_BAD_LENGTH),
					 "bad-length");
	ck_assert_str_eq(cluster_msg_result_name(CLUSTER_MSG_BAD_MAGIC),
					 "bad-magic");
	ck_assert_str_eq(cluster_msg_result_name(CLUSTER_MSG_BAD_VERSION),
					 "bad-version");
	ck_assert_str_eq(cluster_msg_result_name(CLUSTER_MSG_BAD_MAC), "bad-mac");
	ck_assert_str_eq(cluster_msg_result_name(CLUSTER_MSG_MALFORMED),
					 "malformed");
	ck_assert_str_eq(cluster_msg_result_name(CLUSTER_MSG_BAD_TYPE),
					 "bad-type");
	ck_assert_ptr_nonnull(cluster_msg_result_name(CLUSTER_MSG_RESULT_MAX));
	ck_assert_ptr_nonnull(cluster_msg_result_name((cluster_msg_result_t)-1));
}
END_TEST

/*******************************************************************************
 * encoding and decoding
 */

static const char *round_trip_addrs[] = {
	"192.0.2.1",
	"2001:db8::1",
	"vpn.example.com",
};

START_TEST(test_round_trip)
{
	cluster_load_report_t in, out;
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	in = make_report(round_trip_addrs[_i]);
	len = cluster_msg_encode_load(&in, key, buf, sizeof(buf));
	ck_assert_uint_eq(len, CLUSTER_MSG_FIXED_LEN + strlen(in.name) +
					  in.redirect_to.len + CLUSTER_MSG_MAC_LEN);

	memset(&out, 0xaa, sizeof(out));
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, &out), CLUSTER_MSG_OK);
	assert_reports_equal(&in, &out);

	/* a NULL report just verifies */
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL), CLUSTER_MSG_OK);
}
END_TEST

START_TEST(test_round_trip_limits)
{
	cluster_load_report_t in, out;
	uint8_t buf[CLUSTER_MSG_MAX];
	char fqdn[CLUSTER_ADDR_MAX + 1];
	size_t len;

	/* longest name and address: the largest datagram */
	memset(fqdn, 'a', sizeof(fqdn));
	fqdn[63] = fqdn[127] = fqdn[191] = '.';
	fqdn[CLUSTER_ADDR_MAX] = '\0';

	in = make_report(fqdn);
	memset(in.name, 'n', CLUSTER_NAME_MAX);
	in.name[CLUSTER_NAME_MAX] = '\0';
	in.counter = UINT64_MAX;
	in.interval_ms = CLUSTER_INTERVAL_MAX;
	in.ike_sas = UINT32_MAX;
	in.child_sas = UINT32_MAX;
	in.half_open = UINT32_MAX;
	in.weight = CLUSTER_WEIGHT_MAX;
	len = cluster_msg_encode_load(&in, key, buf, sizeof(buf));
	ck_assert_uint_eq(len, CLUSTER_MSG_MAX);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, &out), CLUSTER_MSG_OK);
	assert_reports_equal(&in, &out);

	/* smallest values */
	ck_assert(cluster_addr_from_string("a", &in.redirect_to));
	strcpy(in.name, "x");
	in.counter = 0;
	in.interval_ms = CLUSTER_INTERVAL_MIN;
	in.ike_sas = in.child_sas = in.half_open = 0;
	in.capacity = 1;
	in.weight = 1;
	in.state = CLUSTER_MEMBER_ALIVE;
	in.flags = 0;
	len = cluster_msg_encode_load(&in, key, buf, sizeof(buf));
	ck_assert_uint_eq(len, CLUSTER_MSG_FIXED_LEN + 1 + 1 +
					  CLUSTER_MSG_MAC_LEN);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, &out), CLUSTER_MSG_OK);
	assert_reports_equal(&in, &out);
}
END_TEST

START_TEST(test_wire_layout)
{
	static const uint8_t expected[] = {
		'S', 'C', 'L', 1,
		1, CLUSTER_FLAG_MASTER, 0x01, 0x2c,
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
		0x00, 0x00, 0x03, 0xe8,
		0x11, 0x22, 0x33, 0x44,
		0x55, 0x66, 0x77, 0x88,
		0x00, 0x00, 0x00, 0x07,
		0x00, 0x0f, 0x42, 0x40,
		CLUSTER_MEMBER_DRAINING, 14, CLUSTER_ADDR_IPV4, 4,
		'g', 'w', '-', '1', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '_', 'a',
		192, 0, 2, 1,
	};
	uint8_t buf[CLUSTER_MSG_MAX], mac[CLUSTER_MSG_MAC_LEN];
	unsigned int mac_len;
	size_t len;

	len = make_datagram(buf, "192.0.2.1");
	ck_assert_uint_eq(len, sizeof(expected) + CLUSTER_MSG_MAC_LEN);
	ck_assert_mem_eq(buf, expected, sizeof(expected));

	ck_assert(HMAC(EVP_sha256(), secret_key, CLUSTER_KEY_LEN, expected,
				   sizeof(expected), mac, &mac_len));
	ck_assert_mem_eq(buf + sizeof(expected), mac, CLUSTER_MSG_MAC_LEN);
}
END_TEST

START_TEST(test_encode_short_buffer)
{
	cluster_load_report_t r = make_report("2001:db8::1");
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	len = cluster_msg_encode_load(&r, key, buf, sizeof(buf));
	ck_assert_uint_gt(len, 0);
	ck_assert_uint_eq(cluster_msg_encode_load(&r, key, buf, len - 1), 0);
	ck_assert_uint_eq(cluster_msg_encode_load(&r, key, buf, 0), 0);
	ck_assert_uint_eq(cluster_msg_encode_load(&r, key, buf, len), len);
	ck_assert_uint_eq(cluster_msg_encode_load(NULL, key, buf, len), 0);
	ck_assert_uint_eq(cluster_msg_encode_load(&r, key, NULL, len), 0);
}
END_TEST

START_TEST(test_encode_invalid)
{
	cluster_load_report_t r;
	uint8_t buf[CLUSTER_MSG_MAX];

	r = make_report("192.0.2.1");
	r.weight = 0;
	ck_assert_uint_eq(cluster_msg_encode_load(&r, key, buf, sizeof(buf)), 0);

	r = make_report("192.0.2.1");
	r.name[0] = '\0';
	ck_assert_uint_eq(cluster_msg_encode_load(&r, key, buf, sizeof(buf)), 0);

	r = make_report("192.0.2.1");
	r.state = CLUSTER_MEMBER_DEAD;
	ck_assert_uint_eq(cluster_msg_encode_load(&r, key, buf, sizeof(buf)), 0);

	r = make_report("192.0.2.1");
	r.redirect_to.len = 16;
	ck_assert_uint_eq(cluster_msg_encode_load(&r, key, buf, sizeof(buf)), 0);
}
END_TEST

START_TEST(test_check_report)
{
	cluster_load_report_t r;

	r = make_report("192.0.2.1");
	ck_assert_ptr_null(cluster_msg_check_report(&r));
	ck_assert_ptr_nonnull(cluster_msg_check_report(NULL));

	r = make_report("192.0.2.1");
	r.name[0] = '\0';
	ck_assert_str_eq(cluster_msg_check_report(&r), "invalid member name");
	strcpy(r.name, "a b");
	ck_assert_str_eq(cluster_msg_check_report(&r), "invalid member name");
	/* unterminated */
	memset(r.name, 'a', sizeof(r.name));
	ck_assert_str_eq(cluster_msg_check_report(&r), "invalid member name");

	r = make_report("192.0.2.1");
	r.redirect_to.type = 0;
	ck_assert_str_eq(cluster_msg_check_report(&r),
					 "invalid redirect address type");
	r.redirect_to.type = 4;
	ck_assert_str_eq(cluster_msg_check_report(&r),
					 "invalid redirect address type");
	r.redirect_to.type = CLUSTER_ADDR_IPV4;
	r.redirect_to.len = 5;
	ck_assert_str_eq(cluster_msg_check_report(&r),
					 "invalid IPv4 redirect address length");
	r.redirect_to.type = CLUSTER_ADDR_IPV6;
	r.redirect_to.len = 4;
	ck_assert_str_eq(cluster_msg_check_report(&r),
					 "invalid IPv6 redirect address length");
	r.redirect_to.type = CLUSTER_ADDR_FQDN;
	r.redirect_to.len = 0;
	ck_assert_str_eq(cluster_msg_check_report(&r), "invalid redirect FQDN");
	r.redirect_to.len = 255;
	memset(r.redirect_to.data, 'a', CLUSTER_ADDR_MAX);
	ck_assert_str_eq(cluster_msg_check_report(&r), "invalid redirect FQDN");

	r = make_report("192.0.2.1");
	r.state = CLUSTER_MEMBER_DEAD;
	ck_assert_str_eq(cluster_msg_check_report(&r), "invalid member state");

	r = make_report("192.0.2.1");
	r.weight = 0;
	ck_assert_str_eq(cluster_msg_check_report(&r), "weight out of range");
	r.weight = CLUSTER_WEIGHT_MAX + 1;
	ck_assert_str_eq(cluster_msg_check_report(&r), "weight out of range");
	r.weight = CLUSTER_WEIGHT_MAX;
	ck_assert_ptr_null(cluster_msg_check_report(&r));

	r = make_report("192.0.2.1");
	r.capacity = 0;
	ck_assert_str_eq(cluster_msg_check_report(&r), "capacity out of range");
	r.capacity = CLUSTER_CAPACITY_MAX + 1;
	ck_assert_str_eq(cluster_msg_check_report(&r), "capacity out of range");
	r.capacity = 1;
	ck_assert_ptr_null(cluster_msg_check_report(&r));

	r = make_report("192.0.2.1");
	r.flags = 0x02;
	ck_assert_str_eq(cluster_msg_check_report(&r), "unknown flags");
}
END_TEST

/*******************************************************************************
 * rejections before the MAC
 */

START_TEST(test_decode_truncated)
{
	uint8_t buf[CLUSTER_MSG_MAX], *copy;
	size_t len, i;
	cluster_msg_result_t res;

	len = make_datagram(buf, round_trip_addrs[_i]);
	for (i = 0; i < len; i++)
	{
		/* an exact copy lets valgrind see any read beyond the length */
		copy = malloc(i ? i : 1);
		memcpy(copy, buf, i);
		res = cluster_msg_decode(copy, i, key, NULL);
		free(copy);
		if (i < CLUSTER_MSG_FIXED_LEN + 2 + CLUSTER_MSG_MAC_LEN)
		{
			ck_assert_int_eq(res, CLUSTER_MSG_BAD_LENGTH);
		}
		else
		{
			ck_assert_int_eq(res, CLUSTER_MSG_BAD_MAC);
		}
	}
	ck_assert_int_eq(cluster_msg_decode(NULL, len, key, NULL),
					 CLUSTER_MSG_BAD_LENGTH);
}
END_TEST

START_TEST(test_decode_trailing)
{
	uint8_t buf[CLUSTER_MSG_MAX + 1];
	size_t len;

	len = make_datagram(buf, "vpn.example.com");
	buf[len] = 0;
	ck_assert_int_eq(cluster_msg_decode(buf, len + 1, key, NULL),
					 CLUSTER_MSG_BAD_MAC);

	/* beyond the maximum, the length alone rejects it */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, "SCL\x01", 4);
	ck_assert_int_eq(cluster_msg_decode(buf, CLUSTER_MSG_MAX + 1, key, NULL),
					 CLUSTER_MSG_BAD_LENGTH);
	ck_assert_int_eq(cluster_msg_decode(buf, CLUSTER_MSG_MAX, key, NULL),
					 CLUSTER_MSG_BAD_MAC);
}
END_TEST

START_TEST(test_decode_bad_magic)
{
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len, i;

	for (i = 0; i < 3; i++)
	{
		len = make_datagram(buf, "192.0.2.1");
		buf[i] ^= 0x20;
		/* a valid MAC does not help */
		remac(buf, len);
		ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
						 CLUSTER_MSG_BAD_MAGIC);
	}
}
END_TEST

START_TEST(test_decode_bad_version)
{
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	len = make_datagram(buf, "192.0.2.1");
	buf[3] = 2;
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_BAD_VERSION);
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_BAD_VERSION);
	buf[3] = 0;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_BAD_VERSION);
}
END_TEST

/*******************************************************************************
 * MAC
 */

START_TEST(test_decode_wrong_key)
{
	uint8_t buf[CLUSTER_MSG_MAX], other[CLUSTER_KEY_LEN];
	size_t len;

	len = make_datagram(buf, "2001:db8::1");
	cluster_msg_derive_key("another secret, 16+ bytes", 25, other);
	ck_assert_int_eq(cluster_msg_decode(buf, len, other, NULL),
					 CLUSTER_MSG_BAD_MAC);
	ck_assert_int_eq(cluster_msg_decode(buf, len, NULL, NULL),
					 CLUSTER_MSG_BAD_MAC);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL), CLUSTER_MSG_OK);
}
END_TEST

START_TEST(test_decode_flipped_bits)
{
	cluster_load_report_t out;
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len, i, bit;

	len = make_datagram(buf, round_trip_addrs[_i]);
	for (i = 0; i < len; i++)
	{
		for (bit = 0; bit < 8; bit++)
		{
			buf[i] ^= 1 << bit;
			memset(&out, 0x5a, sizeof(out));
			ck_assert_int_ne(cluster_msg_decode(buf, len, key, &out),
							 CLUSTER_MSG_OK);
			buf[i] ^= 1 << bit;
		}
		buf[i] ^= 0xff;
		ck_assert_int_ne(cluster_msg_decode(buf, len, key, &out),
						 CLUSTER_MSG_OK);
		buf[i] ^= 0xff;
	}
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, &out), CLUSTER_MSG_OK);
}
END_TEST

START_TEST(test_decode_flipped_mac_result)
{
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len, i;

	/* past magic and version, every corruption is a MAC failure */
	len = make_datagram(buf, "vpn.example.com");
	for (i = 4; i < len; i++)
	{
		buf[i] ^= 0x01;
		ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
						 CLUSTER_MSG_BAD_MAC);
		buf[i] ^= 0x01;
	}
}
END_TEST

START_TEST(test_decode_failure_keeps_report)
{
	cluster_load_report_t out, pattern;
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	memset(&pattern, 0xa5, sizeof(pattern));
	len = make_datagram(buf, "192.0.2.1");

	out = pattern;
	buf[len - 1] ^= 1;
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, &out),
					 CLUSTER_MSG_BAD_MAC);
	ck_assert_mem_eq(&out, &pattern, sizeof(out));
	buf[len - 1] ^= 1;

	/* a late failure, after the fields were parsed */
	buf[38] = CLUSTER_ADDR_FQDN;
	buf[len - CLUSTER_MSG_MAC_LEN - 4] = '1';
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, &out),
					 CLUSTER_MSG_MALFORMED);
	ck_assert_mem_eq(&out, &pattern, sizeof(out));
}
END_TEST

/*******************************************************************************
 * authenticated but malformed
 */

/**
 * Patch a valid datagram, fix up its MAC and decode it
 */
static cluster_msg_result_t patched(const char *addr, size_t off,
									uint8_t value)
{
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	len = make_datagram(buf, addr);
	ck_assert_uint_lt(off, len - CLUSTER_MSG_MAC_LEN);
	buf[off] = value;
	remac(buf, len);
	return cluster_msg_decode(buf, len, key, NULL);
}

START_TEST(test_malformed_type)
{
	ck_assert_int_eq(patched("192.0.2.1", 4, 0), CLUSTER_MSG_BAD_TYPE);
	ck_assert_int_eq(patched("192.0.2.1", 4, 2), CLUSTER_MSG_BAD_TYPE);
	ck_assert_int_eq(patched("192.0.2.1", 4, 0xff), CLUSTER_MSG_BAD_TYPE);
	ck_assert_int_eq(patched("192.0.2.1", 4, 1), CLUSTER_MSG_OK);
}
END_TEST

START_TEST(test_malformed_flags)
{
	int bit;

	ck_assert_int_eq(patched("192.0.2.1", 5, 0), CLUSTER_MSG_OK);
	ck_assert_int_eq(patched("192.0.2.1", 5, CLUSTER_FLAG_MASTER),
					 CLUSTER_MSG_OK);
	for (bit = 1; bit < 8; bit++)
	{
		ck_assert_int_eq(patched("192.0.2.1", 5, 1 << bit),
						 CLUSTER_MSG_MALFORMED);
	}
}
END_TEST

START_TEST(test_malformed_weight)
{
	/* weight is 300 = 0x012c, patch either byte */
	ck_assert_int_eq(patched("192.0.2.1", 6, 0x00), CLUSTER_MSG_OK);
	ck_assert_int_eq(patched("192.0.2.1", 6, 0x03), CLUSTER_MSG_OK);
	ck_assert_int_eq(patched("192.0.2.1", 7, 0x00), CLUSTER_MSG_OK);
	ck_assert_int_eq(patched("192.0.2.1", 6, 0x04), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 6, 0xff), CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_malformed_weight_exact)
{
	cluster_load_report_t r = make_report("192.0.2.1");
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	r.weight = 1;
	len = cluster_msg_encode_load(&r, key, buf, sizeof(buf));
	buf[7] = 0;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);

	r.weight = CLUSTER_WEIGHT_MAX;
	len = cluster_msg_encode_load(&r, key, buf, sizeof(buf));
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL), CLUSTER_MSG_OK);
	buf[7]++;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_malformed_capacity)
{
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	/* capacity is CLUSTER_CAPACITY_MAX = 0x000f4240 */
	len = make_datagram(buf, "192.0.2.1");
	buf[35] = 0x41;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);

	memset(buf + 32, 0, 4);
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);

	buf[35] = 1;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL), CLUSTER_MSG_OK);

	memset(buf + 32, 0xff, 4);
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_malformed_state)
{
	ck_assert_int_eq(patched("192.0.2.1", 36, CLUSTER_MEMBER_ALIVE),
					 CLUSTER_MSG_OK);
	ck_assert_int_eq(patched("192.0.2.1", 36, CLUSTER_MEMBER_DRAINING),
					 CLUSTER_MSG_OK);
	ck_assert_int_eq(patched("192.0.2.1", 36, CLUSTER_MEMBER_DEAD),
					 CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 36, 0xff), CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_malformed_lengths)
{
	/* name_len and addr_len that disagree with the datagram's length */
	ck_assert_int_eq(patched("192.0.2.1", 37, 0), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 37, 13), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 37, 15), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 37, 0xff), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 39, 0), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 39, 3), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 39, 5), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 39, 0xff), CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_malformed_shifted_lengths)
{
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	/* total consistent, but the name eats the address: "gw-1.example_a1"
	 * and a 3 byte IPv4 address */
	len = make_datagram(buf, "192.0.2.1");
	buf[37]++;
	buf[39]--;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);

	/* an address that eats the name instead: 5 bytes IPv4 */
	len = make_datagram(buf, "192.0.2.1");
	buf[37]--;
	buf[39]++;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_malformed_name_too_long)
{
	cluster_load_report_t r;
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len;

	/* move the boundary between name and address, keeping the total: a
	 * 32 byte name is fine, a 33 byte one is not, whatever the rest */
	r = make_report("abcdefghijklmnopqrsvpn.example.com");
	len = cluster_msg_encode_load(&r, key, buf, sizeof(buf));
	ck_assert_uint_eq(buf[37], 14);
	ck_assert_uint_eq(buf[39], 34);

	buf[37] = 32;
	buf[39] = 16;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, &r), CLUSTER_MSG_OK);
	ck_assert_str_eq(r.name, "gw-1.example_aabcdefghijklmnopqr");
	ck_assert_mem_eq(r.redirect_to.data, "svpn.example.com", 16);

	buf[37] = 33;
	buf[39] = 15;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_malformed_name_chars)
{
	static const uint8_t bad[] = { 0, ' ', '/', '"', '@', 0x7f, 0x80, 0xff,
								   '\n', ':' };
	size_t i;

	for (i = 0; i < sizeof(bad); i++)
	{
		ck_assert_int_eq(patched("192.0.2.1", 40, bad[i]),
						 CLUSTER_MSG_MALFORMED);
		ck_assert_int_eq(patched("192.0.2.1", 40 + 13, bad[i]),
						 CLUSTER_MSG_MALFORMED);
	}
	ck_assert_int_eq(patched("192.0.2.1", 40, 'Z'), CLUSTER_MSG_OK);
	ck_assert_int_eq(patched("192.0.2.1", 40, '_'), CLUSTER_MSG_OK);
	ck_assert_int_eq(patched("192.0.2.1", 40, '.'), CLUSTER_MSG_OK);
}
END_TEST

START_TEST(test_malformed_addr_type)
{
	ck_assert_int_eq(patched("192.0.2.1", 38, 0), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 38, 4), CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 38, 0xff), CLUSTER_MSG_MALFORMED);
	/* an IPv4 address as IPv6 or as FQDN of binary bytes */
	ck_assert_int_eq(patched("192.0.2.1", 38, CLUSTER_ADDR_IPV6),
					 CLUSTER_MSG_MALFORMED);
	ck_assert_int_eq(patched("192.0.2.1", 38, CLUSTER_ADDR_FQDN),
					 CLUSTER_MSG_MALFORMED);
	/* an IPv6 address as IPv4 */
	ck_assert_int_eq(patched("2001:db8::1", 38, CLUSTER_ADDR_IPV4),
					 CLUSTER_MSG_MALFORMED);
	/* a 16 byte FQDN as IPv6 is fine, its bytes are just an address */
	ck_assert_int_eq(patched("a234567890123456", 38, CLUSTER_ADDR_IPV6),
					 CLUSTER_MSG_OK);
	/* and a 4 byte one as IPv4 */
	ck_assert_int_eq(patched("gw-a", 38, CLUSTER_ADDR_IPV4), CLUSTER_MSG_OK);
}
END_TEST

START_TEST(test_malformed_fqdn)
{
	/* "vpn.example.com" at offset 54 */
	static const struct {
		size_t off;
		uint8_t value;
	} tests[] = {
		{ 54, '-' },			/* label starts with '-' */
		{ 56, '-' },			/* label ends with '-' */
		{ 54, '.' },			/* empty first label */
		{ 58, '.' },			/* empty label */
		{ 68, '.' },			/* trailing dot */
		{ 55, '_' },
		{ 55, ' ' },
		{ 55, 0 },
		{ 55, 0xc3 },
		{ 66, '1' },			/* not all-numeric, still fine below */
	};
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t i, len;

	len = make_datagram(buf, "vpn.example.com");
	ck_assert_mem_eq(buf + 54, "vpn.example.com", 15);
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]) - 1; i++)
	{
		ck_assert_int_eq(patched("vpn.example.com", tests[i].off,
								 tests[i].value), CLUSTER_MSG_MALFORMED);
	}
	ck_assert_int_eq(patched("vpn.example.com", 66, '1'), CLUSTER_MSG_OK);

	/* an all-numeric top label, a mistyped IPv4 address */
	len = make_datagram(buf, "vpn.example.com");
	memcpy(buf + 66, "123", 3);
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_malformed_fqdn_label_length)
{
	cluster_load_report_t r;
	uint8_t buf[CLUSTER_MSG_MAX];
	char fqdn[80];
	size_t len;

	/* a 63 byte label is fine, patch it to 64 by eating the dot */
	memset(fqdn, 'a', 63);
	strcpy(fqdn + 63, ".bc");
	r = make_report(fqdn);
	len = cluster_msg_encode_load(&r, key, buf, sizeof(buf));
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL), CLUSTER_MSG_OK);
	buf[40 + strlen(r.name) + 63] = 'a';
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
					 CLUSTER_MSG_MALFORMED);
}
END_TEST

START_TEST(test_interval_range)
{
	cluster_load_report_t in = make_report("192.0.2.1");
	uint8_t buf[CLUSTER_MSG_MAX];

	in.interval_ms = 0;
	ck_assert_str_eq(cluster_msg_check_report(&in), "interval out of range");
	ck_assert_uint_eq(cluster_msg_encode_load(&in, key, buf, sizeof(buf)), 0);
	in.interval_ms = CLUSTER_INTERVAL_MIN - 1;
	ck_assert_ptr_nonnull(cluster_msg_check_report(&in));
	in.interval_ms = CLUSTER_INTERVAL_MAX + 1;
	ck_assert_ptr_nonnull(cluster_msg_check_report(&in));
	in.interval_ms = CLUSTER_INTERVAL_MIN;
	ck_assert_ptr_null(cluster_msg_check_report(&in));
	in.interval_ms = CLUSTER_INTERVAL_MAX;
	ck_assert_ptr_null(cluster_msg_check_report(&in));
}
END_TEST

START_TEST(test_malformed_fqdn_too_long)
{
	uint8_t buf[CLUSTER_MSG_MAX];
	size_t len, addr_len;

	/* a name of one byte and a 254 or 255 byte address, total in range */
	for (addr_len = 254; addr_len <= 255; addr_len++)
	{
		memset(buf, 'a', sizeof(buf));
		memcpy(buf, "SCL\x01\x01\x00\x00\x01", 8);
		memset(buf + 8, 0, 24);
		buf[19] = 100;	/* interval_ms */
		memcpy(buf + 32, "\x00\x00\x00\x01", 4);
		buf[36] = CLUSTER_MEMBER_ALIVE;
		buf[37] = 1;
		buf[38] = CLUSTER_ADDR_FQDN;
		buf[39] = addr_len;
		buf[41 + 63] = buf[41 + 127] = buf[41 + 191] = '.';
		len = CLUSTER_MSG_FIXED_LEN + 1 + addr_len + CLUSTER_MSG_MAC_LEN;
		ck_assert_uint_le(len, CLUSTER_MSG_MAX);
		remac(buf, len);
		ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL),
						 CLUSTER_MSG_MALFORMED);
	}
	/* and the same at 253 is fine */
	buf[39] = 253;
	len = CLUSTER_MSG_FIXED_LEN + 1 + 253 + CLUSTER_MSG_MAC_LEN;
	remac(buf, len);
	ck_assert_int_eq(cluster_msg_decode(buf, len, key, NULL), CLUSTER_MSG_OK);
}
END_TEST

/*******************************************************************************
 * addresses and names
 */

START_TEST(test_addr_valid)
{
	static const struct {
		const char *str;
		uint8_t type;
		uint8_t len;
		const char *out;
	} tests[] = {
		{ "192.0.2.1", CLUSTER_ADDR_IPV4, 4, "192.0.2.1" },
		{ "0.0.0.0", CLUSTER_ADDR_IPV4, 4, "0.0.0.0" },
		{ "255.255.255.255", CLUSTER_ADDR_IPV4, 4, "255.255.255.255" },
		{ "2001:db8::1", CLUSTER_ADDR_IPV6, 16, "2001:db8::1" },
		{ "2001:DB8:0:0:0:0:0:1", CLUSTER_ADDR_IPV6, 16, "2001:db8::1" },
		{ "::", CLUSTER_ADDR_IPV6, 16, "::" },
		{ "::ffff:192.0.2.1", CLUSTER_ADDR_IPV6, 16, "::ffff:192.0.2.1" },
		{ "vpn.example.com", CLUSTER_ADDR_FQDN, 15, "vpn.example.com" },
		{ "a", CLUSTER_ADDR_FQDN, 1, "a" },
		{ "GW-1", CLUSTER_ADDR_FQDN, 4, "GW-1" },
		{ "xn--bcher-kva.example", CLUSTER_ADDR_FQDN, 21,
		  "xn--bcher-kva.example" },
		{ "1a.2b", CLUSTER_ADDR_FQDN, 5, "1a.2b" },
		{ "10.0.0.x1", CLUSTER_ADDR_FQDN, 9, "10.0.0.x1" },
		{ "a-b--c.d", CLUSTER_ADDR_FQDN, 8, "a-b--c.d" },
	};
	cluster_addr_t addr;
	char buf[CLUSTER_ADDR_MAX + 1];
	size_t i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
	{
		memset(&addr, 0xff, sizeof(addr));
		ck_assert_msg(cluster_addr_from_string(tests[i].str, &addr),
					  "%s", tests[i].str);
		ck_assert_uint_eq(addr.type, tests[i].type);
		ck_assert_uint_eq(addr.len, tests[i].len);
		ck_assert_str_eq(cluster_addr_to_string(&addr, buf, sizeof(buf)),
						 tests[i].out);
		ck_assert(cluster_addr_from_string(tests[i].str, NULL));
	}
	ck_assert(cluster_addr_from_string("192.0.2.1", &addr));
	ck_assert_mem_eq(addr.data, "\xc0\x00\x02\x01", 4);
}
END_TEST

START_TEST(test_addr_fqdn_lengths)
{
	cluster_addr_t addr;
	char fqdn[300], buf[CLUSTER_ADDR_MAX + 1];

	/* 63 byte label */
	memset(fqdn, 'a', 63);
	fqdn[63] = '\0';
	ck_assert(cluster_addr_from_string(fqdn, &addr));
	ck_assert_uint_eq(addr.len, 63);
	/* 64 byte label */
	strcpy(fqdn + 63, "a");
	ck_assert(!cluster_addr_from_string(fqdn, &addr));
	strcpy(fqdn + 63, ".b");
	ck_assert(cluster_addr_from_string(fqdn, &addr));

	/* 253 bytes in total */
	memset(fqdn, 'a', 253);
	fqdn[63] = fqdn[127] = fqdn[191] = '.';
	fqdn[253] = '\0';
	ck_assert(cluster_addr_from_string(fqdn, &addr));
	ck_assert_uint_eq(addr.type, CLUSTER_ADDR_FQDN);
	ck_assert_uint_eq(addr.len, 253);
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, sizeof(buf)), fqdn);

	/* 254 and more */
	strcpy(fqdn + 253, "a");
	ck_assert(!cluster_addr_from_string(fqdn, &addr));
	memset(fqdn + 253, 'a', 40);
	fqdn[293] = '\0';
	ck_assert(!cluster_addr_from_string(fqdn, &addr));
}
END_TEST

START_TEST(test_addr_invalid)
{
	static const char *tests[] = {
		"",
		".",
		"-a.com",
		"a-.com",
		"a.-b.com",
		"a.b-.com",
		"a..com",
		".a.com",
		"a.com.",
		"a_b.com",
		"a b.com",
		" a.com",
		"a.com ",
		"a.com\n",
		"a/b",
		"a:b",
		"caf\xc3\xa9.example",
		"1.2.3",
		"1.2.3.4.5",
		"256.1.1.1",
		"192.0.2.01x.1",
		"123",
		"a.123",
		"::g",
		"2001:db8::1::2",
		"[2001:db8::1]",
		"192.0.2.1/24",
		"2001:db8::1%eth0",
	};
	cluster_addr_t addr, pattern;
	size_t i;

	memset(&pattern, 0x33, sizeof(pattern));
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++)
	{
		addr = pattern;
		ck_assert_msg(!cluster_addr_from_string(tests[i], &addr), "%s",
					  tests[i]);
		ck_assert_mem_eq(&addr, &pattern, sizeof(addr));
	}
	ck_assert(!cluster_addr_from_string(NULL, &addr));
}
END_TEST

START_TEST(test_addr_to_string_truncation)
{
	cluster_addr_t addr;
	char buf[16];

	ck_assert(cluster_addr_from_string("vpn.example.com", &addr));
	memset(buf, 'x', sizeof(buf));
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, 5), "vpn.");
	ck_assert_uint_eq(buf[5], 'x');
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, 1), "");
	buf[0] = 'x';
	ck_assert_ptr_eq(cluster_addr_to_string(&addr, buf, 0), buf);
	ck_assert_uint_eq(buf[0], 'x');
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, 15), "vpn.example.co");
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, 16),
					 "vpn.example.com");

	ck_assert(cluster_addr_from_string("2001:db8::1", &addr));
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, 8), "2001:db");
	ck_assert(cluster_addr_from_string("192.0.2.1", &addr));
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, 4), "192");
}
END_TEST

START_TEST(test_addr_to_string_invalid)
{
	cluster_addr_t addr;
	char buf[CLUSTER_ADDR_MAX + 1];

	memset(&addr, 0, sizeof(addr));
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, sizeof(buf)),
					 "(invalid)");
	addr.type = CLUSTER_ADDR_IPV4;
	addr.len = 16;
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, sizeof(buf)),
					 "(invalid)");
	addr.type = CLUSTER_ADDR_IPV6;
	addr.len = 4;
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, sizeof(buf)),
					 "(invalid)");
	/* never beyond data, whatever len says */
	addr.type = CLUSTER_ADDR_FQDN;
	addr.len = 255;
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, sizeof(buf)),
					 "(invalid)");
	ck_assert_str_eq(cluster_addr_to_string(NULL, buf, sizeof(buf)),
					 "(invalid)");
	/* unprintable bytes are not copied as they are */
	addr.len = 3;
	memcpy(addr.data, "a\nb", 3);
	ck_assert_str_eq(cluster_addr_to_string(&addr, buf, sizeof(buf)), "a?b");
}
END_TEST

START_TEST(test_name_valid)
{
	char name[CLUSTER_NAME_MAX + 2];

	ck_assert(cluster_name_valid("a"));
	ck_assert(cluster_name_valid("gw-1.example_A"));
	ck_assert(cluster_name_valid("..."));
	ck_assert(!cluster_name_valid(""));
	ck_assert(!cluster_name_valid(NULL));
	ck_assert(!cluster_name_valid("a b"));
	ck_assert(!cluster_name_valid("a/b"));
	ck_assert(!cluster_name_valid("a\"b"));
	ck_assert(!cluster_name_valid("caf\xc3\xa9"));
	ck_assert(!cluster_name_valid("a\n"));

	memset(name, 'n', sizeof(name));
	name[CLUSTER_NAME_MAX] = '\0';
	ck_assert(cluster_name_valid(name));
	name[CLUSTER_NAME_MAX] = 'n';
	name[CLUSTER_NAME_MAX + 1] = '\0';
	ck_assert(!cluster_name_valid(name));
}
END_TEST

Suite *cluster_msg_suite(void)
{
	Suite *s;
	TCase *tc;
	int addrs = sizeof(round_trip_addrs) / sizeof(round_trip_addrs[0]);

	s = suite_create("cluster_msg");

	tc = tcase_create("key");
	tcase_add_test(tc, test_derive_key_vector);
	tcase_add_test(tc, test_derive_key_deterministic);
	tcase_add_test(tc, test_derive_key_long_and_empty);
	tcase_add_test(tc, test_result_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("encode");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, test_round_trip, 0, addrs);
	tcase_add_test(tc, test_round_trip_limits);
	tcase_add_test(tc, test_wire_layout);
	tcase_add_test(tc, test_encode_short_buffer);
	tcase_add_test(tc, test_encode_invalid);
	tcase_add_test(tc, test_check_report);
	suite_add_tcase(s, tc);

	tc = tcase_create("reject");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_loop_test(tc, test_decode_truncated, 0, addrs);
	tcase_add_test(tc, test_decode_trailing);
	tcase_add_test(tc, test_decode_bad_magic);
	tcase_add_test(tc, test_decode_bad_version);
	tcase_add_test(tc, test_decode_wrong_key);
	tcase_add_loop_test(tc, test_decode_flipped_bits, 0, addrs);
	tcase_add_test(tc, test_decode_flipped_mac_result);
	tcase_add_test(tc, test_decode_failure_keeps_report);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_malformed_type);
	tcase_add_test(tc, test_malformed_flags);
	tcase_add_test(tc, test_malformed_weight);
	tcase_add_test(tc, test_malformed_weight_exact);
	tcase_add_test(tc, test_malformed_capacity);
	tcase_add_test(tc, test_malformed_state);
	tcase_add_test(tc, test_malformed_lengths);
	tcase_add_test(tc, test_malformed_shifted_lengths);
	tcase_add_test(tc, test_malformed_name_too_long);
	tcase_add_test(tc, test_malformed_name_chars);
	tcase_add_test(tc, test_malformed_addr_type);
	tcase_add_test(tc, test_malformed_fqdn);
	tcase_add_test(tc, test_malformed_fqdn_label_length);
	tcase_add_test(tc, test_malformed_fqdn_too_long);
	tcase_add_test(tc, test_interval_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("addr");
	tcase_add_test(tc, test_addr_valid);
	tcase_add_test(tc, test_addr_fqdn_lengths);
	tcase_add_test(tc, test_addr_invalid);
	tcase_add_test(tc, test_addr_to_string_truncation);
	tcase_add_test(tc, test_addr_to_string_invalid);
	tcase_add_test(tc, test_name_valid);
	suite_add_tcase(s, tc);

	return s;
}
