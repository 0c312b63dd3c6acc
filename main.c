/* SPDX-License-Identifier: MIT */
/* netns: the global options, the `ip` personality, and the dispatch to
 * applets. Applets parse their own words and return the exit status. */
#include "libbb.h"

struct applet {
	const char *words;	/* the spellings, each ended by \0 */
	int (*main)(int argc, char **argv);
	const char *usage;	/* lines ended by \n; NULL when left out */
};
#include "applets.h"

#define N_APPLETS (sizeof(applets) / sizeof(applets[0]))

struct opts opt;
static char is_ip;	/* invoked through a link named ip */

/* Usage lines read "netns [-all] WORD ..."; through `ip` they read as
 * iproute2's "ip [-all] netns WORD ...". Lines that start with "ip " show
 * only through `ip`; the others (definitions such as NETNSID := ...) go
 * last, untabbed. */
static void usage_lines(const char *u, int defs, int *first)
{
	for (; u && *u; u = str_find(u, '\n') + 1) {
		int ip_only = starts_with(u, "ip ");

		if ((!starts_with(u, "netns") && !ip_only) != defs ||
		    (ip_only && !is_ip))
			continue;
		if (!defs) {
			out_str(*first ? "Usage:\t" : "\t");
			*first = 0;
			if (is_ip && starts_with(u, "netns [-all] ")) {
				out_str("ip [-all] netns ");
				u += 13;
			} else if (is_ip && !ip_only) {
				out_str("ip ");
			}
		}
		out_mem(u, str_find(u, '\n') - u + 1);
	}
}

/* The usage of one applet, or of all that are built in, on stderr; exit
 * 255 as iproute2's help does. */
static int usage(const struct applet *only)
{
	int first = 1;
	unsigned i, defs;

	for (defs = 0; defs < 2; defs++)
		for (i = 0; i < N_APPLETS; i++)
			if (!only || only == &applets[i])
				usage_lines(applets[i].usage, defs, &first);
	out_flush_fd(2);
	return usage_fail(NULL);
}

static const struct applet *find_applet(const char *word)
{
	unsigned i;
	const char *w;

	for (i = 0; i < N_APPLETS; i++)
		for (w = applets[i].words; *w; w += strlen(w) + 1)
			if (!matches(word, w))
				return &applets[i];
	return NULL;
}

static int run_applet(const struct applet *a, const char *word,
		      int argc, char **argv)
{
	if (!a->main)
		return usage_fail("Command \"", word,
				  "\" is not built into this netns binary.",
				  NULL);
	if (argc > 0 && !strcmp(argv[0], "--help"))
		return usage(a);
	return a->main(argc, argv);
}

/* `netns WORD ARGS...`, the same as `ip netns WORD ARGS...` */
static int do_netns(int argc, char **argv)
{
	const struct applet *a;

	if (argc < 1)
		return run_applet(&applets[0], "list", 0, argv);
	/* iproute2 checks the name before the word, so do we */
	if (!opt.all && argc > 1 && !netns_name_ok(argv[1]))
		return usage_fail("Invalid netns name \"", argv[1], "\"", NULL);
	if (!matches(argv[0], "help") || !strcmp(argv[0], "--help"))
		return usage(NULL);
	a = find_applet(argv[0]);
	if (!a)
		return usage_fail("Command \"", argv[0],
				  "\" is unknown, try \"ip netns help\".", NULL);
	return run_applet(a, argv[0], argc - 1, argv + 1);
}

#if CONFIG_NETNS_MOVE
int link_main(int argc, char **argv);	/* applets/move.c: `ip link ...` */
#endif

