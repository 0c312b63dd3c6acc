/* SPDX-License-Identifier: MIT */
/* The output writer: stdout through one buffer (no stdio: musl's printf
 * alone would double the binary), stderr one whole message per write(2). */
#include <stdarg.h>
#include "libbb.h"

static char obuf[4096];
static unsigned olen;
static int ofd = 1;	/* stdout, or stderr while usage text is made */
static int out_errno;	/* why a write failed: kept for out_failed */

/* what is buffered, to where it goes */
void out_flush(void)
{
	unsigned done = 0;

	while (done < olen) {
		ssize_t n = write(ofd, obuf + done, olen - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			out_errno = n ? errno : EIO;
			break;
		}
		done += n;
	}
	olen = 0;
}

/* From now on the buffer goes to FD: 2 for text too long or too many
 * pieces for one message (usage), 1 again after it */
void out_to(int fd)
{
	out_flush();
	ofd = fd;
}

/* Did a write of the output fail (a full disk, a closed pipe whose
 * SIGPIPE is ignored)? Then errno says why: output lost is no success. */
int out_failed(void)
{
	errno = out_errno;
	return out_errno;
}

void out_mem(const char *s, size_t n)
{
	while (n) {
		size_t room = sizeof(obuf) - olen;
		size_t k = n < room ? n : room;
		memcpy(obuf + olen, s, k);
		olen += k;
		s += k;
		n -= k;
		if (olen == sizeof(obuf))
			out_flush();
	}
}

void out_str(const char *s)
{
	out_mem(s, str_len(s));
}

void out_char(char c)
{
	out_mem(&c, 1);
}

char *utoa(unsigned long v, char *buf)
{
	char *p = buf + 20;

	*p = 0;
	do
		*--p = '0' + v % 10;
	while (v /= 10);
	return p;
}

static void vmsg(const char *s, va_list ap)
{
	char buf[1024];
	size_t len = 0;

	for (; s; s = va_arg(ap, const char *)) {
		size_t n = str_len(s);
		if (n > sizeof(buf) - 1 - len)
			n = sizeof(buf) - 1 - len;
		memcpy(buf + len, s, n);
		len += n;
	}
	buf[len++] = '\n';
	write(2, buf, len);
}

void msg(const char *s, ...)
{
	va_list ap;

	va_start(ap, s);
	vmsg(s, ap);
	va_end(ap);
}

/* iproute2's words for a step that failed: "STEP failed: REASON" (errno);
 * EXIT_FAIL */
int step_failed(const char *step)
{
	return msg_errno(step, " failed: ", "");
}

/* "A B C" and the text of errno, one line on stderr; EXIT_FAIL (1, so
 * that -msg_errno() is -1): the most messages are of this shape */
int msg_errno(const char *a, const char *b, const char *c)
{
	msg(a, b, c, netns_strerror(errno), NULL);
	return EXIT_FAIL;
}

/* S == NULL: no message, only the exit (after usage text) */
int usage_fail(const char *s, ...)
{
	va_list ap;

	va_start(ap, s);
	if (s)
		vmsg(s, ap);
	va_end(ap);
	/* iproute2 exits at a usage error even inside -batch, with 255 */
	if (opt.batch) {
		out_flush();
		_exit(EXIT_USAGE);
	}
	return EXIT_USAGE;
}
