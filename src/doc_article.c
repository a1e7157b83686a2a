/* doc_article: a doc's blocks cleaned one by one and laid end to end as an
 * article's text. Cleaning here is sanitize's safety half only (controls,
 * escape sequences, bidi controls, U+FEFF dropped; NFC): the markup reader
 * has decoded entities and dropped tags already, so text such as "<p>" in a
 * page about HTML stays text. */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "clean_buf.h"
#include "err.h"
#include "parse_meta.h"
#include "sanitize.h"
#include "sentence.h"
#include "ustr.h"

static int
is_bidi(int32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
	       c == 0x200F || c == 0x061C;
}

/* The horizontal form of a vertical presentation form (U+FE10-FE19,
 * U+FE30-FE48): Unicode's compatibility mapping, but full-width where that
 * is ASCII (︐ is ，, not ",") and one character where it is more (︙ …);
 * ︰ is a colon, as Big5 text written across uses it ("表示︰"). */
static int32_t
across(int32_t cp)
{
	static const int32_t v[] = {
		[0x10] = 0xFF0C, [0x11] = 0x3001, [0x12] = 0x3002, [0x13] = 0xFF1A, [0x14] = 0xFF1B,
		[0x15] = 0xFF01, [0x16] = 0xFF1F, [0x17] = 0x3016, [0x18] = 0x3017, [0x19] = 0x2026,
		[0x30] = 0xFF1A, [0x31] = 0x2014, [0x32] = 0x2013, [0x33] = 0xFF3F, [0x34] = 0xFF3F,
		[0x35] = 0xFF08, [0x36] = 0xFF09, [0x37] = 0xFF5B, [0x38] = 0xFF5D, [0x39] = 0x3014,
		[0x3A] = 0x3015, [0x3B] = 0x3010, [0x3C] = 0x3011, [0x3D] = 0x300A, [0x3E] = 0x300B,
		[0x3F] = 0x3008, [0x40] = 0x3009, [0x41] = 0x300C, [0x42] = 0x300D, [0x43] = 0x300E,
		[0x44] = 0x300F, [0x45] = 0xFE45, [0x46] = 0xFE46, [0x47] = 0xFF3B, [0x48] = 0xFF3D,
	};
	return cp >= 0xFE10 && cp <= 0xFE48 && v[cp - 0xFE00] ? v[cp - 0xFE00] : cp;
}

/* Append s's safe, NFC form to out; keep_lines: '\n' stays (else a space).
 * Leading and trailing white space is trimmed unless keep_lines. */
static int
put_clean(struct clean_buf *out, const char *s, int keep_lines, size_t *controls)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s),
					  &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m == UTF8PROC_ERROR_NOMEM)
		return ERR_NOMEM;
	const char *t = m >= 0 ? (const char *)nfc : s; /* invalid UTF-8: sanitised below */
	size_t n = m >= 0 ? (size_t)m : strlen(s), start = out->len;
	int rc = 0;
	struct sanitize_memo memo = { 0, 0, 0, 0 };
	for (size_t i = 0; i < n && rc == 0;) {
		int32_t cp;
		size_t j = ustr_next(t, n, i, &cp);
		if (cp == 0x1B || cp == 0x9B || cp == 0x9D || cp == 0x90 || cp == 0x98 ||
		    cp == 0x9E || cp == 0x9F) {
			i = sanitize_escape_end(t, n, i, &memo); /* as sanitize drops them */
			(*controls)++;
			continue;
		}
		if (cp == '\n' || cp == '\t' || cp == '\r') {
			rc = clean_buf_put(out, keep_lines && cp == '\n' ? "\n" : " ", 1);
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			(*controls)++;
		} else if (is_bidi(cp) || cp == 0xFEFF) {
			(*controls)++;
		} else if ((cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000) {
			/* the Private Use Area: an icon font's glyphs (a share
			 * button, a page's digits drawn by its own font) mean
			 * nothing without the font; dropped, not shown as U+FFFD */
		} else if ((cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE48)) {
			/* a vertical book's presentation forms (﹁ ︰ ︽) read
			 * across as what they stand for (「 ： 《) */
			rc = clean_buf_put_cp(out, across(cp));
		} else if (utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(j - i),
					    &(utf8proc_int32_t){ 0 }) == (utf8proc_ssize_t)(j - i)) {
			rc = clean_buf_put(out, t + i, j - i);
		} else { /* not UTF-8 ("&#999999999999" reached here as 0xFF: fuzz_page) */
			rc = clean_buf_put(out, "\xEF\xBF\xBD", 3);
		}
		i = j;
	}
	free(nfc);
	if (rc < 0 || keep_lines)
		return rc;
	/* trim white space (U+3000 and NBSP too) at both ends */
	size_t a = start, b = out->len;
	while (a < b) {
		int32_t cp;
		size_t j = ustr_next(out->s, b, a, &cp);
		if (!ustr_is_space(cp))
			break;
		a = j;
	}
	while (b > a) {
		int32_t cp;
		size_t j = ustr_prev(out->s, b, &cp);
		if (!ustr_is_space(cp))
			break;
		b = j;
	}
	memmove(out->s + start, out->s + a, b - a);
	out->len = start + (b - a);
	return 0;
}

/* "  " per level beyond the first, then the item's marker. */
static int
put_marker(struct clean_buf *out, const struct doc_block *b)
{
	for (int l = 1; l < b->level && l < 16; l++)
		if (clean_buf_put(out, "  ", 2) < 0)
			return ERR_NOMEM;
	char m[24];
	if (b->number > 0)
		snprintf(m, sizeof m, "%d. ", b->number);
	else if (b->number == 0)
		snprintf(m, sizeof m, "\u2022 ");
	else
		snprintf(m, sizeof m, "  ");
	return clean_buf_put(out, m, strlen(m));
}

