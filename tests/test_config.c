/* test_config: the config file's line parser: commands, word splitting and
 * quoting, argument counts, and bad lines reported as file:line and
 * skipped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "../src/config.h"
#include "support_tmp.h"

struct msgs {
	char v[8][256];
	int n;
};

static void
collect(void *ctx, const char *msg)
{
	struct msgs *m = ctx;
	if (m->n < 8)
		snprintf(m->v[m->n++], sizeof m->v[0], "%s", msg);
}

static void
parse(const char *text, struct config *c, struct msgs *m)
{
	memset(m, 0, sizeof *m);
	assert_int_equal(config_parse("cfg", text, strlen(text), c, collect, m), 0);
}

static void
test_commands(void **state)
{
	(void)state;
	struct config c;
	struct msgs m;
	parse("# comment\n"
	      "set measure 60\n"
	      "  bind reader J line-down   # trailing comment\n"
	      "color search black yellow bold\n"
	      "highlight \"open source\" keyword\n"
	      "city 杭州 杭城\n"
	      "theme ai 大模型 人工智能 AI\n"
	      "\n"
	      "set measure 70\r\n",
	      &c, &m);
	assert_int_equal(m.n, 0);
	assert_int_equal(c.set.n, 2);
	assert_string_equal(config_get(&c, "measure"), "70"); /* the last wins */
	assert_null(config_get(&c, "split"));
	assert_int_equal(c.bind.n, 1);
	assert_int_equal(c.bind.v[0].argc, 3);
	assert_string_equal(c.bind.v[0].argv[0], "reader");
	assert_string_equal(c.bind.v[0].argv[1], "J");
	assert_string_equal(c.bind.v[0].argv[2], "line-down");
	assert_int_equal(c.bind.v[0].line, 3);
	assert_int_equal(c.color.v[0].argc, 4);
	assert_string_equal(c.highlight.v[0].argv[0], "open source");
	assert_string_equal(c.city.v[0].argv[0], "杭州");
	assert_string_equal(c.city.v[0].argv[1], "杭城");
	assert_int_equal(c.theme.v[0].argc, 4);
	assert_int_equal(c.theme.v[0].line, 7);
	config_free(&c);
}

static const struct {
	const char *text;
	const char *msg; /* expected warning */
} bad[] = {
	{ "frobnicate 1\n", "cfg:1: unknown command 'frobnicate' (set, bind, color, highlight, city, theme); line skipped" },
	{ "\nset measure\n", "cfg:2: usage: set NAME VALUE; line skipped" },
	{ "bind reader\n", "cfg:1: usage: bind CONTEXT KEY ACTION [ARG]; line skipped" },
	{ "theme onlyname\n", "cfg:1: usage: theme NAME WORD...; line skipped" },
	{ "highlight \"open\n", "cfg:1: unterminated quote; line skipped" },
	{ "set a\x1b[2J b\n", "cfg:1: control character; line skipped" },
	{ "city\n", "cfg:1: usage: city NAME [ALIAS...]; line skipped" },
};

static void
test_bad_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct config c;
		struct msgs m;
		char text[256];
		/* a good line after the bad one still counts */
		snprintf(text, sizeof text, "%sset ok 1\n", bad[i].text);
		parse(text, &c, &m);
		assert_int_equal(m.n, 1);
		assert_string_equal(m.v[0], bad[i].msg);
		assert_string_equal(config_get(&c, "ok"), "1");
		config_free(&c);
	}
}

static void
test_quotes(void **state)
{
	(void)state;
	struct config c;
	struct msgs m;
	parse("highlight \"say \\\"hi\\\" \\\\ there\" red\nhighlight a#b\n", &c, &m);
	assert_int_equal(m.n, 0);
	assert_string_equal(c.highlight.v[0].argv[0], "say \"hi\" \\ there");
	assert_string_equal(c.highlight.v[0].argv[1], "red");
	/* '#' inside a word starts a comment only at a word's start */
	assert_string_equal(c.highlight.v[1].argv[0], "a#b");
	config_free(&c);
}

static void
test_load_missing_and_default_path(void **state)
{
	(void)state;
	struct config c;
	struct msgs m = { 0 };
	assert_int_equal(config_load("/nonexistent/duwen/config", &c, collect, &m), 0);
	assert_int_equal(m.n, 0); /* a missing file is no error */
	assert_int_equal(c.set.n, 0);
	config_free(&c);
	char buf[256];
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	assert_string_equal(config_default_path(buf, sizeof buf), "/x/cfg/duwen/config");
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/u", 1);
	assert_string_equal(config_default_path(buf, sizeof buf), "/home/u/.config/duwen/config");
	assert_null(config_default_path(buf, 8));
}

static void
test_load_file(void **state)
{
	(void)state;
	char path[] = "/tmp/duwen-test-config-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "set split 100\nbogus\n";
	assert_int_equal(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	struct config c;
	struct msgs m = { 0 };
	assert_int_equal(config_load(path, &c, collect, &m), 0);
	assert_string_equal(config_get(&c, "split"), "100");
	assert_int_equal(m.n, 1);
	char want[512];
	snprintf(want, sizeof want, "%s:2: unknown command 'bogus' (set, bind, color, highlight, city, theme); line skipped", path);
	assert_string_equal(m.v[0], want);
	config_free(&c);
	unlink(path);
}

/* A config path that is no regular file: a FIFO with no writer is read
 * as empty (opening it must not hang: the alarm fails the test instead),
 * a pipe with a writer is read, a directory and a socket are named in the
 * message, and nothing is fatal. */
static void
test_load_special_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/duwen-test-config-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char fifo[300], sock[300], want[512];
	snprintf(fifo, sizeof fifo, "%s/fifo", dir);
	snprintf(sock, sizeof sock, "%s/sock", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	struct config c;
	struct msgs m = { 0 };
	alarm(10);
	assert_int_equal(config_load(fifo, &c, collect, &m), 0);
	alarm(0);
	assert_int_equal(m.n, 0);
	assert_int_equal(c.set.n, 0);
	config_free(&c);

	int p[2];
	assert_int_equal(pipe(p), 0);
	const char *text = "set split 70\n";
	assert_int_equal(write(p[1], text, strlen(text)), (int)strlen(text));
	close(p[1]);
	char via[64];
	snprintf(via, sizeof via, "/dev/fd/%d", p[0]);
	assert_int_equal(config_load(via, &c, collect, &m), 0);
	assert_int_equal(m.n, 0);
	assert_string_equal(config_get(&c, "split"), "70");
	config_free(&c);
	close(p[0]);

	assert_int_equal(config_load(dir, &c, collect, &m), 0);
	assert_int_equal(m.n, 1);
	snprintf(want, sizeof want, "%s: is a directory; config not read", dir);
	assert_string_equal(m.v[0], want);
	assert_int_equal(c.set.n, 0);
	config_free(&c);

	int sfd = support_bind_socket(sock);
	m.n = 0;
	assert_int_equal(config_load(sock, &c, collect, &m), 0);
	assert_int_equal(m.n, 1);
	snprintf(want, sizeof want, "%s: not a regular file (a socket); config not read", sock);
	assert_string_equal(m.v[0], want);
	config_free(&c);
	close(sfd);
	unlink(sock);
	unlink(fifo);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_load_missing_and_default_path),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_load_special_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
