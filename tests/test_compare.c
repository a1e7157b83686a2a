/* Tests for compare_spec, compare and compare_text: the default cities and
 * themes, --cities and config lines, the figure rule, sentence counting,
 * and exact counts and table lines on the bundled texts. Run from the
 * repository root.
 *
 * The bundled counts were recounted independently of the C code: the parsed
 * sentences (article_load) dumped with their block kinds, folded with the
 * `opencc -c t2s` command and Python's unicodedata NFKC + casefold, and
 * counted with Python regular expressions built from the same word lists.
 * When cleaning or parsing changes, redo that recount before editing these
 * numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/compare.h"
#include "../src/compare_spec.h"
#include "../src/compare_text.h"
#include "../src/config.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/layout.h"

static int
setup(void **state)
{
	struct script *s = NULL;
	char *cause = NULL;
	if (script_open(&s, &cause) < 0) {
		fprintf(stderr, "script_open: %s\n", cause ? cause : "?");
		free(cause);
		return -1;
	}
	*state = s;
	return 0;
}

static int
teardown(void **state)
{
	script_close(*state);
	return 0;
}

static void
test_defaults(void **state)
{
	(void)state;
	struct compare_spec s;
	assert_int_equal(compare_spec_default(&s), 0);
	assert_int_equal(s.ncities, 3);
	static const char *const names[] = { "杭州", "深圳", "成都" };
	static const char *const provs[] = { "浙江", "广东", "四川" };
	static const char *const second[] = { "杭州市", "深圳市", "成都市" };
	for (size_t i = 0; i < 3; i++) {
		const struct compare_entity *e = compare_spec_city(&s, i);
		assert_string_equal(e->name, names[i]);
		assert_string_equal(e->province, provs[i]);
		assert_string_equal(e->words[0], names[i]);
		assert_string_equal(e->words[1], second[i]);
	}
	static const char *const themes[] = { "人才", "算力", "资本", "政策", "产业", "模型" };
	assert_int_equal(s.nthemes, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(s.themes[i].name, themes[i]);
	compare_spec_free(&s);
}

struct select_case {
	const char *list;
	int rc;
	const char *cause;       /* when rc < 0 */
	const char *names[5];    /* when rc == 0 */
};

static const struct select_case select_cases[] = {
	{ "杭州,深圳,北京", 0, NULL, { "杭州", "深圳", "北京" } },
	{ "深圳，成都、 杭州 北京", 0, NULL, { "深圳", "成都", "杭州", "北京" } },
	{ "杭州市,鹏城", 0, NULL, { "杭州", "深圳" } }, /* aliases pick their city */
	{ "杭州", ERR_INVAL, "give 2 to 4 cities, not 1", { NULL } },
	{ "", ERR_INVAL, "give 2 to 4 cities, not 0", { NULL } },
	{ "杭州,深圳,成都,北京,上海", ERR_INVAL, "give 2 to 4 cities, not 5", { NULL } },
	{ "杭州,杭城", ERR_INVAL, "杭城 is named twice", { NULL } },
};

static void
test_select(void **state)
{
	(void)state;
	for (size_t t = 0; t < sizeof select_cases / sizeof *select_cases; t++) {
		const struct select_case *c = &select_cases[t];
		struct compare_spec s;
		assert_int_equal(compare_spec_default(&s), 0);
		char *cause = NULL;
		int rc = compare_spec_select(&s, c->list, &cause);
		if (rc != c->rc)
			fail_msg("'%s': rc %d, want %d", c->list, rc, c->rc);
		if (rc < 0) {
			assert_non_null(cause);
			assert_string_equal(cause, c->cause);
			assert_int_equal(s.ncities, 3); /* unchanged */
		} else {
			size_t n = 0;
			while (c->names[n])
				n++;
			assert_int_equal(s.ncities, n);
			for (size_t i = 0; i < n; i++)
				assert_string_equal(compare_spec_city(&s, i)->name, c->names[i]);
		}
		free(cause);
		compare_spec_free(&s);
	}
	/* A new city is matched by its name and NAME市. */
	struct compare_spec s;
	assert_int_equal(compare_spec_default(&s), 0);
	assert_int_equal(compare_spec_select(&s, "北京,杭州", NULL), 0);
	const struct compare_entity *e = compare_spec_city(&s, 0);
	assert_int_equal(e->nwords, 2);
	assert_string_equal(e->words[1], "北京市");
	assert_null(e->province);
	compare_spec_free(&s);
}

