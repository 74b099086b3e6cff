/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ha_sync_channel.h"

#include <errno.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>

#include <daemon.h>
#include <threading/mutex.h>
#include <threading/thread.h>
#include <collections/hashtable.h>
#include <processing/jobs/callback_job.h>

/** drop reasons beyond those of ha_sync_open */
enum {
	DROP_UNKNOWN_SENDER = HA_SYNC_OPEN_RESULT_MAX,
	DROP_WRONG_SOURCE,
	DROP_REPLAYED,
	DROP_BAD_RECORD,
	DROP_BAD_TYPE,
	DROP_MAX,
};

static const char *drop_names[] = {
	[DROP_UNKNOWN_SENDER] = "unknown-member",
	[DROP_WRONG_SOURCE] = "wrong-source",
	[DROP_REPLAYED] = "replayed",
	[DROP_BAD_RECORD] = "bad-record",
	[DROP_BAD_TYPE] = "bad-type",
};

typedef struct private_ha_sync_channel_t private_ha_sync_channel_t;

/**
 * A record kept for another member, as it was encoded: about 600 bytes
 * instead of the 18 KB of a decoded ha_sync_ike_t.
 */
typedef struct {
	/** "<origin> <spi_i hex> <spi_r hex>", the table's key */
	char key[CLUSTER_NAME_MAX + 1 + 34];
	char origin[CLUSTER_NAME_MAX + 1];
	/** the last index that listed it */
	uint64_t listed;
	/** length of data */
	size_t len;
	/** the encoded record, checked when it arrived */
	uint8_t data[];
} kept_t;

static void free_kept(kept_t *kept)
{
	/* it holds key material */
	memwipe(kept, sizeof(*kept) + kept->len);
	free(kept);
}

/**
 * Last accepted counter per sender.
 */
typedef struct {
	char name[CLUSTER_NAME_MAX + 1];
	host_t *addr;
	uint64_t counter;
	/** generation and parts of its index being received, parts seen */
	uint32_t index_generation;
	uint16_t index_parts;
	uint64_t index_seen;
	/** what records listed by that index (or sent since it began) carry */
	uint64_t index_mark;
} origin_t;

struct private_ha_sync_channel_t {

	/**
	 * Public interface.
	 */
	ha_sync_channel_t public;

	/**
	 * This member's name.
	 */
	char name[CLUSTER_NAME_MAX + 1];

	/**
	 * Sealing key.
	 */
	uint8_t key[HA_SYNC_KEY_LEN];

	/**
	 * UDP socket.
	 */
	int fd;

	/**
	 * Where our records go, NULL if nowhere.
	 */
	host_t *backup;

	/**
	 * Members that may send, origin_t*.
	 */
	linked_list_t *senders;

	/**
	 * Records of other members, kept_t* by key.
	 */
	hashtable_t *kept;

	/**
	 * Nonces.
	 */
	rng_t *rng;

	/**
	 * Our last counter.
	 */
	uint64_t counter;

	/**
	 * Counters.
	 */
	uint64_t sent, send_failed, accepted, dropped[DROP_MAX];

	/**
	 * Number of indexes applied; a record listed by the last one carries it.
	 */
	uint64_t index_gen;

	/**
	 * Protects everything above that changes.
	 */
	mutex_t *mutex;
};

static void spi_hex(char *out, const uint8_t *spi)
{
	int i;

	for (i = 0; i < 8; i++)
	{
		sprintf(out + 2 * i, "%02x", spi[i]);
	}
}

static void make_key(char *key, size_t len, const char *origin,
					 const uint8_t *spi_i, const uint8_t *spi_r)
{
	char i[17], r[17];

	spi_hex(i, spi_i);
	spi_hex(r, spi_r);
	snprintf(key, len, "%s %s %s", origin, i, r);
}

METHOD(ha_sync_channel_t, send_, bool,
	private_ha_sync_channel_t *this, uint8_t type, const uint8_t *body,
	size_t len)
{
	static uint8_t out[HA_SYNC_SEALED_MAX];
	uint8_t nonce[HA_SYNC_NONCE_LEN];
	ha_sync_header_t header = { .type = type };
	struct timeval tv;
	uint64_t now;
	size_t sealed;
	bool ok;

	if (!this->backup)
	{
		return FALSE;
	}
	this->mutex->lock(this->mutex);
	gettimeofday(&tv, NULL);
	now = (uint64_t)tv.tv_sec * 1000000 + tv.tv_usec;
	/* strictly increasing, also if the clock steps back */
	this->counter = max(now, this->counter + 1);
	header.counter = this->counter;
	snprintf(header.sender, sizeof(header.sender), "%s", this->name);
	ok = this->rng->get_bytes(this->rng, sizeof(nonce), nonce);
	/* the static buffer is used under the mutex only */
	sealed = ok ? ha_sync_seal(this->key, &header, nonce, body, len, out,
							   sizeof(out)) : 0;
	ok = sealed && sendto(this->fd, out, sealed, MSG_DONTWAIT,
						  this->backup->get_sockaddr(this->backup),
						  *this->backup->get_sockaddr_len(this->backup)) ==
					(ssize_t)sealed;
	if (ok)
	{
		this->sent++;
	}
	else
	{
		this->send_failed++;
	}
	this->mutex->unlock(this->mutex);
	return ok;
}

