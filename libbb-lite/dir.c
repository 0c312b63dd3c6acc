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

/* Read the next entries: > 0 when there are, 0 at the end, < 0 on
 * error. Their names stay in D until the next read. */
int dir_read(struct dir_iter *d)
{
	d->pos = 0;
	return d->len = syscall(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));
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
