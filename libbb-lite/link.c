/* SPDX-License-Identifier: MIT */
/* Network devices over rtnetlink: find one by name, move one into another
 * namespace, walk those of a namespace, and tell a physical one. */
#include "libbb.h"

#define IFLA_ALT_IFNAME	53	/* lookup by an alternative name (5.5+) */
#define ALTIFNAMSIZ	128
#define IFF_LOOPBACK	0x8

/* nl_call callback: the ifindex of an RTM_NEWLINK answer */
static int note_index(const struct nlmsghdr *n, void *index)
{
	if (n->nlmsg_type == RTM_NEWLINK &&
	    n->nlmsg_len >= NL_HDRLEN + sizeof(struct ifinfomsg))
		*(int *)index = ((const struct ifinfomsg *)(n + 1))->ifi_index;
	return 0;
}

/* The ifindex of device NAME in the namespace of netlink socket FD, or 0.
 * Names that do not fit IFNAMSIZ are looked up as alternative names, as
 * iproute2 does. */
int link_index(int fd, const char *name)
{
	uint32_t req[48];
	struct ifinfomsg ifi = { 0 };
	struct nlmsghdr *n;
	size_t len = strlen(name);
	int index = 0;

	if (len >= ALTIFNAMSIZ)	/* none is so long; nor is req */
		return 0;
	n = nl_msg_init(req, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	nl_put_str(n, len < IFNAMSIZ ? IFLA_IFNAME : IFLA_ALT_IFNAME, name);
	nl_call(fd, n, note_index, &index, ENODEV);
	return index;
}

/* RTM_NEWLINK for device INDEX of FD's namespace: into the namespace that
 * NS_ATTR (IFLA_NET_NS_FD or IFLA_NET_NS_PID; 0 for none) names by NS,
 * renamed to NAME (NULL: keep it) in the same request. The kernel's
 * refusal is printed as iproute2 prints it, but for -QUIET, which is only
 * returned; 0 or -errno. */
int link_move(int fd, int index, unsigned ns_attr, int ns, const char *name,
	      int quiet)
{
	uint32_t buf[16];
	struct ifinfomsg ifi = { .ifi_index = index };
	struct nlmsghdr *n = nl_msg_init(buf, RTM_NEWLINK, 0, &ifi, sizeof(ifi));

	if (ns_attr)
		nl_put_u32(n, ns_attr, ns);
	if (name)
		nl_put_str(n, IFLA_IFNAME, name);
	return nl_call(fd, n, NULL, NULL, quiet);
}

/* CB for every device of the namespace of FD (RTM_GETLINK dump) */
int link_dump(int fd, int (*cb)(const struct nlmsghdr *n, void *arg),
	      void *arg)
{
	uint32_t buf[8];
	struct ifinfomsg ifi = { 0 };

	return nl_call(fd, nl_msg_init(buf, RTM_GETLINK, NLM_F_DUMP, &ifi,
				       sizeof(ifi)), cb, arg, 0);
}

/* The name of the device that link message N describes, if physical: no
 * IFLA_INFO_KIND in its IFLA_LINKINFO means no rtnl_link_ops, and such a
 * device is what the kernel hands back to the initial namespace when a
 * namespace dies, where one with a kind (veth, bridge) is destroyed. lo
 * has no kind either but belongs to its namespace. NULL for anything
 * else, a malformed message included: what we cannot read, we leave. */
const char *link_physical(const struct nlmsghdr *n)
{
	const struct ifinfomsg *ifi = (const void *)(n + 1);
	const struct nlattr *tb[IFLA_LINKINFO + 1], *info[IFLA_INFO_KIND + 1];
	const struct nlattr *a;
	const char *name;

	if (n->nlmsg_type != RTM_NEWLINK ||
	    nl_msg_attrs(n, sizeof(*ifi), tb, IFLA_LINKINFO) < 0 ||
	    (ifi->ifi_flags & IFF_LOOPBACK) || !(a = tb[IFLA_IFNAME]))
		return NULL;
	/* the kernel sends the name with its NUL, and it fits IFNAMSIZ */
	name = (const char *)(a + 1);
	if (a->nla_len < 6 || a->nla_len > 4 + IFNAMSIZ ||
	    ((const char *)a)[a->nla_len - 1])
		return NULL;
	a = tb[IFLA_LINKINFO];
	if (a && (nl_attr_parse(a + 1, a->nla_len - 4, info, IFLA_INFO_KIND) < 0
		  || info[IFLA_INFO_KIND]))
		return NULL;
	return name;
}

/* NAME with "-D" appended (D: a digit 1-9), cut to fit IFNAMSIZ: a name
 * to come home under when NAME is taken there (eth0 -> eth0-1). */
void link_alt_name(char out[IFNAMSIZ], const char *name, unsigned digit)
{
	size_t n = strlen(name);

	if (n > IFNAMSIZ - 3)
		n = IFNAMSIZ - 3;
	memcpy(out, name, n);
	out[n] = '-';
	out[n + 1] = '0' + digit;
	out[n + 2] = 0;
}
