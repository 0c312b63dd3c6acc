/* SPDX-License-Identifier: MIT */
/* A minimal rtnetlink encoder and decoder. Every length the kernel sends
 * is checked against what was received before anything is read: a
 * truncated, misaligned or oversized message or attribute is rejected. */
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include "libbb.h"

char nl_rxbuf[NL_RXBUF_LEN] __attribute__((aligned(4096)));

/* The encoder writes into the caller's buffer, which must hold the
 * message: requests here are small and built from known parts. */
struct nlmsghdr *nl_msg_init(void *buf, unsigned type, unsigned flags,
			     const void *body, unsigned body_len)
{
	struct nlmsghdr *n = buf;

	memset(n, 0, NL_HDRLEN + NL_ALIGN(body_len));
	n->nlmsg_len = NL_HDRLEN + NL_ALIGN(body_len);
	n->nlmsg_type = type;
	n->nlmsg_flags = NLM_F_REQUEST | flags;
	n->nlmsg_seq = 1;
	memcpy(n + 1, body, body_len);
	return n;
}

void nl_put(struct nlmsghdr *n, unsigned type, const void *data, unsigned len)
{
	struct nlattr *a = (struct nlattr *)((char *)n + n->nlmsg_len);

	a->nla_len = sizeof(*a) + len;
	a->nla_type = type;
	memcpy(a + 1, data, len);
	memset((char *)(a + 1) + len, 0, NL_ALIGN(len) - len);
	n->nlmsg_len += NL_ALIGN(a->nla_len);
}

void nl_put_u32(struct nlmsghdr *n, unsigned type, uint32_t v)
{
	nl_put(n, type, &v, sizeof(v));
}

void nl_put_str(struct nlmsghdr *n, unsigned type, const char *s)
{
	nl_put(n, type, s, strlen(s) + 1);
}

struct nlattr *nl_nest_start(struct nlmsghdr *n, unsigned type)
{
	struct nlattr *a = (struct nlattr *)((char *)n + n->nlmsg_len);

	nl_put(n, type | NLA_F_NESTED, NULL, 0);
	return a;
}

void nl_nest_end(struct nlmsghdr *n, struct nlattr *nest)
{
	nest->nla_len = (char *)n + n->nlmsg_len - (char *)nest;
}

/* Fill TB[type] for each attribute in LEN bytes at START (4-aligned);
 * -1 when an attribute is truncated or runs past the end. TB holds only
 * attributes that passed the checks, also when -1 is returned. */
int nl_attr_parse(const void *start, unsigned len,
		  const struct nlattr **tb, unsigned max)
{
	const char *p = start;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if ((uintptr_t)p & 3)
		return -1;
	while (len >= sizeof(struct nlattr)) {
		const struct nlattr *a = (const void *)p;
		unsigned step = NL_ALIGN(a->nla_len);
		unsigned type = a->nla_type & NLA_TYPE_MASK;

		if (a->nla_len < sizeof(*a) || a->nla_len > len)
			return -1;
		if (type <= max)
			tb[type] = a;
		if (step >= len)
			return 0;
		p += step;
		len -= step;
	}
	return len ? -1 : 0;
}

/* the attributes of message N after a BODY_LEN byte family header */
int nl_msg_attrs(const struct nlmsghdr *n, unsigned body_len,
		 const struct nlattr **tb, unsigned max)
{
	unsigned off = NL_HDRLEN + NL_ALIGN(body_len);

	if (n->nlmsg_len < off)
		return -1;
	return nl_attr_parse((const char *)n + off, n->nlmsg_len - off, tb, max);
}

uint32_t nl_get_u32(const struct nlattr *a)
{
	uint32_t v = 0;

	if (a->nla_len >= sizeof(*a) + sizeof(v))
		memcpy(&v, a + 1, sizeof(v));
	return v;
}

/* a whole message of at least a header within REMAINING bytes */
int nl_msg_ok(const struct nlmsghdr *n, unsigned remaining)
{
	return remaining >= NL_HDRLEN && n->nlmsg_len >= NL_HDRLEN &&
	       n->nlmsg_len <= remaining;
}

