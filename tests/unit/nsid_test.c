/* SPDX-License-Identifier: MIT */
/* Unit tests of libbb-lite/nsid.c that need no root: the decoder of id
 * answers, and the batched lookup over a socketpair whose answers are
 * queued beforehand (the kernel answers inside the send; a socketpair
 * lets the test do the same). The helper on a second CPU has its own
 * driver, nsid_helper_test.c. */
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "unit.h"
#include "nsid.h"

/* an RTM_NEWNSID answer with seq SEQ and an NSID attribute of ALEN bytes */
static unsigned nsid_msg(unsigned char *b, unsigned seq, int nsid,
			 unsigned alen)
{
	unsigned char *p = phdr(b, 0, RTM_NEWNSID, 0, seq);

	p = p32(p, 0);
	p = pattr(p, alen, NETNSA_NSID);
	memset(p, 0, NL_ALIGN(alen) - 4);
	if (alen >= 8)
		p32(p, (uint32_t)nsid);
	p += NL_ALIGN(alen) - 4;
	p32(b, p - b);
	return p - b;
}

static void test_nsid_of(void)
{
	uint32_t buf[64];
	unsigned char *b = (unsigned char *)buf;
	int err, saved;

	nsid_msg(b, 1, 7, 8);
	CHECK(nsid_of((void *)b) == 7);
	nsid_msg(b, 1, -1, 8);
	CHECK(nsid_of((void *)b) == -1);	/* NETNSA_NSID_NOT_ASSIGNED */
	nsid_msg(b, 1, 7, 6);
	CHECK(nsid_of((void *)b) == -1);	/* short attribute */
	nsid_msg(b, 1, 7, 12);
	CHECK(nsid_of((void *)b) == -1);	/* long attribute */
	nsid_msg(b, 1, 7, 8);
	p32(b, 26);				/* attribute cut short */
	CHECK(nsid_of((void *)b) == -1);
	p32(b, 18);				/* body cut short */
	CHECK(nsid_of((void *)b) == -1);
	error_msg(b, -EINVAL, NLM_F_ACK_TLVS, "Peer netns reference is invalid", 1);
	capture_start(2, &saved);
	err = nsid_of((void *)b);
	CHECK(err == -1);
	CHECK(!strcmp(capture_end(2, saved),
		      "Error: Peer netns reference is invalid.\n"));
}

/* ---- the batched lookup, over a socketpair ---- */
struct seen {
	char name[16][8];
	int id[16];
	unsigned n;
};

static void note(const char *name, int nsid, void *arg)
{
	struct seen *s = arg;

	if (s->n < 16) {
		snprintf(s->name[s->n], sizeof(s->name[0]), "%s", name);
		s->id[s->n++] = nsid;
	}
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}

/* the names of dir "names" in readdir order (the order of the seqs) */
static unsigned readdir_order(char names[][8])
{
	struct dir_iter d;
	const char *e;
	unsigned n = 0;

	dir_open(&d, "names");
	while ((e = dir_next(&d)) && n < 16)
		snprintf(names[n++], 8, "%s", e);
	dir_close(&d);
	return n;
}

static int id_of(const struct seen *s, const char *name)
{
	unsigned i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return s->id[i];
	return -99;
}

