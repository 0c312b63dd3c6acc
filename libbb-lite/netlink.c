/* A minimal rtnetlink encoder and decoder. Every length the kernel sends
 * is checked against what was received before anything is read. */
#include <sys/socket.h>
#include "libbb.h"

char nl_rxbuf[NL_RXBUF_LEN] __attribute__((aligned(4)));

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
 * -1 when an attribute is truncated or runs past the end. */
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

int nl_open(void)
{
	int one = 1;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0) {
		msg("Cannot open netlink socket: ", strerror(errno), NULL);
		return -1;
	}
	/* the kernel's own words for an error, as iproute2 prints them */
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	return fd;
}

int nl_send(int fd, const void *buf, unsigned len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	if (sendto(fd, buf, len, 0, (void *)&kernel, sizeof(kernel)) < 0) {
		msg("Cannot talk to rtnetlink: ", strerror(errno), NULL);
		return -errno;
	}
	return 0;
}

/* One datagram from the kernel (port 0) into nl_rxbuf; its length, or
 * -errno. Messages from any other port are dropped. */
static int nl_recv(int fd)
{
	for (;;) {
		struct sockaddr_nl from;
		socklen_t alen = sizeof(from);
		ssize_t n = recvfrom(fd, nl_rxbuf, NL_RXBUF_LEN, 0,
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

/* The errno an NLMSG_ERROR carries (0 for an ACK). When REPORT is set, a
 * failure is printed as iproute2 does: the kernel's extended ACK text as
 * "Error: TEXT.", else "RTNETLINK answers: REASON". */
int nl_ack_error(const struct nlmsghdr *n, int report)
{
	const struct nlmsgerr *e = (const void *)(n + 1);
	const struct nlattr *tb[NLMSGERR_ATTR_MSG + 1];
	unsigned off = NL_HDRLEN + sizeof(*e);
	int err;

	if (n->nlmsg_len < off)
		return -EBADMSG;
	err = e->error > 0 ? -e->error : e->error;
	if (!err || !report)
		return err;
	if (!(n->nlmsg_flags & NLM_F_CAPPED))
		off += NL_ALIGN(e->msg.nlmsg_len) - NL_HDRLEN;
	tb[NLMSGERR_ATTR_MSG] = NULL;
	if ((n->nlmsg_flags & NLM_F_ACK_TLVS) && off < n->nlmsg_len)
		nl_attr_parse((const char *)n + off, n->nlmsg_len - off, tb,
			      NLMSGERR_ATTR_MSG);
	if (tb[NLMSGERR_ATTR_MSG] && tb[NLMSGERR_ATTR_MSG]->nla_len > 5) {
		const char *t = (const char *)(tb[NLMSGERR_ATTR_MSG] + 1);
		size_t len = strnlen(t, tb[NLMSGERR_ATTR_MSG]->nla_len - 4);
		char text[256];

		if (len >= sizeof(text) - 1)
			len = sizeof(text) - 2;
		memcpy(text, t, len);
		text[len] = 0;
		msg("Error: ", text, len && text[len - 1] == '.' ? "" : ".",
		    NULL);
	} else {
		msg("RTNETLINK answers: ", strerror(-err), NULL);
	}
	return err;
}

/* Walk the messages of one datagram of LEN bytes that answer SEQ. CB gets
 * each; it returns 0 to go on, anything else to stop with that value. */
static int nl_walk(int len, unsigned seq,
		   int (*cb)(const struct nlmsghdr *n, void *arg), void *arg)
{
	const char *p = nl_rxbuf;

	while (len > 0) {
		const struct nlmsghdr *n = (const void *)p;
		int r;

		if (!nl_msg_ok(n, len))
			return -EBADMSG;
		if (n->nlmsg_seq == seq && (r = cb(n, arg)))
			return r;
		if ((int)NL_ALIGN(n->nlmsg_len) >= len)
			break;
		len -= NL_ALIGN(n->nlmsg_len);
		p += NL_ALIGN(n->nlmsg_len);
	}
	return 0;
}

struct talk {
	void *reply;
	unsigned reply_len;
	int (*cb)(const struct nlmsghdr *n, void *arg);
	void *arg;
};

/* 1 when done, -errno on error, 0 to read on */
static int talk_one(const struct nlmsghdr *n, void *arg)
{
	struct talk *t = arg;
	int err;

	if (n->nlmsg_type == NLMSG_ERROR) {
		err = nl_ack_error(n, !t->reply);
		return err ? err : 1;
	}
	if (n->nlmsg_type == NLMSG_DONE)
		return 1;
	if (t->cb) {
		err = t->cb(n, t->arg);
		return err < 0 ? err : 0;
	}
	if (t->reply) {
		memcpy(t->reply, n, n->nlmsg_len < t->reply_len ?
				    n->nlmsg_len : t->reply_len);
		return 1;
	}
	return 0;
}

static int nl_exchange(int fd, struct nlmsghdr *req, struct talk *t)
{
	int r;

	if ((r = nl_send(fd, req, req->nlmsg_len)) < 0)
		return r;
	do {
		r = nl_recv(fd);
		if (r < 0) {
			msg("Cannot read from rtnetlink: ", strerror(-r), NULL);
			return r;
		}
		r = nl_walk(r, req->nlmsg_seq, talk_one, t);
	} while (r == 0);
	return r < 0 ? r : 0;
}

/* Send REQ and wait for its answer: the reply message copied into REPLY
 * (at most REPLY_LEN bytes), or the ACK when REPLY is NULL. Returns 0 or
 * -errno; a kernel error is printed when REPLY is NULL. */
int nl_talk(int fd, struct nlmsghdr *req, void *reply, unsigned reply_len)
{
	struct talk t = { reply, reply ? reply_len : 0, NULL, NULL };

	if (!reply)
		req->nlmsg_flags |= NLM_F_ACK;
	return nl_exchange(fd, req, &t);
}

/* Send a dump request and call CB for every message until NLMSG_DONE. */
int nl_dump(int fd, struct nlmsghdr *req,
	    int (*cb)(const struct nlmsghdr *n, void *arg), void *arg)
{
	struct talk t = { NULL, 0, cb, arg };

	req->nlmsg_flags |= NLM_F_DUMP;
	return nl_exchange(fd, req, &t);
}
