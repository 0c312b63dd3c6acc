/* SPDX-License-Identifier: MIT */
/* Unit tests of libbb-lite/netlink.c and json.c that need no root: the
 * encoder against byte vectors, the decoder against crafted and malformed
 * input (truncated, misaligned, oversized messages and attributes, error
 * texts without their NUL), iproute2's number reading, the batched nsid
 * lookup over a socketpair whose answers are queued beforehand (the
 * kernel answers inside the send; a socketpair lets the test do the
 * same), and the JSON writer. Vectors are built field by field in host
 * order, as netlink is, so the test holds on big-endian machines too.
 * Prints one line per failed check; exits non-zero if any failed. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include "libbb.h"

struct opts opt;
static int failed;

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
	failed++; } } while (0)

/* ---- byte vectors in host order ---- */
static unsigned char *p16(unsigned char *p, uint16_t v)
{
	memcpy(p, &v, 2);
	return p + 2;
}

static unsigned char *p32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
	return p + 4;
}

static unsigned char *phdr(unsigned char *p, uint32_t len, uint16_t type,
			   uint16_t flags, uint32_t seq)
{
	p = p32(p, len);
	p = p16(p, type);
	p = p16(p, flags);
	p = p32(p, seq);
	return p32(p, 0);
}

static unsigned char *pattr(unsigned char *p, uint16_t len, uint16_t type)
{
	return p16(p16(p, len), type);
}

/* ---- what a call writes to fd 1 or 2 ---- */
static char captured[4096];

static void capture_start(int fd, int *saved)
{
	int f = open("capture.txt", O_RDWR | O_CREAT | O_TRUNC, 0600);

	fflush(NULL);
	*saved = dup(fd);
	dup2(f, fd);
	close(f);
}

static const char *capture_end(int fd, int saved)
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

static void test_encoder(void)
{
	uint32_t buf[64];
	unsigned char want[128], *p;
	struct nlmsghdr *n;
	struct nlattr *nest;

	/* RTM_GETNSID for an fd: header, rtgenmsg padded to 4, NETNSA_FD */
	n = nl_msg_init(buf, RTM_GETNSID, 0, "", 1);
	nl_put_u32(n, NETNSA_FD, 5);
	p = phdr(want, 28, RTM_GETNSID, NLM_F_REQUEST, 1);
	p = p32(p, 0);
	p = pattr(p, 8, NETNSA_FD);
	p = p32(p, 5);
	CHECK(n->nlmsg_len == 28 && !memcmp(buf, want, 28));

	/* a string is NUL-ended and padded with zeros; a nest spans its
	 * attributes; NLM_F_ACK passes through */
	memset(buf, 0xaa, sizeof(buf));
	n = nl_msg_init(buf, RTM_NEWNSID, NLM_F_ACK, "", 1);
	nl_put_str(n, 3, "ab");
	nest = nl_nest_start(n, 18);
	nl_put_u32(n, NETNSA_NSID, (uint32_t)-1);
	nl_nest_end(n, nest);
	p = phdr(want, 40, RTM_NEWNSID, NLM_F_REQUEST | NLM_F_ACK, 1);
	p = p32(p, 0);
	p = pattr(p, 7, 3);
	memcpy(p, "ab\0\0", 4);
	p += 4;
	p = pattr(p, 12, 18 | NLA_F_NESTED);
	p = pattr(p, 8, NETNSA_NSID);
	p = p32(p, 0xffffffff);
	CHECK(n->nlmsg_len == 40 && !memcmp(buf, want, 40));
}