static int
push_sentence(struct article *a, size_t *cap, size_t s, size_t e, size_t b)
{
	if (a->nsents == *cap) {
		size_t nc = *cap ? 2 * *cap : 64;
		struct sentence *v = realloc(a->sents, nc * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		a->sents = v;
		*cap = nc;
	}
	a->sents[a->nsents++] = (struct sentence){ s, e, b };
	return 0;
}

/* Sentences as parse splits them: a line each in pre and table blocks. */
static int
sentences(struct article *a)
{
	size_t cap = 0;
	for (size_t b = 0; b < a->nblocks; b++) {
		const struct block *bl = &a->blocks[b];
		size_t s, e;
		if (bl->kind == BLOCK_PRE || bl->kind == BLOCK_TABLE) {
			for (size_t p = bl->start; p < bl->end;) {
				const char *nl = memchr(a->text + p, '\n', bl->end - p);
				size_t z = nl ? (size_t)(nl - a->text) : bl->end;
				ustr_trim(a->text, p, z, &s, &e);
				if (e > s && push_sentence(a, &cap, s, e, b) < 0)
					return ERR_NOMEM;
				p = z + 1;
			}
			continue;
		}
		struct sentence_iter it;
		sentence_iter_init(&it, a->text, bl->start, bl->end);
		while (sentence_iter_next(&it, &s, &e))
			if (push_sentence(a, &cap, s, e, b) < 0)
				return ERR_NOMEM;
	}
	return 0;
}

static char *
dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The file name without directory and extension: "dir/page.html" -> "page". */
static char *
title_from_path(const char *path)
{
	if (path == NULL || strcmp(path, "-") == 0)
		return NULL;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	return n ? strndup(base, n) : NULL;
}

static int
fill_meta(const struct doc *d, const char *path, struct article *a)
{
	struct meta *m = &a->meta;
	if ((d->author && !(m->author = strdup(d->author))) ||
	    (d->date && !(m->date = strdup(d->date))) ||
	    (d->source && !(m->source = strdup(d->source))))
		return ERR_NOMEM;
	if ((m->title = dup_or_null(d->title)) == NULL && d->title)
		return ERR_NOMEM;
	for (size_t i = 0; i < a->nblocks && m->title == NULL; i++)
		if (a->blocks[i].kind == BLOCK_TITLE || a->blocks[i].kind == BLOCK_HEADING) {
			const struct block *b = &a->blocks[i];
			if ((m->title = strndup(a->text + b->start, b->end - b->start)) == NULL)
				return ERR_NOMEM;
		}
	if (m->title == NULL) {
		int nomem = 0;
		m->title_inferred = 1;
		m->title = parse_meta_infer_title(a->text, a->blocks, a->nblocks, a->sents,
						  a->nsents, &nomem);
		if (nomem)
			return ERR_NOMEM;
		if (m->title == NULL)
			m->title = title_from_path(path);
		if (m->title == NULL && !(m->title = strdup(PARSE_UNTITLED)))
			return ERR_NOMEM;
	}
	/* the heading that repeats the title is the title block */
	for (size_t i = 0; i < a->nblocks; i++) {
		struct block *b = &a->blocks[i];
		if (b->kind == BLOCK_BOILERPLATE)
			continue;
		if (b->kind == BLOCK_HEADING && b->end - b->start == strlen(m->title) &&
		    memcmp(a->text + b->start, m->title, b->end - b->start) == 0)
			b->kind = BLOCK_TITLE;
		break;
	}
	return 0;
}

int
doc_article(const struct doc *d, const char *path, struct article *out)
{
	struct article a = { 0 };
	struct clean_buf t = { 0 };
	int rc = ERR_NOMEM;
	a.path = strdup(path ? path : "");
	a.blocks = malloc((d->n ? d->n : 1) * sizeof *a.blocks);
	if (a.path == NULL || a.blocks == NULL || clean_buf_reserve(&t, 0) < 0)
		goto fail;
	for (size_t i = 0; i < d->n; i++) {
		const struct doc_block *b = &d->v[i];
		size_t before = t.len;
		if (t.len > 0 && clean_buf_put(&t, "\n\n", 2) < 0)
			goto fail;
		size_t start = t.len;
		int lines = b->kind == BLOCK_PRE || b->kind == BLOCK_TABLE;
		if (b->kind == BLOCK_LIST_ITEM && put_marker(&t, b) < 0)
			goto fail;
		size_t body = t.len;
		if ((rc = put_clean(&t, b->text, lines, &a.stats.controls)) < 0)
			goto fail;
		rc = ERR_NOMEM;
		if (t.len == body) { /* nothing left once cleaned */
			t.len = before;
			continue;
		}
		if (b->kind == BLOCK_HEADING && b->level > 0) {
			if (a.levels == NULL && (a.levels = calloc(d->n, 1)) == NULL)
				goto fail;
			a.levels[a.nblocks] = (unsigned char)(b->level < 255 ? b->level : 255);
		}
		a.blocks[a.nblocks++] = (struct block){ start, t.len, b->kind };
	}
	if (clean_buf_put(&t, "\n", 1) < 0)
		goto fail;
	a.text = t.s;
	a.len = t.len;
	t.s = NULL;
	if ((rc = sentences(&a)) < 0 || (rc = fill_meta(d, path, &a)) < 0)
		goto fail;
	strcpy(a.encoding, "UTF-8");
	a.chars = article_count_chars(&a);
	a.hash = article_hash(a.text, a.len);
	*out = a;
	return 0;
fail:
	clean_buf_free(&t);
	article_free(&a);
	return rc;
}
