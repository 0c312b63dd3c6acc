/* SPDX-License-Identifier: MIT */
/* Files and directories without libc's extras: reading a directory with
 * getdents64(2) into a caller's buffer (opendir would pull in malloc,
 * which costs more than all the applets together), and open(2) without
 * the varargs and the fcntl fallback for kernels before O_CLOEXEC. */
#include <sys/syscall.h>
#include "libbb.h"

/* PATH opened with FLAGS and always O_CLOEXEC; a file it creates gets
 * mode 0 (the run dir's names are mount points, never written) */
int fd_open(const char *path, int flags)
{
	return syscall(SYS_openat, AT_FDCWD, path, flags | O_CLOEXEC, 0);
}

int dir_open(struct dir_iter *d, const char *path)
{
	d->pos = d->len = 0;
	d->fd = fd_open(path, O_RDONLY | O_DIRECTORY);
	return d->fd;
}

/* Read the next entries: > 0 when there are, 0 at the end, -errno on
 * error (kept in D for dir_end). Their names stay in D until the next
 * read. */
int dir_read(struct dir_iter *d)
{
	int n = syscall(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));

	d->pos = 0;
	return d->len = n < 0 ? -errno : n;
}

/* the next name of the last read, "." and ".." skipped; NULL when that
 * read has no more */
const char *dir_take(struct dir_iter *d)
{
	while (d->pos < d->len) {
		struct dirent64_rec *e = (void *)(d->buf + d->pos);

		d->pos += e->d_reclen;
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			return e->d_name;
	}
	return NULL;
}

/* the next name, "." and ".." skipped; NULL at the end or on error */
const char *dir_next(struct dir_iter *d)
{
	const char *e;

	while (!(e = dir_take(d)))
		if (dir_read(d) <= 0)
			return NULL;
	return e;
}

void dir_close(struct dir_iter *d)
{
	close(d->fd);
}

/* The dir at PATH, to read its names: 1 when open, 0 when there is none
 * (no names), -1 when it cannot be opened (said why) */
int dir_begin(struct dir_iter *d, const char *path)
{
	if (dir_open(d, path) >= 0)
		return 1;
	if (errno == ENOENT)
		return 0;
	msg_errno("Failed to open directory ", path, ": ");
	return -1;
}

/* Close D, the dir at PATH: 0 when every read worked, else -1 (said
 * why): a read that failed is no end of the names */
int dir_end(struct dir_iter *d, const char *path)
{
	dir_close(d);
	if (d->len >= 0)
		return 0;
	msg("Cannot read ", path, ": ", netns_strerror(-d->len), NULL);
	return -1;
}