static void test_attr_parse(void)
{
	uint32_t buf[32];
	unsigned char *b = (unsigned char *)buf, *p;
	const struct nlattr *tb[6];

	p = pattr(b, 8, NETNSA_NSID);
	p = p32(p, 7);
	p = pattr(p, 5, 5);		/* 1 byte of data, padded */
	*p = 'x';
	p += 4;
	p = pattr(p, 8, 9);		/* beyond max: skipped */
	p = p32(p, 1);
	p = pattr(p, 4, NETNSA_FD | NLA_F_NESTED);	/* empty, flag masked */
	CHECK(nl_attr_parse(b, p - b, tb, 5) == 0);
	CHECK(tb[NETNSA_NSID] && nl_get_u32(tb[NETNSA_NSID]) == 7);
	CHECK(tb[5] && tb[5]->nla_len == 5 && tb[NETNSA_FD] && !tb[2]);

	/* the last attribute may end unpadded */
	CHECK(nl_attr_parse(b, 8 + 5, tb, 5) == 0 && tb[5]);
	/* truncated: the attribute says more than there is */
	CHECK(nl_attr_parse(b, 8 + 4, tb, 5) == -1 && tb[1] && !tb[5]);
	CHECK(nl_attr_parse(b, 6, tb, 5) == -1 && !tb[1]);
	/* a tail too short for an attribute header */
	CHECK(nl_attr_parse(b, 8 + 2, tb, 5) == -1);
	/* an attribute shorter than its own header */
	pattr(b, 3, 1);
	CHECK(nl_attr_parse(b, 8, tb, 5) == -1 && !tb[1]);
	/* oversized: longer than the whole buffer */
	pattr(b, 0xffff, 1);
	CHECK(nl_attr_parse(b, 64, tb, 5) == -1 && !tb[1]);
	/* misaligned start */
	pattr(b + 2, 8, 1);
	CHECK(nl_attr_parse(b + 2, 8, tb, 5) == -1);
	/* nothing at all is fine */
	CHECK(nl_attr_parse(b, 0, tb, 5) == 0 && !tb[1]);
}

static void test_msg_checks(void)
{
	uint32_t buf[16];
	unsigned char *b = (unsigned char *)buf;
	const struct nlattr *tb[6];

	phdr(b, 28, RTM_NEWNSID, 0, 1);
	CHECK(nl_msg_ok((void *)b, 28));
	CHECK(!nl_msg_ok((void *)b, 27));	/* truncated */
	CHECK(!nl_msg_ok((void *)b, 12));	/* not even a header */
	phdr(b, 8, RTM_NEWNSID, 0, 1);
	CHECK(!nl_msg_ok((void *)b, 28));	/* shorter than a header */
	phdr(b, 0xfffffff0, RTM_NEWNSID, 0, 1);
	CHECK(!nl_msg_ok((void *)b, 64));	/* oversized */
	/* a body that the message length does not cover */
	phdr(b, 18, RTM_NEWNSID, 0, 1);
	CHECK(nl_msg_attrs((void *)b, 4, tb, 5) == -1);
}

/* an NLMSG_ERROR answering a 28-byte request, the request echoed unless
 * CAPPED, then TLVS bytes of ACK attributes: the text T (with its NUL
 * when NUL is set) */