struct warn_log {
	char msg[4][200];
	size_t n;
};

static void
collect(void *ctx, const char *msg)
{
	struct warn_log *w = ctx;
	if (w->n < 4)
		snprintf(w->msg[w->n++], sizeof w->msg[0], "%s", msg);
}

static void
test_configure(void **state)
{
	(void)state;
	static const char text[] = "city 北京 北京市 海淀区\n"
				   "city 杭州 临安\n"
				   "theme 人才 猎头 人才\n"
				   "theme 出海 出海 海外\n"
				   "set cities 杭州\n"
				   "set cities 深圳,北京\n";
	struct config cfg;
	struct warn_log w = { 0 };
	assert_int_equal(config_parse("cfg", text, strlen(text), &cfg, collect, &w), 0);
	struct compare_spec s;
	assert_int_equal(compare_spec_default(&s), 0);
	assert_int_equal(compare_spec_configure(&s, &cfg, collect, &w), 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.msg[0], "cfg:5: set cities: give 2 to 4 cities, not 1");
	assert_int_equal(s.ncities, 2);
	assert_string_equal(compare_spec_city(&s, 0)->name, "深圳");
	const struct compare_entity *bj = compare_spec_city(&s, 1);
	assert_string_equal(bj->name, "北京");
	assert_int_equal(bj->nwords, 3);
	assert_string_equal(bj->words[2], "海淀区");
	/* 杭州's aliases replaced, its province kept */
	assert_int_equal(s.known[0].nwords, 2);
	assert_string_equal(s.known[0].words[1], "临安");
	assert_string_equal(s.known[0].province, "浙江");
	assert_int_equal(s.nthemes, 7);
	assert_int_equal(s.themes[0].nwords, 2);
	assert_string_equal(s.themes[0].words[0], "猎头");
	assert_string_equal(s.themes[6].name, "出海");
	compare_spec_free(&s);
	config_free(&cfg);
}

struct figure_case {
	const char *text;
	int want;
};

static const struct figure_case figure_cases[] = {
	{ "投入强度达3.92%", 1 },   { "１２％的企业", 1 },   { "2024年", 1 },
	{ "私募基金管理人1,447家", 1 }, { "超过 10 万人", 1 }, { "5亿元", 1 },
	{ "H800芯片", 0 },          { "DeepSeek-R1模型", 0 }, { "4月2日", 0 },
	{ "第三名", 0 },            { "241算法", 0 },         { "没有数字", 0 },
	{ "90位专家", 1 },          { "V3 版本", 0 },
};

static void
test_figures(void **state)
{
	for (size_t i = 0; i < sizeof figure_cases / sizeof *figure_cases; i++) {
		const char *s = figure_cases[i].text;
		struct match_text t;
		assert_int_equal(match_fold(*state, s, strlen(s), &t), 0);
		if (compare_has_figure(&t, 0, strlen(s)) != figure_cases[i].want)
			fail_msg("'%s': want %d", s, figure_cases[i].want);
		match_text_free(&t);
	}
}

static void
test_block_kinds(void **state)
{
	(void)state;
	static const int counts[BLOCK_KIND_COUNT] = {
		[BLOCK_TITLE] = 1, [BLOCK_SUMMARY] = 1, [BLOCK_HEADING] = 1,
		[BLOCK_PARAGRAPH] = 1, [BLOCK_CAPTION] = 1, [BLOCK_PRE] = 1,
		[BLOCK_LIST_ITEM] = 1, [BLOCK_QUOTE] = 1, [BLOCK_TABLE] = 1,
		[BLOCK_LIST] = 1, [BLOCK_INDENTED] = 1,
	};
	for (int k = 0; k < BLOCK_KIND_COUNT; k++)
		assert_int_equal(compare_block_counts(k), counts[k]);
}

/* Counting on a small article: two cities in one sentence count for both,
 * a province alone does not count for its city, aliases and variants. */
