/* support_load: see support_load.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <poll.h>
#include <time.h>

#include <cmocka.h>

#include "support_load.h"

const char *const support_load_files[SUPPORT_LOAD_NFILES] = {
	"texts/000_sichuan_ribao.txt",
	"texts/001_hangzhou_kaiyuan.txt",
	"texts/002_shenzhen_pinle.txt",
	"texts/003_deepseek_chuangxin.txt",
	"texts/004_kexuebao_lianghui.txt",
	"tests/data/manual-debian-zh_TW.txt",
	"tests/data/manual-gentoo-zh_CN.txt",
	"tests/data/manual-sbuild-zh_CN.gbk.txt",
};

void *
support_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	assert_true(len >= 0);
	fseek(f, 0, SEEK_SET);
	char *b = malloc((size_t)len + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return b;
}

void
support_load_one(struct script *sc, const char *path, struct article *a, struct match_text *f)
{
	assert_int_equal(article_load(NULL, path, a, NULL), 0);
	if (f)
		assert_int_equal(match_fold(sc, a->text, a->len, f), 0);
}

static void
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

void
support_same_summary(const struct article *want, const struct article *got)
{
	assert_string_equal(got->path, want->path);
	assert_int_equal(got->len, want->len);
	assert_int_equal(got->chars, want->chars);
	assert_true(got->hash == want->hash);
	same_str(got->meta.title, want->meta.title);
	assert_null(got->text);
}

void
support_same_article(const struct article *want, const struct article *got)
{
	const struct article *a = want, *b = got;
	assert_string_equal(a->path, b->path);
	assert_int_equal(a->len, b->len);
	assert_memory_equal(a->text, b->text, a->len + 1);
	assert_int_equal(a->nblocks, b->nblocks);
	/* field by field: a struct block has padding */
	for (size_t i = 0; i < a->nblocks; i++) {
		assert_int_equal(a->blocks[i].start, b->blocks[i].start);
		assert_int_equal(a->blocks[i].end, b->blocks[i].end);
		assert_int_equal(a->blocks[i].kind, b->blocks[i].kind);
	}
	if (a->levels)
		assert_memory_equal(a->levels, b->levels, a->nblocks);
	else
		assert_null(b->levels);
	assert_int_equal(a->nsents, b->nsents);
	if (a->nsents)
		assert_memory_equal(a->sents, b->sents, a->nsents * sizeof *a->sents);
	assert_int_equal(a->spans.n, b->spans.n);
	if (a->spans.n)
		assert_memory_equal(a->spans.v, b->spans.v, a->spans.n * sizeof *a->spans.v);
	assert_memory_equal(&a->stats, &b->stats, sizeof a->stats);
	assert_string_equal(a->encoding, b->encoding);
	assert_int_equal(a->replaced, b->replaced);
	assert_int_equal(a->chars, b->chars);
	assert_true(a->hash == b->hash);
	assert_int_equal(a->format, b->format);
	same_str(a->meta.title, b->meta.title);
	same_str(a->meta.source, b->meta.source);
	same_str(a->meta.author, b->meta.author);
	same_str(a->meta.date, b->meta.date);
	assert_int_equal(a->meta.title_inferred, b->meta.title_inferred);
}

void
support_same_fold(const struct match_text *want, const struct match_text *got)
{
	assert_non_null(got->text);
	assert_int_equal(got->len, want->len);
	assert_memory_equal(got->text, want->text, want->len + 1);
	assert_int_equal(got->orig_len, want->orig_len);
	assert_int_equal(got->nseg, want->nseg);
	if (want->nseg)
		assert_memory_equal(got->seg, want->seg, want->nseg * sizeof *want->seg);
}

void
support_wait_until(int fd, int (*done)(void *ctx), void *ctx)
{
	struct timespec start, now, ms = { 0, 1000000 };
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (!done(ctx)) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		assert_true(now.tv_sec - start.tv_sec < 60);
		if (fd >= 0) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };
			poll(&pfd, 1, 50);
		} else {
			nanosleep(&ms, NULL);
		}
	}
}
