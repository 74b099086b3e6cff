/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ha_sync_activator.h"
#include "ha_sync_mid_sync.h"

#include <inttypes.h>

#include <daemon.h>
#include <threading/mutex.h>
#include <sa/ikev2/keymat_v2.h>

typedef struct private_ha_sync_activator_t private_ha_sync_activator_t;

struct private_ha_sync_activator_t {

	/**
	 * Public interface.
	 */
	ha_sync_activator_t public;

	/**
	 * Records taken-over IKE_SAs as this member's own.
	 */
	ha_sync_capture_t *capture;

	/**
	 * Synchronise message IDs with peers that support RFC 6311.
	 */
	bool mid_sync;

	/**
	 * Counters.
	 */
	uint64_t ike_taken, child_taken, failed, mid_syncs;

	/**
	 * Protects counters.
	 */
	mutex_t *mutex;
};

/**
 * A key exchange that only knows its shared secret: strongSwan derives
 * IKE keys from a key_exchange_t, and the secret is all a record has.
 */
typedef struct {
	key_exchange_t public;
	key_exchange_method_t method;
	chunk_t secret;
} known_secret_t;

METHOD(key_exchange_t, ks_get_shared_secret, bool,
	known_secret_t *this, chunk_t *secret)
{
	*secret = chunk_clone(this->secret);
	return TRUE;
}

METHOD(key_exchange_t, ks_set_public_key, bool,
	known_secret_t *this, chunk_t value)
{
	return FALSE;
}

METHOD(key_exchange_t, ks_get_public_key, bool,
	known_secret_t *this, chunk_t *value)
{
	return FALSE;
}

METHOD(key_exchange_t, ks_set_private_key, bool,
	known_secret_t *this, chunk_t value)
{
	return FALSE;
}

METHOD(key_exchange_t, ks_get_method, key_exchange_method_t,
	known_secret_t *this)
{
	return this->method;
}

METHOD(key_exchange_t, ks_destroy, void,
	known_secret_t *this)
{
	chunk_clear(&this->secret);
	free(this);
}

static key_exchange_t *known_secret_create(key_exchange_method_t method,
										   chunk_t secret)
{
	known_secret_t *this;

	INIT(this,
		.public = {
			.get_shared_secret = _ks_get_shared_secret,
			.set_public_key = _ks_set_public_key,
			.get_public_key = _ks_get_public_key,
			.set_private_key = _ks_set_private_key,
			.get_method = _ks_get_method,
			.destroy = _ks_destroy,
		},
		.method = method,
		.secret = chunk_clone(secret),
	);
	return &this->public;
}

static host_t *make_host(ha_sync_addr_t *addr)
{
	return host_create_from_chunk(addr->len == 4 ? AF_INET : AF_INET6,
								  chunk_create(addr->addr, addr->len),
								  addr->port);
}

static linked_list_t *make_ts_list(ha_sync_ts_t *ts, int count)
{
	linked_list_t *list = linked_list_create();
	traffic_selector_t *sel;
	int i;

	for (i = 0; i < count; i++)
	{
		sel = traffic_selector_create_from_bytes(ts[i].protocol,
					ts[i].len == 4 ? TS_IPV4_ADDR_RANGE : TS_IPV6_ADDR_RANGE,
					chunk_create(ts[i].from, ts[i].len), ts[i].from_port,
					chunk_create(ts[i].to, ts[i].len), ts[i].to_port);
		if (sel)
		{
			list->insert_last(list, sel);
		}
	}
	return list;
}

/**
 * Find a child_cfg of a peer_cfg by name.
 */
static child_cfg_t *find_child_cfg(peer_cfg_t *peer_cfg, char *name)
{
	enumerator_t *enumerator;
	child_cfg_t *cfg, *found = NULL;

	enumerator = peer_cfg->create_child_cfg_enumerator(peer_cfg);
	while (enumerator->enumerate(enumerator, &cfg))
	{
		if (streq(cfg->get_name(cfg), name))
		{
			found = cfg->get_ref(cfg);
			break;
		}
	}
	enumerator->destroy(enumerator);
	return found;
}

/**
 * Build and install one CHILD_SA, added to the IKE_SA.
 */
