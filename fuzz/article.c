/* article: file bytes -> article, as a file is read (source_decode, then
 * clean and parse: article_from_utf8), with what the later stages rely on
 * checked: valid NUL-terminated UTF-8, blocks and sentences in order inside
 * the text; then each block laid out at one width with the layout contract,
 * and what --dump and --list print of it: valid UTF-8 without a control
 * character (sanitize_is_control) but the line feed.
 * Input: the file's bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../src/article.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/layout.h"
#include "../src/report.h"
#include "../src/sanitize.h"
#include "fuzz.h"

static void
check_utf8(const char *what, const char *s, size_t len)
{
	if (s == NULL || s[len] != 0)
		fuzz_fail("%s: not NUL-terminated at %zu", what, len);
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp == 0)
			fuzz_fail("%s: invalid UTF-8 or NUL at byte %zu", what, i);
		i += (size_t)n;
	}
}

void
fuzz_check_article(const struct article *a)
{
	check_utf8("article text", a->text, a->len);
	if (a->meta.title == NULL)
		fuzz_fail("no title");
	size_t prev = 0;
	for (size_t i = 0; i < a->nblocks; i++) {
		const struct block *b = &a->blocks[i];
		if (b->start < prev || b->end < b->start || b->end > a->len ||
		    (unsigned)b->kind >= BLOCK_KIND_COUNT)
			fuzz_fail("block %zu: %zu-%zu kind %d (previous ends %zu, text %zu)", i,
				  b->start, b->end, (int)b->kind, prev, a->len);
		prev = b->end;
	}
	prev = 0;
	for (size_t i = 0; i < a->nsents; i++) {
		const struct sentence *s = &a->sents[i];
		if (s->block >= a->nblocks || s->start < prev || s->end < s->start ||
		    s->start < a->blocks[s->block].start || s->end > a->blocks[s->block].end)
			fuzz_fail("sentence %zu: %zu-%zu in block %zu", i, s->start, s->end, s->block);
		prev = s->end;
		if (article_sentence_at(a, s->start) != i && s->end > s->start)
			fuzz_fail("sentence_at(%zu) is not sentence %zu", s->start, i);
	}
	for (size_t i = 0; i < a->spans.n; i++)
		if (a->spans.v[i].start > a->spans.v[i].end || a->spans.v[i].end > a->len)
			fuzz_fail("span %zu: %zu-%zu", i, a->spans.v[i].start, a->spans.v[i].end);
}

void
fuzz_check_layout(const struct article *a, int w)
{
	struct layout_opts o;
	layout_opts_default(&o);
	struct layout_lines ll = { 0 };
	for (size_t i = 0; i < a->nblocks; i++) {
		ll.n = 0;
		if (layout_block(&o, a->text, &a->blocks[i], w, &ll) != 0)
			fuzz_fail("layout_block failed");
		for (size_t j = 0; j < ll.n; j++)
			if (ll.v[j].indent_cols + ll.v[j].width_cols > w && w > 1)
				fuzz_fail("block %zu w=%d: line %zu is %d+%d columns", i, w, j,
					  ll.v[j].indent_cols, ll.v[j].width_cols);
	}
	layout_lines_free(&ll);
}

/* What a terminal would get: valid UTF-8, no control but '\n'. */
static void
check_printed(const char *what, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0)
			fuzz_fail("%s: invalid UTF-8 at byte %zu", what, i);
		if (cp != '\n' && sanitize_is_control(cp))
			fuzz_fail("%s: control U+%04X at byte %zu", what, (unsigned)cp, i);
		i += (size_t)n;
	}
}

void
fuzz_check_printed(const struct article *a, int w)
{
	struct layout_opts o;
	layout_opts_default(&o);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (f == NULL)
		return;
	int rc = report_dump(f, a, &o, w);
	fclose(f);
	if (rc == 0)
		check_printed("--dump", buf, len);
	free(buf);
	struct corpus c = { (struct article *)a, 1 };
	buf = NULL;
	if ((f = open_memstream(&buf, &len)) == NULL)
		return;
	rc = report_list(f, &c, &o, NULL);
	fclose(f);
	if (rc == 0)
		check_printed("--list", buf, len);
	free(buf);
}

int
fuzz_article(const uint8_t *data, size_t size)
{
	struct source_opts so = { 0 };
	struct source_text st;
	char *cause = NULL;
	int rc = source_decode(&so, data, size, &st, &cause);
	if (rc < 0) {
		if (rc != ERR_BINARY && rc != ERR_NOMEM)
			fuzz_fail("source_decode: %d (%s)", rc, cause ? cause : "");
		if (cause == NULL || cause[0] == 0)
			fuzz_fail("source_decode refused with no reason");
		free(cause);
		return 0;
	}
	if (st.utf8 == NULL || st.utf8[st.len] != 0)
		fuzz_fail("decoded text not NUL-terminated");
	check_utf8("decoded text", st.utf8, strnlen(st.utf8, st.len));
	struct article a;
	rc = article_from_utf8("fuzz.txt", st.utf8, st.len, &a);
	if (rc == 0) {
		fuzz_check_article(&a);
		fuzz_check_layout(&a, 1 + (int)(a.hash % 100));
		fuzz_check_printed(&a, (int)(a.hash % 61));
		article_free(&a);
	} else if (rc != ERR_NOMEM) {
		fuzz_fail("article_from_utf8: %d", rc);
	}
	source_text_free(&st);
	return 0;
}
