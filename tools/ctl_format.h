/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup ctl_format ctl_format
 * @{ @ingroup tools
 *
 * cluster-ctl's output: the control socket's answers as tables, as JSON or
 * in Prometheus' text exposition format. Pure code, unit-tested and fuzzed.
 *
 * The plugins answer in two shapes:
 *  - "members": a header line of column names, then one line per member
 *    with one word per column;
 *  - "stats" and "status": one "name value" line per figure.
 */

#ifndef CTL_FORMAT_H_
#define CTL_FORMAT_H_

#include <stdbool.h>
#include <stdio.h>

typedef enum ctl_format_t ctl_format_t;

enum ctl_format_t {
	/** for people: aligned columns */
	CTL_FORMAT_TEXT,
	/** one JSON document */
	CTL_FORMAT_JSON,
};

/**
 * Print the answer to "members".
 *
 * @param answer	the plugin's answer, NUL-terminated
 * @param format	how to print it
 * @param out		where to print it
 * @return			FALSE if the answer is not a members table
 */
bool ctl_format_members(const char *answer, ctl_format_t format, FILE *out);

/**
 * Print an answer of "name value" lines ("stats", "status").
 *
 * @param answer	the plugin's answer, NUL-terminated
 * @param format	how to print it
 * @param out		where to print it
 * @return			FALSE if a line is not "name value"
 */
bool ctl_format_values(const char *answer, ctl_format_t format, FILE *out);

/**
 * Print the answers to "members" and "stats" as Prometheus metrics
 * (text exposition format 0.0.4), all named strongswan_cluster_*.
 *
 * @param members	answer to "members"
 * @param stats		answer to "stats"
 * @param out		where to print them
 * @return			FALSE if an answer is malformed
 */
bool ctl_format_metrics(const char *members, const char *stats, FILE *out);

#endif /** CTL_FORMAT_H_ @}*/
