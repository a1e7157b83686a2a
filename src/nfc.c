/* nfc: see nfc.h. Correct because NFC works on the canonical decomposition:
 * a starter that is never the second of a composition ends everything
 * before it (no composition reaches across it, no reordering moves a mark
 * over it), so NFC(a b) = NFC(a) NFC(b) when b begins with one; and a
 * piece that is one such code point, which NFC keeps, is its own NFC.
 * tests/test_nfc.c checks nfc_inert against utf8proc for every code point
 * and nfc_map against utf8proc_map. */
#include "nfc.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ustr.h"

int
nfc_inert(int cp)
{
	if (cp < 0x300)
		return 1;
	return (cp >= 0x3030 && cp <= 0x3098) || (cp >= 0x309B && cp <= 0xA66E) ||
	       (cp >= 0x2002 && cp <= 0x20CF) || (cp >= 0x2E00 && cp <= 0x3029) ||
	       (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xFE30 && cp <= 0xFFEF) ||
	       (cp >= 0x20000 && cp <= 0x2A6DF);
}

/* The output: bytes, length, room. */
struct out {
	unsigned char *v;
	size_t len, cap;
};

static int
put(struct out *o, const void *p, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap * 2;
		if (cap < o->len + n + 1)
			cap = o->len + n + 1;
		unsigned char *v = realloc(o->v, cap);
		if (v == NULL)
			return UTF8PROC_ERROR_NOMEM;
		o->v = v;
		o->cap = cap;
	}
	memcpy(o->v + o->len, p, n);
	o->len += n;
	return 0;
}

/* Append utf8proc's NFC of s[0, n) to o. */
static ssize_t
piece(const unsigned char *s, size_t n, struct out *o)
{
	utf8proc_uint8_t *p = NULL;
	utf8proc_ssize_t m = utf8proc_map(s, (utf8proc_ssize_t)n, &p, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m < 0)
		return m;
	int rc = put(o, p, (size_t)m);
	free(p);
	return rc;
}

ssize_t
nfc_map(const char *text, size_t len, unsigned char **out)
{
	const unsigned char *s = (const unsigned char *)text;
	struct out o = { malloc(len + 1), 0, len + 1 };
	if (o.v == NULL)
		return UTF8PROC_ERROR_NOMEM;
	size_t copied = 0, cut = 0; /* cut: where the piece being read began */
	int mixed = 0;              /* it holds a code point that is not inert */
	ssize_t rc = 0;
	for (size_t i = 0; i <= len && rc == 0;) {
		int cp = 0;
		size_t n = i == len ? 0 : s[i] < 0x80 ? (cp = s[i], 1) : ustr_strict((const char *)s, len, i, &cp);
		if (i < len && n == 0) { /* not UTF-8: utf8proc says what is wrong */
			free(o.v);
			utf8proc_uint8_t *p = NULL;
			utf8proc_ssize_t m = utf8proc_map(s, (utf8proc_ssize_t)len, &p,
							  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
			if (m >= 0)
				*out = p;
			return m;
		}
		if (i < len && !nfc_inert(cp)) {
			mixed = 1;
			i += n;
			continue;
		}
		if (mixed) { /* the piece [cut, i) through utf8proc, what came before it as is */
			if ((rc = put(&o, s + copied, cut - copied)) == 0)
				rc = piece(s + cut, i - cut, &o);
			copied = i;
		}
		cut = i;
		mixed = 0;
		if (i == len)
			break;
		i += n;
	}
	if (rc == 0)
		rc = put(&o, s + copied, len - copied);
	if (rc < 0) {
		free(o.v);
		return rc;
	}
	o.v[o.len] = 0;
	*out = o.v;
	return (ssize_t)o.len;
}
