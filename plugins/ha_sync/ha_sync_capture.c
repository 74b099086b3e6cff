/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ha_sync_capture.h"

#include <daemon.h>
#include <threading/mutex.h>
#include <collections/hashtable.h>
#include <collections/array.h>
#include <processing/jobs/callback_job.h>
#include <sa/ikev2/keymat_v2.h>

typedef struct private_ha_sync_capture_t private_ha_sync_capture_t;

/**
 * One IKE_SA of this member, as far as recorded.
 */
typedef struct {
	/** the record; complete once up */
	ha_sync_ike_t rec;
	/** unique IDs of the CHILD_SAs in rec.children, same order */
	uint32_t child_ids[HA_SYNC_CHILDREN_MAX];
	/** the IKE_SA is established: the record is complete */
	bool up;
	/** changed since it was last sent */
	bool dirty;
} entry_t;

struct private_ha_sync_capture_t {

	/**
	 * Public interface.
	 */
	ha_sync_capture_t public;

	/**
	 * Where records go.
	 */
	ha_sync_channel_t *channel;

	/**
	 * entry_t* by IKE_SA unique ID.
	 */
	hashtable_t *entries;

	/**
	 * SPIs (16 bytes each) of IKE_SAs gone, to send.
	 */
	array_t *gone;

	/**
	 * A flush job is queued.
	 */
	bool flush_pending;

	/**
	 * Generation of the last index sent.
	 */
	uint32_t index_generation;

	/**
	 * Full resend interval.
	 */
	uint32_t resync_ms;

	/**
	 * Announce RFC 6311 message ID sync in IKE_AUTH.
	 */
	bool mid_sync;

	/**
	 * Let MOBIKE announce our other addresses to peers.
	 */
	bool additional_addresses;

	/**
	 * Counters.
	 */
	uint64_t puts, dels, indexes, too_many_children, unrecorded, adopted;

	/**
	 * Protects all of the above.
	 */
	mutex_t *mutex;
};

static void wipe_entry(entry_t *entry)
{
	memwipe(entry, sizeof(*entry));
	free(entry);
}

static void copy_addr(ha_sync_addr_t *out, host_t *host)
{
	chunk_t addr = host->get_address(host);

	out->len = addr.len <= sizeof(out->addr) ? addr.len : 0;
	memcpy(out->addr, addr.ptr, out->len);
	out->port = host->get_port(host);
}

static void copy_id(ha_sync_id_t *out, identification_t *id)
{
	chunk_t enc = id->get_encoding(id);

	out->type = id->get_type(id);
	out->len = min(enc.len, (size_t)HA_SYNC_ID_MAX);
	memcpy(out->data, enc.ptr, out->len);
}

static void copy_ts(ha_sync_ts_t *out, traffic_selector_t *ts)
{
	chunk_t from = ts->get_from_address(ts), to = ts->get_to_address(ts);

	out->len = from.len == to.len && from.len <= 16 ? from.len : 0;
	memcpy(out->from, from.ptr, out->len);
	memcpy(out->to, to.ptr, out->len);
	out->protocol = ts->get_protocol(ts);
	out->from_port = ts->get_from_port(ts);
	out->to_port = ts->get_to_port(ts);
}

/**
 * Queue a flush of what changed, once; must hold mutex.
 */
static void schedule_flush(private_ha_sync_capture_t *this);

/**
 * The entry of an IKE_SA, created if asked; must hold mutex.
 */
static entry_t *get_entry(private_ha_sync_capture_t *this, ike_sa_t *ike_sa,
						  bool create)
{
	uintptr_t id = ike_sa->get_unique_id(ike_sa);
	entry_t *entry;

	entry = this->entries->get(this->entries, (void*)id);
	if (!entry && create)
	{
		INIT(entry);
		this->entries->put(this->entries, (void*)id, entry);
	}
	return entry;
}

/**
 * Fill what is known once an IKE_SA is established; must hold mutex.
 */
