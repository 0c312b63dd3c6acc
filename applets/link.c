/* SPDX-License-Identifier: MIT */
/* link: `ip link` through the ip link, for the steps around every
 * namespace: set a device's state, name, mtu, address and namespace, make
 * a veth pair, delete a device. What else ip link does goes to the other
 * ip (CONFIG_IP_FALLBACK). */
//config:config NETNS_LINK
//config:	bool "ip link set, add veth, delete (0.0 kb)"
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

/* the keywords that take a value, in the order of struct dev_words */
enum { W_NAME, W_NETNS, W_MTU, W_ADDRESS, W_DEV, W_KEYS };
static const char keys[] = "name\0netns\0mtu\0address\0dev\0";

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

	for (i = 0; i < W_KEYS && strcmp(word, k); i++)
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
		if (!strcmp(argv[i], "up") || !strcmp(argv[i], "down")) {
			d->up = argv[i][0] == 'u';
			continue;
		}
		if (type && !strcmp(argv[i], "type")) {
			*type = i;
			return 0;
		}
		k = key_of(argv[i]);
		if (k == W_KEYS && is_abbrev(argv[i], "help"))
			return UNKNOWN;
		if (k == W_KEYS)
			k = W_DEV;
		else if (++i == argc)
			return usage_fail("Command line is not complete. "
					  "Try option \"help\"", NULL);
		/* a second device, or a word of iproute2's own */
		if (k == W_DEV && d->w[W_DEV] && d->w[W_DEV] != d->w[W_NAME])
			return UNKNOWN;
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

/* One byte of a link layer address: hex digits, 0x allowed; -1 if not */
static int lladdr_byte(const char *s)
{
	const char *p = s + (s[0] == '0' && (s[1] | 32) == 'x') * 2;
	int v = 0;

	if (!*p)
		return -1;
	for (; *p && v <= 255; p++) {
		unsigned c = (unsigned)(*p - '0') < 10 ? (unsigned)(*p - '0') :
			     (unsigned)((*p | 32) - 'a') + 10;

		if (c > 15)
			return -1;
		v = v * 16 + c;
	}
	return v > 255 ? -1 : v;
}

/* A link layer address as iproute2 reads it: bytes between colons. Its
 * length, or -1 after saying which part is wrong. */
