/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ha_sync_record.h"

#include <string.h>

/* TLV types of an IKE_SA record */
enum {
	T_SPI_I = 1,
	T_SPI_R,
	T_INITIATOR,
	T_PROPOSAL,
	T_NONCE_I,
	T_NONCE_R,
	T_SECRET,
	T_OLD_SKD,
	T_LOCAL,
	T_REMOTE,
	T_LOCAL_ID,
	T_REMOTE_ID,
	T_PEER_CFG,
	T_MID,
	T_VIP,
	T_CHILD,
	T_FLAGS,
	T_IKE_MAX,
};

/* TLV types inside T_CHILD */
enum {
	C_CFG = 1,
	C_SPIS,
	C_MODE,
	C_ALGS,
	C_ENCR_I,
	C_ENCR_R,
	C_INTEG_I,
	C_INTEG_R,
	C_LOCAL_TS,
	C_REMOTE_TS,
	C_MAX,
};

#define TLV_HEADER 4

/* flags of C_MODE */
#define MODE_ENCAP 0x01
#define MODE_ESN 0x02
#define MODE_INITIATOR 0x04

typedef struct {
	uint8_t *pos;
	uint8_t *end;
	bool failed;
} writer_t;

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

/**
 * Append a TLV; returns its value's start (for nested TLVs), NULL if full.
 */
static uint8_t *tlv(writer_t *w, uint16_t type, const void *value,
					size_t len)
{
	uint8_t *start;

	if (w->failed || len > UINT16_MAX ||
		(size_t)(w->end - w->pos) < TLV_HEADER + len)
	{
		w->failed = true;
		return NULL;
	}
	put16(w->pos, type);
	put16(w->pos + 2, (uint16_t)len);
	start = w->pos + TLV_HEADER;
	if (value && len)
	{
		memcpy(start, value, len);
	}
	w->pos = start + len;
	return start;
}

static bool name_ok(const char *name, size_t max)
{
	size_t len = strnlen(name, max + 1), i;

	if (len < 1 || len > max)
	{
		return false;
	}
	for (i = 0; i < len; i++)
	{
		/* configuration names as swanctl.conf allows them, printable */
		if (name[i] < 0x21 || name[i] > 0x7e)
		{
			return false;
		}
	}
	return true;
}

static bool addr_len_ok(uint8_t len)
{
	return len == 4 || len == 16;
}

static void put_addr(writer_t *w, uint16_t type, const ha_sync_addr_t *a,
					 bool port)
{
	uint8_t buf[18];

	memcpy(buf, a->addr, a->len);
	if (port)
	{
		put16(buf + a->len, a->port);
	}
	tlv(w, type, buf, a->len + (port ? 2 : 0));
}

static void put_id(writer_t *w, uint16_t type, const ha_sync_id_t *id)
{
	uint8_t buf[1 + HA_SYNC_ID_MAX];

	buf[0] = id->type;
	memcpy(buf + 1, id->data, id->len);
	tlv(w, type, buf, 1 + id->len);
}

static void put_ts(writer_t *w, uint16_t type, const ha_sync_ts_t *ts)
{
	uint8_t buf[6 + 32];

	buf[0] = ts->protocol;
	buf[1] = 0;
	put16(buf + 2, ts->from_port);
	put16(buf + 4, ts->to_port);
	memcpy(buf + 6, ts->from, ts->len);
	memcpy(buf + 6 + ts->len, ts->to, ts->len);
	tlv(w, type, buf, 6 + 2 * ts->len);
}

