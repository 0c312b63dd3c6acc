/* SPDX-License-Identifier: MIT */
/* Output that is text, or iproute2's JSON under -json: list and list-id
 * print a list of flat objects, compact ([{"a":1},{"b":"x"}]) or, with
 * -pretty, each member on a line of its own indented by eight spaces,
 * each "}" by four, the list opened as "[ {" and closed as "} ]" ("[ ]"
 * when empty), byte for byte as iproute2's json_writer. Without
 * CONFIG_FEATURE_JSON only the text is left. */
#include "libbb.h"

/* JSON is asked for, and built in */
#define JSON	(CONFIG_FEATURE_JSON && opt.json)

/* what comes before the next object or member: a comma or nothing */
static char obj_sep, member_sep;

/* iproute2 escapes these seven and passes every other byte through; a
 * control byte it passes (a name may hold any) would make the JSON
 * invalid, so it goes as \u00XX */
static void json_quoted(const char *s)
{
	static const char from[] = "\t\n\r\f\b\\\"", to[] = "tnrfb\\\"";
	const char *e;
	unsigned char c;

	out_char('"');
	for (; (c = *s); s++) {
		e = str_find(from, c);
		if (*e) {
			out_char('\\');
			out_char(to[e - from]);
		} else if (c < 0x20) {
			out_str(c < 16 ? "\\u000" : "\\u001");
			out_char((c & 15) + ((c & 15) < 10 ? '0' : 'a' - 10));
		} else {
			out_char(c);
		}
	}
	out_char('"');
}

/* a fresh list for each command: -batch runs several */
void json_list_start(void)
{
	obj_sep = 0;
	out_str(opt.pretty ? "[ " : "[");
}

void json_list_end(void)
{
	out_str(opt.pretty && obj_sep ? " ]\n" : "]\n");
}

/* An object: under -json "{" and members, else text ended by a newline. */
void pr_start(void)
{
	if (JSON) {
		if (obj_sep)
			out_char(',');
		out_char('{');
		member_sep = 0;
	}
}

void pr_end(void)
{
	if (JSON) {
		if (opt.pretty && member_sep)
			out_str("\n    ");
		out_char('}');
		obj_sep = 1;
	} else {
		out_char('\n');
	}
}

/* As iproute2's print_*(PRINT_ANY, KEY, "PRE%sPOST", V): the member
 * KEY under -json (a number when V is not to be QUOTED), else the text. */
static void pr(const char *key, const char *pre, const char *v,
	       const char *post, int quoted)
{
	if (JSON) {
		if (member_sep)
			out_char(',');
		member_sep = 1;
		if (opt.pretty)
			out_str("\n        ");
		json_quoted(key);
		out_str(opt.pretty ? ": " : ":");
		if (quoted)
			json_quoted(v);
		else
			out_str(v);
	} else {
		out_str(pre);
		out_str(v);
		out_str(post);
	}
}

void pr_str(const char *key, const char *pre, const char *v, const char *post)
{
	pr(key, pre, v, post, 1);
}

void pr_uint(const char *key, const char *pre, unsigned v, const char *post)
{
	char buf[21];

	pr(key, pre, utoa(v, buf), post, 0);
}

/* text that JSON leaves out (iproute2's PRINT_FP) */
void pr_text(const char *s)
{
	if (!JSON)
		out_str(s);
}
