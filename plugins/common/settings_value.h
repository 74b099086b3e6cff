/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup settings_value settings_value
 * @{ @ingroup common
 *
 * Values of the plugins' options as strongswan.conf gives them (strings):
 * integers in a range, yes/no, one of two words. Strict: what is not
 * exactly such a value is refused, so that the plugin can name it in its
 * error. Pure code, unit-tested and fuzzed.
 */

#ifndef SETTINGS_VALUE_H_
#define SETTINGS_VALUE_H_

#include <stdbool.h>
#include <stdint.h>

/**
 * A decimal integer of digits only (no sign, blank or prefix) from min to
 * max.
 *
 * @param str		the value
 * @param min		smallest value accepted
 * @param max		largest value accepted
 * @param out		receives the value if accepted
 * @return			TRUE if accepted
 */
bool settings_value_uint(const char *str, uint32_t min, uint32_t max,
						 uint32_t *out);

/**
 * A boolean as strongSwan writes them: yes, true, enabled, 1 or no, false,
 * disabled, 0 (words in any case).
 *
 * @param str		the value
 * @param out		receives the value if accepted
 * @return			TRUE if accepted
 */
bool settings_value_bool(const char *str, bool *out);

/**
 * One of two words, in any case.
 *
 * @param str		the value
 * @param a			first word (*is_b = FALSE)
 * @param b			second word (*is_b = TRUE)
 * @param is_b		receives which one
 * @return			TRUE if str is one of them
 */
bool settings_value_choice(const char *str, const char *a, const char *b,
						   bool *is_b);

#endif /** SETTINGS_VALUE_H_ @}*/
