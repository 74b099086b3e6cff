/*
 * Copyright (C) 2026 strongswan-cluster developers
 *
 * This program is free software; you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the
 * Free Software Foundation; either version 2 of the License, or (at your
 * option) any later version.
 */

#define _GNU_SOURCE
#include "cluster_secret.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

bool cluster_secret_read(const char *path, char *buf, size_t len, char *err,
						 size_t errlen)
{
	struct stat st;
	ssize_t got;
	size_t n, i;
	int fd;

	/* a symlink could point anywhere, with permissions of its own */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
	{
		snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return false;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
	{
		snprintf(err, errlen, "'%s' is not a regular file", path);
		close(fd);
		return false;
	}
	if (st.st_uid != 0 && st.st_uid != geteuid())
	{
		snprintf(err, errlen, "'%s' is owned by uid %u, not by root", path,
				 (unsigned)st.st_uid);
		close(fd);
		return false;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO))
	{
		snprintf(err, errlen, "'%s' has mode %04o: group or others have "
				 "access, use chmod 600", path, (unsigned)(st.st_mode & 07777));
		close(fd);
		return false;
	}
	n = 0;
	while (n < len)
	{
		got = read(fd, buf + n, len - n);
		if (got < 0 && errno == EINTR)
		{
			continue;
		}
		if (got < 0)
		{
			snprintf(err, errlen, "reading '%s' failed: %s", path,
					 strerror(errno));
			close(fd);
			memset(buf, 0, len);
			return false;
		}
		if (got == 0)
		{
			break;
		}
		n += got;
	}
	close(fd);
	/* the first line only */
	for (i = 0; i < n && buf[i] != '\n'; i++)
	{
	}
	if (i == len)
	{
		snprintf(err, errlen, "the first line of '%s' is longer than %zu "
				 "bytes", path, len - 1);
		memset(buf, 0, len);
		return false;
	}
	memset(buf + i, 0, len - i);
	while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t' ||
					 buf[i - 1] == '\r'))
	{
		buf[--i] = '\0';
	}
	if (i == 0)
	{
		snprintf(err, errlen, "'%s' holds no secret", path);
		return false;
	}
	return true;
}