CALLBACK(origin_named, bool,
	origin_t *origin, va_list args)
{
	char *name;

	VA_ARGS_VGET(args, name);
	return streq(origin->name, name);
}

/**
 * Find the sender of a message; must hold mutex.
 */
static origin_t *find_sender(private_ha_sync_channel_t *this,
							 const char *name)
{
	origin_t *found = NULL;

	this->senders->find_first(this->senders, origin_named, (void**)&found,
							  name);
	return found;
}

/**
 * Apply one part of an origin's index; must hold mutex. Records the part
 * lists are marked with the index's mark; once all parts of the index have
 * arrived, the origin's records without the mark are gone and dropped
 * (records sent after the index began carry the mark as well). A lost part
 * only delays that to the next index. Linear in the number of records.
 *
 * @return			FALSE if the part is malformed
 */
static bool apply_index(private_ha_sync_channel_t *this, origin_t *origin,
						const uint8_t *body, size_t len)
{
	enumerator_t *enumerator;
	ha_sync_index_t index;
	uint64_t all;
	kept_t *kept;
	char *key, lookup[sizeof(kept->key)];
	size_t i;

	if (!ha_sync_index_parse(body, len, &index))
	{
		return FALSE;
	}
	if (!origin->index_mark || index.generation != origin->index_generation ||
		index.parts != origin->index_parts)
	{	/* a new index */
		origin->index_generation = index.generation;
		origin->index_parts = index.parts;
		origin->index_seen = 0;
		origin->index_mark = ++this->index_gen;
	}
	for (i = 0; i < index.count; i++)
	{
		make_key(lookup, sizeof(lookup), origin->name, index.spis + 16 * i,
				 index.spis + 16 * i + 8);
		kept = this->kept->get(this->kept, lookup);
		if (kept)
		{
			kept->listed = origin->index_mark;
		}
	}
	origin->index_seen |= 1ULL << index.part;
	all = index.parts == 64 ? ~0ULL : (1ULL << index.parts) - 1;
	if (origin->index_seen != all)
	{
		return TRUE;
	}
	enumerator = this->kept->create_enumerator(this->kept);
	while (enumerator->enumerate(enumerator, &key, &kept))
	{
		if (streq(kept->origin, origin->name) &&
			kept->listed != origin->index_mark)
		{
			this->kept->remove_at(this->kept, enumerator);
			free_kept(kept);
		}
	}
	enumerator->destroy(enumerator);
	/* complete: a repeated part changes nothing */
	return TRUE;
}

/**
 * Check and apply one received datagram.
 */
static void process(private_ha_sync_channel_t *this, uint8_t *buf,
					size_t len, host_t *src)
{
	static uint8_t body[HA_SYNC_SEALED_MAX];
	static ha_sync_ike_t ike;
	ha_sync_open_result_t opened;
	ha_sync_header_t header;
	origin_t *sender;
	kept_t *kept, *old;
	size_t body_len;
	char key[sizeof(kept->key)];
	int drop = -1;

	this->mutex->lock(this->mutex);
	/* the static body and record buffers are used under the mutex only */
	opened = ha_sync_open(this->key, buf, len, &header, body, sizeof(body),
						  &body_len);
	if (opened != HA_SYNC_OPEN_OK)
	{
		drop = opened;
		goto out;
	}
	sender = find_sender(this, header.sender);
	if (!sender)
	{
		drop = DROP_UNKNOWN_SENDER;
		goto out;
	}
	if (!src->ip_equals(src, sender->addr))
	{
		drop = DROP_WRONG_SOURCE;
		goto out;
	}
	if (header.counter <= sender->counter)
	{
		drop = DROP_REPLAYED;
		goto out;
	}
	switch (header.type)
	{
		case HA_SYNC_MSG_PUT:
			if (ha_sync_record_decode(body, body_len, &ike) !=
					HA_SYNC_RECORD_OK)
			{
				memwipe(&ike, sizeof(ike));
				drop = DROP_BAD_RECORD;
				goto out;
			}
			kept = calloc(1, sizeof(*kept) + body_len);
			snprintf(kept->origin, sizeof(kept->origin), "%s", header.sender);
			make_key(kept->key, sizeof(kept->key), kept->origin,
					 ike.spi_i, ike.spi_r);
			memwipe(&ike, sizeof(ike));
			/* listed by the index in progress, or the last one: only an
			 * index that begins after it can tell it is gone */
			kept->listed = sender->index_mark;
			kept->len = body_len;
			memcpy(kept->data, body, body_len);
			old = this->kept->put(this->kept, kept->key, kept);
			if (old)
			{
				free_kept(old);
			}
			break;
		case HA_SYNC_MSG_DEL:
			if (body_len != 16)
			{
				drop = DROP_BAD_RECORD;
				goto out;
			}
			make_key(key, sizeof(key), header.sender, body, body + 8);
			old = this->kept->remove(this->kept, key);
			if (old)
			{
				free_kept(old);
			}
			break;
		case HA_SYNC_MSG_INDEX:
			if (!apply_index(this, sender, body, body_len))
			{
				drop = DROP_BAD_RECORD;
				goto out;
			}
			break;
		default:
			drop = DROP_BAD_TYPE;
			goto out;
	}
	sender->counter = header.counter;
	this->accepted++;

out:
	if (drop >= 0)
	{
		this->dropped[drop]++;
	}
	if (opened == HA_SYNC_OPEN_OK)
	{	/* it held key material */
		memwipe(body, body_len);
	}
	this->mutex->unlock(this->mutex);
	if (drop >= 0)
	{
		DBG2(DBG_CFG, "ha-sync: dropped a message from %H: %s", src,
			 drop < HA_SYNC_OPEN_RESULT_MAX ? ha_sync_open_result_name(drop)
											: drop_names[drop]);
	}
}

