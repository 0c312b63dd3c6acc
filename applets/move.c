/* SPDX-License-Identifier: MIT */
/* move: move a network device into another network namespace, as
 * iproute2's `ip link set DEV netns NS` does */
//config:config NETNS_MOVE
//config:	bool "move (0.4 kb)"
//config:	default y
//config:	help
//config:	  netns move DEV NAME|PID [name NEWNAME], as iproute2's
//config:	  ip link set DEV netns NAME|PID [name NEWNAME] does it.
//config:	  Through the ip link, ip link set (NETNS_LINK) does the
//config:	  same and more.
//applet:110 move NETNS_MOVE "move"
//usage:netns move DEV NAME|PID [name NEWNAME]
#include "libbb.h"

/* Move device DEV into the namespace NETNS names, renamed to NAME (NULL:
 * keep its name), with iproute2's checks and words */
static int move_dev(const char *dev, const char *netns, const char *name)
{
	unsigned attr;
	int ns, fd, index, r;

	if ((r = ifname_check("\"dev\"", dev, ALTIFNAMSIZ - 1)) ||
	    (name && (r = ifname_check("\"name\"", name, IFNAMSIZ - 1))))
		return r;
	if ((r = link_netns(netns, &attr, &ns)))
		return r;
	r = EXIT_FAIL;
	fd = nl_open();
	if (fd >= 0) {
		index = link_index(fd, dev, NULL);
		if (!index)
			msg("Cannot find device \"", dev, "\"", NULL);
		else
			r = link_move(fd, index, attr, ns, name, 0) ?
			    EXIT_NETLINK : 0;
		close(fd);
	}
	if (attr == IFLA_NET_NS_FD)
		close(ns);
	return r;
}

/* `netns move DEV NAME|PID [name NEWNAME]`: iproute2's `ip link set DEV
 * netns NAME|PID [name NEWNAME]`, shorter */
int move_main(int argc, char **argv)
{
	if (argc != 2 && (argc != 4 || strcmp(argv[2], "name")))
		return usage_fail("Usage: netns move DEV NAME|PID "
				  "[name NEWNAME]", NULL);
	return move_dev(argv[0], argv[1], argc == 4 ? argv[3] : NULL);
}
