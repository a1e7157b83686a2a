/* html: a web page (or an XHTML chapter) to a doc (doc.h). Parses with
 * gumbo, the HTML5 parsing algorithm browsers use, so tag soup builds the
 * same tree as in a browser. Finds the article (readability-style scoring
 * of containers) or keeps the whole body; what it leaves out of the article
 * becomes BLOCK_BOILERPLATE blocks in reading order. Reads metadata from
 * <title>, <h1>, <meta> and JSON-LD. Allocates only into the doc. */
#ifndef DUWEN_HTML_H
#define DUWEN_HTML_H

#include <stddef.h>

#include "doc.h"
#include "source.h"

enum html_mode {
	HTML_EXTRACT_ARTICLE, /* a saved web page: the article, the rest boilerplate */
	HTML_WHOLE_BODY,      /* a chapter: everything in <body> is text */
};

/* Parse the page utf8[0, len) (UTF-8; invalid bytes are replaced) into out
 * (zeroed by the caller or fresh). 0, ERR_NOMEM, or ERR_INVAL with *cause
 * (if cause) a malloc'd reason when the page cannot be parsed. On error out
 * holds nothing (it is freed). */
int html_read(const char *utf8, size_t len, enum html_mode mode, struct doc *out,
	      char **cause);

/* The encoding a page declares in its first 1024 bytes, as a browser's
 * prescan finds it: <meta charset=X>, <meta http-equiv="Content-Type"
 * content="...; charset=X">, or an XML declaration's encoding="X"; mapped
 * to an iconv name (gb2312 and gbk to GB18030, big5 to BIG5-HKSCS, labels
 * iconv does not know dropped). Writes name[0, cap); 1 if found, else 0. */
int html_prescan_charset(const unsigned char *b, size_t n, char *name, size_t cap);

/* Decode a page's bytes: a BOM wins, then well-formed UTF-8 (a page saved
 * as UTF-8 whose meta still names its old encoding reads right), then the
 * declared encoding (html_prescan_charset), then source_decode's detection.
 * opts->encoding, when set, is used as is. Errors as source_decode. */
int html_decode(const struct source_opts *opts, const unsigned char *b, size_t n,
		struct source_text *out, char **cause);

/* Load a page's bytes b[0, n) as an article (html_decode, html_read in
 * HTML_EXTRACT_ARTICLE mode, doc_article); path names it. 0 or an err_code
 * with *cause (if cause) a malloc'd reason. */
int html_article(const struct source_opts *opts, const char *path, const unsigned char *b,
		 size_t n, struct article *out, char **cause);

#endif
