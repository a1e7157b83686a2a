/* bench_layout: layout throughput and screen latency (not a test: it prints
 * figures). Builds, in memory, a 100 MB article by repeating the bundled
 * articles' cleaned text and blocks, and a corpus of 10,000 articles (the
 * bundled ones in turn), then measures on one core:
 *   - full layout of the 100 MB article at 80 columns (MB/s),
 *   - laying out 10,000 articles (articles/s, MB/s),
 *   - view_new on the 100 MB article, and one screen (50 rows) at 200
 *     random offsets through view_pos_of_offset + view_rows (mean, max),
 *   - peak resident memory (getrusage).
 * Run from the repository root: reads the texts/ folder. Goals (issue 4): >= 50
 * MB/s, < 5 ms per screen. */
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../src/article.h"
#include "../src/layout.h"
#include "../src/view.h"

#define BIG_BYTES (100u * 1024 * 1024)
#define N_ARTICLES 10000
#define JUMPS 200
#define ROWS 50

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t
rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* Lay out every block of a; returns the lines made. */
static size_t
layout_all(const struct layout_opts *o, const struct article *a, int width,
	   struct layout_lines *ll)
{
	size_t lines = 0;
	for (size_t i = 0; i < a->nblocks; i++) {
		ll->n = 0;
		if (layout_block(o, a->text, &a->blocks[i], width, ll) < 0) {
			fprintf(stderr, "bench_layout: out of memory\n");
			exit(1);
		}
		lines += ll->n;
	}
	return lines;
}

/* The bundled articles repeated into one article of at least BIG_BYTES. */
static int
build_big(const struct article *src, size_t nsrc, struct article *big)
{
	size_t per = 0, perb = 0;
	for (size_t i = 0; i < nsrc; i++) {
		per += src[i].len + 1;
		perb += src[i].nblocks;
	}
	size_t reps = BIG_BYTES / per + 1;
	memset(big, 0, sizeof *big);
	big->text = malloc(reps * per + 1);
	big->blocks = malloc(reps * perb * sizeof *big->blocks);
	if (big->text == NULL || big->blocks == NULL)
		return -1;
	size_t off = 0, nb = 0;
	for (size_t r = 0; r < reps; r++) {
		for (size_t i = 0; i < nsrc; i++) {
			memcpy(big->text + off, src[i].text, src[i].len);
			for (size_t b = 0; b < src[i].nblocks; b++) {
				big->blocks[nb] = src[i].blocks[b];
				big->blocks[nb].start += off;
				big->blocks[nb].end += off;
				nb++;
			}
			off += src[i].len;
			big->text[off++] = '\n';
		}
	}
	big->text[off] = 0;
	big->len = off;
	big->nblocks = nb;
	return 0;
}

int
main(void)
{
	glob_t g;
	if (glob("texts/*.txt", 0, NULL, &g) != 0 || g.gl_pathc == 0) {
		fprintf(stderr, "bench_layout: no texts/*.txt (run from the repository root)\n");
		return 1;
	}
	struct article *src = calloc(g.gl_pathc, sizeof *src);
	size_t srcbytes = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct source_opts so = { 0 };
		char *cause = NULL;
		if (article_load(&so, g.gl_pathv[i], &src[i], &cause) < 0) {
			fprintf(stderr, "bench_layout: %s: %s\n", g.gl_pathv[i], cause ? cause : "?");
			return 1;
		}
		srcbytes += src[i].len;
	}
	struct layout_opts o;
	layout_opts_default(&o);
	struct layout_lines ll = { 0 };

	struct article big;
	if (build_big(src, g.gl_pathc, &big) < 0) {
		fprintf(stderr, "bench_layout: out of memory\n");
		return 1;
	}
	double t0 = now();
	size_t lines = layout_all(&o, &big, 80, &ll);
	double t1 = now();
	printf("layout 100 MB article: %.1f MB, %zu blocks, %zu lines at 80 cols: %.3f s, "
	       "%.1f MB/s\n",
	       big.len / 1048576.0, big.nblocks, lines, t1 - t0, big.len / 1048576.0 / (t1 - t0));

	t0 = now();
	size_t bytes = 0;
	lines = 0;
	for (size_t k = 0; k < N_ARTICLES; k++) {
		const struct article *a = &src[k % g.gl_pathc];
		lines += layout_all(&o, a, 40 + (int)(k % 3) * 20, &ll);
		bytes += a->len;
	}
	t1 = now();
	printf("layout %d articles (widths 40/60/80): %.1f MB, %zu lines: %.3f s, %.0f "
	       "articles/s, %.1f MB/s\n",
	       N_ARTICLES, bytes / 1048576.0, lines, t1 - t0, N_ARTICLES / (t1 - t0),
	       bytes / 1048576.0 / (t1 - t0));

	struct view_opts vo;
	view_opts_default(&vo);
	t0 = now();
	struct view *v = view_new(&big, &vo, 100);
	t1 = now();
	if (v == NULL) {
		fprintf(stderr, "bench_layout: out of memory\n");
		return 1;
	}
	printf("view_new on the 100 MB article: %.2f ms\n", (t1 - t0) * 1e3);
	struct view_row rows[ROWS];
	uint64_t seed = 42;
	double sum = 0, max = 0;
	int filled = 0;
	for (int j = 0; j < JUMPS; j++) {
		size_t off = (size_t)(rnd(&seed) % big.len);
		double a = now();
		struct view_pos p = view_pos_of_offset(v, off);
		filled += view_rows(v, p, ROWS, rows);
		(void)view_percent(v, p);
		double b = now();
		sum += b - a;
		if (b - a > max)
			max = b - a;
	}
	printf("one screen (%d rows) at %d random offsets: mean %.3f ms, max %.3f ms (%d rows)\n",
	       ROWS, JUMPS, sum / JUMPS * 1e3, max * 1e3, filled);
	sum = max = 0;
	struct view_pos p = { 0, 0 };
	for (int j = 0; j < JUMPS; j++) {
		double a = now();
		p = view_scroll(v, p, (long)(rnd(&seed) % 2000000));
		view_rows(v, p, ROWS, rows);
		double b = now();
		sum += b - a;
		if (b - a > max)
			max = b - a;
		if (view_percent(v, p) == 100)
			p = (struct view_pos){ 0, 0 };
	}
	printf("one screen after a long scroll jump: mean %.3f ms, max %.3f ms\n", sum / JUMPS * 1e3,
	       max * 1e3);
	view_free(v);

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak resident memory: %.1f MB (text %.1f MB)\n", ru.ru_maxrss / 1024.0,
	       big.len / 1048576.0);
	(void)srcbytes;
	layout_lines_free(&ll);
	free(big.text);
	free(big.blocks);
	for (size_t i = 0; i < g.gl_pathc; i++)
		article_free(&src[i]);
	free(src);
	globfree(&g);
	return 0;
}
