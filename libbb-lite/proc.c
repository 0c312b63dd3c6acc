/* SPDX-License-Identifier: MIT */
/* Child processes: made without libc's fork, waited for as a shell does. */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "libbb.h"

/* fork(2) without libc's fork(): that one brings atfork locks and a
 * clock that a single-threaded program about to exec never needs. */
pid_t fork_plain(void)
{
#ifdef SYS_fork
	return syscall(SYS_fork);
#else
	return syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
#endif
}

/* Wait for child PID: its exit status (EXIT_FAIL when it was killed), or
 * -1 when it cannot be waited for (said why) */
int wait_exit_status(pid_t pid)
{
	int status;

	while (syscall(SYS_wait4, pid, &status, 0, NULL) < 0)
		if (errno != EINTR)
			return -step_failed("waitpid");
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAIL;
}