static bool child_ok(const ha_sync_child_t *c)
{
	int i;

	if (!name_ok(c->cfg, HA_SYNC_CFG_NAME_MAX) ||
		c->encr_i_len > HA_SYNC_KEY_MAX || c->encr_r_len > HA_SYNC_KEY_MAX ||
		c->integ_i_len > HA_SYNC_KEY_MAX || c->integ_r_len > HA_SYNC_KEY_MAX ||
		c->local_ts_count < 1 || c->local_ts_count > HA_SYNC_TS_MAX ||
		c->remote_ts_count < 1 || c->remote_ts_count > HA_SYNC_TS_MAX)
	{
		return false;
	}
	for (i = 0; i < c->local_ts_count; i++)
	{
		if (!addr_len_ok(c->local_ts[i].len))
		{
			return false;
		}
	}
	for (i = 0; i < c->remote_ts_count; i++)
	{
		if (!addr_len_ok(c->remote_ts[i].len))
		{
			return false;
		}
	}
	return true;
}

static bool ike_ok(const ha_sync_ike_t *ike)
{
	int i;

	if (ike->nonce_i_len < 16 || ike->nonce_i_len > HA_SYNC_NONCE_MAX ||
		ike->nonce_r_len < 16 || ike->nonce_r_len > HA_SYNC_NONCE_MAX ||
		ike->secret_len < 1 || ike->secret_len > HA_SYNC_SECRET_MAX ||
		ike->old_skd_len > HA_SYNC_SKD_MAX ||
		!addr_len_ok(ike->local.len) || !addr_len_ok(ike->remote.len) ||
		ike->local_id.len > HA_SYNC_ID_MAX ||
		ike->remote_id.len > HA_SYNC_ID_MAX ||
		!name_ok(ike->peer_cfg, HA_SYNC_CFG_NAME_MAX) ||
		ike->vip_count > HA_SYNC_VIPS_MAX ||
		ike->child_count > HA_SYNC_CHILDREN_MAX)
	{
		return false;
	}
	for (i = 0; i < ike->vip_count; i++)
	{
		if (!addr_len_ok(ike->vips[i].len))
		{
			return false;
		}
	}
	for (i = 0; i < ike->child_count; i++)
	{
		if (!child_ok(&ike->children[i]))
		{
			return false;
		}
	}
	return true;
}

static void put_child(writer_t *w, const ha_sync_child_t *c)
{
	writer_t inner;
	uint8_t buf[8], *start;
	int i;

	/* the nested TLV's length is known once its content is written */
	start = tlv(w, T_CHILD, NULL, 0);
	if (!start)
	{
		return;
	}
	inner = (writer_t){ .pos = start, .end = w->end };
	tlv(&inner, C_CFG, c->cfg, strlen(c->cfg));
	memcpy(buf, &c->spi_in, 4);
	memcpy(buf + 4, &c->spi_out, 4);
	tlv(&inner, C_SPIS, buf, 8);
	buf[0] = c->protocol;
	buf[1] = c->mode;
	buf[2] = (c->encap ? MODE_ENCAP : 0) | (c->esn ? MODE_ESN : 0) |
			 (c->initiator ? MODE_INITIATOR : 0);
	tlv(&inner, C_MODE, buf, 3);
	put16(buf, c->encr_alg);
	put16(buf + 2, c->encr_keylen);
	put16(buf + 4, c->integ_alg);
	tlv(&inner, C_ALGS, buf, 6);
	tlv(&inner, C_ENCR_I, c->encr_i, c->encr_i_len);
	tlv(&inner, C_ENCR_R, c->encr_r, c->encr_r_len);
	tlv(&inner, C_INTEG_I, c->integ_i, c->integ_i_len);
	tlv(&inner, C_INTEG_R, c->integ_r, c->integ_r_len);
	for (i = 0; i < c->local_ts_count; i++)
	{
		put_ts(&inner, C_LOCAL_TS, &c->local_ts[i]);
	}
	for (i = 0; i < c->remote_ts_count; i++)
	{
		put_ts(&inner, C_REMOTE_TS, &c->remote_ts[i]);
	}
	if (inner.failed || inner.pos - start > UINT16_MAX)
	{
		w->failed = true;
		return;
	}
	put16(start - 2, (uint16_t)(inner.pos - start));
	w->pos = inner.pos;
}

