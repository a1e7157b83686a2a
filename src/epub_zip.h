/* epub_zip: the zip container of an EPUB, read in place with libzip (no
 * extraction, nothing written to disk). Owns the open archive and a budget
 * of uncompressed bytes that every read draws from, so a zip bomb stops at
 * the limit. Buffers it returns are malloc'd and freed by the caller. */
#ifndef DUWEN_EPUB_ZIP_H
#define DUWEN_EPUB_ZIP_H

#include <stddef.h>

struct epub_zip;

/* Open the zip archive at path for reading; budget is the most uncompressed
 * bytes all epub_zip_read calls together may return. 0 with *out set, or
 * ERR_NOTFOUND, ERR_IO, ERR_INVAL (not a zip archive, or a broken one),
 * ERR_NOMEM, with *cause (if cause) a malloc'd reason. */
int epub_zip_open(const char *path, size_t budget, struct epub_zip **out, char **cause);

/* The same for a zip archive in memory, bytes[0, n), which must outlive
 * the epub_zip. Errors as epub_zip_open but ERR_NOTFOUND. */
int epub_zip_open_bytes(const void *bytes, size_t n, size_t budget, struct epub_zip **out,
			char **cause);

void epub_zip_close(struct epub_zip *z);

/* 1 if the archive holds an entry named name (see epub_zip_read), else 0. */
int epub_zip_has(struct epub_zip *z, const char *name);

/* Read the entry name (exact name first, then without regard to case,
 * then with backslashes for slashes, as some Windows tools write) whole
 * into a malloc'd, NUL-terminated buffer: *out, *len bytes. 0, or
 * ERR_NOTFOUND (no such entry), ERR_TOOBIG (the entry would overrun the
 * budget: "... over the 64 MiB limit"), ERR_INVAL (encrypted entry, or a
 * corrupt one: bad CRC, bad compressed data), ERR_NOMEM; *cause (if cause)
 * is a malloc'd reason naming the entry. */
int epub_zip_read(struct epub_zip *z, const char *name, char **out, size_t *len,
		  char **cause);

/* Uncompressed bytes still allowed to be read. */
size_t epub_zip_budget(const struct epub_zip *z);

#endif
