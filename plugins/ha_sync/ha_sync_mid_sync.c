/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ha_sync_mid_sync.h"
#include "mid_sync.h"

#include <daemon.h>
#include <processing/jobs/callback_job.h>

typedef struct private_ha_sync_mid_sync_t private_ha_sync_mid_sync_t;

struct private_ha_sync_mid_sync_t {

	/**
	 * Public interface.
	 */
	ha_sync_mid_sync_t public;

	/**
	 * The IKE_SA.
	 */
	ike_sa_t *ike_sa;

	/**
	 * Our nonce, echoed in the answer.
	 */
	uint32_t nonce;

	/**
	 * Message IDs announced (the replicated ones, our next request's ID
	 * jumped ahead), brought up to date by the answer.
	 */
	uint32_t initiate, respond;

	/**
	 * The replicated ID of our next request, for the log.
	 */
	uint32_t replicated;

	/**
	 * CHILD_SAs to rekey once the IDs are set, inbound SPIs.
	 */
	uint32_t *rekey;
	int count;
};

/**
 * What the finishing job needs; it must not touch the task before it has
 * found it among the IKE_SA's active tasks.
 */
typedef struct {
	ike_sa_id_t *id;
	task_t *task;
	uint32_t initiate, respond;
	uint32_t *rekey;
	int count;
} finish_t;

CALLBACK(finish_destroy, void,
	finish_t *finish)
{
	finish->id->destroy(finish->id);
	free(finish->rekey);
	free(finish);
}

/**
 * Set the message IDs outside the task manager's processing of the answer
 * (setting them resets its queues), drop the task, rekey the CHILD_SAs.
 */
CALLBACK(finish_job, job_requeue_t,
	finish_t *finish)
{
	enumerator_t *enumerator;
	ike_sa_t *ike_sa;
	task_t *task;
	bool found = FALSE;
	int i;

	ike_sa = charon->ike_sa_manager->checkout(charon->ike_sa_manager,
											  finish->id);
	if (!ike_sa)
	{
		return JOB_REQUEUE_NONE;
	}
	enumerator = ike_sa->create_task_enumerator(ike_sa, TASK_QUEUE_ACTIVE);
	while (enumerator->enumerate(enumerator, &task))
	{
		if (task == finish->task)
		{
			ike_sa->remove_task(ike_sa, enumerator);
			found = TRUE;
			break;
		}
	}
	enumerator->destroy(enumerator);
	if (!found)
	{	/* the IKE_SA moved on (deleted, reset): leave it alone */
		charon->ike_sa_manager->checkin(charon->ike_sa_manager, ike_sa);
		return JOB_REQUEUE_NONE;
	}
	finish->task->destroy(finish->task);
	ike_sa->set_message_id(ike_sa, TRUE, finish->initiate);
	ike_sa->set_message_id(ike_sa, FALSE, finish->respond);
	for (i = 0; i < finish->count; i++)
	{
		ike_sa->rekey_child_sa(ike_sa, PROTO_ESP, finish->rekey[i]);
	}
	if (!finish->count)
	{	/* send what was queued meanwhile (DPD, MOBIKE) with the new IDs */
		ike_sa->initiate(ike_sa, NULL, NULL);
	}
	charon->ike_sa_manager->checkin(charon->ike_sa_manager, ike_sa);
	return JOB_REQUEUE_NONE;
}

METHOD(task_t, build_i, status_t,
	private_ha_sync_mid_sync_t *this, message_t *message)
{
	uint8_t data[MID_SYNC_DATA_LEN];

	mid_sync_encode(data, this->nonce, this->initiate, this->respond);
	message->set_message_id(message, 0);
	message->add_notify(message, FALSE, IKEV2_MESSAGE_ID_SYNC,
						chunk_create(data, sizeof(data)));
	DBG1(DBG_IKE, "ha-sync: synchronising message IDs with %H (RFC 6311), "
		 "replicated: initiating %u (announcing %u), responding %u",
		 this->ike_sa->get_other_host(this->ike_sa), this->replicated,
		 this->initiate, this->respond);
	return NEED_MORE;
}

METHOD(task_t, process_i, status_t,
	private_ha_sync_mid_sync_t *this, message_t *message)
{
	notify_payload_t *notify;
	chunk_t data = chunk_empty;
	uint32_t initiate = this->initiate, respond = this->respond;
	const char *error;
	finish_t *finish;

	notify = message->get_notify(message, IKEV2_MESSAGE_ID_SYNC);
	if (notify)
	{
		data = notify->get_notification_data(notify);
	}
	error = mid_sync_answer(this->nonce, notify ? data.ptr : NULL, data.len,
							&initiate, &respond);
	if (error)
	{
		DBG1(DBG_IKE, "ha-sync: message ID sync with %H failed: %s; keeping "
			 "the replicated message IDs", this->ike_sa->get_other_host(
			 this->ike_sa), error);
	}
	else
	{
		DBG1(DBG_IKE, "ha-sync: message IDs synchronised with %H: "
			 "initiating %u (replicated %u), responding %u (replicated %u)",
			 this->ike_sa->get_other_host(this->ike_sa), initiate,
			 this->replicated, respond, this->respond);
	}
	INIT(finish,
		.id = this->ike_sa->get_id(this->ike_sa),
		.task = &this->public.task,
		.initiate = initiate,
		.respond = respond,
		.rekey = this->rekey,
		.count = this->count,
	);
	finish->id = finish->id->clone(finish->id);
	this->rekey = NULL;
	this->count = 0;
	lib->processor->queue_job(lib->processor,
		(job_t*)callback_job_create(finish_job, finish, finish_destroy,
									NULL));
	/* stay active until the job: nothing goes out with a stale ID */
	return NEED_MORE;
}

METHOD(task_t, get_type, task_type_t,
	private_ha_sync_mid_sync_t *this)
{
	/* an INFORMATIONAL exchange of its own, activated like a DPD (no code
	 * casts DPD tasks to a type of their own) */
	return TASK_IKE_DPD;
}

METHOD(task_t, migrate, void,
	private_ha_sync_mid_sync_t *this, ike_sa_t *ike_sa)
{
	this->ike_sa = ike_sa;
}

METHOD(task_t, destroy, void,
	private_ha_sync_mid_sync_t *this)
{
	free(this->rekey);
	free(this);
}

/*
 * Described in header
 */
ha_sync_mid_sync_t *ha_sync_mid_sync_create(ike_sa_t *ike_sa,
							uint32_t initiate, uint32_t respond,
							uint32_t *rekey, int count)
{
	private_ha_sync_mid_sync_t *this;
	rng_t *rng;

	INIT(this,
		.public = {
			.task = {
				.get_type = _get_type,
				.build = _build_i,
				.process = _process_i,
				.migrate = _migrate,
				.destroy = _destroy,
			},
		},
		.ike_sa = ike_sa,
		.initiate = mid_sync_jump(initiate),
		.replicated = initiate,
		.respond = respond,
		.count = count,
	);
	rng = lib->crypto->create_rng(lib->crypto, RNG_WEAK);
	if (!rng || !rng->get_bytes(rng, sizeof(this->nonce),
								(uint8_t*)&this->nonce))
	{
		DESTROY_IF(rng);
		free(this);
		return NULL;
	}
	rng->destroy(rng);
	if (count)
	{
		this->rekey = calloc(count, sizeof(uint32_t));
		memcpy(this->rekey, rekey, count * sizeof(uint32_t));
	}
	return &this->public;
}
