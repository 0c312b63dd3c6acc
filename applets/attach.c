/* SPDX-License-Identifier: MIT */
/* attach: give a name to the network namespace of a running process */
//config:config NETNS_ATTACH
//config:	bool "attach (0.3 kb)"
//config:	default y
//config:	help
//config:	  netns attach NAME PID: bind the network namespace of
//config:	  process PID to RUN_DIR/NAME.
//applet:100 attach NETNS_ATTACH "attach"
//usage:netns attach NAME PID
#include <limits.h>
#include "libbb.h"

int attach_main(int argc, char **argv)
{
	char path[PATH_MAX], source[40];

	if (argc < 2)
		return msg("No netns name and PID specified", NULL), EXIT_FAIL;
	extra_ignored(argc, argv, 2);
	if (!is_pid(argv[1]))
		return msg("Invalid PID: ", argv[1], NULL), EXIT_FAIL;
	/* a dead PID must create nothing, not even for a moment */
	if (access(proc_ns_net(source, argv[1]), F_OK) < 0)
		return msg("Cannot attach \"", argv[0], "\" to process ",
			   argv[1], ": ", netns_strerror(errno), NULL), EXIT_FAIL;
	if (netns_create_file(path, argv[0]))
		return EXIT_FAIL;
	return netns_bind(path, source) ? EXIT_FAIL : 0;
}
