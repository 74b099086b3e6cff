/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * libFuzzer harness for configuration values (settings_value) and for the
 * comparison of option snapshots on a settings reload (settings_diff).
 *
 * Input: min (4 bytes), max (4 bytes), then text; the text up to the first
 * NUL is the value, and the two halves of the whole text around a NUL (or
 * its middle) are two snapshots. Checked against independent oracles: an
 * integer is accepted exactly if it is digits only, fits and is in range,
 * with the value strtoull() gives; a boolean exactly if it is one of the
 * eight words; a snapshot never differs from itself, and the diff reports
 * as many keys as it counts.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "settings_diff.h"
#include "settings_value.h"

static void check_uint(const char *str, uint32_t min, uint32_t max)
{
	uint32_t value = 0;
	bool ok, digits = *str != '\0', fits = false;
	unsigned long long expect = 0;
	size_t i;

	for (i = 0; str[i]; i++)
	{
		digits &= str[i] >= '0' && str[i] <= '9';
	}
	if (digits)
	{	/* the C library's reading of the same digits */
		errno = 0;
		expect = strtoull(str, NULL, 10);
		fits = errno != ERANGE && expect <= UINT32_MAX;
	}
	ok = settings_value_uint(str, min, max, &value);
	if (ok != (digits && fits && expect >= min && expect <= max))
	{
		abort();
	}
	if (ok && value != expect)
	{
		abort();
	}
}

static void check_bool(const char *str)
{
	static const char *words[] = { "yes", "true", "enabled", "1",
								   "no", "false", "disabled", "0" };
	bool value, ok, known = false, expect = false;
	int i;

	for (i = 0; i < 8; i++)
	{
		if (!strcasecmp(str, words[i]))
		{
			known = true;
			expect = i < 4;
		}
	}
	ok = settings_value_bool(str, &value);
	if (ok != known || (ok && value != expect))
	{
		abort();
	}
}

static void count_key(void *data, const char *key)
{
	if (!key)
	{
		abort();
	}
	(*(int*)data)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t min, max;
	char *text, *second;
	int reported = 0, count;
	bool is_b;

	if (size < 8)
	{
		return 0;
	}
	memcpy(&min, data, 4);
	memcpy(&max, data + 4, 4);
	text = malloc(size - 8 + 1);
	memcpy(text, data + 8, size - 8);
	text[size - 8] = '\0';

	check_uint(text, min, max);
	check_bool(text);
	if (settings_value_choice(text, "init", "auth", &is_b) !=
		(!strcasecmp(text, "init") || !strcasecmp(text, "auth")))
	{
		abort();
	}

	/* two snapshots: before and after the first NUL, or the halves */
	second = memchr(data + 8, '\0', size - 8) ?
			 text + strlen(text) + 1 : text + (size - 8) / 2;
	if (second > text + (size - 8))
	{
		second = text + (size - 8);
	}
	if (settings_diff(text, text, count_key, &reported) != 0 || reported)
	{
		abort();
	}
	count = settings_diff(text, second, count_key, &reported);
	if (count != reported)
	{
		abort();
	}
	free(text);
	return 0;
}