METHOD(ha_sync_channel_t, take, linked_list_t*,
	private_ha_sync_channel_t *this, const char *origin,
	bool (*check)(ha_sync_ike_t *ike))
{
	linked_list_t *taken = linked_list_create();
	enumerator_t *enumerator;
	ha_sync_ike_t *ike;
	kept_t *kept;
	char *key;

	this->mutex->lock(this->mutex);
	enumerator = this->kept->create_enumerator(this->kept);
	while (enumerator->enumerate(enumerator, &key, &kept))
	{
		if (!streq(kept->origin, origin))
		{
			continue;
		}
		ike = malloc(sizeof(*ike));
		/* it decoded when it arrived */
		if (ha_sync_record_decode(kept->data, kept->len, ike) ==
				HA_SYNC_RECORD_OK && check(ike))
		{
			this->kept->remove_at(this->kept, enumerator);
			taken->insert_last(taken, ike);
			free_kept(kept);
			continue;
		}
		memwipe(ike, sizeof(*ike));
		free(ike);
	}
	enumerator->destroy(enumerator);
	this->mutex->unlock(this->mutex);
	return taken;
}

CALLBACK(receive, job_requeue_t,
	private_ha_sync_channel_t *this)
{
	static uint8_t buf[HA_SYNC_SEALED_MAX + 1];
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
	} addr;
	socklen_t addrlen = sizeof(addr);
	host_t *src;
	ssize_t len;
	bool oldstate;

	/* one receiver job: the static buffer is its own */
	oldstate = thread_cancelability(TRUE);
	len = recvfrom(this->fd, buf, sizeof(buf), 0, &addr.sa, &addrlen);
	thread_cancelability(oldstate);
	if (len < 0)
	{
		if (errno != EINTR && errno != EAGAIN)
		{
			DBG1(DBG_NET, "ha-sync: receiving failed: %s", strerror(errno));
			sleep(1);
		}
		return JOB_REQUEUE_DIRECT;
	}
	src = host_create_from_sockaddr(&addr.sa);
	if (src)
	{
		process(this, buf, len, src);
		src->destroy(src);
	}
	return JOB_REQUEUE_DIRECT;
}

METHOD(ha_sync_channel_t, print, void,
	private_ha_sync_channel_t *this, FILE *out)
{
	int i;

	this->mutex->lock(this->mutex);
	fprintf(out, "ha.sent %llu\n", (unsigned long long)this->sent);
	fprintf(out, "ha.send-failed %llu\n",
			(unsigned long long)this->send_failed);
	fprintf(out, "ha.accepted %llu\n", (unsigned long long)this->accepted);
	for (i = 1; i < DROP_MAX; i++)
	{
		fprintf(out, "ha.dropped.%s %llu\n",
				i < HA_SYNC_OPEN_RESULT_MAX ? ha_sync_open_result_name(i)
											: drop_names[i],
				(unsigned long long)this->dropped[i]);
	}
	fprintf(out, "ha.records-kept %u\n", this->kept->get_count(this->kept));
	this->mutex->unlock(this->mutex);
}

