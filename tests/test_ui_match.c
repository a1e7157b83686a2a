/* test_ui_match: the highlight priority of match.h. The resolution
 * without curses (a city inside a note keeps the note's background; a
 * search hit keeps its colours; without colour the highest kind only),
 * then through curses on terminals opened on /dev/null: colour pairs on
 * xterm-256color, and on vt100 and with NO_COLOR every kind alone looking
 * different from every other; and the manual lists the priority in the
 * order the code has it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "../src/span.h"
#include "../ui/app.h"
#include "../ui/screen/pane_int.h"
#include "../ui/screen/style.h"
#include "../ui/panes/annot.h"
#include "../ui/panes/match.h"

/* ---- the resolution, no terminal ---- */

static int
rank(int kind, int tag)
{
	struct span s = { 0, 1, kind, tag };
	return ui_match_span_priority(&s);
}

static void
test_priority_order(void **state)
{
	(void)state;
	/* highest first, as match.h and duwen(1) say */
	const struct { int kind, tag; } order[] = {
		{ SPAN_SEARCH, 1 }, { SPAN_SEARCH, 0 }, { SPAN_GARBLED, 0 }, { SPAN_KEYWORD, 0 },
		{ SPAN_CITY, 2 },   { SPAN_THEME, 0 },  { SPAN_PROVINCE, 0 },
		{ SPAN_SELECT, UI_ANNOT_TAG_SELECTION }, { SPAN_SELECT, UI_ANNOT_TAG_CURSOR },
		{ SPAN_NOTE, 3 },
	};
	for (size_t i = 1; i < sizeof order / sizeof order[0]; i++)
		assert_true(rank(order[i - 1].kind, order[i - 1].tag) > rank(order[i].kind, order[i].tag));
	assert_int_equal(rank(SPAN_REPAIRED, 0), rank(SPAN_GARBLED, 0));
	/* a passage opened from the comparison ranks as a selection */
	assert_int_equal(rank(SPAN_SELECT, 0), rank(SPAN_SELECT, UI_ANNOT_TAG_SELECTION));
	assert_true(rank(SPAN_NOTE, 0) > 0);
}

#define BLK COLOR_BLACK
#define YEL COLOR_YELLOW
struct resolve_case {
	const char *what;
	struct ui_match_look in[3];
	size_t n;
	int mono;
	struct ui_match_look want; /* rank: the top kind's */
};

static void
test_resolve(void **state)
{
	(void)state;
	int note = rank(SPAN_NOTE, 0), city = rank(SPAN_CITY, 0), search = rank(SPAN_SEARCH, 0),
	    kw = rank(SPAN_KEYWORD, 0), cursor = rank(SPAN_SELECT, UI_ANNOT_TAG_CURSOR),
	    sel = rank(SPAN_SELECT, 0);
	const struct resolve_case cases[] = {
		{ "西湖 (city) inside a yellow note: red on the note's yellow, bold",
		  { { BLK, YEL, 0, note }, { COLOR_RED, -1, A_BOLD, city } }, 2, 0,
		  { COLOR_RED, YEL, A_BOLD, city } },
		{ "the same in the other order",
		  { { COLOR_RED, -1, A_BOLD, city }, { BLK, YEL, 0, note } }, 2, 0,
		  { COLOR_RED, YEL, A_BOLD, city } },
		{ "a search hit on a city in a note keeps its colours whole",
		  { { COLOR_RED, -1, A_BOLD, city }, { BLK, YEL, A_UNDERLINE, search }, { BLK, COLOR_GREEN, 0, note } },
		  3, 0, { BLK, YEL, A_BOLD | A_UNDERLINE, search } },
		{ "a yellow keyword on a yellow note takes the note's text colour",
		  { { BLK, YEL, 0, note }, { YEL, -1, A_BOLD, kw } }, 2, 0,
		  { BLK, YEL, A_BOLD, kw } },
		{ "the passage cursor adds its underline to a note",
		  { { BLK, YEL, 0, note }, { -1, -1, A_UNDERLINE, cursor } }, 2, 0,
		  { BLK, YEL, A_UNDERLINE, cursor } },
		{ "a comparison passage reverses a city: attributes add up",
		  { { -1, -1, A_REVERSE, sel }, { COLOR_RED, -1, A_BOLD, city } }, 2, 0,
		  { COLOR_RED, -1, A_REVERSE | A_BOLD, city } },
		{ "no colour: a city inside a note shows as a city only",
		  { { -1, -1, A_REVERSE | A_UNDERLINE, note }, { -1, -1, A_BOLD, city } }, 2, 1,
		  { -1, -1, A_BOLD, city } },
		{ "no colour: the cursor on a note shows as the cursor",
		  { { -1, -1, A_REVERSE | A_UNDERLINE, note }, { -1, -1, A_UNDERLINE, cursor } }, 2, 1,
		  { -1, -1, A_UNDERLINE, cursor } },
		{ "no colour: a search hit on a keyword is a search hit",
		  { { -1, -1, A_BOLD | A_UNDERLINE, kw }, { -1, -1, A_REVERSE | A_BOLD, search } }, 2, 1,
		  { -1, -1, A_REVERSE | A_BOLD, search } },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct resolve_case *c = &cases[i];
		struct ui_match_look got;
		int top = ui_match_resolve(c->in, c->n, c->mono, &got);
		if (got.fg != c->want.fg || got.bg != c->want.bg || got.attr != c->want.attr ||
		    got.rank != c->want.rank || c->in[top].rank != c->want.rank) {
			fprintf(stderr, "%s: fg %d bg %d attr %#x rank %d\n", c->what, got.fg, got.bg,
				(unsigned)got.attr, got.rank);
			fail();
		}
	}
	struct ui_match_look none;
	assert_int_equal(ui_match_resolve(NULL, 0, 0, &none), -1);
	assert_int_equal(none.fg, -1);
	assert_int_equal(none.attr, 0);
}

