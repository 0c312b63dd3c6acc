/* SPDX-License-Identifier: MIT */
/* list: show the named network namespaces, in readdir order */
//config:config NETNS_LIST
//config:	bool "list (1.8 kb)"
//config:	default y
//config:	help
//config:	  netns list (also show, lst, and netns alone): the names in
//config:	  the run dir, as ip netns list prints them.
//applet:10 list NETNS_LIST "list\0show\0lst"
//usage:netns list
#include "libbb.h"

/* "NAME (id: N)" as iproute2 prints it; the id only when there is one */
static void show(const char *name, int nsid, void *arg)
{
	(void)arg;
	pr_start();
	pr_str("name", "", name, "");
	if (nsid >= 0)
		pr_uint("id", " (id: ", nsid, ")");
	pr_end();
}

static int count_answer(const struct nlmsghdr *n, void *arg)
{
	(void)n;
	++*(int *)arg;
	return 0;
}

/* Has any namespace an id here? Mostly none does (on a router without
 * veth peers): then one dump answers for every name, where asking each
 * would take an open per name. */
static int any_nsid(int sock)
{
	struct {
		struct nlmsghdr h;
		uint32_t body;
	} req = { { sizeof(req), RTM_GETNSID, NLM_F_REQUEST | NLM_F_DUMP,
		    0, 0 }, 0 };
	int ids = 0;

	return nl_call(sock, &req.h, count_answer, &ids, EOPNOTSUPP) < 0 ||
	       ids;
}

/* The names and their ids; a kernel that tells no ids (or no socket)
 * still gets the names. -1 when ids could not be read (said why). */
static int show_with_ids(struct dir_iter *d)
{
	int sock = nl_open(), r;

	if (sock >= 0 && !any_nsid(sock)) {
		close(sock);
		sock = -1;
	}
	r = nsid_foreach(sock, d, show, NULL);
	if (sock >= 0)
		close(sock);
	return r;
}

int list_main(int argc, char **argv)
{
	struct dir_iter d;
	const char *e;
	int r;

	extra_ignored(argc, argv, 0);
	/* as iproute2: a run dir that is not there lists nothing, not even
	 * an empty JSON list; one that cannot be read is said so */
	r = dir_begin(&d, RUN_DIR);
	if (r <= 0)
		return r ? EXIT_FAIL : 0;
	if (CONFIG_FEATURE_JSON && opt.json)
		json_list_start();
	r = 0;
	if (CONFIG_FEATURE_NSID)
		r = show_with_ids(&d) == -1;
	else
		while ((e = dir_next(&d)))
			show(e, -1, NULL);
	r |= dir_end(&d, RUN_DIR);
	if (CONFIG_FEATURE_JSON && opt.json)
		json_list_end();
	return r ? EXIT_FAIL : 0;
}
