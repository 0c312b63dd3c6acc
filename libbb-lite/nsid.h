/* SPDX-License-Identifier: MIT */
/* What only nsid.c (the batched lookup of namespace ids) and
 * nsid_helper.c (its helper on a second CPU) share. */
#ifndef NETNS_NSID_H
#define NETNS_NSID_H

#include <sys/socket.h>
#include "libbb.h"

/* A batch is the names of one read of the run dir, read in place (no
 * name is copied). One send holds a RTM_GETNSID per name, each naming
 * the namespace by an fd that must stay open until the kernel has read
 * it (it has when the send returns: rtnetlink answers inside it). The
 * answers, one datagram each, are read NSID_RECV per syscall. The batch
 * bounds the fds held at once and keeps the answers (under 1 KiB of
 * receive buffer each, as the kernel counts an skb) well inside the
 * default 208 KiB, so that none is dropped. An answer with an id is 28
 * bytes, an error with the kernel's text 92: a slot of NSID_SLOT holds
 * either (a longer one is cut, and gives no id). Few slots, and names
 * not copied, because every page first touched costs a page fault. */
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

/* what a helper sends back for a batch: its ids, and a hash of the names
 * they are for */
struct nsid_record {
	int id[NSID_BATCH];
	uint32_t hash;
};

struct nsid_batch {
	struct nsid_req req[NSID_BATCH];
	struct nsid_record rec;
	const char *name[NSID_BATCH];	/* in the dir_iter's buffer */
	struct mmsghdr v[NSID_RECV];
	struct iovec io[NSID_RECV];
	char rx[NSID_RECV][NSID_SLOT] __attribute__((aligned(4)));
};

int nsid_of(const struct nlmsghdr *n);
void nsid_batch_init(struct nsid_batch *b);
unsigned nsid_names(struct dir_iter *d, struct nsid_batch *b);
int nsid_ask_names(int sock, int dir, struct nsid_batch *b, unsigned n,
		   unsigned seq);

/* The helper (CONFIG_FEATURE_NSID_PARALLEL): started on the run dir DIR
 * after the caller has taken batch 0, it takes batches in turn with the
 * caller. nsid_helper_took(K) is 1 when the helper has taken batch K,
 * else 0, and K is the caller's from then on; nsid_helper_ids() gives the
 * helper's ids for the names of B, 1 when they are for those names. */
#if CONFIG_FEATURE_NSID_PARALLEL
int nsid_helper_start(int dir);
int nsid_helper_took(unsigned k);
int nsid_helper_ids(struct nsid_batch *b, unsigned n);
void nsid_helper_stop(void);
#else
static inline int nsid_helper_start(int dir) { (void)dir; return 0; }
static inline int nsid_helper_took(unsigned k) { (void)k; return 0; }
static inline int nsid_helper_ids(struct nsid_batch *b, unsigned n)
{
	(void)b, (void)n;
	return 0;
}
static inline void nsid_helper_stop(void) {}
#endif

#endif
