/* Tests for artblob: every bundled article and its fold survive a trip
 * through a blob unchanged; damaged or foreign blobs are refused. Run from
 * the repository root (reads texts/). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/artblob.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/script.h"
#include "support_load.h"

static void
test_roundtrip(void **state)
{
	(void)state;
	struct script *sc;
	assert_int_equal(script_open(&sc, NULL), 0);
	struct corpus c;
	const char *paths[] = { "texts" };
	assert_int_equal(corpus_load(&c, paths, 1, NULL, NULL, NULL), 0);
	assert_true(c.n >= 5);
	for (size_t i = 0; i < c.n; i++) {
		/* heading ranks as a book has them, on every other article */
		if (i % 2 && c.v[i].nblocks) {
			c.v[i].levels = malloc(c.v[i].nblocks);
			assert_non_null(c.v[i].levels);
			for (size_t k = 0; k < c.v[i].nblocks; k++)
				c.v[i].levels[k] = (unsigned char)(k % 4);
		}
		struct match_text f, g;
		struct article b;
		assert_int_equal(match_fold(sc, c.v[i].text, c.v[i].len, &f), 0);
		void *blob;
		size_t n;
		assert_int_equal(artblob_pack(&c.v[i], &f, &blob, &n), 0);
		assert_int_equal(artblob_unpack(blob, n, c.v[i].path, f.text, f.len, &b, &g), 0);
		support_same_article(&c.v[i], &b);
		assert_int_equal(g.len, f.len);
		assert_memory_equal(g.text, f.text, f.len + 1);
		for (size_t k = 0; k <= f.len; k++) {
			assert_int_equal(match_text_start(&g, k), match_text_start(&f, k));
			assert_int_equal(match_text_end(&g, k), match_text_end(&f, k));
		}
		article_free(&b);
		match_text_free(&g);
		/* the same, the folded text not copied */
		assert_int_equal(artblob_unpack_borrow(blob, n, c.v[i].path, f.text, f.len, &b, &g), 0);
		support_same_article(&c.v[i], &b);
		assert_ptr_equal(g.text, f.text);
		assert_int_equal(g.len, f.len);
		assert_int_equal(g.nseg, f.nseg);
		article_free(&b);
		g.text = NULL;
		match_text_free(&g);
		/* the text left in the blob, then rebuilt in ranges: those
		 * bytes the text's, the whole of it, and a damaged text refused */
		struct artblob_text txt;
		assert_int_equal(artblob_unpack_lazy(blob, n, c.v[i].path, f.text, f.len, &b, &g, &txt), 0);
		assert_null(b.text);
		assert_int_equal(b.len, c.v[i].len);
		assert_int_equal(txt.len, c.v[i].len);
		assert_ptr_equal(g.text, f.text);
		size_t L = c.v[i].len;
		size_t rg[6] = { 0, L / 7, L / 3, L / 3 + 1, L / 2, L };
		char *part = NULL;
		assert_int_equal(artblob_text_fill(&txt, f.text, f.len, rg, 3, &part), 0);
		for (size_t k = 0; k < 3; k++)
			assert_memory_equal(part + rg[2 * k], c.v[i].text + rg[2 * k], rg[2 * k + 1] - rg[2 * k]);
		assert_int_equal(part[L], '\0');
		free(part);
		size_t all[2] = { 0, L };
		assert_int_equal(artblob_text_fill(&txt, f.text, f.len, all, 1, &part), 0);
		assert_memory_equal(part, c.v[i].text, L);
		free(part);
		assert_int_equal(artblob_text_fill(&txt, f.text, f.len, NULL, 0, &part), 0);
		free(part);
		if (txt.dn > 0) {
			struct artblob_text cut = txt;
			cut.dn--;
			part = NULL;
			assert_int_equal(artblob_text_fill(&cut, f.text, f.len, all, 1, &part), ERR_INVAL);
			assert_null(part);
		}
		article_free(&b);
		g.text = NULL;
		match_text_free(&g);

		/* every shorter blob, a flipped magic, a longer folded text:
		 * refused, nothing written */
		for (size_t cut = 0; cut < n; cut += 1 + n / 97)
			assert_int_equal(artblob_unpack(blob, cut, "p", f.text, f.len, &b, &g), ERR_INVAL);
		((unsigned char *)blob)[0] ^= 1;
		assert_int_equal(artblob_unpack(blob, n, "p", f.text, f.len, &b, &g), ERR_INVAL);
		((unsigned char *)blob)[0] ^= 1;
		/* any byte flipped (the text's pieces against the folded text
		 * among them): refused, or an article of the right lengths,
		 * never a read outside the blob or the folded text */
		for (size_t k = sizeof(uint64_t) * 2; k < n; k++) {
			((unsigned char *)blob)[k] ^= 0x81;
			int rc = artblob_unpack(blob, n, "p", f.text, f.len, &b, &g);
			assert_true(rc == 0 || rc == ERR_INVAL);
			if (rc == 0) {
				assert_int_equal(g.orig_len, b.len);
				assert_int_equal(strlen(b.text) <= b.len, 1);
				article_free(&b);
				match_text_free(&g);
			}
			((unsigned char *)blob)[k] ^= 0x81;
		}
		/* simplified text folds mostly to itself: its blob keeps far
		 * less than the text */
		if (strstr(c.v[i].path, "000_") || strstr(c.v[i].path, "002_"))
			assert_true(n < c.v[i].len);
		assert_int_equal(artblob_unpack(blob, n, "p", f.text, f.len - 1,
						&b, &g), ERR_INVAL);
		free(blob);
		match_text_free(&f);
	}
	corpus_free(&c);
	script_close(sc);
}

