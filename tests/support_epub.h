/* support_epub: writing zip archives and EPUB books from test code with
 * libzip, so that each test makes the exact book it reads. */
#ifndef DUWEN_SUPPORT_EPUB_H
#define DUWEN_SUPPORT_EPUB_H

#include <stddef.h>

enum {
	SUPPORT_ZIP_DEFLATE = 1, /* compress (default: stored) */
	SUPPORT_ZIP_ENCRYPT = 2, /* AES-256 with password "pw" */
};

struct support_zip_entry {
	const char *name;
	const char *data; /* NUL-terminated unless len is given */
	size_t len;       /* 0: strlen(data) */
	int flags;        /* SUPPORT_ZIP_* */
};

/* Write a zip archive at path holding entries e[0, n) in that order; the
 * test fails on error. */
void support_zip_write(const char *path, const struct support_zip_entry *e, size_t n);

/* Write an EPUB at path: "mimetype", a META-INF/container.xml naming
 * OEBPS/content.opf with the package document opf, then e[0, n). */
void support_epub_write(const char *path, const char *opf, const struct support_zip_entry *e,
			size_t n);

/* An OPF package document (EPUB version "2.0" or "3.0") with metadata
 * (raw XML inside <metadata>), manifest (raw <item> elements) and spine
 * (raw <itemref> elements; spine_attrs inside the <spine> tag, e.g.
 * toc="ncx"); malloc'd. */
char *support_epub_opf(const char *version, const char *metadata, const char *manifest,
		       const char *spine_attrs, const char *spine);

#endif