size_t ha_sync_record_encode(const ha_sync_ike_t *ike, uint8_t *out,
							 size_t out_len)
{
	writer_t w = { .pos = out, .end = out + out_len };
	uint8_t buf[10];
	int i;

	if (!ike_ok(ike))
	{
		return 0;
	}
	tlv(&w, T_SPI_I, ike->spi_i, 8);
	tlv(&w, T_SPI_R, ike->spi_r, 8);
	buf[0] = ike->initiator ? 1 : 0;
	tlv(&w, T_INITIATOR, buf, 1);
	put16(buf, ike->encr_alg);
	put16(buf + 2, ike->encr_keylen);
	put16(buf + 4, ike->integ_alg);
	put16(buf + 6, ike->prf_alg);
	put16(buf + 8, ike->ke_method);
	tlv(&w, T_PROPOSAL, buf, 10);
	tlv(&w, T_NONCE_I, ike->nonce_i, ike->nonce_i_len);
	tlv(&w, T_NONCE_R, ike->nonce_r, ike->nonce_r_len);
	tlv(&w, T_SECRET, ike->secret, ike->secret_len);
	if (ike->old_skd_len)
	{
		uint8_t skd[2 + HA_SYNC_SKD_MAX];

		put16(skd, ike->old_prf_alg);
		memcpy(skd + 2, ike->old_skd, ike->old_skd_len);
		tlv(&w, T_OLD_SKD, skd, 2 + ike->old_skd_len);
	}
	put_addr(&w, T_LOCAL, &ike->local, true);
	put_addr(&w, T_REMOTE, &ike->remote, true);
	put_id(&w, T_LOCAL_ID, &ike->local_id);
	put_id(&w, T_REMOTE_ID, &ike->remote_id);
	tlv(&w, T_PEER_CFG, ike->peer_cfg, strlen(ike->peer_cfg));
	put32(buf, ike->mid_initiate);
	put32(buf + 4, ike->mid_respond);
	tlv(&w, T_MID, buf, 8);
	put32(buf, ike->conditions);
	put32(buf + 4, ike->extensions);
	tlv(&w, T_FLAGS, buf, 8);
	for (i = 0; i < ike->vip_count; i++)
	{
		put_addr(&w, T_VIP, &ike->vips[i], false);
	}
	for (i = 0; i < ike->child_count; i++)
	{
		put_child(&w, &ike->children[i]);
	}
	if (w.failed)
	{
		return 0;
	}
	return (size_t)(w.pos - out);
}

/**
 * Walks the TLVs of a container.
 */
typedef struct {
	const uint8_t *pos;
	const uint8_t *end;
} reader_t;

/**
 * Next TLV: 1 for one, 0 at the end, -1 if it runs past the container.
 */
static int next_tlv(reader_t *r, uint16_t *type, const uint8_t **value,
					size_t *len)
{
	if (r->pos == r->end)
	{
		return 0;
	}
	if ((size_t)(r->end - r->pos) < TLV_HEADER)
	{
		return -1;
	}
	*type = get16(r->pos);
	*len = get16(r->pos + 2);
	if ((size_t)(r->end - r->pos) - TLV_HEADER < *len)
	{
		return -1;
	}
	*value = r->pos + TLV_HEADER;
	r->pos += TLV_HEADER + *len;
	return 1;
}

static bool get_name(char *out, size_t max, const uint8_t *v, size_t len)
{
	if (len < 1 || len > max)
	{
		return false;
	}
	memcpy(out, v, len);
	out[len] = '\0';
	return name_ok(out, max);
}

static bool get_addr(ha_sync_addr_t *a, const uint8_t *v, size_t len,
					 bool port)
{
	size_t extra = port ? 2 : 0, alen;

	if (len != 4 + extra && len != 16 + extra)
	{
		return false;
	}
	alen = len - extra;
	a->len = (uint8_t)alen;
	memcpy(a->addr, v, alen);
	a->port = port ? get16(v + alen) : 0;
	return true;
}

