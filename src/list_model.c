#include "list_model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "collate.h"
#include "err.h"
#include "match.h"

static const char *const sort_names[LIST_SORT_COUNT] = {
	"file", "title", "source", "length", "unread first",
};

const char *
list_sort_name(enum list_sort s)
{
	return (unsigned)s < LIST_SORT_COUNT ? sort_names[s] : "";
}

int
list_count(const char *hay, size_t len, const char *needle)
{
	size_t nl = strlen(needle);
	int n = 0;
	if (nl == 0)
		return 0;
	for (const char *p = hay, *end = hay + len; p < end;) {
		const char *h = memmem(p, (size_t)(end - p), needle, nl);
		if (h == NULL)
			break;
		n++;
		p = h + nl;
	}
	return n;
}

int
list_model_init(struct list_model *m, size_t n)
{
	memset(m, 0, sizeof *m);
	m->items = calloc(n ? n : 1, sizeof *m->items);
	m->order = calloc(n ? n : 1, sizeof *m->order);
	m->verdict = calloc(n ? n : 1, 1);
	m->judged = calloc(n ? n : 1, 1);
	if (m->items == NULL || m->order == NULL || m->verdict == NULL || m->judged == NULL) {
		list_model_free(m);
		return ERR_NOMEM;
	}
	m->n = n;
	for (size_t i = 0; i < n; i++) {
		m->items[i].art = i;
		m->items[i].read_pct = -1;
	}
	m->sort = LIST_SORT_FILE;
	return 0;
}

void
list_model_free(struct list_model *m)
{
	free(m->items);
	free(m->order);
	free(m->verdict);
	free(m->judged);
	memset(m, 0, sizeof *m);
}

struct sort_ctx {
	const struct list_model *m;
	const struct corpus *c;
};

static int
cmp_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL); /* unknown last */
	return collate_cmp(a, strlen(a), b, strlen(b));
}

static int
cmp_rows(const void *x, const void *y, void *ctx)
{
	const struct sort_ctx *sc = ctx;
	const struct list_item *a = &sc->m->items[*(const size_t *)x];
	const struct list_item *b = &sc->m->items[*(const size_t *)y];
	const struct article *aa = &sc->c->v[a->art], *bb = &sc->c->v[b->art];
	int r = 0;
	switch (sc->m->sort) {
	case LIST_SORT_TITLE: r = cmp_str(aa->meta.title, bb->meta.title); break;
	case LIST_SORT_SOURCE: r = cmp_str(aa->meta.source, bb->meta.source); break;
	case LIST_SORT_LENGTH: {
		/* not loaded yet: last */
		int pa = sc->m->state && sc->m->state[a->art] == CATALOG_PENDING;
		int pb = sc->m->state && sc->m->state[b->art] == CATALOG_PENDING;
		r = pa != pb ? pa - pb : (aa->chars > bb->chars) - (aa->chars < bb->chars);
		break;
	}
	case LIST_SORT_UNREAD: {
		/* unread first, then the least read */
		int ra = a->read_pct, rb = b->read_pct;
		r = (ra > rb) - (ra < rb);
		break;
	}
	default: break;
	}
	if (r == 0)
		r = (a->art > b->art) - (a->art < b->art);
	return r;
}

/* 1 if the matcher finds its word in s (NULL: no). */
static int
matches(const struct match_set *ms, struct script *sc, const char *s)
{
	if (s == NULL || ms == NULL)
		return 0;
	struct match_text t;
	if (match_fold(sc, s, strlen(s), &t) < 0)
		return 0;
	struct span_list found = { 0 };
	long n = match_set_find(ms, &t, 0, t.orig_len, SPAN_SEARCH, &found);
	span_list_free(&found);
	match_text_free(&t);
	return n > 0;
}

static const char *
title_of(const struct sort_ctx *sc, size_t item)
{
	const char *t = sc->c->v[sc->m->items[item].art].meta.title;
	return t ? t : "";
}

static int
cmp_titles(const void *x, const void *y, void *ctx)
{
	return strcmp(title_of(ctx, *(const size_t *)x), title_of(ctx, *(const size_t *)y));
}

/* Mark the items whose title another article has too (byte for byte). */
static int
mark_repeats(struct list_model *m, const struct corpus *c)
{
	struct sort_ctx ctx = { m, c };
	size_t *v = malloc((m->n ? m->n : 1) * sizeof *v);
	if (v == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < m->n; i++) {
		v[i] = i;
		m->items[i].repeat = 0;
	}
	qsort_r(v, m->n, sizeof *v, cmp_titles, &ctx);
	for (size_t i = 0; i + 1 < m->n; i++)
		if (cmp_titles(&v[i], &v[i + 1], &ctx) == 0)
			m->items[v[i]].repeat = m->items[v[i + 1]].repeat = 1;
	free(v);
	return 0;
}

int
list_model_apply(struct list_model *m, const struct corpus *c, struct script *sc)
{
	struct match_set *ms = NULL;
	int rc = mark_repeats(m, c);
	if (rc < 0)
		return rc;
	if (m->filter[0]) {
		rc = match_set_new(0, &ms);
		if (rc == 0)
			rc = match_set_add(ms, sc, m->filter, 0);
		if (rc == ERR_INVAL) { /* nothing left after folding: matches all */
			match_set_free(ms);
			ms = NULL;
			rc = 0;
		}
		if (rc < 0) {
			match_set_free(ms);
			return rc;
		}
	}
	if (strcmp(m->judged_filter, m->filter) != 0) {
		memset(m->verdict, 0, m->n);
		memcpy(m->judged_filter, m->filter, sizeof m->filter);
	}
	m->norder = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct article *a = &c->v[m->items[i].art];
		unsigned char st = m->state ? m->state[m->items[i].art] : CATALOG_FULL;
		if (st == CATALOG_FAILED)
			continue;
		/* a pending article's title comes later: judged again then */
		if (ms && (m->verdict[i] == 0 || m->judged[i] != st)) {
			int hit = matches(ms, sc, a->meta.title) || matches(ms, sc, a->meta.source) ||
				  matches(ms, sc, a->path) || matches(ms, sc, a->meta.author);
			m->verdict[i] = hit ? 2 : 1;
			m->judged[i] = st;
		}
		if (ms && m->verdict[i] != 2)
			continue;
		m->order[m->norder++] = i;
	}
	match_set_free(ms);
	struct sort_ctx ctx = { m, c };
	qsort_r(m->order, m->norder, sizeof *m->order, cmp_rows, &ctx);
	return 0;
}
