/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ha_sync_seal.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#define MAGIC "SCH"
#define MAGIC_LEN 3
/* a label of its own: the load channel's key must never be this one */
#define KEY_LABEL "strongswan-cluster ha-sync key v1"

void ha_sync_derive_key(const void *secret, size_t len,
						uint8_t key[HA_SYNC_KEY_LEN])
{
	unsigned int out_len = HA_SYNC_KEY_LEN;

	if (!HMAC(EVP_sha256(), secret, (int)len, (const uint8_t*)KEY_LABEL,
			  strlen(KEY_LABEL), key, &out_len) || out_len != HA_SYNC_KEY_LEN)
	{
		/* nothing sealed under an all-zero key opens under a real one */
		memset(key, 0, HA_SYNC_KEY_LEN);
	}
}

static void put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--)
	{
		p[i] = v & 0xff;
		v >>= 8;
	}
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
	{
		v = v << 8 | p[i];
	}
	return v;
}

/**
 * Run AES-256-GCM over one message; TRUE on success (and, when opening, a
 * verified tag).
 */
static bool gcm(bool seal, const uint8_t key[HA_SYNC_KEY_LEN],
				const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
				const uint8_t *in, size_t len, uint8_t *out, uint8_t *tag)
{
	EVP_CIPHER_CTX *ctx;
	uint8_t none[16];
	int n, ok;

	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
	{
		return false;
	}
	ok = EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL,
						   seal ? 1 : 0) &&
		 EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, HA_SYNC_NONCE_LEN,
							 NULL) &&
		 EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, -1) &&
		 EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aad_len) &&
		 (len == 0 || EVP_CipherUpdate(ctx, out, &n, in, (int)len));
	if (ok && !seal)
	{
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, HA_SYNC_TAG_LEN,
								 tag);
	}
	/* GCM writes nothing here; when opening, this checks the tag */
	ok = ok && EVP_CipherFinal_ex(ctx, none, &n);
	if (ok && seal)
	{
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, HA_SYNC_TAG_LEN,
								 tag);
	}
	EVP_CIPHER_CTX_free(ctx);
	return ok;
}

size_t ha_sync_seal(const uint8_t key[HA_SYNC_KEY_LEN],
					const ha_sync_header_t *header,
					const uint8_t nonce[HA_SYNC_NONCE_LEN],
					const uint8_t *body, size_t body_len,
					uint8_t *out, size_t out_len)
{
	size_t name_len, head_len, total;
	uint8_t *p;

	if (!cluster_name_valid(header->sender))
	{
		return 0;
	}
	name_len = strlen(header->sender);
	head_len = MAGIC_LEN + 3 + name_len + 8 + HA_SYNC_NONCE_LEN;
	total = head_len + body_len + HA_SYNC_TAG_LEN;
	if (total > HA_SYNC_SEALED_MAX || total > out_len)
	{
		return 0;
	}
	p = out;
	memcpy(p, MAGIC, MAGIC_LEN);
	p += MAGIC_LEN;
	*p++ = HA_SYNC_VERSION;
	*p++ = header->type;
	*p++ = (uint8_t)name_len;
	memcpy(p, header->sender, name_len);
	p += name_len;
	put64(p, header->counter);
	p += 8;
	memcpy(p, nonce, HA_SYNC_NONCE_LEN);
	if (!gcm(true, key, nonce, out, head_len, body, body_len, out + head_len,
			 out + head_len + body_len))
	{
		OPENSSL_cleanse(out, total);
		return 0;
	}
	return total;
}

ha_sync_open_result_t ha_sync_open(const uint8_t key[HA_SYNC_KEY_LEN],
								   const uint8_t *in, size_t len,
								   ha_sync_header_t *header,
								   uint8_t *body, size_t body_max,
								   size_t *body_len)
{
	uint8_t tag[HA_SYNC_TAG_LEN];
	size_t name_len, head_len, clen;
	const uint8_t *p;

	if (len < HA_SYNC_OVERHEAD + 1 || len > HA_SYNC_SEALED_MAX)
	{
		return HA_SYNC_OPEN_BAD_LENGTH;
	}
	if (memcmp(in, MAGIC, MAGIC_LEN) != 0)
	{
		return HA_SYNC_OPEN_BAD_MAGIC;
	}
	if (in[MAGIC_LEN] != HA_SYNC_VERSION)
	{
		return HA_SYNC_OPEN_BAD_VERSION;
	}
	name_len = in[MAGIC_LEN + 2];
	if (name_len < 1 || name_len > CLUSTER_NAME_MAX ||
		len < HA_SYNC_OVERHEAD + name_len)
	{
		return HA_SYNC_OPEN_BAD_NAME;
	}
	memset(header, 0, sizeof(*header));
	header->type = in[MAGIC_LEN + 1];
	memcpy(header->sender, in + MAGIC_LEN + 3, name_len);
	if (!cluster_name_valid(header->sender))
	{
		return HA_SYNC_OPEN_BAD_NAME;
	}
	head_len = MAGIC_LEN + 3 + name_len + 8 + HA_SYNC_NONCE_LEN;
	clen = len - head_len - HA_SYNC_TAG_LEN;
	if (clen > body_max)
	{
		return HA_SYNC_OPEN_TOO_LONG;
	}
	p = in + MAGIC_LEN + 3 + name_len;
	header->counter = get64(p);
	memcpy(tag, in + head_len + clen, HA_SYNC_TAG_LEN);
	if (!gcm(false, key, p + 8, in, head_len, in + head_len, clen, body,
			 tag))
	{
		/* what was decrypted before the tag failed is not the sender's */
		OPENSSL_cleanse(body, clen);
		return HA_SYNC_OPEN_BAD_TAG;
	}
	*body_len = clen;
	return HA_SYNC_OPEN_OK;
}

const char *ha_sync_open_result_name(ha_sync_open_result_t result)
{
	static const char *names[] = {
		[HA_SYNC_OPEN_OK] = "ok",
		[HA_SYNC_OPEN_BAD_LENGTH] = "bad-length",
		[HA_SYNC_OPEN_BAD_MAGIC] = "bad-magic",
		[HA_SYNC_OPEN_BAD_VERSION] = "bad-version",
		[HA_SYNC_OPEN_BAD_NAME] = "bad-name",
		[HA_SYNC_OPEN_BAD_TAG] = "bad-tag",
		[HA_SYNC_OPEN_TOO_LONG] = "too-long",
	};

	if (result < HA_SYNC_OPEN_RESULT_MAX)
	{
		return names[result];
	}
	return "unknown";
}
