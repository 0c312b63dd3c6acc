/* SPDX-License-Identifier: MIT */
/* monitor: say which names come and go in the run dir, as they do */
//config:config NETNS_MONITOR
//config:	bool "monitor (0.9 kb)"
//config:	default y
//config:	help
//config:	  netns monitor: print "add NAME" or "delete NAME" for every
//config:	  name created in or removed from RUN_DIR, as ip netns
//config:	  monitor does. Each line is written out as it happens, also
//config:	  into a pipe or a file (iproute2 holds them back there).
//config:	  When the kernel drops events (its queue overflowed), it
//config:	  says so and prints what changed meanwhile.
//applet:90 monitor NETNS_MONITOR "monitor"
//usage:netns monitor
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "libbb.h"

/* The names known to be in the run dir, so that what changed while the
 * kernel dropped events can be told: those of the last listing and those
 * added since, each ended by its NUL, then an empty one. A name deleted
 * since is marked by a '/', which no name holds. Two lists, this one and
 * the one before (in .bss: a page costs memory only once used). When no
 * name fits any more, the run dir is listed again: that list is exact. */
static char lists[2][1 << 17];
static char *known = lists[0], *known_end = lists[0];

/* NAME's entry in LIST, or NULL */
static char *find(char *list, const char *name)
{
	for (; *list; list += str_len(list) + 1)
		if (!strcmp(list, name))
			return list;
	return NULL;
}

/* NAME known too; -1 when it does not fit */
static int know(const char *name)
{
	if (known_end + str_len(name) + 2 > known + sizeof(lists[0]))
		return -1;
	known_end = str_copy(known_end, name) + 1;
	*known_end = 0;
	return 0;
}

static void say(int add, const char *name)
{
	out_str(add ? "add " : "delete ");
	out_str(name);
	out_char('\n');
}

/* say, as added (ADD) or deleted, every name of list A that B has not */
static void say_missing(char *a, char *b, int add)
{
	for (; *a; a += str_len(a) + 1)
		if (*a != '/' && !find(b, a))
			say(add, a);
}

/* List the run dir again; when TELL, say what differs from the names
 * known: what is there and was not known was added, what was known and is
 * not there was deleted. */
static void list_again(int tell)
{
	char *was = known;
	struct dir_iter d;
	const char *e;

	known = known_end = lists[was == lists[0]];
	*known = 0;
	if (dir_begin(&d, RUN_DIR) > 0) {
		while ((e = dir_next(&d)))
			know(e);
		dir_end(&d, RUN_DIR);
	}
	if (tell) {
		say_missing(known, was, 1);
		say_missing(was, known, 0);
	}
}

/* what an event says: NAME was added (ADD) or deleted */
static void event(int add, const char *name)
{
	char *p = find(known, name);

	say(add, name);
	if (!add && p)
		*p = '/';
	if (add && !p && know(name) < 0)
		list_again(0);
}

int monitor_main(int argc, char **argv)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t len;
	int fd;

	extra_ignored(argc, argv, 0);
	fd = syscall(SYS_inotify_init1, IN_CLOEXEC);
	if (fd < 0)
		return step_failed("inotify_init");
	/* the run dir may not exist before the first add: make it, as
	 * iproute2 does, so that the first name is seen */
	if (mkdir(RUN_DIR, 0755) < 0 && errno != EEXIST)
		return step_failed("mkdir " RUN_DIR);
	if (inotify_add_watch(fd, RUN_DIR, IN_CREATE | IN_DELETE) < 0)
		return step_failed("inotify_add_watch");
	list_again(0);
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (ev = (void *)buf; (char *)ev < buf + len;
		     ev = (void *)((char *)(ev + 1) + ev->len)) {
			if (ev->mask & (IN_CREATE | IN_DELETE))
				event(ev->mask & IN_CREATE, ev->name);
			if (ev->mask & IN_Q_OVERFLOW) {
				msg("inotify queue overflow: listing ", RUN_DIR,
				    " again", NULL);
				list_again(1);
			}
		}
		/* now, not when 4 KiB have piled up: a reader of a pipe
		 * waits for each line; and none to write to ends it */
		out_flush();
		if (out_failed())
			return step_failed("write");
	}
	return step_failed("read");
}
