/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_msg cluster_msg
 * @{ @ingroup common
 *
 * Wire codec of the cluster channel: load reports, authenticated with
 * HMAC-SHA256 under a key derived from the cluster secret.
 *
 * Pure C without charon globals, so unit tests and fuzzers drive it
 * directly. All multi-byte fields are in network order:
 *
 *   0  magic "SCL" (3) | version (1) = 1
 *   4  type (1) = 1 (load report) | flags (1) | weight (2)
 *   8  counter (8): the sender's clock in microseconds, strictly
 *      increasing per sender; the receiver's replay protection
 *  16  interval_ms (4) | ike_sas (4) | child_sas (4) | half_open (4)
 *  32  capacity (4) | state (1) | name_len (1) | addr_type (1) | addr_len (1)
 *  40  name (name_len, 1..32, [A-Za-z0-9._-])
 *      redirect address (addr_len): 4 bytes IPv4, 16 IPv6 or an FQDN
 *   .  HMAC-SHA256 over everything before it (32)
 *
 * Nothing may follow the MAC. The address types are those of RFC 5685's
 * gateway identity (1 IPv4, 2 IPv6, 3 FQDN).
 */

#ifndef CLUSTER_MSG_H_
#define CLUSTER_MSG_H_

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define CLUSTER_MSG_VERSION 1
/** length of the fixed part before name and address */
#define CLUSTER_MSG_FIXED_LEN 40
#define CLUSTER_MSG_MAC_LEN 32
#define CLUSTER_KEY_LEN 32
/** longest member name */
#define CLUSTER_NAME_MAX 32
/** longest redirect address (an FQDN) */
#define CLUSTER_ADDR_MAX 253
/** largest datagram the codec produces or accepts */
#define CLUSTER_MSG_MAX (CLUSTER_MSG_FIXED_LEN + CLUSTER_NAME_MAX + \
						 CLUSTER_ADDR_MAX + CLUSTER_MSG_MAC_LEN)
/** shortest cluster secret accepted, in bytes */
#define CLUSTER_SECRET_MIN 16

typedef enum cluster_msg_type_t cluster_msg_type_t;
typedef enum cluster_addr_type_t cluster_addr_type_t;
typedef enum cluster_member_state_t cluster_member_state_t;
typedef enum cluster_msg_result_t cluster_msg_result_t;
typedef struct cluster_addr_t cluster_addr_t;
typedef struct cluster_load_report_t cluster_load_report_t;

enum cluster_msg_type_t {
	CLUSTER_MSG_LOAD = 1,
};

/** gateway identity types of RFC 5685 */
enum cluster_addr_type_t {
	CLUSTER_ADDR_IPV4 = 1,
	CLUSTER_ADDR_IPV6 = 2,
	CLUSTER_ADDR_FQDN = 3,
};

enum cluster_member_state_t {
	/** takes new clients */
	CLUSTER_MEMBER_ALIVE = 0,
	/** keeps its tunnels, takes no new clients */
	CLUSTER_MEMBER_DRAINING = 1,
	/** missed its reports (derived by the receiver, never sent) */
	CLUSTER_MEMBER_DEAD = 2,
};

/** flags of a load report */
#define CLUSTER_FLAG_MASTER 0x01

/**
 * Address clients are redirected to.
 */
struct cluster_addr_t {
	/** cluster_addr_type_t */
	uint8_t type;
	/** length of data: 4, 16 or 1..CLUSTER_ADDR_MAX */
	uint8_t len;
	/** address bytes or FQDN (not terminated) */
	uint8_t data[CLUSTER_ADDR_MAX];
};

/**
 * A member's load report.
 */
struct cluster_load_report_t {
	/** member name, nul-terminated */
	char name[CLUSTER_NAME_MAX + 1];
	/** sender clock in microseconds, strictly increasing per sender */
	uint64_t counter;
	/** sender's report interval */
	uint32_t interval_ms;
	/** where clients are redirected to when this member is chosen */
	cluster_addr_t redirect_to;
	/** established IKE_SAs, without those redirected away */
	uint32_t ike_sas;
	/** installed CHILD_SAs */
	uint32_t child_sas;
	/** half-open IKE_SAs */
	uint32_t half_open;
	/** most tunnels (IKE_SAs) the member takes */
	uint32_t capacity;
	/** relative preference, 1..CLUSTER_WEIGHT_MAX */
	uint16_t weight;
	/** CLUSTER_MEMBER_ALIVE or CLUSTER_MEMBER_DRAINING */
	uint8_t state;
	/** CLUSTER_FLAG_* */
	uint8_t flags;
};

