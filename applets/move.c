/* SPDX-License-Identifier: MIT */
/* move: move a network device into another network namespace, as
 * `netns move` and as iproute2's `ip link set DEV netns NS` */
//config:config NETNS_MOVE
//config:	bool "move (1.6 kb)"
//config:	default y
//config:	help
//config:	  netns move DEV NAME|PID [name NEWNAME], and through the ip
//config:	  link: ip [-n NAME] link set [dev] DEV netns NAME|PID
//config:	  [name NEWNAME], as iproute2 does it. `ip -n NAME link set
//config:	  DEV netns 1` brings DEV home from NAME.
//applet:110 move NETNS_MOVE "move"
//usage:netns move DEV NAME|PID [name NEWNAME]
//usage:ip [-n NAME] link set [dev] DEV netns NAME|PID [name NEWNAME]
#include <limits.h>
#include "libbb.h"
#include "main.h"

static const char set_usage[] =
	"ip link set [dev] DEV netns NAME|PID [name NEWNAME]";

/* iproute2's check of a device name: not empty, no '/', no white space,
 * at most MAX bytes. Says what is wrong with it and returns 255. */
static int ifname_check(const char *what, const char *s, size_t max)
{
	const char *p;

	for (p = s; *p; p++)
		if (*p == '/' || *p == ' ' || (unsigned)(*p - '\t') < 5)
			break;
	if (*p || p == s || (size_t)(p - s) > max)
		return arg_wrong(s, what, " not a valid ifname", "");
	return 0;
}

/* Move device DEV into the namespace NETNS names (NULL: stay), renamed to
 * NAME (NULL: keep its name), with iproute2's checks and words */
static int move_dev(const char *dev, const char *netns, const char *name)
{
	char path[PATH_MAX];
	unsigned attr = 0;
	int ns = -1, fd, index, r;

	if ((r = ifname_check("\"dev\"", dev, -1)) ||
	    (name && (r = ifname_check("\"name\"", name, IFNAMSIZ - 1))))
		return r;
	/* a name in the run dir (a path if it holds a '/') first, then a
	 * PID, as iproute2 reads it */
	if (netns) {
		attr = IFLA_NET_NS_FD;
		ns = fd_open(*str_find(netns, '/') ? netns :
			     netns_path(path, netns), NS_OPEN);
		if (ns < 0) {
			attr = IFLA_NET_NS_PID;
			if (parse_int(netns, &ns)) {
				/* a name that is there but cannot be opened */
				if (errno != ENOENT)
					return msg("Cannot open network namespace \"",
						   netns, "\": ",
						   netns_strerror(errno), NULL),
					       EXIT_FAIL;
				return arg_wrong(netns, "Invalid \"netns\" value",
						 "", "");
			}
		}
	}
	r = EXIT_FAIL;
	fd = nl_open();
	if (fd >= 0) {
		index = link_index(fd, dev);
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

/* `ip link set|change WORDS`, read in iproute2's way: a bare word or
 * `dev` names the device, and so does `name` until one of them comes.
 * A word it cannot read, or would read as a second value, gets the
 * usage of the one form this ip knows. */
int link_main(int argc, char **argv)
{
	const char *dev = NULL, *name = NULL, *netns = NULL, *bad = NULL;
	const char *w, **slot;

	if (argc > 0 && !is_abbrev(argv[0], "set") && !is_abbrev(argv[0], "change"))
		bad = argv[0], argc = 0;
	while (--argc > 0) {
		w = *++argv;
		slot = !strcmp(w, "netns") ? &netns :
		       !strcmp(w, "name") ? &name : &dev;
		if (slot != &dev || !strcmp(w, "dev")) {
			if (--argc < 1) {
				bad = w;	/* no value after it */
				break;
			}
			w = *++argv;
		} else if (is_abbrev(w, "help")) {
			dev = NULL;
			break;
		}
		if (*slot && (slot != &dev || dev != name)) {
			bad = w;
			break;
		}
		*slot = w;
		if (!dev)
			dev = name;
	}
	if (dev && !bad)
		return move_dev(dev, netns, name);
	return usage_fail("Usage: ", set_usage, bad ? " (this ip cannot use \"" :
			  NULL, bad, "\")", NULL);
}

/* `netns move DEV NAME|PID [name NEWNAME]`: the same, shorter */
int move_main(int argc, char **argv)
{
	if (argc != 2 && (argc != 4 || strcmp(argv[2], "name")))
		return usage_fail("Usage: netns move DEV NAME|PID "
				  "[name NEWNAME]", NULL);
	return move_dev(argv[0], argv[1], argc == 4 ? argv[3] : NULL);
}
