/* garble_int: what garble.c (suspects, debris, spans) and garble_read.c
 * (re-reading GBK bytes) share: the scan context and its helpers. Private
 * to those two files; the context owns every array in it (garble_scan frees
 * them). */
#ifndef DUWEN_GARBLE_INT_H
#define DUWEN_GARBLE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "clean_buf.h"

#define GARBLE_SKIP 16    /* bits for a byte read as lost (U+FFFD) */
#define GARBLE_PAIRS (126 * 191)

struct garble_ch {
	int32_t cp;
	size_t off; /* byte offset in the input */
};

struct garble_item {
	size_t a, b;   /* characters [a, b) of the line */
	int repaired;  /* replaced by repl[ra, rb) */
	size_t ra, rb;
};

struct garble_ctx {
	uint32_t *doc;  /* occurrences of U+4E00..U+9FFF in the document */
	const uint32_t *dec; /* GB18030 two-byte pair -> code point, 0 = none */
	uint16_t *enc;  /* BMP code point -> two-byte pair, 0 = none */
	struct garble_ch *ch;
	size_t nch, capch;
	const char *in;        /* the whole input, for words used elsewhere */
	size_t len;
	size_t le;             /* end of the line in the input */
	struct clean_buf span; /* a span's text before garble_tidy_span */
	struct garble_item *it;
	size_t nit, capit;
	int32_t *repl; /* replacement code points of accepted repairs */
	size_t nrepl, caprepl;
	/* DP scratch over bytes */
	unsigned char *bytes;
	long *best;
	size_t *back;
	int32_t *bcp;
	long *bnd; /* byte offset -> character index + 1 at a boundary, else 0 */
	size_t capdp;
};

/* Grow *p (elem-byte elements, *cap of them) to hold need; 0 or ERR_NOMEM. */
int garble_grow(void **p, size_t *cap, size_t need, size_t elem);
/* Record characters [a, b) of the line as mojibake, replaced by
 * repl[ra, rb) when repaired; 0 or ERR_NOMEM. */
int garble_push_item(struct garble_ctx *g, size_t a, size_t b, int repaired, size_t ra, size_t rb);
/* garble_cost with this document's count of cp. */
int garble_ccost(const struct garble_ctx *g, int32_t cp);
/* Is cp typical of mojibake and rare in real text? */
int garble_is_odd(const struct garble_ctx *g, int32_t cp);
/* Is cp in the frequency table's Han range? */
int garble_is_han(int32_t cp);

/* Set g->dec and build g->enc once; 0 or ERR_NOMEM. */
int garble_read_tables(struct garble_ctx *g);
/* Re-read characters [a, b) of the line from their GB18030 bytes and push
 * the clearly better stretches as repaired items; 0 or an error. */
int garble_read_flush(struct garble_ctx *g, size_t a, size_t b);

#endif
