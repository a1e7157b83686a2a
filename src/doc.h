/* doc: the document model between a markup reader (html, epub) and an
 * article: blocks of text in reading order, each with a kind (parse.h's
 * block_kind) and a level, plus the metadata found in the markup. A doc owns
 * its strings (doc_free). doc_article turns one into an article: each block
 * cleaned on its own (controls, escapes and bidi controls dropped, NFC), then
 * sentences and metadata, as parse does for plain text. */
#ifndef DUWEN_DOC_H
#define DUWEN_DOC_H

#include <stddef.h>

#include "article.h"
#include "parse.h"

struct doc_block {
	enum block_kind kind;
	int level;  /* heading: 1..6; list item: nesting depth from 1; else 0 */
	int number; /* list item: its number in an ordered list (1, 2, ...); 0: a bullet */
	char *text; /* UTF-8 as found; BLOCK_PRE / BLOCK_TABLE keep their '\n' */
};

struct doc {
	struct doc_block *v;
	size_t n, cap;
	/* metadata; NULL when unknown. title: without the site's suffix */
	char *title, *author, *date, *source;
};

/* Append a block holding a copy of s[0, len). Blocks whose text is only
 * white space are not added (returns 0). 0 or ERR_NOMEM. */
int doc_push(struct doc *d, enum block_kind kind, int level, int number, const char *s,
	     size_t len);

/* Set one metadata string (*field, one of d's) to a copy of s[0, len) with
 * white space collapsed and trimmed; an empty result leaves *field as is.
 * 0 or ERR_NOMEM. */
int doc_set_meta(char **field, const char *s, size_t len);

void doc_free(struct doc *d);

/* Build the article of d. The text: each block's cleaned text, blocks
 * separated by a blank line; a list item starts with two spaces per level
 * beyond the first and its marker ("• ", "3. "); a table or pre block keeps
 * its lines. Sentences as parse splits them; metadata from d, else the first
 * title block, else inferred (parse_meta_infer_title), else the file name.
 * path may be NULL. 0 or ERR_NOMEM; out written only on success. */
int doc_article(const struct doc *d, const char *path, struct article *out);

#endif
