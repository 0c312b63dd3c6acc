/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the words and numbers of the command line, each held to
 * a plain reference: parse_int to iproute2's get_integer (strtol base 0,
 * all of it, within int), netns_name_ok to iproute2's name rule, is_abbrev
 * to its prefix rule (matches()), is_pid to 1-10 digits. The input is one
 * word, or two split at the first NUL (for is_abbrev). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include "libbb.h"

struct opts opt;

static int ref_parse_int(const char *s, int *out)
{
	char *endp;
	long v;

	errno = 0;
	v = strtol(s, &endp, 0);
	if (endp == s || *endp || errno == ERANGE || v > INT_MAX || v < INT_MIN)
		return -1;
	*out = v;
	return 0;
}

static int ref_name_ok(const char *s)
{
	size_t n = strlen(s);

	return n && n <= NAME_MAX && !strchr(s, '/') && strcmp(s, ".") &&
	       strcmp(s, "..");
}

static int ref_is_abbrev(const char *arg, const char *word)
{
	size_t n = strlen(arg);

	return n && n <= strlen(word) && !memcmp(arg, word, n);
}

static int ref_is_pid(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 10 && strspn(s, "0123456789") == n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char a[4096];
	const char *b;
	int v, w, r;

	if (size >= sizeof(a))
		return 0;
	memcpy(a, data, size);
	a[size] = 0;
	b = a + strlen(a) + (strlen(a) < size);
	r = parse_int(a, &v);
	if (r != ref_parse_int(a, &w) || (!r && v != w))
		abort();
	if (!netns_name_ok(a) != !ref_name_ok(a))
		abort();
	if (!is_abbrev(a, b) != !ref_is_abbrev(a, b))
		abort();
	if (!is_pid(a) != !ref_is_pid(a))
		abort();
	return 0;
}
