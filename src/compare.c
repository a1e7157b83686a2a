#include "compare.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "err.h"

/* The sets in the group's order: cities, provinces, themes. */
enum { SET_CITIES, SET_PROVINCES, SET_THEMES, NSETS };

struct compare_matcher {
	struct match_set *cities, *provinces, *themes;
	struct match_group *all; /* the three, found in one pass */
};

void
compare_matcher_free(struct compare_matcher *m)
{
	if (m == NULL)
		return;
	match_set_free(m->cities);
	match_set_free(m->provinces);
	match_set_free(m->themes);
	match_group_free(m->all);
	free(m);
}

int
compare_matcher_new(const struct compare_spec *s, struct script *sc,
		    struct compare_matcher **out)
{
	struct compare_matcher *m = calloc(1, sizeof *m);
	int rc = ERR_NOMEM;
	if (m == NULL)
		return rc;
	if (match_set_new(MATCH_WORDS, &m->cities) < 0 ||
	    match_set_new(MATCH_WORDS, &m->provinces) < 0 ||
	    match_set_new(MATCH_WORDS, &m->themes) < 0)
		goto fail;
	for (size_t c = 0; c < s->ncities; c++) {
		const struct compare_entity *e = compare_spec_city(s, c);
		for (size_t w = 0; w < e->nwords; w++)
			if ((rc = match_set_add(m->cities, sc, e->words[w], (int)c)) < 0)
				goto fail;
		if (e->province && (rc = match_set_add(m->provinces, sc, e->province, (int)c)) < 0)
			goto fail;
	}
	for (size_t t = 0; t < s->nthemes; t++)
		for (size_t w = 0; w < s->themes[t].nwords; w++)
			if ((rc = match_set_add(m->themes, sc, s->themes[t].words[w], (int)t)) < 0)
				goto fail;
	const struct match_set *sets[NSETS] = { m->cities, m->provinces, m->themes };
	if ((rc = match_group_new(sets, NSETS, &m->all)) < 0)
		goto fail;
	*out = m;
	return 0;
fail:
	compare_matcher_free(m);
	return rc;
}

int
compare_matcher_spans(const struct compare_matcher *m, const struct match_text *t,
		      size_t from, size_t to, unsigned what, struct span_list *out)
{
	if ((what & COMPARE_CITIES) &&
	    match_set_find(m->cities, t, from, to, SPAN_CITY, out) < 0)
		return ERR_NOMEM;
	if ((what & COMPARE_PROVINCES) &&
	    match_set_find(m->provinces, t, from, to, SPAN_PROVINCE, out) < 0)
		return ERR_NOMEM;
	if ((what & COMPARE_THEMES) &&
	    match_set_find(m->themes, t, from, to, SPAN_THEME, out) < 0)
		return ERR_NOMEM;
	return 0;
}

int
compare_block_counts(int kind)
{
	switch (kind) {
	case BLOCK_TITLE:
	case BLOCK_SUMMARY:
	case BLOCK_HEADING:
	case BLOCK_PARAGRAPH:
	case BLOCK_CAPTION:
	case BLOCK_PRE:
	case BLOCK_LIST_ITEM:
	case BLOCK_QUOTE:
	case BLOCK_TABLE:
	case BLOCK_LIST:
	case BLOCK_INDENTED:
		return 1;
	default:
		return 0;
	}
}

/* Units and magnitudes after a number that make it a figure (folded, so
 * simplified and ％ -> %). */
static const char *const FIGURE_UNITS[] = {
	"%", "‰", "亿", "万", "千", "百", "家", "位", "年", "个", "名", "人", "元", "倍", "项",
	"款", "台", "所", "座", "余", "多", "次", "届", "件", "条", "岁", "天", NULL,
};

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
is_latin(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* compare_has_figure over folded bytes [i, end). */
static int
has_figure(const struct match_text *t, size_t i, size_t end)
{
	const unsigned char *s = (const unsigned char *)t->text;
	while (i < end) {
		if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) || is_latin(s[i - 1])))) {
			i++;
			continue;
		}
		/* 1,234.5: digits with separators between them */
		while (i < end && (is_digit(s[i]) ||
				   ((s[i] == '.' || s[i] == ',') && i + 1 < end && is_digit(s[i + 1]))))
			i++;
		while (i < end && s[i] == ' ')
			i++;
		for (size_t k = 0; FIGURE_UNITS[k]; k++) {
			size_t n = strlen(FIGURE_UNITS[k]);
			if (i + n <= end && memcmp(s + i, FIGURE_UNITS[k], n) == 0)
				return 1;
		}
	}
	return 0;
}

