/* ui_match: the matching state the comparison and search panes and the
 * highlight sources share: the comparison spec (defaults, config, --cities),
 * its matcher, the folded corpus, and the user keywords (--highlight, config
 * `highlight WORD [COLOR]`, and the ones added or removed this session).
 * Built on first use and kept in the app (app->match; ui_match_free lets
 * it go). Registers span
 * sources so every reading view shows city names in their city's colour
 * and the user keywords, and the global keys that open the panes.
 *
 * Highlight priority, highest first: current search hit, search hit,
 * garbled or repaired text, keyword, city, theme word, province, selection
 * (or a passage opened from the comparison), passage cursor, note. One
 * function, ui_match_attr, resolves overlaps for the reading view, the
 * comparison and the search results: with colour, the background comes
 * from the highest kind that has one (search hit, note), the text colour
 * from the highest kind whose colour shows on that background (a city
 * keeps its colour inside a note; a search hit keeps its colours whole),
 * and bold, underline and reverse add up. Without colour (NO_COLOR,
 * monochrome) a character shows the attributes of its highest kind only,
 * since a union of two kinds' attributes could read as a third; each kind
 * has attributes of its own (style.h); where the terminal has no italic
 * (vt100) theme words are only underlined and garbled text only bold.
 * Nothing blinks. */
#ifndef DUWEN_UI_MATCH_H
#define DUWEN_UI_MATCH_H

#include <stddef.h>

#include "../../src/compare.h"
#include "../../src/compare_spec.h"
#include "../../src/match.h"
#include "../../src/report.h"
#include "../../src/span.h"

struct app;

#define UI_MATCH_KEYWORDS_MAX 32

struct ui_match {
	struct app *app;
	struct compare_spec spec;
	struct compare_matcher *cm;
	struct match_corpus mc;
	int have_result;
	struct compare_result res;
	/* user keywords: word and curses colour (-1: the keyword style) */
	char *kw[UI_MATCH_KEYWORDS_MAX];
	int kwcolor[UI_MATCH_KEYWORDS_MAX];
	size_t nkw;
	struct match_set *kwset; /* rebuilt when the list changes */
	int have_mentions;
	struct report_cities mentions;
};

/* The shared state, built on first call (messages through pane_error).
 * NULL if it cannot be built. */
struct ui_match *ui_match_get(struct app *app);

/* The comparison result (computed on first call). NULL on failure. */
const struct compare_result *ui_match_result(struct app *app);

/* The compared cities' mentions per article, counted as the comparison
 * counts them (report_cities_count), for the article list. Computed on
 * first call; NULL on failure. */
const struct report_cities *ui_match_mentions(struct app *app);

/* Add word to the user keywords, or remove it if it is there. Returns 1
 * added, 0 removed, or a negative err_code. */
int ui_match_toggle_keyword(struct app *app, const char *word);

/* Rank of span s in the highlight priority above (higher wins; > 0). */
int ui_match_span_priority(const struct span *s);

/* The priority's kinds as the manual lists them, highest first, separated
 * by ", ", into buf (snprintf rules). Returns the length it needs. */
size_t ui_match_priority_names(char *buf, size_t cap);

/* One kind's look: curses colours (-1: the default), attributes without
 * colour, rank. */
struct ui_match_look {
	short fg, bg;
	int attr;
	int rank;
};

/* The resolution above, without curses: the look of a character covered
 * by kinds v[0, n) (any order), with (mono 0) or without colour. Returns
 * the index of the highest kind (-1 if n is 0: out is the default look). */
int ui_match_resolve(const struct ui_match_look *v, size_t n, int mono,
		     struct ui_match_look *out);

/* Curses attributes of one span alone (its kind's style, keyword and
 * city colours). */
int ui_match_span_attr(const struct app *app, const struct span *s);

/* At most this many spans are looked at for one character. */
#define UI_MATCH_ATTR_MAX 16

/* Curses attributes of the character at byte pos over base (the block's
 * style): the spans of v[0, n) that cover pos, resolved as above. */
int ui_match_attr(struct app *app, int base, const struct span *const *v, size_t n, size_t pos);
/* The same over a list sorted by start (NULL: none). */
int ui_match_attr_list(struct app *app, int base, const struct span_list *l, size_t pos);

/* Let the shared state go (at the end of ui_run). */
void ui_match_free(struct app *app);

/* Register the span source and the keyword and city styles. Called once
 * by ui/registry.c. 0 or ERR_NOMEM. */
int ui_match_register(struct app *app);

#endif
