/* SPDX-License-Identifier: MIT */
/* Unit tests of libbb-lite/json.c: text, and iproute2's JSON, compact
 * and -pretty, byte for byte. Built with and without FEATURE_JSON. */
#include "unit.h"

/* ---- JSON and text output ---- */
static const char *objects(int json, int pretty, unsigned count)
{
	unsigned i;
	int saved;

	opt.json = json;
	opt.pretty = pretty;
	capture_start(1, &saved);
	if (CONFIG_FEATURE_JSON && json)
		json_list_start();
	for (i = 0; i < count; i++) {
		pr_start();
		pr_str("name", "", i ? "q\"\\\t\n\r\f\b/'\x01" : "a", "");
		if (i)
			pr_uint("id", " (id: ", 7, ")");
		pr_text(" only text");
		pr_end();
	}
	if (CONFIG_FEATURE_JSON && json)
		json_list_end();
	return capture_end(1, saved);
}

static void test_output(void)
{
	CHECK(!strcmp(objects(0, 0, 2), "a only text\n"
		      "q\"\\\t\n\r\f\b/'\x01 (id: 7) only text\n"));
	if (!CONFIG_FEATURE_JSON) {
		/* -json without the feature: the text */
		CHECK(!strcmp(objects(1, 1, 1), "a only text\n"));
		opt.json = opt.pretty = 0;
		return;
	}
	CHECK(!strcmp(objects(1, 0, 0), "[]\n"));
	CHECK(!strcmp(objects(1, 1, 0), "[ ]\n"));
	CHECK(!strcmp(objects(1, 0, 2),
		      "[{\"name\":\"a\"},{\"name\":\"q\\\"\\\\\\t\\n\\r\\f\\b/'\\u0001\","
		      "\"id\":7}]\n"));
	CHECK(!strcmp(objects(1, 1, 2),
		      "[ {\n        \"name\": \"a\"\n    },{\n"
		      "        \"name\": \"q\\\"\\\\\\t\\n\\r\\f\\b/'\\u0001\",\n"
		      "        \"id\": 7\n    } ]\n"));
	/* a second list in the same process (-batch) starts afresh */
	CHECK(!strcmp(objects(1, 0, 1), "[{\"name\":\"a\"}]\n"));
	opt.json = opt.pretty = 0;
}

int main(void)
{
	test_output();
	return unit_result();
}
