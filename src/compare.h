/* compare: what a corpus says about each compared city, sentence by
 * sentence. A sentence counts for a city if it names the city or an alias,
 * for a theme if it holds one of the theme's words (a sentence about two
 * cities counts for both); a city's sentences that cite a number with a
 * unit are its figures. Only reading text counts: title, summary, heading,
 * paragraph, caption and preformatted blocks (not byline, source line,
 * boilerplate or the file's header). Owns its result (compare_result_free)
 * and its matcher (compare_matcher_free); never the articles. */
#ifndef DUWEN_COMPARE_H
#define DUWEN_COMPARE_H

#include <stddef.h>

#include "article.h"
#include "compare_spec.h"
#include "match.h"
#include "span.h"

/* The match sets for a spec: cities (tag: compared city index), provinces
 * (tag: city index) and themes (tag: theme index). */
struct compare_matcher;

/* 0, ERR_NOMEM, or ERR_INVAL when a word is empty after folding. */
int compare_matcher_new(const struct compare_spec *s, struct script *sc,
			struct compare_matcher **out);
void compare_matcher_free(struct compare_matcher *m);

/* Which kinds compare_matcher_spans finds. */
enum compare_what {
	COMPARE_CITIES = 1,    /* SPAN_CITY, tag = city index */
	COMPARE_PROVINCES = 2, /* SPAN_PROVINCE, tag = city index */
	COMPARE_THEMES = 4,    /* SPAN_THEME, tag = theme index */
};

/* Append the spans of the kinds in what (a compare_what mask) that lie in
 * original bytes [from, to) of folded text t. 0 or ERR_NOMEM. */
int compare_matcher_spans(const struct compare_matcher *m, const struct match_text *t,
			  size_t from, size_t to, unsigned what, struct span_list *out);

/* 1 if a block of this kind is evidence (see above). */
int compare_block_counts(int kind);

/* 1 if folded text t holds, in original bytes [from, to), a figure: an
 * Arabic number (full-width digits too) not glued to a Latin letter before
 * it, followed by a unit or magnitude: % ‰ 亿 万 千 百 家 位 年 个 名 人 元
 * 倍 项 款 台 所 座 余 多 次 届 件 条 岁 天. */
int compare_has_figure(const struct match_text *t, size_t from, size_t to);

/* One passage: sentence sent of article art. */
struct compare_ref {
	size_t art, sent;
};

struct compare_refs {
	struct compare_ref *v;
	size_t n, cap;
};

struct compare_result {
	size_t ncities, nthemes, narts;
	struct compare_refs *city;     /* [city]: sentences naming the city */
	struct compare_refs *province; /* [city]: sentences naming its province */
	size_t *hits;                  /* [city]: city names and aliases found */
	size_t *per_article;           /* [city * narts + art]: sentences */
	/* [city * (nthemes + 1) + theme]: sentences of the city holding the
	 * theme; theme == nthemes: the city's figures. In text order. */
	struct compare_refs *cells;
};

/* The cell of city c and row r (r == nthemes: figures). */
const struct compare_refs *compare_cell(const struct compare_result *r, size_t c, size_t row);

/* Compare the corpus mc (folded articles) by spec s with matcher m (built
 * from s). 0 or ERR_NOMEM; out written only on success. */
int compare_run(const struct compare_spec *s, const struct compare_matcher *m,
		const struct match_corpus *mc, struct compare_result *out);

/* Called by compare_run_tick, from the thread that called it, before
 * every COMPARE_TICK_EVERY articles of its share (and every 2 ms while it
 * waits for the other threads' shares), with the articles done by all
 * threads and the total; nonzero cancels the comparison. */
typedef int (*compare_tick_fn)(void *ctx, size_t done, size_t total);
#define COMPARE_TICK_EVERY 16

/* compare_run, calling tick (may be NULL) as it goes: ERR_CANCELLED when
 * tick said so (out untouched). A corpus of 1 MiB of text or more is
 * split among the machine's cores (compare_run_threads). */
int compare_run_tick(const struct compare_spec *s, const struct compare_matcher *m,
		     const struct match_corpus *mc, compare_tick_fn tick, void *ctx,
		     struct compare_result *out);

/* compare_run_tick on `threads` threads (0: one per core, for 1 MiB of
 * text or more; at most 8): the articles are cut in shares of about
 * equal text, in order, each compared on its own thread (the first on the
 * calling thread, which alone calls tick) and the results joined in
 * article order, so the result is the same for any number of threads.
 * Shares only read s, m and mc. 0, ERR_NOMEM or ERR_CANCELLED. */
int compare_run_threads(const struct compare_spec *s, const struct compare_matcher *m,
			const struct match_corpus *mc, unsigned threads, compare_tick_fn tick,
			void *ctx, struct compare_result *out);

void compare_result_free(struct compare_result *r);

#endif
