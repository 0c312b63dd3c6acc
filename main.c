/* SPDX-License-Identifier: MIT */
/* netns: the global options, the `ip` personality, and the dispatch to
 * applets. Applets parse their own words and return the exit status. */
#include "libbb.h"
#include "main.h"

struct applet {
	const char *words;	/* the spellings, each ended by \0 */
	int (*main)(int argc, char **argv);
	const char *usage;	/* lines ended by \n; NULL when left out */
};
#include "applets.h"

#define N_APPLETS (sizeof(applets) / sizeof(applets[0]))
#define N_OBJECTS (sizeof(objects) / sizeof(objects[0]))

/* what `netns` alone and `ip netns` alone run, as in iproute2 */
#define DEFAULT_APPLET (&applets[APPLET_list])

/* -V: the version and the features built in, as iproute2's "ip utility,
 * iproute2-6.1.0, libbpf 1.1.0" names its parts: one string, made here */
#define IF_BUILT(config, word) IF_BUILT_(config, word)
#define IF_BUILT_(config, word) IF_BUILT_##config(word)
#define IF_BUILT_1(word) ", " word
#define IF_BUILT_0(word)
#define FEATURES \
	IF_BUILT(CONFIG_FEATURE_NSID, "nsid") \
	IF_BUILT(CONFIG_FEATURE_NSID_PARALLEL, "nsid-parallel") \
	IF_BUILT(CONFIG_FEATURE_JSON, "json") \
	IF_BUILT(CONFIG_FEATURE_BATCH, "batch") \
	IF_BUILT(CONFIG_FEATURE_SAFE_DELETE, "safe-delete") \
	IF_BUILT(CONFIG_IP_FALLBACK, "ip-fallback")

#define NOT_BUILT "\" is not built into this netns binary."

struct opts opt;
static char is_ip;	/* invoked through a link named ip */

/* Usage lines read "netns [-all] WORD ..."; through `ip` they read as
 * iproute2's "ip [-all] netns WORD ...". Lines that start with "ip " show
 * only through `ip`; the others (definitions such as NETNSID := ...) go
 * last, untabbed. */
#define ALL_PREFIX "netns [-all] "
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
			if (is_ip && starts_with(u, ALL_PREFIX)) {
				out_str("ip [-all] netns ");
				u += sizeof(ALL_PREFIX) - 1;
			} else if (is_ip && !ip_only) {
				out_str("ip ");
			}
		}
		out_mem(u, str_find(u, '\n') - u + 1);
	}
}

/* The usage of one applet, or of all that are built in (through ip, the
 * objects' too), on stderr; exit 255 as iproute2's help does. */
static int usage(const struct applet *only)
{
	int first = 1;
	unsigned i, defs;

	out_to(2);
	for (defs = 0; defs < 2; defs++) {
		for (i = 0; i < N_APPLETS; i++)
			if (!only || only == &applets[i])
				usage_lines(applets[i].usage, defs, &first);
		for (i = 0; i < N_OBJECTS && is_ip; i++)
			if (!only || only == &objects[i])
				usage_lines(objects[i].usage, defs, &first);
	}
	out_to(1);
	return usage_fail(NULL);
}

/* the first of the N entries of TABLE that WORD abbreviates */
static const struct applet *find_word(const struct applet *table,
				      unsigned n, const char *word)
{
	unsigned i;
	const char *w;

	for (i = 0; i < n; i++)
		for (w = table[i].words; *w; w += str_len(w) + 1)
			if (is_abbrev(word, w))
				return &table[i];
	return NULL;
}

static int run_applet(const struct applet *a, const char *word,
		      int argc, char **argv)
{
	if (!a->main)
		return usage_fail("Command \"", word, NOT_BUILT, NULL);
	if (argc > 0 && !strcmp(argv[0], "--help"))
		return usage(a);
	return a->main(argc, argv);
}

/* `netns WORD ARGS...`, the same as `ip netns WORD ARGS...` */
static int do_netns(int argc, char **argv)
{
	const struct applet *a;

	if (argc < 1)
		return run_applet(DEFAULT_APPLET, "list", 0, argv);
	/* iproute2 checks the name before the word, so do we; with -all
	 * too (iproute2 does not: -all add ../x would make /run/x), but for
	 * -all exec, whose word after is the command */
	if (argc > 1 && !netns_name_ok(argv[1]) &&
	    !(opt.all && is_abbrev(argv[0], "exec")))
		return usage_fail("Invalid netns name \"", argv[1], "\"", NULL);
	if (is_abbrev(argv[0], "help") || !strcmp(argv[0], "--help"))
		return usage(NULL);
	a = find_word(applets, N_APPLETS, argv[0]);
	if (!a)
		return usage_fail("Command \"", argv[0],
				  "\" is unknown, try \"ip netns help\".", NULL);
	return run_applet(a, argv[0], argc - 1, argv + 1);
}

/* `ip OBJECT ...`: netns, the objects built in (their mains get the
 * object's word as argv[0]), and the rest elsewhere (the other ip) */