static void fill_established(entry_t *entry, ike_sa_t *ike_sa)
{
	enumerator_t *enumerator;
	peer_cfg_t *peer_cfg;
	host_t *vip;
	int i;

	copy_addr(&entry->rec.local, ike_sa->get_my_host(ike_sa));
	copy_addr(&entry->rec.remote, ike_sa->get_other_host(ike_sa));
	copy_id(&entry->rec.local_id, ike_sa->get_my_id(ike_sa));
	copy_id(&entry->rec.remote_id, ike_sa->get_other_id(ike_sa));
	peer_cfg = ike_sa->get_peer_cfg(ike_sa);
	if (peer_cfg)
	{
		snprintf(entry->rec.peer_cfg, sizeof(entry->rec.peer_cfg), "%s",
				 peer_cfg->get_name(peer_cfg));
	}
	entry->rec.vip_count = 0;
	enumerator = ike_sa->create_virtual_ip_enumerator(ike_sa, FALSE);
	while (enumerator->enumerate(enumerator, &vip) &&
		   entry->rec.vip_count < HA_SYNC_VIPS_MAX)
	{
		copy_addr(&entry->rec.vips[entry->rec.vip_count++], vip);
		entry->rec.vips[entry->rec.vip_count - 1].port = 0;
	}
	enumerator->destroy(enumerator);
	entry->rec.conditions = entry->rec.extensions = 0;
	for (i = 0; i < 32; i++)
	{
		if (ike_sa->has_condition(ike_sa, 1u << i))
		{
			entry->rec.conditions |= 1u << i;
		}
		if (ike_sa->supports_extension(ike_sa, 1u << i))
		{
			entry->rec.extensions |= 1u << i;
		}
	}
	entry->rec.mid_initiate = max(entry->rec.mid_initiate,
								  ike_sa->get_message_id(ike_sa, TRUE));
	entry->rec.mid_respond = max(entry->rec.mid_respond,
								 ike_sa->get_message_id(ike_sa, FALSE));
	entry->up = TRUE;
	entry->dirty = TRUE;
}

METHOD(listener_t, ike_keys, bool,
	private_ha_sync_capture_t *this, ike_sa_t *ike_sa, key_exchange_t *dh,
	chunk_t dh_other, chunk_t nonce_i, chunk_t nonce_r, ike_sa_t *rekey,
	shared_key_t *shared, auth_method_t method)
{
	ike_sa_id_t *id = ike_sa->get_id(ike_sa);
	proposal_t *proposal = ike_sa->get_proposal(ike_sa);
	uint64_t spi_i, spi_r;
	uint16_t alg, keylen;
	chunk_t secret = chunk_empty, skd;
	keymat_v2_t *keymat;
	entry_t *entry;

	if (ike_sa->get_version(ike_sa) != IKEV2 || !proposal ||
		nonce_i.len > HA_SYNC_NONCE_MAX || nonce_r.len > HA_SYNC_NONCE_MAX ||
		!dh->get_shared_secret(dh, &secret) || !secret.len ||
		secret.len > HA_SYNC_SECRET_MAX)
	{
		chunk_clear(&secret);
		this->mutex->lock(this->mutex);
		this->unrecorded++;
		this->mutex->unlock(this->mutex);
		return TRUE;
	}
	this->mutex->lock(this->mutex);
	entry = get_entry(this, ike_sa, TRUE);
	spi_i = id->get_initiator_spi(id);
	spi_r = id->get_responder_spi(id);
	memcpy(entry->rec.spi_i, &spi_i, 8);
	memcpy(entry->rec.spi_r, &spi_r, 8);
	entry->rec.initiator = id->is_initiator(id);
	if (proposal->get_algorithm(proposal, ENCRYPTION_ALGORITHM, &alg, &keylen))
	{
		entry->rec.encr_alg = alg;
		entry->rec.encr_keylen = keylen;
	}
	if (proposal->get_algorithm(proposal, INTEGRITY_ALGORITHM, &alg, NULL))
	{
		entry->rec.integ_alg = alg;
	}
	if (proposal->get_algorithm(proposal, PSEUDO_RANDOM_FUNCTION, &alg, NULL))
	{
		entry->rec.prf_alg = alg;
	}
	entry->rec.ke_method = dh->get_method(dh);
	memcpy(entry->rec.nonce_i, nonce_i.ptr, nonce_i.len);
	entry->rec.nonce_i_len = nonce_i.len;
	memcpy(entry->rec.nonce_r, nonce_r.ptr, nonce_r.len);
	entry->rec.nonce_r_len = nonce_r.len;
	memcpy(entry->rec.secret, secret.ptr, secret.len);
	entry->rec.secret_len = secret.len;
	entry->rec.old_skd_len = 0;
	if (rekey)
	{	/* keys of a rekeyed IKE_SA derive from the old SA's SK_d */
		keymat = (keymat_v2_t*)rekey->get_keymat(rekey);
		entry->rec.old_prf_alg = keymat->get_skd(keymat, &skd);
		if (skd.len <= HA_SYNC_SKD_MAX)
		{
			memcpy(entry->rec.old_skd, skd.ptr, skd.len);
			entry->rec.old_skd_len = skd.len;
		}
	}
	this->mutex->unlock(this->mutex);
	chunk_clear(&secret);
	return TRUE;
}

