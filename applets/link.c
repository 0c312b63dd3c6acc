/* SPDX-License-Identifier: MIT */
/* link: `ip link` through the ip link, for the steps around every
 * namespace: set a device's state, name, mtu, address and namespace, make
 * a veth pair, delete a device. What else ip link does goes to the other
 * ip (CONFIG_IP_FALLBACK). */
//config:config NETNS_LINK
//config:	bool "ip link set, add veth, delete (2.7 kb)"
//config:	default y
//config:	help
//config:	  Through the ip link, as iproute2 does them (one request
//config:	  each): ip [-n NAME] link set [dev] DEV [up|down] [mtu MTU]
//config:	  [name NEWNAME] [address LLADDR] [netns NAME|PID], in any
//config:	  order; ip link add [name] NAME type veth peer [name] PEER
//config:	  [netns NAME|PID]; ip link del[ete] [dev] DEV. Any other
//config:	  ip link command goes to the other ip (IP_FALLBACK).
//object:20 link NETNS_LINK "link"
//usage:ip [-n NAME] link set [dev] DEV [ATTRS] [name NEWNAME]
//usage:ip [-n NAME] link add [name] NAME [ATTRS] type veth [peer [name] PEER [ATTRS]]
//usage:ip [-n NAME] link del[ete] [dev] DEV
//usage:ATTRS := [up|down] [mtu MTU] [address LLADDR] [netns NAME|PID]
#include "libbb.h"
#include "main.h"

/* The keywords: those that take a value, in the order of struct
 * dev_words, then those that do not */
enum { W_NAME, W_NETNS, W_MTU, W_ADDRESS, W_DEV, W_KEYS,
       K_UP = W_KEYS, K_DOWN, K_TYPE, K_NONE };
static const char keys[] = "name\0netns\0mtu\0address\0dev\0up\0down\0type\0";

/* the words of one device: its name, what to set, and up or down */
struct dev_words {
	const char *w[W_KEYS];
	int up;		/* 1 up, 0 down, -1 as it is */
	int addr_len;	/* of the address put in the request */
};

/* a word this ip does not know: the other ip's, or say so */
#define UNKNOWN	(-1)

static int key_of(const char *word)
{
	const char *k = keys;
	int i;

	for (i = 0; i < K_NONE && strcmp(word, k); i++)
		k += str_len(k) + 1;
	return i;
}

/* The words of one device (for add: up to "type", whose index goes to
 * *TYPE) into D, as iproute2 reads them: a bare word or "dev" names the
 * device, and so does "name" until one of them comes. 0, UNKNOWN, or
 * EXIT_USAGE after iproute2's words. */
static int read_dev_words(int argc, char **argv, struct dev_words *d,
			  int *type)
{
	int i, k;

	d->up = -1;
	for (i = 0; i < argc; i++) {
		k = key_of(argv[i]);
		if (k == K_UP || k == K_DOWN) {
			d->up = k == K_UP;
			continue;
		}
		if (k == K_TYPE && type) {
			*type = i;
			return 0;
		}
		if (k >= W_KEYS && is_abbrev(argv[i], "help"))
			return UNKNOWN;
		/* a second bare word may be a keyword of iproute2's own */
		if (k >= W_KEYS && d->w[W_DEV] && d->w[W_DEV] != d->w[W_NAME])
			return UNKNOWN;
		if (k >= W_KEYS)	/* a bare word: the device */
			k = W_DEV;
		else if (++i == argc)
			return usage_fail("Command line is not complete. "
					  "Try option \"help\"", NULL);
		if (k == W_DEV && d->w[W_DEV] && d->w[W_DEV] != d->w[W_NAME])
			return usage_fail("Error: either \"dev\" is duplicate, "
					  "or \"", argv[i], "\" is a garbage.",
					  NULL);
		if (k != W_DEV && k != W_ADDRESS && d->w[k])
			return usage_fail("Error: duplicate \"", argv[i - 1],
					  "\": \"", argv[i],
					  "\" is the second value.", NULL);
		d->w[k] = argv[i];
		if (!d->w[W_DEV])
			d->w[W_DEV] = d->w[W_NAME];
	}
	return 0;
}

