/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "redirect_provider_vrrp.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <daemon.h>
#include <threading/mutex.h>
#include <threading/thread.h>
#include <processing/jobs/callback_job.h>

/** log malformed or ignored FIFO lines at most once in this many seconds */
#define LINE_LOG_INTERVAL 5

typedef struct private_redirect_provider_vrrp_t private_redirect_provider_vrrp_t;

struct private_redirect_provider_vrrp_t {

	/**
	 * Public interface.
	 */
	redirect_provider_vrrp_t public;

	/**
	 * Virtual IPs (borrowed).
	 */
	linked_list_t *vips;

	/**
	 * FIFO path and descriptor (-1 if none).
	 */
	char *fifo;
	int fd;

	/**
	 * Instance or group followed.
	 */
	char *instance;

	/**
	 * Period of the ownership check.
	 */
	uint32_t interval_ms;

	/**
	 * cluster-load's service.
	 */
	cluster_load_t *cluster;

	/**
	 * Line being assembled from FIFO reads, and whether the current line
	 * is too long and is being skipped.
	 */
	char line[VRRP_LINE_MAX + 2];
	size_t line_len;
	bool skipping;

	/**
	 * Result of the last ownership check; never checked yet.
	 */
	bool master;
	bool checked;

	/**
	 * keepalived's last reported state, and the one the last check saw.
	 */
	vrrp_state_t state;
	vrrp_state_t checked_state;

	/**
	 * Lines counted by result, and when bad ones were last logged.
	 */
	uint64_t lines[VRRP_LINE_MALFORMED + 1];
	time_t bad_logged;

	/**
	 * Protects master, checked, state and lines.
	 */
	mutex_t *mutex;
};

/**
 * Ask the kernel whether a virtual IP is a local address.
 */
static bool holds_vip(private_redirect_provider_vrrp_t *this, host_t **which)
{
	enumerator_t *enumerator;
	host_t *vip;
	bool found = FALSE;

	enumerator = this->vips->create_enumerator(this->vips);
	while (enumerator->enumerate(enumerator, &vip))
	{
		if (charon->kernel->get_interface(charon->kernel, vip, NULL))
		{
			found = TRUE;
			break;
		}
	}
	enumerator->destroy(enumerator);
	*which = vip;
	return found;
}

/**
 * Check ownership, log and announce changes.
 */
static void check(private_redirect_provider_vrrp_t *this)
{
	host_t *vip = NULL;
	bool master, changed, state_changed;
	vrrp_state_t state;

	master = holds_vip(this, &vip);
	this->mutex->lock(this->mutex);
	changed = !this->checked || master != this->master;
	state_changed = this->state != this->checked_state;
	this->master = master;
	this->checked = TRUE;
	state = this->checked_state = this->state;
	this->mutex->unlock(this->mutex);

	if (changed)
	{
		if (master)
		{
			DBG1(DBG_CFG, "redirect-provider: this member holds the virtual "
				 "IP %H: directing new clients", vip);
		}
		else
		{
			DBG1(DBG_CFG, "redirect-provider: this member holds no virtual "
				 "IP");
		}
		this->cluster->set_master(this->cluster, master);
	}
	else if (!state_changed)
	{
		return;
	}
	/* the kernel decides; a disagreeing keepalived is worth a log line */
	if (state == VRRP_MASTER && !master)
	{
		DBG1(DBG_CFG, "redirect-provider: keepalived reports MASTER for '%s', "
			 "but no virtual IP is local", this->instance);
	}
	else if (state != VRRP_MASTER && state != VRRP_UNKNOWN && master)
	{
		DBG1(DBG_CFG, "redirect-provider: keepalived reports %s for '%s', but "
			 "virtual IP %H is local", vrrp_state_name(state),
			 this->instance, vip);
	}
}

CALLBACK(check_periodic, job_requeue_t,
	private_redirect_provider_vrrp_t *this)
{
	check(this);
	return JOB_RESCHEDULE_MS(this->interval_ms);
}

CALLBACK(check_once, job_requeue_t,
	private_redirect_provider_vrrp_t *this)
{
	check(this);
	return JOB_REQUEUE_NONE;
}

/**
 * Handle one complete line from the FIFO.
 */
static void handle_line(private_redirect_provider_vrrp_t *this,
						const char *line, size_t len)
{
	vrrp_line_result_t result;
	vrrp_event_t event;
	time_t now;

	result = vrrp_notify_parse(line, len, &event);
	this->mutex->lock(this->mutex);
	this->lines[result]++;
	this->mutex->unlock(this->mutex);
	if (result == VRRP_LINE_EVENT)
	{
		if (!streq(event.name, this->instance))
		{
			DBG2(DBG_CFG, "redirect-provider: keepalived %s '%s' is %s, not "
				 "followed", event.group ? "group" : "instance", event.name,
				 vrrp_state_name(event.state));
			return;
		}
		DBG1(DBG_CFG, "redirect-provider: keepalived %s '%s' is %s "
			 "(priority %d)", event.group ? "group" : "instance", event.name,
			 vrrp_state_name(event.state), event.priority);
		this->mutex->lock(this->mutex);
		this->state = event.state;
		this->mutex->unlock(this->mutex);
		/* keepalived adds or removes the addresses around its notification:
		 * check now and once more a little later */
		lib->processor->queue_job(lib->processor,
				(job_t*)callback_job_create(check_once, this, NULL, NULL));
		lib->scheduler->schedule_job_ms(lib->scheduler,
				(job_t*)callback_job_create(check_once, this, NULL, NULL), 200);
		return;
	}
	now = time_monotonic(NULL);
	if (now - this->bad_logged >= LINE_LOG_INTERVAL)
	{
		this->bad_logged = now;
		DBG1(DBG_CFG, "redirect-provider: %s line from keepalived's FIFO "
			 "'%.*s' (%llu malformed, %llu ignored so far)",
			 result == VRRP_LINE_MALFORMED ? "malformed" : "ignored",
			 (int)min(len, 64), line, this->lines[VRRP_LINE_MALFORMED],
			 this->lines[VRRP_LINE_IGNORED]);
	}
}