METHOD(listener_t, ike_updown, bool,
	private_ha_sync_capture_t *this, ike_sa_t *ike_sa, bool up)
{
	entry_t *entry;

	if (up)
	{
		this->mutex->lock(this->mutex);
		entry = get_entry(this, ike_sa, FALSE);
		if (entry)
		{
			fill_established(entry, ike_sa);
			schedule_flush(this);
		}
		this->mutex->unlock(this->mutex);
	}
	return TRUE;
}

METHOD(listener_t, ike_update, bool,
	private_ha_sync_capture_t *this, ike_sa_t *ike_sa, host_t *local,
	host_t *remote)
{
	entry_t *entry;

	this->mutex->lock(this->mutex);
	entry = get_entry(this, ike_sa, FALSE);
	if (entry && entry->up)
	{	/* a MOBIKE update or NAT mapping change: a new holder must send to
		 * where the peer is now */
		copy_addr(&entry->rec.local, local);
		copy_addr(&entry->rec.remote, remote);
		entry->dirty = TRUE;
		schedule_flush(this);
	}
	this->mutex->unlock(this->mutex);
	return TRUE;
}

METHOD(listener_t, ike_rekey, bool,
	private_ha_sync_capture_t *this, ike_sa_t *old, ike_sa_t *new)
{
	entry_t *from, *to;

	this->mutex->lock(this->mutex);
	from = get_entry(this, old, FALSE);
	to = get_entry(this, new, FALSE);
	if (from && to)
	{	/* the CHILD_SAs move to the new IKE_SA */
		to->rec.child_count = from->rec.child_count;
		memcpy(to->rec.children, from->rec.children,
			   sizeof(to->rec.children));
		memcpy(to->child_ids, from->child_ids, sizeof(to->child_ids));
		fill_established(to, new);
		schedule_flush(this);
	}
	this->mutex->unlock(this->mutex);
	return TRUE;
}

METHOD(listener_t, ike_state_change, bool,
	private_ha_sync_capture_t *this, ike_sa_t *ike_sa, ike_sa_state_t state)
{
	uintptr_t id = ike_sa->get_unique_id(ike_sa);
	uint8_t *spis;
	entry_t *entry;

	if (state != IKE_DESTROYING)
	{
		return TRUE;
	}
	this->mutex->lock(this->mutex);
	entry = this->entries->remove(this->entries, (void*)id);
	if (entry)
	{
		if (entry->up)
		{
			spis = malloc(16);
			memcpy(spis, entry->rec.spi_i, 8);
			memcpy(spis + 8, entry->rec.spi_r, 8);
			array_insert(this->gone, ARRAY_TAIL, spis);
			schedule_flush(this);
		}
		wipe_entry(entry);
	}
	this->mutex->unlock(this->mutex);
	return TRUE;
}

