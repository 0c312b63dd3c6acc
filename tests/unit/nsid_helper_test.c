/* SPDX-License-Identifier: MIT */
/* Unit tests of the id lookup's helper (libbb-lite/nsid_helper.c) that
 * need no root: its interface (start, took, ids, stop) driven the way
 * nsid_foreach drives it, on a dir of plain files (the kernel answers
 * each with an error, so every id is -1, and says so on stderr, which
 * goes to a file here). The helper runs only where this process may use
 * two CPUs and clone(CLONE_VM) works (not under qemu-user): elsewhere the
 * test checks that none starts. */
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "unit.h"
#include "nsid.h"

#define NAMES	300

static int cpus_allowed(cpu_set_t *set)
{
	CPU_ZERO(set);
	sched_getaffinity(0, sizeof(*set), set);
	return CPU_COUNT(set);
}

/* the ids of a batch the caller asked itself, or the helper sent */
static void check_no_ids(const struct nsid_batch *b, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		CHECK(b->rec.id[i] == -1);
}

/* the caller asks for a batch itself (qemu-user refuses the requests) */
static void ask(int sock, int dir, struct nsid_batch *b, unsigned n,
		unsigned seq)
{
	int r = nsid_ask_names(sock, dir, b, n, seq);

	CHECK(r == 0 || (r == -EOPNOTSUPP && getenv("NETNS_UNDER_QEMU")));
	check_no_ids(b, n);
}

/* Before a start there is no helper: every batch is the caller's */
static void test_no_helper(void)
{
	CHECK(!nsid_helper_took(1) && !nsid_helper_took(7));
	nsid_helper_stop();
}

/* The loop of nsid_foreach, one batch at a time: every name comes once,
 * from the helper or from the caller; a batch whose names are not the
 * helper's is refused, and the caller goes on alone. */
static void test_helper(int sock, int want_helper)
{
	static struct nsid_batch b;
	cpu_set_t before, after;
	struct dir_iter d;
	unsigned k, n, seq = 1, total = 0, from_helper = 0, mismatch = 0;
	int started;

	cpus_allowed(&before);
	CHECK(dir_open(&d, "names") >= 0);
	nsid_batch_init(&b);
	n = nsid_names(&d, &b);
	CHECK(n >= 40 && dir_more(&d));
	started = nsid_helper_start(d.fd);
	CHECK(started == want_helper);
	ask(sock, d.fd, &b, n, seq);
	/* let the helper take the batches it can */
	usleep(300 * 1000);
	for (k = 1; ; k++) {
		total += n;
		seq += n;
		n = nsid_names(&d, &b);
		if (!n)
			break;
		if (!nsid_helper_took(k)) {
			ask(sock, d.fd, &b, n, seq);
		} else if (!dir_more(&d) && !mismatch) {
			/* the last batch, under other names: refused */
			b.name[0] = "not-a-name-the-helper-read";
			CHECK(!nsid_helper_ids(&b, n));
			CHECK(!nsid_helper_took(k + 1));
			mismatch = 1;
		} else {
			CHECK(nsid_helper_ids(&b, n));
			from_helper++;
		}
		check_no_ids(&b, n);
	}
	nsid_helper_stop();
	dir_close(&d);
	CHECK(total == NAMES);
	/* no helper left to reap, and our CPUs are ours again */
	CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD);
	cpus_allowed(&after);
	CHECK(CPU_EQUAL(&before, &after));
	if (want_helper)
		printf("helper: %u batches, mismatch checked: %u\n",
		       from_helper, mismatch);
	else
		CHECK(!from_helper);
}

int main(void)
{
	cpu_set_t set;
	int sock, saved, want;

	alarm(20);
	make_names(NAMES, 40);	/* some 48 names fill a read of the dir */
	test_no_helper();
	sock = nl_socket();
	CHECK(sock >= 0);
	want = CONFIG_FEATURE_NSID_PARALLEL && cpus_allowed(&set) >= 2 &&
	       !getenv("NETNS_UNDER_QEMU");
	capture_start(2, &saved);
	test_helper(sock, want);
	capture_end(2, saved);
	close(sock);
	return unit_result();
}
