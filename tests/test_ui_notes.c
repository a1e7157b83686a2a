/* test_ui_notes: the notes UI's logic without a terminal: the passage
 * cursor and selection (textsel.c) by sentence and by character, passage
 * mode (when the cursor is drawn), the
 * colour prompt's keys (annot.c), and the note index (note_index.c):
 * counts, spans, the note under a passage, orphans, the notes pane's
 * filter and sort. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/anchor.h"
#include "../src/article.h"
#include "../src/corpus.h"
#include "../src/notes.h"
#include "../src/store.h"
#include "../src/note_index.h"
#include "../src/textsel.h"
#include "../ui/panes/annot_act.h"

/* Sentences: 0 [0,6) 标题 | 1 [8,29) 第一句话很长。 | 2 [29,44) 第二句话！ |
 * 3 [46,70) 第三段的第一句。 | 4 [70,91) 第三段第二句？ ("\n\n" between blocks). */
static const char sample[] = "标题\n\n第一句话很长。第二句话！\n\n第三段的第一句。第三段第二句？\n";

static void
load_sample(struct article *a)
{
	assert_int_equal(article_from_utf8("x.txt", sample, strlen(sample), a), 0);
	assert_int_equal(a->nsents, 5);
	static const size_t starts[] = { 0, 8, 29, 46, 70 }, ends[] = { 6, 29, 44, 70, 91 };
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(a->sents[i].start, starts[i]);
		assert_int_equal(a->sents[i].end, ends[i]);
	}
}

static void
expect_range(const struct textsel *t, const struct article *a, size_t s, size_t e)
{
	size_t rs, re;
	assert_int_equal(textsel_range(t, a, &rs, &re), 0);
	assert_int_equal(rs, s);
	assert_int_equal(re, e);
}

static void
test_cursor_moves(void **state)
{
	(void)state;
	struct article a;
	load_sample(&a);
	struct textsel t;
	textsel_init(&t, &a);
	size_t s, e;
	assert_int_equal(textsel_range(&t, &a, &s, &e), -1); /* no cursor yet */
	/* The screen shows from the middle of sentence 1 to sentence 3. */
	assert_int_equal(textsel_keep_visible(&t, &a, 20, 60), 1);
	assert_int_equal(t.cur, 2); /* the first sentence starting on screen */
	assert_int_equal(textsel_keep_visible(&t, &a, 20, 60), 0);
	/* Only part of one long sentence on screen: that one. */
	textsel_init(&t, &a);
	assert_int_equal(textsel_keep_visible(&t, &a, 50, 60), 1);
	assert_int_equal(t.cur, 3);
	/* Moves, clamped at both ends. */
	static const struct { int dir; int moved; size_t cur; } steps[] = {
		{ 1, 1, 4 }, { 1, 0, 4 }, { -1, 1, 3 }, { -1, 1, 2 }, { -1, 1, 1 },
		{ -1, 1, 0 }, { -1, 0, 0 },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		assert_int_equal(textsel_move(&t, &a, steps[i].dir), steps[i].moved);
		assert_int_equal(t.cur, steps[i].cur);
	}
	expect_range(&t, &a, 0, 6);
	/* Scrolled away: the cursor follows to the top sentence on screen. */
	assert_int_equal(textsel_keep_visible(&t, &a, 46, 91), 1);
	assert_int_equal(t.cur, 3);
	/* Hidden blocks are skipped (boilerplate not shown). */
	a.blocks[1].kind = BLOCK_BOILERPLATE;
	t.show_boiler = 0;
	assert_int_equal(textsel_move(&t, &a, -1), 1);
	assert_int_equal(t.cur, 0);
	assert_int_equal(textsel_move(&t, &a, 1), 1);
	assert_int_equal(t.cur, 3);
	t.show_boiler = 1;
	assert_int_equal(textsel_move(&t, &a, -1), 1);
	assert_int_equal(t.cur, 2);
	/* Set by offset: inside a sentence, between blocks, past the end. */
	textsel_set(&t, &a, 35);
	assert_int_equal(t.cur, 2);
	textsel_set(&t, &a, 45);
	assert_int_equal(t.cur, 3);
	textsel_set(&t, &a, 91);
	assert_int_equal(t.cur, 4);
	article_free(&a);
}