/**
 * Remove the MOBIKE ADDITIONAL_IP*_ADDRESS notifies from a message we send.
 * They list this member's own addresses: a client that roams would move
 * its IKE_SA onto one of them, off the address that fails over, and no
 * member could take it over.
 */
static void hide_additional_addresses(message_t *message)
{
	enumerator_t *enumerator;
	payload_t *payload;
	notify_payload_t *notify;
	bool removed = FALSE, none = FALSE;

	enumerator = message->create_payload_enumerator(message);
	while (enumerator->enumerate(enumerator, &payload))
	{
		if (payload->get_type(payload) != PLV2_NOTIFY)
		{
			continue;
		}
		notify = (notify_payload_t*)payload;
		switch (notify->get_notify_type(notify))
		{
			case ADDITIONAL_IP4_ADDRESS:
			case ADDITIONAL_IP6_ADDRESS:
				message->remove_payload_at(message, enumerator);
				payload->destroy(payload);
				removed = TRUE;
				break;
			case NO_ADDITIONAL_ADDRESSES:
				none = TRUE;
				break;
			default:
				break;
		}
	}
	enumerator->destroy(enumerator);
	if (removed && !none)
	{
		message->add_notify(message, FALSE, NO_ADDITIONAL_ADDRESSES,
							chunk_empty);
	}
}

METHOD(listener_t, message_hook, bool,
	private_ha_sync_capture_t *this, ike_sa_t *ike_sa, message_t *message,
	bool incoming, bool plain)
{
	uint32_t next;
	entry_t *entry;

	if (!plain)
	{
		return TRUE;
	}
	if (!incoming && !this->additional_addresses &&
		ike_sa->supports_extension(ike_sa, EXT_MOBIKE))
	{
		hide_additional_addresses(message);
	}
	if (this->mid_sync && message->get_exchange_type(message) == IKE_AUTH)
	{	/* strongSwan answers a peer's message ID sync, but as a responder
		 * it neither takes note of a peer's support nor announces its
		 * own; a new holder of the IKE_SA needs both */
		if (incoming && message->get_request(message) &&
			message->get_notify(message, IKEV2_MESSAGE_ID_SYNC_SUPPORTED))
		{
			ike_sa->enable_extension(ike_sa, EXT_IKE_MESSAGE_ID_SYNC);
		}
		else if (!incoming && !message->get_request(message) &&
				 ike_sa->supports_extension(ike_sa, EXT_IKE_MESSAGE_ID_SYNC) &&
				 !message->get_notify(message,
									  IKEV2_MESSAGE_ID_SYNC_SUPPORTED))
		{
			message->add_notify(message, FALSE,
								IKEV2_MESSAGE_ID_SYNC_SUPPORTED, chunk_empty);
		}
	}
	if (!message->get_request(message))
	{
		return TRUE;
	}
	next = message->get_message_id(message) + 1;
	this->mutex->lock(this->mutex);
	entry = get_entry(this, ike_sa, FALSE);
	if (entry)
	{	/* sent with the next change or resync */
		if (incoming)
		{
			entry->rec.mid_respond = max(entry->rec.mid_respond, next);
		}
		else
		{
			entry->rec.mid_initiate = max(entry->rec.mid_initiate, next);
		}
	}
	this->mutex->unlock(this->mutex);
	return TRUE;
}

/**
 * The slot of a CHILD_SA in an entry, added if asked; must hold mutex.
 */
static ha_sync_child_t *get_child(private_ha_sync_capture_t *this,
								  entry_t *entry, uint32_t id, bool add)
{
	int i;

	for (i = 0; i < entry->rec.child_count; i++)
	{
		if (entry->child_ids[i] == id)
		{
			return &entry->rec.children[i];
		}
	}
	if (!add)
	{
		return NULL;
	}
	if (entry->rec.child_count == HA_SYNC_CHILDREN_MAX)
	{
		this->too_many_children++;
		return NULL;
	}
	i = entry->rec.child_count++;
	entry->child_ids[i] = id;
	DBG2(DBG_CHD, "ha-sync: recording CHILD_SA {%u}, %d in the record", id,
		 entry->rec.child_count);
	memset(&entry->rec.children[i], 0, sizeof(entry->rec.children[i]));
	return &entry->rec.children[i];
}

