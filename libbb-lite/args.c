/* SPDX-License-Identifier: MIT */
/* Words and numbers, read the way iproute2 reads them. */
#include <limits.h>
#include "libbb.h"

/* 1 when ARG is a non-empty abbreviation (a prefix) of WORD, as
 * iproute2 matches its keywords: "sh" for "show" */
int is_abbrev(const char *arg, const char *word)
{
	if (!*arg)
		return 0;
	while (*word && *arg == *word) {
		arg++;
		word++;
	}
	return !*arg;
}

/* More than MAX words: say so and return EXIT_FAIL, else 0, where
 * iproute2 refuses them too (identify, pids) */
int extra_args(int argc, int max)
{
	if (argc <= max)
		return 0;
	msg("extra arguments specified", NULL);
	return EXIT_FAIL;
}

/* The words of ARGV after the first MAX, which iproute2 ignores (scripts
 * pass "|" along, or "NAME (id: 0)" as three words): ignored here too,
 * and named on stderr, where a typo shows. */
void extra_ignored(int argc, char **argv, int max)
{
	if (argc <= max)
		return;
	out_to(2);
	out_str("extra arguments ignored:");
	for (; max < argc; max++) {
		out_str(" \"");
		out_str(argv[max]);
		out_char('"');
	}
	out_char('\n');
	out_to(1);
}

/* iproute2's "Error: argument "ARG" is wrong: " with up to three more
 * parts of the reason; EXIT_USAGE */
int arg_wrong(const char *arg, const char *a, const char *b, const char *c)
{
	return usage_fail("Error: argument \"", arg, "\" is wrong: ", a, b, c,
			  NULL);
}

/* 1 to 10 digits: what /proc calls a process (a pid_t has at most 10),
 * short enough for a "/proc/PID/ns/net" buffer of 40 bytes */
int is_pid(const char *s)
{
	const char *p = s;

	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return p > s && p - s <= 10;
}

/* a digit in any base up to 36; 99 for anything else */
unsigned digit_value(char c)
{
	if ((unsigned)(c - '0') < 10)
		return c - '0';
	c |= 32;
	return (unsigned)(c - 'a') < 26 ? (unsigned)(c - 'a' + 10) : 99;
}

/* A number as iproute2's get_integer() reads it: strtol base 0 (so 0x10
 * and 010 too), leading blanks and a sign allowed, nothing after it,
 * within int. 0, or -1 (and *OUT untouched) when S is no such number. */
int parse_int(const char *s, int *out)
{
	unsigned long long v = 0;
	unsigned base = 10, d;
	const char *p;
	int neg;

	while (*s == ' ' || (unsigned)(*s - '\t') < 5)
		s++;
	neg = *s == '-';
	s += neg || *s == '+';
	if (*s == '0') {
		base = 8;
		if ((s[1] | 32) == 'x' && digit_value(s[2]) < 16) {
			base = 16;
			s += 2;
		}
	}
	for (p = s; (d = digit_value(*p)) < base; p++)
		if ((v = v * base + d) > 1ull << 31)
			return -1;
	if (*p || p == s || v > (1ull << 31) - !neg)
		return -1;
	*out = neg ? -(int)(v - 1) - 1 : (int)v;
	return 0;
}

/* iproute2's check of a device name: not empty, no '/', no white space,
 * at most MAX bytes. 0, or EXIT_USAGE after iproute2's words for WHAT. */
int ifname_check(const char *what, const char *s, size_t max)
{
	const char *p;

	for (p = s; *p; p++)
		if (*p == '/' || *p == ' ' || (unsigned)(*p - '\t') < 5)
			break;
	if (*p || p == s || (size_t)(p - s) > max)
		return arg_wrong(s, what, " not a valid ifname", "");
	return 0;
}

/* The namespace NETNS names, as iproute2 reads the value of "netns": a
 * name in the run dir (a path if it holds a '/'), else a PID. *ATTR is
 * the attribute that carries it, IFLA_NET_NS_FD (*NS is then an fd to
 * close) or IFLA_NET_NS_PID. 0, or an exit status after iproute2's words
 * for a value that is neither, or the reason a name that is there cannot
 * be opened. */
int link_netns(const char *netns, unsigned *attr, int *ns)
{
	char path[PATH_MAX];

	*attr = IFLA_NET_NS_FD;
	*ns = fd_open(*str_find(netns, '/') ? netns : netns_path(path, netns),
		      NS_OPEN);
	if (*ns >= 0)
		return 0;
	*attr = IFLA_NET_NS_PID;
	if (parse_int(netns, ns) == 0)
		return 0;
	/* (parse_int leaves errno as the open set it) */
	if (errno != ENOENT)
		return msg_errno("Cannot open network namespace \"", netns,
				 "\": ");
	return arg_wrong(netns, "Invalid \"netns\" value", "", "");
}
