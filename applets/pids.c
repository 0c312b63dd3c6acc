/* SPDX-License-Identifier: MIT */
/* pids: the processes whose network namespace is a named one */
//config:config NETNS_PIDS
//config:	bool "pids (0.3 kb)"
//config:	default y
//config:	help
//config:	  netns pids NAME: every process whose network namespace
//config:	  is NAME's, one PID per line.
//applet:70 pids NETNS_PIDS "pids"
//usage:netns pids NAME
#include <limits.h>
#include "libbb.h"

int pids_main(int argc, char **argv)
{
	char path[PATH_MAX];
	struct ns_id ns;
	struct dir_iter proc;
	const char *e;

	if (argc < 1)
		return msg("No netns name specified", NULL), EXIT_FAIL;
	if (extra_args(argc, 1))
		return EXIT_FAIL;
	if (ns_id_of(netns_path(path, argv[0]), 0, &ns) < 0)
		return msg_errno("Cannot open network namespace \"", argv[0],
				 "\": ");
	if (dir_open(&proc, "/proc") < 0)
		return step_failed("Open of /proc");
	while ((e = dir_next(&proc))) {
		if (!is_pid(e))
			continue;
		if (netns_same_ns(proc_ns_net(path, e), &ns)) {
			out_str(e);
			out_char('\n');
		}
	}
	return dir_end(&proc, "/proc") ? EXIT_FAIL : 0;
}
