/* SPDX-License-Identifier: MIT */
/* Unit tests of libbb-lite that need no root: name checks, iproute2's
 * prefix matching, number parsing, the output writer. Prints one line per
 * failed check and exits non-zero if any failed. */
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include "libbb.h"

struct opts opt;
static int failed;

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
	failed++; } } while (0)

static void test_names(void)
{
	char long_name[300];

	CHECK(netns_name_ok("a"));
	CHECK(netns_name_ok("router-wan_0.x"));
	CHECK(netns_name_ok("..."));
	CHECK(netns_name_ok("-all"));
	CHECK(!netns_name_ok(""));
	CHECK(!netns_name_ok("."));
	CHECK(!netns_name_ok(".."));
	CHECK(!netns_name_ok("a/b"));
	CHECK(!netns_name_ok("/"));
	memset(long_name, 'x', sizeof(long_name));
	long_name[255] = 0;
	CHECK(netns_name_ok(long_name));
	long_name[255] = 'x';
	long_name[256] = 0;
	CHECK(!netns_name_ok(long_name));
}

static void test_matches(void)
{
	CHECK(matches("l", "list") == 0);
	CHECK(matches("list", "list") == 0);
	CHECK(matches("lis", "list-id") == 0);
	CHECK(matches("list-id", "list") != 0);
	CHECK(matches("", "list") != 0);
	CHECK(matches("lists", "list") != 0);
	CHECK(matches("-a", "-all") == 0);
	CHECK(matches("-al", "-all") == 0);
	CHECK(matches("-alle", "-all") != 0);
}

static void test_numbers(void)
{
	CHECK(extra_args(1, 1) == 0);
	CHECK(extra_args(2, 1) == EXIT_FAIL);
	CHECK(is_pid("1"));
	CHECK(is_pid("4194304"));
	CHECK(!is_pid(""));
	CHECK(!is_pid("12a"));
	CHECK(!is_pid("-1"));
	CHECK(!is_pid(" 1"));
	CHECK(is_pid("4294967295"));
	CHECK(!is_pid("12345678901"));
}

static void test_strerror(void)
{
	CHECK(!strcmp(strerror(ENOENT), "No such file or directory"));
	CHECK(!strcmp(strerror(EBUSY), "Device or resource busy"));
	CHECK(!strcmp(strerror(EUSERS), "Too many users"));
	CHECK(!strcmp(strerror(EOPNOTSUPP), "Operation not supported"));
	CHECK(!strcmp(strerror(4000), "Unknown error 4000"));
}

static void test_str(void)
{
	char buf[32];

	CHECK(str_copy(buf, "abc") == buf + 3 && !strcmp(buf, "abc"));
	CHECK(*str_find("a/b", '/') == '/');
	CHECK(*str_find("ab", '/') == 0);
	CHECK(starts_with("netns add", "netns"));
	CHECK(!starts_with("net", "netns"));
	CHECK(starts_with("x", ""));
	CHECK(!strcmp(proc_ns_net(buf, "42"), "/proc/42/ns/net"));
}

static void test_paths(void)
{
	char path[PATH_MAX];

	CHECK(!strcmp(netns_path(path, "a"), RUN_DIR "/a"));
}

/* the writer: stdout is redirected to a file by the caller */
static void test_writer(void)
{
	char buf[21];
	int i;

	CHECK(!strcmp(utoa(0, buf), "0"));
	CHECK(!strcmp(utoa(ULONG_MAX, buf), sizeof(long) == 8 ?
		      "18446744073709551615" : "4294967295"));
	out_str("a");
	out_char(' ');
	out_str(utoa(42, buf));
	out_char(' ');
	out_str(utoa(7, buf));
	out_char(' ');
	out_str(utoa(0, buf));
	out_char('\n');
	for (i = 0; i < 2000; i++)	/* crosses the 4 KiB buffer */
		out_str("xyz");
	out_char('\n');
	out_flush();
}

int main(void)
{
	test_names();
	test_matches();
	test_numbers();
	test_paths();
	test_str();
	test_strerror();
	test_writer();
	return failed != 0;
}
