/* SPDX-License-Identifier: MIT */
/* The few string helpers the applets need, byte by byte: musl's
 * word-at-a-time strlen, strcpy, strcat, strchr and strncmp bring in
 * stpcpy and strchrnul, far more code than these. */
#include "libbb.h"

size_t str_len(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

/* copy SRC with its NUL to DST; returns DST's new end, for chaining */
char *str_copy(char *dst, const char *src)
{
	while ((*dst = *src++))
		dst++;
	return dst;
}

/* the first C in S, or S's terminating NUL */
const char *str_find(const char *s, int c)
{
	while (*s && *s != c)
		s++;
	return s;
}

/* does S start with PREFIX? */
int starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return 0;
	return 1;
}
