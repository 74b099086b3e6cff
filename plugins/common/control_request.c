/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "control_request.h"

#include <string.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

control_request_result_t control_request_parse(char *buf, size_t len,
											   size_t size, bool eof,
											   char **argv, int *argc)
{
	char *end, *pos;

	*argc = 0;
	if (len >= size)
	{
		return CONTROL_REQUEST_TOO_LONG;
	}
	buf[len] = '\0';
	/* a NUL ends the line like a newline: nothing after it is looked at */
	end = memchr(buf, '\n', len);
	if (!end)
	{
		if (strlen(buf) < len)
		{
			end = buf + strlen(buf);
		}
		else if (len + 1 >= size)
		{
			return CONTROL_REQUEST_TOO_LONG;
		}
		else if (!eof)
		{
			return CONTROL_REQUEST_INCOMPLETE;
		}
		else
		{
			end = buf + len;
		}
	}
	*end = '\0';
	pos = buf;
	while (*argc < CONTROL_ARGS_MAX)
	{
		while (is_blank(*pos))
		{
			pos++;
		}
		if (!*pos)
		{
			break;
		}
		argv[(*argc)++] = pos;
		while (*pos && !is_blank(*pos))
		{
			pos++;
		}
		if (!*pos)
		{
			break;
		}
		*pos++ = '\0';
	}
	return *argc ? CONTROL_REQUEST_OK : CONTROL_REQUEST_EMPTY;
}
