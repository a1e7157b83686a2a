/* test_json: the reader on valid and broken documents, the writer's
 * layout and escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../src/err.h"
#include "../src/json.h"

struct str_case {
	const char *in;   /* a JSON string literal */
	const char *want; /* its UTF-8 value */
};

static const struct str_case strings[] = {
	{ "\"plain\"", "plain" },
	{ "\"中文\"", "中文" },
	{ "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t" },
	{ "\"\\u4e2d\\u6587\"", "中文" },
	{ "\"\\ud83d\\ude00\"", "\xF0\x9F\x98\x80" },      /* surrogate pair */
	{ "\"\\ud83d!\"", "\xEF\xBF\xBD!" },              /* lone high surrogate */
	{ "\"\\ude00\"", "\xEF\xBF\xBD" },                /* lone low surrogate */
	{ "\"a\\u0000b\"", "a\xEF\xBF\xBD" "b" },          /* NUL cannot live in a C string */
	{ "\"\xff\xfe\"", "\xEF\xBF\xBD\xEF\xBF\xBD" },    /* invalid UTF-8 */
};

static void
test_strings(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
		struct json v;
		char err[80];
		int rc = json_parse(strings[i].in, strlen(strings[i].in), &v, err, sizeof err);
		if (rc != 0)
			fail_msg("case %zu: %s", i, err);
		assert_int_equal(v.type, JSON_STRING);
		assert_string_equal(v.str, strings[i].want);
		json_free(&v);
	}
}

struct bad_case {
	const char *in;
	const char *err;
};

static const struct bad_case bad[] = {
	{ "", "line 1 column 1: unexpected end of input" },
	{ "[1, 2", "line 1 column 6: expected ',' or ']'" },
	{ "{\"a\" 1}", "line 1 column 6: expected ':'" },
	{ "{1: 2}", "line 1 column 2: expected a member name" },
	{ "[01]", "line 1 column 3: expected ',' or ']'" },
	{ "[1.]", "line 1 column 2: bad number" },
	{ "\"abc", "line 1 column 5: unterminated string" },
	{ "\"a\tb\"", "line 1 column 3: control character in string" },
	{ "\"\\x\"", "line 1 column 4: bad escape in string" },
	{ "tru", "line 1 column 1: unexpected character" },
	{ "[] []", "line 1 column 4: text after the value" },
	{ "\n\n  中文", "line 3 column 3: unexpected character" },
};

static void
test_bad(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct json v;
		char err[80];
		assert_int_equal(json_parse(bad[i].in, strlen(bad[i].in), &v, err, sizeof err),
				 ERR_INVAL);
		if (strcmp(err, bad[i].err) != 0)
			fail_msg("'%s': got '%s', want '%s'", bad[i].in, err, bad[i].err);
	}
	/* 65 nested arrays: refused, not a stack overflow. */
	char deep[200];
	memset(deep, '[', 65);
	memset(deep + 65, ']', 65);
	struct json v;
	char err[80];
	assert_int_equal(json_parse(deep, 130, &v, err, sizeof err), ERR_INVAL);
	assert_non_null(strstr(err, "nested too deeply"));
	assert_int_equal(json_parse(deep + 1, 128, &v, err, sizeof err), 0);
	json_free(&v);
}

static void
test_tree(void **state)
{
	(void)state;
	const char *doc = " {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"d\"}, \"a\": 3} ";
	struct json v;
	char err[80];
	assert_int_equal(json_parse(doc, strlen(doc), &v, err, sizeof err), 0);
	assert_int_equal(v.type, JSON_OBJECT);
	assert_int_equal(v.n, 3);
	const struct json *a = &v.items[0];
	assert_int_equal(a->type, JSON_ARRAY);
	assert_int_equal(a->n, 5);
	assert_true(a->items[1].num == -25.0);
	assert_int_equal(a->items[2].b, 1);
	assert_int_equal(a->items[4].type, JSON_NULL);
	assert_string_equal(json_str(json_get(json_get(&v, "b"), "c")), "d");
	assert_true(json_get(&v, "a")->num == 3.0); /* the last of a repeated key */
	assert_null(json_get(&v, "z"));
	assert_null(json_str(json_get(&v, "a")));
	assert_null(json_get(a, "x"));
	json_free(&v);
}

static void
test_writer(void **state)
{
	(void)state;
	struct json_writer w = { 0 };
	json_w_begin(&w, '{');
	json_w_key(&w, "s");
	json_w_string(&w, "引号\"\\\n\x1f\x7f\xff\xC2\x9B\xC2\x85\xE2\x80\xAE\xE2\x81\xA9\xE2\x80\xA8");
	json_w_key(&w, "empty");
	json_w_begin(&w, '[');
	json_w_end(&w, ']');
	json_w_key(&w, "list");
	json_w_begin(&w, '[');
	json_w_int(&w, -3);
	json_w_begin(&w, '{');
	json_w_end(&w, '}');
	json_w_end(&w, ']');
	json_w_end(&w, '}');
	assert_int_equal(w.err, 0);
	assert_string_equal(w.buf, "{\n"
				   "  \"s\": \"引号\\\"\\\\\\n\\u001f\\u007f\xEF\xBF\xBD"
				   "\\u009b\\u0085\\u202e\\u2069\\u2028\",\n"
				   "  \"empty\": [],\n"
				   "  \"list\": [\n"
				   "    -3,\n"
				   "    {}\n"
				   "  ]\n"
				   "}");
	/* What it writes, it reads back. */
	struct json v;
	char err[80];
	assert_int_equal(json_parse(w.buf, w.len, &v, err, sizeof err), 0);
	assert_string_equal(json_str(json_get(&v, "s")),
			    "引号\"\\\n\x1f\x7f\xEF\xBF\xBD\xC2\x9B\xC2\x85\xE2\x80\xAE\xE2\x81\xA9\xE2\x80\xA8");
	json_free(&v);
	free(w.buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
