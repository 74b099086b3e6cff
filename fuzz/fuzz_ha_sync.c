/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * libFuzzer harness for ha-sync's parsers: an SA record as it arrives
 * once its seal is opened, the seal itself, and a peer's answer to an
 * RFC 6311 message ID sync (which never moves message IDs back). A record that decodes
 * encodes again (the decoder accepts nothing the encoder refuses), and
 * that encoding, canonical in its order of fields, is a fixed point.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ha_sync_seal.h"
#include "ha_sync_record.h"
#include "mid_sync.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ha_sync_ike_t ike;
	static uint8_t again[HA_SYNC_RECORD_MAX], third[HA_SYNC_RECORD_MAX];
	static uint8_t body[HA_SYNC_SEALED_MAX];
	uint8_t key[HA_SYNC_KEY_LEN];
	ha_sync_header_t header;
	size_t len, body_len;
	uint32_t initiate = 7, respond = 9;

	if (ha_sync_record_decode(data, size, &ike) == HA_SYNC_RECORD_OK)
	{
		len = ha_sync_record_encode(&ike, again, sizeof(again));
		if (!len || ha_sync_record_decode(again, len, &ike) !=
						HA_SYNC_RECORD_OK ||
			ha_sync_record_encode(&ike, third, sizeof(third)) != len ||
			memcmp(again, third, len) != 0)
		{
			abort();
		}
	}
	if (size >= 4)
	{
		uint32_t nonce = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
						 (uint32_t)data[2] << 8 | data[3];

		if (mid_sync_answer(nonce, data, size, &initiate, &respond) &&
			(initiate != 7 || respond != 9))
		{	/* a refused answer changed something */
			abort();
		}
		if (initiate < 7 || respond < 9)
		{
			abort();
		}
	}
	{
		ha_sync_index_t index;

		if (ha_sync_index_parse(data, size, &index) &&
			(index.part >= index.parts ||
			 index.spis + 16 * index.count != data + size))
		{
			abort();
		}
	}
	/* forging a tag is not the fuzzer's job: this checks that no input
	 * makes opening read or write out of bounds */
	ha_sync_derive_key("fuzz", 4, key);
	if (ha_sync_open(key, data, size, &header, body, sizeof(body),
					 &body_len) == HA_SYNC_OPEN_OK)
	{
		abort();
	}
	return 0;
}
