/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup control_request control_request
 * @{ @ingroup common
 *
 * A request on the control socket: one line of words separated by blanks.
 * Pure code, unit-tested and fuzzed; the socket handling is cluster-load's.
 */

#ifndef CONTROL_REQUEST_H_
#define CONTROL_REQUEST_H_

#include <stdbool.h>
#include <stddef.h>

/** the longest request line, with its newline and a NUL */
#define CONTROL_REQUEST_MAX 256
/** words of a request that are looked at; more are ignored */
#define CONTROL_ARGS_MAX 8

typedef enum control_request_result_t control_request_result_t;

enum control_request_result_t {
	/** a line: argv holds its words */
	CONTROL_REQUEST_OK = 0,
	/** no newline yet, and there is room for more */
	CONTROL_REQUEST_INCOMPLETE,
	/** the line fills the buffer without a newline */
	CONTROL_REQUEST_TOO_LONG,
	/** a line without words, or nothing at all */
	CONTROL_REQUEST_EMPTY,
};

/**
 * Look at what a client sent so far.
 *
 * @param buf		the bytes received, at least len + 1 bytes of space;
 *					split into words in place on CONTROL_REQUEST_OK
 * @param len		bytes received, less than size
 * @param size		size of buf
 * @param eof		the client sends no more: a last line without newline
 *					counts
 * @param argv		receives up to CONTROL_ARGS_MAX words, pointing into buf
 * @param argc		receives the number of words
 * @return			what the bytes are
 */
control_request_result_t control_request_parse(char *buf, size_t len,
											   size_t size, bool eof,
											   char **argv, int *argc);

#endif /** CONTROL_REQUEST_H_ @}*/
