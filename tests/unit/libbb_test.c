/* SPDX-License-Identifier: MIT */
/* Unit tests of libbb-lite that need no root: name checks, iproute2's
 * abbreviations, number parsing, strings, errno texts, the output
 * writer (stdout is redirected to a file by the caller). */
#include <limits.h>
#include "unit.h"

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

static void test_abbrev(void)
{
	CHECK(is_abbrev("l", "list"));
	CHECK(is_abbrev("list", "list"));
	CHECK(is_abbrev("lis", "list-id"));
	CHECK(!is_abbrev("list-id", "list"));
	CHECK(!is_abbrev("", "list"));
	CHECK(!is_abbrev("lists", "list"));
	CHECK(is_abbrev("-a", "-all"));
	CHECK(is_abbrev("-al", "-all"));
	CHECK(!is_abbrev("-alle", "-all"));
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

static void test_parse_int(void)
{
	static const struct { const char *s; int ok, v; } cases[] = {
		{ "0", 1, 0 }, { "5", 1, 5 }, { "+5", 1, 5 }, { "-5", 1, -5 },
		{ " \t5", 1, 5 }, { "0x10", 1, 16 }, { "0XfF", 1, 255 },
		{ "010", 1, 8 }, { "-0", 1, 0 }, { "2147483647", 1, 2147483647 },
		{ "-2147483648", 1, -2147483647 - 1 }, { "0x7fffffff", 1, 2147483647 },
		{ "", 0, 0 }, { " ", 0, 0 }, { "-", 0, 0 }, { "+-5", 0, 0 },
		{ "5 ", 0, 0 }, { "5x", 0, 0 }, { "09", 0, 0 }, { "0x", 0, 0 },
		{ "0xg", 0, 0 }, { "2147483648", 0, 0 }, { "-2147483649", 0, 0 },
		{ "99999999999999999999", 0, 0 }, { "auto", 0, 0 }, { "1e3", 0, 0 },
		{ "@", 0, 0 }, { "\xff", 0, 0 },
	};
	unsigned i;
	int v;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = 12345;
		if (parse_int(cases[i].s, &v) != (cases[i].ok ? 0 : -1) ||
		    (cases[i].ok ? v != cases[i].v : v != 12345)) {
			fprintf(stderr, "parse_int(\"%s\"): %d\n",
				cases[i].s, v);
			failed++;
		}
	}
}

static void test_strerror(void)
{
	CHECK(!strcmp(netns_strerror(ENOENT), "No such file or directory"));
	CHECK(!strcmp(netns_strerror(EBUSY), "Device or resource busy"));
	CHECK(!strcmp(netns_strerror(EUSERS), "Too many users"));
	CHECK(!strcmp(netns_strerror(EOPNOTSUPP), "Operation not supported"));
	CHECK(!strcmp(netns_strerror(4000), "Unknown error 4000"));
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
	test_abbrev();
	test_numbers();
	test_parse_int();
	test_paths();
	test_str();
	test_strerror();
	test_writer();
	return unit_result();
}
