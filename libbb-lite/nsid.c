/* SPDX-License-Identifier: MIT */
/* Namespace ids: the id of every name of the run dir, asked in batches
 * (nsid.h says how a batch is made), by this process alone or in turn
 * with a helper on a second CPU (nsid_helper.c). */
#include <sys/syscall.h>
#include "nsid.h"

/* The nsid an RTM_NEWNSID answer carries (NETNSA_NSID, exactly an s32),
 * or -1 for none, an error (printed, as iproute2 does: a file in the run
 * dir that is no namespace) or a malformed message. */
int nsid_of(const struct nlmsghdr *n)
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

/* recvmmsg(2) without a timeout. libc's wrapper only zeroes the padding
 * of each msghdr (ours is zeroed once) and converts timeouts (we have
 * none): the bare syscall, where the arch has one, is smaller. */
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
 * without ever waiting again. A read that fails is done once more.
 * 0, or -errno: -EOPNOTSUPP when the kernel (or an emulator such as
 * qemu-user) refuses the send, another when answers were lost (ENOBUFS:
 * the socket overflowed; EAGAIN: fewer came than were asked). */
static int nsid_ask(int sock, struct nsid_batch *b, unsigned seq,
		    unsigned fds)
{
	unsigned flags = MSG_WAITFORONE, i, retried = 0;
	int r;

	r = nl_send(sock, b->req, fds * sizeof(b->req[0]));
	while (!r && fds) {
		r = nsid_recvmmsg(sock, b->v, fds < NSID_RECV ? fds : NSID_RECV,
				  flags);
		/* errno is the helper's too (they share it): it decides
		 * nothing here, it only says why. A failed read (EINTR) is
		 * done once more in a batch, not waiting (the answers came
		 * inside the send); a second failure is the error. */
		flags |= MSG_DONTWAIT;
		if (r < 0) {
			r = retried++ ? -errno : 0;
			continue;
		}
		fds -= r;
		for (i = 0; i < (unsigned)r; i++) {
			const struct nlmsghdr *n = b->io[i].iov_base;

			if (nl_msg_ok(n, b->v[i].msg_len) &&
			    n->nlmsg_seq - seq < NSID_BATCH)
				b->rec.id[n->nlmsg_seq - seq] = nsid_of(n);
		}
		r = 0;
	}
	return r;
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
unsigned nsid_names(struct dir_iter *d, struct nsid_batch *b)
{
	const char *e;
	unsigned n = 0;

	while (!n && dir_read(d) > 0)
		while ((e = dir_take(d))) {
			b->rec.id[n] = -1;
			b->name[n++] = e;
		}
	return n;
}

/* The ids of the N names of B (names in DIR), SEQ the first seq. When the
 * fd limit is reached the opens so far are asked and closed and the rest
 * follow, so that RLIMIT_NOFILE bounds a send, not the list. */
int nsid_ask_names(int sock, int dir, struct nsid_batch *b, unsigned n,
		   unsigned seq)
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
				     NS_OPEN | O_CLOEXEC);
			/* out of fds (EMFILE, as a rule: errno is not read,
			 * as the helper shares it): ask for what is open,
			 * close it, and try this name again; a second
			 * failure skips it */
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
void nsid_batch_init(struct nsid_batch *b)
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

static void nsid_show(const struct nsid_batch *b, unsigned n, nsid_fn *fn,
		      void *arg)
{
	unsigned i;

	for (i = 0; i < n; i++)
		fn(b->name[i], b->rec.id[i], arg);
}

/* Call FN(NAME, NSID, ARG) for every name of the run dir D in readdir
 * order, NSID being the name's namespace id in ours or -1 when it has
 * none (or SOCK is < 0). Returns 0, or -EOPNOTSUPP when the kernel does
 * not tell ids: every name then gets -1, or -1 when ids could not be
 * asked or read (said why): the names from there on get -1. The batches
 * are kept in nl_rxbuf (FN must not use it), on the pages a dump used
 * before.
 * A helper pays off for some hundred names and more: it starts when the
 * first read holds 40 names or more (names up to 52 bytes) and more
 * follow. When a batch is the helper's, we take the next one at once (or
 * the helper, done first, would take that one too) and ask for it while
 * the helper asks for its own; that read of the run dir goes to a second
 * buffer, as the helper's batch is still to be shown. */
_Static_assert(2 * sizeof(struct nsid_batch) <= NL_RXBUF_LEN, "batches fit");

int nsid_foreach(int sock, struct dir_iter *d, nsid_fn *fn, void *arg)
{
	struct nsid_batch *b = (void *)nl_rxbuf, *b2 = b + 1;
	struct dir_iter d2;
	unsigned k, n, n2, seq = 1;
	int r = sock < 0 ? -EOPNOTSUPP : 0;

	nsid_batch_init(b);
	for (k = 0; (n = nsid_names(d, b)); k++, seq += n) {
		n2 = 0;
		if (!k && !r && n >= 40 && dir_more(d) &&
		    nsid_helper_start(d->fd)) {
			d2.fd = d->fd;
			nsid_batch_init(b2);	/* its pages only when used */
		}
		if (k && nsid_helper_took(k)) {
			if (!nsid_helper_took(k + 1) &&
			    (n2 = nsid_names(&d2, b2)) && !r)
				r = nsid_ask_names(sock, d->fd, b2, n2, seq + n);
			if (!nsid_helper_ids(b, n) && !r)
				r = nsid_ask_names(sock, d->fd, b, n, seq);
		} else if (!r) {
			r = nsid_ask_names(sock, d->fd, b, n, seq);
		}
		nsid_show(b, n, fn, arg);
		if (n2) {
			nsid_show(b2, n2, fn, arg);
			k++;
			seq += n2;
		}
	}
	nsid_helper_stop();
	if (r && r != -EOPNOTSUPP) {
		msg("Cannot read the namespace ids: ", netns_strerror(-r), NULL);
		r = -1;
	}
	return sock < 0 ? 0 : r;
}