/* A link layer address as iproute2 reads it: hex bytes (0x allowed)
 * between colons. Its length, or -1 after saying it is wrong. */
static int lladdr_parse(const char *arg, unsigned char *addr)
{
	const char *s = arg, *start;
	unsigned v, c, len = 0;

	for (;;) {
		s += s[0] == '0' && (s[1] | 32) == 'x' ? 2 : 0;
		for (start = s, v = 0; (c = digit_value(*s)) < 16 && v < 256; s++)
			v = v * 16 + c;
		if (s == start || v > 255 || len == MAX_ADDR_LEN ||
		    (*s && *s != ':'))
			return msg("\"", arg, "\" is invalid lladdr.", NULL), -1;
		addr[len++] = v;
		if (!*s++)
			return len;
	}
}

/* Put what D asks for into request N (the device's ifinfomsg at IFI):
 * its name if given with "name" (or, when it is made, a bare name), and
 * the rest. The fd of a namespace goes to *NS (to close after the send).
 * 0, or an exit status after iproute2's words. */
static int put_dev_words(struct nlmsghdr *n, struct ifinfomsg *ifi,
			 struct dev_words *d, int create, int *ns)
{
	unsigned char addr[MAX_ADDR_LEN];
	unsigned attr;
	int v;

	/* iproute2 checks a name given with "name" as a name, a bare one
	 * as a device it would look up (an alternative name may be long) */
	if (d->w[W_NAME] && ifname_check("\"name\"", d->w[W_NAME],
					  IFNAMSIZ - 1))
		return EXIT_USAGE;
	if (d->w[W_NAME] || (create && d->w[W_DEV]))
		nl_put_str(n, IFLA_IFNAME, d->w[W_NAME] ? d->w[W_NAME] :
							    d->w[W_DEV]);
	if (d->w[W_MTU]) {
		if (parse_int(d->w[W_MTU], &v))
			return arg_wrong(d->w[W_MTU], "Invalid \"mtu\" value",
					 "", "");
		nl_put_u32(n, IFLA_MTU, v);
	}
	if (d->w[W_ADDRESS]) {
		if ((v = lladdr_parse(d->w[W_ADDRESS], addr)) < 0)
			return EXIT_FAIL;
		nl_put(n, IFLA_ADDRESS, addr, v);
		d->addr_len = v;
	}
	if (d->w[W_NETNS]) {
		if ((v = link_netns(d->w[W_NETNS], &attr, ns)))
			return v;
		nl_put_u32(n, attr, *ns);
		if (attr != IFLA_NET_NS_FD)
			*ns = -1;
	}
	if (d->up >= 0) {
		ifi->ifi_change |= IFF_UP;
		ifi->ifi_flags |= d->up ? IFF_UP : 0;
	}
	return 0;
}

/* Send request N on a socket of our own: 0, or the exit status of a
 * failure (said as iproute2 says it). The device D names, if any, is
 * looked up first, its index put into N's ifinfomsg IFI, and the length
 * of the address N sets checked against the device's. */
static int link_request(struct nlmsghdr *n, struct ifinfomsg *ifi,
			const struct dev_words *d)
{
	char num[21];
	int sock = nl_open(), r = EXIT_FAIL, len = -1;

	if (sock < 0)
		return EXIT_FAIL;
	if (d && !(ifi->ifi_index = link_index(sock, d->w[W_DEV], &len)))
		msg("Cannot find device \"", d->w[W_DEV], "\"", NULL);
	else if (d && d->addr_len && len >= 0 && len != d->addr_len)
		msg("Invalid address length: \"", d->w[W_DEV], "\" takes ",
		    utoa(len, num), " bytes", NULL);
	else
		r = nl_call(sock, n, NULL, NULL, 0) ? EXIT_NETLINK : 0;
	close(sock);
	return r;
}

/* The request: RTM_NEWLINK or RTM_DELLINK and its ifinfomsg, then the
 * attributes (a veth pair's take the most, some 250 bytes) */
struct link_req {
	struct nlmsghdr h;
	struct ifinfomsg ifi;
	uint32_t attrs[128];
};

