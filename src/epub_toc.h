/* epub_toc: an EPUB's table of contents, from the EPUB 3 navigation
 * document (<nav epub:type="toc">) or the EPUB 2 NCX (navMap), as a flat
 * list in reading order with a depth per entry. Works on bytes already
 * read; owns its strings (epub_toc_free). */
#ifndef DUWEN_EPUB_TOC_H
#define DUWEN_EPUB_TOC_H

#include <stddef.h>

struct epub_toc_entry {
	char *title; /* one line, never empty */
	char *name;  /* zip entry it points to; NULL for a heading with no link */
	char *frag;  /* fragment id within it, or NULL */
	int depth;   /* 0 for top-level entries */
};

struct epub_toc {
	struct epub_toc_entry *v;
	size_t n;
};

/* Entries of the navigation document doc_name (bytes buf[0, len)): its
 * nav of epub:type "toc", else its first nav. Links are resolved against
 * doc_name; entries with an empty label are left out (their children are
 * kept). 0, ERR_INVAL (no nav element) or ERR_NOMEM; out written only on
 * success (it may hold no entry). */
int epub_toc_nav(const char *doc_name, const char *buf, size_t len, struct epub_toc *out);

/* Entries of the NCX doc_name's navMap, as epub_toc_nav. 0, ERR_INVAL (not
 * an NCX) or ERR_NOMEM. */
int epub_toc_ncx(const char *doc_name, const char *buf, size_t len, struct epub_toc *out);

void epub_toc_free(struct epub_toc *t);

#endif