static bool get_id(ha_sync_id_t *id, const uint8_t *v, size_t len)
{
	if (len < 1 || len - 1 > HA_SYNC_ID_MAX)
	{
		return false;
	}
	id->type = v[0];
	id->len = (uint16_t)(len - 1);
	memcpy(id->data, v + 1, id->len);
	return true;
}

static bool get_ts(ha_sync_ts_t *ts, const uint8_t *v, size_t len)
{
	if (len != 6 + 2 * 4 && len != 6 + 2 * 16)
	{
		return false;
	}
	ts->len = (uint8_t)((len - 6) / 2);
	ts->protocol = v[0];
	ts->from_port = get16(v + 2);
	ts->to_port = get16(v + 4);
	memcpy(ts->from, v + 6, ts->len);
	memcpy(ts->to, v + 6 + ts->len, ts->len);
	return true;
}

/**
 * Copy key bytes of 1..HA_SYNC_KEY_MAX (an integrity key may be empty with
 * AEAD algorithms).
 */
static bool get_key(uint8_t *out, uint8_t *out_len, const uint8_t *v,
					size_t len)
{
	if (len > HA_SYNC_KEY_MAX)
	{
		return false;
	}
	memcpy(out, v, len);
	*out_len = (uint8_t)len;
	return true;
}

static ha_sync_record_result_t decode_child(ha_sync_child_t *c,
											const uint8_t *data, size_t len)
{
	reader_t r = { .pos = data, .end = data + len };
	uint32_t seen = 0;
	const uint8_t *v;
	uint16_t type;
	size_t vlen;
	int more;
	bool ok;

	while ((more = next_tlv(&r, &type, &v, &vlen)) == 1)
	{
		if (type == 0 || type >= C_MAX)
		{
			return HA_SYNC_RECORD_UNKNOWN_TYPE;
		}
		if (type != C_LOCAL_TS && type != C_REMOTE_TS)
		{
			if (seen & (1u << type))
			{
				return HA_SYNC_RECORD_DUPLICATE;
			}
		}
		seen |= 1u << type;
		switch (type)
		{
			case C_CFG:
				ok = get_name(c->cfg, HA_SYNC_CFG_NAME_MAX, v, vlen);
				if (!ok)
				{
					return HA_SYNC_RECORD_BAD_VALUE;
				}
				break;
			case C_SPIS:
				if (vlen != 8)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				memcpy(&c->spi_in, v, 4);
				memcpy(&c->spi_out, v + 4, 4);
				break;
			case C_MODE:
				if (vlen != 3)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				if (v[2] & ~(MODE_ENCAP | MODE_ESN | MODE_INITIATOR))
				{
					return HA_SYNC_RECORD_BAD_VALUE;
				}
				c->protocol = v[0];
				c->mode = v[1];
				c->encap = v[2] & MODE_ENCAP;
				c->esn = v[2] & MODE_ESN;
				c->initiator = v[2] & MODE_INITIATOR;
				break;
			case C_ALGS:
				if (vlen != 6)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				c->encr_alg = get16(v);
				c->encr_keylen = get16(v + 2);
				c->integ_alg = get16(v + 4);
				break;
			case C_ENCR_I:
				ok = get_key(c->encr_i, &c->encr_i_len, v, vlen);
				goto key;
			case C_ENCR_R:
				ok = get_key(c->encr_r, &c->encr_r_len, v, vlen);
				goto key;
			case C_INTEG_I:
				ok = get_key(c->integ_i, &c->integ_i_len, v, vlen);
				goto key;
			case C_INTEG_R:
				ok = get_key(c->integ_r, &c->integ_r_len, v, vlen);
			key:
				if (!ok)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				break;
			case C_LOCAL_TS:
				if (c->local_ts_count == HA_SYNC_TS_MAX)
				{
					return HA_SYNC_RECORD_DUPLICATE;
				}
				if (!get_ts(&c->local_ts[c->local_ts_count++], v, vlen))
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				break;
			case C_REMOTE_TS:
				if (c->remote_ts_count == HA_SYNC_TS_MAX)
				{
					return HA_SYNC_RECORD_DUPLICATE;
				}
				if (!get_ts(&c->remote_ts[c->remote_ts_count++], v, vlen))
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				break;
		}
	}
	if (more < 0)
	{
		return HA_SYNC_RECORD_BAD_LENGTH;
	}
	if (!(seen & 1u << C_CFG) || !(seen & 1u << C_SPIS) ||
		!(seen & 1u << C_MODE) || !(seen & 1u << C_ALGS) ||
		!(seen & 1u << C_ENCR_I) || !(seen & 1u << C_ENCR_R) ||
		!(seen & 1u << C_INTEG_I) || !(seen & 1u << C_INTEG_R) ||
		!c->local_ts_count || !c->remote_ts_count)
	{
		return HA_SYNC_RECORD_MISSING;
	}
	return HA_SYNC_RECORD_OK;
}

