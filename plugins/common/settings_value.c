/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "settings_value.h"

#include <strings.h>

/*
 * Described in header
 */
bool settings_value_uint(const char *str, uint32_t min, uint32_t max,
						 uint32_t *out)
{
	uint64_t value = 0;

	if (!str || !*str)
	{
		return false;
	}
	for (; *str; str++)
	{
		if (*str < '0' || *str > '9')
		{
			return false;
		}
		value = value * 10 + (*str - '0');
		if (value > UINT32_MAX)
		{	/* also stops any overflow of value */
			return false;
		}
	}
	if (value < min || value > max)
	{
		return false;
	}
	*out = value;
	return true;
}

/*
 * Described in header
 */
bool settings_value_bool(const char *str, bool *out)
{
	static const char *yes[] = { "yes", "true", "enabled", "1" };
	static const char *no[] = { "no", "false", "disabled", "0" };
	unsigned int i;

	if (!str)
	{
		return false;
	}
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
	{
		if (!strcasecmp(str, yes[i]))
		{
			*out = true;
			return true;
		}
		if (!strcasecmp(str, no[i]))
		{
			*out = false;
			return true;
		}
	}
	return false;
}

/*
 * Described in header
 */
bool settings_value_choice(const char *str, const char *a, const char *b,
						   bool *is_b)
{
	if (!str)
	{
		return false;
	}
	if (!strcasecmp(str, a))
	{
		*is_b = false;
		return true;
	}
	if (!strcasecmp(str, b))
	{
		*is_b = true;
		return true;
	}
	return false;
}
