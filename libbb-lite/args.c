/* SPDX-License-Identifier: MIT */
/* Words and numbers, read the way iproute2 reads them. */
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

/* More than MAX words: say so and return EXIT_FAIL, else 0. iproute2
 * ignores extra words (`ip -all netns delete a` deletes every name); here
 * a typo must not pass silently. */
int extra_args(int argc, int max)
{
	if (argc <= max)
		return 0;
	msg("extra arguments specified", NULL);
	return EXIT_FAIL;
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
static unsigned digit(char c)
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
		if ((s[1] | 32) == 'x' && digit(s[2]) < 16) {
			base = 16;
			s += 2;
		}
	}
	for (p = s; (d = digit(*p)) < base; p++)
		if ((v = v * base + d) > 1ull << 31)
			return -1;
	if (*p || p == s || v > (1ull << 31) - !neg)
		return -1;
	*out = neg ? -(int)(v - 1) - 1 : (int)v;
	return 0;
}
