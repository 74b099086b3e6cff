/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

/*
 * decision-bench: the redirect decision (cluster_table select) for a table
 * of N members, driven as a director would drive it: clients arrive 1 ms
 * apart, and every member reports every 100 ms with the clients it was
 * given (so reservations end as they do in charon). Capacities repeat the
 * pattern 1:1:2:4 (x 10000). Members are simulated: no IKE, no network.
 *
 *   decision-bench MEMBERS CLIENTS
 *
 * Prints each member's final share against its capacity share, and the
 * worst absolute deviation of any member's share during the arrivals.
 * Under callgrind with --toggle-collect=select_member, the instructions
 * counted are those of the decisions alone.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_table.h"

#define INTERVAL_MS 100

int main(int argc, char *argv[])
{
	cluster_load_report_t reports[CLUSTER_MEMBERS_MAX];
	cluster_member_info_t chosen;
	cluster_table_t *table;
	uint64_t given[CLUSTER_MEMBERS_MAX] = {}, capacity_sum = 0, now = 0;
	double worst = 0, share, target;
	int members, clients, i, c, pattern[] = { 1, 1, 2, 4 };
	char name[16];

	if (argc != 3 || (members = atoi(argv[1])) < 1 ||
		members > CLUSTER_MEMBERS_MAX || (clients = atoi(argv[2])) < 1)
	{
		fprintf(stderr, "usage: decision-bench MEMBERS CLIENTS\n");
		return 2;
	}
	table = cluster_table_create(NULL);
	for (i = 0; i < members; i++)
	{
		snprintf(name, sizeof(name), "m%d", i);
		table->add_member(table, name, i == 0);
		memset(&reports[i], 0, sizeof(reports[i]));
		snprintf(reports[i].name, sizeof(reports[i].name), "%s", name);
		cluster_addr_from_string("192.0.2.1", &reports[i].redirect_to);
		reports[i].interval_ms = INTERVAL_MS;
		reports[i].capacity = 10000 * pattern[i % 4];
		reports[i].weight = 1;
		capacity_sum += reports[i].capacity;
	}
	for (c = 0; c <= clients; c++, now++)
	{
		if (c % INTERVAL_MS == 0)
		{	/* every member reports what it has been given */
			for (i = 0; i < members; i++)
			{
				reports[i].ike_sas = given[i];
				reports[i].counter = now + 1;
				if (i == 0)
				{
					table->set_local(table, &reports[i], now);
				}
				else
				{
					table->update(table, &reports[i], now, 0);
				}
			}
		}
		if (c == clients)
		{
			break;
		}
		if (table->select(table, now, false, &chosen) != CLUSTER_SELECT_OK)
		{
			fprintf(stderr, "decision-bench: no member at client %d\n", c);
			return 1;
		}
		i = atoi(chosen.report.name + 1);
		given[i]++;
		if (c >= 100)
		{	/* worst share deviation during the arrivals */
			for (i = 0; i < members; i++)
			{
				share = (double)given[i] / (c + 1);
				target = (double)reports[i].capacity / capacity_sum;
				if (share - target > worst || target - share > worst)
				{
					worst = share > target ? share - target : target - share;
				}
			}
		}
	}
	for (i = 0; i < members && i < 8; i++)
	{
		printf("member %d: capacity share %.3f%%, clients %llu, share %.3f%%\n",
			   i, 100.0 * reports[i].capacity / capacity_sum,
			   (unsigned long long)given[i], 100.0 * given[i] / clients);
	}
	printf("worst share deviation during arrivals: %.3f percentage points\n",
		   100 * worst);
	table->destroy(table);
	return 0;
}
