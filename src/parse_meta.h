/* parse_meta: an article's metadata beyond what single lines say: the file's
 * own header block (title: / source: / author: / date: lines, then a blank
 * line, at the very top), the inferred title of an article that has no title
 * line, and the publication named in the text. Returned strings are malloc'd
 * and owned by the caller. */
#ifndef DUWEN_PARSE_META_H
#define DUWEN_PARSE_META_H

#include <stddef.h>

#include "parse.h"
#include "ustr.h"

/* If lines[0, n) open with a header block, fill the fields it names into m
 * (strdup'd; fields already set are freed and replaced) and return the number
 * of lines it takes, its closing blank line included; 0 if there is none.
 * A header: one or more "key: value" lines with ASCII keys, at least one of
 * title, source, author, date (any case), then a blank line or the end.
 * ERR_NOMEM on failure. */
int parse_meta_header(const char *text, const struct ustr_line *lines, size_t n, struct meta *m);

/* A title for an article without a title line, from its blocks and
 * sentences: the first run of question sentences (at most
 * PARSE_META_TITLE_MAX characters) in the paragraphs before the first
 * heading; else the first heading that is not a bare label (启示一:); else the
 * first paragraph's first sentence, cut at a clause boundary to at most
 * PARSE_META_TITLE_MAX characters. NULL if the article has no text (or on
 * allocation failure: *nomem set). */
char *parse_meta_infer_title(const char *text, const struct block *b, size_t nb,
			     const struct sentence *s, size_t ns, int *nomem);

/* The last rule of parse_meta_infer_title alone: the first paragraph's first
 * sentence, cut (English at a word: a space parts words there; twice the
 * characters, as many columns). For a document whose headings name its
 * sections, not itself (a README.md without a level-one heading). */
char *parse_meta_lead_title(const char *text, const struct block *b, size_t nb,
			     const struct sentence *s, size_t ns, int *nomem);
#define PARSE_META_TITLE_MAX 30

/* The publication the text names most often as 《X报》, 《X報》, 《X周刊》…
 * (at least twice), e.g. 中國科學報; NULL if none (or ERR: *nomem). Only
 * the first PARSE_META_SCAN_BYTES of the text are read. */
char *parse_meta_publication(const char *text, size_t len, int *nomem);
#define PARSE_META_SCAN_BYTES ((size_t)1 << 20)

#endif