static bool activate_child(ike_sa_t *ike_sa, peer_cfg_t *peer_cfg,
						   ha_sync_child_t *rec)
{
	child_sa_create_t data = {
		.encap = rec->encap,
	};
	linked_list_t *local_ts, *remote_ts;
	chunk_t encr_in, integ_in, encr_out, integ_out;
	child_cfg_t *cfg;
	child_sa_t *child_sa;
	proposal_t *proposal;
	bool ok;

	cfg = find_child_cfg(peer_cfg, rec->cfg);
	if (!cfg)
	{
		DBG1(DBG_CFG, "ha-sync: no child config '%s' here", rec->cfg);
		return FALSE;
	}
	child_sa = child_sa_create(ike_sa->get_my_host(ike_sa),
							   ike_sa->get_other_host(ike_sa), cfg, &data);
	cfg->destroy(cfg);
	child_sa->set_protocol(child_sa, rec->protocol);
	child_sa->set_mode(child_sa, rec->mode);
	proposal = proposal_create(rec->protocol, 0);
	proposal->add_algorithm(proposal, ENCRYPTION_ALGORITHM, rec->encr_alg,
							rec->encr_keylen);
	if (rec->integ_alg)
	{
		proposal->add_algorithm(proposal, INTEGRITY_ALGORITHM, rec->integ_alg,
								0);
	}
	proposal->add_algorithm(proposal, EXTENDED_SEQUENCE_NUMBERS,
				rec->esn ? EXT_SEQ_NUMBERS : NO_EXT_SEQ_NUMBERS, 0);
	child_sa->set_proposal(child_sa, proposal);
	proposal->destroy(proposal);
	child_sa->set_state(child_sa, CHILD_INSTALLING);

	local_ts = make_ts_list(rec->local_ts, rec->local_ts_count);
	remote_ts = make_ts_list(rec->remote_ts, rec->remote_ts_count);
	child_sa->set_policies(child_sa, local_ts, remote_ts);
	local_ts->destroy_offset(local_ts, offsetof(traffic_selector_t, destroy));
	remote_ts->destroy_offset(remote_ts,
							  offsetof(traffic_selector_t, destroy));

	/* the initiator of the CHILD_SA's exchange sends with the "i" keys */
	encr_in = rec->initiator ? chunk_create(rec->encr_r, rec->encr_r_len)
							 : chunk_create(rec->encr_i, rec->encr_i_len);
	integ_in = rec->initiator ? chunk_create(rec->integ_r, rec->integ_r_len)
							  : chunk_create(rec->integ_i, rec->integ_i_len);
	encr_out = rec->initiator ? chunk_create(rec->encr_i, rec->encr_i_len)
							  : chunk_create(rec->encr_r, rec->encr_r_len);
	integ_out = rec->initiator ? chunk_create(rec->integ_i, rec->integ_i_len)
							   : chunk_create(rec->integ_r, rec->integ_r_len);
	ok = child_sa->install(child_sa, encr_in, integ_in, rec->spi_in, 0,
						   rec->initiator, TRUE, FALSE) == SUCCESS &&
		 child_sa->install(child_sa, encr_out, integ_out, rec->spi_out, 0,
						   rec->initiator, FALSE, FALSE) == SUCCESS &&
		 child_sa->install_policies(child_sa) == SUCCESS;
	if (!ok)
	{
		DBG1(DBG_CHD, "ha-sync: installing CHILD_SA '%s' with SPIs %.8x_i "
			 "%.8x_o failed", rec->cfg, ntohl(rec->spi_in),
			 ntohl(rec->spi_out));
		child_sa->destroy(child_sa);
		return FALSE;
	}
	child_sa->set_state(child_sa, CHILD_INSTALLED);
	ike_sa->add_child_sa(ike_sa, child_sa);
	return TRUE;
}

/**
 * Announce the CHILD_SAs of a taken-over IKE_SA as up.
 */
static void enumerate_children_up(ike_sa_t *ike_sa)
{
	enumerator_t *enumerator;
	child_sa_t *child_sa;

	enumerator = ike_sa->create_child_sa_enumerator(ike_sa);
	while (enumerator->enumerate(enumerator, &child_sa))
	{
		charon->bus->child_updown(charon->bus, child_sa, TRUE);
	}
	enumerator->destroy(enumerator);
}

