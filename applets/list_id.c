/* SPDX-License-Identifier: MIT */
/* list-id: the namespace ids of the caller's namespace, or of another */
//config:config NETNS_LIST_ID
//config:	bool "list-id (1.5 kb)"
//config:	default y
//config:	help
//config:	  netns list-id [target-nsid N] [nsid N]: the ids that peer
//config:	  namespaces have in ours (or, with target-nsid, in the
//config:	  namespace whose id in ours is N), each with its name in
//config:	  the run dir, as ip netns list-id prints them.
//applet:20 list_id NETNS_LIST_ID "list-id"
//usage:netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]
#include <sys/socket.h>
#include "libbb.h"

/* The names that have an id, learnt before the dump so that each line
 * can name its namespace, in readdir order: the first name of an id is
 * found first, as in iproute2's cache. Scratch memory like nl_rxbuf:
 * pages of it that are not used cost nothing. */
static char id_names[1 << 18] __attribute__((aligned(4)));

struct list_id {
	unsigned used;	/* bytes of id_names */
	char open;	/* the JSON list is open */
};

static void learn(const char *name, int nsid, void *arg)
{
	struct list_id *l = arg;
	unsigned size = NL_ALIGN(sizeof(int) + str_len(name) + 1);

	/* a name beyond the scratch memory is printed without its name */
	if (nsid < 0 || size > sizeof(id_names) - l->used)
		return;
	memcpy(id_names + l->used, &nsid, sizeof(int));
	str_copy(id_names + l->used + sizeof(int), name);
	l->used += size;
}

static const char *name_of(unsigned used, int nsid)
{
	unsigned off = 0;
	const char *name;
	int id;

	while (nsid >= 0 && off < used) {
		name = id_names + off + sizeof(int);
		memcpy(&id, id_names + off, sizeof(int));
		if (id == nsid)
			return name;
		off += NL_ALIGN(sizeof(int) + str_len(name) + 1);
	}
	return NULL;
}

/* "KEY N " or "KEY unassigned " (left out of JSON) */
static __attribute__((noinline)) void show_id(const char *key, const char *pre, int id)
{
	if (id < 0) {
		pr_text(key);
		pr_text(" unassigned ");
	} else {
		pr_uint(key, pre, id, " ");
	}
}

/* One answer: "nsid N [current-nsid M ](iproute2 netns name: NAME)".
 * iproute2 names it by the current-nsid when the kernel sends one (in
 * our ids), else by the nsid, and on a miss by the nsid after all. */
static int show(const struct nlmsghdr *n, void *arg)
{
	const struct nlattr *tb[NETNSA_CURRENT_NSID + 1];
	struct list_id *l = arg;
	const char *name;
	int nsid, cur;

	if (n->nlmsg_type != RTM_NEWNSID)
		return 0;
	if (nl_msg_attrs(n, 1, tb, NETNSA_CURRENT_NSID) < 0 ||
	    !tb[NETNSA_NSID])
		return -EBADMSG;
	nsid = nl_get_u32(tb[NETNSA_NSID]);
	cur = tb[NETNSA_CURRENT_NSID] ? (int)nl_get_u32(tb[NETNSA_CURRENT_NSID])
				      : nsid;
	name = name_of(l->used, cur);
	if (!name)
		name = name_of(l->used, nsid);
	if (CONFIG_FEATURE_JSON && opt.json && !l->open) {
		json_list_start();
		l->open = 1;
	}
	pr_start();
	show_id("nsid", "nsid ", nsid);
	if (tb[NETNSA_CURRENT_NSID])
		show_id("current-nsid", "current-nsid ", cur);
	if (name)
		pr_str("name", "(iproute2 netns name: ", name, ")");
	pr_end();
	return 0;
}

/* "target-nsid N" and "nsid N", each once, N >= 0 as iproute2 reads it;
 * iproute2's words for what is wrong, and 255 */
