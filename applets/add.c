/* SPDX-License-Identifier: MIT */
/* add: create a named network namespace */
//config:config NETNS_ADD
//config:	bool "add (0.3 kb)"
//config:	default y
//config:	help
//config:	  netns add NAME: a new network namespace, bound to
//config:	  RUN_DIR/NAME.
//applet:30 add NETNS_ADD "add"
//usage:netns add NAME
#include <limits.h>
#include <sched.h>
#include <sys/mount.h>
#include "libbb.h"

int add_main(int argc, char **argv)
{
	char path[PATH_MAX];
	int self, r;

	if (argc < 1)
		return msg("No netns name specified", NULL), EXIT_FAIL;
	extra_ignored(argc, argv, 1);
	if (netns_create_file(path, argv[0]))
		return EXIT_FAIL;
	/* remember where we are, to come back once the new one is bound:
	 * batch lines after this one act where the user expects */
	self = fd_open("/proc/self/ns/net", O_RDONLY);
	if (self < 0 || unshare(CLONE_NEWNET) < 0) {
		msg_errno("Failed to create a new network namespace \"",
			  argv[0], "\": ");
		unlink(path);
		if (self >= 0)
			close(self);
		return EXIT_FAIL;
	}
	r = netns_bind(path, "/proc/self/ns/net");
	if (setns(self, CLONE_NEWNET) < 0) {
		msg_errno("Cannot return to the original network namespace: ",
			  "", "");
		/* a failed add leaves no name: this one goes too */
		if (!r) {
			umount2(path, MNT_DETACH);
			unlink(path);
		}
		r = -1;
	}
	close(self);
	return r ? EXIT_FAIL : 0;
}
