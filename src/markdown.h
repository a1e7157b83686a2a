/* markdown: a Markdown file (a README.md) read as the document it stands
 * for, not as its markup: cmark-gfm (GitHub's CommonMark, with its tables,
 * strikethrough and autolinks) renders it to HTML, which html.c reads whole
 * (HTML_WHOLE_BODY): headings with their levels, code blocks kept line for
 * line, lists, tables, links as their text. Allocates only into the article. */
#ifndef DUWEN_MARKDOWN_H
#define DUWEN_MARKDOWN_H

#include <stddef.h>

#include "article.h"
#include "source.h"

/* Render utf8[0, len) to HTML: a malloc'd NUL-terminated string, or NULL on
 * ERR_NOMEM. Raw HTML in the file is kept (html.c is its reader, not a
 * browser). */
char *markdown_html(const char *utf8, size_t len);

/* Load a Markdown file's bytes b[0, n) as an article (source_decode,
 * markdown_html, html_read of the whole body, doc_article); path names it.
 * 0 or an err_code with *cause (if cause) a malloc'd reason. */
int markdown_article(const struct source_opts *opts, const char *path, const unsigned char *b,
		     size_t n, struct article *out, char **cause);

#endif
