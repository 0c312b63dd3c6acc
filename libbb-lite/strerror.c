/* SPDX-License-Identifier: MIT */
/* The reasons we print, in glibc's words (iproute2's stderr says them so),
 * for the errnos that namespace, mount and netlink work meets. musl's
 * strerror table is larger and words some of them differently
 * ("Resource busy"). The numbers come from the target's own headers, so
 * MIPS numbering is right too. */
#include "libbb.h"

static const unsigned short numbers[] = {
	EPERM, ENOENT, ESRCH, EINTR, EIO, E2BIG,
	ENOEXEC, EBADF, EAGAIN, ENOMEM, EACCES, EBUSY,
	EEXIST, EXDEV, ENODEV, ENOTDIR, EISDIR, EINVAL,
	ENFILE, EMFILE, ETXTBSY, ENOSPC, EROFS, ERANGE,
	ENAMETOOLONG, ENOSYS, ENOTEMPTY, ELOOP, EBADMSG, EMSGSIZE,
	EPROTONOSUPPORT, EOPNOTSUPP, EAFNOSUPPORT, EADDRNOTAVAIL, ENOBUFS, EUSERS,
	ENOLCK, ENXIO, ECHILD
};

/* one text per number above, in the same order */
static const char texts[] =
	"Operation not permitted\0"
	"No such file or directory\0"
	"No such process\0"
	"Interrupted system call\0"
	"Input/output error\0"
	"Argument list too long\0"
	"Exec format error\0"
	"Bad file descriptor\0"
	"Resource temporarily unavailable\0"
	"Cannot allocate memory\0"
	"Permission denied\0"
	"Device or resource busy\0"
	"File exists\0"
	"Invalid cross-device link\0"
	"No such device\0"
	"Not a directory\0"
	"Is a directory\0"
	"Invalid argument\0"
	"Too many open files in system\0"
	"Too many open files\0"
	"Text file busy\0"
	"No space left on device\0"
	"Read-only file system\0"
	"Numerical result out of range\0"
	"File name too long\0"
	"Function not implemented\0"
	"Directory not empty\0"
	"Too many levels of symbolic links\0"
	"Bad message\0"
	"Message too long\0"
	"Protocol not supported\0"
	"Operation not supported\0"
	"Address family not supported by protocol\0"
	"Cannot assign requested address\0"
	"No buffer space available\0"
	"Too many users\0"
	"No locks available\0"		/* flock */
	"No such device or address\0"	/* open of a socket */
	"No child processes\0";		/* wait4 with SIGCHLD ignored */

const char *netns_strerror(int no)
{
	static char unknown[40] = "Unknown error ";
	const char *t = texts;
	char digits[21];
	unsigned i;

	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		if (numbers[i] == no)
			return t;
		t += str_len(t) + 1;
	}
	str_copy(unknown + 14, utoa(no, digits));
	return unknown;
}
