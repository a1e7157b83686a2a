/* hardwrap: detect text wrapped by hand at a fixed column (documentation,
 * e-books, mail) and decide which source lines continue a paragraph. A file
 * (or, failing that, a run of lines between blank lines) is hard-wrapped when
 * its inner lines are consistently full up to one width and mostly end
 * mid-sentence. A file that is not hard-wrapped is left alone. Pure apart
 * from a scratch array it frees itself. */
#ifndef DUWEN_HARDWRAP_H
#define DUWEN_HARDWRAP_H

#include <stddef.h>

#include "ustr.h"

/* Narrowest and widest wrap widths (columns) taken for hard wrapping. */
#define HARDWRAP_MIN_COLS 20
#define HARDWRAP_MAX_COLS 200
/* A line this wide or wider (columns) that ends on a Chinese comma (，、)
 * continues into the next line that opens with a Chinese character,
 * whether or not the file is hard-wrapped. */
#define HARDWRAP_CLAUSE_COLS 40

/* Fill join[0, n): join[i] = 1 when line i continues into line i + 1 (both
 * non-blank, not skipped, i + 1 not indented deeper, line i full up to the
 * wrap width, or ending on a comma: HARDWRAP_CLAUSE_COLS); lines with skip[i]
 * set (preformatted, header) never join.
 * Returns the wrap width found for the file (0: not hard-wrapped as a whole;
 * single runs may still be joined) or ERR_NOMEM. */
int hardwrap_plan(const char *text, const struct ustr_line *lines, size_t n,
		  const unsigned char *skip, unsigned char *join);

#endif