static void
test_run_small(void **state)
{
	static const char text[] = "城市\n\n"
				   "杭州和深圳都有100家企業。浙江的人才很多。"
				   "杭城的人才與資本。鹏城南山区的政策!成都没有数字。\n";
	struct article a;
	assert_int_equal(article_from_utf8("small", text, strlen(text), &a), 0);
	struct compare_spec s;
	assert_int_equal(compare_spec_default(&s), 0);
	struct compare_matcher *m;
	assert_int_equal(compare_matcher_new(&s, *state, &m), 0);
	struct match_corpus mc;
	assert_int_equal(match_corpus_fold(*state, &a, 1, &mc), 0);
	struct compare_result r;
	assert_int_equal(compare_run(&s, m, &mc, &r), 0);
	assert_int_equal(r.city[0].n, 2);     /* 杭州: sentences 1 and 3 */
	assert_int_equal(r.city[1].n, 2);     /* 深圳: 1 and 4 */
	assert_int_equal(r.city[2].n, 1);     /* 成都 */
	assert_int_equal(r.hits[1], 3);       /* 深圳, 鹏城, 南山区 */
	assert_int_equal(r.province[0].n, 1); /* 浙江 */
	assert_int_equal(compare_cell(&r, 0, 0)->n, 1); /* 杭州 × 人才 */
	assert_int_equal(compare_cell(&r, 0, 2)->n, 1); /* 杭州 × 资本 (資本) */
	assert_int_equal(compare_cell(&r, 1, 3)->n, 1); /* 深圳 × 政策 */
	assert_int_equal(compare_cell(&r, 0, 6)->n, 1); /* 杭州 figures */
	assert_int_equal(compare_cell(&r, 1, 6)->n, 1); /* 深圳 figures */
	assert_int_equal(compare_cell(&r, 2, 6)->n, 0);
	/* the shared sentence is the same passage in both columns */
	assert_int_equal(compare_cell(&r, 0, 6)->v[0].sent, compare_cell(&r, 1, 6)->v[0].sent);
	assert_int_equal(r.per_article[0], 2);

	/* spans for highlighting: city and theme words of the whole text */
	struct span_list sp = { 0 };
	assert_int_equal(compare_matcher_spans(m, &mc.folded[0], 0, a.len,
					       COMPARE_CITIES | COMPARE_THEMES, &sp), 0);
	size_t cities = 0, themes = 0;
	for (size_t i = 0; i < sp.n; i++) {
		cities += sp.v[i].kind == SPAN_CITY;
		themes += sp.v[i].kind == SPAN_THEME;
	}
	assert_int_equal(cities, 6);
	assert_int_equal(themes, 4); /* 人才 ×2, 資本, 政策 */
	span_list_free(&sp);
	compare_result_free(&r);
	match_corpus_free(&mc);
	compare_matcher_free(m);
	compare_spec_free(&s);
	article_free(&a);
}

struct bundled {
	struct corpus c;
	struct compare_spec s;
	struct compare_matcher *m;
	struct match_corpus mc;
	struct compare_result r;
};

static void
bundled_load(struct script *sc, struct bundled *b)
{
	static const char *const paths[] = { "texts" };
	struct source_opts opts = { 0 };
	assert_int_equal(corpus_load(&b->c, paths, 1, &opts, NULL, NULL), 0);
	assert_int_equal(b->c.n, 5);
	assert_int_equal(compare_spec_default(&b->s), 0);
	assert_int_equal(compare_matcher_new(&b->s, sc, &b->m), 0);
	assert_int_equal(match_corpus_fold(sc, b->c.v, b->c.n, &b->mc), 0);
	assert_int_equal(compare_run(&b->s, b->m, &b->mc, &b->r), 0);
}

static void
bundled_free(struct bundled *b)
{
	compare_result_free(&b->r);
	match_corpus_free(&b->mc);
	compare_matcher_free(b->m);
	compare_spec_free(&b->s);
	corpus_free(&b->c);
}