/* ---- through curses ---- */

struct term {
	FILE *out, *in;
	SCREEN *scr;
	struct app app;
};

static void
term_open(struct term *t, const char *type, int mono)
{
	memset(t, 0, sizeof *t);
	t->out = fopen("/dev/null", "w");
	t->in = fopen("/dev/null", "r");
	assert_non_null(t->out);
	t->scr = newterm(type, t->out, t->in);
	assert_non_null(t->scr);
	t->app.mono = mono || !has_colors();
	assert_int_equal(pane_mgr_init(&t->app), 0);
	ui_match_register(&t->app);
	style_init(&t->app, NULL, t->app.mono, NULL, NULL);
}

static void
term_close(struct term *t)
{
	endwin();
	delscreen(t->scr);
	pane_mgr_free(&t->app);
	ui_match_free(&t->app);
	fclose(t->out);
	fclose(t->in);
}

static int
attr_of(struct app *app, int kind, int tag)
{
	struct span s = { 0, 4, kind, tag };
	const struct span *v[] = { &s };
	return ui_match_attr(app, 0, v, 1, 0);
}

static void
test_curses_colour(void **state)
{
	(void)state;
	struct term t;
	term_open(&t, "xterm-256color", 0);
	assert_false(t.app.mono);
	/* 西湖 (city 0) at [3, 9) inside a yellow note at [0, 30) */
	struct span list[] = { { 0, 30, SPAN_NOTE, 0 }, { 3, 9, SPAN_CITY, 0 } };
	struct span_list l = { list, 2, 2 };
	int at = ui_match_attr_list(&t.app, 0, &l, 4);
	short fg, bg;
	assert_int_not_equal(pair_content((short)PAIR_NUMBER(at), &fg, &bg), ERR);
	assert_int_equal(fg, COLOR_RED);
	assert_int_equal(bg, COLOR_YELLOW);
	/* and the city's own attributes (colour only: a byte-lean look) */
	assert_int_equal(at & (A_ATTRIBUTES & ~A_COLOR),
			 style_get(&t.app, STYLE_CITY0) & (A_ATTRIBUTES & ~A_COLOR));
	/* outside the city: the note alone */
	at = ui_match_attr_list(&t.app, 0, &l, 20);
	assert_int_equal(at, style_get(&t.app, STYLE_NOTE));
	/* a search hit in the note keeps its own pair */
	struct span hit = { 3, 9, SPAN_SEARCH, 0 }, note = { 0, 30, SPAN_NOTE, 0 };
	const struct span *v[] = { &note, &list[1], &hit };
	assert_int_equal(ui_match_attr(&t.app, 0, v, 3, 4), style_get(&t.app, STYLE_SEARCH) | A_BOLD);
	/* a heading's blue text under a note: the note's colours */
	at = ui_match_attr(&t.app, style_get(&t.app, STYLE_HEADING), v, 1, 4);
	assert_int_equal(PAIR_NUMBER(at), PAIR_NUMBER(style_get(&t.app, STYLE_NOTE)));
	assert_true(at & A_BOLD);
	/* no span: the base as it is */
	assert_int_equal(ui_match_attr(&t.app, style_get(&t.app, STYLE_HEADING), v, 0, 4), style_get(&t.app, STYLE_HEADING));
	term_close(&t);
}

