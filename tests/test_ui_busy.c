/* Tests for long work in the panes: pane_cancel_pending finds Esc and
 * Ctrl-C among typed keys (read from a pipe through a real curses screen)
 * and puts every other key back in order, arrow keys included;
 * ui_busy_tick stops the work on them and shows progress only once the
 * work has taken its delay; a search and a comparison stopped that way
 * return ERR_CANCELLED and leave their output untouched. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <locale.h>
#include <wchar.h>

#include <cmocka.h>
#include <curses.h>

#include "../src/article.h"
#include "../src/compare.h"
#include "../src/config.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/search.h"
#include "../ui/app.h"
#include "../ui/panes/busy.h"
#include "../ui/screen/pane.h"
#include "../ui/screen/pane_int.h"

struct term {
	int fd[2];
	FILE *out, *in;
	SCREEN *scr;
	struct corpus c;
	struct config cfg;
	struct app app;
};

/* A curses screen reading keys from a pipe, with the manager's windows. */
static int
setup(void **state)
{
	struct term *t = calloc(1, sizeof *t);
	if (t == NULL || pipe(t->fd) < 0)
		return -1;
	t->out = fopen("/dev/null", "w");
	t->in = fdopen(t->fd[0], "r");
	t->scr = newterm("xterm-256color", t->out, t->in);
	if (t->scr == NULL)
		return -1;
	raw();
	noecho();
	set_escdelay(20);
	t->app.corpus = &t->c;
	t->app.config = &t->cfg;
	if (pane_mgr_init(&t->app) < 0)
		return -1;
	pane_set_curses(&t->app, 1);
	pane_relayout(&t->app);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct term *t = *state;
	pane_mgr_free(&t->app);
	endwin();
	delscreen(t->scr);
	fclose(t->in);
	close(t->fd[1]);
	fclose(t->out);
	free(t);
	return 0;
}

static void
type(struct term *t, const char *bytes)
{
	assert_int_equal(write(t->fd[1], bytes, strlen(bytes)), (ssize_t)strlen(bytes));
}

/* The next key the event loop would read (ERR: none waiting). */
static int
next_key(struct term *t, wint_t *ch)
{
	WINDOW *w = t->app.mgr->promptw;
	wtimeout(w, 0);
	int r = wget_wch(w, ch);
	wtimeout(w, -1);
	return r;
}

