/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "cluster_load_counter.h"

#include <daemon.h>
#include <collections/hashtable.h>
#include <threading/mutex.h>

typedef struct private_cluster_load_counter_t private_cluster_load_counter_t;

struct private_cluster_load_counter_t {

	/**
	 * Public interface.
	 */
	cluster_load_counter_t public;

	/**
	 * Unique IDs of counted IKE_SAs (as keys, the value is unused).
	 */
	hashtable_t *ike_sas;

	/**
	 * Unique IDs of counted CHILD_SAs.
	 */
	hashtable_t *child_sas;

	/**
	 * Protects both tables.
	 */
	mutex_t *mutex;

	/**
	 * Change notification.
	 */
	cluster_load_changed_cb_t cb;
	void *data;
};


/** unique IDs start at 1, so they are usable as non-NULL keys */
#define ID_KEY(id) ((void*)(uintptr_t)(id))

/**
 * Record or forget an ID, returns TRUE if the table changed.
 */
static bool track(private_cluster_load_counter_t *this, hashtable_t *table,
				  uint32_t id, bool add)
{
	bool changed;

	this->mutex->lock(this->mutex);
	if (add)
	{
		changed = table->put(table, ID_KEY(id), ID_KEY(id)) == NULL;
	}
	else
	{
		changed = table->remove(table, ID_KEY(id)) != NULL;
	}
	this->mutex->unlock(this->mutex);
	return changed;
}

METHOD(listener_t, ike_updown, bool,
	private_cluster_load_counter_t *this, ike_sa_t *ike_sa, bool up)
{
	uint32_t id = ike_sa->get_unique_id(ike_sa);

	if (up && ike_sa->has_condition(ike_sa, COND_REDIRECTED))
	{	/* redirected away in IKE_AUTH: not this member's tunnel */
		return TRUE;
	}
	if (track(this, this->ike_sas, id, up))
	{
		this->cb(this->data);
	}
	return TRUE;
}

METHOD(listener_t, ike_rekey, bool,
	private_cluster_load_counter_t *this, ike_sa_t *old, ike_sa_t *new)
{
	if (track(this, this->ike_sas, old->get_unique_id(old), FALSE))
	{
		track(this, this->ike_sas, new->get_unique_id(new), TRUE);
	}
	return TRUE;
}

METHOD(listener_t, child_updown, bool,
	private_cluster_load_counter_t *this, ike_sa_t *ike_sa,
	child_sa_t *child_sa, bool up)
{
	if (track(this, this->child_sas, child_sa->get_unique_id(child_sa), up))
	{
		this->cb(this->data);
	}
	return TRUE;
}

METHOD(listener_t, child_rekey, bool,
	private_cluster_load_counter_t *this, ike_sa_t *ike_sa,
	child_sa_t *old, child_sa_t *new)
{
	if (track(this, this->child_sas, old->get_unique_id(old), FALSE))
	{
		track(this, this->child_sas, new->get_unique_id(new), TRUE);
	}
	return TRUE;
}

METHOD(cluster_load_counter_t, get, void,
	private_cluster_load_counter_t *this, uint32_t *ike_sas,
	uint32_t *child_sas)
{
	this->mutex->lock(this->mutex);
	*ike_sas = this->ike_sas->get_count(this->ike_sas);
	*child_sas = this->child_sas->get_count(this->child_sas);
	this->mutex->unlock(this->mutex);
}

METHOD(cluster_load_counter_t, destroy, void,
	private_cluster_load_counter_t *this)
{
	this->ike_sas->destroy(this->ike_sas);
	this->child_sas->destroy(this->child_sas);
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
cluster_load_counter_t *cluster_load_counter_create(
								cluster_load_changed_cb_t cb, void *data)
{
	private_cluster_load_counter_t *this;

	INIT(this,
		.public = {
			.listener = {
				.ike_updown = _ike_updown,
				.ike_rekey = _ike_rekey,
				.child_updown = _child_updown,
				.child_rekey = _child_rekey,
			},
			.get = _get,
			.destroy = _destroy,
		},
		.ike_sas = hashtable_create(hashtable_hash_ptr,
									hashtable_equals_ptr, 64),
		.child_sas = hashtable_create(hashtable_hash_ptr,
									  hashtable_equals_ptr, 64),
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
		.cb = cb,
		.data = data,
	);
	return &this->public;
}