int
compare_has_figure(const struct match_text *t, size_t from, size_t to)
{
	return has_figure(t, match_text_at(t, from), match_text_at(t, to));
}

const struct compare_refs *
compare_cell(const struct compare_result *r, size_t c, size_t row)
{
	return &r->cells[c * (r->nthemes + 1) + row];
}

static int
refs_push(struct compare_refs *l, size_t art, size_t sent)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct compare_ref *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct compare_ref){ art, sent };
	return 0;
}

/* Record sentence si of article ai given the places chosen in it (hit[0,
 * n)): fig() says if it holds a figure, asked only for a city's. */
static int
record(struct compare_result *r, const struct match_cand *const *hit, size_t n,
       const struct match_text *t, size_t fa, size_t fe, size_t ai, size_t si,
       unsigned char *themes)
{
	unsigned char city[COMPARE_MAX_CITIES] = { 0 }, prov[COMPARE_MAX_CITIES] = { 0 };
	int any_city = 0;
	memset(themes, 0, r->nthemes);
	for (size_t k = 0; k < n; k++) {
		int tag = hit[k]->tag;
		if (hit[k]->set == SET_CITIES) {
			city[tag] = 1;
			r->hits[tag]++;
			any_city = 1;
		} else if (hit[k]->set == SET_PROVINCES) {
			prov[tag] = 1;
		} else {
			themes[tag] = 1;
		}
	}
	int figure = any_city && has_figure(t, fa, fe);
	for (size_t c = 0; c < r->ncities; c++) {
		if (prov[c] && refs_push(&r->province[c], ai, si) < 0)
			return ERR_NOMEM;
		if (!city[c])
			continue;
		r->per_article[c * r->narts + ai]++;
		if (refs_push(&r->city[c], ai, si) < 0)
			return ERR_NOMEM;
		struct compare_refs *row = &r->cells[c * (r->nthemes + 1)];
		for (size_t t = 0; t < r->nthemes; t++)
			if (themes[t] && refs_push(&row[t], ai, si) < 0)
				return ERR_NOMEM;
		if (figure && refs_push(&row[r->nthemes], ai, si) < 0)
			return ERR_NOMEM;
	}
	return 0;
}

int
compare_run(const struct compare_spec *s, const struct compare_matcher *m,
	    const struct match_corpus *mc, struct compare_result *out)
{
	return compare_run_tick(s, m, mc, NULL, NULL, out);
}

int
compare_run_tick(const struct compare_spec *s, const struct compare_matcher *m,
		 const struct match_corpus *mc, compare_tick_fn tick, void *ctx,
		 struct compare_result *out)
{
	return compare_run_threads(s, m, mc, 0, tick, ctx, out);
}

/* A result for s over n articles with nothing counted. 0 or ERR_NOMEM (r
 * then freed). */
static int
result_init(struct compare_result *r, const struct compare_spec *s, size_t n)
{
	*r = (struct compare_result){ .ncities = s->ncities, .nthemes = s->nthemes, .narts = n };
	r->city = calloc(r->ncities, sizeof *r->city);
	r->province = calloc(r->ncities, sizeof *r->province);
	r->hits = calloc(r->ncities, sizeof *r->hits);
	r->per_article = calloc(r->ncities * n + 1, sizeof *r->per_article);
	r->cells = calloc(r->ncities * (r->nthemes + 1), sizeof *r->cells);
	if (!r->city || !r->province || !r->hits || !r->per_article || !r->cells) {
		compare_result_free(r);
		return ERR_NOMEM;
	}
	return 0;
}

/* One share of the articles, [a, e), compared into its own result (whose
 * narts is the whole corpus's). The thread that called compare_run_threads
 * takes the first share and the ticks; the others only look at stop. */
struct share {
	const struct compare_spec *s;
	const struct compare_matcher *m;
	const struct match_corpus *mc;
	size_t a, e;
	struct compare_result r;
	int rc;
	atomic_size_t *done; /* articles done by every share */
	atomic_int *stop;    /* cancelled, or a share failed */
	atomic_int finished; /* this share's thread is through */
	pthread_t th;
};