/* An rtnetlink socket, or -1 with errno set */
static int nl_socket(void)
{
	int one = 1;
	/* libc's socket() would add a fallback for kernels without
	 * SOCK_CLOEXEC (before 2.6.27) too */
#ifdef SYS_socket
	int fd = syscall(SYS_socket, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
			 NETLINK_ROUTE);
#else
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
#endif

	/* the kernel's own words for an error, as iproute2 prints them */
	if (fd >= 0)
		setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	return fd;
}

int nl_open(void)
{
	int fd = nl_socket();

	if (fd < 0)
		msg("Cannot open netlink socket: ", strerror(errno), NULL);
	return fd;
}

/* The socket calls here are bare syscalls where the arch has them:
 * libc's wrappers would add only a fallback to socketcall(2) (kernels
 * before 4.3 on i386 and s390x) for ~40 bytes each. */
#ifdef SYS_sendto
#define nl_sendto(fd, buf, len) syscall(SYS_sendto, fd, buf, len, 0, NULL, 0)
#define nl_recvfrom(fd, buf, len, from, alen) \
	syscall(SYS_recvfrom, fd, buf, len, 0, from, alen)
#else
#define nl_sendto(fd, buf, len) send(fd, buf, len, 0)
#define nl_recvfrom(fd, buf, len, from, alen) \
	recvfrom(fd, buf, len, 0, from, alen)
#endif

/* the socket's default peer is the kernel: no address needed */
static int nl_send_quiet(int fd, const void *buf, unsigned len)
{
	return nl_sendto(fd, buf, len) < 0 ? -errno : 0;
}

/* One datagram from the kernel (port 0) into nl_rxbuf; its length, or
 * -errno. Messages from any other port are dropped. */
static int nl_recv(int fd)
{
	for (;;) {
		struct sockaddr_nl from;
		socklen_t alen = sizeof(from);
		ssize_t n = nl_recvfrom(fd, nl_rxbuf, NL_RXBUF_LEN,
					(void *)&from, &alen);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (alen == sizeof(from) && from.nl_pid == 0)
			return n;
	}
}

/* an errno the kernel can have meant: -1 .. -4095, else -EBADMSG */
static int nl_errno(int err)
{
	return err < 0 && err > -4096 ? err : -EBADMSG;
}

/* The errno an NLMSG_ERROR or NLMSG_DONE carries (0 for an ACK or a
 * good end of dump); a failure is printed when REPORT is set, as
 * iproute2 does: the kernel's extended ACK text as "Error: TEXT.", else
 * "RTNETLINK answers: REASON". The ACK attributes follow the error
 * number (DONE) or the echoed request (ERROR), which is skipped by its
 * own length only when that fits in what is left. */
int nl_ack_error(const struct nlmsghdr *n, int report)
{
	const struct nlmsgerr *e = (const void *)(n + 1);
	const struct nlattr *tb[NLMSGERR_ATTR_MSG + 1];
	const struct nlattr *m;
	const char *text = "";
	unsigned rest, echo = 0;
	int err, is_error = n->nlmsg_type == NLMSG_ERROR;

	if (n->nlmsg_len < NL_HDRLEN + sizeof(e->error))
		return -EBADMSG;
	rest = n->nlmsg_len - NL_HDRLEN - sizeof(e->error);
	if (is_error) {
		if (rest < NL_HDRLEN)
			return -EBADMSG;
		echo = n->nlmsg_flags & NLM_F_CAPPED ? NL_HDRLEN :
						       e->msg.nlmsg_len;
	}
	/* an old kernel's DONE says a length here */
	if (!e->error || (e->error > 0 && !is_error))
		return 0;
	err = nl_errno(e->error);
	if (!report)
		return err;
	if (!(n->nlmsg_flags & NLM_F_ACK_TLVS) || echo > rest ||
	    NL_ALIGN(echo) > rest)
		echo = rest = 0;
	nl_attr_parse((const char *)&e->msg + NL_ALIGN(echo),
		      rest - NL_ALIGN(echo), tb, NLMSGERR_ATTR_MSG);
	/* the text is used only when the attribute ends with its NUL */
	m = tb[NLMSGERR_ATTR_MSG];
	if (m && m->nla_len > sizeof(*m) && !((const char *)m)[m->nla_len - 1])
		text = (const char *)(m + 1);
	if (*text)
		msg("Error: ", text,
		    text[strlen(text) - 1] == '.' ? "" : ".", NULL);
	else
		msg("RTNETLINK answers: ", strerror(-err), NULL);
	return err;
}