/* Passage mode: the cursor is drawn only from a passage key (show) to a
 * plain scroll or Esc (hide); it follows the screen either way; a
 * selection is drawn until cancelled, and a scroll does not end passage
 * mode under it. One row per event, in order. */
static void
test_passage_mode(void **state)
{
	(void)state;
	struct article a;
	load_sample(&a);
	struct textsel t;
	textsel_init(&t, &a);
	enum { SHOW, HIDE, KEEP, SELECT, CANCEL, MOVE };
	static const struct {
		int ev;
		size_t vis_s, vis_e; /* KEEP: the screen */
		int ret;             /* of show / hide / keep_visible / move */
		int drawn;
		size_t cur;
	} steps[] = {
		{ KEEP, 0, 44, 1, 0, 0 },   /* opened: cursor on the top, not drawn */
		{ HIDE, 0, 0, 0, 0, 0 },    /* a scroll while reading: nothing changes */
		{ KEEP, 20, 60, 1, 0, 2 },  /* scrolled: follows, still not drawn */
		{ SHOW, 0, 0, 1, 1, 2 },    /* `a` right after: the top sentence, shown */
		{ SHOW, 0, 0, 0, 1, 2 },    /* another passage key: shown already */
		{ MOVE, 0, 0, 1, 1, 3 },    /* `)` */
		{ KEEP, 46, 91, 0, 1, 3 },  /* on screen: stays */
		{ HIDE, 0, 0, 1, 0, 3 },    /* j or Esc: hidden */
		{ KEEP, 70, 91, 1, 0, 4 },  /* scrolled on: follows hidden */
		{ SHOW, 0, 0, 1, 1, 4 },
		{ SELECT, 0, 0, 0, 1, 4 },
		{ HIDE, 0, 0, 0, 1, 4 },    /* a scroll while selecting: still drawn */
		{ CANCEL, 0, 0, 0, 1, 4 },  /* Esc: back to the shown cursor */
		{ HIDE, 0, 0, 1, 0, 4 },    /* Esc again: hidden */
		{ HIDE, 0, 0, 0, 0, 4 },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		int ret = 0;
		switch (steps[i].ev) {
		case SHOW: ret = textsel_show(&t); break;
		case HIDE: ret = textsel_hide(&t); break;
		case KEEP: ret = textsel_keep_visible(&t, &a, steps[i].vis_s, steps[i].vis_e); break;
		case SELECT: ret = textsel_select(&t, &a); break;
		case CANCEL: textsel_cancel(&t); break;
		case MOVE: ret = textsel_move(&t, &a, 1); break;
		}
		assert_int_equal(ret, steps[i].ret);
		assert_int_equal(textsel_drawn(&t, &a), steps[i].drawn);
		assert_int_equal(t.cur, steps[i].cur);
	}
	/* Shown but no sentence to show: nothing drawn. */
	textsel_init(&t, &a);
	assert_int_equal(textsel_show(&t), 1);
	assert_int_equal(textsel_drawn(&t, &a), 0);
	article_free(&a);
}

static void
test_select_sentences(void **state)
{
	(void)state;
	struct article a;
	load_sample(&a);
	struct textsel t;
	textsel_init(&t, &a);
	textsel_set(&t, &a, 30); /* sentence 2 */
	assert_int_equal(textsel_select(&t, &a), 0);
	expect_range(&t, &a, 29, 44);
	/* Forward across the paragraph break, back past the anchor, and back. */
	static const struct { int dir; size_t s, e; } steps[] = {
		{ 1, 29, 70 }, { 1, 29, 91 }, { 1, 29, 91 }, { -1, 29, 70 }, { -1, 29, 44 },
		{ -1, 8, 44 }, { -1, 0, 44 }, { 1, 8, 44 },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		textsel_move(&t, &a, steps[i].dir);
		expect_range(&t, &a, steps[i].s, steps[i].e);
	}
	textsel_cancel(&t);
	expect_range(&t, &a, 8, 29); /* back to the cursor sentence */
	article_free(&a);
}

