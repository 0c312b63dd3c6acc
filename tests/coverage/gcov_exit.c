/* SPDX-License-Identifier: MIT */
/* Linked into the coverage build only (make coverage, with
 * -Wl,--wrap=_exit): a process that ends by _exit(2) (a forked child whose
 * exec failed, a usage error inside -batch) or by SIGTERM, SIGINT or SIGHUP
 * (a monitor that a test kills) still writes its counts. */
#include <signal.h>
#include <unistd.h>

void __gcov_dump(void);
void __real__exit(int status) __attribute__((noreturn));

void __wrap__exit(int status)
{
	__gcov_dump();
	__real__exit(status);
}

static void dump_and_die(int sig)
{
	__gcov_dump();
	signal(sig, SIG_DFL);
	raise(sig);
}

__attribute__((constructor)) static void dump_on_signals(void)
{
	signal(SIGTERM, dump_and_die);
	signal(SIGINT, dump_and_die);
	signal(SIGHUP, dump_and_die);
}
