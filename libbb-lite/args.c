/* SPDX-License-Identifier: MIT */
/* Words and numbers, read the way iproute2 reads them. */
#include "libbb.h"

/* 0 when PREFIX is a non-empty prefix of WORD (iproute2's matches()) */
int matches(const char *prefix, const char *word)
{
	if (!*prefix)
		return 1;
	while (*word && *prefix == *word) {
		prefix++;
		word++;
	}
	return *prefix != 0;
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
