/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup redirect_provider_vrrp redirect_provider_vrrp
 * @{ @ingroup redirect_provider
 */

#ifndef REDIRECT_PROVIDER_VRRP_H_
#define REDIRECT_PROVIDER_VRRP_H_

#include <collections/linked_list.h>

#include "cluster_load.h"
#include "vrrp_notify.h"

typedef struct redirect_provider_vrrp_t redirect_provider_vrrp_t;

/**
 * Follows keepalived's state for the cluster's VRRP instance (or sync
 * group) through its notify FIFO, and checks with the kernel whether this
 * member really holds the virtual IPs.
 *
 * This member is master when it holds a virtual IP: that is what decides
 * where clients' packets arrive, and it stays right when a notification is
 * lost or late (keepalived drops FIFO lines a slow reader misses). A
 * notification triggers an immediate check; a periodic check catches the
 * rest. Disagreements between keepalived and the kernel are logged.
 */
struct redirect_provider_vrrp_t {

	/**
	 * Whether this member holds a virtual IP, as last checked.
	 */
	bool (*is_master)(redirect_provider_vrrp_t *this);

	/**
	 * keepalived's last reported state, VRRP_UNKNOWN if none yet.
	 */
	vrrp_state_t (*get_state)(redirect_provider_vrrp_t *this);

	/**
	 * Number of FIFO lines read, by vrrp_line_result_t.
	 *
	 * @param counts	receives VRRP_LINE_MALFORMED + 1 counters
	 */
	void (*get_line_counts)(redirect_provider_vrrp_t *this, uint64_t *counts);

	/**
	 * Destroy a redirect_provider_vrrp_t.
	 */
	void (*destroy)(redirect_provider_vrrp_t *this);
};

/**
 * Create the VRRP follower.
 *
 * @param vips			virtual IPs, host_t* (borrowed)
 * @param fifo			path of keepalived's notify_fifo, NULL for none
 * @param instance		VRRP instance or sync group name to follow
 * @param interval_ms	period of the ownership check
 * @param cluster		cluster-load, told whether this member is master
 * @return				NULL if the FIFO cannot be used safely
 */
redirect_provider_vrrp_t *redirect_provider_vrrp_create(linked_list_t *vips,
								const char *fifo, const char *instance,
								uint32_t interval_ms, cluster_load_t *cluster);

#endif /** REDIRECT_PROVIDER_VRRP_H_ @}*/