/* Compare the share's articles. 0, ERR_NOMEM, or ERR_CANCELLED (tick said
 * so, or another share stopped). */
static int
share_run(struct share *sh, compare_tick_fn tick, void *ctx)
{
	const struct compare_matcher *m = sh->m;
	const struct match_corpus *mc = sh->mc;
	struct compare_result *r = &sh->r;
	int rc = ERR_NOMEM;
	struct match_cands cands = { 0 };
	const struct match_cand **pick = NULL;
	size_t npick = 0;
	unsigned char *themes = malloc(r->nthemes + 1);
	if (themes == NULL)
		goto fail;
	for (size_t ai = sh->a; ai < sh->e; ai++) {
		if (atomic_load_explicit(sh->stop, memory_order_relaxed)) {
			rc = ERR_CANCELLED;
			goto fail;
		}
		if (tick && (ai - sh->a) % COMPARE_TICK_EVERY == 0 &&
		    tick(ctx, atomic_load(sh->done), mc->n)) {
			rc = ERR_CANCELLED;
			goto fail;
		}
		const struct article *a = &mc->arts[ai];
		const struct match_text *t = &mc->folded[ai];
		/* every place a city, province or theme word begins, in one
		 * pass; then each sentence takes the places inside it, as
		 * compare_matcher_spans would find them there */
		cands.n = 0;
		if (match_group_scan(m->all, t, 0, t->len, &cands) < 0)
			goto fail;
		size_t hint = 0, seg = 0, k = 0;
		for (size_t si = 0; si < a->nsents && cands.n > 0; si++) {
			const struct sentence *st = &a->sents[si];
			if (st->block >= a->nblocks || !compare_block_counts(a->blocks[st->block].kind) ||
			    st->start >= st->end)
				continue;
			size_t fa = match_text_at_near(t, st->start, &hint);
			size_t fe = match_text_at_near(t, st->end, &hint);
			size_t lim = st->end >= t->orig_len ? t->len : fe;
			/* the first place at fa or later: sentences come in order */
			if (k > 0 && cands.v[k - 1].at >= fa)
				k = 0;
			while (k < cands.n && cands.v[k].at < fa)
				k++;
			if (k == cands.n || cands.v[k].at >= lim)
				continue;
			if (npick < cands.n) {
				free(pick);
				npick = cands.cap;
				if ((pick = malloc(npick * sizeof *pick)) == NULL)
					goto fail;
			}
			size_t n = match_cands_pick(cands.v + k, cands.n - k, t, fa, lim, st->end,
						    &seg, pick);
			if (n > 0 && record(r, pick, n, t, fa, fe, ai, si, themes) < 0)
				goto fail;
		}
		atomic_fetch_add_explicit(sh->done, 1, memory_order_relaxed);
	}
	rc = 0;
fail:
	match_cands_free(&cands);
	free(pick);
	free(themes);
	return rc;
}

static void *
share_thread(void *arg)
{
	struct share *sh = arg;
	sh->rc = share_run(sh, NULL, NULL);
	if (sh->rc < 0)
		atomic_store(sh->stop, 1);
	atomic_store(&sh->finished, 1);
	return NULL;
}

