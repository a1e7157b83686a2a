/* Search in the reading view: every hit of a folded query (simplified and
 * traditional alike, ASCII case ignored) as SPAN_SEARCH spans over the
 * displayed text; the current one has tag 1. */
#include <stdlib.h>
#include <string.h>

#include "../src/err.h"
#include "reader.h"

/* Folded copy of s[0, len) and its map (folded byte -> s byte, n + 1
 * entries). NULL on ERR_NOMEM. */
static char *
fold(struct script *sc, const char *s, size_t len, size_t *out_len, size_t **map)
{
	char *f = NULL;
	size_t n = 0;
	if (sc) {
		f = script_to_simplified(sc, s, len, &n, map);
	} else {
		f = malloc(len + 1);
		*map = malloc((len + 1) * sizeof **map);
		if (f == NULL || *map == NULL) {
			free(f);
			free(*map);
			*map = NULL;
			return NULL;
		}
		memcpy(f, s, len);
		f[len] = 0;
		for (size_t i = 0; i <= len; i++)
			(*map)[i] = i;
		n = len;
	}
	if (f == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (f[i] >= 'A' && f[i] <= 'Z')
			f[i] += 'a' - 'A';
	*out_len = n;
	return f;
}

static int
hit_visible(const struct reader *r, size_t off)
{
	if (r->vo.show_boilerplate)
		return 1;
	size_t b = article_block_at(r->a, off);
	if (b >= r->a->nblocks)
		return 0;
	enum block_kind k = r->a->blocks[b].kind;
	return k != BLOCK_BOILERPLATE && k != BLOCK_META && off >= r->a->blocks[b].start;
}

static int
find_all(struct reader *r)
{
	span_list_clear(&r->hits);
	r->cur = 0;
	if (r->query[0] == 0)
		return 0;
	size_t tn, qn;
	size_t *tmap = NULL, *qmap = NULL;
	char *t = fold(r->script, r->a->text, r->a->len, &tn, &tmap);
	char *q = fold(r->script, r->query, strlen(r->query), &qn, &qmap);
	int rc = 0;
	if (t == NULL || q == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (size_t i = 0; qn > 0 && i + qn <= tn;) {
		const char *h = memmem(t + i, tn - i, q, qn);
		if (h == NULL)
			break;
		size_t fs = (size_t)(h - t), fe = fs + qn;
		size_t s = tmap[fs], e = tmap[fe];
		if (e > s && hit_visible(r, s) &&
		    span_list_push(&r->hits, s, e, SPAN_SEARCH, 0) < 0) {
			rc = ERR_NOMEM;
			goto out;
		}
		i = fe;
	}
out:
	free(t);
	free(tmap);
	free(q);
	free(qmap);
	r->cur = r->hits.n;
	return rc < 0 ? rc : (int)r->hits.n;
}

static void
set_cur(struct reader *r, size_t i)
{
	if (r->cur < r->hits.n)
		r->hits.v[r->cur].tag = 0;
	r->cur = i;
	if (i < r->hits.n) {
		r->hits.v[i].tag = 1;
		reader_show(r, r->hits.v[i].start, 2);
	}
}

int
reader_search(struct reader *r, const char *query, int dir, int *wrapped)
{
	size_t n = strlen(query);
	if (n >= sizeof r->query)
		n = sizeof r->query - 1;
	memcpy(r->query, query, n);
	r->query[n] = 0;
	*wrapped = 0;
	int rc = find_all(r);
	if (rc <= 0)
		return rc;
	size_t here = reader_top_offset(r);
	size_t i;
	if (dir > 0) {
		for (i = 0; i < r->hits.n && r->hits.v[i].start < here; i++)
			;
		if (i == r->hits.n) {
			i = 0;
			*wrapped = 1;
		}
	} else {
		for (i = r->hits.n; i > 0 && r->hits.v[i - 1].start >= here; i--)
			;
		if (i == 0) {
			i = r->hits.n;
			*wrapped = 1;
		}
		i--;
	}
	set_cur(r, i);
	return rc;
}

int
reader_search_next(struct reader *r, int dir, int *wrapped)
{
	*wrapped = 0;
	if (r->hits.n == 0)
		return 0;
	size_t i;
	if (r->cur >= r->hits.n) {
		int w;
		char q[sizeof r->query];
		memcpy(q, r->query, sizeof q);
		if (reader_search(r, q, dir, &w) <= 0)
			return 0;
		*wrapped = w;
		return (int)r->cur + 1;
	}
	if (dir > 0) {
		i = r->cur + 1;
		if (i == r->hits.n) {
			i = 0;
			*wrapped = 1;
		}
	} else {
		if (r->cur == 0) {
			i = r->hits.n - 1;
			*wrapped = 1;
		} else {
			i = r->cur - 1;
		}
	}
	set_cur(r, i);
	return (int)i + 1;
}

int
reader_search_redo(struct reader *r)
{
	if (r->query[0] == 0)
		return 0;
	/* Keep the current hit's ordinal near where it was. */
	size_t was = r->cur;
	int rc = find_all(r);
	if (rc < 0)
		return rc;
	if (was < r->hits.n) {
		r->cur = was;
		r->hits.v[was].tag = 1;
	}
	return 0;
}