/* After "type" at argv[KIND] of add: "veth", and the peer's words after
 * "peer" into P. 0, UNKNOWN (another kind, or iproute2's usage of veth),
 * or an exit status after iproute2's words. */
static int veth_words(int argc, char **argv, int kind, struct dev_words *p)
{
	if (kind == argc)
		return msg("Not enough information: \"type\" argument is "
			   "required", NULL), EXIT_FAIL;
	if (kind + 1 == argc || strcmp(argv[kind + 1], "veth") ||
	    (kind + 2 < argc && strcmp(argv[kind + 2], "peer")))
		return UNKNOWN;
	return kind + 3 < argc ?
	       read_dev_words(argc - kind - 3, argv + kind + 3, p, NULL) : 0;
}

/* The nest of a veth pair's kind and peer, the peer's words P in it */
static int put_veth(struct nlmsghdr *n, struct dev_words *p, int *ns)
{
	struct nlattr *info = nl_nest_start(n, IFLA_LINKINFO), *data, *peer;
	struct ifinfomsg *pifi;
	int r;

	nl_put_str(n, IFLA_INFO_KIND, "veth");
	data = nl_nest_start(n, IFLA_INFO_DATA);
	peer = nl_nest_start(n, VETH_INFO_PEER);
	/* the peer's own ifinfomsg comes first in its nest */
	pifi = (struct ifinfomsg *)(peer + 1);
	memset(pifi, 0, sizeof(*pifi));
	n->nlmsg_len += sizeof(*pifi);
	r = put_dev_words(n, pifi, p, 1, ns);
	nl_nest_end(n, peer);
	nl_nest_end(n, data);
	nl_nest_end(n, info);
	return r;
}

/* `ip link set|delete|add WORDS` in one request of TYPE: RTM_NEWLINK to
 * set, RTM_DELLINK to delete (a device and nothing else), RTM_NEWLINK
 * with NLM_F_CREATE to add a veth pair (WORDS type veth [peer WORDS]) */
static int link_change(unsigned type, unsigned flags, int argc, char **argv)
{
	struct dev_words d = { { 0 }, 0, 0 }, p = { { 0 }, 0, 0 };
	struct ifinfomsg ifi = { 0 };
	struct link_req q;
	struct nlmsghdr *n = nl_msg_init(&q, type, flags, &ifi, sizeof(ifi));
	int create = flags & NLM_F_CREATE, kind = argc, ns[2] = { -1, -1 }, r;

	r = read_dev_words(argc, argv, &d, create ? &kind : NULL);
	if (!r && create)
		r = veth_words(argc, argv, kind, &p);
	else if (!r && !d.w[W_DEV])
		r = usage_fail("Not enough information: \"dev\" argument is "
			       "required.", NULL);
	else if (!r)
		r = ifname_check("\"dev\"", d.w[W_DEV], ALTIFNAMSIZ - 1);
	if (!r && type == RTM_DELLINK && (d.up >= 0 || d.w[W_NAME] ||
	    d.w[W_NETNS] || d.w[W_MTU] || d.w[W_ADDRESS]))
		r = UNKNOWN;
	if (!r && type == RTM_NEWLINK)
		r = put_dev_words(n, &q.ifi, &d, create, &ns[0]);
	if (!r && create)
		r = put_veth(n, &p, &ns[1]);
	if (!r)
		r = link_request(n, &q.ifi, create ? NULL : &d);
	close(ns[0]);
	close(ns[1]);
	return r;
}

/* `ip link VERB WORDS`, argv[0] being "link" as it was typed */
int link_main(int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	int r = UNKNOWN;

	/* iproute2's order of prefix matching: "s" is set, "d" delete */
	if (is_abbrev(verb, "add"))
		r = link_change(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
				argc - 2, argv + 2);
	else if (is_abbrev(verb, "set") || is_abbrev(verb, "change"))
		r = link_change(RTM_NEWLINK, 0, argc - 2, argv + 2);
	else if (is_abbrev(verb, "delete"))
		r = link_change(RTM_DELLINK, 0, argc - 2, argv + 2);
	return r == UNKNOWN ? ip_elsewhere(argc, argv) : r;
}
