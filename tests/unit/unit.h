/* SPDX-License-Identifier: MIT */
/* What every unit test driver shares: CHECK, netlink messages built
 * field by field in host order (as netlink is, so that the tests hold on
 * big-endian machines too), and the capture of what a call writes to
 * stdout or stderr. Each driver is one .c file of tests/unit, built by
 * build_unit (tests/lib.sh) with every libbb-lite source. A driver
 * prints one line per failed check and exits non-zero if any failed. */
#ifndef NETNS_UNIT_H
#define NETNS_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "libbb.h"

struct opts opt;
static int failed;

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
	failed++; } } while (0)

/* the exit status of a driver */
static inline int unit_result(void)
{
	if (failed)
		fprintf(stderr, "%d checks failed\n", failed);
	return failed != 0;
}

/* ---- byte vectors in host order ---- */
static inline unsigned char *p16(unsigned char *p, uint16_t v)
{
	memcpy(p, &v, 2);
	return p + 2;
}

static inline unsigned char *p32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
	return p + 4;
}

static inline unsigned char *phdr(unsigned char *p, uint32_t len,
				  uint16_t type, uint16_t flags, uint32_t seq)
{
	p = p32(p, len);
	p = p16(p, type);
	p = p16(p, flags);
	p = p32(p, seq);
	return p32(p, 0);
}

static inline unsigned char *pattr(unsigned char *p, uint16_t len,
				   uint16_t type)
{
	return p16(p16(p, len), type);
}

/* An NLMSG_ERROR answering a 28-byte request with seq 9, the request
 * echoed unless CAPPED, then the ACK attribute: the text T (with its
 * NUL when NUL is set). Its length. */
static inline unsigned error_msg(unsigned char *b, int err, unsigned flags,
				 const char *t, int nul)
{
	unsigned char *p;
	unsigned echo = flags & NLM_F_CAPPED ? 16 : 28, tl = 0;

	if (t)
		tl = strlen(t) + (nul ? 1 : 0);
	p = phdr(b, 0, NLMSG_ERROR, flags, 9);
	p = p32(p, (uint32_t)err);
	p = phdr(p, 28, RTM_GETNSID, NLM_F_REQUEST, 9);
	if (echo == 28) {
		p = p32(p, 0);
		p = pattr(p, 8, NETNSA_FD);
		p = p32(p, 5);
	}
	if (t) {
		p = pattr(p, 4 + tl, NLMSGERR_ATTR_MSG);
		memcpy(p, t, tl);
		memset(p + tl, 0, NL_ALIGN(tl) - tl);
		p += NL_ALIGN(tl);
	}
	p32(b, p - b);
	return p - b;
}

/* COUNT empty files in a new dir "names", each named by its number,
 * zero-padded to WIDTH digits */
static inline void make_names(unsigned count, unsigned width)
{
	char path[300];
	unsigned i;

	mkdir("names", 0700);
	for (i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "names/n%0*u", (int)width, i);
		close(open(path, O_WRONLY | O_CREAT, 0600));
	}
}

/* ---- what a call writes to fd 1 or 2 ---- */
static char captured[4096];

static inline void capture_start(int fd, int *saved)
{
	int f = open("capture.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);

	fflush(NULL);
	*saved = dup(fd);
	dup2(f, fd);
	close(f);
}

static inline const char *capture_end(int fd, int saved)
{
	int f;
	ssize_t n;

	if (fd == 1)
		out_flush();
	dup2(saved, fd);
	close(saved);
	f = open("capture.txt", O_RDONLY);
	n = read(f, captured, sizeof(captured) - 1);
	close(f);
	captured[n < 0 ? 0 : n] = 0;
	return captured;
}

#endif