static void
test_select_chars(void **state)
{
	(void)state;
	struct article a;
	load_sample(&a);
	struct textsel t;
	textsel_init(&t, &a);
	assert_int_equal(textsel_char(&t, &a, 1, 1), 0); /* not selecting */
	textsel_set(&t, &a, 30);
	textsel_select(&t, &a); /* [29, 44) 第二句话！ */
	static const struct { int edge, dir, changed; size_t s, e; } steps[] = {
		{ 1, -1, 1, 29, 41 },  /* end: drop ！ */
		{ 1, 1, 1, 29, 44 },
		{ 1, 1, 1, 29, 49 },   /* over the paragraph break: 第 of the next */
		{ 1, -1, 1, 29, 44 },  /* and back over it */
		{ 0, -1, 1, 26, 44 },  /* start: take 。 */
		{ 0, 1, 1, 29, 44 },
		{ 0, 1, 1, 32, 44 },
		{ 0, 1, 1, 35, 44 },
		{ 0, 1, 1, 38, 44 },
		{ 0, 1, 1, 41, 44 },   /* one character left: ！ */
		{ 0, 1, 0, 41, 44 },   /* never empty */
		{ 1, -1, 0, 41, 44 },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		assert_int_equal(textsel_char(&t, &a, steps[i].edge, steps[i].dir), steps[i].changed);
		expect_range(&t, &a, steps[i].s, steps[i].e);
	}
	/* The start edge over a paragraph break, backwards. */
	textsel_set(&t, &a, 50);
	textsel_select(&t, &a); /* [46, 70) */
	assert_int_equal(textsel_char(&t, &a, 0, -1), 1);
	expect_range(&t, &a, 41, 70);
	/* Clusters, not code points: e + combining acute is one step. */
	assert_int_equal(textsel_prev_cluster("ae\xCC\x81", 4, 4), 1);
	assert_int_equal(textsel_prev_cluster("ab\ncd", 5, 3), 2);
	assert_int_equal(textsel_prev_cluster("ab", 2, 0), 0);
	article_free(&a);
}

