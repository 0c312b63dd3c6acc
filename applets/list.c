/* list: show the named network namespaces, in readdir order */
//config:config NETNS_LIST
//config:	bool "list (200 bytes)"
//config:	default y
//config:	help
//config:	  netns list (also show, lst, and netns alone): the names in
//config:	  the run dir, as ip netns list prints them.
//applet:10 list NETNS_LIST "list\0show\0lst"
//usage:netns list
#include "libbb.h"

static int print_name(const char *name, void *arg)
{
	(void)arg;
	out_str(name);
	out_char('\n');
	return 0;
}

int list_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	netns_foreach(print_name, NULL);
	return 0;
}