#define CLUSTER_CAPACITY_MAX 1000000
/** report interval range in milliseconds */
#define CLUSTER_INTERVAL_MIN 20
#define CLUSTER_INTERVAL_MAX 60000
#define CLUSTER_WEIGHT_MAX 1000

/**
 * Why a datagram was accepted or dropped. Values index drop counters.
 */
enum cluster_msg_result_t {
	CLUSTER_MSG_OK = 0,
	/** shorter than header and MAC, or longer than CLUSTER_MSG_MAX */
	CLUSTER_MSG_BAD_LENGTH,
	/** not "SCL" */
	CLUSTER_MSG_BAD_MAGIC,
	/** unsupported version */
	CLUSTER_MSG_BAD_VERSION,
	/** MAC does not verify: forged, corrupted or another secret */
	CLUSTER_MSG_BAD_MAC,
	/** authenticated, but fields are out of range or inconsistent */
	CLUSTER_MSG_MALFORMED,
	/** authenticated, but of an unknown type */
	CLUSTER_MSG_BAD_TYPE,
	CLUSTER_MSG_RESULT_MAX,
};

/**
 * Short name of a result, e.g. "bad-mac", for logs and counters.
 */
const char *cluster_msg_result_name(cluster_msg_result_t result);

/**
 * Derive the channel's MAC key from the cluster secret.
 *
 * @param secret		cluster secret
 * @param len			length of secret
 * @param key			receives CLUSTER_KEY_LEN bytes
 */
void cluster_msg_derive_key(const void *secret, size_t len,
							uint8_t key[CLUSTER_KEY_LEN]);

/**
 * Check a report's fields for encoding: name syntax, address type and
 * length, state, weight and capacity ranges.
 *
 * @return				NULL if valid, else what is wrong (static string)
 */
const char *cluster_msg_check_report(const cluster_load_report_t *report);

/**
 * Encode and authenticate a load report.
 *
 * @param report		report to encode, valid per cluster_msg_check_report()
 * @param key			channel key
 * @param buf			output buffer
 * @param len			size of buf, at least CLUSTER_MSG_MAX is enough
 * @return				bytes written, 0 if the report is invalid or buf short
 */
size_t cluster_msg_encode_load(const cluster_load_report_t *report,
							   const uint8_t key[CLUSTER_KEY_LEN],
							   uint8_t *buf, size_t len);

/**
 * Verify and decode a datagram. Checks length, magic and version, then the
 * MAC (in constant time), and only then parses the fields strictly.
 *
 * @param buf			datagram
 * @param len			length of the datagram
 * @param key			channel key
 * @param report		receives the report if CLUSTER_MSG_OK
 * @return				CLUSTER_MSG_OK or why the datagram is dropped
 */
cluster_msg_result_t cluster_msg_decode(const uint8_t *buf, size_t len,
										const uint8_t key[CLUSTER_KEY_LEN],
										cluster_load_report_t *report);

/**
 * Parse a redirect address: IPv4 or IPv6 literal, else an FQDN
 * (letters, digits, '-' and '.', labels of 1..63, total 1..253).
 *
 * @return				TRUE if valid
 */
bool cluster_addr_from_string(const char *str, cluster_addr_t *addr);

/**
 * Print an address (IPv4/IPv6 literal or the FQDN).
 *
 * @param buf			output, at least CLUSTER_ADDR_MAX + 1 bytes
 * @return				buf
 */
char *cluster_addr_to_string(const cluster_addr_t *addr, char *buf,
							 size_t len);

/**
 * Check a member name: 1..CLUSTER_NAME_MAX of [A-Za-z0-9._-].
 */
bool cluster_name_valid(const char *name);

#endif /** CLUSTER_MSG_H_ @}*/
