/* termwidth: curses counts columns as the layout does.
 * ncurses measures every character it is given with the C library's
 * wcwidth, and glibc says 1 for every East Asian Ambiguous character
 * (“ ” ‘ ’ · … — │) in every locale. With `set ambiguous-wide on` duwen
 * lays those out as two columns, as a terminal set to CJK widths draws
 * them; curses, counting one, would then write the cell after each over its
 * right half. So the process has its own wcwidth (termwidth.c): the
 * executable's definition is the one the shared ncurses calls, and it is
 * src/width.c's width_codepoint with the options given here, the one width
 * of everything drawn. Call termwidth_set before curses draws (pane.c does,
 * in pane_set_curses); until then the options are the defaults, which agree
 * with glibc.
 * The options are a file-scope variable of ui/, the second and last one
 * beside the signal flag (pane.h): the C library's wcwidth takes no
 * context. Written only by termwidth_set, at start. */
#ifndef DUWEN_TERMWIDTH_H
#define DUWEN_TERMWIDTH_H

#include "../../src/width.h"

void termwidth_set(const struct width_opts *o);

#endif
