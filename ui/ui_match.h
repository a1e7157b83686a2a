/* ui_match: the matching state the comparison and search panes and the
 * highlight sources share: the comparison spec (defaults, config, --cities),
 * its matcher, the folded corpus, and the user keywords (--highlight, config
 * `highlight WORD [COLOR]`, and the ones added or removed this session).
 * Built on first use; one per process (ui_run runs once). Registers span
 * sources so every reading view shows city names in their city's colour
 * and the user keywords, and the global keys that open the panes.
 *
 * Highlight priority (the colour of the higher kind wins where spans
 * overlap; the attributes of all of them add up, so each kind stays
 * visible without colour): search hit > note > user keyword > city >
 * theme word > province > passage (select) > garbled/repaired. */
#ifndef DUWEN_UI_MATCH_H
#define DUWEN_UI_MATCH_H

#include <stddef.h>

#include "../src/compare.h"
#include "../src/compare_spec.h"
#include "../src/match.h"
#include "../src/span.h"

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
};

/* The shared state, built on first call (messages through pane_error).
 * NULL if it cannot be built. */
struct ui_match *ui_match_get(struct app *app);

/* The comparison result (computed on first call). NULL on failure. */
const struct compare_result *ui_match_result(struct app *app);

/* Add word to the user keywords, or remove it if it is there. Returns 1
 * added, 0 removed, or a negative err_code. */
int ui_match_toggle_keyword(struct app *app, const char *word);

/* Rank of a span kind in the highlight priority above (higher wins). */
int ui_match_priority(int kind);

/* Curses attributes for span s with the priority and keyword colours. */
int ui_match_span_attr(const struct span *s);

/* Register the span sources, keyword styles and the global keys
 * (compare, search, keyword). Called by the compare pane's register. */
void ui_match_register(struct app *app);

#endif
