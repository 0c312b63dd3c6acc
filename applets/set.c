/* SPDX-License-Identifier: MIT */
/* set: give a named namespace an id in the caller's namespace */
//config:config NETNS_SET
//config:	bool "set (0.5 kb)"
//config:	default y
//config:	help
//config:	  netns set NAME NSID|auto: assign the namespace id NSID (or
//config:	  one the kernel picks) to NAME's namespace, valid in the
//config:	  caller's namespace, as ip netns set. An id once assigned
//config:	  cannot change.
//applet:40 set NETNS_SET "set"
//usage:netns set NAME NETNSID
//usage:NETNSID := auto | POSITIVE-INT
#include "libbb.h"

int set_main(int argc, char **argv)
{
	char buf[64] __attribute__((aligned(4)));
	struct nlmsghdr *n;
	int nsid = -1, fd, sock, bad, r = EXIT_FAIL;

	if (argc < 1)
		return msg("No netns name specified", NULL), EXIT_FAIL;
	if (argc < 2)
		return msg("No nsid specified", NULL), EXIT_FAIL;
	if (extra_args(argc, 2))
		return EXIT_FAIL;
	/* "auto" is -1: the kernel picks a free id */
	if (strcmp(argv[1], "auto")) {
		bad = parse_int(argv[1], &nsid);
		if (bad || nsid < 0)
			return arg_wrong(argv[1], bad ? "Invalid " : "",
					 "\"netnsid\" value",
					 bad ? "" : " should be >= 0");
	}
	fd = netns_open_by_name(argv[0]);
	if (fd < 0)
		return EXIT_FAIL;
	sock = nl_open();
	if (sock >= 0) {
		n = nl_msg_init(buf, RTM_NEWNSID, 0, "", 1);
		nl_put_u32(n, NETNSA_FD, fd);
		nl_put_u32(n, NETNSA_NSID, nsid);
		r = nl_call(sock, n, NULL, NULL, EOPNOTSUPP);
		if (r == -EOPNOTSUPP)
			msg("Cannot set the id of \"", argv[0], "\"",
			    NL_NO_NSID, NULL);
		r = r ? EXIT_NETLINK : 0;
		close(sock);
	}
	close(fd);
	return r;
}
