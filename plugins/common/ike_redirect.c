/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ike_redirect.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

/* RFC 7296 numbers */
#define IKE_VERSION_MAJOR 2
#define IKE_SA_INIT 34
#define FLAG_INITIATOR 0x08
#define FLAG_RESPONSE 0x20
#define PAYLOAD_NONE 0
#define PAYLOAD_NONCE 40
#define PAYLOAD_NOTIFY 41
/* generic payload header and the fixed part of a notify */
#define PAYLOAD_HEADER_LEN 4
#define NOTIFY_FIXED_LEN 4
/* RFC 7296 and RFC 5685 notify types */
#define NOTIFY_COOKIE 16390
#define NOTIFY_REDIRECT_SUPPORTED 16406
#define NOTIFY_REDIRECT 16407
#define NOTIFY_REDIRECTED_FROM 16408

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		   (uint32_t)p[2] << 8 | p[3];
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/**
 * Note what a notify payload body says.
 */
static bool parse_notify(const uint8_t *body, size_t len,
						 ike_init_request_t *req)
{
	uint8_t spi_size;

	if (len < NOTIFY_FIXED_LEN)
	{
		return false;
	}
	spi_size = body[1];
	if (len < (size_t)NOTIFY_FIXED_LEN + spi_size)
	{
		return false;
	}
	switch (get16(body + 2))
	{
		case NOTIFY_REDIRECT_SUPPORTED:
			req->redirect_supported = true;
			break;
		case NOTIFY_REDIRECTED_FROM:
			req->redirected_from = true;
			break;
		case NOTIFY_COOKIE:
			req->cookie = true;
			req->cookie_data = body + NOTIFY_FIXED_LEN + spi_size;
			req->cookie_len = len - NOTIFY_FIXED_LEN - spi_size;
			break;
		default:
			break;
	}
	return true;
}

ike_init_result_t ike_redirect_parse(const uint8_t *data, size_t len,
									 ike_init_request_t *req)
{
	static const uint8_t zero_spi[8];
	const uint8_t *pos;
	size_t left, plen;
	uint8_t next;

	memset(req, 0, sizeof(*req));
	if (len < IKE_HEADER_LEN)
	{
		return IKE_INIT_MALFORMED;
	}
	if (get32(data + 24) != len)
	{
		return IKE_INIT_MALFORMED;
	}
	/* anything but the first request of an IKEv2 SA is charon's business */
	if (data[17] >> 4 != IKE_VERSION_MAJOR || data[18] != IKE_SA_INIT ||
		(data[19] & (FLAG_INITIATOR | FLAG_RESPONSE)) != FLAG_INITIATOR ||
		get32(data + 20) != 0 || memcmp(data + 8, zero_spi, 8) != 0 ||
		memcmp(data, zero_spi, 8) == 0)
	{
		return IKE_INIT_OTHER;
	}
	memcpy(req->spi_i, data, 8);

	next = data[16];
	pos = data + IKE_HEADER_LEN;
	left = len - IKE_HEADER_LEN;
	while (next != PAYLOAD_NONE)
	{
		if (left < PAYLOAD_HEADER_LEN)
		{
			return IKE_INIT_MALFORMED;
		}
		plen = get16(pos + 2);
		if (plen < PAYLOAD_HEADER_LEN || plen > left)
		{
			return IKE_INIT_MALFORMED;
		}
		switch (next)
		{
			case PAYLOAD_NONCE:
				if (req->nonce)
				{	/* one nonce only */
					return IKE_INIT_MALFORMED;
				}
				req->nonce = pos + PAYLOAD_HEADER_LEN;
				req->nonce_len = plen - PAYLOAD_HEADER_LEN;
				if (req->nonce_len < IKE_NONCE_MIN ||
					req->nonce_len > IKE_NONCE_MAX)
				{
					return IKE_INIT_MALFORMED;
				}
				break;
			case PAYLOAD_NOTIFY:
				if (!parse_notify(pos + PAYLOAD_HEADER_LEN,
								  plen - PAYLOAD_HEADER_LEN, req))
				{
					return IKE_INIT_MALFORMED;
				}
				break;
			default:
				break;
		}
		next = pos[0];
		pos += plen;
		left -= plen;
	}
	if (left != 0 || !req->nonce)
	{
		return IKE_INIT_MALFORMED;
	}
	return IKE_INIT_REQUEST;
}

/**
 * Write the header of a stateless answer, HDR(SPIi, 0) with one notify of
 * notify_len bytes, and that notify's fixed part; returns where its data
 * goes.
 */
