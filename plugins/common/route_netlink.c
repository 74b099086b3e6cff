/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#include "route_netlink.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/** receive buffer; a dump part fits easily */
#define BUFLEN 32768

typedef struct {
	route_netlink_t public;
	int fd;
	uint32_t seq;
	uint32_t table;
	uint8_t protocol;
	uint32_t metric;
} private_route_netlink_t;

/**
 * A request: header, rtmsg and room for three attributes.
 */
typedef struct {
	struct nlmsghdr hdr;
	struct rtmsg rtm;
	char attrs[256];
} request_t;

static void add_attr(request_t *req, int type, const void *data, int len)
{
	struct rtattr *rta;

	rta = (struct rtattr*)((char*)req + NLMSG_ALIGN(req->hdr.nlmsg_len));
	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	req->hdr.nlmsg_len = NLMSG_ALIGN(req->hdr.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/**
 * Handles one message of a multi-part answer; returns 0 to go on or a
 * negative errno to stop.
 */
typedef int (*handler_t)(void *ctx, struct nlmsghdr *hdr);

/**
 * Send a request and read its answer: an acknowledgement or error, or the
 * parts of a dump (each given to handler) up to NLMSG_DONE.
 *
 * @return		0, or a negative errno from the kernel or the handler
 */
static int exchange(private_route_netlink_t *this, request_t *req,
					handler_t handler, void *ctx)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	char buf[BUFLEN];
	struct nlmsghdr *hdr;
	struct nlmsgerr *err;
	ssize_t len;
	int ret;

	req->hdr.nlmsg_seq = ++this->seq;
	req->hdr.nlmsg_flags |= NLM_F_REQUEST;
	if (sendto(this->fd, req, req->hdr.nlmsg_len, 0,
			   (struct sockaddr*)&kernel, sizeof(kernel)) < 0)
	{
		return -errno;
	}
	while (1)
	{
		len = recv(this->fd, buf, sizeof(buf), 0);
		if (len < 0)
		{
			if (errno == EINTR)
			{
				continue;
			}
			return -errno;
		}
		for (hdr = (struct nlmsghdr*)buf; NLMSG_OK(hdr, (size_t)len);
			 hdr = NLMSG_NEXT(hdr, len))
		{
			if (hdr->nlmsg_seq != this->seq)
			{	/* an answer to an earlier, timed-out request */
				continue;
			}
			switch (hdr->nlmsg_type)
			{
				case NLMSG_DONE:
					return 0;
				case NLMSG_ERROR:
					if (hdr->nlmsg_len < NLMSG_LENGTH(sizeof(*err)))
					{
						return -EBADMSG;
					}
					err = NLMSG_DATA(hdr);
					return err->error;
				default:
					if (handler && (ret = handler(ctx, hdr)))
					{
						return ret;
					}
			}
		}
	}
}

/**
 * Send a request and wait for the kernel's acknowledgement.
 */
static int transact(private_route_netlink_t *this, request_t *req)
{
	req->hdr.nlmsg_flags |= NLM_F_ACK;
	return exchange(this, req, NULL, NULL);
}

/**
 * Build an add/delete request for prefix with a metric.
 */
static void build(private_route_netlink_t *this, request_t *req, int type,
				  int flags, const route_prefix_t *prefix, uint32_t metric)
{
	memset(req, 0, sizeof(*req));
	req->hdr.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg));
	req->hdr.nlmsg_type = type;
	req->hdr.nlmsg_flags = flags;
	req->rtm.rtm_family = prefix->family;
	req->rtm.rtm_dst_len = prefix->len;
	req->rtm.rtm_table = this->table < 256 ? this->table : RT_TABLE_UNSPEC;
	req->rtm.rtm_protocol = this->protocol;
	req->rtm.rtm_scope = RT_SCOPE_UNIVERSE;
	req->rtm.rtm_type = RTN_BLACKHOLE;
	add_attr(req, RTA_DST, prefix->addr, prefix->family == AF_INET ? 4 : 16);
	add_attr(req, RTA_TABLE, &this->table, sizeof(this->table));
	add_attr(req, RTA_PRIORITY, &metric, sizeof(metric));
}

static int add(route_netlink_t *public, const route_prefix_t *prefix)
{
	private_route_netlink_t *this = (private_route_netlink_t*)public;
	request_t req;

	build(this, &req, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, prefix,
		  this->metric);
	return transact(this, &req);
}

static int del_metric(private_route_netlink_t *this,
					  const route_prefix_t *prefix, uint32_t metric)
{
	request_t req;
	int ret;

	build(this, &req, RTM_DELROUTE, 0, prefix, metric);
	ret = transact(this, &req);
	return ret == -ESRCH ? 0 : ret;
}

static int del(route_netlink_t *public, const route_prefix_t *prefix)
{
	private_route_netlink_t *this = (private_route_netlink_t*)public;

	return del_metric(this, prefix, this->metric);
}

/**
 * A route of ours found in a dump.
 */
typedef struct {
	route_prefix_t prefix;
	uint32_t metric;
} found_t;

/**
 * What a dump collects into.
 */