static void
test_bundled_counts(void **state)
{
	struct bundled b;
	bundled_load(*state, &b);
	/* rows: sentences, mentions, province, 6 themes, figures; 杭州 深圳 成都 */
	static const size_t want[10][3] = {
		{ 87, 68, 15 }, { 105, 106, 17 }, { 14, 5, 9 },
		{ 19, 16, 3 },  { 6, 1, 2 },      { 6, 4, 1 },  { 13, 22, 0 },
		{ 7, 18, 2 },   { 18, 9, 3 },     { 29, 16, 5 },
	};
	for (size_t c = 0; c < 3; c++) {
		assert_int_equal(b.r.city[c].n, want[0][c]);
		assert_int_equal(b.r.hits[c], want[1][c]);
		assert_int_equal(b.r.province[c].n, want[2][c]);
		for (size_t row = 0; row <= 6; row++)
			if (compare_cell(&b.r, c, row)->n != want[3 + row][c])
				fail_msg("city %zu row %zu: %zu, want %zu", c, row,
					 compare_cell(&b.r, c, row)->n, want[3 + row][c]);
	}
	static const size_t per[5][3] = {
		{ 20, 3, 14 }, { 36, 0, 0 }, { 6, 64, 0 }, { 3, 1, 1 }, { 22, 0, 0 },
	};
	for (size_t a = 0; a < 5; a++)
		for (size_t c = 0; c < 3; c++)
			assert_int_equal(b.r.per_article[c * 5 + a], per[a][c]);
	/* 深圳's capital passages are all in the 深圳 article (002) */
	const struct compare_refs *cap = compare_cell(&b.r, 1, 2);
	static const size_t sents[] = { 35, 106, 133, 134 };
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(cap->v[i].art, 2);
		assert_int_equal(cap->v[i].sent, sents[i]);
	}
	bundled_free(&b);
}

static void
test_bundled_text(void **state)
{
	struct bundled b;
	bundled_load(*state, &b);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	struct layout_opts lo;
	layout_opts_default(&lo);
	assert_int_equal(compare_text_print(f, &b.s, &b.r, &b.mc, &lo.w), 0);
	assert_int_equal(fclose(f), 0);
	static const char head[] =
		"5 articles; counts are sentences, mentions are names and aliases found\n"
		"\n"
		"           杭州  深圳  成都\n"
		"sentences    87    68    15\n"
		"mentions    105   106    17\n"
		"province     14     5     9\n"
		"人才         19    16     3\n"
		"算力          6     1     2\n"
		"资本          6     4     1\n"
		"政策         13    22     0\n"
		"产业          7    18     2\n"
		"模型         18     9     3\n"
		"figures      29    16     5\n"
		"\n"
		"sentences naming each city, by article\n";
	if (strncmp(buf, head, strlen(head)) != 0)
		fail_msg("got:\n%.*s", (int)strlen(head) + 40, buf);
	assert_non_null(strstr(buf, "\n杭州: 29 sentences with figures\n"));
	assert_non_null(strstr(buf, "\n深圳: 16 sentences with figures\n"));
	assert_non_null(strstr(buf, "\n成都: 5 sentences with figures\n"));
	/* the 杭州 article's row, its title cut to 36 columns */
	assert_non_null(strstr(buf, "\nDeepSeek爆火引全球关注,中国AI创新力…     3     1     1\n"));
	for (size_t i = 0; i < len; i++)
		assert_true(buf[i] != '\x1b' && (buf[i] == '\n' || (unsigned char)buf[i] >= 0x20));
	free(buf);
	bundled_free(&b);
}

/* --- compare_run against the slow way --- */

/* A small deterministic generator (xorshift64*). */
static uint64_t
rnd(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return *st * 2685821657736338717ull;
}

static void
ref_push(struct compare_refs *l, size_t art, size_t sent)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		assert_non_null(l->v);
	}
	l->v[l->n++] = (struct compare_ref){ art, sent };
}

/* compare.h's contract sentence by sentence: the spans of
 * compare_matcher_spans in each counted sentence, compare_has_figure. */