static int lladdr_parse(const char *s, unsigned char *addr)
{
	char part[24];
	const char *end;
	int len = 0, v;

	for (;; s = end + 1) {
		end = str_find(s, ':');
		v = end - s < (int)sizeof(part) ? end - s : (int)sizeof(part) - 1;
		memcpy(part, s, v);
		part[v] = 0;
		v = lladdr_byte(part);
		if (v < 0 || len == MAX_ADDR_LEN)
			return msg("\"", part, "\" is invalid lladdr.", NULL), -1;
		addr[len++] = v;
		if (!*end)
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
		if (!(attr = link_netns(d->w[W_NETNS], &v)))
			return EXIT_USAGE;
		nl_put_u32(n, attr, v);
		if (attr == IFLA_NET_NS_FD)
			*ns = v;
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
	char want[21], got[21];
	int sock = nl_open(), r = EXIT_FAIL, len = -1;

	if (sock < 0)
		return EXIT_FAIL;
	if (d && !(ifi->ifi_index = link_index(sock, d->w[W_DEV], &len)))
		msg("Cannot find device \"", d->w[W_DEV], "\"", NULL);
	else if (d && d->addr_len && len >= 0 && len != d->addr_len)
		msg("Invalid address length ", utoa(d->addr_len, got),
		    " - must be ", utoa(len, want), " bytes", NULL);
	else
		r = nl_call(sock, n, NULL, NULL, 0) ? EXIT_NETLINK : 0;
	close(sock);
	return r;
}

/* The device a set or a delete is for, as iproute2 checks it */
static int need_dev(const struct dev_words *d)
{
	if (!d->w[W_DEV])
		return usage_fail("Not enough information: \"dev\" argument "
				  "is required.", NULL);
	return ifname_check("\"dev\"", d->w[W_DEV], ALTIFNAMSIZ - 1);
}

/* The request of each form: RTM_NEWLINK or RTM_DELLINK and its
 * ifinfomsg, then the attributes (a veth pair's take the most, some 250
 * bytes) */
struct link_req {
	struct nlmsghdr h;
	struct ifinfomsg ifi;
	uint32_t attrs[128];
};

static struct nlmsghdr *link_req_init(struct link_req *q, unsigned type,
				      unsigned flags)
{
	struct ifinfomsg ifi = { 0 };

	return nl_msg_init(q, type, flags, &ifi, sizeof(ifi));
}

/* ip link set WORDS */
static int link_set(int argc, char **argv)
{
	struct dev_words d = { { 0 }, 0, 0 };
	struct link_req q;
	struct nlmsghdr *n = link_req_init(&q, RTM_NEWLINK, 0);
	int ns = -1, r = read_dev_words(argc, argv, &d, NULL);

	if (!r && !(r = need_dev(&d)) &&
	    !(r = put_dev_words(n, &q.ifi, &d, 0, &ns)))
		r = link_request(n, &q.ifi, &d);
	close(ns);
	return r;
}

/* ip link delete WORDS: only a device */
static int link_delete(int argc, char **argv)
{
	struct dev_words d = { { 0 }, 0, 0 };
	struct link_req q;
	int r = read_dev_words(argc, argv, &d, NULL);

	if (r || (r = need_dev(&d)))
		return r;
	if (d.up >= 0 || d.w[W_NAME] || d.w[W_NETNS] || d.w[W_MTU] ||
	    d.w[W_ADDRESS])
		return UNKNOWN;
	return link_request(link_req_init(&q, RTM_DELLINK, 0), &q.ifi, &d);
}

/* ip link add WORDS type veth [peer WORDS]: one request makes the pair */
static int link_add(int argc, char **argv)
{
	struct dev_words a = { { 0 }, 0, 0 }, p = { { 0 }, 0, 0 };
	struct link_req q;
	struct nlmsghdr *n = link_req_init(&q, RTM_NEWLINK,
					   NLM_F_CREATE | NLM_F_EXCL);
	struct nlattr *info, *data, *peer;
	struct ifinfomsg *pifi;
	int ns[2] = { -1, -1 }, type = argc, r;

	r = read_dev_words(argc, argv, &a, &type);
	if (!r && type == argc)
		return msg("Not enough information: \"type\" argument is "
			   "required", NULL), EXIT_FAIL;
	if (!r && (type + 1 == argc || strcmp(argv[type + 1], "veth") ||
		   (type + 2 < argc && strcmp(argv[type + 2], "peer"))))
		r = UNKNOWN;	/* a kind of iproute2's (or its usage) */
	if (!r && type + 3 < argc)
		r = read_dev_words(argc - type - 3, argv + type + 3, &p, NULL);
	if (!r)
		r = put_dev_words(n, &q.ifi, &a, 1, &ns[0]);
	if (!r) {
		info = nl_nest_start(n, IFLA_LINKINFO);
		nl_put_str(n, IFLA_INFO_KIND, "veth");
		data = nl_nest_start(n, IFLA_INFO_DATA);
		peer = nl_nest_start(n, VETH_INFO_PEER);
		/* the peer's own ifinfomsg comes first in its nest */
		pifi = (struct ifinfomsg *)(peer + 1);
		memset(pifi, 0, sizeof(*pifi));
		n->nlmsg_len += sizeof(*pifi);
		r = put_dev_words(n, pifi, &p, 1, &ns[1]);
		nl_nest_end(n, peer);
		nl_nest_end(n, data);
		nl_nest_end(n, info);
	}
	if (!r)
		r = link_request(n, &q.ifi, NULL);
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
		r = link_add(argc - 2, argv + 2);
	else if (is_abbrev(verb, "set") || is_abbrev(verb, "change"))
		r = link_set(argc - 2, argv + 2);
	else if (is_abbrev(verb, "delete"))
		r = link_delete(argc - 2, argv + 2);
	return r == UNKNOWN ? ip_elsewhere(argc, argv) : r;
}