static unsigned error_msg(unsigned char *b, int err, unsigned flags,
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

static const char *report(void *msg, int *err)
{
	int saved;

	capture_start(2, &saved);
	*err = nl_ack_error(msg, 1);
	return capture_end(2, saved);
}

static void test_errors(void)
{
	uint32_t buf[64];
	unsigned char *b = (unsigned char *)buf;
	const char *s;
	int err;

	/* an ACK */
	error_msg(b, 0, 0, NULL, 0);
	CHECK(nl_ack_error((void *)b, 1) == 0);
	/* the kernel's text, as iproute2 prints it, with one final '.' */
	error_msg(b, -EEXIST, NLM_F_ACK_TLVS,
		  "Peer netns already has a nsid assigned", 1);
	s = report(b, &err);
	CHECK(err == -EEXIST);
	CHECK(!strcmp(s, "Error: Peer netns already has a nsid assigned.\n"));
	error_msg(b, -EINVAL, NLM_F_ACK_TLVS | NLM_F_CAPPED, "Done.", 1);
	s = report(b, &err);
	CHECK(err == -EINVAL && !strcmp(s, "Error: Done.\n"));
	/* without the flag, or without its NUL, the text is not trusted */
	error_msg(b, -EEXIST, 0, "Peer", 1);
	s = report(b, &err);
	CHECK(!strcmp(s, "RTNETLINK answers: File exists\n"));
	error_msg(b, -EEXIST, NLM_F_ACK_TLVS, "Peer", 0);
	s = report(b, &err);
	CHECK(!strcmp(s, "RTNETLINK answers: File exists\n"));
	/* an echoed request longer than the message: no attributes */
	error_msg(b, -ENOENT, NLM_F_ACK_TLVS, "x", 1);
	p32(b + 20, 0xfffffff0);
	s = report(b, &err);
	CHECK(err == -ENOENT);
	CHECK(!strcmp(s, "RTNETLINK answers: No such file or directory\n"));
	p32(b + 20, 0xfffffffe);	/* which 4-byte alignment wraps to 0 */
	s = report(b, &err);
	CHECK(!strcmp(s, "RTNETLINK answers: No such file or directory\n"));
	/* truncated: no room for the error and the echoed header */
	phdr(b, 24, NLMSG_ERROR, 0, 9);
	p32(b + 16, (uint32_t)-EEXIST);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);
	phdr(b, 18, NLMSG_ERROR, 0, 9);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);
	/* no errno the kernel has */
	error_msg(b, (int)0x80000000u, 0, NULL, 0);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);
	error_msg(b, 5, 0, NULL, 0);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);

	/* NLMSG_DONE: a length (old kernels) or 0 is the end; a negative
	 * number is the dump's error, its text right after it */
	phdr(b, 20, NLMSG_DONE, NLM_F_MULTI, 9);
	p32(b + 16, 0);
	CHECK(nl_ack_error((void *)b, 1) == 0);
	p32(b + 16, 120);
	CHECK(nl_ack_error((void *)b, 1) == 0);
	phdr(b, 20 + 40, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, 9);
	p32(b + 16, (uint32_t)-EINVAL);
	pattr(b + 20, 40, NLMSGERR_ATTR_MSG);
	memcpy(b + 24, "Invalid target network namespace id\0", 36);
	s = report(b, &err);
	CHECK(err == -EINVAL);
	CHECK(!strcmp(s, "Error: Invalid target network namespace id.\n"));
	/* a text attribute that runs past the message */
	phdr(b, 20 + 8, NLMSG_DONE, NLM_F_MULTI | NLM_F_ACK_TLVS, 9);
	s = report(b, &err);
	CHECK(err == -EINVAL && !strcmp(s, "RTNETLINK answers: Invalid argument\n"));
	phdr(b, 19, NLMSG_DONE, NLM_F_MULTI, 9);
	CHECK(nl_ack_error((void *)b, 0) == -EBADMSG);
}

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
	CHECK(nl_nsid_of((void *)b) == 7);
	nsid_msg(b, 1, -1, 8);
	CHECK(nl_nsid_of((void *)b) == -1);	/* NETNSA_NSID_NOT_ASSIGNED */
	nsid_msg(b, 1, 7, 6);
	CHECK(nl_nsid_of((void *)b) == -1);	/* short attribute */
	nsid_msg(b, 1, 7, 12);
	CHECK(nl_nsid_of((void *)b) == -1);	/* long attribute */
	nsid_msg(b, 1, 7, 8);
	p32(b, 26);				/* attribute cut short */
	CHECK(nl_nsid_of((void *)b) == -1);
	p32(b, 18);				/* body cut short */
	CHECK(nl_nsid_of((void *)b) == -1);
	error_msg(b, -EINVAL, NLM_F_ACK_TLVS, "Peer netns reference is invalid", 1);
	capture_start(2, &saved);
	err = nl_nsid_of((void *)b);
	CHECK(err == -1);
	CHECK(!strcmp(capture_end(2, saved),
		      "Error: Peer netns reference is invalid.\n"));
}

static void test_parse_int(void)
{
	static const struct { const char *s; int ok, v; } cases[] = {
		{ "0", 1, 0 }, { "5", 1, 5 }, { "+5", 1, 5 }, { "-5", 1, -5 },
		{ " \t5", 1, 5 }, { "0x10", 1, 16 }, { "0XfF", 1, 255 },
		{ "010", 1, 8 }, { "-0", 1, 0 }, { "2147483647", 1, 2147483647 },
		{ "-2147483648", 1, -2147483647 - 1 }, { "0x7fffffff", 1, 2147483647 },
		{ "", 0, 0 }, { " ", 0, 0 }, { "-", 0, 0 }, { "+-5", 0, 0 },
		{ "5 ", 0, 0 }, { "5x", 0, 0 }, { "09", 0, 0 }, { "0x", 0, 0 },
		{ "0xg", 0, 0 }, { "2147483648", 0, 0 }, { "-2147483649", 0, 0 },
		{ "99999999999999999999", 0, 0 }, { "auto", 0, 0 }, { "1e3", 0, 0 },
		{ "@", 0, 0 }, { "\xff", 0, 0 },
	};
	unsigned i;
	int v;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = 12345;
		if (nl_parse_int(cases[i].s, &v) != (cases[i].ok ? 0 : -1) ||
		    (cases[i].ok ? v != cases[i].v : v != 12345)) {
			fprintf(stderr, "nl_parse_int(\"%s\"): %d\n",
				cases[i].s, v);
			failed++;
		}
	}
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

