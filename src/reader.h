/* reader: the reading view's model, without a terminal: the displayed
 * article (original or converted script), its lazy view, the top row, the
 * highlight spans mapped to the displayed text, and search. reader.c
 * draws it and maps keys to it; tests drive it directly. Offsets called
 * "orig" are bytes of the corpus article; others are of the displayed one.
 * The reader borrows the original article and the script converters. */
#ifndef DUWEN_READER_H
#define DUWEN_READER_H

#include <stddef.h>

#include "article.h"
#include "match.h"
#include "position.h"
#include "script.h"
#include "span.h"
#include "view.h"

struct reader {
	const struct article *orig;
	struct script *script;       /* may be NULL: no conversion, plain search */
	enum script_kind kind;
	struct script_article sa;    /* valid if have_sa */
	int have_sa;
	const struct article *a;     /* displayed: orig or &sa.art */
	struct view_opts vo;
	struct view *view;
	int cols, rows;              /* text area */
	struct view_pos top;
	/* The place a resize keeps: the offset the reader scrolled to, valid
	 * while top is still anchor_pos, so that resizing back and forth does
	 * not creep upwards. */
	size_t anchor;
	struct view_pos anchor_pos;
	int anchor_valid;
	/* The original's folded text (match_fold with script; borrowed, may be
	 * NULL or have no text): searching the original text uses it instead
	 * of folding the whole article again. */
	const struct match_text *folded;
	struct span_list base;       /* orig offsets: article marks + extra + sources */
	struct span_list spans;      /* displayed offsets, sorted */
	/* search */
	char query[256];
	struct span_list hits;       /* displayed offsets, visible blocks only */
	size_t cur;                  /* current hit, hits.n if none */
	struct position_index pos;   /* readable characters of orig, for positions */
};

/* Set up on article a (borrowed) for a text area of cols x rows, top at
 * orig offset off. 0 or ERR_NOMEM (r is then freed). */
int reader_init(struct reader *r, const struct article *a, struct script *sc,
		const struct view_opts *vo, int cols, int rows, size_t off);
void reader_free(struct reader *r);

/* New text area size; the top row keeps showing the same character (and
 * so the same sentence). 0 or ERR_NOMEM. */
int reader_resize(struct reader *r, int cols, int rows);

/* Scroll by delta rows (negative: up), clamped so the last page stays
 * full. Returns the rows actually moved (signed). */
long reader_scroll(struct reader *r, long delta);
void reader_top(struct reader *r);
void reader_bottom(struct reader *r);
/* Make displayed offset off visible: unchanged if it already is, else its
 * row goes near the top (context rows above). */
void reader_show(struct reader *r, size_t off, int context);

/* Displayed and orig offset of the first character on the top row. */
size_t reader_top_offset(struct reader *r);
size_t reader_place(struct reader *r);
/* Displayed offset just past the last character on screen (the text's
 * length at the end). */
size_t reader_screen_end(struct reader *r);
/* Orig <-> displayed offsets. */
size_t reader_to_orig(const struct reader *r, size_t off);
size_t reader_from_orig(const struct reader *r, size_t off);
/* How far the article is read (position.h) with rows text rows on screen
 * from the top row (fewer than r->rows while a header sits above them);
 * *end_shown (if not NULL) is set to 1 if the article's last row is among
 * them. 0..100. */
int reader_position(struct reader *r, int rows, int *end_shown);
/* reader_position with all r->rows rows of text. */
int reader_percent(struct reader *r);
/* Go to the first place whose position (rows text rows) is at least pct:
 * the row holding the character pct% into the article is the last one on
 * screen; 0 is the start, 100 the end. */
void reader_goto_percent(struct reader *r, int rows, int pct);
/* 1 if the last row of the article is on screen. */
int reader_at_end(struct reader *r);

/* Jump to the next (dir > 0) or previous heading (title or heading
 * block). 0, or ERR_NOTFOUND if there is none that way. */
int reader_heading(struct reader *r, int dir);

/* reader_mode.c: switch the displayed script, keeping the place and
 * re-running the search. 0, ERR_INVAL (no converters), ERR_NOMEM. */
int reader_mode_script(struct reader *r, enum script_kind kind);
/* Show or hide boilerplate, keeping the place and the search. */
int reader_mode_boiler(struct reader *r, int show);
/* For reader_mode.c: a new view with the top row at displayed offset off,
 * and the base spans mapped again to the displayed text. 0 or ERR_NOMEM. */
int reader_rebuild(struct reader *r, size_t off);
int reader_remap_spans(struct reader *r);

/* Replace the highlight spans (orig offsets; copied). 0 or ERR_NOMEM. */
int reader_set_spans(struct reader *r, const struct span_list *orig_spans);

/* Search for query with the matcher of src/match.h (simplified =
 * traditional, case and full/half width ignored) and go to the first hit at or after the top row (dir > 0) or before it.
 * Returns the number of hits (0: none), or ERR_NOMEM. *wrapped is set to
 * 1 when the hit is found past the end (or start). */
int reader_search(struct reader *r, const char *query, int dir, int *wrapped);
/* Next (dir > 0) or previous hit after the current one when that is on
 * the screen, else, as in less and vim, the first hit from the top row on
 * (dir > 0) or the last before it. Returns the hit's 1-based number, 0 if
 * there are no hits. */
int reader_search_next(struct reader *r, int dir, int *wrapped);
/* Make the first hit at or after displayed offset off the current one and
 * show it. Its 1-based number, 0 if there is none. */
int reader_search_at(struct reader *r, size_t off);
/* Re-run the search after the displayed text changed. */
int reader_search_redo(struct reader *r);

#endif