static int do_object(int argc, char **argv)
{
	const struct applet *o;

	if (argc < 1 || is_abbrev(argv[0], "help"))
		return usage(NULL);
	/* "n" and "ne" mean neighbor to iproute2: netns needs three letters */
	if (str_len(argv[0]) >= 3 && is_abbrev(argv[0], "netns"))
		return do_netns(argc - 1, argv + 1);
	o = OBJECTS_BUILT ? find_word(objects, N_OBJECTS, argv[0]) : NULL;
	if (o && o->main)
		return o->main(argc, argv);
	return ip_elsewhere(argc, argv);
}

/* What an option does here: its kind, a byte that leads its entry in
 * options[] below and is compared as *O_KIND, one macro for both. */
#define O_IGNORE	"\1"	/* accepted and ignored */
#define O_IGNORE_ARG	"\2"	/* accepted with its argument, ignored */
#define O_COLOR		"\3"	/* -color[=WHEN]: ignored */
#define O_VERSION	"\4"
#define O_FORCE		"\5"
#define O_BATCH		"\6"
#define O_HELP		"\7"
#define O_NETNS		"\10"
#define O_ALL		"\11"
#define O_JSON		"\12"
#define O_PRETTY	"\13"

/* iproute2's options in its order of prefix matching ("-b" is -batch,
 * "-br" -brief). Those that mean nothing to netns are accepted and
 * ignored, so that scripts run unchanged. */
static const char options[] =
	O_IGNORE_ARG "-loops\0" O_IGNORE_ARG "-family\0" O_IGNORE "-4\0"
	O_IGNORE "-6\0" O_IGNORE "-0\0" O_IGNORE "-M\0" O_IGNORE "-B\0"
	O_IGNORE "-human\0" O_IGNORE "-iec\0" O_IGNORE "-statistics\0"
	O_IGNORE "-details\0" O_IGNORE "-resolve\0" O_IGNORE "-oneline\0"
	O_IGNORE "-timestamp\0" O_IGNORE "-tshort\0" O_VERSION "-Version\0"
	O_FORCE "-force\0" O_BATCH "-batch\0" O_IGNORE "-brief\0"
	O_IGNORE_ARG "-rcvbuf\0" O_COLOR "-color\0" O_HELP "-help\0"
	O_NETNS "-netns\0" O_IGNORE "-Numeric\0" O_ALL "-all\0"
	O_JSON "-json\0" O_PRETTY "-pretty\0";

static int option_kind(const char *o)
{
	const char *p, *eq = str_find(o, '=');

	for (p = options; *p; p += str_len(p) + 1)
		if (is_abbrev(o, p + 1))
			return *p;
	/* -color=always and friends */
	if (*eq && eq - o > 1 && !memcmp(o, "-color", eq - o < 6 ? eq - o : 7))
		return *O_COLOR;
	return -1;
}

/* Is an option of this kind one for the other ip too? (What it does not
 * know it refuses, as iproute2 would.) */
static int passed_on(int kind)
{
	return kind == *O_IGNORE || kind == *O_IGNORE_ARG || kind == *O_COLOR ||
	       kind == *O_JSON || kind == *O_PRETTY;
}

int main(int argc, char **argv)
{
	const char *base = argv[0], *p, *batch = NULL, *ns = NULL;
	/* the options passed on to the other ip, kept in their place */
	char **first = argv + 1, **keep = first;
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
		if (CONFIG_IP_FALLBACK && passed_on(kind))
			*keep++ = argv[0];
		if (kind == *O_IGNORE_ARG || kind == *O_BATCH || kind == *O_NETNS) {
			if (argc < 2)
				return usage(NULL);
			argc--, argv++;
			if (CONFIG_IP_FALLBACK && kind == *O_IGNORE_ARG)
				*keep++ = argv[0];
			if (kind == *O_BATCH)
				batch = argv[0];
			if (kind == *O_NETNS)
				ns = argv[0];
		}
		if (kind == *O_VERSION) {
			out_str("netns utility, " NETNS_VERSION FEATURES "\n");
			out_flush();
			return 0;
		}
		if (kind == *O_HELP)
			return usage(NULL);
		force |= kind == *O_FORCE;
		opt.all |= kind == *O_ALL;
		opt.json |= kind == *O_JSON;
		opt.pretty |= kind == *O_PRETTY;
	}
	if (CONFIG_IP_FALLBACK) {
		opt.ip_opts = first;
		opt.ip_nopts = keep - first;
	}
	/* -n NS: NS's network namespace, and only that (iproute2 also gives
	 * the command a mount namespace of its own, where -n NS add would
	 * bind the new name unseen, leaving an empty file) */
	if (ns && netns_enter(ns))
		return EXIT_USAGE;
	if (batch && CONFIG_FEATURE_BATCH)
		r = batch_run(batch, force, do_object);
	else if (batch)
		r = usage_fail("\"-batch", NOT_BUILT, NULL);
	else
		r = is_ip ? do_object(argc, argv) : do_netns(argc, argv);
	out_flush();
	if (out_failed() && !r)
		r = step_failed("write");
	return r;
}
