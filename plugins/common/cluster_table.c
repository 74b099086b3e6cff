/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "cluster_table.h"

#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#define DEFAULT_DEAD_AFTER 3
#define DEFAULT_RESERVATION_GRACE_MS 500
#define DEFAULT_RESERVATION_TIMEOUT_MS 5000

/** reservations remembered per member; when full, the oldest go first */
#define RESERVATIONS_MAX 4096

typedef struct member_t member_t;
typedef struct private_cluster_table_t private_cluster_table_t;

/**
 * A configured member.
 */
struct member_t {

	/** configured name */
	char name[CLUSTER_NAME_MAX + 1];

	/** this is the local member */
	bool local;

	/** a report was accepted (local: set_local() was called) */
	bool seen;

	/** last accepted report, zero but the name if not seen */
	cluster_load_report_t report;

	/** monotonic time of the last accepted report */
	uint64_t last_rx_ms;

	/** clients chosen for this member */
	uint64_t chosen;

	/** ring of reservation times, oldest first, RESERVATIONS_MAX */
	uint64_t *res;

	/** index of the oldest reservation in res */
	uint32_t res_first;

	/** number of reservations in res */
	uint32_t res_count;

	/** position in the heap of candidates, -1 if not a candidate */
	int heap_pos;

	/** sequence number of its last choice, 0 if never chosen */
	uint64_t last_chosen;

	/** capacity * weight of its last report */
	uint64_t capw;

	/** (load + 1) / capw in fixed point, the first key of the heap order;
	 * kept up to date for every member in the heap */
	uint64_t key;
};

/**
 * Private data of a cluster_table_t.
 */
struct private_cluster_table_t {

	/** public interface */
	cluster_table_t public;

	/** behaviour, defaults applied */
	cluster_table_config_t config;

	/** protects everything below */
	pthread_mutex_t mutex;

	/** members in configuration order */
	member_t members[CLUSTER_MEMBERS_MAX];

	/** number of members */
	int count;

	/** index of the local member, -1 if none */
	int local;

	/** candidates (indices into members), the best one first: a binary
	 *  heap, so that a decision does not scan every member */
	int heap[CLUSTER_MEMBERS_MAX];

	/** number of candidates in heap */
	int heap_size;

	/** counter of choices, for the least-recently-chosen tie-break */
	uint64_t seq;
};

static const char *update_names[] = {
	"ok",
	"unknown-member",
	"local-name",
	"replayed",
	"stale",
};

static const char *select_names[] = {
	"ok",
	"none-alive",
	"all-draining",
	"all-full",
};

/*
 * Described in header
 */
const char *cluster_update_result_name(cluster_update_result_t result)
{
	if ((unsigned int)result >= CLUSTER_UPDATE_RESULT_MAX)
	{
		return "unknown";
	}
	return update_names[result];
}

/*
 * Described in header
 */
const char *cluster_select_result_name(cluster_select_result_t result)
{
	if ((unsigned int)result >= CLUSTER_SELECT_RESULT_MAX)
	{
		return "unknown";
	}
	return select_names[result];
}

/**
 * Find a member by name, NULL if none
 */
static member_t *find_member(private_cluster_table_t *this, const char *name)
{
	int i;

	for (i = 0; i < this->count; i++)
	{
		/* bounded: a report's name need not be terminated */
		if (strncmp(this->members[i].name, name, CLUSTER_NAME_MAX + 1) == 0)
		{
			return &this->members[i];
		}
	}
	return NULL;
}

/**
 * Time from then to now, 0 if the caller's clocks raced
 */
static uint64_t elapsed(uint64_t now, uint64_t then)
{
	return now > then ? now - then : 0;
}

/**
 * Drop the reservations older than max_age. Reservations are appended in
 * time order, so the old ones are all at the front.
 */
static void drop_reservations(member_t *m, uint64_t now_ms, uint64_t max_age)
{
	while (m->res_count && elapsed(now_ms, m->res[m->res_first]) > max_age)
	{
		m->res_first = (m->res_first + 1) % RESERVATIONS_MAX;
		m->res_count--;
	}
}

