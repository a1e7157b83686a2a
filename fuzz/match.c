/* match: the matcher (src/match.c): patterns folded into a set, a text
 * folded with its offset maps, hits found in a range; checked: the maps stay
 * inside the original and in order, hits lie in the range asked for, in
 * text order, without overlapping, with a tag that was given.
 * Input: byte 0 flags (bit 0 MATCH_WORDS, bit 1 fold scripts with OpenCC),
 * bytes 1-2 the range asked for (as fractions of the text), then patterns
 * separated by '\n' up to the first NUL byte (any bytes, as a config file
 * or the search prompt may give them), then the text (made valid UTF-8 as
 * an article's text always is). */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../src/err.h"
#include "../src/match.h"
#include "../src/script.h"
#include "fuzz.h"

/* OpenCC's dictionaries, loaded once. */
static struct script *
opencc(void)
{
	static struct script *sc;
	static int tried;
	if (!tried) {
		char *cause = NULL;
		tried = 1;
		if (script_open(&sc, &cause) < 0)
			sc = NULL;
		free(cause);
	}
	return sc;
}

/* data[0, n) as valid UTF-8 (U+FFFD for what is not), NUL-free. */
static char *
valid_utf8(const uint8_t *data, size_t n, size_t *len)
{
	char *s = malloc(n * 3 + 1);
	size_t k = 0;
	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t c = utf8proc_iterate(data + i, (utf8proc_ssize_t)(n - i), &cp);
		if (c <= 0 || cp == 0) {
			cp = 0xfffd;
			c = 1;
		}
		k += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)s + k);
		i += (size_t)c;
	}
	s[k] = 0;
	*len = k;
	return s;
}

static void
check_text(const struct match_text *t, size_t orig_len)
{
	if (t->orig_len != orig_len || match_text_start(t, t->len) != orig_len ||
	    match_text_end(t, t->len) != orig_len || t->text[t->len] != 0)
		fuzz_fail("folded text: orig_len %zu, want %zu", t->orig_len, orig_len);
	size_t prev = 0;
	for (size_t i = 0; i < t->len; i++) {
		size_t s = match_text_start(t, i), e = match_text_end(t, i);
		if (s > e || e > orig_len || s < prev)
			fuzz_fail("folded byte %zu maps to %zu-%zu (text %zu, after %zu)", i, s, e,
				  orig_len, prev);
		prev = s;
	}
	for (size_t off = 0; off <= orig_len; off += 1 + orig_len / 16)
		if (match_text_at(t, off) > t->len)
			fuzz_fail("match_text_at(%zu) past the end", off);
}

int
fuzz_match(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	struct script *sc = data[0] & 2 ? opencc() : NULL;
	int flags = data[0] & 1 ? MATCH_WORDS : 0;
	const uint8_t *p = data + 3, *end = data + size;
	const uint8_t *nul = memchr(p, 0, (size_t)(end - p));
	const uint8_t *pe = nul ? nul : end;
	struct match_set *m;
	if (match_set_new(flags, &m) < 0)
		return 0;
	int npat = 0;
	while (p < pe && npat < 32) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(pe - p));
		const uint8_t *we = nl ? nl : pe;
		char *w = strndup((const char *)p, (size_t)(we - p));
		if (w == NULL)
			break;
		int rc = match_set_add(m, sc, w, npat);
		if (rc < 0 && rc != ERR_INVAL && rc != ERR_NOMEM)
			fuzz_fail("match_set_add: %d", rc);
		char *f = match_fold_word(sc, w);
		free(f);
		free(w);
		npat++;
		p = nl ? nl + 1 : pe;
	}
	if (match_set_size(m) > (size_t)npat)
		fuzz_fail("%zu patterns from %d words", match_set_size(m), npat);
	size_t len = 0;
	char *text = nul ? valid_utf8(nul + 1, (size_t)(end - nul - 1), &len) : strdup("");
	struct match_text t;
	if (text && match_fold(sc, text, len, &t) == 0) {
		check_text(&t, len);
		size_t from = len * data[1] / 255, to = len * data[2] / 255;
		struct span_list out = { 0 };
		long n = match_set_find(m, &t, from, to, 7, &out);
		if (n >= 0) {
			if ((size_t)n != out.n)
				fuzz_fail("%ld hits, %zu spans", n, out.n);
			size_t prev = from;
			for (size_t i = 0; i < out.n; i++) {
				const struct span *s = &out.v[i];
				if (s->start < prev || s->end <= s->start || s->end > to || s->kind != 7 ||
				    s->tag < 0 || s->tag >= npat)
					fuzz_fail("hit %zu: %zu-%zu tag %d (range %zu-%zu, after %zu)", i,
						  s->start, s->end, s->tag, from, to, prev);
				prev = s->end;
			}
		}
		span_list_free(&out);
		match_text_free(&t);
	}
	free(text);
	match_set_free(m);
	return 0;
}
