/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup cluster_load_time cluster_load_time
 * @{ @ingroup cluster_load
 *
 * Clocks for the pure table: monotonic milliseconds for ages and
 * reservations, wall-clock microseconds for report counters.
 */

#ifndef CLUSTER_LOAD_TIME_H_
#define CLUSTER_LOAD_TIME_H_

#include <stdint.h>
#include <time.h>

static inline uint64_t cluster_time_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline uint64_t cluster_time_wall_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

#endif /** CLUSTER_LOAD_TIME_H_ @}*/