static bool copy_key(uint8_t *out, uint8_t *out_len, chunk_t key)
{
	if (key.len > HA_SYNC_KEY_MAX)
	{
		return FALSE;
	}
	memcpy(out, key.ptr, key.len);
	*out_len = key.len;
	return TRUE;
}

METHOD(listener_t, child_derived_keys, bool,
	private_ha_sync_capture_t *this, ike_sa_t *ike_sa, child_sa_t *child_sa,
	bool initiator, chunk_t encr_i, chunk_t encr_r, chunk_t integ_i,
	chunk_t integ_r)
{
	proposal_t *proposal = child_sa->get_proposal(child_sa);
	enumerator_t *enumerator;
	traffic_selector_t *ts;
	ha_sync_child_t *child;
	uint16_t alg, keylen;
	entry_t *entry;
	bool ok;

	this->mutex->lock(this->mutex);
	entry = get_entry(this, ike_sa, FALSE);
	child = entry ? get_child(this, entry, child_sa->get_unique_id(child_sa),
							  TRUE) : NULL;
	if (!child || !proposal)
	{
		this->unrecorded++;
		this->mutex->unlock(this->mutex);
		return TRUE;
	}
	snprintf(child->cfg, sizeof(child->cfg), "%s",
			 child_sa->get_name(child_sa));
	child->spi_in = child_sa->get_spi(child_sa, TRUE);
	child->spi_out = child_sa->get_spi(child_sa, FALSE);
	child->protocol = child_sa->get_protocol(child_sa);
	child->mode = child_sa->get_mode(child_sa);
	child->encap = child_sa->has_encap(child_sa);
	child->esn = proposal->get_algorithm(proposal, EXTENDED_SEQUENCE_NUMBERS,
										 &alg, NULL) && alg == EXT_SEQ_NUMBERS;
	child->initiator = initiator;
	if (proposal->get_algorithm(proposal, ENCRYPTION_ALGORITHM, &alg, &keylen))
	{
		child->encr_alg = alg;
		child->encr_keylen = keylen;
	}
	if (proposal->get_algorithm(proposal, INTEGRITY_ALGORITHM, &alg, NULL))
	{
		child->integ_alg = alg;
	}
	ok = copy_key(child->encr_i, &child->encr_i_len, encr_i) &&
		 copy_key(child->encr_r, &child->encr_r_len, encr_r) &&
		 copy_key(child->integ_i, &child->integ_i_len, integ_i) &&
		 copy_key(child->integ_r, &child->integ_r_len, integ_r);
	child->local_ts_count = child->remote_ts_count = 0;
	enumerator = child_sa->create_ts_enumerator(child_sa, TRUE);
	while (enumerator->enumerate(enumerator, &ts) &&
		   child->local_ts_count < HA_SYNC_TS_MAX)
	{
		copy_ts(&child->local_ts[child->local_ts_count++], ts);
	}
	enumerator->destroy(enumerator);
	enumerator = child_sa->create_ts_enumerator(child_sa, FALSE);
	while (enumerator->enumerate(enumerator, &ts) &&
		   child->remote_ts_count < HA_SYNC_TS_MAX)
	{
		copy_ts(&child->remote_ts[child->remote_ts_count++], ts);
	}
	enumerator->destroy(enumerator);
	if (!ok)
	{	/* a record that cannot be encoded is not sent at all */
		entry->rec.child_count--;
		this->unrecorded++;
	}
	else if (entry->up)
	{	/* a CHILD_SA created later than its IKE_SA */
		entry->dirty = TRUE;
		schedule_flush(this);
	}
	this->mutex->unlock(this->mutex);
	return TRUE;
}