CALLBACK(read_fifo, job_requeue_t,
	private_redirect_provider_vrrp_t *this)
{
	char buf[512];
	ssize_t len, i;
	bool oldstate;

	oldstate = thread_cancelability(TRUE);
	len = read(this->fd, buf, sizeof(buf));
	thread_cancelability(oldstate);
	if (len <= 0)
	{
		if (len < 0 && errno != EINTR && errno != EAGAIN)
		{
			DBG1(DBG_CFG, "redirect-provider: reading %s failed: %s",
				 this->fifo, strerror(errno));
			sleep(1);
		}
		return JOB_REQUEUE_DIRECT;
	}
	for (i = 0; i < len; i++)
	{
		if (buf[i] == '\n')
		{
			if (!this->skipping)
			{
				handle_line(this, this->line, this->line_len);
			}
			this->line_len = 0;
			this->skipping = FALSE;
		}
		else if (this->skipping)
		{
			continue;
		}
		else if (this->line_len >= VRRP_LINE_MAX)
		{
			/* too long to be keepalived's: drop up to the next newline */
			this->line[this->line_len] = buf[i];
			handle_line(this, this->line, this->line_len + 1);
			this->skipping = TRUE;
		}
		else
		{
			this->line[this->line_len++] = buf[i];
		}
	}
	return JOB_REQUEUE_DIRECT;
}

/**
 * Open the FIFO, creating it if needed, and refuse anything that is not a
 * FIFO owned by us or root and writable by others.
 */
static bool open_fifo(private_redirect_provider_vrrp_t *this)
{
	struct stat st;

	if (mkfifo(this->fifo, 0600) < 0 && errno != EEXIST)
	{
		DBG1(DBG_CFG, "redirect-provider: creating FIFO %s failed: %s",
			 this->fifo, strerror(errno));
		return FALSE;
	}
	/* read-write, so open does not wait for keepalived and a keepalived
	 * restart does not end the stream */
	this->fd = open(this->fifo, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (this->fd < 0)
	{
		DBG1(DBG_CFG, "redirect-provider: opening FIFO %s failed: %s",
			 this->fifo, strerror(errno));
		return FALSE;
	}
	if (fstat(this->fd, &st) < 0 || !S_ISFIFO(st.st_mode) ||
		(st.st_uid != 0 && st.st_uid != geteuid()) ||
		(st.st_mode & (S_IWGRP | S_IWOTH)))
	{
		DBG1(DBG_CFG, "redirect-provider: %s is not a FIFO owned by root and "
			 "writable by its owner only, not using it", this->fifo);
		close(this->fd);
		this->fd = -1;
		return FALSE;
	}
	return TRUE;
}

METHOD(redirect_provider_vrrp_t, is_master, bool,
	private_redirect_provider_vrrp_t *this)
{
	bool master;

	this->mutex->lock(this->mutex);
	master = this->master;
	this->mutex->unlock(this->mutex);
	return master;
}

METHOD(redirect_provider_vrrp_t, get_state, vrrp_state_t,
	private_redirect_provider_vrrp_t *this)
{
	vrrp_state_t state;

	this->mutex->lock(this->mutex);
	state = this->state;
	this->mutex->unlock(this->mutex);
	return state;
}

METHOD(redirect_provider_vrrp_t, get_line_counts, void,
	private_redirect_provider_vrrp_t *this, uint64_t *counts)
{
	this->mutex->lock(this->mutex);
	memcpy(counts, this->lines, sizeof(this->lines));
	this->mutex->unlock(this->mutex);
}

METHOD(redirect_provider_vrrp_t, destroy, void,
	private_redirect_provider_vrrp_t *this)
{
	if (this->fd >= 0)
	{
		close(this->fd);
	}
	this->mutex->destroy(this->mutex);
	free(this->fifo);
	free(this->instance);
	free(this);
}

/*
 * Described in header
 */
redirect_provider_vrrp_t *redirect_provider_vrrp_create(linked_list_t *vips,
								const char *fifo, const char *instance,
								uint32_t interval_ms, cluster_load_t *cluster)
{
	private_redirect_provider_vrrp_t *this;

	INIT(this,
		.public = {
			.is_master = _is_master,
			.get_state = _get_state,
			.get_line_counts = _get_line_counts,
			.destroy = _destroy,
		},
		.vips = vips,
		.fifo = strdupnull(fifo),
		.fd = -1,
		.instance = strdup(instance ?: ""),
		.interval_ms = interval_ms,
		.cluster = cluster,
		.mutex = mutex_create(MUTEX_TYPE_DEFAULT),
	);

	if (this->fifo)
	{
		if (!open_fifo(this))
		{
			destroy(this);
			return NULL;
		}
		lib->processor->queue_job(lib->processor,
			(job_t*)callback_job_create_with_prio(read_fifo, this, NULL,
				(callback_job_cancel_t)return_false, JOB_PRIO_CRITICAL));
	}
	lib->processor->queue_job(lib->processor,
			(job_t*)callback_job_create(check_periodic, this, NULL, NULL));
	return &this->public;
}
