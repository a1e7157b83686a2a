/* report: the plain-text outputs of the command line (--list, --dump):
 * no escape codes, ever. Writes to a FILE the caller owns. */
#ifndef DUWEN_REPORT_H
#define DUWEN_REPORT_H

#include <stdio.h>

#include "corpus.h"
#include "layout.h"

/* One line per article: title, source, date, characters, city mentions. */
int report_list(FILE *f, const struct corpus *c);

/* The article as the reading view shows it, wrapped at width_cols
 * (0: one block per line, no wrapping). Boilerplate is left out. */
int report_dump(FILE *f, const struct article *a, const struct layout_opts *o,
		int width_cols);

#endif