static int parse(int argc, char **argv, int *target, int *nsid)
{
	const char *word, *why;
	int *v, bad;

	for (; argc > 0; argc--, argv++) {
		word = *argv;
		v = !strcmp(word, "target-nsid") ? target :
		    !strcmp(word, "nsid") ? nsid : NULL;
		if (!v)
			return usage_fail("Argument \"", word, "\" is unknown, "
					  "try \"ip netns help\".", NULL);
		if (*v >= 0)
			return usage_fail("Error: duplicate \"", word, "\": \"",
					  word, "\" is the second value.", NULL);
		if (argc < 2)
			return usage_fail("Command line is not complete. "
					  "Try option \"help\"", NULL);
		argc--, argv++;
		bad = parse_int(*argv, v);
		why = bad ? "\" value is invalid" : "\" value should be >= 0";
		if (bad || *v < 0)
			return arg_wrong(*argv, "\"", word, why);
	}
	return 0;
}

int list_id_main(int argc, char **argv)
{
	char buf[64] __attribute__((aligned(4)));
	struct list_id l = { 0, 0 };
	struct nlmsghdr *n;
	struct dir_iter d;
	int target = -1, nsid = -1, sock, r, one = 1;

	if ((r = parse(argc, argv, &target, &nsid)))
		return r;
	sock = nl_open();
	if (sock < 0)
		return EXIT_FAIL;
	/* The kernel reads target-nsid of a dump only when strict (5.0;
	 * 4.20 refuses it). Before 4.20 it would list our own ids. */
	if (setsockopt(sock, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
		       sizeof(one)) < 0 && target >= 0) {
		close(sock);
		return msg("Cannot list the ids of another namespace: the "
			   "kernel has no target-nsid (Linux 5.0)", NULL),
			EXIT_NETLINK;
	}
	/* the names of the ids; a run dir that cannot be read, or ids that
	 * cannot be asked (said why), end it: 1 */
	r = dir_begin(&d, RUN_DIR);
	if (r > 0 && (r = nsid_foreach(sock, &d, learn, &l),
		      dir_end(&d, RUN_DIR)))
		r = -1;
	if (r == -1) {
		close(sock);
		return EXIT_FAIL;
	}
	n = nl_msg_init(buf, RTM_GETNSID, nsid < 0 ? NLM_F_DUMP : 0, "", 1);
	n->nlmsg_seq = 0;	/* the name lookup used 1 and up */
	if (target >= 0)
		nl_put_u32(n, NETNSA_TARGET_NSID, target);
	if (nsid >= 0)
		nl_put_u32(n, NETNSA_NSID, nsid);
	/* Kernels of late (6.18 here) end an id dump with its first message
	 * when that is full (the walk's "no room" is dropped: iproute2 lists
	 * 134 ids then), and the message is as large as the largest read so
	 * far on the socket, 32 KiB at most: the ACK of a NOOP read into
	 * nl_rxbuf makes room for some 1100 ids. */
	if (!r && nsid < 0) {
		struct nlmsghdr noop = { sizeof(noop), NLMSG_NOOP, 0, 0, 0 };

		nl_call(sock, &noop, NULL, NULL, 0);
	}
	if (!r) {
		/* iproute2 opens the JSON list of a dump before it asks,
		 * that of a single id when the answer comes */
		if (CONFIG_FEATURE_JSON && opt.json && nsid < 0) {
			json_list_start();
			l.open = 1;
		}
		r = nl_call(sock, n, show, &l, EOPNOTSUPP);
	}
	close(sock);
	if (l.open)
		json_list_end();
	/* iproute2 exits with -(-ENOTSUP), 95 on x86: we say 2, the kernel
	 * refused, as set does */
	if (r == -EOPNOTSUPP)
		msg("Cannot list namespace ids", NL_NO_NSID, NULL);
	else if (r < 0 && nsid < 0)
		return msg("Dump terminated", NULL), EXIT_FAIL;
	return r < 0 ? EXIT_NETLINK : 0;
}
