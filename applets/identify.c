/* SPDX-License-Identifier: MIT */
/* identify: the name of a process's network namespace */
//config:config NETNS_IDENTIFY
//config:	bool "identify (0.4 kb)"
//config:	default y
//config:	help
//config:	  netns identify [PID]: the name under RUN_DIR of the
//config:	  network namespace of PID (default: this process), or an
//config:	  empty line when it has none.
//applet:60 identify NETNS_IDENTIFY "identify"
//usage:netns identify [PID]
#include <limits.h>
#include "libbb.h"

struct want {
	struct ns_id ns;
	char name[NAME_MAX + 1];
};

/* iproute2 prints one name: the last match in readdir order */
static int match_name(const char *name, void *arg)
{
	struct want *w = arg;
	char path[PATH_MAX];

	if (netns_same_ns(netns_path(path, name), &w->ns))
		str_copy(w->name, name);
	return 0;
}

int identify_main(int argc, char **argv)
{
	struct want w;
	char path[40];

	if (extra_args(argc, 1))
		return EXIT_FAIL;
	if (argc == 1 && !is_pid(argv[0]))
		return msg("Specified string '", argv[0], "' is not a pid",
			   NULL), EXIT_FAIL;
	if (ns_id_of(proc_ns_net(path, argc ? argv[0] : "self"), 0, &w.ns) < 0)
		return msg("Cannot open network namespace of process ",
			   argc ? argv[0] : "self", ": ", netns_strerror(errno),
			   NULL), EXIT_FAIL;
	w.name[0] = 0;
	if (netns_foreach(match_name, &w))
		return EXIT_FAIL;
	out_str(w.name);
	out_char('\n');
	return 0;
}
