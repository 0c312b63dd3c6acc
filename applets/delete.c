/* SPDX-License-Identifier: MIT */
/* delete: remove the name of a network namespace */
//config:config NETNS_DELETE
//config:	bool "delete (1.6 kb)"
//config:	default y
//config:	help
//config:	  netns delete NAME, and -all delete: unmount and remove
//config:	  RUN_DIR/NAME. The namespace itself goes when its last
//config:	  user does. With FEATURE_SAFE_DELETE, physical devices
//config:	  come home first; --no-rescue skips that for one call.
//applet:50 delete NETNS_DELETE "delete"
//usage:netns [-all] delete [--no-rescue] [NAME]
#include <limits.h>
#include <sched.h>
#include <sys/mount.h>
#include "libbb.h"

/* ---- the safe delete (CONFIG_FEATURE_SAFE_DELETE): every physical
 * device of the namespace comes home before the name goes ---- */

/* CB for every device of the namespace of FD (RTM_GETLINK dump) */
static int link_dump(int fd, int (*cb)(const struct nlmsghdr *n, void *arg),
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
static const char *link_physical(const struct nlmsghdr *n)
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
static void link_alt_name(char out[IFNAMSIZ], const char *name,
			  unsigned digit)
{
	size_t n = str_len(name);

	if (n > IFNAMSIZ - 3)
		n = IFNAMSIZ - 3;
	memcpy(out, name, n);
	out[n] = '-';
	out[n + 1] = '0' + digit;
	out[n + 2] = 0;
}

/* one physical device of a namespace, found by a link dump */
struct pick {
	int skip, seen, index;
	char name[IFNAMSIZ];
};

/* link_dump callback: the SKIP-th physical device (those before it
 * could not be moved). The move waits for the end of the dump: a device
 * that leaves in the middle of one can make the kernel skip another. */
static int pick_physical(const struct nlmsghdr *n, void *arg)
{
	struct pick *p = arg;
	const char *name = link_physical(n);

	if (name && p->seen++ == p->skip) {
		p->index = ((const struct ifinfomsg *)(n + 1))->ifi_index;
		str_copy(p->name, name);
	}
	return 0;
}

/* Move device P of the namespace of socket FD (NS by name) into
 * namespace HOME, under its own name or, when that is taken there, under
 * a free one. 1 when it moved. */
static int bring_home(int fd, int home, const char *ns, const struct pick *p)
{
	char name[IFNAMSIZ];
	const char *how = "", *why = "";	/* how it moved, or why not */
	unsigned i = 0;
	int r;

	/* the kernel keeps the name, or refuses with EEXIST; the name goes
	 * with the first request too: without one, kernels before 5.x
	 * (4.14, 4.19 seen) check an empty name and say EINVAL instead */
	while ((r = link_move(fd, p->index, IFLA_NET_NS_FD, home,
			      i ? name : p->name, EEXIST)) == -EEXIST && i < 9)
		link_alt_name(name, p->name, ++i);
	if (r)
		how = ": ", why = netns_strerror(-r);
	else if (i)
		how = " as ", why = name;
	msg(r ? "Cannot move " : "moved ", p->name, " from \"", ns,
	    "\" back to this namespace", how, why, NULL);
	return !r;
}

/* Bring every physical device of namespace NAME (at PATH) back to ours
 * before the name goes: else the kernel hands one back only when the
 * last process in NAME is gone, and until then nobody can see it. Only a
 * namespace bound onto the name itself is entered, looked at before it
 * is opened: never what a symlink leads to (another process's namespace,
 * whose devices are not ours to take), nor a file that is none (a FIFO
 * would block the open). A failure is reported and the delete goes on;
 * but not when we could not come back home: -1 (said why), and the caller
 * stops, as what it would do next would be done in NAME. */
static int rescue(const char *path, const char *name)
{
	struct ns_id here, there;
	struct pick p;
	int home = -1, ns = -1, fd = -1, r = 0;

	if (ns_id_of(path, AT_SYMLINK_NOFOLLOW, &there) < 0) {
		if (errno == ENOENT)
			return 0;	/* no such name: delete says so */
		goto fail;
	}
	if (ns_id_of("/proc/self/ns/net", 0, &here) < 0)
		goto fail;
	/* every namespace is a file of nsfs: its device tells one */
	errno = EINVAL;
	if (there.dev != here.dev)
		goto fail;
	if (there.ino == here.ino)
		return 0;	/* our own namespace: all is home */
	ns = fd_open(path, NS_OPEN | O_NOFOLLOW);
	home = fd_open("/proc/self/ns/net", O_RDONLY);
	if (ns < 0 || home < 0 || setns(ns, CLONE_NEWNET) < 0)
		goto fail;
	/* a socket made in NAME speaks for NAME from anywhere */
	fd = nl_open();
	if (setns(home, CLONE_NEWNET) < 0) {
		msg_errno("Cannot return to the original network namespace: ",
			  "", "");
		r = -1;
		goto out;
	}
	for (p.skip = 0; fd >= 0; ) {
		p.seen = p.index = 0;
		if (link_dump(fd, pick_physical, &p) < 0 || !p.index)
			break;
		p.skip += !bring_home(fd, home, name, &p);
	}
	goto out;
fail:
	/* the pieces of bring_home's message: each string is stored once */
	msg("Cannot move ", "devices", " from \"", name,
	    "\" back to this namespace", ": ", netns_strerror(errno), NULL);
out:
	/* close(-1) is a harmless EBADF */
	close(fd);
	close(ns);
	close(home);
	return r;
}

/* Delete NAME; 0, or -1 (said why) to stop -all at the first failure, as
 * iproute2 does. NO_RESCUE is non-NULL for --no-rescue. The name itself
 * goes, never what a symlink leads to (a mount elsewhere stays). Its
 * namespace is held (O_PATH, which opens nothing) across the unmount: if
 * the name then cannot go (EBUSY, EROFS...), the namespace is bound onto
 * it again, and a failure leaves the name working, not an empty file. */
static int delete_one(const char *name, void *no_rescue)
{
	char path[PATH_MAX], held[40];
	int ns, unmounted, r = 0;

	netns_path(path, name);
	if (CONFIG_FEATURE_SAFE_DELETE && !no_rescue && rescue(path, name) < 0)
		return -1;
	ns = fd_open(path, O_PATH | O_NOFOLLOW);
	unmounted = !umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW);
	if (unlink(path) < 0) {
		msg_errno("Cannot remove namespace file \"", path, "\": ");
		if (unmounted)
			mount(proc_self_fd(held, ns), path, "none", MS_BIND,
			      NULL);
		r = -1;
	}
	close(ns);
	return r;
}

int delete_main(int argc, char **argv)
{
	char *no_rescue = NULL;

	/* accepted without the feature too: there is nothing to skip then */
	if (argc > 0 && !strcmp(argv[0], "--no-rescue")) {
		no_rescue = argv[0];
		argc--, argv++;
		/* main checked the word before the name, not the name */
		if (argc > 0 && !netns_name_ok(argv[0]))
			return usage_fail("Invalid netns name \"", argv[0],
					  "\"", NULL);
	}
	/* iproute2 ignores a name after -all and deletes every name: more
	 * than was asked, so it is refused here */
	if (opt.all && argc > 0)
		return msg("-all delete takes no name: \"", argv[0],
			   "\" (iproute2 would delete them all)", NULL),
		       EXIT_FAIL;
	extra_ignored(argc, argv, 1);
	if (!opt.all && argc < 1)
		return msg("No netns name specified", NULL), EXIT_FAIL;
	if (opt.all ? netns_foreach(delete_one, no_rescue) :
		      delete_one(argv[0], no_rescue))
		return EXIT_FAIL;
	return 0;
}