struct talk {
	int (*cb)(const struct nlmsghdr *n, void *arg);
	void *arg;
	int quiet;	/* a -errno to return without printing it */
};

/* 1 when done, -errno on error, 0 to read on */
static int talk_one(const struct nlmsghdr *n, void *arg)
{
	struct talk *t = arg;
	int err;

	if (n->nlmsg_type == NLMSG_ERROR || n->nlmsg_type == NLMSG_DONE) {
		err = nl_ack_error(n, 0);
		if (err && err != t->quiet)
			nl_ack_error(n, 1);
		return err ? err : 1;
	}
	if (t->cb) {
		err = t->cb(n, t->arg);
		return err < 0 ? err : 0;
	}
	return 0;
}

/* Walk the messages of one datagram of LEN bytes that answer SEQ, until
 * talk_one says stop. A malformed message ends the walk with -EBADMSG. */
static int nl_walk(int len, unsigned seq, struct talk *t)
{
	const char *p = nl_rxbuf;

	while (len > 0) {
		const struct nlmsghdr *n = (const void *)p;
		int r;

		if (!nl_msg_ok(n, len))
			return -EBADMSG;
		if (n->nlmsg_seq == seq && (r = talk_one(n, t)))
			return r;
		if ((int)NL_ALIGN(n->nlmsg_len) >= len)
			break;
		len -= NL_ALIGN(n->nlmsg_len);
		p += NL_ALIGN(n->nlmsg_len);
	}
	return 0;
}

static int nl_exchange(int fd, struct nlmsghdr *req, struct talk *t)
{
	int r = nl_send_quiet(fd, req, req->nlmsg_len);

	if (r < 0) {
		if (r != t->quiet)
			msg("Cannot talk to rtnetlink: ", strerror(-r), NULL);
		return r;
	}
	do {
		r = nl_recv(fd);
		if (r < 0) {
			msg("Cannot read from rtnetlink: ", strerror(-r), NULL);
			return r;
		}
		r = nl_walk(r, req->nlmsg_seq, t);
	} while (r == 0);
	return r < 0 ? r : 0;
}

/* Send REQ as it is (with NLM_F_DUMP, or NLM_F_ACK added here for a
 * plain request) and call CB (if any) for each answer until the dump
 * ends or the ACK comes. Errors are printed, but for -QUIET, which is
 * only returned: the caller has better words for it. */
int nl_call(int fd, struct nlmsghdr *req,
	    int (*cb)(const struct nlmsghdr *n, void *arg), void *arg,
	    int quiet)
{
	struct talk t = { cb, arg, -quiet };

	if (!(req->nlmsg_flags & NLM_F_DUMP))
		req->nlmsg_flags |= NLM_F_ACK;
	return nl_exchange(fd, req, &t);
}

/* ---- namespace ids ---- */

/* a digit in any base up to 36; 99 for anything else */
static unsigned digit(char c)
{
	if ((unsigned)(c - '0') < 10)
		return c - '0';
	c |= 32;
	return (unsigned)(c - 'a') < 26 ? (unsigned)(c - 'a' + 10) : 99;
}

/* A number as iproute2's get_integer() reads it: strtol base 0 (so 0x10
 * and 010 too), leading blanks and a sign allowed, nothing after it,
 * within int. 0 on success. */
