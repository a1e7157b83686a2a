#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "ustr.h"

uint64_t
article_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

size_t
article_block_chars(const struct article *a, size_t b, size_t end)
{
	if (b >= a->nblocks || a->blocks[b].kind == BLOCK_BOILERPLATE ||
	    a->blocks[b].kind == BLOCK_META)
		return 0;
	size_t n = 0;
	if (end > a->blocks[b].end)
		end = a->blocks[b].end;
	for (size_t i = a->blocks[b].start; i < end;) {
		int32_t cp;
		i = ustr_next(a->text, end, i, &cp);
		n += cp != '\n' && !ustr_is_space(cp);
	}
	return n;
}

size_t
article_count_chars(const struct article *a)
{
	size_t n = 0;
	for (size_t b = 0; b < a->nblocks; b++)
		n += article_block_chars(a, b, a->blocks[b].end);
	return n;
}

/* An article with no text to take a title from is named after its file:
 * "dir/notes.txt" -> "notes". 0 or ERR_NOMEM. */
static int
title_from_path(struct meta *m, const char *path)
{
	if (!m->title_inferred || strcmp(m->title, PARSE_UNTITLED) != 0 || path == NULL)
		return 0;
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".txt") == 0)
		n -= 4;
	if (n == 0)
		return 0;
	char *t = strndup(base, n);
	if (t == NULL)
		return ERR_NOMEM;
	free(m->title);
	m->title = t;
	return 0;
}

int
article_from_utf8(const char *path, const char *utf8, size_t len,
		  struct article *out)
{
	struct clean_result cr;
	struct parse_result pr;
	int rc = clean_text(utf8, len, &cr);
	if (rc < 0)
		return rc;
	rc = parse_article(cr.text, cr.len, &pr);
	if (rc < 0) {
		clean_result_free(&cr);
		return rc;
	}
	struct article a = { 0 };
	a.path = strdup(path ? path : "");
	if (a.path == NULL || title_from_path(&pr.meta, path) < 0) {
		free(a.path);
		clean_result_free(&cr);
		parse_result_free(&pr);
		return ERR_NOMEM;
	}
	a.text = cr.text;
	a.len = cr.len;
	a.spans = cr.spans;
	a.stats = cr.stats;
	a.blocks = pr.blocks;
	a.nblocks = pr.nblocks;
	a.sents = pr.sents;
	a.nsents = pr.nsents;
	a.meta = pr.meta;
	strcpy(a.encoding, "UTF-8");
	a.chars = article_count_chars(&a);
	a.hash = article_hash(a.text, a.len);
	*out = a;
	return 0;
}

int
article_repeats_title(const struct article *a, const struct block *b)
{
	const char *t = a->meta.title ? a->meta.title : "";
	return b->kind == BLOCK_TITLE && strlen(t) == b->end - b->start &&
	       memcmp(t, a->text + b->start, b->end - b->start) == 0;
}

void
article_free(struct article *a)
{
	free(a->path);
	free(a->text);
	free(a->blocks);
	free(a->levels);
	free(a->sents);
	free(a->meta.title);
	free(a->meta.source);
	free(a->meta.author);
	free(a->meta.date);
	span_list_free(&a->spans);
	memset(a, 0, sizeof *a);
}

size_t
article_sentence_at(const struct article *a, size_t off)
{
	/* first sentence starting after off; the one before it is the answer */
	size_t lo = 0, hi = a->nsents;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->sents[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? a->nsents : lo - 1;
}

size_t
article_block_at(const struct article *a, size_t off)
{
	size_t lo = 0, hi = a->nblocks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->blocks[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