/* `ip OBJECT ...`: netns, and `link set` when the move applet is built */
static int do_object(int argc, char **argv)
{
	const char *obj = argv[0];

	if (argc < 1 || !matches(obj, "help"))
		return usage(NULL);
	/* "n" and "ne" mean neighbor to iproute2: netns needs three letters */
	if (strlen(obj) >= 3 && !matches(obj, "netns"))
		return do_netns(argc - 1, argv + 1);
#if CONFIG_NETNS_MOVE
	if (!matches(obj, "link"))
		return link_main(argc - 1, argv + 1);
#endif
	return usage_fail("Object \"", obj, "\" is not supported: this ip "
			  "is netns, which does only \"ip netns\""
#if CONFIG_NETNS_MOVE
			  " and \"ip link set DEV netns NS\""
#endif
			  ".", NULL);
}

#if CONFIG_FEATURE_BATCH
int batch_run(const char *file, int force, int (*cmd)(int, char **));
#endif

enum { O_IGNORE = 1, O_IGNORE_ARG, O_COLOR, O_VERSION, O_FORCE, O_BATCH,
       O_HELP, O_NETNS, O_ALL, O_JSON, O_PRETTY };

/* iproute2's options in its order of prefix matching ("-b" is -batch,
 * "-br" -brief), each after its kind byte (octal: \10 is O_NETNS).
 * Those that mean nothing to netns are accepted and ignored, so that
 * scripts run unchanged. */
static const char options[] =
	"\2-loops\0\2-family\0\1-4\0\1-6\0\1-0\0\1-M\0\1-B\0\1-human\0"
	"\1-iec\0\1-statistics\0\1-details\0\1-resolve\0\1-oneline\0"
	"\1-timestamp\0\1-tshort\0\4-Version\0\5-force\0\6-batch\0"
	"\1-brief\0\2-rcvbuf\0\3-color\0\7-help\0\10-netns\0"
	"\1-Numeric\0\11-all\0\12-json\0\13-pretty\0";

static int option_kind(const char *o)
{
	const char *p;
	const char *eq = str_find(o, '=');

	for (p = options; *p; p += strlen(p) + 1)
		if (!matches(o, p + 1))
			return *p;
	/* -color=always and friends */
	if (*eq && eq - o > 1 && !memcmp(o, "-color", eq - o < 6 ? eq - o : 7))
		return O_COLOR;
	return -1;
}

int main(int argc, char **argv)
{
	const char *base = argv[0], *p, *batch = NULL, *ns = NULL;
	int force = 0, r;

	for (p = base; *p; p++)
		if (*p == '/')
			base = p + 1;
	is_ip = !strcmp(base, "ip");
	for (argc--, argv++; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		const char *o = argv[0];
		int kind;

		if (!strcmp(o, "--")) {
			argc--, argv++;
			break;
		}
		if (o[1] == '-')
			o++;
		kind = option_kind(o);
		if (kind < 0)
			return usage_fail("Option \"", argv[0],
					  "\" is unknown, try \"ip -help\".",
					  NULL);
		if (kind == O_IGNORE_ARG || kind == O_BATCH || kind == O_NETNS) {
			if (argc < 2)
				return usage(NULL);
			argc--, argv++;
			if (kind == O_BATCH)
				batch = argv[0];
			if (kind == O_NETNS)
				ns = argv[0];
		}
		if (kind == O_VERSION) {
			out_str("netns utility, " NETNS_VERSION "\n");
			out_flush();
			return 0;
		}
		if (kind == O_HELP)
			return usage(NULL);
		force |= kind == O_FORCE;
		opt.all |= kind == O_ALL;
		opt.json |= kind == O_JSON;
		opt.pretty |= kind == O_PRETTY;
	}
	if (ns && netns_switch(ns))
		return EXIT_USAGE;
	if (batch) {
#if CONFIG_FEATURE_BATCH
		r = batch_run(batch, force, do_object);
#else
		r = usage_fail("-batch is not built into this netns binary.",
			       NULL);
#endif
	} else {
		r = is_ip ? do_object(argc, argv) : do_netns(argc, argv);
	}
	out_flush();
	return r;
}
