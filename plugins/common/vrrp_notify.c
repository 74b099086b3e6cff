/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "vrrp_notify.h"

#include <string.h>

/** highest VRRP priority */
#define PRIORITY_MAX 255

static const char *state_names[] = {
	"UNKNOWN",
	"MASTER",
	"BACKUP",
	"FAULT",
	"STOP",
	"DELETED",
};

/*
 * Described in header
 */
const char *vrrp_state_name(vrrp_state_t state)
{
	if ((unsigned int)state >= sizeof(state_names) / sizeof(state_names[0]))
	{
		return state_names[VRRP_UNKNOWN];
	}
	return state_names[state];
}

/**
 * Whether the token at s of len bytes equals the string str
 */
static bool token_is(const char *s, size_t len, const char *str)
{
	return strlen(str) == len && memcmp(s, str, len) == 0;
}

/**
 * Length of the token of uppercase letters and '_' at the start of s
 */
static size_t token_len(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
	{
		if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_'))
		{
			break;
		}
	}
	return i;
}

/**
 * Parse a priority: 0..255, decimal, without sign or leading zeros.
 */
static bool parse_priority(const char *s, size_t len, int *priority)
{
	size_t i;
	int value = 0;

	/* "255" is the longest, longer ones are out of range or padded */
	if (len < 1 || len > 3 || (len > 1 && s[0] == '0'))
	{
		return false;
	}
	for (i = 0; i < len; i++)
	{
		if (s[i] < '0' || s[i] > '9')
		{
			return false;
		}
		value = value * 10 + (s[i] - '0');
	}
	if (value > PRIORITY_MAX)
	{
		return false;
	}
	*priority = value;
	return true;
}

/*
 * Described in header
 */
vrrp_line_result_t vrrp_notify_parse(const char *line, size_t len,
									 vrrp_event_t *event)
{
	vrrp_event_t tmp;
	size_t i, pos, kind, name, name_len, state, state_len;

	if (!line)
	{
		return VRRP_LINE_MALFORMED;
	}
	if (len && line[len - 1] == '\n')
	{
		len--;
		if (len && line[len - 1] == '\r')
		{
			len--;
		}
	}
	if (len == 0 || len > VRRP_LINE_MAX)
	{
		return VRRP_LINE_MALFORMED;
	}
	/* printable ASCII only: no control characters, no stray newlines */
	for (i = 0; i < len; i++)
	{
		if ((unsigned char)line[i] < 0x20 || (unsigned char)line[i] > 0x7e)
		{
			return VRRP_LINE_MALFORMED;
		}
	}

	/* KIND SP, and more must follow */
	kind = token_len(line, len);
	if (kind == 0 || kind + 1 >= len || line[kind] != ' ')
	{
		return VRRP_LINE_MALFORMED;
	}
	memset(&tmp, 0, sizeof(tmp));
	if (token_is(line, kind, "GROUP"))
	{
		tmp.group = true;
	}
	else if (!token_is(line, kind, "INSTANCE"))
	{
		/* e.g. the checker's "VS ..." and "RS ..." lines */
		return VRRP_LINE_IGNORED;
	}
	pos = kind + 1;

	/* '"' NAME '"' SP */
	if (line[pos] != '"')
	{
		return VRRP_LINE_MALFORMED;
	}
	name = ++pos;
	while (pos < len && line[pos] != '"')
	{
		pos++;
	}
	name_len = pos - name;
	if (pos == len || name_len < 1 || name_len > VRRP_NAME_MAX)
	{
		return VRRP_LINE_MALFORMED;
	}
	pos++;
	if (pos >= len || line[pos] != ' ')
	{
		return VRRP_LINE_MALFORMED;
	}
	pos++;

	/* STATE SP */
	state = pos;
	state_len = token_len(line + state, len - state);
	pos += state_len;
	if (state_len == 0 || pos >= len || line[pos] != ' ')
	{
		return VRRP_LINE_MALFORMED;
	}
	pos++;

	/* PRIORITY, then the end */
	if (!parse_priority(line + pos, len - pos, &tmp.priority))
	{
		return VRRP_LINE_MALFORMED;
	}

	for (i = VRRP_MASTER; i <= VRRP_DELETED; i++)
	{
		if (token_is(line + state, state_len, state_names[i]))
		{
			tmp.state = i;
			break;
		}
	}
	if (tmp.state == VRRP_UNKNOWN)
	{
		/* well-formed, but a state this version does not know */
		return VRRP_LINE_IGNORED;
	}
	memcpy(tmp.name, line + name, name_len);
	if (event)
	{
		*event = tmp;
	}
	return VRRP_LINE_EVENT;
}
