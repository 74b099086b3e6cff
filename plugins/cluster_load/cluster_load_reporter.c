/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "cluster_load_reporter.h"
#include "cluster_load_time.h"

#include <daemon.h>
#include <threading/mutex.h>
#include <processing/jobs/callback_job.h>

typedef struct private_cluster_load_reporter_t private_cluster_load_reporter_t;

struct private_cluster_load_reporter_t {

	/**
	 * Public interface.
	 */
	cluster_load_reporter_t public;

	/**
	 * What this member announces; load fields filled per report.
	 */
	cluster_load_report_t local;

	/**
	 * Channel key.
	 */
	uint8_t key[CLUSTER_KEY_LEN];

	/**
	 * Borrowed collaborators.
	 */
	cluster_table_t *table;
	cluster_load_channel_t *channel;
	cluster_load_counter_t *counter;

	/**
	 * Delay of prompt reports.
	 */
	uint32_t prompt_ms;

	/**
	 * A prompt report is scheduled.
	 */
	bool prompt_pending;

	/**
	 * Member states seen at the last check, in table order.
	 */
	cluster_member_state_t states[CLUSTER_MEMBERS_MAX];
	bool seen[CLUSTER_MEMBERS_MAX];

	/**
	 * Protects local, prompt_pending, states and seen; reports are built
	 * and sent under it, so counters stay strictly increasing on the wire.
	 */
	mutex_t *mutex;
};

/**
 * Log members whose state changed since the last call; must hold mutex.
 */
static void log_transitions(private_cluster_load_reporter_t *this,
							uint64_t now)
{
	cluster_member_info_t members[CLUSTER_MEMBERS_MAX];
	int count, i;

	count = this->table->get_members(this->table, now, members,
									 CLUSTER_MEMBERS_MAX);
	for (i = 0; i < count; i++)
	{
		cluster_member_info_t *m = &members[i];

		if (m->local || (this->seen[i] && this->states[i] == m->state))
		{
			continue;
		}
		if (!this->seen[i] && m->state == CLUSTER_MEMBER_DEAD)
		{	/* not heard yet: said once the first report arrives */
			this->states[i] = m->state;
			continue;
		}
		switch (m->state)
		{
			case CLUSTER_MEMBER_DEAD:
				DBG1(DBG_CFG, "cluster member '%s' is dead: no report for "
					 "%llu ms", m->report.name, m->age_ms);
				break;
			case CLUSTER_MEMBER_DRAINING:
				DBG1(DBG_CFG, "cluster member '%s' is draining",
					 m->report.name);
				break;
			case CLUSTER_MEMBER_ALIVE:
				DBG1(DBG_CFG, "cluster member '%s' is alive, capacity %u, "
					 "weight %u", m->report.name, m->report.capacity,
					 m->report.weight);
				break;
		}
		this->states[i] = m->state;
		this->seen[i] = TRUE;
	}
}

/**
 * Build, apply and send a report; must hold mutex.
 */
static void report(private_cluster_load_reporter_t *this)
{
	uint8_t buf[CLUSTER_MSG_MAX];
	cluster_load_report_t local_view;
	uint64_t now = cluster_time_ms(), wall = cluster_time_wall_us();
	size_t len;

	this->counter->get(this->counter, &this->local.ike_sas,
					   &this->local.child_sas);
	this->local.half_open = charon->ike_sa_manager->get_half_open_count(
										charon->ike_sa_manager, NULL, TRUE);
	/* strictly increasing even if the clock stands still or steps back */
	this->local.counter = max(wall, this->local.counter + 1);
	/* in its own table, a director does not count its half-open IKE_SAs:
	 * most are clients it is redirecting away right now (the one being
	 * decided among them), and those it keeps hold a reservation until
	 * they are established */
	local_view = this->local;
	local_view.half_open = 0;
	this->table->set_local(this->table, &local_view, now);
	if (this->channel)
	{
		len = cluster_msg_encode_load(&this->local, this->key, buf,
									  sizeof(buf));
		if (len)
		{
			this->channel->send(this->channel, buf, len);
		}
	}
	log_transitions(this, now);
}

CALLBACK(periodic, job_requeue_t,
	private_cluster_load_reporter_t *this)
{
	this->mutex->lock(this->mutex);
	report(this);
	this->mutex->unlock(this->mutex);
	return JOB_RESCHEDULE_MS(this->local.interval_ms);
}

CALLBACK(prompt, job_requeue_t,
	private_cluster_load_reporter_t *this)
{
	this->mutex->lock(this->mutex);
	this->prompt_pending = FALSE;
	report(this);
	this->mutex->unlock(this->mutex);
	return JOB_REQUEUE_NONE;
}

/**
 * Schedule a prompt report unless one is pending; must hold mutex.
 */
static void schedule_prompt(private_cluster_load_reporter_t *this)
{
	if (!this->prompt_pending)
	{
		this->prompt_pending = TRUE;
		lib->scheduler->schedule_job_ms(lib->scheduler,
				(job_t*)callback_job_create(prompt, this, NULL, NULL),
				this->prompt_ms);
	}
}

METHOD(cluster_load_reporter_t, trigger, void,
	private_cluster_load_reporter_t *this)
{
	this->mutex->lock(this->mutex);
	schedule_prompt(this);
	this->mutex->unlock(this->mutex);
}

METHOD(cluster_load_reporter_t, configure, void,
	private_cluster_load_reporter_t *this, uint32_t capacity, uint16_t weight,
	bool drain)
{
	this->mutex->lock(this->mutex);
	this->local.capacity = capacity;
	this->local.weight = weight;
	this->local.state = drain ? CLUSTER_MEMBER_DRAINING : CLUSTER_MEMBER_ALIVE;
	schedule_prompt(this);
	this->mutex->unlock(this->mutex);
}

METHOD(cluster_load_reporter_t, set_master, void,
	private_cluster_load_reporter_t *this, bool master)
{
	this->mutex->lock(this->mutex);
	if (master != !!(this->local.flags & CLUSTER_FLAG_MASTER))
	{
		this->local.flags ^= CLUSTER_FLAG_MASTER;
		schedule_prompt(this);
	}
	this->mutex->unlock(this->mutex);
}

METHOD(cluster_load_reporter_t, destroy, void,
	private_cluster_load_reporter_t *this)
{
	memwipe(this->key, sizeof(this->key));
	this->mutex->destroy(this->mutex);
	free(this);
}

/*
 * Described in header
 */
cluster_load_reporter_t *cluster_load_reporter_create(
								const cluster_load_report_t *local,
								const uint8_t key[CLUSTER_KEY_LEN],
								cluster_table_t *table,
								cluster_load_channel_t *channel,
								cluster_load_counter_t *counter,
								uint32_t prompt_ms)
{
	private_cluster_load_reporter_t *this;

	INIT(this,
		.public = {
			.trigger = _trigger,
			.configure = _configure,
			.set_master = _set_master,
			.destroy = _destroy,
		},
		.local = *local,
		.table = table,
		.channel = channel,
		.counter = counter,
		.prompt_ms = prompt_ms,
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);
	memcpy(this->key, key, CLUSTER_KEY_LEN);

	this->mutex->lock(this->mutex);
	report(this);
	this->mutex->unlock(this->mutex);
	lib->scheduler->schedule_job_ms(lib->scheduler,
			(job_t*)callback_job_create(periodic, this, NULL, NULL),
			this->local.interval_ms);
	return &this->public;
}
