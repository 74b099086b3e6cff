/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "ctl_format.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/** columns of a members table that are looked at */
#define COLUMNS_MAX 16
/** lines of an answer that are looked at */
#define LINES_MAX 1024
/** metric name prefix */
#define PREFIX "strongswan_cluster_"

/**
 * An answer cut into lines and words, in a copy of its own.
 */
typedef struct {
	char *copy;
	int lines;
	int words[LINES_MAX];
	char *word[LINES_MAX][COLUMNS_MAX];
} split_t;

/**
 * Cut an answer into lines of words; empty lines are dropped.
 */
static bool split(const char *answer, split_t *s)
{
	char *line, *next, *word, *save;

	memset(s, 0, sizeof(*s));
	s->copy = strdup(answer);
	if (!s->copy)
	{
		return false;
	}
	for (line = s->copy; line; line = next)
	{
		next = strchr(line, '\n');
		if (next)
		{
			*next++ = '\0';
		}
		if (s->lines == LINES_MAX)
		{
			return false;
		}
		for (word = strtok_r(line, " \t", &save); word;
			 word = strtok_r(NULL, " \t", &save))
		{
			if (s->words[s->lines] == COLUMNS_MAX)
			{
				return false;
			}
			s->word[s->lines][s->words[s->lines]++] = word;
		}
		if (s->words[s->lines])
		{
			s->lines++;
		}
	}
	return true;
}

/**
 * Is the word a plain decimal number (as the plugins print them)?
 */
static bool is_number(const char *word)
{
	bool digits = false, dot = false;

	for (; *word; word++)
	{
		if (isdigit((unsigned char)*word))
		{
			digits = true;
		}
		else if (*word == '.' && digits && !dot)
		{
			dot = true;
			digits = false;
		}
		else
		{
			return false;
		}
	}
	return digits;
}

/**
 * Print a JSON string (quoted, escaped).
 */
static void json_string(const char *str, FILE *out)
{
	fputc('"', out);
	for (; *str; str++)
	{
		unsigned char c = *str;

		if (c == '"' || c == '\\')
		{
			fprintf(out, "\\%c", c);
		}
		else if (c < 0x20 || c == 0x7f)
		{
			fprintf(out, "\\u%04x", c);
		}
		else
		{
			fputc(c, out);
		}
	}
	fputc('"', out);
}

/**
 * Print a value as a JSON number, boolean, null or string.
 */
static void json_value(const char *word, FILE *out)
{
	if (is_number(word))
	{
		fputs(word, out);
	}
	else if (!strcmp(word, "yes") || !strcmp(word, "no"))
	{
		fputs(word[0] == 'y' ? "true" : "false", out);
	}
	else if (!strcmp(word, "-"))
	{
		fputs("null", out);
	}
	else
	{
		json_string(word, out);
	}
}

/**
 * Print the flags column ("local,master", "-") as a JSON array.
 */
static void json_flags(const char *word, FILE *out)
{
	const char *end;
	bool first = true;
	char flag[64];
	size_t len;

	fputc('[', out);
	while (*word)
	{
		end = strchr(word, ',');
		len = end ? (size_t)(end - word) : strlen(word);
		if (len && len < sizeof(flag) && strncmp(word, "-", len))
		{
			memcpy(flag, word, len);
			flag[len] = '\0';
			fputs(first ? "" : ",", out);
			json_string(flag, out);
			first = false;
		}
		word += len;
		if (*word == ',')
		{
			word++;
		}
	}
	fputc(']', out);
}

/**
 * A members answer: a header and rows of as many words.
 */
static bool valid_members(split_t *s)
{
	int i;

	if (s->lines < 1 || strcmp(s->word[0][0], "member"))
	{
		return false;
	}
	for (i = 1; i < s->lines; i++)
	{
		if (s->words[i] != s->words[0])
		{
			return false;
		}
	}
	return true;
}

/*
 * Described in header
 */
bool ctl_format_members(const char *answer, ctl_format_t format, FILE *out)
{
	split_t *s;
	int i, j;
	bool ok;

	s = calloc(1, sizeof(*s));
	if (!s)
	{
		return false;
	}
	ok = split(answer, s) && valid_members(s);
	if (ok && format == CTL_FORMAT_TEXT)
	{
		/* the plugin aligns its table already */
		fputs(answer, out);
	}
	else if (ok)
	{
		fputs("{\"members\":[", out);
		for (i = 1; i < s->lines; i++)
		{
			fputs(i > 1 ? ",{" : "{", out);
			for (j = 0; j < s->words[0]; j++)
			{
				fputs(j ? "," : "", out);
				json_string(s->word[0][j], out);
				fputc(':', out);
				if (!strcmp(s->word[0][j], "flags"))
				{
					json_flags(s->word[i][j], out);
				}
				else if (!strcmp(s->word[0][j], "member"))
				{	/* a name is a string, also if it is all digits */
					json_string(s->word[i][j], out);
				}
				else
				{
					json_value(s->word[i][j], out);
				}
			}
			fputc('}', out);
		}
		fputs("]}\n", out);
	}
	free(s->copy);
	free(s);
	return ok;
}