static void
ref_run(const struct compare_spec *s, const struct compare_matcher *m,
	const struct match_corpus *mc, struct compare_result *r)
{
	*r = (struct compare_result){ .ncities = s->ncities, .nthemes = s->nthemes, .narts = mc->n };
	r->city = calloc(r->ncities, sizeof *r->city);
	r->province = calloc(r->ncities, sizeof *r->province);
	r->hits = calloc(r->ncities, sizeof *r->hits);
	r->per_article = calloc(r->ncities * mc->n + 1, sizeof *r->per_article);
	r->cells = calloc(r->ncities * (r->nthemes + 1), sizeof *r->cells);
	unsigned char *themes = calloc(r->nthemes + 1, 1);
	assert_true(r->city && r->province && r->hits && r->per_article && r->cells && themes);
	struct span_list sp = { 0 };
	for (size_t ai = 0; ai < mc->n; ai++) {
		const struct article *a = &mc->arts[ai];
		for (size_t si = 0; si < a->nsents; si++) {
			const struct sentence *st = &a->sents[si];
			if (st->block >= a->nblocks || !compare_block_counts(a->blocks[st->block].kind))
				continue;
			span_list_clear(&sp);
			assert_int_equal(compare_matcher_spans(m, &mc->folded[ai], st->start, st->end,
							       COMPARE_CITIES | COMPARE_PROVINCES |
								       COMPARE_THEMES,
							       &sp),
					 0);
			int city[COMPARE_MAX_CITIES] = { 0 }, prov[COMPARE_MAX_CITIES] = { 0 };
			memset(themes, 0, r->nthemes + 1);
			for (size_t k = 0; k < sp.n; k++) {
				if (sp.v[k].kind == SPAN_CITY) {
					city[sp.v[k].tag] = 1;
					r->hits[sp.v[k].tag]++;
				} else if (sp.v[k].kind == SPAN_PROVINCE) {
					prov[sp.v[k].tag] = 1;
				} else {
					assert_int_equal(sp.v[k].kind, SPAN_THEME);
					themes[sp.v[k].tag] = 1;
				}
			}
			int fig = compare_has_figure(&mc->folded[ai], st->start, st->end);
			for (size_t c = 0; c < r->ncities; c++) {
				if (prov[c])
					ref_push(&r->province[c], ai, si);
				if (!city[c])
					continue;
				r->per_article[c * r->narts + ai]++;
				ref_push(&r->city[c], ai, si);
				for (size_t t = 0; t < r->nthemes; t++)
					if (themes[t])
						ref_push(&r->cells[c * (r->nthemes + 1) + t], ai, si);
				if (fig)
					ref_push(&r->cells[c * (r->nthemes + 1) + r->nthemes], ai, si);
			}
		}
	}
	span_list_free(&sp);
	free(themes);
}

static void
refs_equal(const char *what, size_t c, const struct compare_refs *got,
	   const struct compare_refs *want)
{
	if (got->n != want->n)
		fail_msg("%s of city %zu: %zu sentences, want %zu", what, c, got->n, want->n);
	for (size_t i = 0; i < got->n; i++)
		if (got->v[i].art != want->v[i].art || got->v[i].sent != want->v[i].sent)
			fail_msg("%s of city %zu: %zu is %zu/%zu, want %zu/%zu", what, c, i,
				 got->v[i].art, got->v[i].sent, want->v[i].art, want->v[i].sent);
}

static void
results_equal(const struct compare_result *got, const struct compare_result *want)
{
	assert_int_equal(got->ncities, want->ncities);
	assert_int_equal(got->nthemes, want->nthemes);
	assert_int_equal(got->narts, want->narts);
	for (size_t c = 0; c < want->ncities; c++) {
		refs_equal("sentences", c, &got->city[c], &want->city[c]);
		refs_equal("province", c, &got->province[c], &want->province[c]);
		assert_int_equal(got->hits[c], want->hits[c]);
		for (size_t a = 0; a < want->narts; a++)
			assert_int_equal(got->per_article[c * want->narts + a],
					 want->per_article[c * want->narts + a]);
		for (size_t row = 0; row <= want->nthemes; row++)
			refs_equal(row < want->nthemes ? "theme" : "figures", c,
				   compare_cell(got, c, row), compare_cell(want, c, row));
	}
}

static int
tick_never(void *ctx, size_t done, size_t total)
{
	size_t *calls = ctx;
	assert_true(done < total && done % COMPARE_TICK_EVERY == 0);
	(*calls)++;
	return 0;
}

struct tick_seen {
	size_t calls, last;
};

static int
tick_seen(void *ctx, size_t done, size_t total)
{
	struct tick_seen *t = ctx;
	assert_true(done <= total && done >= t->last);
	t->last = done;
	t->calls++;
	return 0;
}