typedef struct {
	private_route_netlink_t *this;
	found_t *found;
	int count;
	int size;
} collector_t;

/**
 * handler_t: keep the routes of our protocol in our table.
 */
static int collect_route(void *ctx, struct nlmsghdr *hdr)
{
	collector_t *c = ctx;
	struct rtmsg *rtm;
	struct rtattr *rta;
	int rtalen, dst_len = 0;
	uint32_t table, metric = 0;
	const void *dst = NULL;
	found_t *grown;

	if (hdr->nlmsg_type != RTM_NEWROUTE ||
		hdr->nlmsg_len < NLMSG_LENGTH(sizeof(*rtm)))
	{
		return 0;
	}
	rtm = NLMSG_DATA(hdr);
	if (rtm->rtm_protocol != c->this->protocol)
	{
		return 0;
	}
	table = rtm->rtm_table;
	rtalen = RTM_PAYLOAD(hdr);
	for (rta = RTM_RTA(rtm); RTA_OK(rta, rtalen); rta = RTA_NEXT(rta, rtalen))
	{
		switch (rta->rta_type)
		{
			case RTA_TABLE:
				if (RTA_PAYLOAD(rta) == sizeof(uint32_t))
				{
					memcpy(&table, RTA_DATA(rta), sizeof(table));
				}
				break;
			case RTA_PRIORITY:
				if (RTA_PAYLOAD(rta) == sizeof(uint32_t))
				{
					memcpy(&metric, RTA_DATA(rta), sizeof(metric));
				}
				break;
			case RTA_DST:
				dst = RTA_DATA(rta);
				dst_len = RTA_PAYLOAD(rta);
				break;
		}
	}
	if (table != c->this->table ||
		dst_len != (rtm->rtm_family == AF_INET ? 4 : 16))
	{
		return 0;
	}
	if (c->count == c->size)
	{
		grown = realloc(c->found, (c->size ? c->size * 2 : 64) *
						sizeof(*c->found));
		if (!grown)
		{
			return -ENOMEM;
		}
		c->found = grown;
		c->size = c->size ? c->size * 2 : 64;
	}
	if (route_prefix_create(&c->found[c->count].prefix, rtm->rtm_family,
							dst, rtm->rtm_dst_len))
	{
		c->found[c->count++].metric = metric;
	}
	return 0;
}

/**
 * Dump the routes of one family and collect ours.
 */
static int dump(private_route_netlink_t *this, int family, collector_t *c)
{
	request_t req;

	memset(&req, 0, sizeof(req));
	req.hdr.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtmsg));
	req.hdr.nlmsg_type = RTM_GETROUTE;
	req.hdr.nlmsg_flags = NLM_F_DUMP;
	req.rtm.rtm_family = family;
	return exchange(this, &req, collect_route, c);
}

/**
 * Collect our routes of both families.
 */
static int collect(private_route_netlink_t *this, found_t **found, int *count)
{
	collector_t c = { .this = this };
	int ret;

	ret = dump(this, AF_INET, &c);
	if (!ret)
	{
		ret = dump(this, AF_INET6, &c);
	}
	*found = c.found;
	*count = c.count;
	return ret;
}

static int flush(route_netlink_t *public, int *removed)
{
	private_route_netlink_t *this = (private_route_netlink_t*)public;
	found_t *found;
	int count, i, ret;

	*removed = 0;
	ret = collect(this, &found, &count);
	for (i = 0; !ret && i < count; i++)
	{
		ret = del_metric(this, &found[i].prefix, found[i].metric);
		if (!ret)
		{
			(*removed)++;
		}
	}
	free(found);
	return ret;
}

static int count(route_netlink_t *public)
{
	private_route_netlink_t *this = (private_route_netlink_t*)public;
	found_t *found;
	int n, ret;

	ret = collect(this, &found, &n);
	free(found);
	return ret ?: n;
}

static void destroy(route_netlink_t *public)
{
	private_route_netlink_t *this = (private_route_netlink_t*)public;

	close(this->fd);
	free(this);
}

route_netlink_t *route_netlink_create(uint32_t table, uint8_t protocol,
									  uint32_t metric, int *err)
{
	struct sockaddr_nl local = { .nl_family = AF_NETLINK };
	private_route_netlink_t *this;

	if (!table || (table >= RT_TABLE_DEFAULT && table <= RT_TABLE_LOCAL) ||
		protocol <= RTPROT_STATIC)
	{
		*err = -EINVAL;
		return NULL;
	}
	this = calloc(1, sizeof(*this));
	if (!this)
	{
		*err = -ENOMEM;
		return NULL;
	}
	this->public = (route_netlink_t){
		.add = add,
		.del = del,
		.flush = flush,
		.count = count,
		.destroy = destroy,
	};
	this->table = table;
	this->protocol = protocol;
	this->metric = metric;
	this->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (this->fd < 0 ||
		bind(this->fd, (struct sockaddr*)&local, sizeof(local)) < 0)
	{
		*err = -errno;
		if (this->fd >= 0)
		{
			close(this->fd);
		}
		free(this);
		return NULL;
	}
	return &this->public;
}