ha_sync_record_result_t ha_sync_record_decode(const uint8_t *data,
											  size_t len, ha_sync_ike_t *ike)
{
	reader_t r = { .pos = data, .end = data + len };
	ha_sync_record_result_t result;
	uint32_t seen = 0;
	const uint8_t *v;
	uint16_t type;
	size_t vlen;
	int more;

	memset(ike, 0, sizeof(*ike));
	while ((more = next_tlv(&r, &type, &v, &vlen)) == 1)
	{
		if (type == 0 || type >= T_IKE_MAX)
		{
			return HA_SYNC_RECORD_UNKNOWN_TYPE;
		}
		if (type != T_VIP && type != T_CHILD && (seen & (1u << type)))
		{
			return HA_SYNC_RECORD_DUPLICATE;
		}
		seen |= 1u << type;
		switch (type)
		{
			case T_SPI_I:
			case T_SPI_R:
				if (vlen != 8)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				memcpy(type == T_SPI_I ? ike->spi_i : ike->spi_r, v, 8);
				break;
			case T_INITIATOR:
				if (vlen != 1)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				if (v[0] > 1)
				{
					return HA_SYNC_RECORD_BAD_VALUE;
				}
				ike->initiator = v[0];
				break;
			case T_PROPOSAL:
				if (vlen != 10)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				ike->encr_alg = get16(v);
				ike->encr_keylen = get16(v + 2);
				ike->integ_alg = get16(v + 4);
				ike->prf_alg = get16(v + 6);
				ike->ke_method = get16(v + 8);
				break;
			case T_NONCE_I:
			case T_NONCE_R:
				if (vlen < 16 || vlen > HA_SYNC_NONCE_MAX)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				if (type == T_NONCE_I)
				{
					memcpy(ike->nonce_i, v, vlen);
					ike->nonce_i_len = (uint16_t)vlen;
				}
				else
				{
					memcpy(ike->nonce_r, v, vlen);
					ike->nonce_r_len = (uint16_t)vlen;
				}
				break;
			case T_SECRET:
				if (vlen < 1 || vlen > HA_SYNC_SECRET_MAX)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				memcpy(ike->secret, v, vlen);
				ike->secret_len = (uint16_t)vlen;
				break;
			case T_OLD_SKD:
				if (vlen < 3 || vlen - 2 > HA_SYNC_SKD_MAX)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				ike->old_prf_alg = get16(v);
				ike->old_skd_len = (uint8_t)(vlen - 2);
				memcpy(ike->old_skd, v + 2, vlen - 2);
				break;
			case T_LOCAL:
			case T_REMOTE:
				if (!get_addr(type == T_LOCAL ? &ike->local : &ike->remote,
							  v, vlen, true))
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				break;
			case T_LOCAL_ID:
			case T_REMOTE_ID:
				if (!get_id(type == T_LOCAL_ID ? &ike->local_id
											   : &ike->remote_id, v, vlen))
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				break;
			case T_PEER_CFG:
				if (!get_name(ike->peer_cfg, HA_SYNC_CFG_NAME_MAX, v, vlen))
				{
					return HA_SYNC_RECORD_BAD_VALUE;
				}
				break;
			case T_MID:
				if (vlen != 8)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				ike->mid_initiate = get32(v);
				ike->mid_respond = get32(v + 4);
				break;
			case T_FLAGS:
				if (vlen != 8)
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				ike->conditions = get32(v);
				ike->extensions = get32(v + 4);
				break;
			case T_VIP:
				if (ike->vip_count == HA_SYNC_VIPS_MAX)
				{
					return HA_SYNC_RECORD_DUPLICATE;
				}
				if (!get_addr(&ike->vips[ike->vip_count++], v, vlen, false))
				{
					return HA_SYNC_RECORD_BAD_LENGTH;
				}
				break;
			case T_CHILD:
				if (ike->child_count == HA_SYNC_CHILDREN_MAX)
				{
					return HA_SYNC_RECORD_DUPLICATE;
				}
				result = decode_child(&ike->children[ike->child_count++], v,
									  vlen);
				if (result != HA_SYNC_RECORD_OK)
				{
					return result;
				}
				break;
		}
	}
	if (more < 0)
	{
		return HA_SYNC_RECORD_BAD_LENGTH;
	}
	if (!(seen & 1u << T_SPI_I) || !(seen & 1u << T_SPI_R) ||
		!(seen & 1u << T_INITIATOR) || !(seen & 1u << T_PROPOSAL) ||
		!(seen & 1u << T_NONCE_I) || !(seen & 1u << T_NONCE_R) ||
		!(seen & 1u << T_SECRET) || !(seen & 1u << T_LOCAL) ||
		!(seen & 1u << T_REMOTE) || !(seen & 1u << T_LOCAL_ID) ||
		!(seen & 1u << T_REMOTE_ID) || !(seen & 1u << T_PEER_CFG) ||
		!(seen & 1u << T_MID) || !(seen & 1u << T_FLAGS))
	{
		return HA_SYNC_RECORD_MISSING;
	}
	return HA_SYNC_RECORD_OK;
}

