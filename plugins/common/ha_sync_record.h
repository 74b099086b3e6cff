/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ha_sync_record ha_sync_record
 * @{ @ingroup common
 *
 * The state of one IKE_SA and its CHILD_SAs as ha-sync replicates it, and
 * its encoding: what a backup member needs to build the SAs again on a
 * takeover (see docs/design/ha-sync-research.md). IKE keys are carried as
 * their inputs (key exchange secret, nonces, SPIs, algorithms), because
 * strongSwan derives them again; CHILD_SA keys as derived.
 *
 * The encoding is a sequence of TLVs (type 2, length 2, value), CHILD_SAs
 * and traffic selectors nested. Decoding is strict: every field has a
 * length range, fields that must be unique are, unknown types are
 * rejected, and the mandatory fields must be there. Pure code, unit-tested
 * and fuzzed; it travels sealed (ha_sync_seal).
 */

#ifndef HA_SYNC_RECORD_H_
#define HA_SYNC_RECORD_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HA_SYNC_NONCE_MAX 256
/** a key exchange's shared secret: MODP-8192 is the largest */
#define HA_SYNC_SECRET_MAX 1024
/** SK_d of the rekeyed IKE_SA: a PRF's output */
#define HA_SYNC_SKD_MAX 64
/** an identity's encoding (DN, FQDN, address, key ID) */
#define HA_SYNC_ID_MAX 255
/** configuration names */
#define HA_SYNC_CFG_NAME_MAX 64
/** ESP keys: encryption (with salt) and integrity */
#define HA_SYNC_KEY_MAX 64
#define HA_SYNC_VIPS_MAX 4
#define HA_SYNC_CHILDREN_MAX 16
#define HA_SYNC_TS_MAX 8
/** the largest encoding of a record */
#define HA_SYNC_RECORD_MAX 24576

typedef enum ha_sync_record_result_t ha_sync_record_result_t;
typedef struct ha_sync_addr_t ha_sync_addr_t;
typedef struct ha_sync_id_t ha_sync_id_t;
typedef struct ha_sync_ts_t ha_sync_ts_t;
typedef struct ha_sync_child_t ha_sync_child_t;
typedef struct ha_sync_ike_t ha_sync_ike_t;

/**
 * An IP address, with a port where one belongs.
 */
struct ha_sync_addr_t {
	/** 4 or 16 */
	uint8_t len;
	uint8_t addr[16];
	uint16_t port;
};

/**
 * An identity: strongSwan's id_type_t and its encoding.
 */
struct ha_sync_id_t {
	uint8_t type;
	uint16_t len;
	uint8_t data[HA_SYNC_ID_MAX];
};

/**
 * A traffic selector: an address range, protocol and port range.
 */
struct ha_sync_ts_t {
	/** 4 (IPv4 range) or 16 (IPv6 range) */
	uint8_t len;
	uint8_t protocol;
	uint16_t from_port;
	uint16_t to_port;
	uint8_t from[16];
	uint8_t to[16];
};

/**
 * A CHILD_SA.
 */
struct ha_sync_child_t {
	/** child_cfg name */
	char cfg[HA_SYNC_CFG_NAME_MAX + 1];
	/** SPIs in network order, as charon keeps them */
	uint32_t spi_in;
	uint32_t spi_out;
	/** protocol_id_t, ipsec_mode_t */
	uint8_t protocol;
	uint8_t mode;
	/** UDP encapsulation, extended sequence numbers */
	bool encap;
	bool esn;
	/** this member initiated the exchange that created it */
	bool initiator;
	/** encryption algorithm and key length, integrity algorithm */
	uint16_t encr_alg;
	uint16_t encr_keylen;
	uint16_t integ_alg;
	/** keys as derived: initiator's and responder's */
	uint8_t encr_i_len, encr_r_len, integ_i_len, integ_r_len;
	uint8_t encr_i[HA_SYNC_KEY_MAX];
	uint8_t encr_r[HA_SYNC_KEY_MAX];
	uint8_t integ_i[HA_SYNC_KEY_MAX];
	uint8_t integ_r[HA_SYNC_KEY_MAX];
	/** traffic selectors, local and remote */
	uint8_t local_ts_count, remote_ts_count;
	ha_sync_ts_t local_ts[HA_SYNC_TS_MAX];
	ha_sync_ts_t remote_ts[HA_SYNC_TS_MAX];
};

/**
 * An IKE_SA with its CHILD_SAs.
 */
struct ha_sync_ike_t {
	/** SPIs as on the wire */
	uint8_t spi_i[8];
	uint8_t spi_r[8];
	/** this member is the IKE_SA's original initiator */
	bool initiator;
	/** selected proposal: encryption (and key length), integrity, PRF and
	 * key exchange method, by their IANA numbers */
	uint16_t encr_alg;
	uint16_t encr_keylen;
	uint16_t integ_alg;
	uint16_t prf_alg;
	uint16_t ke_method;
	/** the key derivation's inputs */
	uint16_t nonce_i_len, nonce_r_len, secret_len;
	uint8_t nonce_i[HA_SYNC_NONCE_MAX];
	uint8_t nonce_r[HA_SYNC_NONCE_MAX];
	uint8_t secret[HA_SYNC_SECRET_MAX];
	/** for an IKE_SA made by a rekey: the old SA's PRF and SK_d */
	uint16_t old_prf_alg;
	uint8_t old_skd_len;
	uint8_t old_skd[HA_SYNC_SKD_MAX];
	/** endpoints */
	ha_sync_addr_t local;
	ha_sync_addr_t remote;
	/** identities */
	ha_sync_id_t local_id;
	ha_sync_id_t remote_id;
	/** peer_cfg name */
	char peer_cfg[HA_SYNC_CFG_NAME_MAX + 1];
	/** next message IDs: of our next request, of the peer's next one */
	uint32_t mid_initiate;
	uint32_t mid_respond;
	/** ike_condition_t and ike_extension_t bits of the IKE_SA (NAT
	 * detected or faked, MOBIKE, ...) */
	uint32_t conditions;
	uint32_t extensions;
	/** virtual IPs assigned to the peer */
	uint8_t vip_count;
	ha_sync_addr_t vips[HA_SYNC_VIPS_MAX];
	/** its CHILD_SAs */
	uint8_t child_count;
	ha_sync_child_t children[HA_SYNC_CHILDREN_MAX];
};

/**
 * Why a record did not decode.
 */
enum ha_sync_record_result_t {
	HA_SYNC_RECORD_OK = 0,
	/** a TLV runs past its container, or a value has a bad length */
	HA_SYNC_RECORD_BAD_LENGTH,
	/** a TLV type not known here */
	HA_SYNC_RECORD_UNKNOWN_TYPE,
	/** a field that must be unique came twice, or too many of a kind */
	HA_SYNC_RECORD_DUPLICATE,
	/** a value out of range (names, flags, address lengths) */
	HA_SYNC_RECORD_BAD_VALUE,
	/** a mandatory field is missing */
	HA_SYNC_RECORD_MISSING,
	HA_SYNC_RECORD_RESULT_MAX,
};

/**
 * Encode a record.
 *
 * @param ike		the record, checked for the limits above
 * @param out		buffer
 * @param out_len	its size (HA_SYNC_RECORD_MAX always suffices)
 * @return			bytes written, 0 if a field is out of range or out short
 */
size_t ha_sync_record_encode(const ha_sync_ike_t *ike, uint8_t *out,
							 size_t out_len);

/**
 * Decode a record strictly.
 *
 * @param data		encoding
 * @param len		its length
 * @param ike		receives the record (zeroed first)
 * @return			HA_SYNC_RECORD_OK or why not
 */
ha_sync_record_result_t ha_sync_record_decode(const uint8_t *data,
											  size_t len, ha_sync_ike_t *ike);

/**
 * Name of a decode result, for counters and logs.
 */
const char *ha_sync_record_result_name(ha_sync_record_result_t result);

/** bytes before the SPIs of an index part: generation (4), part (2),
 * parts (2) */
#define HA_SYNC_INDEX_HEADER_LEN 8
/** most parts of one index: 64, of about 2,000 IKE_SAs each */
#define HA_SYNC_INDEX_PARTS_MAX 64

/**
 * One part of an index: the IKE SPIs (8 + 8 bytes each) of some of the
 * IKE_SAs the sender had when it began the index of this generation.
 */
typedef struct {
	/** the sender's index generation; all parts of one index share it */
	uint32_t generation;
	/** this part, from 0 */
	uint16_t part;
	/** number of parts, 1 to HA_SYNC_INDEX_PARTS_MAX */
	uint16_t parts;
	/** count SPI pairs (points into the parsed message) */
	const uint8_t *spis;
	size_t count;
} ha_sync_index_t;

/**
 * Write an index part's header.
 *
 * @param out		HA_SYNC_INDEX_HEADER_LEN bytes
 */
void ha_sync_index_header(uint8_t *out, uint32_t generation, uint16_t part,
						  uint16_t parts);

/**
 * Parse an index part strictly.
 *
 * @return			FALSE if the length, part or parts are invalid
 */
bool ha_sync_index_parse(const uint8_t *data, size_t len,
						 ha_sync_index_t *index);

#endif /** HA_SYNC_RECORD_H_ @}*/
