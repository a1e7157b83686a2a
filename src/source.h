/* source: file bytes to UTF-8. Reads a file (size limit, binary check),
 * detects its encoding (BOM, strict UTF-8, else uchardet) and converts it
 * with iconv. Does not clean or parse. The caller frees results with
 * source_text_free / source_paths_free. */
#ifndef DUWEN_SOURCE_H
#define DUWEN_SOURCE_H

#include <stddef.h>
#include <stdio.h>

#define SOURCE_DEFAULT_MAX_BYTES ((size_t)64 << 20)
/* Decoded text with more than one NUL character in this many is not text;
 * fewer are damage, each read as U+FFFD. */
#define SOURCE_NUL_PER 100

struct source_opts {
	const char *encoding; /* iconv name to force; NULL = detect */
	size_t max_bytes;     /* per-file limit; 0 = SOURCE_DEFAULT_MAX_BYTES */
};

struct source_text {
	char *utf8;         /* NUL-terminated UTF-8, valid (U+FFFD for bad bytes) */
	size_t len;         /* bytes, without the NUL */
	char encoding[32];  /* what it was decoded from, e.g. "UTF-8", "GB18030" */
	size_t replaced;    /* undecodable byte sequences turned into U+FFFD */
	int had_bom;
};

/* Decode bytes[0, n) into out: a BOM (UTF-8, UTF-16, UTF-32), else UTF-16
 * recognised by its NUL bytes (one stray byte in it becomes one U+FFFD:
 * charset_sniff_utf16_stray), else strict UTF-8, else charset_guess. A BOM
 * is not part of utf8; a few NUL characters become U+FFFD (SOURCE_NUL_PER).
 * 0, or ERR_BINARY (NUL bytes outside UTF-16, too many NUL characters, or a
 * known binary signature), ERR_ENCODING (forced encoding unknown to iconv), ERR_NOMEM.
 * On error *cause (if cause) gets a malloc'd reason; out is untouched. */
int source_decode(const struct source_opts *opts, const unsigned char *bytes,
		  size_t n, struct source_text *out, char **cause);

/* 0 if iconv can decode name, else ERR_ENCODING with *cause (if cause) a
 * malloc'd "unknown encoding 'NAME'". For checking --encoding up front. */
int source_check_encoding(const char *name, char **cause);

/* Why a file of mode (st_mode) that is not a regular one is not read:
 * "is a directory", "not a regular file (a FIFO)" (a socket, a character
 * or block device), or "not a regular file". A static string. */
const char *source_not_regular(unsigned mode);
/* What such a file is: "a FIFO", "a directory"... (static). */
const char *source_kind(unsigned mode);

/* path opened for reading a small file of settings or notes, without
 * waiting for a FIFO's writer (one with none reads as empty; a pipe with
 * a writer is read). NULL with *why: a static reason ("is a directory",
 * "not a regular file (a socket)", strerror), or NULL when the file does
 * not exist. */
FILE *source_fopen(const char *path, const char **why);

/* Read the bytes of the file at path ("-": standard input, which may be a
 * pipe) into a malloc'd *bytes of *len bytes (the caller frees it). Errors
 * as source_read's but for decoding; *bytes is written only on success. */
int source_read_bytes(const struct source_opts *opts, const char *path, unsigned char **bytes,
		      size_t *len, char **cause);

/* Read and decode the file at path ("-": standard input). Errors as source_decode plus
 * ERR_NOTFOUND, ERR_IO (unreadable: strerror), ERR_TOOBIG ("file is 70.2 MiB,
 * over the 64 MiB limit"), ERR_INVAL (a directory or other non-regular
 * file); *cause names the reason (not the path). */
int source_read(const struct source_opts *opts, const char *path,
		struct source_text *out, char **cause);

void source_text_free(struct source_text *t);

/* Called for each path that cannot be used, with a one-line reason. */
typedef void (*source_warn_fn)(void *ctx, const char *path, const char *reason);

struct source_paths {
	char **v;    /* malloc'd paths */
	char **keys; /* [i]: v[i]'s canonical path (realpath's answer), malloc'd,
		      * where the directory's listing said for free that v[i]
		      * is a regular file; else NULL (realpath must tell) */
	size_t n;
};

/* Expand paths: a file stays itself, "-" (standard input) too, a directory
 * becomes its files of a known format (format_of_name: .txt, .html, .htm,
 * .xhtml, .epub, .md, .markdown in any case; hidden files skipped), sorted by name with
 * numbers compared by value (strverscmp). Missing paths, unreadable
 * directories and directories with no such file are reported through warn
 * and skipped. A directory's files are not stat'ed one by one where its
 * listing gives their type (d_type).
 * 0 or ERR_NOMEM; out->n may be 0. */
int source_expand(const char *const *paths, size_t npaths, struct source_paths *out,
		  source_warn_fn warn, void *ctx);

void source_paths_free(struct source_paths *p);

#endif
