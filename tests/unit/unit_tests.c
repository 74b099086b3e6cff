/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "unit_tests.h"

#include <stdlib.h>

int main(int argc, char *argv[])
{
	Suite *(*suites[])(void) = {
		cluster_msg_suite,
		cluster_table_suite,
		vrrp_notify_suite,
		route_suite,
		ike_redirect_suite,
		ha_sync_suite,
		cluster_secret_suite,
		control_request_suite,
		ctl_format_suite,
		settings_diff_suite,
	};
	SRunner *runner;
	size_t i;
	int failed;

	runner = srunner_create(NULL);
	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
	{
		srunner_add_suite(runner, suites[i]());
	}

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);

	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
