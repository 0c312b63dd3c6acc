/* delete: remove the name of a network namespace */
//config:config NETNS_DELETE
//config:	bool "delete (250 bytes)"
//config:	default y
//config:	help
//config:	  netns delete NAME, and -all delete: unmount and remove
//config:	  RUN_DIR/NAME. The namespace itself goes when its last
//config:	  user does.
//applet:50 delete NETNS_DELETE "delete"
//usage:netns [-all] delete [NAME]
#include <limits.h>
#include <sys/mount.h>
#include "libbb.h"

/* returns non-zero to stop -all at the first failure, as iproute2 does */
static int delete_one(const char *name, void *arg)
{
	char path[PATH_MAX];

	(void)arg;
	netns_path(path, name);
	umount2(path, MNT_DETACH);
	if (unlink(path) < 0) {
		msg("Cannot remove namespace file \"", path, "\": ",
		    strerror(errno), NULL);
		return EXIT_FAIL;
	}
	return 0;
}

int delete_main(int argc, char **argv)
{
	if (opt.all)
		return netns_foreach(delete_one, NULL);
	if (argc < 1)
		return msg("No netns name specified", NULL), EXIT_FAIL;
	return delete_one(argv[0], NULL);
}