static int
tick_stop(void *ctx, size_t done, size_t total)
{
	(void)total;
	return done >= *(size_t *)ctx;
}

/* Random articles: city names, aliases, provinces and theme words of both
 * scripts among other text, figures, sentences and paragraphs. */
static char *
rnd_article(uint64_t *st)
{
	static const char *const pieces[] = {
		"杭州", "杭州市", "杭城", "西湖", "西湖区", "深圳", "深圳市", "鹏城", "南山区", "成都",
		"天府", "北京", "北京市", "上海", "浙江", "广东", "四川", "人才", "大学", "算力", "GPU",
		"gpu", "ＧＰＵ", "资本", "資本", "融資", "政策", "產業鏈", "模型", "大模型", "开源", "開源",
		"DeepSeek", "deepseeker", "Qwen", "千问", "的", "和", "在", "有", "12", "3.5", "%", "亿",
		"年", "家", " ", "，", "、", "。", "。", "！", "\n", "\n\n", "京", "短", "AI", "ai",
	};
	size_t n = 20 + (size_t)(rnd(st) % 300), len = 0;
	char *s = malloc(n * 12 + 16);
	assert_non_null(s);
	memcpy(s, "标题\n\n", strlen("标题\n\n"));
	len = strlen("标题\n\n");
	for (size_t i = 0; i < n; i++) {
		const char *p = pieces[rnd(st) % (sizeof pieces / sizeof *pieces)];
		memcpy(s + len, p, strlen(p));
		len += strlen(p);
	}
	s[len] = '\0';
	return s;
}

static void
check_specs(struct script *sc, const struct corpus *c)
{
	static const char cfg_text[] = "city 北京 北京 京 海淀区\n"
				       "theme 短词 短 AI 的 大\n"
				       "theme 重叠 杭州 州市 资 资本\n"
				       "set cities 北京,杭州,深圳,成都\n";
	struct match_corpus mc;
	assert_int_equal(match_corpus_fold(sc, c->v, c->n, &mc), 0);
	for (int k = 0; k < 3; k++) {
		struct compare_spec s;
		assert_int_equal(compare_spec_default(&s), 0);
		struct config cfg = { 0 };
		if (k == 1)
			assert_int_equal(compare_spec_select(&s, "杭州,深圳,北京,上海", NULL), 0);
		if (k == 2) {
			assert_int_equal(config_parse("cfg", cfg_text, strlen(cfg_text), &cfg, NULL, NULL), 0);
			assert_int_equal(compare_spec_configure(&s, &cfg, NULL, NULL), 0);
		}
		struct compare_matcher *m;
		assert_int_equal(compare_matcher_new(&s, sc, &m), 0);
		struct compare_result got, want, ticked;
		assert_int_equal(compare_run(&s, m, &mc, &got), 0);
		ref_run(&s, m, &mc, &want);
		results_equal(&got, &want);
		/* the case counts something in every kind of row */
		assert_true(want.city[0].n > 0 && want.province[1].n > 0 &&
			    compare_cell(&want, 0, 0)->n > 0 && compare_cell(&want, 1, s.nthemes)->n > 0);
		size_t calls = 0;
		assert_int_equal(compare_run_tick(&s, m, &mc, tick_never, &calls, &ticked), 0);
		assert_int_equal(calls, (mc.n + COMPARE_TICK_EVERY - 1) / COMPARE_TICK_EVERY);
		results_equal(&ticked, &want);
		compare_result_free(&ticked);
		size_t stop_at = COMPARE_TICK_EVERY;
		if (mc.n > stop_at)
			assert_int_equal(compare_run_tick(&s, m, &mc, tick_stop, &stop_at, &ticked),
					 ERR_CANCELLED);
		/* on threads: the same result whatever the number, joined in
		 * article order; the ticks count every thread's articles */
		for (unsigned th = 1; th <= 9; th += 2) {
			struct tick_seen seen = { 0 };
			assert_int_equal(compare_run_threads(&s, m, &mc, th, tick_seen, &seen, &ticked), 0);
			results_equal(&ticked, &want);
			compare_result_free(&ticked);
			assert_true(seen.calls > 0);
			stop_at = 0; /* stops at the first tick, before its first article */
			assert_int_equal(compare_run_threads(&s, m, &mc, th, tick_stop, &stop_at, &ticked),
					 ERR_CANCELLED);
		}
		compare_result_free(&got);
		compare_result_free(&want);
		compare_matcher_free(m);
		compare_spec_free(&s);
		if (k == 2)
			config_free(&cfg);
	}
	match_corpus_free(&mc);
}