/*
 * Described in header
 */
bool ctl_format_values(const char *answer, ctl_format_t format, FILE *out)
{
	split_t *s;
	int i, width = 0;
	bool ok;

	s = calloc(1, sizeof(*s));
	if (!s)
	{
		return false;
	}
	ok = split(answer, s);
	for (i = 0; ok && i < s->lines; i++)
	{
		ok = s->words[i] == 2;
		if ((int)strlen(s->word[i][0]) > width)
		{
			width = strlen(s->word[i][0]);
		}
	}
	if (ok && format == CTL_FORMAT_TEXT)
	{
		for (i = 0; i < s->lines; i++)
		{
			fprintf(out, "%-*s  %s\n", width, s->word[i][0], s->word[i][1]);
		}
	}
	else if (ok)
	{
		fputc('{', out);
		for (i = 0; i < s->lines; i++)
		{
			fputs(i ? "," : "", out);
			json_string(s->word[i][0], out);
			fputc(':', out);
			json_value(s->word[i][1], out);
		}
		fputs("}\n", out);
	}
	free(s->copy);
	free(s);
	return ok;
}

/**
 * Figures whose last name part is a label, e.g. "redirect.to.mars".
 */
static const struct {
	const char *prefix;
	const char *label;
} labelled[] = {
	{ "redirect.to.", "member" },
	{ "redirect.refused.", "reason" },
	{ "redirect.fast-path-passed.", "reason" },
	{ "channel.dropped.", "reason" },
	{ "ha.dropped.", "reason" },
};

/**
 * Figures that are levels, not counts since charon started.
 */
static const char *gauges[] = {
	"ha.records-own",
	"ha.records-kept",
	"route.routed",
	"route.queued",
};

/**
 * A sample of the stats answer.
 */
typedef struct {
	/** family name without PREFIX */
	char family[96];
	/** label name, or "" */
	const char *label;
	/** label value */
	const char *label_value;
	/** the value printed */
	const char *value;
	bool counter;
} sample_t;

/**
 * A metric name part: what is not [a-z0-9_] becomes '_'.
 */
static void metric_name(char *dst, size_t size, const char *src, size_t len)
{
	size_t i;

	for (i = 0; i < len && i + 1 < size; i++)
	{
		dst[i] = isalnum((unsigned char)src[i]) ?
					tolower((unsigned char)src[i]) : '_';
	}
	dst[i] = '\0';
}

/**
 * Print a label value, escaped as the format asks.
 */
static void label_value(const char *value, FILE *out)
{
	for (; *value; value++)
	{
		if (*value == '\\' || *value == '"')
		{
			fprintf(out, "\\%c", *value);
		}
		else if (*value == '\n')
		{
			fputs("\\n", out);
		}
		else
		{
			fputc(*value, out);
		}
	}
}

/**
 * Turn one "name value" line into a sample.
 */
static void make_sample(char *name, char *value, sample_t *sample)
{
	size_t i, len = strlen(name);
	bool gauge = false;

	memset(sample, 0, sizeof(*sample));
	sample->label = "";
	sample->value = value;
	for (i = 0; i < sizeof(labelled) / sizeof(labelled[0]); i++)
	{
		size_t plen = strlen(labelled[i].prefix);

		if (!strncmp(name, labelled[i].prefix, plen) && name[plen])
		{
			len = plen - 1;
			sample->label = labelled[i].label;
			sample->label_value = name + plen;
			break;
		}
	}
	metric_name(sample->family, sizeof(sample->family) - 8, name, len);
	for (i = 0; i < sizeof(gauges) / sizeof(gauges[0]); i++)
	{
		gauge |= !strcmp(name, gauges[i]);
	}
	if (!strcmp(value, "yes") || !strcmp(value, "no"))
	{
		sample->value = value[0] == 'y' ? "1" : "0";
	}
	else if (!is_number(value))
	{	/* a state, e.g. "vrrp.keepalived-state MASTER": the value is a
		 * label of a sample that is always 1 */
		sample->label = "value";
		sample->label_value = value;
		sample->value = "1";
	}
	else if (!gauge)
	{
		sample->counter = true;
		strcat(sample->family, "_total");
	}
}

/**
 * Print one sample line.
 */
static void print_sample(const char *family, const char *label,
						 const char *lvalue, const char *label2,
						 const char *lvalue2, const char *value, FILE *out)
{
	fprintf(out, PREFIX "%s", family);
	if (label && *label)
	{
		fprintf(out, "{%s=\"", label);
		label_value(lvalue, out);
		fputc('"', out);
		if (label2)
		{
			fprintf(out, ",%s=\"", label2);
			label_value(lvalue2, out);
			fputc('"', out);
		}
		fputc('}', out);
	}
	fprintf(out, " %s\n", value);
}

/**
 * Index of a column of the members table, -1 if it has none of that name.
 */
