/* config: the config parser (src/config.c) over any bytes: every entry in
 * its command's word limits with a line number that exists, every warning
 * "fuzz.conf:LINE: reason" on one line, config_get on what was set.
 * Input: the file's bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/config.h"
#include "../src/err.h"
#include "fuzz.h"

struct seen {
	int lines;
	size_t warnings;
};

static void
on_warn(void *ctx, const char *msg)
{
	struct seen *s = ctx;
	int line = 0, n = 0;
	if (sscanf(msg, "fuzz.conf:%d:%n", &line, &n) != 1 || n == 0 || line < 1 ||
	    line > s->lines || msg[n] != ' ' || msg[n + 1] == 0)
		fuzz_fail("config warning \"%s\"", msg);
	if (strchr(msg, '\n'))
		fuzz_fail("config warning of several lines");
	s->warnings++;
}

static void
check_list(const char *what, const struct config_list *l, size_t min, size_t max, int lines)
{
	int prev = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct config_entry *e = &l->v[i];
		if (e->argc < min || e->argc > max || e->line < prev || e->line > lines)
			fuzz_fail("%s %zu: %zu words, line %d", what, i, e->argc, e->line);
		for (size_t k = 0; k < e->argc; k++)
			if (e->argv[k] == NULL)
				fuzz_fail("%s %zu: word %zu missing", what, i, k);
		prev = e->line;
	}
}

int
fuzz_config(const uint8_t *data, size_t size)
{
	struct seen s = { 1, 0 };
	for (size_t i = 0; i < size; i++)
		s.lines += data[i] == '\n';
	struct config c;
	int rc = config_parse("fuzz.conf", (const char *)data, size, &c, on_warn, &s);
	if (rc == ERR_NOMEM)
		return 0;
	if (rc != 0)
		fuzz_fail("config_parse: %d", rc);
	check_list("set", &c.set, 2, 2, s.lines);
	check_list("bind", &c.bind, 3, 4, s.lines);
	check_list("color", &c.color, 2, 8, s.lines);
	check_list("highlight", &c.highlight, 1, 2, s.lines);
	check_list("city", &c.city, 1, 32, s.lines);
	check_list("theme", &c.theme, 2, 256, s.lines);
	for (size_t i = 0; i < c.set.n; i++) {
		const char *v = config_get(&c, c.set.v[i].argv[0]);
		if (v == NULL)
			fuzz_fail("set %s has no value", c.set.v[i].argv[0]);
	}
	config_free(&c);
	return 0;
}