METHOD(ha_sync_capture_t, adopt, void,
	private_ha_sync_capture_t *this, ike_sa_t *ike_sa, ha_sync_ike_t *rec)
{
	enumerator_t *enumerator;
	child_sa_t *child_sa;
	entry_t *entry;
	uint32_t spi;
	int i, n;

	this->mutex->lock(this->mutex);
	entry = get_entry(this, ike_sa, TRUE);
	entry->rec = *rec;
	entry->rec.child_count = 0;
	enumerator = ike_sa->create_child_sa_enumerator(ike_sa);
	while (enumerator->enumerate(enumerator, &child_sa))
	{
		spi = child_sa->get_spi(child_sa, TRUE);
		for (i = 0; i < rec->child_count; i++)
		{
			if (rec->children[i].spi_in == spi &&
				entry->rec.child_count < HA_SYNC_CHILDREN_MAX)
			{
				n = entry->rec.child_count++;
				entry->child_ids[n] = child_sa->get_unique_id(child_sa);
				entry->rec.children[n] = rec->children[i];
				break;
			}
		}
	}
	enumerator->destroy(enumerator);
	DBG2(DBG_CHD, "ha-sync: adopted %d of %d CHILD_SAs of the record",
		 entry->rec.child_count, rec->child_count);
	/* addresses, extensions and message IDs as they are here now */
	fill_established(entry, ike_sa);
	this->adopted++;
	schedule_flush(this);
	this->mutex->unlock(this->mutex);
}

METHOD(listener_t, child_state_change, bool,
	private_ha_sync_capture_t *this, ike_sa_t *ike_sa, child_sa_t *child_sa,
	child_sa_state_t state)
{
	uint32_t id = child_sa->get_unique_id(child_sa);
	entry_t *entry;
	int i, last;

	switch (state)
	{
		case CHILD_REKEYED:
		case CHILD_DELETING:
		case CHILD_DELETED:
		case CHILD_DESTROYING:
			/* a rekeyed or deleted CHILD_SA leaves the record at once:
			 * charon keeps it for seconds (delete_rekeyed_delay), and a
			 * member taking it over would rekey an SA the peer no longer
			 * has (NO_CHILD_SA, then a duplicate CHILD_SA) */
			break;
		default:
			return TRUE;
	}
	this->mutex->lock(this->mutex);
	entry = get_entry(this, ike_sa, FALSE);
	if (entry)
	{
		for (i = 0; i < entry->rec.child_count; i++)
		{
			if (entry->child_ids[i] != id)
			{
				continue;
			}
			last = --entry->rec.child_count;
			DBG2(DBG_CHD, "ha-sync: CHILD_SA {%u} %N, %d left in the record",
				 id, child_sa_state_names, state, last);
			entry->rec.children[i] = entry->rec.children[last];
			entry->child_ids[i] = entry->child_ids[last];
			memwipe(&entry->rec.children[last],
					sizeof(entry->rec.children[last]));
			if (entry->up)
			{
				entry->dirty = TRUE;
				schedule_flush(this);
			}
			break;
		}
	}
	this->mutex->unlock(this->mutex);
	return TRUE;
}

/**
 * IDs of the established entries, only the changed ones if asked; must
 * hold mutex.
 */
static array_t *collect_ids(private_ha_sync_capture_t *this, bool dirty_only)
{
	enumerator_t *enumerator;
	array_t *ids = array_create(sizeof(uintptr_t), 0);
	entry_t *entry;
	void *key;

	enumerator = this->entries->create_enumerator(this->entries);
	while (enumerator->enumerate(enumerator, &key, &entry))
	{
		if (entry->up && (entry->dirty || !dirty_only))
		{
			array_insert(ids, ARRAY_TAIL, &key);
		}
	}
	enumerator->destroy(enumerator);
	return ids;
}

/**
 * Encode the record of an entry, if it still exists, and copy its SPIs;
 * takes the mutex for this entry only, so that bus hooks never wait for
 * more than one encoding.
 */
