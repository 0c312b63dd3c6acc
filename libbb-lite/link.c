/* SPDX-License-Identifier: MIT */
/* Network devices over rtnetlink: find one by name, and move one into
 * another namespace. */
#include "libbb.h"

/* nl_call callback: the ifindex of an RTM_NEWLINK answer, and the length
 * of its link layer address */
static int note_index(const struct nlmsghdr *n, void *arg)
{
	const struct nlattr *tb[IFLA_ADDRESS + 1];
	int *found = arg;

	if (n->nlmsg_type != RTM_NEWLINK ||
	    n->nlmsg_len < NL_HDRLEN + sizeof(struct ifinfomsg))
		return 0;
	found[0] = ((const struct ifinfomsg *)(n + 1))->ifi_index;
	nl_msg_attrs(n, sizeof(struct ifinfomsg), tb, IFLA_ADDRESS);
	if (tb[IFLA_ADDRESS])
		found[1] = tb[IFLA_ADDRESS]->nla_len - 4;
	return 0;
}

/* The ifindex of device NAME in the namespace of netlink socket FD, or 0;
 * the length of its link layer address to *ADDR_LEN (-1: none), if not
 * NULL. Names that do not fit IFNAMSIZ are looked up as alternative
 * names, as iproute2 does (Linux 5.5). */
int link_index(int fd, const char *name, int *addr_len)
{
	uint32_t req[48];
	struct ifinfomsg ifi = { 0 };
	struct nlmsghdr *n;
	size_t len = str_len(name);
	int found[2] = { 0, -1 };

	if (len >= ALTIFNAMSIZ)	/* none is so long; nor is req */
		return 0;
	n = nl_msg_init(req, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	nl_put_str(n, len < IFNAMSIZ ? IFLA_IFNAME : IFLA_ALT_IFNAME, name);
	/* not found: ENODEV, or EINVAL from a kernel without alternative
	 * names (before 5.5) asked for one; the caller says "Cannot find" */
	nl_call(fd, n, note_index, found, -1);
	if (addr_len)
		*addr_len = found[1];
	return found[0];
}

/* RTM_NEWLINK for device INDEX of FD's namespace: into the namespace that
 * NS_ATTR (IFLA_NET_NS_FD or IFLA_NET_NS_PID; 0 for none) names by NS,
 * renamed to NAME (NULL: keep it) in the same request. 0 or -errno; the
 * kernel's refusal is printed as iproute2 prints it, but QUIET_ERRNO. */
int link_move(int fd, int index, unsigned ns_attr, int ns, const char *name,
	      int quiet_errno)
{
	uint32_t buf[16];
	struct ifinfomsg ifi = { .ifi_index = index };
	struct nlmsghdr *n = nl_msg_init(buf, RTM_NEWLINK, 0, &ifi, sizeof(ifi));

	if (ns_attr)
		nl_put_u32(n, ns_attr, ns);
	if (name)
		nl_put_str(n, IFLA_IFNAME, name);
	return nl_call(fd, n, NULL, NULL, quiet_errno);
}