static void
test_cancel_pending(void **state)
{
	struct term *t = *state;
	static const struct {
		const char *typed;
		int cancel;
		const char *left; /* the keys the loop reads after, in order */
	} cases[] = {
		{ "", 0, "" },
		{ "jk", 0, "jk" },
		{ "\x03", 1, "" },
		{ "j\x03k", 1, "jk" },
		{ "\x1b", 1, "" },
		{ "ab\x1b", 1, "ab" },
		{ "资", 0, "资" },
		{ "\x03\x1b", 1, "" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		type(t, cases[k].typed);
		if (pane_cancel_pending(&t->app) != cases[k].cancel)
			fail_msg("typed %zu: cancel should be %d", k, cases[k].cancel);
		/* the rest, in order, as wide characters */
		wchar_t want[16];
		size_t nw = mbstowcs(want, cases[k].left, 16);
		for (size_t i = 0; i < nw; i++) {
			wint_t ch;
			assert_int_equal(next_key(t, &ch), OK);
			if ((wchar_t)ch != want[i])
				fail_msg("typed %zu: key %zu is %lc, want %lc", k, i, (wint_t)ch, (wint_t)want[i]);
		}
		wint_t ch;
		assert_int_equal(next_key(t, &ch), ERR);
	}
	/* an arrow key (Esc O B on an xterm) is a key, not a cancel */
	type(t, "\x1bOBq");
	assert_int_equal(pane_cancel_pending(&t->app), 0);
	wint_t ch;
	assert_int_equal(next_key(t, &ch), KEY_CODE_YES);
	assert_int_equal(ch, KEY_DOWN);
	assert_int_equal(next_key(t, &ch), OK);
	assert_int_equal(ch, 'q');
	/* no terminal: never a cancel */
	type(t, "\x03");
	pane_set_curses(&t->app, 0);
	assert_int_equal(pane_cancel_pending(&t->app), 0);
	pane_set_curses(&t->app, 1);
	assert_int_equal(pane_cancel_pending(&t->app), 1);
}

struct fake {
	int calls, cancel_at, shows;
	size_t done, total;
	const char *label;
};

static struct fake *the_fake;

static int
fake_pending(struct app *app)
{
	(void)app;
	the_fake->calls++;
	return the_fake->cancel_at && the_fake->calls >= the_fake->cancel_at;
}

static void
fake_show(struct app *app, const char *label, size_t done, size_t total)
{
	(void)app;
	the_fake->shows++;
	the_fake->label = label;
	the_fake->done = done;
	the_fake->total = total;
}

static void
busy_with(struct ui_busy *b, struct fake *f, long delay_ms)
{
	ui_busy_start(b, NULL, "searching 资本");
	b->delay_ms = delay_ms;
	b->slow_ms = 0;
	b->pending = fake_pending;
	b->show = fake_show;
	the_fake = f;
}

static void
test_tick(void **state)
{
	(void)state;
	struct ui_busy b;
	struct fake f = { 0 };
	/* quick work shows nothing */
	busy_with(&b, &f, 60000);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(ui_busy_tick(&b, i, 5), 0);
	assert_int_equal(f.calls, 5);
	assert_int_equal(f.shows, 0);
	assert_int_equal(b.cancelled, 0);
	/* past the delay: the progress, at most every UI_BUSY_EVERY_MS */
	f = (struct fake){ 0 };
	busy_with(&b, &f, 0);
	assert_int_equal(ui_busy_tick(&b, 64, 1000), 0);
	assert_int_equal(f.shows, 1);
	assert_int_equal(f.done, 64);
	assert_int_equal(f.total, 1000);
	assert_string_equal(f.label, "searching 资本");
	for (size_t i = 0; i < 100; i++)
		assert_int_equal(ui_busy_tick(&b, 64 + i, 1000), 0);
	assert_true(f.shows >= 1 && f.shows <= 2);
	/* Esc or Ctrl-C: stop */
	f = (struct fake){ .cancel_at = 3 };
	busy_with(&b, &f, 0);
	assert_int_equal(ui_busy_tick(&b, 0, 10), 0);
	assert_int_equal(ui_busy_tick(&b, 1, 10), 0);
	assert_int_equal(ui_busy_tick(&b, 2, 10), 1);
	assert_int_equal(b.cancelled, 1);
}

/* A corpus of n articles (the same two texts again and again). */
struct many {
	struct article a[2];
	struct match_text f[2];
	struct article *arts;
	struct match_text *folded;
	struct match_corpus mc;
	struct script *sc;
};

static void
many_make(struct many *m, size_t n)
{
	static const char *const text[2] = { "甲\n\n杭州的开源社区很活跃。深圳的资本也来了。\n",
					    "乙\n\n深圳市的人工智能,杭州的开源。\n" };
	assert_int_equal(script_open(&m->sc, NULL), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(article_from_utf8(i ? "b.txt" : "a.txt", text[i], strlen(text[i]), &m->a[i]), 0);
		assert_int_equal(match_fold(m->sc, m->a[i].text, m->a[i].len, &m->f[i]), 0);
	}
	m->arts = calloc(n, sizeof *m->arts);
	m->folded = calloc(n, sizeof *m->folded);
	for (size_t i = 0; i < n; i++) {
		m->arts[i] = m->a[i % 2];
		m->folded[i] = m->f[i % 2];
	}
	m->mc = (struct match_corpus){ m->arts, m->folded, n };
}

static void
many_free(struct many *m)
{
	free(m->arts);
	free(m->folded);
	for (int i = 0; i < 2; i++) {
		article_free(&m->a[i]);
		match_text_free(&m->f[i]);
	}
	script_close(m->sc);
}

static void
test_work_stopped(void **state)
{
	(void)state;
	struct many m;
	many_make(&m, 500);
	struct ui_busy b;
	struct fake f = { .cancel_at = 4 };
	/* the search */
	busy_with(&b, &f, 60000);
	struct search_result r = { .n = 777 };
	assert_int_equal(search_run_tick(&m.mc, m.sc, "开源", ui_busy_tick, &b, &r), ERR_CANCELLED);
	assert_int_equal(f.calls, 4);
	assert_int_equal(r.n, 777); /* untouched */
	f = (struct fake){ 0 };
	busy_with(&b, &f, 60000);
	assert_int_equal(search_run_tick(&m.mc, m.sc, "开源", ui_busy_tick, &b, &r), 0);
	assert_int_equal(r.n, 500);
	assert_int_equal(f.calls, (500 + SEARCH_TICK_EVERY - 1) / SEARCH_TICK_EVERY);
	search_result_free(&r);
	/* the comparison */
	struct compare_spec spec;
	struct compare_matcher *cm;
	assert_int_equal(compare_spec_default(&spec), 0);
	assert_int_equal(compare_matcher_new(&spec, m.sc, &cm), 0);
	struct compare_result cr = { .narts = 12345 };
	f = (struct fake){ .cancel_at = 2 };
	busy_with(&b, &f, 60000);
	assert_int_equal(compare_run_tick(&spec, cm, &m.mc, ui_busy_tick, &b, &cr), ERR_CANCELLED);
	assert_int_equal(cr.narts, 12345); /* untouched */
	f = (struct fake){ 0 };
	busy_with(&b, &f, 60000);
	assert_int_equal(compare_run_tick(&spec, cm, &m.mc, ui_busy_tick, &b, &cr), 0);
	assert_int_equal(cr.narts, 500);
	assert_int_equal(f.calls, (500 + COMPARE_TICK_EVERY - 1) / COMPARE_TICK_EVERY);
	compare_result_free(&cr);
	compare_matcher_free(cm);
	compare_spec_free(&spec);
	many_free(&m);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cancel_pending),
		cmocka_unit_test(test_tick),
		cmocka_unit_test(test_work_stopped),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