static size_t encode_entry(private_ha_sync_capture_t *this, uintptr_t id,
						   uint8_t *buf, uint8_t *spis)
{
	entry_t *entry;
	size_t len = 0;

	this->mutex->lock(this->mutex);
	entry = this->entries->get(this->entries, (void*)id);
	if (entry && entry->up)
	{
		len = ha_sync_record_encode(&entry->rec, buf, HA_SYNC_RECORD_MAX);
		memcpy(spis, entry->rec.spi_i, 8);
		memcpy(spis + 8, entry->rec.spi_r, 8);
		entry->dirty = FALSE;
	}
	this->mutex->unlock(this->mutex);
	return len;
}

/**
 * Encode and send the records of some entries, outside the mutex: a
 * record may arrive after the deletion of its SA, then the next index
 * removes it. Adds the SPIs sent to index, up to max_index.
 */
static void send_entries(private_ha_sync_capture_t *this, array_t *ids,
						 uint8_t *index, size_t max_index, size_t *count)
{
	uint8_t *buf = malloc(HA_SYNC_RECORD_MAX), spis[16];
	uint64_t puts = 0;
	uintptr_t id;
	size_t len;

	while (array_remove(ids, ARRAY_HEAD, &id))
	{
		len = encode_entry(this, id, buf, spis);
		if (!len)
		{
			continue;
		}
		if (this->channel->send(this->channel, HA_SYNC_MSG_PUT, buf, len))
		{
			puts++;
		}
		memwipe(buf, len);
		if (index && *count < max_index)
		{
			memcpy(index + 16 * *count, spis, 16);
		}
		if (count)
		{
			(*count)++;
		}
	}
	free(buf);
	this->mutex->lock(this->mutex);
	this->puts += puts;
	this->mutex->unlock(this->mutex);
}

CALLBACK(flush, job_requeue_t,
	private_ha_sync_capture_t *this)
{
	array_t *ids, *gone;
	uint64_t dels = 0;
	uint8_t *spis;

	this->mutex->lock(this->mutex);
	this->flush_pending = FALSE;
	ids = collect_ids(this, TRUE);
	gone = this->gone;
	this->gone = array_create(0, 0);
	this->mutex->unlock(this->mutex);

	send_entries(this, ids, NULL, 0, NULL);
	array_destroy(ids);
	while (array_remove(gone, ARRAY_HEAD, &spis))
	{
		if (this->channel->send(this->channel, HA_SYNC_MSG_DEL, spis, 16))
		{
			dels++;
		}
		free(spis);
	}
	array_destroy(gone);
	this->mutex->lock(this->mutex);
	this->dels += dels;
	this->mutex->unlock(this->mutex);
	return JOB_REQUEUE_NONE;
}

static void schedule_flush(private_ha_sync_capture_t *this)
{
	if (!this->flush_pending)
	{
		this->flush_pending = TRUE;
		lib->processor->queue_job(lib->processor,
				(job_t*)callback_job_create(flush, this, NULL, NULL));
	}
}

