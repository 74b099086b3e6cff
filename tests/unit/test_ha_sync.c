/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "unit_tests.h"

#include <string.h>

#include "ha_sync_seal.h"
#include "ha_sync_record.h"
#include "mid_sync.h"

static const char secret[] = "a cluster secret of some length";

static void key(uint8_t k[HA_SYNC_KEY_LEN])
{
	ha_sync_derive_key(secret, strlen(secret), k);
}

START_TEST(test_key_differs_from_load_key)
{
	uint8_t sync_key[HA_SYNC_KEY_LEN], load_key[CLUSTER_KEY_LEN];

	key(sync_key);
	cluster_msg_derive_key(secret, strlen(secret), load_key);
	ck_assert(memcmp(sync_key, load_key, sizeof(sync_key)) != 0);
}
END_TEST

static size_t seal_sample(uint8_t *out, size_t out_len, const char *body)
{
	ha_sync_header_t h = { .type = 7, .sender = "sun", .counter = 42 };
	uint8_t k[HA_SYNC_KEY_LEN], nonce[HA_SYNC_NONCE_LEN] = { 1, 2, 3 };

	key(k);
	return ha_sync_seal(k, &h, nonce, (const uint8_t*)body, strlen(body),
						out, out_len);
}

START_TEST(test_seal_open)
{
	uint8_t k[HA_SYNC_KEY_LEN], msg[256], body[64];
	ha_sync_header_t h;
	size_t len, body_len;

	key(k);
	len = seal_sample(msg, sizeof(msg), "keys of an IKE_SA");
	ck_assert_uint_eq(len, HA_SYNC_OVERHEAD + 3 + 17);
	/* encrypted: the body is not on the wire */
	for (body_len = 0; body_len + 4 <= len; body_len++)
	{
		ck_assert(memcmp(msg + body_len, "keys", 4) != 0);
	}
	ck_assert_int_eq(ha_sync_open(k, msg, len, &h, body, sizeof(body),
								  &body_len), HA_SYNC_OPEN_OK);
	ck_assert_int_eq(h.type, 7);
	ck_assert_str_eq(h.sender, "sun");
	ck_assert(h.counter == 42);
	ck_assert_uint_eq(body_len, 17);
	ck_assert(memcmp(body, "keys of an IKE_SA", 17) == 0);
}
END_TEST

/* every bit of the message is covered: a flip anywhere is rejected */
START_TEST(test_open_every_bit)
{
	uint8_t k[HA_SYNC_KEY_LEN], msg[256], body[64];
	ha_sync_header_t h;
	size_t len, body_len, i;
	int bit;

	key(k);
	len = seal_sample(msg, sizeof(msg), "keys of an IKE_SA");
	for (i = 0; i < len; i++)
	{
		for (bit = 0; bit < 8; bit++)
		{
			msg[i] ^= 1 << bit;
			ck_assert_int_ne(ha_sync_open(k, msg, len, &h, body,
										  sizeof(body), &body_len),
							 HA_SYNC_OPEN_OK);
			msg[i] ^= 1 << bit;
		}
	}
	/* and every truncation */
	for (i = 0; i < len; i++)
	{
		ck_assert_int_ne(ha_sync_open(k, msg, i, &h, body, sizeof(body),
									  &body_len), HA_SYNC_OPEN_OK);
	}
}
END_TEST

START_TEST(test_open_reasons)
{
	uint8_t k[HA_SYNC_KEY_LEN], other[HA_SYNC_KEY_LEN], msg[256], body[64];
	ha_sync_header_t h;
	size_t len, body_len;

	key(k);
	len = seal_sample(msg, sizeof(msg), "keys of an IKE_SA");
	ha_sync_derive_key("another secret", 14, other);
	ck_assert_int_eq(ha_sync_open(other, msg, len, &h, body, sizeof(body),
								  &body_len), HA_SYNC_OPEN_BAD_TAG);
	ck_assert_int_eq(ha_sync_open(k, msg, len, &h, body, 4, &body_len),
					 HA_SYNC_OPEN_TOO_LONG);
	msg[0] = 'X';
	ck_assert_int_eq(ha_sync_open(k, msg, len, &h, body, sizeof(body),
								  &body_len), HA_SYNC_OPEN_BAD_MAGIC);
	msg[0] = 'S';
	msg[3] = 2;
	ck_assert_int_eq(ha_sync_open(k, msg, len, &h, body, sizeof(body),
								  &body_len), HA_SYNC_OPEN_BAD_VERSION);
	msg[3] = 1;
	msg[6] = '/';
	ck_assert_int_eq(ha_sync_open(k, msg, len, &h, body, sizeof(body),
								  &body_len), HA_SYNC_OPEN_BAD_NAME);
	ck_assert_int_eq(ha_sync_open(k, msg, 10, &h, body, sizeof(body),
								  &body_len), HA_SYNC_OPEN_BAD_LENGTH);
	ck_assert_str_eq(ha_sync_open_result_name(HA_SYNC_OPEN_BAD_TAG),
					 "bad-tag");
}
END_TEST