const char *ha_sync_record_result_name(ha_sync_record_result_t result)
{
	static const char *names[] = {
		[HA_SYNC_RECORD_OK] = "ok",
		[HA_SYNC_RECORD_BAD_LENGTH] = "bad-length",
		[HA_SYNC_RECORD_UNKNOWN_TYPE] = "unknown-type",
		[HA_SYNC_RECORD_DUPLICATE] = "duplicate",
		[HA_SYNC_RECORD_BAD_VALUE] = "bad-value",
		[HA_SYNC_RECORD_MISSING] = "missing",
	};

	if (result < HA_SYNC_RECORD_RESULT_MAX)
	{
		return names[result];
	}
	return "unknown";
}

void ha_sync_index_header(uint8_t *out, uint32_t generation, uint16_t part,
						  uint16_t parts)
{
	out[0] = generation >> 24;
	out[1] = generation >> 16;
	out[2] = generation >> 8;
	out[3] = generation;
	out[4] = part >> 8;
	out[5] = part;
	out[6] = parts >> 8;
	out[7] = parts;
}

bool ha_sync_index_parse(const uint8_t *data, size_t len,
						 ha_sync_index_t *index)
{
	if (len < HA_SYNC_INDEX_HEADER_LEN ||
		(len - HA_SYNC_INDEX_HEADER_LEN) % 16)
	{
		return false;
	}
	index->generation = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
						(uint32_t)data[2] << 8 | data[3];
	index->part = (uint16_t)(data[4] << 8 | data[5]);
	index->parts = (uint16_t)(data[6] << 8 | data[7]);
	if (index->parts == 0 || index->parts > HA_SYNC_INDEX_PARTS_MAX ||
		index->part >= index->parts)
	{
		return false;
	}
	index->spis = data + HA_SYNC_INDEX_HEADER_LEN;
	index->count = (len - HA_SYNC_INDEX_HEADER_LEN) / 16;
	return true;
}
