/* SPDX-License-Identifier: MIT */
/* The helper of the id lookup (CONFIG_FEATURE_NSID_PARALLEL). The kernel
 * finds an id by walking all ids of the namespace, so with hundreds of
 * ids a list spends milliseconds there; a second CPU halves it. The
 * helper reads the run dir too, and the two take its batches in turn as
 * each gets free (one CPU may be slower, or the ids of some batches
 * longer to find). It shares our memory (a fork copies page tables and
 * faults each page both then write, which costs what it saves) but
 * nothing else: its own stack, batch, answers, socket and read of the run
 * dir. errno, which the two do share, decides nothing here but a send the
 * kernel refuses, which both would see alike. The ids of its batches come
 * through a pipe with a hash of the names they are for, so that a run dir
 * that changed between the two reads is noticed (and that batch asked by
 * the caller) rather than trusted. Each of the two is held to a CPU of
 * its own: the scheduler would otherwise wake one on the other's CPU. */
#include "nsid.h"

#if CONFIG_FEATURE_NSID_PARALLEL
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>

#define CPU_WORDS	16	/* 1024 CPUs */
#define LONG_BITS	(8 * sizeof(long))

static struct {
	int sock, out;
	pid_t pid;
	unsigned taken;			/* batches taken so far, by either */
	unsigned long cpus[CPU_WORDS];	/* the helper's: ours but our CPU */
	unsigned long home[CPU_WORDS];	/* ours, as we started */
	struct dir_iter d;		/* the above and d.fd: one page */
	struct nsid_batch b;
	char stack[16384] __attribute__((aligned(16)));
} helper;	/* in .bss: no initial value, or the file would hold it */
static int helper_in = -1;	/* the caller's end of the pipe */

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

static int nsid_helper_main(void *arg)
{
	unsigned k, n, seq = 1;

	(void)arg;
	nsid_pin(0, helper.cpus);	/* at once, if it runs first */
	nsid_batch_init(&helper.b);
	for (k = 0; (n = nsid_names(&helper.d, &helper.b)); k++, seq += n)
		if (nsid_take(k) &&
		    (nsid_ask_names(helper.sock, helper.d.fd, &helper.b, n,
				    seq) ||
		     (helper.b.rec.hash = nsid_hash(&helper.b, n),
		      write(helper.out, &helper.b.rec, sizeof(helper.b.rec)) < 0)))
			break;
	return 0;
}

/* The CPUs for the helper: ours but the one we run on; 0 when there is
 * none (a failed call leaves none in home, or a cpu of -1) */
static int nsid_helper_cpus(unsigned long *one)
{
	unsigned long other = 0;
	unsigned cpu = -1, i;

	syscall(SYS_sched_getaffinity, 0, sizeof(helper.home), helper.home);
	syscall(SYS_getcpu, &cpu, NULL, NULL);
	if (cpu >= CPU_WORDS * LONG_BITS)
		return 0;
	for (i = 0; i < CPU_WORDS; i++) {
		one[i] = i == cpu / LONG_BITS ? 1UL << cpu % LONG_BITS : 0;
		other |= helper.cpus[i] = helper.home[i] & ~one[i];
	}
	return other != 0;
}

/* Start the helper on the run dir DIR when we may run on another CPU
 * too; 1 when it runs. Batch 0 is ours. */
int nsid_helper_start(int dir)
{
	unsigned long one[CPU_WORDS];
	int p[2];

	helper.pid = -1;
	if (!nsid_helper_cpus(one) || syscall(SYS_pipe2, p, O_CLOEXEC))
		return 0;
	helper.taken = 1;
	helper.d.fd = syscall(SYS_openat, dir, ".", O_RDONLY | O_CLOEXEC);
	helper.out = p[1];
	/* the helper's fd table is a copy of ours: these are its now (no
	 * socket, as when out of fds, is no helper, and nothing to say) */
	if ((helper.sock = nl_socket()) >= 0)
		helper.pid = clone(nsid_helper_main,
				   helper.stack + sizeof(helper.stack),
				   CLONE_VM | SIGCHLD, NULL, NULL, NULL, NULL);
	close(helper.d.fd);
	close(helper.sock);
	close(p[1]);
	if (helper.pid > 0) {
		nsid_pin(helper.pid, helper.cpus);
		nsid_pin(0, one);
		helper_in = p[0];
		return 1;
	}
	close(p[0]);
	return 0;
}

int nsid_helper_took(unsigned k)
{
	return helper_in >= 0 && !nsid_take(k);
}

/* The helper's ids for the N names of B, if it asked for the same names:
 * 1; else (the run dir changed, or the helper failed) 0, and the caller
 * goes on alone. */
int nsid_helper_ids(struct nsid_batch *b, unsigned n)
{
	uint32_t hash = nsid_hash(b, n);

	if (read(helper_in, &b->rec, sizeof(b->rec)) == sizeof(b->rec) &&
	    b->rec.hash == hash)
		return 1;
	memset(b->rec.id, -1, sizeof(b->rec.id));	/* what a short read left */
	close(helper_in);
	helper_in = -1;
	return 0;
}

/* Wait for the helper (it ends at the end of the run dir, or when its
 * pipe is closed) and take our CPUs back */
void nsid_helper_stop(void)
{
	if (helper_in >= 0)
		close(helper_in);
	helper_in = -1;
	if (helper.pid > 0) {
		syscall(SYS_wait4, helper.pid, NULL, 0, NULL);
		nsid_pin(0, helper.home);
	}
	helper.pid = -1;
}
#endif
