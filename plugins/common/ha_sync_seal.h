/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ha_sync_seal ha_sync_seal
 * @{ @ingroup common
 *
 * Sealed messages of ha-sync: SA state carries keys, so unlike load
 * reports it is encrypted. AES-256-GCM under a key derived from the cluster
 * secret (a label of its own, so it never equals the load channel's key);
 * the header (magic, version, type, sender, counter, nonce) is
 * authenticated, the body encrypted. The sender's counter is strictly
 * increasing, which the receiver checks per sender against replays.
 *
 * Wire format, integers in network order:
 *
 *     "SCH" | version 1 | type | name length | name | counter (8) |
 *     nonce (12) | ciphertext | tag (16)
 *
 * Pure code (OpenSSL's EVP), unit-tested and fuzzed.
 */

#ifndef HA_SYNC_SEAL_H_
#define HA_SYNC_SEAL_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cluster_msg.h"

#define HA_SYNC_KEY_LEN 32
#define HA_SYNC_NONCE_LEN 12
#define HA_SYNC_TAG_LEN 16
#define HA_SYNC_VERSION 1
/** the largest sealed message: one SA record with its CHILD_SAs fits, in
 * one UDP datagram (fragmented on the cluster link above its MTU) or one
 * stream frame */
#define HA_SYNC_SEALED_MAX 32768
/** fixed part: magic, version, type, name length, counter, nonce, tag */
#define HA_SYNC_OVERHEAD (3 + 1 + 1 + 1 + 8 + HA_SYNC_NONCE_LEN + \
						  HA_SYNC_TAG_LEN)

typedef enum ha_sync_open_result_t ha_sync_open_result_t;
typedef struct ha_sync_header_t ha_sync_header_t;

/**
 * Why a sealed message was accepted or dropped. Values index counters.
 */
enum ha_sync_open_result_t {
	HA_SYNC_OPEN_OK = 0,
	/** shorter than the fixed part, or longer than HA_SYNC_SEALED_MAX */
	HA_SYNC_OPEN_BAD_LENGTH,
	/** not "SCH" */
	HA_SYNC_OPEN_BAD_MAGIC,
	/** a version this code does not speak */
	HA_SYNC_OPEN_BAD_VERSION,
	/** empty or overlong sender name, or one with bytes not allowed */
	HA_SYNC_OPEN_BAD_NAME,
	/** the tag does not verify: forged, corrupted or another key */
	HA_SYNC_OPEN_BAD_TAG,
	/** the body does not fit the caller's buffer */
	HA_SYNC_OPEN_TOO_LONG,
	HA_SYNC_OPEN_RESULT_MAX,
};

/**
 * The authenticated header of a sealed message.
 */
struct ha_sync_header_t {
	/** message type, chosen by the user of this codec */
	uint8_t type;
	/** sender's member name, nul-terminated */
	char sender[CLUSTER_NAME_MAX + 1];
	/** sender's counter, strictly increasing per sender */
	uint64_t counter;
};

/**
 * Derive the sealing key from the cluster secret.
 *
 * @param secret	the shared secret
 * @param len		its length
 * @param key		receives HA_SYNC_KEY_LEN bytes
 */
void ha_sync_derive_key(const void *secret, size_t len,
						uint8_t key[HA_SYNC_KEY_LEN]);

/**
 * Seal a body.
 *
 * @param key		sealing key
 * @param header	type, sender and counter
 * @param nonce		HA_SYNC_NONCE_LEN bytes, never used twice with a key
 *					(random: the key is shared by all members)
 * @param body		plaintext
 * @param body_len	its length
 * @param out		buffer for the sealed message
 * @param out_len	its size
 * @return			bytes written, 0 if it does not fit or the name is bad
 */
size_t ha_sync_seal(const uint8_t key[HA_SYNC_KEY_LEN],
					const ha_sync_header_t *header,
					const uint8_t nonce[HA_SYNC_NONCE_LEN],
					const uint8_t *body, size_t body_len,
					uint8_t *out, size_t out_len);

/**
 * Check and open a sealed message. Nothing is written to body unless the
 * tag verified.
 *
 * @param key		sealing key
 * @param in		sealed message
 * @param len		its length
 * @param header	receives type, sender and counter
 * @param body		buffer for the plaintext
 * @param body_max	its size
 * @param body_len	receives the plaintext's length
 * @return			HA_SYNC_OPEN_OK or why not
 */
ha_sync_open_result_t ha_sync_open(const uint8_t key[HA_SYNC_KEY_LEN],
								   const uint8_t *in, size_t len,
								   ha_sync_header_t *header,
								   uint8_t *body, size_t body_max,
								   size_t *body_len);

/**
 * Name of an open result, for counters and logs.
 */
const char *ha_sync_open_result_name(ha_sync_open_result_t result);

#endif /** HA_SYNC_SEAL_H_ @}*/
