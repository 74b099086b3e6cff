/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ike_redirect ike_redirect
 * @{ @ingroup common
 *
 * Stateless IKE_SA_INIT redirects (RFC 5685 section 4.2): reads just enough
 * of an IKE_SA_INIT request to answer it with HDR, N(REDIRECT) and builds
 * that answer. Pure code without strongSwan, unit-tested and fuzzed.
 */

#ifndef IKE_REDIRECT_H_
#define IKE_REDIRECT_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cluster_msg.h"

/** fixed IKE header */
#define IKE_HEADER_LEN 28
/** nonce lengths RFC 7296 allows */
#define IKE_NONCE_MIN 16
#define IKE_NONCE_MAX 256
/** the longest answer ike_redirect_build() writes */
#define IKE_REDIRECT_ANSWER_MAX (IKE_HEADER_LEN + 8 + 2 + CLUSTER_ADDR_MAX + \
								 IKE_NONCE_MAX)

typedef enum ike_init_result_t ike_init_result_t;
typedef struct ike_init_request_t ike_init_request_t;

/**
 * What a datagram is, as far as a stateless redirect cares.
 */
enum ike_init_result_t {
	/** a well-formed IKE_SA_INIT request with a nonce */
	IKE_INIT_REQUEST = 0,
	/** an IKE message, but not the first request of an IKE_SA */
	IKE_INIT_OTHER,
	/** too short, bad lengths or a bad payload chain */
	IKE_INIT_MALFORMED,
	IKE_INIT_RESULT_MAX,
};

/**
 * The parts of an IKE_SA_INIT request a redirect needs.
 */
struct ike_init_request_t {
	/** initiator's SPI, as on the wire */
	uint8_t spi_i[8];
	/** initiator's nonce (points into the parsed datagram) */
	const uint8_t *nonce;
	size_t nonce_len;
	/** N(REDIRECT_SUPPORTED) present */
	bool redirect_supported;
	/** N(REDIRECTED_FROM) present */
	bool redirected_from;
	/** N(COOKIE) present */
	bool cookie;
	/** its data (points into the parsed datagram) */
	const uint8_t *cookie_data;
	size_t cookie_len;
};

/**
 * Parse an IKE datagram received on the IKE port (no non-ESP marker).
 *
 * @param data		datagram
 * @param len		its length
 * @param req		filled in for IKE_INIT_REQUEST
 * @return			what the datagram is
 */
ike_init_result_t ike_redirect_parse(const uint8_t *data, size_t len,
									 ike_init_request_t *req);

/**
 * Build the answer HDR(SPIi, 0), N(REDIRECT(gateway, Ni)).
 *
 * @param req		the parsed request
 * @param gateway	where the client goes
 * @param out		buffer of at least IKE_REDIRECT_ANSWER_MAX bytes
 * @param out_len	its length
 * @return			bytes written, 0 if the gateway is invalid or out short
 */
size_t ike_redirect_build(const ike_init_request_t *req,
						  const cluster_addr_t *gateway, uint8_t *out,
						  size_t out_len);

/** length of the cookies ike_cookie_make() makes: a secret version byte
 * and 16 bytes of HMAC-SHA256 */
#define IKE_COOKIE_LEN 17
/** length of a cookie secret */
#define IKE_COOKIE_SECRET_LEN 32
/** the longest answer ike_cookie_build() writes */
#define IKE_COOKIE_ANSWER_MAX (IKE_HEADER_LEN + 8 + IKE_COOKIE_LEN)

/**
 * Make the cookie for a request (RFC 7296 section 2.6): the version of the
 * secret, then HMAC-SHA256 under the secret over Ni | IPi | SPIi, cut to
 * 16 bytes. Only who receives at IPi can send it back.
 *
 * @param secret	IKE_COOKIE_SECRET_LEN bytes
 * @param version	the secret's version, first byte of the cookie
 * @param req		the parsed request
 * @param ip		the request's source address (4 or 16 bytes)
 * @param ip_len	its length
 * @param cookie	receives IKE_COOKIE_LEN bytes
 * @return			FALSE if the request has no nonce
 */
bool ike_cookie_make(const uint8_t *secret, uint8_t version,
					 const ike_init_request_t *req, const uint8_t *ip,
					 size_t ip_len, uint8_t *cookie);

/**
 * Check the cookie a request carries against a secret, in constant time.
 *
 * @return			TRUE if the request carries the cookie ike_cookie_make()
 *					makes with this secret and version
 */
bool ike_cookie_check(const uint8_t *secret, uint8_t version,
					  const ike_init_request_t *req, const uint8_t *ip,
					  size_t ip_len);

/**
 * Build the answer HDR(SPIi, 0), N(COOKIE).
 *
 * @param req		the parsed request
 * @param cookie	IKE_COOKIE_LEN bytes
 * @param out		buffer of at least IKE_COOKIE_ANSWER_MAX bytes
 * @param out_len	its length
 * @return			bytes written, 0 if out is short
 */
size_t ike_cookie_build(const ike_init_request_t *req, const uint8_t *cookie,
						uint8_t *out, size_t out_len);

/**
 * Name of a parse result, for counters.
 */
const char *ike_init_result_name(ike_init_result_t result);

#endif /** IKE_REDIRECT_H_ @}*/
