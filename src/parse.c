/* XXX: scaffold; the foundation issue replaces it. */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

const char *
parse_block_kind_name(enum block_kind k)
{
	static const char *names[BLOCK_KIND_COUNT] = {
		"title", "byline", "source", "summary", "heading", "paragraph",
		"caption", "boilerplate", "pre", "meta",
	};
	return (unsigned)k < BLOCK_KIND_COUNT ? names[k] : "?";
}

int
parse_article(const char *text, size_t len, struct parse_result *out)
{
	memset(out, 0, sizeof *out);
	size_t cap = 16;
	out->blocks = malloc(cap * sizeof *out->blocks);
	out->sents = malloc(cap * sizeof *out->sents);
	size_t scap = cap;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;
		if (e > i) {
			if (out->nblocks == cap) {
				cap *= 2;
				out->blocks = realloc(out->blocks, cap * sizeof *out->blocks);
			}
			if (out->nsents == scap) {
				scap *= 2;
				out->sents = realloc(out->sents, scap * sizeof *out->sents);
			}
			out->sents[out->nsents++] = (struct sentence){ i, e, out->nblocks };
			out->blocks[out->nblocks++] = (struct block){
				i, e, out->nblocks == 0 ? BLOCK_TITLE : BLOCK_PARAGRAPH };
		}
		i = e + 1;
	}
	out->meta.title = out->nblocks ? strndup(text + out->blocks[0].start,
		out->blocks[0].end - out->blocks[0].start) : strdup("(untitled)");
	return 0;
}

void
parse_result_free(struct parse_result *r)
{
	free(r->blocks);
	free(r->sents);
	free(r->meta.title);
	free(r->meta.source);
	free(r->meta.author);
	free(r->meta.date);
	memset(r, 0, sizeof *r);
}
