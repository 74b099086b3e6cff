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

#include "ike_redirect.h"

/* a request built payload by payload, as an initiator sends it */
typedef struct {
	uint8_t data[1024];
	size_t len;
	uint8_t *last_next;
} request_t;

static void request_start(request_t *r)
{
	memset(r, 0, sizeof(*r));
	memcpy(r->data, "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
	r->data[17] = 0x20;
	r->data[18] = 34;
	r->data[19] = 0x08;
	r->len = IKE_HEADER_LEN;
	r->last_next = &r->data[16];
}

static void request_add(request_t *r, uint8_t type, const uint8_t *body,
						size_t len)
{
	uint8_t *p = r->data + r->len;

	*r->last_next = type;
	p[0] = 0;
	p[1] = 0;
	p[2] = (len + 4) >> 8;
	p[3] = (len + 4) & 0xff;
	memcpy(p + 4, body, len);
	r->last_next = p;
	r->len += len + 4;
}

static void request_notify(request_t *r, uint16_t type)
{
	uint8_t body[4] = { 0, 0, type >> 8, type & 0xff };

	request_add(r, 41, body, sizeof(body));
}

static void request_finish(request_t *r)
{
	r->data[24] = r->len >> 24;
	r->data[25] = (r->len >> 16) & 0xff;
	r->data[26] = (r->len >> 8) & 0xff;
	r->data[27] = r->len & 0xff;
}

/* SA, KE, Ni, as charon sends them */
static void request_sa_ke_nonce(request_t *r)
{
	uint8_t sa[40] = { 0 }, ke[36] = { 0, 31 }, nonce[32];

	memset(nonce, 0xab, sizeof(nonce));
	request_add(r, 33, sa, sizeof(sa));
	request_add(r, 34, ke, sizeof(ke));
	request_add(r, 40, nonce, sizeof(nonce));
}

/* SA, KE, Ni, N(NAT_DETECTION_*), N(REDIRECT_SUPPORTED), like charon */
static void typical_request(request_t *r)
{
	uint8_t nat[24] = { 0, 0, 0x40, 0x04 };

	request_start(r);
	request_sa_ke_nonce(r);
	request_add(r, 41, nat, sizeof(nat));
	request_notify(r, 16406);
	request_finish(r);
}

START_TEST(test_parse_typical)
{
	ike_init_request_t req;
	request_t r;

	typical_request(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_REQUEST);
	ck_assert(memcmp(req.spi_i, "\x11\x22\x33\x44\x55\x66\x77\x88", 8) == 0);
	ck_assert_uint_eq(req.nonce_len, 32);
	ck_assert_int_eq(req.nonce[0], 0xab);
	ck_assert(req.redirect_supported);
	ck_assert(!req.redirected_from);
	ck_assert(!req.cookie);
}
END_TEST

START_TEST(test_parse_flags)
{
	ike_init_request_t req;
	uint8_t nonce[16] = { 1 };
	request_t r;

	request_start(&r);
	request_notify(&r, 16390);
	request_add(&r, 40, nonce, sizeof(nonce));
	request_notify(&r, 16408);
	request_finish(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_REQUEST);
	ck_assert(!req.redirect_supported);
	ck_assert(req.redirected_from);
	ck_assert(req.cookie);
}
END_TEST

/* not the first request of an IKE_SA: left to charon */
START_TEST(test_parse_other)
{
	ike_init_request_t req;
	request_t r;

	typical_request(&r);
	r.data[19] = 0x20;							/* a response */
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req), IKE_INIT_OTHER);
	typical_request(&r);
	r.data[18] = 35;							/* IKE_AUTH */
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req), IKE_INIT_OTHER);
	typical_request(&r);
	r.data[8] = 1;								/* responder SPI set */
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req), IKE_INIT_OTHER);
	typical_request(&r);
	r.data[23] = 1;								/* message ID 1 */
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req), IKE_INIT_OTHER);
	typical_request(&r);
	r.data[17] = 0x10;							/* IKEv1 */
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req), IKE_INIT_OTHER);
	typical_request(&r);
	memset(r.data, 0, 8);						/* no initiator SPI */
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req), IKE_INIT_OTHER);
}
END_TEST

