/* SPDX-License-Identifier: MIT */
/* The other ip (CONFIG_IP_FALLBACK): through the link named ip, what this
 * binary does not do itself goes to the router's other ip (iproute2's
 * ip-full or ip-tiny, else BusyBox's applet) with the same words and
 * options, inside the namespace of -n NS, which BusyBox's ip lacks. */
#include <elf.h>
#include "libbb.h"
#include "main.h"

/* The path this program was started by (AT_EXECFN): the auxiliary
 * vector follows the environment's NULL on the start-up stack (the ELF
 * ABI), and environ is that environment (never set here). libc's
 * getauxval would bring more code than this loop. */
static const char *exec_fn(void)
{
	extern char **environ;
	char **e = environ;
	const unsigned long *aux;

	while (*e)
		e++;
	for (aux = (const void *)(e + 1); aux[0]; aux += 2)
		if (aux[0] == AT_EXECFN)
			return (const char *)aux[1];
	return NULL;
}

/* Is PATH this program (a link to it, or the file itself)? Known from
 * the path it was started by, so that it works without /proc too. */
static int is_self(const char *path)
{
	const char *self = exec_fn();
	struct ns_id me;

	return self && ns_id_of(self, 0, &me) == 0 && netns_same_ns(path, &me);
}

/* Run the other ip with ARGV (argv[0] is "ip"); returns only when none
 * could be run. */
static void exec_other_ip(char **argv)
{
	extern char **environ;
	char path[PATH_MAX];
	const char *p = CONFIG_IP_FALLBACK_PATHS, *end;

	for (; *p; p = *end ? end + 1 : end) {
		end = str_find(p, ' ');
		if (end == p || (size_t)(end - p) >= sizeof(path))
			continue;
		memcpy(path, p, end - p);
		path[end - p] = 0;
		if (!is_self(path))
			execve(path, argv, environ);
	}
}

/* `ip ARGV...` by the other ip: the global options main kept for it, then
 * ARGV. It replaces this process, or in batch mode runs in a child whose
 * exit status is returned. 255 when there is no other ip. */
static int ip_fallback(int argc, char **argv)
{
	char *av[opt.ip_nopts + argc + 2];
	pid_t pid = 0;

	av[0] = "ip";
	memcpy(av + 1, opt.ip_opts, opt.ip_nopts * sizeof(*av));
	memcpy(av + 1 + opt.ip_nopts, argv, argc * sizeof(*av));
	av[1 + opt.ip_nopts + argc] = NULL;
	out_flush();
	if (opt.batch && (pid = fork_plain()) < 0)
		return step_failed("fork");
	if (pid > 0)
		return wait_exit_status(pid);
	exec_other_ip(av);
	msg("\"ip ", argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "",
	    "\": no other ip to run it (tried ", CONFIG_IP_FALLBACK_PATHS,
	    ")", NULL);
	if (opt.batch)
		_exit(EXIT_USAGE);
	return EXIT_USAGE;
}

int ip_elsewhere(int argc, char **argv)
{
	if (CONFIG_IP_FALLBACK)
		return ip_fallback(argc, argv);
	return usage_fail("\"ip ", argv[0], argc > 1 ? " " : "",
			  argc > 1 ? argv[1] : "", "\" is not supported: this "
			  "ip is netns, which does only \"ip netns\"",
			  CONFIG_NETNS_LINK ? " and \"ip link set|add|delete\"."
					    : ".", NULL);
}
