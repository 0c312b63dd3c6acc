/* SPDX-License-Identifier: MIT */
/* exec: run a command in a named network namespace */
//config:config NETNS_EXEC
//config:	bool "exec (1.2 kb)"
//config:	default y
//config:	help
//config:	  netns exec NAME CMD...: run CMD in NAME's network
//config:	  namespace with a sysfs of its own and ETC_DIR/NAME's
//config:	  files over /etc. -all exec runs CMD in every namespace.
//applet:80 exec NETNS_EXEC "exec"
//usage:netns [-all] exec [NAME] cmd ...
#include "libbb.h"

/* execvp(3) in less code than libc's: each PATH entry in turn (an empty
 * one is the current dir); EACCES from any entry wins over ENOENT. */
static void exec_path(char **argv)
{
	extern char **environ;
	char **env;
	const char *p = NULL, *end;
	size_t len = str_len(argv[0]);
	char buf[PATH_MAX];
	int denied = 0;

	/* PATH by hand: libc's getenv brings strncmp and strchrnul along */
	for (env = environ; *env && !p; env++)
		if (starts_with(*env, "PATH="))
			p = *env + 5;
	if (*str_find(argv[0], '/') || !*argv[0]) {
		execve(argv[0], argv, environ);
		return;
	}
	for (p = p ? p : "/usr/local/bin:/bin:/usr/bin"; ; p = end + 1) {
		end = str_find(p, ':');
		if ((size_t)(end - p) + len + 2 <= sizeof(buf)) {
			memcpy(buf, p, end - p);
			buf[end - p] = '/';
			memcpy(buf + (end - p) + (end > p), argv[0], len + 1);
			execve(buf, argv, environ);
			denied |= errno == EACCES;
			if (errno != ENOENT && errno != ENOTDIR && errno != EACCES)
				return;
		}
		if (!*end)
			break;
	}
	errno = denied ? EACCES : ENOENT;
}

/* Enter NAME and run ARGV there. Without fork it does not return when it
 * works; with fork it returns the command's exit status, or -1 when the
 * fork or the wait failed (said why). */
static int exec_in(const char *name, char **argv, int do_fork)
{
	pid_t pid = 0;

	out_flush();
	if (do_fork && (pid = fork_plain()) < 0)
		return -step_failed("fork");
	if (pid > 0)
		return wait_exit_status(pid);
	if (netns_switch(name) < 0) {
		if (do_fork)
			_exit(EXIT_USAGE);
		return EXIT_USAGE;
	}
	exec_path(argv);
	msg_errno("exec of \"", argv[0], "\" failed: ");
	_exit(EXIT_FAIL);
}

/* go on even if CMD fails, as iproute2 does; not when it could not be
 * started (nor waited for): exit 1, as iproute2 */
static int exec_each(const char *name, void *argv)
{
	out_str("\nnetns: ");
	out_str(name);
	out_char('\n');
	return exec_in(name, argv, 1) < 0;
}

int exec_main(int argc, char **argv)
{
	int r;

	if (opt.all) {
		if (argc < 1)
			return msg("No command specified", NULL), EXIT_FAIL;
		return netns_foreach(exec_each, argv) ? EXIT_FAIL : 0;
	}
	if (argc < 1)
		return msg("No netns name specified", NULL), EXIT_FAIL;
	if (argc < 2)
		return msg("No command specified", NULL), EXIT_FAIL;
	r = exec_in(argv[0], argv + 1, opt.batch);
	return r < 0 ? EXIT_FAIL : r;
}
