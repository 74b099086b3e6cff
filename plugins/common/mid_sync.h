/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup mid_sync mid_sync
 * @{ @ingroup common
 *
 * RFC 6311 message ID synchronisation, the cluster's side: the data of the
 * IKEV2_MESSAGE_ID_SYNC notify and the message IDs the new holder of a
 * taken-over IKE_SA uses after the peer answered.
 *
 * Notify data, integers in network order (RFC 6311, section 4.2), each
 * side giving its own view:
 *
 *     nonce (4) | EXPECTED_SEND_REQ_MESSAGE_ID (4) |
 *     EXPECTED_RECV_REQ_MESSAGE_ID (4)
 *
 * Pure code, unit-tested and fuzzed.
 */

#ifndef MID_SYNC_H_
#define MID_SYNC_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** length of the notify data */
#define MID_SYNC_DATA_LEN 12

/** how far the new holder jumps ahead of the replicated ID of its next
 * request: more requests than a member sends within a resend interval */
#define MID_SYNC_JUMP 100

/**
 * The ID of its next request the new holder announces: the replicated one
 * is up to a resend interval old, and a peer ignores a sync whose ID is
 * lower than the one it expects (strongSwan does), so it jumps ahead by
 * MID_SYNC_JUMP. At least 1, as 0 is the sync's own ID; never
 * UINT32_MAX, which would exhaust the ID space.
 */
uint32_t mid_sync_jump(uint32_t initiate);

/**
 * Encode the notify data.
 *
 * @param out		MID_SYNC_DATA_LEN bytes
 * @param nonce		the nonce the answer must echo
 * @param send		message ID of the sender's next request
 * @param recv		message ID the sender expects in the peer's next request
 */
void mid_sync_encode(uint8_t *out, uint32_t nonce, uint32_t send,
					 uint32_t recv);

/**
 * Decode the notify data.
 *
 * @return			FALSE if len is not MID_SYNC_DATA_LEN
 */
bool mid_sync_decode(const uint8_t *data, size_t len, uint32_t *nonce,
					 uint32_t *send, uint32_t *recv);

/**
 * The message IDs to use after the peer answered our synchronisation
 * request. The peer's values win where they are higher; ours are kept
 * otherwise, so a forged or broken answer can never move them back.
 *
 * @param nonce		the nonce we sent
 * @param data		notify data of the peer's answer
 * @param len		its length
 * @param initiate	in: our next request's message ID as replicated;
 *					out: the one to use
 * @param respond	in: the peer's next request's message ID as replicated;
 *					out: the one to expect
 * @return			NULL if the answer was used, else why not (the values
 *					are left as they were)
 */
const char *mid_sync_answer(uint32_t nonce, const uint8_t *data, size_t len,
							uint32_t *initiate, uint32_t *respond);

#endif /** MID_SYNC_H_ @}*/