/**
 * Reserve a slot on a member
 */
static void add_reservation(member_t *m, uint64_t now_ms)
{
	uint64_t newest;

	if (m->res_count == RESERVATIONS_MAX)
	{
		m->res_first = (m->res_first + 1) % RESERVATIONS_MAX;
		m->res_count--;
	}
	if (m->res_count)
	{
		/* callers take the time before the lock; keep the ring sorted
		 * even if their clocks raced */
		newest = m->res[(m->res_first + m->res_count - 1) % RESERVATIONS_MAX];
		if (now_ms < newest)
		{
			now_ms = newest;
		}
	}
	m->res[(m->res_first + m->res_count) % RESERVATIONS_MAX] = now_ms;
	m->res_count++;
}

/**
 * Effective state of a member
 */
static cluster_member_state_t member_state(private_cluster_table_t *this,
										  member_t *m, uint64_t now_ms)
{
	if (!m->seen)
	{
		return CLUSTER_MEMBER_DEAD;
	}
	/* the local member knows it is alive, it does not miss reports */
	if (!m->local &&
		elapsed(now_ms, m->last_rx_ms) >
			(uint64_t)this->config.dead_after * m->report.interval_ms)
	{
		return CLUSTER_MEMBER_DEAD;
	}
	switch (m->report.state)
	{
		case CLUSTER_MEMBER_ALIVE:
			return CLUSTER_MEMBER_ALIVE;
		case CLUSTER_MEMBER_DRAINING:
			return CLUSTER_MEMBER_DRAINING;
		default:
			/* a member saying it is dead (or nonsense) is taken at its word */
			return CLUSTER_MEMBER_DEAD;
	}
}

/**
 * Snapshot of a member, reservations expired before
 */
static void fill_info(private_cluster_table_t *this, member_t *m,
					  uint64_t now_ms, cluster_member_info_t *out)
{
	memset(out, 0, sizeof(*out));
	if (m->seen)
	{
		out->report = m->report;
		out->age_ms = elapsed(now_ms, m->last_rx_ms);
	}
	memcpy(out->report.name, m->name, sizeof(out->report.name));
	out->state = member_state(this, m, now_ms);
	out->local = m->local;
	out->seen = m->seen;
	out->reserved = m->res_count;
	out->chosen = m->chosen;
	out->index = m - this->members;
}

/**
 * Tunnels counted against a member's capacity
 */
static uint64_t load_of(member_t *m)
{
	return (uint64_t)m->report.ike_sas + m->report.half_open + m->res_count;
}

/**
 * Compute a member's order key: (load + 1) / (capacity * weight) as
 * floor(2^62 * ratio). Exact for ordering: capw is below 2^30 and a
 * candidate's load below its capacity, so the ratio is below 2 and fits,
 * equal ratios get equal keys, and two different ratios differ by at least
 * 1 / (capw_a * capw_b) > 2^-60, which leaves their keys at least 3 apart.
 * One division here spares two 128-bit products per comparison in the heap.
 */
static void update_key(member_t *m)
{
	if (m->capw)
	{
		m->key = (uint64_t)(((unsigned __int128)(load_of(m) + 1) << 62) /
							m->capw);
	}
	else
	{
		m->key = UINT64_MAX;
	}
}

/**
 * Whether member a comes before member b in the choice: the lower
 * (load + 1) / (capacity * weight) (the key); on a tie the one chosen
 * longer ago, then configuration order.
 */
static bool before(private_cluster_table_t *this, int a, int b)
{
	member_t *ma = &this->members[a], *mb = &this->members[b];

	if (ma->key != mb->key)
	{
		return ma->key < mb->key;
	}
	if (ma->last_chosen != mb->last_chosen)
	{
		return ma->last_chosen < mb->last_chosen;
	}
	return a < b;
}

