/* epub_article: an EPUB book as one article. Each chapter's XHTML goes
 * through the html module whole (no extraction), in reading order, into one
 * doc; the table of contents becomes the chapter headings (the outline).
 * Owns nothing once it returns; the article is the caller's (article_free). */
#ifndef DUWEN_EPUB_ARTICLE_H
#define DUWEN_EPUB_ARTICLE_H

#include "article.h"
#include "doc.h"
#include "epub.h"
#include "source.h"

/* Load the EPUB at path as one article: the book's metadata (dc:title,
 * dc:creator as author, dc:date, dc:publisher as source), then its
 * chapters. A chapter missing from the archive or damaged leaves a caption
 * saying so in its place. opts->max_bytes caps the book's uncompressed
 * text; opts->encoding is not used (chapters declare their own). 0, or an
 * err_code with *cause (if cause) a malloc'd reason (see epub_open;
 * ERR_EMPTY when no chapter holds text). */
int epub_article_load(const struct source_opts *opts, const char *path, struct article *out,
		      char **cause);

/* The same for a book in memory, bytes[0, n) (standard input, or a file
 * named otherwise whose bytes epub_sniff knows), named path. */
int epub_article_from_bytes(const struct source_opts *opts, const char *path,
			    const unsigned char *bytes, size_t n, struct article *out,
			    char **cause);

/* The book's chapters and TOC as one doc (what epub_article_load lays
 * out): headings from the TOC where a chapter has none. *replaced (if
 * replaced) gets the count of undecodable sequences in the chapters. 0, or
 * an err_code with *cause (if cause) a malloc'd reason; out (zeroed) written
 * only on success. */
int epub_article_doc(struct epub_book *b, const struct source_opts *opts, struct doc *out,
		     size_t *replaced, char **cause);

#endif