static uint8_t *write_answer(const ike_init_request_t *req, uint8_t *out,
							 size_t total, size_t notify_len,
							 uint16_t notify)
{
	/* the responder SPI stays zero, as no state is kept for it */
	memset(out, 0, IKE_HEADER_LEN);
	memcpy(out, req->spi_i, 8);
	out[16] = PAYLOAD_NOTIFY;
	out[17] = IKE_VERSION_MAJOR << 4;
	out[18] = IKE_SA_INIT;
	out[19] = FLAG_RESPONSE;
	put32(out + 24, (uint32_t)total);

	out += IKE_HEADER_LEN;
	out[0] = PAYLOAD_NONE;
	out[1] = 0;
	put16(out + 2, (uint16_t)notify_len);
	out[4] = 0;	/* protocol: none, SPI size 0 */
	out[5] = 0;
	put16(out + 6, notify);
	return out + PAYLOAD_HEADER_LEN + NOTIFY_FIXED_LEN;
}

size_t ike_redirect_build(const ike_init_request_t *req,
						  const cluster_addr_t *gateway, uint8_t *out,
						  size_t out_len)
{
	size_t notify_len, total;
	uint8_t *p;

	switch (gateway->type)
	{
		case CLUSTER_ADDR_IPV4:
			if (gateway->len != 4)
			{
				return 0;
			}
			break;
		case CLUSTER_ADDR_IPV6:
			if (gateway->len != 16)
			{
				return 0;
			}
			break;
		case CLUSTER_ADDR_FQDN:
			if (gateway->len == 0 || gateway->len > CLUSTER_ADDR_MAX)
			{
				return 0;
			}
			break;
		default:
			return 0;
	}
	if (!req->nonce || req->nonce_len < IKE_NONCE_MIN ||
		req->nonce_len > IKE_NONCE_MAX)
	{
		return 0;
	}
	notify_len = PAYLOAD_HEADER_LEN + NOTIFY_FIXED_LEN + 2 + gateway->len +
				 req->nonce_len;
	total = IKE_HEADER_LEN + notify_len;
	if (out_len < total)
	{
		return 0;
	}
	p = write_answer(req, out, total, notify_len, NOTIFY_REDIRECT);
	p[0] = gateway->type;
	p[1] = gateway->len;
	memcpy(p + 2, gateway->data, gateway->len);
	memcpy(p + 2 + gateway->len, req->nonce, req->nonce_len);
	return total;
}

const char *ike_init_result_name(ike_init_result_t result)
{
	static const char *names[] = {
		[IKE_INIT_REQUEST] = "request",
		[IKE_INIT_OTHER] = "other",
		[IKE_INIT_MALFORMED] = "malformed",
	};

	if (result < IKE_INIT_RESULT_MAX)
	{
		return names[result];
	}
	return "unknown";
}

bool ike_cookie_make(const uint8_t *secret, uint8_t version,
					 const ike_init_request_t *req, const uint8_t *ip,
					 size_t ip_len, uint8_t *cookie)
{
	uint8_t input[IKE_NONCE_MAX + 16 + 8], mac[EVP_MAX_MD_SIZE];
	unsigned int mac_len = 0;
	size_t len;
	bool ok;

	if (!req->nonce || req->nonce_len < IKE_NONCE_MIN ||
		req->nonce_len > IKE_NONCE_MAX || (ip_len != 4 && ip_len != 16))
	{
		return false;
	}
	memcpy(input, req->nonce, req->nonce_len);
	memcpy(input + req->nonce_len, ip, ip_len);
	memcpy(input + req->nonce_len + ip_len, req->spi_i, sizeof(req->spi_i));
	len = req->nonce_len + ip_len + sizeof(req->spi_i);
	ok = HMAC(EVP_sha256(), secret, IKE_COOKIE_SECRET_LEN, input, len, mac,
			  &mac_len) && mac_len >= IKE_COOKIE_LEN - 1;
	if (ok)
	{
		cookie[0] = version;
		memcpy(cookie + 1, mac, IKE_COOKIE_LEN - 1);
	}
	OPENSSL_cleanse(mac, sizeof(mac));
	return ok;
}

bool ike_cookie_check(const uint8_t *secret, uint8_t version,
					  const ike_init_request_t *req, const uint8_t *ip,
					  size_t ip_len)
{
	uint8_t expected[IKE_COOKIE_LEN];

	if (!req->cookie_data || req->cookie_len != IKE_COOKIE_LEN ||
		req->cookie_data[0] != version ||
		!ike_cookie_make(secret, version, req, ip, ip_len, expected))
	{
		return false;
	}
	return CRYPTO_memcmp(expected, req->cookie_data, IKE_COOKIE_LEN) == 0;
}

size_t ike_cookie_build(const ike_init_request_t *req, const uint8_t *cookie,
						uint8_t *out, size_t out_len)
{
	size_t notify_len, total;
	uint8_t *p;

	notify_len = PAYLOAD_HEADER_LEN + NOTIFY_FIXED_LEN + IKE_COOKIE_LEN;
	total = IKE_HEADER_LEN + notify_len;
	if (out_len < total)
	{
		return 0;
	}
	p = write_answer(req, out, total, notify_len, NOTIFY_COOKIE);
	memcpy(p, cookie, IKE_COOKIE_LEN);
	return total;
}
