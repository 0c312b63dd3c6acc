/* SPDX-License-Identifier: MIT */
/* Unit tests of the safe delete's device checks (applets/delete.c,
 * included here to reach its static functions) that need no root: which
 * link dump messages it takes for physical devices (crafted netlink
 * messages, malformed ones included), which one a dump picks, and the
 * free names it comes home under. */
#include "unit.h"
#include "delete.c"

#define IFLA_INFO_SLAVE_KIND	4
#define IFLA_MTU		4
#define RTM_DELLINK		17

static uint32_t buf[256];

/* an RTM_NEWLINK message as a dump carries it: ifinfomsg, IFLA_IFNAME,
 * and, when KIND or SLAVE is given, IFLA_LINKINFO with those in it */
static struct nlmsghdr *link_msg(const char *name, unsigned flags,
				 const char *kind, const char *slave)
{
	struct ifinfomsg ifi = { .ifi_index = 7, .ifi_flags = flags };
	struct nlmsghdr *n = nl_msg_init(buf, RTM_NEWLINK, 0, &ifi,
					 sizeof(ifi));
	struct nlattr *info;

	nl_put_u32(n, IFLA_MTU, 1500);
	if (name)
		nl_put_str(n, IFLA_IFNAME, name);
	if (kind || slave) {
		/* a nest: an attribute whose data are attributes */
		info = (struct nlattr *)((char *)n + n->nlmsg_len);
		nl_put(n, IFLA_LINKINFO | 0x8000, NULL, 0);
		if (kind)
			nl_put_str(n, IFLA_INFO_KIND, kind);
		if (slave)
			nl_put_str(n, IFLA_INFO_SLAVE_KIND, slave);
		info->nla_len = (char *)n + n->nlmsg_len - (char *)info;
	}
	return n;
}

static int is(const char *got, const char *want)
{
	return got && !strcmp(got, want);
}

/* the IFLA_IFNAME attribute of the message link_msg made */
static struct nlattr *name_attr(struct nlmsghdr *n)
{
	return (struct nlattr *)((char *)n + NL_HDRLEN +
				 sizeof(struct ifinfomsg) + 8);
}

static void test_physical(void)
{
	struct nlmsghdr *n;

	/* a NIC: no IFLA_LINKINFO at all */
	CHECK(is(link_physical(link_msg("eth0", 0x1003, NULL, NULL)), "eth0"));
	/* a NIC in a bridge: a slave kind, but no kind of its own */
	CHECK(is(link_physical(link_msg("eth1", 0, NULL, "bridge")), "eth1"));
	CHECK(is(link_physical(link_msg("wan-port-15chr", 0, NULL, NULL)),
		 "wan-port-15chr"));
	/* virtual devices die with their namespace: left to the kernel */
	CHECK(!link_physical(link_msg("veth0", 0, "veth", NULL)));
	CHECK(!link_physical(link_msg("br0", 0, "bridge", NULL)));
	CHECK(!link_physical(link_msg("mv0", 0, "macvlan", "bridge")));
	/* lo has no kind, but it belongs to its namespace */
	CHECK(!link_physical(link_msg("lo", IFF_LOOPBACK | 1, NULL, NULL)));
	/* not a link message */
	n = link_msg("eth0", 0, NULL, NULL);
	n->nlmsg_type = RTM_DELLINK;
	CHECK(!link_physical(n));
	/* no name, nothing to say what to move */
	CHECK(!link_physical(link_msg(NULL, 0, NULL, NULL)));

	/* malformed: what cannot be read is left alone */
	n = link_msg("eth0", 0, NULL, NULL);
	n->nlmsg_len = NL_HDRLEN + 8;		/* shorter than ifinfomsg */
	CHECK(!link_physical(n));
	n = link_msg("eth0", 0, NULL, NULL);
	n->nlmsg_len -= 4;			/* name attr runs past the end */
	CHECK(!link_physical(n));
	n = link_msg("eth0", 0, NULL, NULL);
	((char *)(name_attr(n) + 1))[4] = 'x';	/* name without its NUL */
	CHECK(!link_physical(n));
	n = link_msg("eth0", 0, NULL, NULL);
	name_attr(n)->nla_len = 4;		/* empty name */
	CHECK(!link_physical(n));
	/* a name longer than IFNAMSIZ would overrun the caller's buffer */
	CHECK(!link_physical(link_msg("sixteen-chars-xx", 0, NULL, NULL)));
	n = link_msg("eth0", 0, "veth", NULL);
	((struct nlattr *)((char *)name_attr(n) + 12 + 4))->nla_len = 200;
	CHECK(!link_physical(n));		/* broken LINKINFO nest */
	n = link_msg("eth0", 0, NULL, NULL);
	name_attr(n)->nla_len = 2;		/* shorter than a header */
	CHECK(!link_physical(n));
}

static void test_alt_name(void)
{
	char out[IFNAMSIZ];

	link_alt_name(out, "eth0", 1);
	CHECK(!strcmp(out, "eth0-1"));
	link_alt_name(out, "wlan0", 9);
	CHECK(!strcmp(out, "wlan0-9"));
	link_alt_name(out, "abcdefghijklmno", 2);	/* 15: cut to fit */
	CHECK(!strcmp(out, "abcdefghijklm-2"));
	link_alt_name(out, "abcdefghijklm", 3);		/* 13: fits as is */
	CHECK(!strcmp(out, "abcdefghijklm-3"));
	CHECK(strlen(out) == IFNAMSIZ - 1);
}

/* the dump's callback takes the SKIP-th physical device (those before it
 * could not be moved): virtual ones do not count */
static void test_pick(void)
{
	struct pick p = { .skip = 1 };

	CHECK(pick_physical(link_msg("eth0", 0, NULL, NULL), &p) == 0);
	CHECK(pick_physical(link_msg("veth0", 0, "veth", NULL), &p) == 0);
	CHECK(p.seen == 1 && p.index == 0);
	pick_physical(link_msg("eth1", 0, NULL, "bridge"), &p);
	CHECK(p.seen == 2 && p.index == 7 && !strcmp(p.name, "eth1"));
	pick_physical(link_msg("eth2", 0, NULL, NULL), &p);
	CHECK(p.seen == 3 && !strcmp(p.name, "eth1"));	/* the first stays */
}

int main(void)
{
	test_physical();
	test_alt_name();
	test_pick();
	return unit_result();
}
