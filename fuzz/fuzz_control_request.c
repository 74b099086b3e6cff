/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * libFuzzer harness for requests on the control socket: whatever a client
 * sends, in any split of its reads. Every word lies inside the buffer, is
 * not empty and holds no blank; there are never more than CONTROL_ARGS_MAX.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "control_request.h"

static void check(char *buf, size_t size, char **argv, int argc,
				  control_request_result_t result)
{
	int i;

	if (result != CONTROL_REQUEST_OK)
	{
		if (argc && result != CONTROL_REQUEST_EMPTY)
		{
			abort();
		}
		return;
	}
	if (argc < 1 || argc > CONTROL_ARGS_MAX)
	{
		abort();
	}
	for (i = 0; i < argc; i++)
	{
		if (argv[i] < buf || argv[i] >= buf + size || !*argv[i] ||
			strpbrk(argv[i], " \t\r\n"))
		{
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[CONTROL_REQUEST_MAX], *argv[CONTROL_ARGS_MAX];
	control_request_result_t result;
	size_t len, split;
	int argc;

	if (!size)
	{
		return 0;
	}
	/* the first byte says where the first read ends */
	split = data[0];
	data++;
	size--;
	len = size < sizeof(buf) ? size : sizeof(buf) - 1;
	split = split < len ? split : len;
	memcpy(buf, data, split);
	result = control_request_parse(buf, split, sizeof(buf), false, argv,
								   &argc);
	check(buf, sizeof(buf), argv, argc, result);
	if (result == CONTROL_REQUEST_INCOMPLETE)
	{
		memcpy(buf + split, data + split, len - split);
		result = control_request_parse(buf, len, sizeof(buf), true, argv,
									   &argc);
		check(buf, sizeof(buf), argv, argc, result);
		if (result == CONTROL_REQUEST_INCOMPLETE)
		{	/* at EOF a request is never incomplete */
			abort();
		}
	}
	return 0;
}