/* Every kind alone, on the terminal's attributes (what it can show):
 * distinct, except the pairs in same (indices into kinds, -1: none), and
 * never blinking. */
static void
check_distinct(const char *type, int mono, unsigned shown, const int same[][2], size_t nsame)
{
	struct term t;
	term_open(&t, type, mono);
	assert_true(t.app.mono);
	static const struct {
		const char *name;
		int kind, tag;
	} kinds[] = {
		{ "selection", SPAN_SELECT, UI_ANNOT_TAG_SELECTION },
		{ "passage cursor", SPAN_SELECT, UI_ANNOT_TAG_CURSOR },
		{ "search hit", SPAN_SEARCH, 0 },
		{ "current hit", SPAN_SEARCH, 1 },
		{ "note", SPAN_NOTE, 0 },
		{ "city", SPAN_CITY, 0 },
		{ "keyword", SPAN_KEYWORD, 0 },
		{ "theme word", SPAN_THEME, 0 },
		{ "garbled", SPAN_GARBLED, 0 },
	};
	enum { N = sizeof kinds / sizeof kinds[0] };
	unsigned look[N];
	for (size_t i = 0; i < N; i++) {
		unsigned full = (unsigned)attr_of(&t.app, kinds[i].kind, kinds[i].tag);
		assert_int_equal(full & A_BLINK, 0);
		look[i] = full & shown;
		if (look[i] == 0)
			fprintf(stderr, "%s: %s shows as plain text\n", type, kinds[i].name);
		assert_int_not_equal(look[i], 0);
		for (size_t j = 0; j < i; j++) {
			int allowed = 0;
			for (size_t k = 0; k < nsame; k++)
				allowed |= (size_t)same[k][0] == j && (size_t)same[k][1] == i;
			if (allowed) {
				assert_int_equal(look[i], look[j]);
				continue;
			}
			if (look[i] == look[j]) {
				fprintf(stderr, "%s: %s looks like %s (%#x)\n", type, kinds[i].name,
					kinds[j].name, look[i]);
				fail();
			}
		}
	}
	/* the other cities and note colours are still cities and notes */
	for (int tag = 1; tag < 4; tag++)
		assert_true(((unsigned)attr_of(&t.app, SPAN_CITY, tag) & shown) == look[5]);
	assert_true(((unsigned)attr_of(&t.app, SPAN_NOTE, 1) & shown & (A_REVERSE | A_UNDERLINE)) ==
		    (A_REVERSE | A_UNDERLINE));
	term_close(&t);
}

static void
test_distinct_vt100(void **state)
{
	(void)state;
	/* a vt100 shows bold, underline, reverse and blink, nothing else; with
	 * blink never used, the seven mixes of the first three go to the seven
	 * first kinds, and the theme word is underlined as the passage cursor
	 * (shown in passage mode only), garbled text bold as a city */
	static const int same[][2] = { { 1, 7 }, { 5, 8 } };
	check_distinct("vt100", 0, A_BOLD | A_UNDERLINE | A_REVERSE | A_BLINK, same, 2);
}

static void
test_distinct_no_color(void **state)
{
	(void)state;
	check_distinct("xterm-256color", 1,
		       A_BOLD | A_UNDERLINE | A_REVERSE | A_BLINK | A_DIM | A_ITALIC, NULL, 0);
}

/* ---- the manual ---- */

static void
test_man_priority(void **state)
{
	(void)state;
	char want[512];
	ui_match_priority_names(want, sizeof want);
	FILE *f = fopen("man/duwen.1", "r");
	assert_non_null(f);
	/* the list may be wrapped over lines: join them with spaces */
	char all[65536];
	size_t n = 0;
	char line[1024];
	while (fgets(line, sizeof line, f) && n + strlen(line) + 1 < sizeof all) {
		line[strcspn(line, "\n")] = ' ';
		memcpy(all + n, line, strlen(line));
		n += strlen(line);
	}
	all[n] = 0;
	fclose(f);
	if (strstr(all, want) == NULL) {
		fprintf(stderr, "man/duwen.1 does not list the priority as: %s\n", want);
		fail();
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_priority_order),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_curses_colour),
		cmocka_unit_test(test_distinct_vt100),
		cmocka_unit_test(test_distinct_no_color),
		cmocka_unit_test(test_man_priority),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