static void
test_colour_keys(void **state)
{
	(void)state;
	size_t n;
	const struct notes_colour *c = notes_colours(&n);
	assert_true(n >= 4);
	static const struct { const char *name; int letter; } letters[] = {
		{ "yellow", 'y' }, { "green", 'g' }, { "blue", 'b' }, { "pink", 'p' }, { "purple", 'u' },
	};
	for (size_t i = 0; i < n && i < 5; i++) {
		assert_string_equal(c[i].name, letters[i].name);
		assert_int_equal(ui_annot_act_colour_letter(i), letters[i].letter);
	}
	static const struct { int key, def, want; } keys[] = {
		{ 'y', 2, 0 }, { 'g', 0, 1 }, { 'B', 0, 2 }, { 'p', 0, 3 }, { 'u', 0, 4 },
		{ '1', 3, 0 }, { '4', 0, 3 }, { '\r', 2, 2 }, { KEY_ENTER, 1, 1 }, { 27, 0, -1 },
		{ 'q', 0, -1 }, { 7, 0, -1 }, { 'x', 0, -2 }, { '0', 0, -2 }, { '9', 0, -2 },
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		assert_int_equal(ui_annot_act_colour_key(keys[i].key, keys[i].def), keys[i].want);
}

/* ---- the note index over a store ---- */

struct fx {
	char dir[64], data[96], fa[96], fb[96];
	struct corpus c;
	struct store *s;
	struct notes_lib lib;
};

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char text_a[] = "甲篇：杭州的人才从哪里来\n\n杭州的人才很多。DeepSeek来自杭州。\n\n深圳在追赶。\n";
static const char text_b[] = "乙篇：成都的机会在哪里\n\n成都也有机会。四川要学习。\n";

/* Annotate the first occurrence of quote in article art. */
static void
add(struct fx *x, size_t art, const char *quote, const char *note, const char *colour,
    const char *created)
{
	const struct article *a = &x->c.v[art];
	const char *p = strstr(a->text, quote);
	assert_non_null(p);
	size_t s = (size_t)(p - a->text);
	struct store_annot r;
	assert_int_equal(notes_new(a, notes_lib_key(&x->lib, art), s, s + strlen(quote), note, colour, &r), 0);
	snprintf(r.created, sizeof r.created, "%s", created);
	assert_int_equal(store_annot_add(x->s, &r), 0);
	store_annot_clear(&r);
}

static int
fx_setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	snprintf(x->dir, sizeof x->dir, "/tmp/duwen-test-ui-notes-XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	snprintf(x->data, sizeof x->data, "%s/data", x->dir);
	snprintf(x->fa, sizeof x->fa, "%s/a.txt", x->dir);
	snprintf(x->fb, sizeof x->fb, "%s/b.txt", x->dir);
	write_file(x->fa, text_a);
	write_file(x->fb, text_b);
	const char *paths[] = { x->fa, x->fb };
	assert_int_equal(corpus_load(&x->c, paths, 2, NULL, NULL, NULL), 0);
	assert_int_equal(x->c.n, 2);
	assert_int_equal(notes_lib_init(&x->lib, &x->c), 0);
	char *cause = NULL;
	assert_int_equal(store_open(x->data, &x->s, &cause), 0);
	assert_null(cause);
	add(x, 0, "杭州的人才很多。", "人才", "green", "2024-05-01T08:00:00Z");
	add(x, 0, "深圳在追赶。", "", "yellow", "2024-05-03T08:00:00Z");
	add(x, 1, "成都也有机会。", "DeepSeek 的启发", "blue", "2024-05-02T08:00:00Z");
	add(x, 0, "DeepSeek来自杭州。", "源头", "green", "2024-05-04T08:00:00Z");
	*state = x;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *x = *state;
	store_close(x->s);
	notes_lib_free(&x->lib);
	corpus_free(&x->c);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
	assert_int_equal(system(cmd), 0);
	free(x);
	return 0;
}

/* The quotes of the view's rows, joined by '|'. */
static void
expect_view(const struct note_index *ix, const char *filter, int sort, const char *want)
{
	size_t rows[16];
	long n = note_index_view(ix, NULL, filter, sort, rows);
	assert_true(n >= 0);
	char got[512] = "";
	for (long i = 0; i < n; i++) {
		strcat(got, i ? "|" : "");
		strcat(got, ix->v[rows[i]].a.quote);
	}
	assert_string_equal(got, want);
}

static void
test_index(void **state)
{
	struct fx *x = *state;
	struct note_index ix = { 0 };
	assert_int_equal(note_index_load(&ix, x->s, &x->c, NULL), 0);
	assert_int_equal(ix.n, 4);
	assert_int_equal(note_index_count(&ix, 0), 3);
	assert_int_equal(note_index_count(&ix, 1), 1);
	assert_int_equal(note_index_count(&ix, 7), 0);
	/* Spans of article 0 carry the colour index as tag. */
	struct span_list sl = { 0 };
	assert_int_equal(note_index_spans(&ix, 0, &sl), 0);
	assert_int_equal(sl.n, 3);
	span_list_sort(&sl);
	const char *t = x->c.v[0].text;
	static const struct { const char *quote; int tag; } spans[] = {
		{ "杭州的人才很多。", 1 }, { "DeepSeek来自杭州。", 1 }, { "深圳在追赶。", 0 },
	};
	for (size_t i = 0; i < 3; i++) {
		size_t s = (size_t)(strstr(t, spans[i].quote) - t);
		assert_int_equal(sl.v[i].start, s);
		assert_int_equal(sl.v[i].end, s + strlen(spans[i].quote));
		assert_int_equal(sl.v[i].kind, SPAN_NOTE);
		assert_int_equal(sl.v[i].tag, spans[i].tag);
	}
	span_list_free(&sl);
	/* The note under a passage: overlapping, the one starting at or before. */
	size_t hz = (size_t)(strstr(t, "人才很多") - t);
	const struct note_entry *e = note_index_at(&ix, 0, hz, hz + 3);
	assert_non_null(e);
	assert_string_equal(e->a.note, "人才");
	assert_null(note_index_at(&ix, 0, 0, 6)); /* the title: no note */
	assert_null(note_index_at(&ix, 2, 0, 100)); /* no such article */
	e = note_index_at(&ix, 0, 0, x->c.v[0].len); /* the whole text: the first one */
	assert_string_equal(e->a.quote, "杭州的人才很多。");
	assert_ptr_equal(note_index_find(&ix, e->a.id), e);
	/* Sorts: newest first, by article and place, by colour then newest. */
	expect_view(&ix, NULL, NOTE_SORT_DATE,
		    "DeepSeek来自杭州。|深圳在追赶。|成都也有机会。|杭州的人才很多。");
	/* by title in pinyin order (甲 jiǎ before 乙 yǐ; in code points 乙
	 * U+4E59 came first), then place */
	expect_view(&ix, "", NOTE_SORT_ARTICLE,
		    "杭州的人才很多。|DeepSeek来自杭州。|深圳在追赶。|成都也有机会。");
	expect_view(&ix, NULL, NOTE_SORT_COLOUR,
		    "深圳在追赶。|DeepSeek来自杭州。|杭州的人才很多。|成都也有机会。");
	/* Filters over quote, note, title, colour; ASCII case folded. */
	expect_view(&ix, "deepseek", NOTE_SORT_DATE, "DeepSeek来自杭州。|成都也有机会。");
	expect_view(&ix, "乙篇", NOTE_SORT_DATE, "成都也有机会。");
	assert_string_equal(e->title, "甲篇：杭州的人才从哪里来");
	expect_view(&ix, "green", NOTE_SORT_ARTICLE, "杭州的人才很多。|DeepSeek来自杭州。");
	expect_view(&ix, "GREEN", NOTE_SORT_DATE, "DeepSeek来自杭州。|杭州的人才很多。");
	expect_view(&ix, "没有", NOTE_SORT_DATE, "");
	note_index_free(&ix);
}

static void
test_index_orphans_and_reload(void **state)
{
	struct fx *x = *state;
	/* The article changes under its notes: one passage is gone. */
	write_file(x->fa, "甲篇：杭州的人才从哪里来\n\n杭州的人才很多。\n\n深圳在追赶。\n");
	corpus_free(&x->c);
	const char *paths[] = { x->fa, x->fb };
	assert_int_equal(corpus_load(&x->c, paths, 2, NULL, NULL, NULL), 0);
	struct note_index ix = { 0 };
	assert_int_equal(note_index_load(&ix, x->s, &x->c, NULL), 0);
	assert_int_equal(ix.n, 4);
	assert_int_equal(note_index_count(&ix, 0), 3); /* orphans still count */
	size_t orphans = 0;
	for (size_t i = 0; i < ix.n; i++)
		orphans += ix.v[i].how == ANCHOR_ORPHAN;
	assert_int_equal(orphans, 1); /* DeepSeek来自杭州。 */
	struct span_list sl = { 0 };
	assert_int_equal(note_index_spans(&ix, 0, &sl), 0);
	assert_int_equal(sl.n, 2); /* an orphan has no highlight */
	span_list_free(&sl);
	/* Orphans sort after the placed notes of their article. */
	expect_view(&ix, NULL, NOTE_SORT_ARTICLE,
		    "杭州的人才很多。|深圳在追赶。|DeepSeek来自杭州。|成都也有机会。");
	/* A deletion shows after a reload. */
	const struct note_entry *e = note_index_at(&ix, 1, 0, x->c.v[1].len);
	assert_non_null(e);
	assert_int_equal(store_annot_delete(x->s, e->a.id), 0);
	assert_int_equal(note_index_load(&ix, x->s, &x->c, NULL), 0);
	assert_int_equal(ix.n, 3);
	assert_int_equal(note_index_count(&ix, 1), 0);
	note_index_free(&ix);
}

/* Notes of an article not in the corpus (art NOTE_INDEX_NONE) are of many
 * articles: never under a passage, no highlights (the notes pane gives
 * a file read on its own its spans by path). */
static void
test_index_not_open(void **state)
{
	struct fx *x = *state;
	notes_lib_free(&x->lib); /* it keys the corpus it was made for */
	corpus_free(&x->c);
	const char *paths[] = { x->fa };
	assert_int_equal(corpus_load(&x->c, paths, 1, NULL, NULL, NULL), 0);
	assert_int_equal(notes_lib_init(&x->lib, &x->c), 0);
	struct note_index ix = { 0 };
	assert_int_equal(note_index_load(&ix, x->s, &x->c, NULL), 0);
	size_t away = 0;
	for (size_t i = 0; i < ix.n; i++)
		away += ix.v[i].art == NOTE_INDEX_NONE && ix.v[i].how != ANCHOR_ORPHAN;
	assert_int_equal(away, 1); /* 乙篇's 成都也有机会。 */
	assert_null(note_index_at(&ix, NOTE_INDEX_NONE, 0, (size_t)-2));
	struct span_list sl = { 0 };
	assert_int_equal(note_index_spans(&ix, NOTE_INDEX_NONE, &sl), 0);
	assert_int_equal(sl.n, 0);
	span_list_free(&sl);
	assert_int_equal(note_index_count(&ix, NOTE_INDEX_NONE), 0);
	note_index_free(&ix);
}

/* A note of a corpus article still loading (its text not read yet) is
 * not placed, but note_index_slot finds the article by the note's path,
 * so that the notes pane can load it rather than read the file apart;
 * loaded, the note is placed on it. */
static void
test_index_slot_loading(void **state)
{
	struct fx *x = *state;
	struct article *b = &x->c.v[1];
	char *text = b->text;
	b->text = NULL; /* 乙篇 still loading */
	struct note_index ix = { 0 };
	assert_int_equal(note_index_load(&ix, x->s, &x->c, NULL), 0);
	const struct note_entry *e = NULL;
	for (size_t i = 0; i < ix.n; i++)
		if (strcmp(ix.v[i].a.quote, "成都也有机会。") == 0)
			e = &ix.v[i];
	assert_non_null(e);
	assert_int_equal(e->art, NOTE_INDEX_NONE);
	assert_int_equal(note_index_slot(&ix, e->a.path), 1);
	assert_int_equal(note_index_slot(&ix, x->lib.keys[0]), 0);
	assert_int_equal(note_index_slot(&ix, "/no/such/file.txt"), NOTE_INDEX_NONE);
	assert_int_equal(note_index_slot(&ix, x->fb), 1); /* the key is the real path */
	b->text = text; /* loaded: the note is on it */
	assert_int_equal(note_index_load(&ix, x->s, &x->c, NULL), 0);
	assert_int_equal(note_index_count(&ix, 1), 1);
	note_index_free(&ix);
	struct note_index none = { 0 };
	assert_int_equal(note_index_slot(&none, x->fb), NOTE_INDEX_NONE); /* not loaded */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor_moves),
		cmocka_unit_test(test_passage_mode),
		cmocka_unit_test(test_select_sentences),
		cmocka_unit_test(test_select_chars),
		cmocka_unit_test(test_colour_keys),
		cmocka_unit_test_setup_teardown(test_index, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_index_not_open, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_index_slot_loading, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_index_orphans_and_reload, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
