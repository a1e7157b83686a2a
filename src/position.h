/* position: how far an article has been read, defined once for every place
 * that shows it (the reader's status, the list's column, :goto, the store).
 *
 * The position of a screen is the share of the article's readable
 * characters (article_count_chars: outside boilerplate and the header,
 * white space not counted; so it does not depend on the width, the script
 * shown or whether boilerplate is shown) that come before the end of the
 * last line on screen, in whole percent rounded down. It is 100 only when
 * the last line of the article is on screen, and then the article is
 * finished (the list's ✓), which it stays. `:goto N` goes to the first
 * place whose position is at least N: the line holding the character N%
 * into the article becomes the last one on screen.
 *
 * A position_index counts readable characters before an offset of one
 * article, keeping per-block sums as far as it has needed them, so that a
 * scroll costs about one block. It borrows the article. */
#ifndef DUWEN_POSITION_H
#define DUWEN_POSITION_H

#include <stddef.h>

#include "article.h"
#include "store.h"

struct position_index {
	const struct article *a;
	size_t *pre; /* pre[b]: readable characters before block b, b < n */
	size_t n, cap;
};

void position_index_init(struct position_index *ix, const struct article *a);
void position_index_free(struct position_index *ix);

/* Readable characters in the article's bytes [0, off). */
size_t position_chars_before(struct position_index *ix, size_t off);
/* Byte offset of the nth readable character (1-based); 0 for n == 0, the
 * article's length if it has fewer. */
size_t position_char_at(struct position_index *ix, size_t nth);

/* The position, from the readable characters before the end of the last
 * line on screen (before) out of total, and whether the article's last
 * line is on screen: 100 then, else before * 100 / total rounded down and
 * at most 99 (0 if total is 0). */
int position_percent(size_t before, size_t total, int end_shown);
/* Readable characters that must be on screen for a position of at least
 * pct (0..100, clamped): pct * total / 100 rounded up. */
size_t position_goal(int pct, size_t total);

/* What the list shows for a stored place (p NULL: never opened): -1 never
 * opened, 100 finished (✓), else the stored position. A place saved by a
 * duwen before schema 3 (pct -1) knows only the offset of its top row:
 * off * 100 / len, and finished over 90 (as that duwen showed it). */
int position_mark(const struct store_place *p, size_t len);

#endif