static void make_names(unsigned count)
{
	char path[32];
	unsigned i;

	mkdir("names", 0700);
	for (i = 0; i < count; i++) {
		snprintf(path, sizeof(path), "names/n%u", i);
		close(open(path, O_WRONLY | O_CREAT, 0600));
	}
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

	make_names(7);
	n = readdir_order(order);
	CHECK(n == 7);
	CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
	/* the answers, queued before the ask as the kernel's are: for the
	 * names in readdir order (seq 1..7) an id, NOT_ASSIGNED, an error,
	 * a truncated message, a wrong seq, an oversized datagram, and for
	 * the last nothing at all (no wait for it: the test must end) */
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
	r = nl_nsid_foreach(sv[0], &d, note, &seen);
	capture_end(2, saved);
	dir_close(&d);
	CHECK(r == 0 && seen.n == 7);
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
	r = nl_nsid_foreach(sv[0], &d, note, &seen);
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
	CHECK(nl_nsid_foreach(-1, &d, note, &seen) == 0 && seen.n == 7);
	dir_close(&d);
	for (i = 0; i < 7; i++)
		CHECK(seen.id[i] == -1);
}

/* ---- JSON and text output ---- */
static const char *objects(int json, int pretty, unsigned count)
{
	unsigned i;
	int saved;

	opt.json = json;
	opt.pretty = pretty;
	capture_start(1, &saved);
#if CONFIG_FEATURE_JSON
	if (json)
		json_list_start();
#endif
	for (i = 0; i < count; i++) {
		pr_start();
		pr_str("name", "", i ? "q\"\\\t\n\r\f\b/'\x01" : "a", "");
		if (i)
			pr_uint("id", " (id: ", 7, ")");
		pr_text(" only text");
		pr_end();
	}
#if CONFIG_FEATURE_JSON
	if (json)
		json_list_end();
#endif
	return capture_end(1, saved);
}

static void test_output(void)
{
	CHECK(!strcmp(objects(0, 0, 2), "a only text\n"
		      "q\"\\\t\n\r\f\b/'\x01 (id: 7) only text\n"));
#if CONFIG_FEATURE_JSON
	CHECK(!strcmp(objects(1, 0, 0), "[]\n"));
	CHECK(!strcmp(objects(1, 1, 0), "[ ]\n"));
	CHECK(!strcmp(objects(1, 0, 2),
		      "[{\"name\":\"a\"},{\"name\":\"q\\\"\\\\\\t\\n\\r\\f\\b/'\x01\","
		      "\"id\":7}]\n"));
	CHECK(!strcmp(objects(1, 1, 2),
		      "[ {\n        \"name\": \"a\"\n    },{\n"
		      "        \"name\": \"q\\\"\\\\\\t\\n\\r\\f\\b/'\x01\",\n"
		      "        \"id\": 7\n    } ]\n"));
	/* a second list in the same process (-batch) starts afresh */
	CHECK(!strcmp(objects(1, 0, 1), "[{\"name\":\"a\"}]\n"));
#endif
	opt.json = opt.pretty = 0;
}

int main(void)
{
	alarm(20);	/* a lookup that waits for an answer never sent fails */
	test_encoder();
	test_attr_parse();
	test_msg_checks();
	test_errors();
	test_nsid_of();
	test_parse_int();
	test_batch();
	test_batch_fd_limit();
	test_output();
	if (failed)
		fprintf(stderr, "%d checks failed\n", failed);
	return failed != 0;
}
