/* report: the plain-text outputs of the command line (--list, --dump).
 * No escape code, ever: every byte written is the article's cleaned text as
 * laid out, or duwen's own, and goes out through termsafe.h. Writes to
 * a FILE the caller owns; allocates nothing the caller must free but the
 * city counts (report_cities_free). */
#ifndef DUWEN_REPORT_H
#define DUWEN_REPORT_H

#include <stdio.h>

#include "compare.h"
#include "compare_spec.h"
#include "corpus.h"
#include "layout.h"
#include "match.h"
#include "width.h"

/* Marks around text that cleaning found garbled (SPAN_GARBLED: kept as in
 * the file) and text it repaired (SPAN_REPAIRED) in --dump output; narrow
 * brackets that Chinese prose does not use. Documented in duwen(1). */
#define REPORT_GARBLED_OPEN "\u27E6"  /* ⟦ */
#define REPORT_GARBLED_CLOSE "\u27E7" /* ⟧ */
#define REPORT_REPAIRED_OPEN "\u27EA" /* ⟪ */
#define REPORT_REPAIRED_CLOSE "\u27EB" /* ⟫ */

/* Columns a title (source) may take in --list before it is cut, at a
 * cluster boundary, with "…". */
#define REPORT_TITLE_COLS 40
#define REPORT_SOURCE_COLS 20

/* s[0, n) as the layout shows it (what --list, --dump and the reading view
 * show): made one line by termsafe (TERMSAFE_LINE: controls dropped, line
 * breaks and tabs a space, invalid UTF-8 U+FFFD),
 * then each glyph as layout_glyph shows it (o->punct_fullwidth: ASCII ,
 * between Chinese as ，). malloc'd, NUL-terminated; NULL if out of memory. */
char *report_shown(const struct layout_opts *o, const char *s, size_t n);

/* The facts line of a: "source · author · date · N 字" (--dump), or with
 * reading 1 "… · N字 · 约M分钟" (the reading view's header: 400 characters a
 * minute, the usual estimate for reading Chinese). Each step of shorten
 * drops a part for narrow panes: the reading time, then the author, then
 * the date. malloc'd; NULL if out of memory. */
char *report_facts(const struct article *a, int shorten, int reading);

/* The compared cities' mentions in each article, counted by the
 * comparison itself (compare_run, one article at a time): names and
 * aliases found in the text it reads, so that an article list and
 * `duwen --compare`'s "mentions" row agree. Names are borrowed from the
 * spec; mentions is malloc'd (report_cities_free). */
struct report_cities {
	size_t n; /* compared cities */
	const char *name[COMPARE_MAX_CITIES];
	size_t *mentions; /* [article * n + city] */
};

/* Count the cities of spec s (matcher m built from it) in every article of
 * mc. 0 or ERR_NOMEM; out written only on success. */
int report_cities_count(const struct compare_spec *s, const struct compare_matcher *m,
			const struct match_corpus *mc, struct report_cities *out);
void report_cities_free(struct report_cities *c);

/* One line per article, columns aligned by display width (o->w), the
 * fields shown as layout_glyph shows them (o->punct_fullwidth):
 *   title  source  [date]  format  N 字  杭州 n  深圳 n  成都 n
 * (format: format_name's "txt", "html", "epub", padded to 4 columns)
 * "-" for an unknown source or date; the date column is left out when no
 * article has a date. Where titles repeat, a column after the title holds
 * the file name (after its last '/', escaped) of each article whose title
 * another has too, blank for the others; without copies there is none. The city columns are cities' (article i is corpus
 * article i; NULL: none). 0, ERR_NOMEM or ERR_IO (writing failed). */
int report_list(FILE *f, const struct corpus *c, const struct layout_opts *o,
		const struct report_cities *cities);

/* The article as the reading view shows it: its title, a metadata line
 * (source · author · date · N 字, the parts that are known), a blank line,
 * then its blocks without boilerplate, the file's header block and the
 * title block, laid out with layout_block at width_cols columns and
 * separated by blank lines. width_cols 0: no wrapping, one block per line,
 * no blank lines between blocks. Garbled and repaired spans are bracketed
 * (REPORT_GARBLED_*, REPORT_REPAIRED_*). 0, ERR_NOMEM or ERR_IO. */
int report_dump(FILE *f, const struct article *a, const struct layout_opts *o,
		int width_cols);

#endif
