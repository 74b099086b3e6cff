/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/**
 * @defgroup unit_tests unit_tests
 * @{ @ingroup tests
 *
 * Check suites of the pure logic in plugins/common.
 */

#ifndef UNIT_TESTS_H_
#define UNIT_TESTS_H_

#include <check.h>

/**
 * Wire codec: encoding, decoding, key derivation, addresses.
 */
Suite *cluster_msg_suite(void);

/**
 * Member table: updates, liveness, reservations, selection.
 */
Suite *cluster_table_suite(void);

/**
 * keepalived notify_fifo line parser.
 */
Suite *vrrp_notify_suite(void);

/**
 * route_prefix, route_refs and route_netlink (route-inject).
 */
Suite *route_suite(void);

/**
 * Stateless IKE_SA_INIT redirect: parser and answer.
 */
Suite *ike_redirect_suite(void);

/**
 * ha-sync: sealed messages and SA records.
 */
Suite *ha_sync_suite(void);

/**
 * Reading the cluster secret from a file, with its permission checks.
 */
Suite *cluster_secret_suite(void);

/**
 * Requests on the control socket.
 */
Suite *control_request_suite(void);
Suite *ctl_format_suite(void);
Suite *settings_diff_suite(void);

#endif /** UNIT_TESTS_H_ @}*/
