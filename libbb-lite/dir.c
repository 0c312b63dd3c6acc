/* Reading a directory with getdents(2) into a caller's buffer: opendir
 * would pull in malloc, which costs more than all the applets together. */
#include <dirent.h>
#include "libbb.h"

int dir_open(struct dir_iter *d, const char *path)
{
	d->pos = d->len = 0;
	d->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return d->fd;
}

/* the next name, "." and ".." skipped; NULL at the end or on error */
const char *dir_next(struct dir_iter *d)
{
	for (;;) {
		struct dirent *e;

		if (d->pos >= d->len) {
			d->len = getdents(d->fd, (void *)d->buf, sizeof(d->buf));
			d->pos = 0;
			if (d->len <= 0)
				return NULL;
		}
		e = (struct dirent *)(d->buf + d->pos);
		d->pos += e->d_reclen;
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			return e->d_name;
	}
}

void dir_close(struct dir_iter *d)
{
	close(d->fd);
}
