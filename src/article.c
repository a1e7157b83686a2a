#include "article.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

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

static size_t
count_chars(const struct article *a)
{
	size_t n = 0;
	for (size_t b = 0; b < a->nblocks; b++) {
		if (a->blocks[b].kind == BLOCK_BOILERPLATE || a->blocks[b].kind == BLOCK_META)
			continue;
		for (size_t i = a->blocks[b].start; i < a->blocks[b].end; i++) {
			unsigned char c = (unsigned char)a->text[i];
			if ((c & 0xC0) != 0x80 && c != ' ' && c != '\n')
				n++;
		}
	}
	return n;
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
	if (a.path == NULL) {
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
	a.chars = count_chars(&a);
	a.hash = article_hash(a.text, a.len);
	*out = a;
	return 0;
}

int
article_load(const struct source_opts *opts, const char *path,
	     struct article *out, char **cause)
{
	struct source_text st;
	int rc = source_read(opts, path, &st, cause);
	if (rc < 0)
		return rc;
	rc = article_from_utf8(path, st.utf8, st.len, out);
	if (rc == 0) {
		memcpy(out->encoding, st.encoding, sizeof out->encoding);
		out->replaced = st.replaced;
	}
	source_text_free(&st);
	return rc;
}

void
article_free(struct article *a)
{
	free(a->path);
	free(a->text);
	free(a->blocks);
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
	size_t lo = 0, hi = a->nsents;
	/* first sentence with start > off, then step back */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->sents[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo == 0 ? (a->nsents ? 0 : a->nsents) : lo - 1;
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
