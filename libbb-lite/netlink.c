/* SPDX-License-Identifier: MIT */
/* A minimal rtnetlink encoder, decoder and transport. Every length the
 * kernel sends is checked against what was received before anything is
 * read: a truncated, misaligned or oversized message or attribute is
 * rejected. */
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
	nl_put(n, type, s, str_len(s) + 1);
}

/* An attribute whose data are the attributes put until nl_nest_end */
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

/* An rtnetlink socket, or -1 with errno set (and nothing said) */
int nl_socket(void)
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
		msg_errno("Cannot open netlink socket: ", "", "");
	return fd;
}

/* The socket calls here are bare syscalls where the arch has them:
 * libc's wrappers would add only a fallback to socketcall(2) (kernels
 * before 4.3 on i386 and s390x), which no router kernel needs. */
#ifdef SYS_sendto
#define nl_sendto(fd, buf, len) syscall(SYS_sendto, fd, buf, len, 0, NULL, 0)
#define nl_recvfrom(fd, buf, len, from, alen) \
	syscall(SYS_recvfrom, fd, buf, len, 0, from, alen)
#else
#define nl_sendto(fd, buf, len) send(fd, buf, len, 0)
#define nl_recvfrom(fd, buf, len, from, alen) \
	recvfrom(fd, buf, len, 0, from, alen)
#endif

/* LEN bytes of requests at BUF to the kernel (the socket's default
 * peer: no address needed); 0 or -errno, nothing said */
int nl_send(int fd, const void *buf, unsigned len)
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
		    text[str_len(text) - 1] == '.' ? "" : ".", NULL);
	else
		msg("RTNETLINK answers: ", netns_strerror(-err), NULL);
	return err;
}

struct talk {
	int (*cb)(const struct nlmsghdr *n, void *arg);
	void *arg;
	int quiet;	/* -QUIET_ERRNO of nl_call: returned, not printed
			 * (1: every errno) */
};

/* 1 when done, -errno on error, 0 to read on */
static int talk_one(const struct nlmsghdr *n, void *arg)
{
	struct talk *t = arg;
	int err;

	if (n->nlmsg_type == NLMSG_ERROR || n->nlmsg_type == NLMSG_DONE) {
		err = nl_ack_error(n, 0);
		if (err && err != t->quiet && t->quiet != 1)
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
	int r = nl_send(fd, req, req->nlmsg_len);

	if (r < 0) {
		if (r != t->quiet)
			msg("Cannot talk to rtnetlink: ", netns_strerror(-r), NULL);
		return r;
	}
	do {
		r = nl_recv(fd);
		if (r < 0) {
			msg("Cannot read from rtnetlink: ", netns_strerror(-r), NULL);
			return r;
		}
		r = nl_walk(r, req->nlmsg_seq, t);
	} while (r == 0);
	return r < 0 ? r : 0;
}

/* Send REQ as it is (with NLM_F_DUMP, or NLM_F_ACK added here for a
 * plain request) and call CB (if any) for each answer until the dump
 * ends or the ACK comes. 0 or -errno. Errors are printed, but for
 * QUIET_ERRNO (0: none, -1: every errno of the kernel's answer), which
 * is only returned: the caller has better words for it. */
int nl_call(int fd, struct nlmsghdr *req,
	    int (*cb)(const struct nlmsghdr *n, void *arg), void *arg,
	    int quiet_errno)
{
	struct talk t = { cb, arg, -quiet_errno };

	/* (NLM_F_EXCL of a NEW request is the bit NLM_F_MATCH of a GET) */
	if ((req->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		req->nlmsg_flags |= NLM_F_ACK;
	return nl_exchange(fd, req, &t);
}