int nl_parse_int(const char *s, int *out)
{
	unsigned long long v = 0;
	unsigned base = 10, d;
	const char *p;
	int neg;

	while (*s == ' ' || (unsigned)(*s - '\t') < 5)
		s++;
	neg = *s == '-';
	s += neg || *s == '+';
	if (*s == '0') {
		base = 8;
		if ((s[1] | 32) == 'x' && digit(s[2]) < 16) {
			base = 16;
			s += 2;
		}
	}
	for (p = s; (d = digit(*p)) < base; p++)
		if ((v = v * base + d) > 1ull << 31)
			return -1;
	if (*p || p == s || v > (1ull << 31) - !neg)
		return -1;
	*out = neg ? -(int)(v - 1) - 1 : (int)v;
	return 0;
}

/* The nsid an RTM_NEWNSID answer carries (NETNSA_NSID, exactly an s32),
 * or -1 for none, an error (printed, as iproute2 does: a file in the run
 * dir that is no namespace) or a malformed message. */
int nl_nsid_of(const struct nlmsghdr *n)
{
	const struct nlattr *tb[NETNSA_NSID + 1];
	int id = -1;

	if (n->nlmsg_type == NLMSG_ERROR)
		nl_ack_error(n, 1);
	else if (n->nlmsg_type == RTM_NEWNSID &&
		 nl_msg_attrs(n, 1, tb, NETNSA_NSID) == 0 &&
		 tb[NETNSA_NSID] && tb[NETNSA_NSID]->nla_len == 8)
		id = (int)nl_get_u32(tb[NETNSA_NSID]);
	return id < 0 ? -1 : id;
}

/* The ids of many names are asked in batches, a batch being the names
 * of one read of the run dir (read in place: no name is copied). One
 * send holds a RTM_GETNSID per name, each naming the namespace by an fd
 * that must stay open until the kernel has read it (it has when the send
 * returns: rtnetlink answers inside it). The answers, one datagram each,
 * are read RECV per syscall. BATCH bounds the fds held at once and keeps
 * the answers (under 1 KiB of receive buffer each, as the kernel counts
 * an skb) well inside the default 208 KiB, so none is dropped. An answer
 * with an id is 28 bytes, an error with the kernel's text 92 (a longer
 * one is cut, and gives no id). Each page first touched costs a fault,
 * up to 20 us in a VM (as many as a dozen opens), so the answers are
 * read in few slots and the names are not copied. */
#define NSID_BATCH	128
#define NSID_SLOT	128
#define NSID_RECV	32
_Static_assert(DIR_BUF / 24 <= NSID_BATCH, "a read of names fits a batch");

struct nsid_req {
	struct nlmsghdr h;
	uint32_t family;	/* rtgenmsg, padded */
	struct nlattr a;
	int32_t fd;
};

struct nsid_batch {
	struct nsid_req req[NSID_BATCH];
	int id[NSID_BATCH];
	uint32_t hash;		/* sent after id by a helper (below) */
	const char *name[NSID_BATCH];	/* in the dir_iter's buffer */
	struct mmsghdr v[NSID_RECV];
	struct iovec io[NSID_RECV];
	char rx[NSID_RECV][NSID_SLOT] __attribute__((aligned(4)));
};

/* recvmmsg(2) without a timeout. libc's wrapper only zeroes the padding
 * of each msghdr (ours is zeroed once) and converts timeouts (we have
 * none): the bare syscall, where the arch has one, is ~90 bytes less. */
static int nsid_recvmmsg(int sock, struct mmsghdr *v, unsigned n,
			 unsigned flags)
{
#ifdef SYS_recvmmsg
	return syscall(SYS_recvmmsg, sock, v, n, flags, NULL);
#else
	return recvmmsg(sock, v, n, flags, NULL);
#endif
}

/* Ask for the ids of the FDS names of batch B that have an fd, the
 * first seq being SEQ, and read the answers: wait for the first, then
 * take what is queued (all of it: the kernel answered inside the send)
 * without ever waiting again. -EOPNOTSUPP when the kernel (or an
 * emulator such as qemu-user) refuses the send. */