START_TEST(test_parse_malformed)
{
	ike_init_request_t req;
	uint8_t nonce[16] = { 0 }, small[15] = { 0 };
	request_t r;

	typical_request(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, 27, &req),
					 IKE_INIT_MALFORMED);
	/* header length and datagram disagree */
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len - 1, &req),
					 IKE_INIT_MALFORMED);
	/* a payload running past the end */
	typical_request(&r);
	r.data[IKE_HEADER_LEN + 3] += 200;
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_MALFORMED);
	/* a payload shorter than its own header */
	typical_request(&r);
	r.data[IKE_HEADER_LEN + 2] = 0;
	r.data[IKE_HEADER_LEN + 3] = 3;
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_MALFORMED);
	/* no nonce */
	request_start(&r);
	request_notify(&r, 16406);
	request_finish(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_MALFORMED);
	/* nonce too short, and two nonces */
	request_start(&r);
	request_add(&r, 40, small, sizeof(small));
	request_finish(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_MALFORMED);
	request_start(&r);
	request_add(&r, 40, nonce, sizeof(nonce));
	request_add(&r, 40, nonce, sizeof(nonce));
	request_finish(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_MALFORMED);
	/* bytes after the last payload */
	request_start(&r);
	request_add(&r, 40, nonce, sizeof(nonce));
	r.len += 4;
	request_finish(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_MALFORMED);
	/* a notify too short for its SPI */
	request_start(&r);
	request_add(&r, 40, nonce, sizeof(nonce));
	request_add(&r, 41, (uint8_t*)"\x00\x08\x40\x06", 4);
	request_finish(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_MALFORMED);
}
END_TEST

START_TEST(test_build_ipv4)
{
	cluster_addr_t gw = { .type = CLUSTER_ADDR_IPV4, .len = 4,
						  .data = { 192, 0, 2, 3 } };
	uint8_t out[IKE_REDIRECT_ANSWER_MAX];
	ike_init_request_t req;
	request_t r;
	size_t len;

	typical_request(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_REQUEST);
	len = ike_redirect_build(&req, &gw, out, sizeof(out));
	/* header, notify header and fixed part, type, length, address, Ni */
	ck_assert_uint_eq(len, 28 + 8 + 2 + 4 + 32);
	ck_assert(memcmp(out, r.data, 8) == 0);
	ck_assert(memcmp(out + 8, "\0\0\0\0\0\0\0\0", 8) == 0);
	ck_assert_int_eq(out[16], 41);
	ck_assert_int_eq(out[17], 0x20);
	ck_assert_int_eq(out[18], 34);
	ck_assert_int_eq(out[19], 0x20);
	ck_assert(memcmp(out + 20, "\0\0\0\0", 4) == 0);
	ck_assert_int_eq(out[27], len);
	ck_assert_int_eq(out[28], 0);
	ck_assert_int_eq(out[31], len - 28);
	ck_assert_int_eq(out[34] << 8 | out[35], 16407);
	ck_assert_int_eq(out[36], 1);
	ck_assert_int_eq(out[37], 4);
	ck_assert(memcmp(out + 38, gw.data, 4) == 0);
	ck_assert(memcmp(out + 42, req.nonce, 32) == 0);
}
END_TEST

START_TEST(test_build_fqdn_and_limits)
{
	cluster_addr_t gw = { .type = CLUSTER_ADDR_FQDN, .len = 11,
						  .data = "gw2.example" };
	uint8_t out[IKE_REDIRECT_ANSWER_MAX];
	ike_init_request_t req;
	request_t r;
	size_t len;

	typical_request(&r);
	ike_redirect_parse(r.data, r.len, &req);
	len = ike_redirect_build(&req, &gw, out, sizeof(out));
	ck_assert_uint_eq(len, 28 + 10 + 11 + 32);
	ck_assert_int_eq(out[36], 3);
	ck_assert(memcmp(out + 38, "gw2.example", 11) == 0);
	/* too small a buffer, a bad gateway, no nonce */
	ck_assert_uint_eq(ike_redirect_build(&req, &gw, out, len - 1), 0);
	gw.type = CLUSTER_ADDR_IPV4;
	ck_assert_uint_eq(ike_redirect_build(&req, &gw, out, sizeof(out)), 0);
	gw.type = 9;
	ck_assert_uint_eq(ike_redirect_build(&req, &gw, out, sizeof(out)), 0);
	gw.type = CLUSTER_ADDR_IPV6;
	gw.len = 16;
	req.nonce = NULL;
	ck_assert_uint_eq(ike_redirect_build(&req, &gw, out, sizeof(out)), 0);
}
END_TEST

/* a request retried with the cookie first, as RFC 7296 section 2.6 asks */
static void request_with_cookie(request_t *r, const uint8_t *cookie,
								size_t len)
{
	uint8_t body[4 + 64] = { 0, 0, 0x40, 0x06 };

	memcpy(body + 4, cookie, len);
	request_start(r);
	request_add(r, 41, body, 4 + len);
	request_sa_ke_nonce(r);
	request_notify(r, 16406);
	request_finish(r);
}

