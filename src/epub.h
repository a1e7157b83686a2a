/* epub: an EPUB book opened for reading: checks that it is one and that
 * it can be read (not DRM-encrypted), then gives its metadata, its
 * chapters in reading order and its table of contents mapped onto them.
 * Chapter bytes are read on demand from the archive, all reads together
 * capped at the size limit. epub_close frees everything. */
#ifndef DUWEN_EPUB_H
#define DUWEN_EPUB_H

#include <stddef.h>

#include "epub_pkg.h"
#include "epub_toc.h"

struct epub_chapter {
	const char *name; /* zip entry (owned by the book) */
	int linear;       /* 0: auxiliary content (linear="no"), placed last */
	int missing;      /* listed in the spine but not in the archive */
};

struct epub_book {
	struct epub_meta meta;
	struct epub_chapter *ch; /* reading order: linear spine items, then the rest
				  * (text only; the EPUB 3 nav document left out) */
	size_t nch;
	struct epub_toc toc;     /* from the nav document, else the NCX; may be empty */
	size_t *toc_ch;          /* per toc entry: its chapter, or nch if none */
	const char *toc_from;    /* "nav", "ncx" or NULL */
	struct epub_pkg pkg;
	struct epub_zip *zip;
};

/* Open the EPUB at path; max_bytes caps the uncompressed bytes read from
 * it (0: SOURCE_DEFAULT_MAX_BYTES). 0 with *out set, or ERR_NOTFOUND,
 * ERR_IO, ERR_INVAL (not a zip or not an EPUB: no container.xml, no or
 * broken package document, nothing in the spine; DRM or encrypted
 * chapters), ERR_TOOBIG, ERR_NOMEM, with *cause (if cause) a malloc'd
 * reason that names the part of the book at fault. */
int epub_open(const char *path, size_t max_bytes, struct epub_book **out, char **cause);

/* The same for a book in memory, bytes[0, n), which must outlive *out
 * (standard input, a book with another name). Errors as epub_open. */
int epub_open_bytes(const void *bytes, size_t n, size_t max_bytes, struct epub_book **out,
		    char **cause);

/* 1 if b[0, n) starts as the EPUB standard has a book start: a zip whose
 * first entry is "mimetype", stored, holding "application/epub+zip". */
int epub_sniff(const unsigned char *b, size_t n);

/* The bytes of chapter i, malloc'd and NUL-terminated, as epub_zip_read. */
int epub_read_chapter(struct epub_book *b, size_t i, char **buf, size_t *len, char **cause);

void epub_close(struct epub_book *b);

#endif