static int nsid_ask(int sock, struct nsid_batch *b, unsigned seq,
		    unsigned fds)
{
	unsigned flags = MSG_WAITFORONE, i;
	int r = nl_send_quiet(sock, b->req, fds * sizeof(b->req[0]));

	while (!r && fds) {
		r = nsid_recvmmsg(sock, b->v, fds < NSID_RECV ? fds : NSID_RECV,
				  flags);
		if (r <= 0)
			break;
		flags |= MSG_DONTWAIT;
		fds -= r;
		for (i = 0; i < (unsigned)r; i++) {
			const struct nlmsghdr *n = b->io[i].iov_base;

			if (nl_msg_ok(n, b->v[i].msg_len) &&
			    n->nlmsg_seq - seq < NSID_BATCH)
				b->id[n->nlmsg_seq - seq] = nl_nsid_of(n);
		}
		r = 0;
	}
	return r == -EOPNOTSUPP ? r : 0;
}

/* The fds of a batch (in its requests), which rise: each open takes the
 * lowest free fd and none is closed meanwhile. One close_range(2) per
 * contiguous run, as an fd we did not open (an inherited one) may sit
 * between them. */
static void nsid_close(const struct nsid_req *q, unsigned count)
{
	unsigned i = 0, j;

	while (i < count) {
		for (j = i + 1; j < count && q[j].fd == q[j - 1].fd + 1; j++)
			;
#ifdef SYS_close_range
		if (syscall(SYS_close_range, q[i].fd, q[j - 1].fd, 0) == 0)
			i = j;
#endif
		for (; i < j; i++)
			close(q[i].fd);
	}
}

/* The names of D's next read into B, each without an id yet: how many;
 * 0 at the end */
static unsigned nsid_names(struct dir_iter *d, struct nsid_batch *b)
{
	const char *e;
	unsigned n = 0;

	while (!n && dir_read(d) > 0)
		while ((e = dir_take(d))) {
			b->id[n] = -1;
			b->name[n++] = e;
		}
	return n;
}

/* The ids of the N names of B (names in DIR), SEQ the first seq. When the
 * fd limit is reached the opens so far are asked and closed and the rest
 * follow, so that RLIMIT_NOFILE bounds a send, not the list. */
static int nsid_ask_names(int sock, int dir, struct nsid_batch *b,
			  unsigned n, unsigned seq)
{
	static const struct nsid_req proto = {
		{ sizeof(proto), RTM_GETNSID, NLM_F_REQUEST, 0, 0 }, 0,
		{ sizeof(proto.a) + sizeof(proto.fd), NETNSA_FD }, -1
	};
	unsigned i = 0, fds;
	int fd, r = 0;

	while (!r && i < n) {
		for (fds = 0; i < n; i++) {
			fd = syscall(SYS_openat, dir, b->name[i],
				     O_RDONLY | O_CLOEXEC);
			/* out of fds (EMFILE, as a rule: errno is not read,
			 * see the helper): ask for what is open, close it,
			 * and try this name again; a second failure skips it */
			if (fd < 0 && fds)
				break;
			if (fd >= 0) {
				b->req[fds] = proto;
				b->req[fds].h.nlmsg_seq = seq + i;
				b->req[fds++].fd = fd;
			}
		}
		if (fds) {
			r = nsid_ask(sock, b, seq, fds);
			nsid_close(b->req, fds);
		}
	}
	return r;
}

/* A batch's answers go to its slots, one each */
static void nsid_batch_init(struct nsid_batch *b)
{
	unsigned i;

	memset(b->v, 0, sizeof(b->v));
	for (i = 0; i < NSID_RECV; i++) {
		b->io[i].iov_base = b->rx[i];
		b->io[i].iov_len = NSID_SLOT;
		b->v[i].msg_hdr.msg_iov = &b->io[i];
		b->v[i].msg_hdr.msg_iovlen = 1;
	}
}