METHOD(ha_sync_activator_t, activate, bool,
	private_ha_sync_activator_t *this, ha_sync_ike_t *rec, const char *origin)
{
	uint64_t spi_i, spi_r;
	ike_sa_id_t *id;
	ike_sa_t *ike_sa;
	peer_cfg_t *peer_cfg;
	proposal_t *proposal;
	key_exchange_t *ke;
	keymat_v2_t *keymat;
	host_t *host;
	uint32_t rekey[HA_SYNC_CHILDREN_MAX];
	ha_sync_mid_sync_t *sync;
	int i, children = 0;
	bool ok;

	peer_cfg = charon->backends->get_peer_cfg_by_name(charon->backends,
													  rec->peer_cfg);
	if (!peer_cfg)
	{
		DBG1(DBG_CFG, "ha-sync: no connection '%s' here, IKE_SA of '%s' not "
			 "taken over", rec->peer_cfg, origin);
		goto failed;
	}
	memcpy(&spi_i, rec->spi_i, 8);
	memcpy(&spi_r, rec->spi_r, 8);
	id = ike_sa_id_create(IKEV2_MAJOR_VERSION, spi_i, spi_r, rec->initiator);
	ike_sa = ike_sa_create(id, rec->initiator, IKEV2);
	id->destroy(id);
	if (!ike_sa)
	{
		peer_cfg->destroy(peer_cfg);
		goto failed;
	}
	charon->bus->set_sa(charon->bus, ike_sa);
	ike_sa->set_peer_cfg(ike_sa, peer_cfg);
	peer_cfg->destroy(peer_cfg);
	ike_sa->set_my_host(ike_sa, make_host(&rec->local));
	ike_sa->set_other_host(ike_sa, make_host(&rec->remote));
	ike_sa->set_my_id(ike_sa, identification_create_from_encoding(
			rec->local_id.type, chunk_create(rec->local_id.data,
											 rec->local_id.len)));
	ike_sa->set_other_id(ike_sa, identification_create_from_encoding(
			rec->remote_id.type, chunk_create(rec->remote_id.data,
											  rec->remote_id.len)));

	proposal = proposal_create(PROTO_IKE, 0);
	proposal->add_algorithm(proposal, ENCRYPTION_ALGORITHM, rec->encr_alg,
							rec->encr_keylen);
	if (rec->integ_alg)
	{
		proposal->add_algorithm(proposal, INTEGRITY_ALGORITHM, rec->integ_alg,
								0);
	}
	proposal->add_algorithm(proposal, PSEUDO_RANDOM_FUNCTION, rec->prf_alg,
							0);
	proposal->add_algorithm(proposal, KEY_EXCHANGE_METHOD, rec->ke_method, 0);
	ke = known_secret_create(rec->ke_method,
							 chunk_create(rec->secret, rec->secret_len));
	keymat = (keymat_v2_t*)ike_sa->get_keymat(ike_sa);
	ok = keymat->derive_ike_keys(keymat, proposal, ke,
							chunk_create(rec->nonce_i, rec->nonce_i_len),
							chunk_create(rec->nonce_r, rec->nonce_r_len),
							ike_sa->get_id(ike_sa),
							rec->old_skd_len ? rec->old_prf_alg : PRF_UNDEFINED,
							chunk_create(rec->old_skd, rec->old_skd_len));
	ke->destroy(ke);
	ike_sa->set_proposal(ike_sa, proposal);
	proposal->destroy(proposal);
	if (!ok)
	{
		DBG1(DBG_IKE, "ha-sync: deriving the keys of an IKE_SA of '%s' "
			 "failed", origin);
		ike_sa->destroy(ike_sa);
		charon->bus->set_sa(charon->bus, NULL);
		goto failed;
	}
	for (i = 0; i < rec->vip_count; i++)
	{
		host = make_host(&rec->vips[i]);
		ike_sa->add_virtual_ip(ike_sa, FALSE, host);
		host->destroy(host);
	}
	for (i = 0; i < 32; i++)
	{	/* NAT detected (or faked for kernel-libipsec): new CHILD_SAs are
		 * UDP-encapsulated as before */
		if (rec->conditions & (1u << i))
		{
			ike_sa->set_condition(ike_sa, 1u << i, TRUE);
		}
		if (rec->extensions & (1u << i))
		{
			ike_sa->enable_extension(ike_sa, 1u << i);
		}
	}
	ike_sa->set_message_id(ike_sa, TRUE, rec->mid_initiate);
	ike_sa->set_message_id(ike_sa, FALSE, rec->mid_respond);
	/* through CONNECTING, as if negotiated here: charon then schedules
	 * rekeying, reauthentication, the maximum lifetime and DPD from this
	 * member's configuration, counted from the takeover */
	ike_sa->set_state(ike_sa, IKE_CONNECTING);
	ike_sa->set_state(ike_sa, IKE_ESTABLISHED);
	charon->ike_sa_manager->checkout_new(charon->ike_sa_manager, ike_sa);

	for (i = 0; i < rec->child_count; i++)
	{
		if (activate_child(ike_sa, ike_sa->get_peer_cfg(ike_sa),
						   &rec->children[i]))
		{
			rekey[children++] = rec->children[i].spi_in;
		}
	}
	/* replicated from here on, to this member's backup */
	this->capture->adopt(this->capture, ike_sa, rec);
	/* as if made here: cluster-load counts them into this member's load,
	 * route-inject announces the routes to their clients from here */
	charon->bus->ike_updown(charon->bus, ike_sa, TRUE);
	enumerate_children_up(ike_sa);
	DBG1(DBG_IKE, "ha-sync: took over IKE_SA %s[%u] %.16"PRIx64"_i "
		 "%.16"PRIx64"_r with %H from '%s', %d of %u CHILD_SAs",
		 ike_sa->get_name(ike_sa), ike_sa->get_unique_id(ike_sa),
		 be64toh(spi_i), be64toh(spi_r), ike_sa->get_other_host(ike_sa),
		 origin, children, rec->child_count);
	/* this member cannot continue the failed one's outbound ESP sequence
	 * numbers: new CHILD_SAs replace the taken ones at once; first, where
	 * the peer supports it, the message IDs (up to a resend interval old)
	 * are brought up to date, and the rekeyings follow that */
	sync = NULL;
	if (this->mid_sync &&
		ike_sa->supports_extension(ike_sa, EXT_IKE_MESSAGE_ID_SYNC))
	{
		sync = ha_sync_mid_sync_create(ike_sa, rec->mid_initiate,
									   rec->mid_respond, rekey, children);
	}
	if (sync)
	{
		ike_sa->set_message_id(ike_sa, TRUE, 0);
		ike_sa->queue_task(ike_sa, &sync->task);
		ike_sa->initiate(ike_sa, NULL, NULL);
	}
	else
	{
		for (i = 0; i < children; i++)
		{
			ike_sa->rekey_child_sa(ike_sa, PROTO_ESP, rekey[i]);
		}
	}
	charon->ike_sa_manager->checkin(charon->ike_sa_manager, ike_sa);
	charon->bus->set_sa(charon->bus, NULL);

	this->mutex->lock(this->mutex);
	this->ike_taken++;
	this->child_taken += children;
	this->mid_syncs += sync != NULL;
	this->mutex->unlock(this->mutex);
	return TRUE;

failed:
	this->mutex->lock(this->mutex);
	this->failed++;
	this->mutex->unlock(this->mutex);
	return FALSE;
}

METHOD(ha_sync_activator_t, print, void,
	private_ha_sync_activator_t *this, FILE *out)
{
	this->mutex->lock(this->mutex);
	fprintf(out, "ha.taken-over.ike %llu\n",
			(unsigned long long)this->ike_taken);
	fprintf(out, "ha.taken-over.child %llu\n",
			(unsigned long long)this->child_taken);
	fprintf(out, "ha.take-over-failed %llu\n",
			(unsigned long long)this->failed);
	fprintf(out, "ha.mid-sync-sent %llu\n",
			(unsigned long long)this->mid_syncs);
	this->mutex->unlock(this->mutex);
}

METHOD(ha_sync_activator_t, destroy, void,
	private_ha_sync_activator_t *this)
{
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
ha_sync_activator_t *ha_sync_activator_create(ha_sync_capture_t *capture,
											  bool mid_sync)
{
	private_ha_sync_activator_t *this;

	INIT(this,
		.public = {
			.activate = _activate,
			.print = _print,
			.destroy = _destroy,
		},
		.capture = capture,
		.mid_sync = mid_sync,
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);
	return &this->public;
}
