/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * libFuzzer harness for the keepalived notify FIFO line parser.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vrrp_notify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vrrp_event_t event;

	if (vrrp_notify_parse((const char*)data, size, &event) == VRRP_LINE_EVENT)
	{
		/* an event names a bounded, terminated instance and a real state */
		if (strlen(event.name) == 0 || strlen(event.name) > VRRP_NAME_MAX ||
			event.state == VRRP_UNKNOWN || event.priority < 0 ||
			event.priority > 255)
		{
			abort();
		}
	}
	return 0;
}