#if CONFIG_FEATURE_NSID_PARALLEL
/* The kernel finds an id by walking all ids of the namespace, so with
 * hundreds of ids a list spends milliseconds there. A second CPU halves
 * it: a helper reads the run dir too, and the two take its batches in
 * turn as each gets free (one CPU may be slower, or the ids of some
 * batches longer to find). The helper shares our memory (a fork copies
 * page tables and faults each page both then write, which costs what it
 * saves) but nothing else: its own stack, batch, answers, socket and read
 * of the run dir. errno, which the two do share, decides nothing here but
 * a send the kernel refuses, which both would see alike. The ids of its
 * batches come through a pipe with a hash of the names they are for, so
 * that a run dir that changed between the two reads is noticed (and that
 * batch asked here) rather than trusted. Each of the two is held to a
 * CPU of its own: the scheduler would otherwise wake one on the other's
 * CPU. */
#define NSID_RECORD	(sizeof(int) * NSID_BATCH + sizeof(uint32_t))
_Static_assert(offsetof(struct nsid_batch, hash) ==
	       offsetof(struct nsid_batch, id) + sizeof(int) * NSID_BATCH,
	       "a record is a batch's ids and the hash after them");
#define CPU_WORDS	16	/* 1024 CPUs */
#define LONG_BITS	(8 * sizeof(long))

static struct {
	int sock, out;
	unsigned taken;			/* batches taken so far, by either */
	unsigned long cpus[CPU_WORDS];	/* the helper's: ours but our CPU */
	unsigned long home[CPU_WORDS];	/* ours, as we started */
	struct dir_iter d;		/* the above and d.fd: one page */
	struct nsid_batch b;
	char stack[16384] __attribute__((aligned(16)));
} helper;

static uint32_t nsid_hash(const struct nsid_batch *b, unsigned n)
{
	uint32_t h = n;
	const char *p;

	while (n--)
		for (p = b->name[n]; (h = (h ^ *p) * 16777619u), *p; p++)
			;
	return h;
}

