/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * libFuzzer harness for the stateless IKE_SA_INIT redirect: any datagram
 * the director's fast path receives on a VIP goes through the parser, and
 * every request it accepts gets an answer; a cookie it carries is checked
 * (never accepted by chance) and a fresh one is accepted.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ike_redirect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cluster_addr_t gw = { .type = CLUSTER_ADDR_IPV4, .len = 4,
						  .data = { 192, 0, 2, 3 } };
	uint8_t out[IKE_REDIRECT_ANSWER_MAX], secret[IKE_COOKIE_SECRET_LEN];
	uint8_t ip[4] = { 192, 0, 2, 101 }, cookie[IKE_COOKIE_LEN];
	uint8_t answer[IKE_COOKIE_ANSWER_MAX];
	ike_init_request_t req, with;
	size_t len;

	if (ike_redirect_parse(data, size, &req) != IKE_INIT_REQUEST)
	{
		return 0;
	}
	/* the nonce lies inside the datagram and has a valid length */
	if (req.nonce < data || req.nonce + req.nonce_len > data + size ||
		req.nonce_len < IKE_NONCE_MIN || req.nonce_len > IKE_NONCE_MAX)
	{
		abort();
	}
	if (req.cookie_data &&
		(req.cookie_data < data ||
		 req.cookie_data + req.cookie_len > data + size))
	{
		abort();
	}
	memset(secret, 0x42, sizeof(secret));
	if (ike_cookie_check(secret, 1, &req, ip, sizeof(ip)) ||
		!ike_cookie_make(secret, 1, &req, ip, sizeof(ip), cookie) ||
		ike_cookie_build(&req, cookie, answer, sizeof(answer)) !=
			IKE_COOKIE_ANSWER_MAX)
	{	/* a fuzzer does not guess a 128-bit MAC */
		abort();
	}
	with = req;
	with.cookie_data = cookie;
	with.cookie_len = sizeof(cookie);
	if (!ike_cookie_check(secret, 1, &with, ip, sizeof(ip)))
	{
		abort();
	}
	len = ike_redirect_build(&req, &gw, out, sizeof(out));
	if (len != IKE_HEADER_LEN + 10 + gw.len + req.nonce_len ||
		memcmp(out, data, 8) != 0 ||
		memcmp(out + len - req.nonce_len, req.nonce, req.nonce_len) != 0)
	{
		abort();
	}
	/* the answer is no request, so it can never be redirected in turn */
	if (ike_redirect_parse(out, len, &req) != IKE_INIT_OTHER)
	{
		abort();
	}
	return 0;
}