START_TEST(test_cookie_round_trip)
{
	uint8_t secret[IKE_COOKIE_SECRET_LEN], other[IKE_COOKIE_SECRET_LEN];
	uint8_t ip[4] = { 192, 0, 2, 101 }, ip2[4] = { 192, 0, 2, 102 };
	uint8_t cookie[IKE_COOKIE_LEN], bad[IKE_COOKIE_LEN];
	ike_init_request_t first, again;
	request_t r;

	memset(secret, 0x5a, sizeof(secret));
	memset(other, 0x5b, sizeof(other));
	typical_request(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &first),
					 IKE_INIT_REQUEST);
	ck_assert(!first.cookie && !first.cookie_data);
	ck_assert(ike_cookie_make(secret, 3, &first, ip, sizeof(ip), cookie));
	ck_assert_int_eq(cookie[0], 3);

	request_with_cookie(&r, cookie, sizeof(cookie));
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &again),
					 IKE_INIT_REQUEST);
	ck_assert(again.cookie);
	ck_assert_uint_eq(again.cookie_len, IKE_COOKIE_LEN);
	ck_assert(memcmp(again.cookie_data, cookie, IKE_COOKIE_LEN) == 0);
	ck_assert(again.redirect_supported);
	ck_assert(ike_cookie_check(secret, 3, &again, ip, sizeof(ip)));

	/* another source, secret or version, or a changed byte: refused */
	ck_assert(!ike_cookie_check(secret, 3, &again, ip2, sizeof(ip2)));
	ck_assert(!ike_cookie_check(other, 3, &again, ip, sizeof(ip)));
	ck_assert(!ike_cookie_check(secret, 4, &again, ip, sizeof(ip)));
	memcpy(bad, cookie, sizeof(bad));
	bad[IKE_COOKIE_LEN - 1] ^= 1;
	request_with_cookie(&r, bad, sizeof(bad));
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &again),
					 IKE_INIT_REQUEST);
	ck_assert(!ike_cookie_check(secret, 3, &again, ip, sizeof(ip)));
	/* a cookie of another length */
	request_with_cookie(&r, cookie, sizeof(cookie) - 1);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &again),
					 IKE_INIT_REQUEST);
	ck_assert(!ike_cookie_check(secret, 3, &again, ip, sizeof(ip)));
	/* without a cookie */
	ck_assert(!ike_cookie_check(secret, 3, &first, ip, sizeof(ip)));
	/* the source address must be IPv4 or IPv6 */
	ck_assert(!ike_cookie_make(secret, 3, &first, ip, 3, cookie));
}
END_TEST

START_TEST(test_cookie_build)
{
	uint8_t cookie[IKE_COOKIE_LEN], out[IKE_COOKIE_ANSWER_MAX];
	ike_init_request_t req;
	request_t r;
	size_t len;

	memset(cookie, 0xc5, sizeof(cookie));
	typical_request(&r);
	ck_assert_int_eq(ike_redirect_parse(r.data, r.len, &req),
					 IKE_INIT_REQUEST);
	ck_assert_uint_eq(ike_cookie_build(&req, cookie, out, sizeof(out) - 1),
					  0);
	len = ike_cookie_build(&req, cookie, out, sizeof(out));
	ck_assert_uint_eq(len, IKE_COOKIE_ANSWER_MAX);
	ck_assert(memcmp(out, req.spi_i, 8) == 0);
	ck_assert(memcmp(out + 8, "\0\0\0\0\0\0\0\0", 8) == 0);
	ck_assert_int_eq(out[16], 41);
	ck_assert_int_eq(out[18], 34);
	ck_assert_int_eq(out[19], 0x20);
	ck_assert_uint_eq((out[26] << 8) | out[27], len);
	/* N(COOKIE) without protocol or SPI, then the cookie */
	ck_assert_int_eq(out[28], 0);
	ck_assert_uint_eq((out[30] << 8) | out[31], 8 + IKE_COOKIE_LEN);
	ck_assert_uint_eq((out[34] << 8) | out[35], 16390);
	ck_assert(memcmp(out + 36, cookie, IKE_COOKIE_LEN) == 0);
	/* an answer is not a request */
	ck_assert_int_eq(ike_redirect_parse(out, len, &req), IKE_INIT_OTHER);
}
END_TEST

Suite *ike_redirect_suite(void)
{
	Suite *s = suite_create("ike_redirect");
	TCase *tc = tcase_create("parse and build");

	tcase_add_test(tc, test_parse_typical);
	tcase_add_test(tc, test_parse_flags);
	tcase_add_test(tc, test_parse_other);
	tcase_add_test(tc, test_parse_malformed);
	tcase_add_test(tc, test_build_ipv4);
	tcase_add_test(tc, test_build_fqdn_and_limits);
	tcase_add_test(tc, test_cookie_round_trip);
	tcase_add_test(tc, test_cookie_build);
	suite_add_tcase(s, tc);
	return s;
}
