/* anchor: where an annotation's passage sits in an article's cleaned text
 * today, the way W3C Web Annotation selectors are resolved: the stored
 * range if it still holds the quote, else the quote placed by its context,
 * else the closest approximate match, else an orphan. Pure functions of
 * their inputs; anchor_context allocates strings the caller frees. */
#ifndef DUWEN_ANCHOR_H
#define DUWEN_ANCHOR_H

#include <stddef.h>

/* Code points of context kept on each side of a quote. */
#define ANCHOR_CONTEXT_CPS 32

enum anchor_how {
	ANCHOR_EXACT,  /* the stored range still holds the quote */
	ANCHOR_QUOTE,  /* the quote found elsewhere, chosen by its context */
	ANCHOR_FUZZY,  /* an approximate match of the quote */
	ANCHOR_ORPHAN, /* not found: keep the annotation, show it apart */
};

/* What is known about a passage (a TextQuoteSelector plus a range). All
 * strings UTF-8; prefix/suffix may be NULL or "". */
struct anchor_sel {
	size_t start, end; /* bytes into the text it was made on */
	const char *quote;
	const char *prefix;
	const char *suffix;
};

struct anchor_result {
	size_t start, end; /* bytes into text; 0, 0 for an orphan */
	int how;           /* enum anchor_how */
};

/* Place sel in text[0, len) (valid UTF-8). Always fills *out; returns 0,
 * or ERR_NOMEM (out is then an orphan). An empty quote is an orphan.
 * Approximate matching allows edits up to 30% of the quote's code points
 * and is not tried for quotes under 5 code points. */
int anchor_locate(const char *text, size_t len, const struct anchor_sel *sel,
		  struct anchor_result *out);

/* The up to ncps code points before start and after end in text, as new
 * NUL-terminated strings in *prefix and *suffix. 0 or ERR_NOMEM (then
 * neither is set) or ERR_RANGE (start > end or end > len). */
int anchor_context(const char *text, size_t len, size_t start, size_t end,
		   size_t ncps, char **prefix, char **suffix);

/* Code points in text[0, off) (off <= len, on a character boundary). */
size_t anchor_cps(const char *text, size_t len, size_t off);

/* Byte offset of the code point numbered cps (len if cps is past the end). */
size_t anchor_byte_of_cps(const char *text, size_t len, size_t cps);

const char *anchor_how_name(int how);

#endif
