/* SPDX-License-Identifier: MIT */
/* monitor: say which names come and go in the run dir, as they do */
//config:config NETNS_MONITOR
//config:	bool "monitor (0.4 kb)"
//config:	default y
//config:	help
//config:	  netns monitor: print "add NAME" or "delete NAME" for every
//config:	  name created in or removed from RUN_DIR, as ip netns
//config:	  monitor does. Each line is written out as it happens, also
//config:	  into a pipe or a file (iproute2 holds them back there).
//applet:90 monitor NETNS_MONITOR "monitor"
//usage:netns monitor
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "libbb.h"

/* iproute2's wording: "STEP failed: REASON", exit 1 */
static int failed(const char *step)
{
	msg(step, " failed: ", netns_strerror(errno), NULL);
	return EXIT_FAIL;
}

int monitor_main(int argc, char **argv)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	const char *what;
	ssize_t len;
	int fd;

	(void)argv;
	if (extra_args(argc, 0))
		return EXIT_FAIL;
	fd = syscall(SYS_inotify_init1, IN_CLOEXEC);
	if (fd < 0)
		return failed("inotify_init");
	/* the run dir may not exist before the first add: make it, as
	 * iproute2 does, so that the first name is seen */
	if (mkdir(RUN_DIR, 0755) < 0 && errno != EEXIST)
		return failed("mkdir " RUN_DIR);
	if (inotify_add_watch(fd, RUN_DIR, IN_CREATE | IN_DELETE) < 0)
		return failed("inotify_add_watch");
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (ev = (void *)buf; (char *)ev < buf + len;
		     ev = (void *)((char *)(ev + 1) + ev->len)) {
			what = ev->mask & IN_CREATE ? "add " :
			       ev->mask & IN_DELETE ? "delete " : NULL;
			if (what) {
				out_str(what);
				out_str(ev->name);
				out_char('\n');
			}
		}
		/* now, not when 4 KiB have piled up: a reader of a pipe
		 * waits for each line */
		out_flush();
	}
	return failed("read");
}
