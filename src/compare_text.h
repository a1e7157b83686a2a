/* compare_text: the plain-text outputs of `duwen --compare` and `duwen
 * --search`: tables aligned by display width and passages, never an escape
 * code (text from outside goes through termsafe.h). Writes to a FILE the
 * caller owns; allocates nothing the caller frees. */
#ifndef DUWEN_COMPARE_TEXT_H
#define DUWEN_COMPARE_TEXT_H

#include <stdio.h>

#include "compare.h"
#include "search.h"
#include "width.h"

/* Marks around search hits in --search output: narrow brackets that Chinese
 * prose does not use (⟨ ⟩). Documented in duwen(1). */
#define COMPARE_TEXT_HIT_OPEN "\u27E8"
#define COMPARE_TEXT_HIT_CLOSE "\u27E9"

/* Columns an article title may take in a table before it is cut with "…". */
#define COMPARE_TEXT_TITLE_COLS 36

/* Write text[start, end) on one line: a line break joining two CJK
 * characters shows as nothing, any other as a space. The spans of marks
 * (sorted by start; may be NULL) are bracketed by kind: SPAN_GARBLED and
 * SPAN_REPAIRED as in --dump (REPORT_GARBLED_*, REPORT_REPAIRED_*),
 * SPAN_SEARCH with COMPARE_TEXT_HIT_*; a span overlapping one already
 * bracketed is bracketed only for its remaining part. */
void compare_text_put_passage(FILE *f, const char *text, size_t start, size_t end,
			      const struct span_list *marks);

/* The --compare report for spec s and result r over mc:
 *   a table, one column per city, rows "sentences" (naming the city),
 *   "mentions" (names and aliases found), "province" (sentences naming
 *   its province), one row per theme and "figures";
 *   a table of sentences per article and city;
 *   each city's figures: the article title, then its sentences.
 * 0 or ERR_IO (writing failed). */
int compare_text_print(FILE *f, const struct compare_spec *s, const struct compare_result *r,
		       const struct match_corpus *mc, const struct width_opts *w);

/* The --search report: a summary line, then per article with hits its
 * title, path and count, and each sentence holding hits with the hits
 * marked. 0 or ERR_IO. */
int compare_text_search(FILE *f, const char *query, const struct search_result *r,
			const struct match_corpus *mc, const struct width_opts *w);
/* Its two parts, for a report written article by article: the summary
 * line, and the articles of r (r->v[].art indexes mc->arts). */
void compare_text_search_head(FILE *f, const char *query, size_t hits, size_t articles);
int compare_text_search_hits(FILE *f, const struct search_result *r,
			     const struct match_corpus *mc);

#endif
