/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "settings_diff.h"

#include <string.h>

/** longest key reported; longer ones are cut */
#define KEY_MAX 128

/**
 * A line of a snapshot: key and whole line, both as lengths from start.
 */
typedef struct {
	const char *start;
	size_t key_len;
	size_t line_len;
} line_t;

/**
 * Read the line at *pos and advance; false at the end.
 */
static bool next_line(const char **pos, line_t *line)
{
	const char *end, *eq;

	if (!*pos || !**pos)
	{
		return false;
	}
	end = strchr(*pos, '\n');
	if (!end)
	{
		end = *pos + strlen(*pos);
	}
	eq = memchr(*pos, '=', end - *pos);
	line->start = *pos;
	line->line_len = end - *pos;
	line->key_len = eq ? (size_t)(eq - *pos) : line->line_len;
	*pos = *end ? end + 1 : end;
	return true;
}

/**
 * Compare the keys of two lines like strcmp().
 */
static int key_cmp(const line_t *a, const line_t *b)
{
	size_t len = a->key_len < b->key_len ? a->key_len : b->key_len;
	int cmp = memcmp(a->start, b->start, len);

	if (cmp)
	{
		return cmp;
	}
	return a->key_len < b->key_len ? -1 : a->key_len > b->key_len;
}

/**
 * Report the key of a line.
 */
static void report(const line_t *line, settings_diff_cb_t cb, void *data)
{
	char key[KEY_MAX + 1];
	size_t len = line->key_len < KEY_MAX ? line->key_len : KEY_MAX;

	memcpy(key, line->start, len);
	key[len] = '\0';
	cb(data, key);
}

/*
 * Described in header
 */
int settings_diff_compare(const void *a, const void *b)
{
	const char *sa = *(const char**)a, *sb = *(const char**)b;
	line_t la = { .start = sa }, lb = { .start = sb };

	la.key_len = strcspn(sa, "=\n");
	lb.key_len = strcspn(sb, "=\n");
	return key_cmp(&la, &lb);
}

/*
 * Described in header
 */
int settings_diff(const char *old, const char *new, settings_diff_cb_t cb,
				  void *data)
{
	line_t a, b;
	bool have_a, have_b;
	int count = 0, cmp;

	have_a = next_line(&old, &a);
	have_b = next_line(&new, &b);
	while (have_a || have_b)
	{
		cmp = !have_a ? 1 : !have_b ? -1 : key_cmp(&a, &b);
		if (cmp < 0)
		{	/* removed */
			report(&a, cb, data);
			have_a = next_line(&old, &a);
		}
		else if (cmp > 0)
		{	/* added */
			report(&b, cb, data);
			have_b = next_line(&new, &b);
		}
		else
		{
			if (a.line_len != b.line_len ||
				memcmp(a.start, b.start, a.line_len))
			{
				report(&a, cb, data);
			}
			else
			{
				count--;
			}
			have_a = next_line(&old, &a);
			have_b = next_line(&new, &b);
		}
		count++;
	}
	return count;
}

/*
 * Described in header
 */
bool settings_diff_is_runtime(const char *key, const char *const runtime[])
{
	size_t len;
	int i;

	for (i = 0; runtime && runtime[i]; i++)
	{
		len = strlen(runtime[i]);
		if (len && runtime[i][len - 1] == '.' ?
				!strncmp(key, runtime[i], len) : !strcmp(key, runtime[i]))
		{
			return true;
		}
	}
	return false;
}