/* Append list b to list a (b's entries come after a's in article order). */
static int
refs_append(struct compare_refs *a, const struct compare_refs *b)
{
	if (b->n == 0)
		return 0;
	if (a->n + b->n > a->cap) {
		struct compare_ref *v = realloc(a->v, (a->n + b->n) * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		a->v = v;
		a->cap = a->n + b->n;
	}
	memcpy(a->v + a->n, b->v, b->n * sizeof *b->v);
	a->n += b->n;
	return 0;
}

/* Add result b (later articles) to a. 0 or ERR_NOMEM. */
static int
result_merge(struct compare_result *a, const struct compare_result *b)
{
	for (size_t c = 0; c < a->ncities; c++) {
		if (refs_append(&a->city[c], &b->city[c]) < 0 ||
		    refs_append(&a->province[c], &b->province[c]) < 0)
			return ERR_NOMEM;
		a->hits[c] += b->hits[c];
	}
	for (size_t i = 0; i < a->ncities * a->narts; i++)
		a->per_article[i] += b->per_article[i];
	for (size_t i = 0; i < a->ncities * (a->nthemes + 1); i++)
		if (refs_append(&a->cells[i], &b->cells[i]) < 0)
			return ERR_NOMEM;
	return 0;
}

/* A corpus smaller than this is compared on one thread: a thread costs
 * more than it saves (report_cities_count compares one article at a
 * time). */
#define THREAD_MIN_BYTES ((size_t)1 << 20)
#define THREADS_MAX 8

int
compare_run_threads(const struct compare_spec *s, const struct compare_matcher *m,
		    const struct match_corpus *mc, unsigned threads, compare_tick_fn tick,
		    void *ctx, struct compare_result *out)
{
	size_t bytes = 0;
	for (size_t i = 0; i < mc->n; i++)
		bytes += mc->folded[i].len;
	if (threads == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = bytes < THREAD_MIN_BYTES || cpus < 2 ? 1 : (unsigned)cpus;
	}
	if (threads > THREADS_MAX)
		threads = THREADS_MAX;
	if (threads > mc->n)
		threads = mc->n ? (unsigned)mc->n : 1;
	atomic_size_t done;
	atomic_int stop;
	atomic_init(&done, 0);
	atomic_init(&stop, 0);
	struct share sh[THREADS_MAX];
	/* shares of about equal text, in article order */
	size_t a = 0, acc = 0;
	for (unsigned k = 0; k < threads; k++) {
		size_t e = a;
		size_t goal = (size_t)((double)bytes * (k + 1) / threads);
		while (e < mc->n && (k + 1 == threads || acc < goal || e == a))
			acc += mc->folded[e++].len;
		sh[k] = (struct share){ .s = s, .m = m, .mc = mc, .a = a, .e = e, .done = &done,
					.stop = &stop };
		atomic_init(&sh[k].finished, 0);
		a = e;
	}
	unsigned started = 0;
	int rc = 0;
	for (unsigned k = 0; k < threads; k++)
		if (result_init(&sh[k].r, s, mc->n) < 0) {
			while (k-- > 0)
				compare_result_free(&sh[k].r);
			return ERR_NOMEM;
		}
	for (unsigned k = 1; k < threads; k++, started++)
		if (pthread_create(&sh[k].th, NULL, share_thread, &sh[k]) != 0)
			break;
	/* a share whose thread could not start is done here, after the first */
	rc = share_run(&sh[0], tick, ctx);
	for (unsigned k = 1 + started; rc == 0 && k < threads; k++)
		rc = share_run(&sh[k], tick, ctx);
	if (rc < 0)
		atomic_store(&stop, 1);
	/* the others: still ticking (so Esc still stops) until they finish */
	for (unsigned k = 1; k <= started; k++) {
		while (tick && rc == 0 && !atomic_load(&sh[k].finished)) {
			if (tick(ctx, atomic_load(&done), mc->n)) {
				rc = ERR_CANCELLED;
				atomic_store(&stop, 1);
				break;
			}
			nanosleep(&(struct timespec){ 0, 2000000 }, NULL);
		}
		pthread_join(sh[k].th, NULL);
		if (rc == 0 || sh[k].rc == ERR_NOMEM) /* a failure stops the others */
			rc = sh[k].rc;
	}
	for (unsigned k = 1; rc == 0 && k < threads; k++)
		rc = result_merge(&sh[0].r, &sh[k].r);
	for (unsigned k = 1; k < threads; k++)
		compare_result_free(&sh[k].r);
	if (rc < 0) {
		compare_result_free(&sh[0].r);
		return rc;
	}
	*out = sh[0].r;
	return 0;
}

void
compare_result_free(struct compare_result *r)
{
	size_t ncells = r->ncities * (r->nthemes + 1);
	for (size_t c = 0; r->city && c < r->ncities; c++)
		free(r->city[c].v);
	for (size_t c = 0; r->province && c < r->ncities; c++)
		free(r->province[c].v);
	for (size_t i = 0; r->cells && i < ncells; i++)
		free(r->cells[i].v);
	free(r->city);
	free(r->province);
	free(r->hits);
	free(r->per_article);
	free(r->cells);
	memset(r, 0, sizeof *r);
}