CALLBACK(resync, job_requeue_t,
	private_ha_sync_capture_t *this)
{
	size_t per_part = (HA_SYNC_SEALED_MAX - HA_SYNC_OVERHEAD -
					   CLUSTER_NAME_MAX - HA_SYNC_INDEX_HEADER_LEN) / 16;
	size_t count, parts, i, n;
	uint8_t *spis, *msg;
	uint32_t generation;
	uintptr_t id;
	entry_t *entry;
	array_t *ids;
	bool sent = TRUE;

	/* the index first, from the same snapshot as the records: the backup
	 * drops what it does not list, and counts records sent after it began
	 * as listed */
	this->mutex->lock(this->mutex);
	ids = collect_ids(this, FALSE);
	count = array_count(ids);
	spis = malloc(16 * max(count, 1));
	for (i = 0; i < count; i++)
	{
		array_get(ids, i, &id);
		entry = this->entries->get(this->entries, (void*)id);
		memcpy(spis + 16 * i, entry->rec.spi_i, 8);
		memcpy(spis + 16 * i + 8, entry->rec.spi_r, 8);
	}
	generation = ++this->index_generation;
	this->mutex->unlock(this->mutex);

	parts = count ? (count + per_part - 1) / per_part : 1;
	if (parts <= HA_SYNC_INDEX_PARTS_MAX)
	{
		msg = malloc(HA_SYNC_INDEX_HEADER_LEN + 16 * per_part);
		for (i = 0; i < parts; i++)
		{
			n = min(per_part, count - i * per_part);
			ha_sync_index_header(msg, generation, i, parts);
			memcpy(msg + HA_SYNC_INDEX_HEADER_LEN, spis + 16 * i * per_part,
				   16 * n);
			sent &= this->channel->send(this->channel, HA_SYNC_MSG_INDEX, msg,
										HA_SYNC_INDEX_HEADER_LEN + 16 * n);
		}
		free(msg);
	}
	else
	{	/* more than 64 parts: stale records stay until their DEL arrives */
		sent = FALSE;
	}
	free(spis);
	send_entries(this, ids, NULL, 0, NULL);
	array_destroy(ids);
	this->mutex->lock(this->mutex);
	this->indexes += sent;
	this->mutex->unlock(this->mutex);
	return JOB_RESCHEDULE_MS(this->resync_ms);
}

METHOD(ha_sync_capture_t, print, void,
	private_ha_sync_capture_t *this, FILE *out)
{
	enumerator_t *enumerator;
	entry_t *entry;
	u_int up = 0;
	void *key;

	this->mutex->lock(this->mutex);
	enumerator = this->entries->create_enumerator(this->entries);
	while (enumerator->enumerate(enumerator, &key, &entry))
	{
		up += entry->up;
	}
	enumerator->destroy(enumerator);
	fprintf(out, "ha.records-own %u\n", up);
	fprintf(out, "ha.puts %llu\n", (unsigned long long)this->puts);
	fprintf(out, "ha.dels %llu\n", (unsigned long long)this->dels);
	fprintf(out, "ha.indexes %llu\n", (unsigned long long)this->indexes);
	fprintf(out, "ha.adopted %llu\n", (unsigned long long)this->adopted);
	fprintf(out, "ha.unrecorded %llu\n",
			(unsigned long long)this->unrecorded);
	fprintf(out, "ha.too-many-children %llu\n",
			(unsigned long long)this->too_many_children);
	this->mutex->unlock(this->mutex);
}

METHOD(ha_sync_capture_t, destroy, void,
	private_ha_sync_capture_t *this)
{
	enumerator_t *enumerator;
	entry_t *entry;
	void *key;

	enumerator = this->entries->create_enumerator(this->entries);
	while (enumerator->enumerate(enumerator, &key, &entry))
	{
		wipe_entry(entry);
	}
	enumerator->destroy(enumerator);
	this->entries->destroy(this->entries);
	array_destroy_function(this->gone, (void*)free, NULL);
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
ha_sync_capture_t *ha_sync_capture_create(ha_sync_channel_t *channel,
										  uint32_t resync_ms, bool mid_sync,
										  bool additional_addresses)
{
	private_ha_sync_capture_t *this;

	INIT(this,
		.public = {
			.listener = {
				.ike_keys = _ike_keys,
				.ike_updown = _ike_updown,
				.ike_rekey = _ike_rekey,
				.ike_state_change = _ike_state_change,
				.ike_update = _ike_update,
				.message = _message_hook,
				.child_derived_keys = _child_derived_keys,
				.child_state_change = _child_state_change,
			},
			.adopt = _adopt,
			.print = _print,
			.destroy = _destroy,
		},
		.channel = channel,
		.entries = hashtable_create(hashtable_hash_ptr, hashtable_equals_ptr,
									64),
		.gone = array_create(0, 0),
		.resync_ms = resync_ms,
		.mid_sync = mid_sync,
		.additional_addresses = additional_addresses,
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);
	lib->scheduler->schedule_job_ms(lib->scheduler,
			(job_t*)callback_job_create(resync, this, NULL, NULL),
			resync_ms);
	return &this->public;
}
