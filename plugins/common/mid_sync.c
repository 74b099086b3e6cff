/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "mid_sync.h"

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		   (uint32_t)p[2] << 8 | p[3];
}

uint32_t mid_sync_jump(uint32_t initiate)
{
	if (initiate >= UINT32_MAX - 1 - MID_SYNC_JUMP)
	{
		return UINT32_MAX - 1;
	}
	return (initiate ? initiate : 1) + MID_SYNC_JUMP;
}

void mid_sync_encode(uint8_t *out, uint32_t nonce, uint32_t send,
					 uint32_t recv)
{
	put32(out, nonce);
	put32(out + 4, send);
	put32(out + 8, recv);
}

bool mid_sync_decode(const uint8_t *data, size_t len, uint32_t *nonce,
					 uint32_t *send, uint32_t *recv)
{
	if (len != MID_SYNC_DATA_LEN)
	{
		return false;
	}
	*nonce = get32(data);
	*send = get32(data + 4);
	*recv = get32(data + 8);
	return true;
}

const char *mid_sync_answer(uint32_t nonce, const uint8_t *data, size_t len,
							uint32_t *initiate, uint32_t *respond)
{
	uint32_t echoed, peer_send, peer_recv;

	if (!data)
	{
		return "no IKEV2_MESSAGE_ID_SYNC notify in the answer";
	}
	if (!mid_sync_decode(data, len, &echoed, &peer_send, &peer_recv))
	{
		return "notify data of wrong length";
	}
	if (echoed != nonce)
	{
		return "nonce does not match";
	}
	/* the message ID space is exhausted at its end: such an IKE_SA can
	 * only be rekeyed or deleted, which needs a usable ID */
	if (peer_send == UINT32_MAX || peer_recv == UINT32_MAX)
	{
		return "message ID at the end of its space";
	}
	/* the peer's next request is what we expect next; the ID the peer
	 * expects from us is what we use next */
	if (peer_send > *respond)
	{
		*respond = peer_send;
	}
	if (peer_recv > *initiate)
	{
		*initiate = peer_recv;
	}
	return NULL;
}