/* Take batch K, unless the other one has: both take them in order */
static int nsid_take(unsigned k)
{
	return __atomic_compare_exchange_n(&helper.taken, &k, k + 1, 0,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

static void nsid_pin(pid_t pid, unsigned long *cpus)
{
	syscall(SYS_sched_setaffinity, pid, sizeof(helper.cpus), cpus);
}

static int nsid_helper(void *arg)
{
	unsigned k, n, seq = 1;

	(void)arg;
	nsid_pin(0, helper.cpus);	/* at once, if it runs first */
	nsid_batch_init(&helper.b);
	for (k = 0; (n = nsid_names(&helper.d, &helper.b)); k++, seq += n)
		if (nsid_take(k) &&
		    (nsid_ask_names(helper.sock, helper.d.fd, &helper.b, n,
				    seq) ||
		     (helper.b.hash = nsid_hash(&helper.b, n),
		      write(helper.out, helper.b.id, NSID_RECORD) < 0)))
			break;
	return 0;
}

/* Start the helper on the run dir DIR, when we may run on another CPU
 * too: the pipe's read end, or -1 (and *PID untouched) without one. */
static int nsid_helper_start(int dir, pid_t *pid)
{
	unsigned long one[CPU_WORDS], other = 0;
	unsigned cpu = -1, i;
	int p[2];

	/* a failed call leaves no CPU in home (or those of the last call),
	 * or a cpu of -1: no helper */
	syscall(SYS_sched_getaffinity, 0, sizeof(helper.home), helper.home);
	syscall(SYS_getcpu, &cpu, NULL, NULL);
	if (cpu >= CPU_WORDS * LONG_BITS)
		return -1;
	for (i = 0; i < CPU_WORDS; i++) {
		one[i] = i == cpu / LONG_BITS ? 1UL << cpu % LONG_BITS : 0;
		other |= helper.cpus[i] = helper.home[i] & ~one[i];
	}
	if (!other || syscall(SYS_pipe2, p, O_CLOEXEC))
		return -1;
	helper.taken = 1;		/* the first batch is ours */
	helper.d.fd = syscall(SYS_openat, dir, ".", O_RDONLY | O_CLOEXEC);
	helper.out = p[1];
	/* the helper's fd table is a copy of ours: these are its now (no
	 * socket, as when out of fds, is no helper, and nothing to say) */
	if ((helper.sock = nl_socket()) >= 0)
		*pid = clone(nsid_helper, helper.stack + sizeof(helper.stack),
			     CLONE_VM | SIGCHLD, NULL, NULL, NULL, NULL);
	close(helper.d.fd);
	close(helper.sock);
	close(p[1]);
	if (*pid > 0) {
		nsid_pin(*pid, helper.cpus);
		nsid_pin(0, one);
		return p[0];
	}
	close(p[0]);
	return -1;
}

/* The helper's ids for the N names of B, if it asked for the same
 * names: 1; else (the run dir changed, or the helper failed) 0, and we
 * go on alone. */
static int nsid_from_helper(int *in, struct nsid_batch *b, unsigned n)
{
	uint32_t hash = nsid_hash(b, n);

	if (read(*in, b->id, NSID_RECORD) == NSID_RECORD && b->hash == hash)
		return 1;
	memset(b->id, -1, sizeof(b->id));	/* what a short read left */
	close(*in);
	*in = -1;
	return 0;
}
#endif

static void nsid_show(const struct nsid_batch *b, unsigned n, nsid_fn *fn,
		      void *arg)
{
	unsigned i;

	for (i = 0; i < n; i++)
		fn(b->name[i], b->id[i], arg);
}

/* Call FN(NAME, NSID, ARG) for every name of the run dir D in readdir
 * order, NSID being the name's namespace id in ours or -1 when it has
 * none (or SOCK is < 0). Returns 0, or -EOPNOTSUPP when the kernel does
 * not tell ids: every name then gets -1. The batches are kept in
 * nl_rxbuf (FN must not use it), where the pages are those a dump used
 * before. When a batch is the helper's, we take the next one at once
 * (or the helper, done first, would take that one too) and ask for it
 * while the helper asks for its own (that read of the run dir goes to a
 * second buffer, D2, as B's names are still to be shown). */
_Static_assert(2 * sizeof(struct nsid_batch) <= NL_RXBUF_LEN, "batches fit");

int nl_nsid_foreach(int sock, struct dir_iter *d, nsid_fn *fn, void *arg)
{
	struct nsid_batch *b = (void *)nl_rxbuf;
	unsigned k, n, seq = 1;
	int r = sock < 0 ? -EOPNOTSUPP : 0;
#if CONFIG_FEATURE_NSID_PARALLEL
	struct nsid_batch *b2 = b + 1;
	struct dir_iter d2;
	unsigned n2;
	pid_t pid = -1;
	int in = -1;
#endif

	nsid_batch_init(b);
	for (k = 0; (n = nsid_names(d, b)); k++, seq += n) {
#if CONFIG_FEATURE_NSID_PARALLEL
		n2 = 0;
		/* a helper pays off for some hundred names and more: the
		 * first read holds 40 or more (names up to 52 bytes), and
		 * more follow */
		if (!k && !r && n >= 40 && dir_more(d) &&
		    (in = nsid_helper_start(d->fd, &pid)) >= 0) {
			d2.fd = d->fd;
			nsid_batch_init(b2);	/* its pages only when used */
		}
		if (in >= 0 && k && !nsid_take(k)) {
			if (nsid_take(k + 1) && (n2 = nsid_names(&d2, b2)) && !r)
				r = nsid_ask_names(sock, d->fd, b2, n2, seq + n);
			if (!nsid_from_helper(&in, b, n) && !r)
				r = nsid_ask_names(sock, d->fd, b, n, seq);
		} else
#endif
		if (!r)
			r = nsid_ask_names(sock, d->fd, b, n, seq);
		nsid_show(b, n, fn, arg);
#if CONFIG_FEATURE_NSID_PARALLEL
		if (n2) {
			nsid_show(b2, n2, fn, arg);
			k++;
			seq += n2;
		}
#endif
	}
#if CONFIG_FEATURE_NSID_PARALLEL
	if (in >= 0)
		close(in);
	if (pid > 0) {
		syscall(SYS_wait4, pid, NULL, 0, NULL);
		nsid_pin(0, helper.home);
	}
#endif
	return sock < 0 ? 0 : r;
}
