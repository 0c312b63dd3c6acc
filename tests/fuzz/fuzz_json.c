/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the JSON writer (json.c, out.c). The input is a list
 * of NUL-separated strings; the first byte chooses -pretty and how the
 * strings become objects and members (string or number values, text that
 * JSON leaves out). What is written must be valid JSON whose strings,
 * decoded, are the strings given: a validator below reads it back. */
#include <stdlib.h>
#include <sys/mman.h>
#include "libbb.h"

struct opts opt;
static int memfd = -1;
static char got[1 << 20];
static const char *want[256];
static unsigned n_want, n_seen;

/* ---- a strict reader of what was written ---- */
static const char *p, *end;

static void bad(void)
{
	abort();
}

static void ws(void)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
}

static unsigned hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 32) >= 'a' && (c | 32) <= 'f')
		return (c | 32) - 'a' + 10;
	bad();
	return 0;
}

/* a string, decoded into buf; compared with the next string given when
 * CHECK (keys are ours, values the input's) */
static void string(int check)
{
	static char buf[1 << 16];
	unsigned len = 0, v, i;

	if (p >= end || *p++ != '"')
		bad();
	for (;;) {
		if (p >= end)
			bad();
		unsigned char c = *p++;

		if (c == '"')
			break;
		if (c < 0x20)
			bad();	/* a raw control byte: not JSON */
		if (c == '\\') {
			if (p >= end)
				bad();
			c = *p++;
			switch (c) {
			case '"': case '\\': case '/': break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'u':
				if (end - p < 4)
					bad();
				for (v = 0, i = 0; i < 4; i++)
					v = v << 4 | hex(*p++);
				if (v == 0 || v > 0xff)
					bad();	/* we escape bytes only */
				c = v;
				break;
			default:
				bad();
			}
		}
		if (len < sizeof(buf) - 1)
			buf[len++] = c;
	}
	buf[len] = 0;
	if (check) {
		if (n_seen >= n_want || strcmp(buf, want[n_seen]))
			bad();
		n_seen++;
	}
}

static void number(void)
{
	if (p >= end || *p < '0' || *p > '9')
		bad();
	while (p < end && *p >= '0' && *p <= '9')
		p++;
}

static void object(void)
{
	int first = 1;

	if (p >= end || *p++ != '{')
		bad();
	for (ws(); p < end && *p != '}'; first = 0) {
		if (!first && *p++ != ',')
			bad();
		ws();
		string(0);
		ws();
		if (p >= end || *p++ != ':')
			bad();
		ws();
		if (p < end && *p == '"')
			string(1);
		else
			number();
		ws();
	}
	if (p >= end || *p++ != '}')
		bad();
}

static void list(void)
{
	int first = 1;

	ws();
	if (p >= end || *p++ != '[')
		bad();
	for (ws(); p < end && *p != ']'; first = 0) {
		if (!first && *p++ != ',')
			bad();
		ws();
		object();
		ws();
	}
	if (p >= end || *p++ != ']')
		bad();
	ws();
	if (p != end)
		bad();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char in[1 << 16];
	const char *s;
	unsigned mode, i = 0, objects = 0;
	ssize_t len;

	if (size < 1 || size >= sizeof(in))
		return 0;
	mode = data[0];
	memcpy(in, data + 1, size - 1);
	in[size - 1] = 0;
	if (memfd < 0 && ((memfd = memfd_create("json", 0)) < 0 ||
			  dup2(memfd, 1) != 1))
		abort();
	if (ftruncate(1, 0) || lseek(1, 0, SEEK_SET))
		abort();
	opt.json = 1;
	opt.pretty = mode & 1;
	n_want = n_seen = 0;
	json_list_start();
	for (s = in; s < in + size - 1 && n_want < 256; s += strlen(s) + 1, i++) {
		if (i % (2 + (mode >> 1 & 3)) == 0) {
			if (objects++)
				pr_end();
			pr_start();
		}
		if (mode & 8 && i % 3 == 2) {
			pr_uint("n", "", (unsigned char)*s, "");
		} else if (mode & 16 && i % 5 == 4) {
			pr_text(s);
		} else {
			want[n_want++] = s;
			pr_str("name", "", s, "");
		}
	}
	if (objects)
		pr_end();
	json_list_end();
	out_flush();
	len = pread(1, got, sizeof(got) - 1, 0);
	if (len < 0)
		abort();
	p = got;
	end = got + len;
	list();
	if (n_seen != n_want)
		bad();
	return 0;
}