/* compare_run (one pass per article for every word) equals counting
 * sentence by sentence with compare_matcher_spans, on the bundled texts
 * and on random articles, for the default cities, four cities, and
 * configured ones with one-character, Latin and overlapping words. */
static void
test_run_equals_spans(void **state)
{
	struct corpus c;
	static const char *const paths[] = { "texts" };
	struct source_opts opts = { 0 };
	assert_int_equal(corpus_load(&c, paths, 1, &opts, NULL, NULL), 0);
	check_specs(*state, &c);
	corpus_free(&c);

	uint64_t st = 0x2545F4914F6CDD1Dull;
	struct corpus r = { calloc(40, sizeof *r.v), 40 };
	assert_non_null(r.v);
	for (size_t i = 0; i < r.n; i++) {
		char *text = rnd_article(&st);
		assert_int_equal(article_from_utf8("random", text, strlen(text), &r.v[i]), 0);
		free(text);
	}
	check_specs(*state, &r);
	corpus_free(&r);
}

/* Passages on one line: a line break between two CJK characters shows as
 * nothing, any other as a space (within what is written at once: a mark's
 * bracket ends the look ahead); marks bracket their part. */
static void
test_put_passage(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t start, end, mark_start, mark_end; /* mark_end 0: none */
		const char *want;
	} cases[] = {
		{ "杭\n州", 0, 7, 0, 0, "杭州" },
		{ "AI\n芯片", 0, 9, 0, 0, "AI 芯片" },
		{ "杭\n\n州", 0, 8, 0, 0, "杭  州" },
		{ "\n州", 0, 4, 0, 0, " 州" },
		{ "é\n甲", 0, 6, 0, 0, "é 甲" },
		{ "甲\n        乙", 0, 15, 0, 0, "甲         乙" }, /* the blank after counts */
		{ "甲乙\n", 0, 7, 0, 0, "甲乙 " },
		{ "前杭\n州后", 3, 10, 0, 0, "杭州" },
		{ "杭\n州市", 0, 10, 0, 4, "\u27E8杭 \u27E9州市" },
		{ "甲\n乙", 0, 7, 4, 7, "甲 \u27E8乙\u27E9" },
		{ "甲\n乙\n丙", 0, 11, 4, 8, "甲 \u27E8乙 \u27E9丙" },
		{ "a\tb\rc", 0, 5, 0, 0, "a b c" },
		/* what termsafe drops or replaces, beside plain text */
		{ "“引”…—，Ａ", 0, 21, 0, 0, "“引”…—，Ａ" },
		{ "甲\u202E乙", 0, 9, 0, 0, "甲乙" },
		{ "甲\u2028乙", 0, 9, 0, 0, "甲 乙" },
		{ "甲\xC2\x85乙", 0, 8, 0, 0, "甲乙" },
		{ "甲\xE4\xBD", 0, 5, 0, 0, "甲\xEF\xBF\xBD\xEF\xBF\xBD" },
		{ "\x1B[31m红", 0, 8, 0, 0, "[31m红" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		assert_non_null(f);
		struct span_list marks = { 0 };
		if (cases[i].mark_end)
			assert_int_equal(span_list_push(&marks, cases[i].mark_start, cases[i].mark_end,
							SPAN_SEARCH, 0),
					 0);
		compare_text_put_passage(f, cases[i].text, cases[i].start, cases[i].end, &marks);
		assert_int_equal(fclose(f), 0);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, buf, cases[i].want);
		free(buf);
		span_list_free(&marks);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),   cmocka_unit_test(test_select),
		cmocka_unit_test(test_configure),  cmocka_unit_test(test_figures),
		cmocka_unit_test(test_block_kinds), cmocka_unit_test(test_run_small),
		cmocka_unit_test(test_bundled_counts), cmocka_unit_test(test_bundled_text),
		cmocka_unit_test(test_run_equals_spans), cmocka_unit_test(test_put_passage),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