static int column(split_t *s, const char *name)
{
	int j;

	for (j = 0; j < s->words[0]; j++)
	{
		if (!strcmp(s->word[0][j], name))
		{
			return j;
		}
	}
	return -1;
}

/**
 * Print the members table as gauges, one family after the other.
 */
static void print_member_metrics(split_t *s, FILE *out)
{
	static const struct {
		const char *column;
		const char *family;
		const char *help;
		double scale;
	} families[] = {
		{ "ike", "member_ike_sas", "IKE_SAs the member reports", 1 },
		{ "child", "member_child_sas", "CHILD_SAs the member reports", 1 },
		{ "half", "member_half_open", "half-open IKE_SAs the member reports", 1 },
		{ "capacity", "member_capacity", "IKE_SAs the member takes at most", 1 },
		{ "weight", "member_weight", "the member's weight in the selection", 1 },
		{ "load%", "member_load_ratio", "(IKE_SAs + half-open) / capacity", 0.01 },
		{ "reserved", "member_reserved", "clients sent to the member and not yet reported by it", 1 },
		{ "age-ms", "member_report_age_seconds", "age of the member's last report", 0.001 },
	};
	static const char *states[] = { "alive", "draining", "dead" };
	int name = column(s, "member"), state = column(s, "state");
	int flags = column(s, "flags"), i, j, c;
	char value[64];

	fputs("# HELP " PREFIX "member_state state of each member as this member "
		  "sees it\n# TYPE " PREFIX "member_state gauge\n", out);
	for (i = 1; state >= 0 && i < s->lines; i++)
	{
		for (j = 0; j < 3; j++)
		{
			print_sample("member_state", "member", s->word[i][name], "state",
						 states[j], strcmp(s->word[i][state], states[j]) ? "0" : "1",
						 out);
		}
	}
	for (j = 0; j < (int)(sizeof(families) / sizeof(families[0])); j++)
	{
		c = column(s, families[j].column);
		if (c < 0)
		{
			continue;
		}
		fprintf(out, "# HELP " PREFIX "%s %s\n# TYPE " PREFIX "%s gauge\n",
				families[j].family, families[j].help, families[j].family);
		for (i = 1; i < s->lines; i++)
		{
			if (!is_number(s->word[i][c]))
			{
				continue;
			}
			snprintf(value, sizeof(value), "%g",
					 strtod(s->word[i][c], NULL) * families[j].scale);
			print_sample(families[j].family, "member", s->word[i][name],
						 NULL, NULL, value, out);
		}
	}
	if (flags < 0)
	{
		return;
	}
	fputs("# HELP " PREFIX "member_master 1 for the member that holds the VIP\n"
		  "# TYPE " PREFIX "member_master gauge\n", out);
	for (i = 1; i < s->lines; i++)
	{
		print_sample("member_master", "member", s->word[i][name], NULL, NULL,
					 strstr(s->word[i][flags], "master") ? "1" : "0", out);
	}
	fputs("# HELP " PREFIX "member_local 1 for the member that answered\n"
		  "# TYPE " PREFIX "member_local gauge\n", out);
	for (i = 1; i < s->lines; i++)
	{
		print_sample("member_local", "member", s->word[i][name], NULL, NULL,
					 strstr(s->word[i][flags], "local") ? "1" : "0", out);
	}
}

/*
 * Described in header
 */
bool ctl_format_metrics(const char *members, const char *stats, FILE *out)
{
	split_t *m, *s;
	sample_t *samples = NULL;
	bool ok, *done = NULL;
	int i, j;

	/* zeroed: a copy not made yet is NULL when freed */
	m = calloc(1, sizeof(*m));
	s = calloc(1, sizeof(*s));
	ok = m && s && split(members, m) && valid_members(m) &&
		 column(m, "member") == 0 && split(stats, s);
	for (i = 0; ok && i < s->lines; i++)
	{
		ok = s->words[i] == 2;
	}
	if (ok)
	{
		samples = calloc(s->lines + 1, sizeof(*samples));
		done = calloc(s->lines + 1, sizeof(*done));
		ok = samples && done;
	}
	if (ok)
	{
		print_member_metrics(m, out);
		for (i = 0; i < s->lines; i++)
		{
			make_sample(s->word[i][0], s->word[i][1], &samples[i]);
		}
		/* all samples of a family together, in the order of first sight */
		for (i = 0; i < s->lines; i++)
		{
			if (done[i])
			{
				continue;
			}
			fprintf(out, "# TYPE " PREFIX "%s %s\n", samples[i].family,
					samples[i].counter ? "counter" : "gauge");
			for (j = i; j < s->lines; j++)
			{
				if (!done[j] && !strcmp(samples[i].family, samples[j].family))
				{
					print_sample(samples[j].family, samples[j].label,
								 samples[j].label_value, NULL, NULL,
								 samples[j].value, out);
					done[j] = true;
				}
			}
		}
	}
	if (m)
	{
		free(m->copy);
	}
	if (s)
	{
		free(s->copy);
	}
	free(m);
	free(s);
	free(samples);
	free(done);
	return ok;
}