static void test_batch(void)
{
	uint32_t buf[128];
	unsigned char *b = (unsigned char *)buf, req[4096];
	char order[16][8];
	struct seen seen = { .n = 0 };
	struct dir_iter d;
	unsigned i, n;
	int sv[2], fds, saved, r;
	ssize_t got;

	make_names(7, 0);
	n = readdir_order(order);
	CHECK(n == 7);
	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	/* the answers, queued before the ask as the kernel's are: for the
	 * names in readdir order (seq 1..7) an id, NOT_ASSIGNED, an error,
	 * a truncated message, a wrong seq, an oversized datagram, and for
	 * the last nothing at all (no wait for it: the test must end, and
	 * say that an id was lost) */
	send(sv[1], b, nsid_msg(b, 1, 42, 8), 0);
	send(sv[1], b, nsid_msg(b, 2, -1, 8), 0);
	n = error_msg(b, -EINVAL, NLM_F_ACK_TLVS,
		      "Peer netns reference is invalid", 1);
	p32(b + 8, 3);
	send(sv[1], b, n, 0);
	send(sv[1], b, nsid_msg(b, 4, 9, 8) - 4, 0);
	send(sv[1], b, nsid_msg(b, 999, 9, 8), 0);
	n = nsid_msg(b, 6, 9, 8);
	memset(b + n, 0, 300);
	p32(b, n + 300);
	send(sv[1], b, n + 300, 0);

	fds = open_fds();
	dir_open(&d, "names");
	capture_start(2, &saved);
	r = nsid_foreach(sv[0], &d, note, &seen);
	/* an answer that never came is an id lost: said, and -1 */
	CHECK(strstr(capture_end(2, saved), "Cannot read the namespace ids: "
		     "Resource temporarily unavailable\n"));
	dir_close(&d);
	CHECK(r == -1 && seen.n == 7);
	CHECK(open_fds() == fds);		/* every fd of the batch closed */
	CHECK(id_of(&seen, order[0]) == 42);
	for (i = 1; i < 7; i++)
		CHECK(id_of(&seen, order[i]) == -1);
	for (i = 0; i < 7; i++)
		CHECK(!strcmp(seen.name[i], order[i]));	/* readdir order */

	/* the requests: one datagram, a RTM_GETNSID per name, seq 1..7,
	 * each with its own fd */
	got = recv(sv[1], req, sizeof(req), MSG_DONTWAIT);
	CHECK(got == 7 * 28);
	for (i = 0; got == 7 * 28 && i < 7; i++) {
		unsigned char want[28], *p = phdr(want, 28, RTM_GETNSID,
						  NLM_F_REQUEST, i + 1);
		p = p32(p, 0);
		p = pattr(p, 8, NETNSA_FD);
		CHECK(!memcmp(req + 28 * i, want, 24));
	}
	CHECK(recv(sv[1], req, sizeof(req), MSG_DONTWAIT) < 0);
	close(sv[0]);
	close(sv[1]);
}

/* RLIMIT_NOFILE ends a batch early; the rest follows in the next */
static void test_batch_fd_limit(void)
{
	uint32_t buf[16];
	unsigned char *b = (unsigned char *)buf;
	char order[16][8];
	struct seen seen = { .n = 0 };
	struct dir_iter d;
	struct rlimit old, rl;
	unsigned i, n, seq;
	int sv[2], r;

	n = readdir_order(order);
	CHECK(n == 7 && socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	dir_open(&d, "names");
	/* room for three names' fds beside ours: batches of 3, 3, 1 */
	getrlimit(RLIMIT_NOFILE, &old);
	rl = old;
	rl.rlim_cur = d.fd + 4;	/* d.fd is the highest fd open */
	for (i = 0; i < 7; i++) {
		seq = 1 + i;	/* a batch's seqs run on across its sends */
		send(sv[1], b, nsid_msg(b, seq, 100 + i, 8), 0);
	}
	setrlimit(RLIMIT_NOFILE, &rl);
	r = nsid_foreach(sv[0], &d, note, &seen);
	setrlimit(RLIMIT_NOFILE, &old);
	dir_close(&d);
	CHECK(r == 0 && seen.n == 7);
	for (i = 0; i < 7; i++)
		CHECK(id_of(&seen, order[i]) == (int)(100 + i));
	CHECK(recv(sv[0], b, 64, MSG_DONTWAIT) < 0);	/* all taken */
	close(sv[0]);
	close(sv[1]);

	/* no socket: every name, no ids, nothing opened */
	seen.n = 0;
	dir_open(&d, "names");
	CHECK(nsid_foreach(-1, &d, note, &seen) == 0 && seen.n == 7);
	dir_close(&d);
	for (i = 0; i < 7; i++)
		CHECK(seen.id[i] == -1);
}

int main(void)
{
	alarm(20);	/* a lookup that waits for an answer never sent fails */
	test_nsid_of();
	test_batch();
	test_batch_fd_limit();
	return unit_result();
}
