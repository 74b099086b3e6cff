/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup vrrp_notify vrrp_notify
 * @{ @ingroup common
 *
 * Parser of keepalived's notify_fifo lines, e.g.
 *
 *   INSTANCE "VI_1" MASTER 100
 *   GROUP "G1" BACKUP 0
 *
 * keepalived writes one line per transition of a VRRP instance or sync
 * group. Other line kinds (virtual/real servers of the checker, or kinds a
 * later keepalived adds) are recognised as "ignored", not as errors.
 * Pure C, no allocation, bounded: safe for any input.
 */

#ifndef VRRP_NOTIFY_H_
#define VRRP_NOTIFY_H_

#include <stddef.h>
#include <stdbool.h>

/** longest instance or group name accepted */
#define VRRP_NAME_MAX 63
/** longest line accepted, without the newline */
#define VRRP_LINE_MAX 255

typedef enum vrrp_state_t vrrp_state_t;
typedef enum vrrp_line_result_t vrrp_line_result_t;
typedef struct vrrp_event_t vrrp_event_t;

enum vrrp_state_t {
	VRRP_UNKNOWN = 0,
	VRRP_MASTER,
	VRRP_BACKUP,
	VRRP_FAULT,
	VRRP_STOP,
	VRRP_DELETED,
};

enum vrrp_line_result_t {
	/** an instance or group transition, event filled */
	VRRP_LINE_EVENT = 0,
	/** well-formed, but not about an instance or group state
	 *  (e.g. checker lines, unknown kinds or states) */
	VRRP_LINE_IGNORED,
	/** not a keepalived notify line */
	VRRP_LINE_MALFORMED,
};

struct vrrp_event_t {
	/** TRUE for a sync group, FALSE for an instance */
	bool group;
	/** instance or group name, without quotes */
	char name[VRRP_NAME_MAX + 1];
	/** new state */
	vrrp_state_t state;
	/** priority, 0..255 */
	int priority;
};

/**
 * Parse one line (without or with a trailing "\n").
 *
 * Grammar: KIND SP '"' NAME '"' SP STATE SP PRIORITY, KIND one of
 * INSTANCE and GROUP, NAME 1..VRRP_NAME_MAX printable characters other
 * than '"', STATE one of MASTER, BACKUP, FAULT, STOP, DELETED, PRIORITY a
 * decimal 0..255 without sign or leading zeros.
 *
 * @param line		line, need not be nul-terminated
 * @param len		its length
 * @param event		receives the event if VRRP_LINE_EVENT
 * @return			result
 */
vrrp_line_result_t vrrp_notify_parse(const char *line, size_t len,
									 vrrp_event_t *event);

/**
 * Name of a state as keepalived prints it, "UNKNOWN" for VRRP_UNKNOWN.
 */
const char *vrrp_state_name(vrrp_state_t state);

#endif /** VRRP_NOTIFY_H_ @}*/