METHOD(ha_sync_channel_t, print_records, void,
	private_ha_sync_channel_t *this, FILE *out)
{
	enumerator_t *enumerator;
	ha_sync_ike_t *ike;
	kept_t *kept;
	char *key, addr[64];
	int i;

	this->mutex->lock(this->mutex);
	ike = malloc(sizeof(*ike));
	enumerator = this->kept->create_enumerator(this->kept);
	while (enumerator->enumerate(enumerator, &key, &kept))
	{
		host_t *remote;

		if (ha_sync_record_decode(kept->data, kept->len, ike) !=
				HA_SYNC_RECORD_OK)
		{
			continue;
		}
		remote = host_create_from_chunk(ike->remote.len == 4 ? AF_INET
															 : AF_INET6,
					chunk_create(ike->remote.addr, ike->remote.len),
					ike->remote.port);
		snprintf(addr, sizeof(addr), "%#H", remote);
		DESTROY_IF(remote);
		/* key material is never printed */
		fprintf(out, "ha.record %s %s %s children %u mid %u/%u", key,
				ike->peer_cfg, addr, ike->child_count,
				ike->mid_initiate, ike->mid_respond);
		for (i = 0; i < ike->child_count; i++)
		{
			fprintf(out, " %s %.8x_i %.8x_o", ike->children[i].cfg,
					ntohl(ike->children[i].spi_in),
					ntohl(ike->children[i].spi_out));
		}
		fprintf(out, "\n");
	}
	enumerator->destroy(enumerator);
	memwipe(ike, sizeof(*ike));
	free(ike);
	this->mutex->unlock(this->mutex);
}

CALLBACK(destroy_sender, void,
	origin_t *sender)
{
	sender->addr->destroy(sender->addr);
	free(sender);
}

METHOD(ha_sync_channel_t, destroy, void,
	private_ha_sync_channel_t *this)
{
	enumerator_t *enumerator;
	kept_t *kept;
	char *key;

	if (this->fd >= 0)
	{
		close(this->fd);
	}
	enumerator = this->kept->create_enumerator(this->kept);
	while (enumerator->enumerate(enumerator, &key, &kept))
	{
		free_kept(kept);
	}
	enumerator->destroy(enumerator);
	this->kept->destroy(this->kept);
	this->senders->destroy_function(this->senders, destroy_sender);
	DESTROY_IF(this->backup);
	DESTROY_IF(this->rng);
	memwipe(this->key, sizeof(this->key));
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
ha_sync_channel_t *ha_sync_channel_create(const char *name,
										  const char *secret, uint16_t port,
										  linked_list_t *members,
										  const char *backup)
{
	private_ha_sync_channel_t *this;
	enumerator_t *enumerator;
	ha_sync_member_t *member;
	host_t *local = NULL;
	origin_t *sender;

	INIT(this,
		.public = {
			.send = _send_,
			.take = _take,
			.print = _print,
			.print_records = _print_records,
			.destroy = _destroy,
		},
		.fd = -1,
		.senders = linked_list_create(),
		.kept = hashtable_create(hashtable_hash_str, hashtable_equals_str,
								 64),
		.rng = lib->crypto->create_rng(lib->crypto, RNG_STRONG),
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);
	snprintf(this->name, sizeof(this->name), "%s", name);
	ha_sync_derive_key(secret, strlen(secret), this->key);

	enumerator = members->create_enumerator(members);
	while (enumerator->enumerate(enumerator, &member))
	{
		if (streq(member->name, name))
		{
			local = member->addr;
			continue;
		}
		if (backup && streq(member->name, backup))
		{
			this->backup = member->addr->clone(member->addr);
			this->backup->set_port(this->backup, port);
		}
		INIT(sender,
			.addr = member->addr->clone(member->addr),
		);
		snprintf(sender->name, sizeof(sender->name), "%s", member->name);
		this->senders->insert_last(this->senders, sender);
	}
	enumerator->destroy(enumerator);

	if (!this->rng || !local)
	{
		DBG1(DBG_CFG, "ha-sync: %s", this->rng ? "this member has no address"
											   : "no strong RNG");
		destroy(this);
		return NULL;
	}
	if (backup && !this->backup)
	{
		DBG1(DBG_CFG, "ha-sync: backup '%s' is not a member", backup);
		destroy(this);
		return NULL;
	}
	local = local->clone(local);
	local->set_port(local, port);
	this->fd = socket(local->get_family(local), SOCK_DGRAM, IPPROTO_UDP);
	if (this->fd < 0 ||
		bind(this->fd, local->get_sockaddr(local),
			 *local->get_sockaddr_len(local)) < 0)
	{
		DBG1(DBG_NET, "ha-sync: binding to %#H failed: %s", local,
			 strerror(errno));
		local->destroy(local);
		destroy(this);
		return NULL;
	}
	local->destroy(local);
	lib->processor->queue_job(lib->processor,
		(job_t*)callback_job_create_with_prio(receive, this, NULL,
				(callback_job_cancel_t)return_false, JOB_PRIO_CRITICAL));
	return &this->public;
}