/* The text's differences, hand-written against the text T below (15
 * bytes) and its folded text (15 bytes, its first 12 T's own): pieces of
 * a literal length, its bytes, a skip and a copy length (LEB128). Each is
 * rebuilt both ways, whole (artblob_unpack, in a blob) and in ranges
 * (artblob_text_fill): want is the text, or NULL where it is refused. */
#define T "资本资本ABC"
static const struct diff_case {
	const char *name, *d;
	size_t dn;
	const char *want;
} diff_cases[] = {
#define D(s) s, sizeof s - 1
	{ "all literal", D("\x0f" T "\x00\x00"), T },
	{ "a copy, then a literal", D("\x00\x00\x0c\x03" "ABC\x00\x00"), T },
	{ "a copy whose length takes two bytes", D("\x00\x00\x8c\x00\x03" "ABC\x00\x00"), T },
	{ "a copy after a skip", D("\x06" "资本\x06\x06\x03" "ABC\x00\x00"), T },
	{ "no pieces", D(""), NULL },
	{ "short of the text", D("\x00\x00\x0c"), NULL },
	{ "a literal past the differences", D("\x10" "资本资本AB"), NULL },
	{ "a literal past the text", D("\x10" T "X\x00\x00"), NULL },
	{ "a skip past the folded text", D("\x00\x10\x01"), NULL },
	{ "a copy past the folded text", D("\x00\x04\x0c"), NULL },
	{ "a copy past the text", D("\x03" "ABC\x00\x0d"), NULL },
	{ "an empty piece", D("\x00\x00\x00\x0f" T "\x00\x00"), NULL },
	{ "a length cut short", D("\x00\x00\x8c"), NULL },
	{ "a length of eleven bytes", D("\x00\x00\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00"), NULL },
	{ "a piece after the whole text", D("\x0f" T "\x00\x00\x01" "A\x00\x00"), NULL },
#undef D
};

/* blob with its differences replaced by d[0, dn) (the text's length kept) */
static void *
splice_diff(const unsigned char *blob, size_t n, const char *d, size_t dn, size_t *out_n)
{
	/* the head (16 bytes), the text's length, the differences' length */
	const size_t at = 16 + 2 * sizeof(uint64_t);
	uint64_t old;
	memcpy(&old, blob + at - sizeof old, sizeof old);
	assert_true(old <= n - at);
	*out_n = n - (size_t)old + dn;
	unsigned char *b = malloc(*out_n);
	assert_non_null(b);
	memcpy(b, blob, at);
	uint64_t len = dn;
	memcpy(b + at - sizeof len, &len, sizeof len);
	memcpy(b + at, d, dn);
	memcpy(b + at + dn, blob + at + old, n - at - (size_t)old);
	return b;
}

static void
test_diff_cases(void **state)
{
	(void)state;
	struct script *sc;
	assert_int_equal(script_open(&sc, NULL), 0);
	struct article a = { 0 };
	a.path = "t";
	a.text = T;
	a.len = sizeof T - 1;
	a.meta.title = "t";
	struct match_text f;
	assert_int_equal(match_fold(sc, a.text, a.len, &f), 0);
	assert_int_equal(f.len, a.len);
	assert_memory_equal(f.text, T, 12);
	void *blob;
	size_t n;
	assert_int_equal(artblob_pack(&a, &f, &blob, &n), 0);
	for (size_t i = 0; i < sizeof diff_cases / sizeof *diff_cases; i++) {
		const struct diff_case *c = &diff_cases[i];
		print_message("%s\n", c->name);
		int want_rc = c->want ? 0 : ERR_INVAL;
		/* whole */
		size_t bn;
		void *b = splice_diff(blob, n, c->d, c->dn, &bn);
		struct article u;
		struct match_text g;
		u.text = NULL;
		assert_int_equal(artblob_unpack(b, bn, "t", f.text, f.len, &u, &g), want_rc);
		if (c->want) {
			assert_int_equal(u.len, a.len);
			assert_string_equal(u.text, c->want);
			article_free(&u);
			match_text_free(&g);
		} else {
			assert_null(u.text);
		}
		free(b);
		/* in ranges: the whole, and parts that cut pieces */
		struct artblob_text txt = { (const unsigned char *)c->d, c->dn, a.len };
		size_t all[2] = { 0, a.len }, parts[4] = { 1, 4, 10, 13 };
		char *out = NULL;
		assert_int_equal(artblob_text_fill(&txt, f.text, f.len, all, 1, &out), want_rc);
		if (c->want)
			assert_string_equal(out, c->want);
		else
			assert_null(out);
		free(out);
		out = NULL;
		assert_int_equal(artblob_text_fill(&txt, f.text, f.len, parts, 2, &out), want_rc);
		if (c->want) {
			assert_memory_equal(out + 1, c->want + 1, 3);
			assert_memory_equal(out + 10, c->want + 10, 3);
			assert_int_equal(out[a.len], '\0');
		} else {
			assert_null(out);
		}
		free(out);
	}
	free(blob);
	match_text_free(&f);
	script_close(sc);
}
#undef T

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_diff_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