static void heap_swap(private_cluster_table_t *this, int i, int j)
{
	int tmp = this->heap[i];

	this->heap[i] = this->heap[j];
	this->heap[j] = tmp;
	this->members[this->heap[i]].heap_pos = i;
	this->members[this->heap[j]].heap_pos = j;
}

static void sift_up(private_cluster_table_t *this, int i)
{
	while (i > 0 && before(this, this->heap[i], this->heap[(i - 1) / 2]))
	{
		heap_swap(this, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void sift_down(private_cluster_table_t *this, int i)
{
	int left, right, best;

	while (true)
	{
		left = 2 * i + 1;
		right = left + 1;
		best = i;
		if (left < this->heap_size &&
			before(this, this->heap[left], this->heap[best]))
		{
			best = left;
		}
		if (right < this->heap_size &&
			before(this, this->heap[right], this->heap[best]))
		{
			best = right;
		}
		if (best == i)
		{
			return;
		}
		heap_swap(this, i, best);
		i = best;
	}
}

static void heap_remove(private_cluster_table_t *this, member_t *m)
{
	int pos = m->heap_pos, last = this->heap_size - 1, moved;

	if (pos < 0)
	{
		return;
	}
	if (pos != last)
	{
		heap_swap(this, pos, last);
	}
	this->heap_size--;
	m->heap_pos = -1;
	if (pos < this->heap_size)
	{	/* the former last one now stands at pos: up or down from there */
		moved = this->heap[pos];
		sift_up(this, pos);
		sift_down(this, this->members[moved].heap_pos);
	}
}

/**
 * Whether a member can take clients by its last report; liveness, which
 * depends on time, is checked when it comes up as the choice
 */
static bool candidate(member_t *m)
{
	return m->seen && m->report.state == CLUSTER_MEMBER_ALIVE &&
		   m->report.weight && load_of(m) < m->report.capacity;
}

/**
 * Put a member whose report or load changed where it belongs: into the
 * heap, to its new place in it, or out of it
 */
static void reposition(private_cluster_table_t *this, member_t *m)
{
	int pos;

	if (!candidate(m))
	{
		heap_remove(this, m);
		return;
	}
	update_key(m);
	if (m->heap_pos < 0)
	{
		pos = this->heap_size++;
		this->heap[pos] = m - this->members;
		m->heap_pos = pos;
	}
	pos = m->heap_pos;
	sift_up(this, pos);
	sift_down(this, m->heap_pos);
}

/**
 * Drop a member's expired reservations and keep the heap in order
 */
static void expire(private_cluster_table_t *this, member_t *m,
				   uint64_t now_ms)
{
	uint32_t before_count = m->res_count;

	drop_reservations(m, now_ms, this->config.reservation_timeout_ms);
	if (m->res_count != before_count)
	{
		reposition(this, m);
	}
}

/**
 * Store an accepted report of a member
 */
static void store_report(private_cluster_table_t *this, member_t *m,
						 const cluster_load_report_t *report, uint64_t now_ms)
{
	uint64_t before, after, arrived;

	/* tunnels that appeared since the previous report are, as far as the
	 * table can tell, the clients it reserved for: release that many of
	 * the oldest reservations at once, rather than counting those clients
	 * twice until the grace time is over */
	before = m->seen ? (uint64_t)m->report.ike_sas + m->report.half_open : 0;
	after = (uint64_t)report->ike_sas + report->half_open;
	if (after > before)
	{
		arrived = after - before;
		while (arrived-- && m->res_count)
		{
			m->res_first = (m->res_first + 1) % RESERVATIONS_MAX;
			m->res_count--;
		}
	}
	m->report = *report;
	memcpy(m->report.name, m->name, sizeof(m->report.name));
	m->last_rx_ms = now_ms;
	m->seen = true;
	/* a report sent that long after a reservation counts its client */
	drop_reservations(m, now_ms, this->config.reservation_grace_ms);
	m->capw = (uint64_t)m->report.capacity * m->report.weight;
	reposition(this, m);
}

static bool add_member(cluster_table_t *public, const char *name, bool local)
{
	private_cluster_table_t *this = (private_cluster_table_t*)public;
	member_t *m;
	bool ok = false;

	if (!cluster_name_valid(name))
	{
		return false;
	}
	pthread_mutex_lock(&this->mutex);
	if (this->count < CLUSTER_MEMBERS_MAX && !find_member(this, name) &&
		!(local && this->local >= 0))
	{
		m = &this->members[this->count];
		memset(m, 0, sizeof(*m));
		m->res = calloc(RESERVATIONS_MAX, sizeof(*m->res));
		if (m->res)
		{
			strcpy(m->name, name);
			memcpy(m->report.name, m->name, sizeof(m->report.name));
			m->local = local;
			m->heap_pos = -1;
			if (local)
			{
				this->local = this->count;
			}
			this->count++;
			ok = true;
		}
	}
	pthread_mutex_unlock(&this->mutex);
	return ok;
}

static void set_local(cluster_table_t *public,
					  const cluster_load_report_t *report, uint64_t now_ms)
{
	private_cluster_table_t *this = (private_cluster_table_t*)public;

	if (!report)
	{
		return;
	}
	pthread_mutex_lock(&this->mutex);
	if (this->local >= 0)
	{
		store_report(this, &this->members[this->local], report, now_ms);
	}
	pthread_mutex_unlock(&this->mutex);
}

static cluster_update_result_t update(cluster_table_t *public,
									  const cluster_load_report_t *report,
									  uint64_t now_ms, uint64_t wall_us)
{
	private_cluster_table_t *this = (private_cluster_table_t*)public;
	cluster_update_result_t result = CLUSTER_UPDATE_OK;
	uint64_t skew;
	member_t *m;

	if (!report)
	{
		return CLUSTER_UPDATE_UNKNOWN_MEMBER;
	}
	pthread_mutex_lock(&this->mutex);
	m = find_member(this, report->name);
	if (!m)
	{
		result = CLUSTER_UPDATE_UNKNOWN_MEMBER;
	}
	else if (m->local)
	{
		result = CLUSTER_UPDATE_LOCAL_NAME;
	}
	else if (m->seen && report->counter <= m->report.counter)
	{
		result = CLUSTER_UPDATE_REPLAYED;
	}
	else
	{
		skew = report->counter > wall_us ? report->counter - wall_us
										 : wall_us - report->counter;
		if (this->config.max_skew_us && skew > this->config.max_skew_us)
		{
			result = CLUSTER_UPDATE_STALE;
		}
		else
		{
			store_report(this, m, report, now_ms);
		}
	}
	pthread_mutex_unlock(&this->mutex);
	return result;
}

/**
 * Why no member can take a client (the rare path: a scan of all members)
 */
static cluster_select_result_t no_choice(private_cluster_table_t *this,
										 uint64_t now_ms, bool exclude_local)
{
	cluster_member_state_t state;
	bool alive = false;
	member_t *m;
	int i;

	for (i = 0; i < this->count; i++)
	{
		m = &this->members[i];
		if (exclude_local && m->local)
		{	/* a pure director is no candidate, nor a reason */
			continue;
		}
		state = member_state(this, m, now_ms);
		if (state == CLUSTER_MEMBER_ALIVE)
		{
			return CLUSTER_SELECT_ALL_FULL;
		}
		alive |= state != CLUSTER_MEMBER_DEAD;
	}
	return alive ? CLUSTER_SELECT_ALL_DRAINING : CLUSTER_SELECT_NONE_ALIVE;
}

static cluster_select_result_t select_member(cluster_table_t *public,
											 uint64_t now_ms,
											 bool exclude_local,
											 cluster_member_info_t *chosen)
{
	private_cluster_table_t *this = (private_cluster_table_t*)public;
	cluster_select_result_t result = CLUSTER_SELECT_OK;
	member_t *m = NULL;
	int pos;

	pthread_mutex_lock(&this->mutex);
	while (this->heap_size)
	{
		pos = 0;
		if (exclude_local && this->members[this->heap[0]].local)
		{	/* then the best of the others is one of the root's children */
			if (this->heap_size < 2)
			{
				break;
			}
			pos = 1;
			if (this->heap_size > 2 &&
				before(this, this->heap[2], this->heap[1]))
			{
				pos = 2;
			}
		}
		m = &this->members[this->heap[pos]];
		/* what changed with time alone is settled now, as it comes up */
		if (member_state(this, m, now_ms) == CLUSTER_MEMBER_DEAD)
		{
			heap_remove(this, m);
			m = NULL;
			continue;
		}
		expire(this, m, now_ms);
		if (m->heap_pos != pos)
		{	/* moved (up, with fewer reservations): look again */
			m = NULL;
			continue;
		}
		break;
	}
	if (m)
	{
		add_reservation(m, now_ms);
		m->chosen++;
		m->last_chosen = ++this->seq;
		/* its key only grew: down the heap, or out if it is full now */
		if (candidate(m))
		{
			update_key(m);
			sift_down(this, m->heap_pos);
		}
		else
		{
			heap_remove(this, m);
		}
		if (chosen)
		{
			fill_info(this, m, now_ms, chosen);
		}
	}
	else
	{
		result = no_choice(this, now_ms, exclude_local);
	}
	pthread_mutex_unlock(&this->mutex);
	return result;
}

static int get_members(cluster_table_t *public, uint64_t now_ms,
					   cluster_member_info_t *out, int max)
{
	private_cluster_table_t *this = (private_cluster_table_t*)public;
	int i;

	if (!out)
	{
		return 0;
	}
	pthread_mutex_lock(&this->mutex);
	for (i = 0; i < this->count && i < max; i++)
	{
		expire(this, &this->members[i], now_ms);
		fill_info(this, &this->members[i], now_ms, &out[i]);
	}
	pthread_mutex_unlock(&this->mutex);
	return i;
}

static bool get_member(cluster_table_t *public, const char *name,
					   uint64_t now_ms, cluster_member_info_t *out)
{
	private_cluster_table_t *this = (private_cluster_table_t*)public;
	member_t *m;

	if (!name)
	{
		return false;
	}
	pthread_mutex_lock(&this->mutex);
	m = find_member(this, name);
	if (m)
	{
		expire(this, m, now_ms);
		if (out)
		{
			fill_info(this, m, now_ms, out);
		}
	}
	pthread_mutex_unlock(&this->mutex);
	return m != NULL;
}

static void destroy(cluster_table_t *public)
{
	private_cluster_table_t *this = (private_cluster_table_t*)public;
	int i;

	for (i = 0; i < this->count; i++)
	{
		free(this->members[i].res);
	}
	pthread_mutex_destroy(&this->mutex);
	free(this);
}

/*
 * Described in header
 */
cluster_table_t *cluster_table_create(const cluster_table_config_t *config)
{
	private_cluster_table_t *this;

	this = calloc(1, sizeof(*this));
	if (!this)
	{
		return NULL;
	}
	this->public = (cluster_table_t){
		.add_member = add_member,
		.set_local = set_local,
		.update = update,
		.select = select_member,
		.get_members = get_members,
		.get_member = get_member,
		.destroy = destroy,
	};
	if (config)
	{
		this->config = *config;
	}
	if (!this->config.dead_after)
	{
		this->config.dead_after = DEFAULT_DEAD_AFTER;
	}
	if (!this->config.reservation_grace_ms)
	{
		this->config.reservation_grace_ms = DEFAULT_RESERVATION_GRACE_MS;
	}
	if (!this->config.reservation_timeout_ms)
	{
		this->config.reservation_timeout_ms = DEFAULT_RESERVATION_TIMEOUT_MS;
	}
	this->local = -1;
	if (pthread_mutex_init(&this->mutex, NULL) != 0)
	{
		free(this);
		return NULL;
	}
	return &this->public;
}