START_TEST(test_seal_limits)
{
	ha_sync_header_t h = { .type = 1, .sender = "bad name", .counter = 1 };
	uint8_t k[HA_SYNC_KEY_LEN], nonce[HA_SYNC_NONCE_LEN] = { 0 }, out[64];

	key(k);
	ck_assert_uint_eq(ha_sync_seal(k, &h, nonce, (const uint8_t*)"x", 1, out,
								   sizeof(out)), 0);
	strcpy(h.sender, "sun");
	/* does not fit */
	ck_assert_uint_eq(ha_sync_seal(k, &h, nonce, out, 40, out, sizeof(out)),
					  0);
}
END_TEST

/* an IKE_SA as a member replicates it, with one CHILD_SA */
static void sample_record(ha_sync_ike_t *ike)
{
	ha_sync_child_t *c;

	memset(ike, 0, sizeof(*ike));
	memcpy(ike->spi_i, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	memcpy(ike->spi_r, "\x11\x12\x13\x14\x15\x16\x17\x18", 8);
	ike->encr_alg = 12;
	ike->encr_keylen = 128;
	ike->integ_alg = 12;
	ike->prf_alg = 5;
	ike->ke_method = 31;
	ike->nonce_i_len = ike->nonce_r_len = 32;
	memset(ike->nonce_i, 0xa1, 32);
	memset(ike->nonce_r, 0xb2, 32);
	ike->secret_len = 32;
	memset(ike->secret, 0xc3, 32);
	ike->local = (ha_sync_addr_t){ .len = 4, .addr = { 192, 0, 2, 2 },
								   .port = 4500 };
	ike->remote = (ha_sync_addr_t){ .len = 4, .addr = { 192, 0, 2, 101 },
									.port = 4500 };
	ike->local_id = (ha_sync_id_t){ .type = 2, .len = 15,
									.data = "vpn.example.org" };
	ike->remote_id = (ha_sync_id_t){ .type = 2, .len = 16,
									 .data = "c1.example.org.." };
	strcpy(ike->peer_cfg, "rw");
	ike->mid_initiate = 3;
	ike->mid_respond = 7;
	ike->vip_count = 1;
	ike->vips[0] = (ha_sync_addr_t){ .len = 4, .addr = { 203, 0, 113, 65 } };
	ike->child_count = 1;
	c = &ike->children[0];
	strcpy(c->cfg, "home");
	c->spi_in = 0xc1c2c3c4;
	c->spi_out = 0xd1d2d3d4;
	c->protocol = 3;
	c->mode = 2;
	c->encap = true;
	c->encr_alg = 20;
	c->encr_keylen = 128;
	c->encr_i_len = c->encr_r_len = 20;
	memset(c->encr_i, 0xe1, 20);
	memset(c->encr_r, 0xe2, 20);
	c->local_ts_count = 1;
	c->local_ts[0] = (ha_sync_ts_t){ .len = 4, .to_port = 65535,
									 .from = { 198, 51, 100, 0 },
									 .to = { 198, 51, 100, 255 } };
	c->remote_ts_count = 1;
	c->remote_ts[0] = (ha_sync_ts_t){ .len = 4, .to_port = 65535,
									  .from = { 203, 0, 113, 65 },
									  .to = { 203, 0, 113, 65 } };
}

/**
 * Decoded equals encoded: the decoded record encodes to the same bytes
 * (structs are not compared with memcmp, their padding is unspecified).
 */
static void assert_same(ha_sync_ike_t *ike, ha_sync_ike_t *back,
						uint8_t *buf, size_t len)
{
	static uint8_t again[HA_SYNC_RECORD_MAX];

	ck_assert_uint_eq(ha_sync_record_encode(back, again, sizeof(again)), len);
	ck_assert(memcmp(buf, again, len) == 0);
	ck_assert(memcmp(ike->secret, back->secret, ike->secret_len) == 0);
	ck_assert_int_eq(ike->child_count, back->child_count);
}

START_TEST(test_record_round_trip)
{
	static ha_sync_ike_t ike, back;
	uint8_t buf[HA_SYNC_RECORD_MAX];
	size_t len;

	sample_record(&ike);
	len = ha_sync_record_encode(&ike, buf, sizeof(buf));
	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(ha_sync_record_decode(buf, len, &back),
					 HA_SYNC_RECORD_OK);
	assert_same(&ike, &back, buf, len);
	ck_assert_int_eq(back.children[0].spi_in, 0xc1c2c3c4);
	ck_assert(back.children[0].encap);
	ck_assert_int_eq(back.mid_respond, 7);
	ck_assert_str_eq(back.peer_cfg, "rw");
	ck_assert_int_eq(back.vips[0].addr[3], 65);
}
END_TEST

/* the largest record there can be fits HA_SYNC_RECORD_MAX and a seal */
START_TEST(test_record_largest)
{
	static ha_sync_ike_t ike, back;
	static uint8_t buf[HA_SYNC_RECORD_MAX], sealed[HA_SYNC_SEALED_MAX];
	ha_sync_header_t h = { .type = 1, .sender = "a-member-name-of-32-characters--" };
	uint8_t k[HA_SYNC_KEY_LEN], nonce[HA_SYNC_NONCE_LEN] = { 0 };
	ha_sync_child_t *c;
	size_t len;
	int i, j;

	sample_record(&ike);
	ike.nonce_i_len = ike.nonce_r_len = HA_SYNC_NONCE_MAX;
	ike.secret_len = HA_SYNC_SECRET_MAX;
	ike.old_skd_len = HA_SYNC_SKD_MAX;
	ike.old_prf_alg = 7;
	ike.local_id.len = ike.remote_id.len = HA_SYNC_ID_MAX;
	memset(ike.peer_cfg, 'p', HA_SYNC_CFG_NAME_MAX);
	ike.local.len = ike.remote.len = 16;
	ike.vip_count = HA_SYNC_VIPS_MAX;
	for (i = 0; i < HA_SYNC_VIPS_MAX; i++)
	{
		ike.vips[i].len = 16;
	}
	ike.child_count = HA_SYNC_CHILDREN_MAX;
	for (i = 0; i < HA_SYNC_CHILDREN_MAX; i++)
	{
		c = &ike.children[i];
		*c = ike.children[0];
		memset(c->cfg, 'c', HA_SYNC_CFG_NAME_MAX);
		c->encr_i_len = c->encr_r_len = HA_SYNC_KEY_MAX;
		c->integ_i_len = c->integ_r_len = HA_SYNC_KEY_MAX;
		c->local_ts_count = c->remote_ts_count = HA_SYNC_TS_MAX;
		for (j = 0; j < HA_SYNC_TS_MAX; j++)
		{
			c->local_ts[j].len = c->remote_ts[j].len = 16;
		}
	}
	len = ha_sync_record_encode(&ike, buf, sizeof(buf));
	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(ha_sync_record_decode(buf, len, &back),
					 HA_SYNC_RECORD_OK);
	assert_same(&ike, &back, buf, len);
	key(k);
	ck_assert_uint_gt(ha_sync_seal(k, &h, nonce, buf, len, sealed,
								   sizeof(sealed)), 0);
}
END_TEST

START_TEST(test_record_encode_rejects)
{
	static ha_sync_ike_t ike;
	uint8_t buf[HA_SYNC_RECORD_MAX];

	sample_record(&ike);
	ike.nonce_i_len = 8;
	ck_assert_uint_eq(ha_sync_record_encode(&ike, buf, sizeof(buf)), 0);
	sample_record(&ike);
	ike.local.len = 5;
	ck_assert_uint_eq(ha_sync_record_encode(&ike, buf, sizeof(buf)), 0);
	sample_record(&ike);
	strcpy(ike.peer_cfg, "a name");
	ck_assert_uint_eq(ha_sync_record_encode(&ike, buf, sizeof(buf)), 0);
	sample_record(&ike);
	ike.children[0].remote_ts_count = 0;
	ck_assert_uint_eq(ha_sync_record_encode(&ike, buf, sizeof(buf)), 0);
	sample_record(&ike);
	ck_assert_uint_eq(ha_sync_record_encode(&ike, buf, 100), 0);
}
END_TEST

START_TEST(test_record_decode_rejects)
{
	static ha_sync_ike_t ike, back;
	uint8_t buf[HA_SYNC_RECORD_MAX], bad[HA_SYNC_RECORD_MAX + 16];
	size_t len, i;

	sample_record(&ike);
	len = ha_sync_record_encode(&ike, buf, sizeof(buf));
	/* a truncation fails, unless it cuts off whole optional fields at
	 * the end (VIPs, CHILD_SAs): then what decodes is exactly what is
	 * left (the seal, not the record, protects against truncation) */
	for (i = 0; i < len; i++)
	{
		if (ha_sync_record_decode(buf, i, &back) == HA_SYNC_RECORD_OK)
		{
			ck_assert_uint_eq(ha_sync_record_encode(&back, bad, sizeof(bad)),
							  i);
			ck_assert(memcmp(bad, buf, i) == 0);
			ck_assert_int_eq(back.child_count, 0);
		}
	}
	/* a second SPI_I */
	memcpy(bad, buf, len);
	memcpy(bad + len, buf, 12);
	ck_assert_int_eq(ha_sync_record_decode(bad, len + 12, &back),
					 HA_SYNC_RECORD_DUPLICATE);
	/* an unknown type */
	memcpy(bad, buf, len);
	memcpy(bad + len, "\x00\x63\x00\x00", 4);
	ck_assert_int_eq(ha_sync_record_decode(bad, len + 4, &back),
					 HA_SYNC_RECORD_UNKNOWN_TYPE);
	/* a SPI of 7 bytes */
	memcpy(bad, buf, len);
	bad[3] = 7;
	ck_assert_int_ne(ha_sync_record_decode(bad, len, &back),
					 HA_SYNC_RECORD_OK);
	/* the first TLV's length running past the end */
	memcpy(bad, buf, len);
	bad[2] = 0xff;
	ck_assert_int_eq(ha_sync_record_decode(bad, len, &back),
					 HA_SYNC_RECORD_BAD_LENGTH);
	ck_assert_str_eq(ha_sync_record_result_name(HA_SYNC_RECORD_MISSING),
					 "missing");
}
END_TEST

START_TEST(test_mid_sync_codec)
{
	uint8_t buf[MID_SYNC_DATA_LEN];
	uint8_t expected[] = {
		0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0x00, 0x05,
		0x00, 0x01, 0x00, 0x02,
	};
	uint32_t nonce, send, recv;

	mid_sync_encode(buf, 0xdeadbeef, 5, 0x10002);
	ck_assert(memcmp(buf, expected, sizeof(buf)) == 0);
	ck_assert(mid_sync_decode(buf, sizeof(buf), &nonce, &send, &recv));
	ck_assert_uint_eq(nonce, 0xdeadbeef);
	ck_assert_uint_eq(send, 5);
	ck_assert_uint_eq(recv, 0x10002);
	ck_assert(!mid_sync_decode(buf, sizeof(buf) - 1, &nonce, &send, &recv));
	ck_assert(!mid_sync_decode(buf, sizeof(buf) + 1, &nonce, &send, &recv));
}
END_TEST

START_TEST(test_mid_sync_jump)
{
	ck_assert_uint_eq(mid_sync_jump(0), 1 + MID_SYNC_JUMP);
	ck_assert_uint_eq(mid_sync_jump(7), 7 + MID_SYNC_JUMP);
	ck_assert_uint_eq(mid_sync_jump(UINT32_MAX - 2 - MID_SYNC_JUMP),
					  UINT32_MAX - 2);
	ck_assert_uint_eq(mid_sync_jump(UINT32_MAX - 1 - MID_SYNC_JUMP),
					  UINT32_MAX - 1);
	ck_assert_uint_eq(mid_sync_jump(UINT32_MAX), UINT32_MAX - 1);
}
END_TEST

START_TEST(test_mid_sync_answer)
{
	uint8_t answer[MID_SYNC_DATA_LEN];
	uint32_t initiate, respond;

	/* the peer sent requests the replicated state did not see: its next
	 * request (6) is what we expect, what it expects from us (3) wins */
	initiate = 1; respond = 2;
	mid_sync_encode(answer, 42, 6, 3);
	ck_assert(mid_sync_answer(42, answer, sizeof(answer), &initiate,
							  &respond) == NULL);
	ck_assert_uint_eq(initiate, 3);
	ck_assert_uint_eq(respond, 6);

	/* lower values never move ours back */
	initiate = 10; respond = 20;
	mid_sync_encode(answer, 42, 1, 1);
	ck_assert(mid_sync_answer(42, answer, sizeof(answer), &initiate,
							  &respond) == NULL);
	ck_assert_uint_eq(initiate, 10);
	ck_assert_uint_eq(respond, 20);

	/* refused answers change nothing */
	initiate = 1; respond = 2;
	mid_sync_encode(answer, 43, 6, 3);
	ck_assert_str_eq(mid_sync_answer(42, answer, sizeof(answer), &initiate,
									 &respond), "nonce does not match");
	ck_assert_str_eq(mid_sync_answer(42, answer, 11, &initiate, &respond),
					 "notify data of wrong length");
	ck_assert_str_eq(mid_sync_answer(42, NULL, 0, &initiate, &respond),
					 "no IKEV2_MESSAGE_ID_SYNC notify in the answer");
	mid_sync_encode(answer, 42, UINT32_MAX, 3);
	ck_assert_str_eq(mid_sync_answer(42, answer, sizeof(answer), &initiate,
									 &respond),
					 "message ID at the end of its space");
	ck_assert_uint_eq(initiate, 1);
	ck_assert_uint_eq(respond, 2);
}
END_TEST

START_TEST(test_index_parts)
{
	uint8_t msg[HA_SYNC_INDEX_HEADER_LEN + 32];
	ha_sync_index_t index;

	memset(msg, 0xee, sizeof(msg));
	ha_sync_index_header(msg, 0x01020304, 2, 3);
	ck_assert(ha_sync_index_parse(msg, sizeof(msg), &index));
	ck_assert_uint_eq(index.generation, 0x01020304);
	ck_assert_uint_eq(index.part, 2);
	ck_assert_uint_eq(index.parts, 3);
	ck_assert_uint_eq(index.count, 2);
	ck_assert(index.spis == msg + HA_SYNC_INDEX_HEADER_LEN);
	/* an empty index of one part: the sender has no IKE_SA */
	ha_sync_index_header(msg, 7, 0, 1);
	ck_assert(ha_sync_index_parse(msg, HA_SYNC_INDEX_HEADER_LEN, &index));
	ck_assert_uint_eq(index.count, 0);

	/* refused: short, SPIs cut, part beyond parts, no or too many parts */
	ck_assert(!ha_sync_index_parse(msg, HA_SYNC_INDEX_HEADER_LEN - 1, &index));
	ck_assert(!ha_sync_index_parse(msg, HA_SYNC_INDEX_HEADER_LEN + 15,
								   &index));
	ha_sync_index_header(msg, 7, 3, 3);
	ck_assert(!ha_sync_index_parse(msg, sizeof(msg), &index));
	ha_sync_index_header(msg, 7, 0, 0);
	ck_assert(!ha_sync_index_parse(msg, sizeof(msg), &index));
	ha_sync_index_header(msg, 7, 0, HA_SYNC_INDEX_PARTS_MAX + 1);
	ck_assert(!ha_sync_index_parse(msg, sizeof(msg), &index));
	ha_sync_index_header(msg, 7, HA_SYNC_INDEX_PARTS_MAX - 1,
						 HA_SYNC_INDEX_PARTS_MAX);
	ck_assert(ha_sync_index_parse(msg, sizeof(msg), &index));
}
END_TEST

Suite *ha_sync_suite(void)
{
	Suite *s = suite_create("ha_sync");
	TCase *tc;

	tc = tcase_create("seal");
	tcase_add_test(tc, test_key_differs_from_load_key);
	tcase_add_test(tc, test_seal_open);
	tcase_add_test(tc, test_open_every_bit);
	tcase_add_test(tc, test_open_reasons);
	tcase_add_test(tc, test_seal_limits);
	suite_add_tcase(s, tc);

	tc = tcase_create("record");
	tcase_add_test(tc, test_record_round_trip);
	tcase_add_test(tc, test_record_largest);
	tcase_add_test(tc, test_record_encode_rejects);
	tcase_add_test(tc, test_record_decode_rejects);
	tcase_add_test(tc, test_index_parts);
	suite_add_tcase(s, tc);

	tc = tcase_create("mid_sync");
	tcase_add_test(tc, test_mid_sync_codec);
	tcase_add_test(tc, test_mid_sync_jump);
	tcase_add_test(tc, test_mid_sync_answer);
	suite_add_tcase(s, tc);
	return s;
}
