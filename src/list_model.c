#include "list_model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"

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
	if (m->items == NULL || m->order == NULL) {
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
	memset(m, 0, sizeof *m);
}

/* qsort has no context argument in C11; the comparison data is passed
 * through this file-local pointer for the duration of one sort. */
static const struct list_model *sort_m;
static const struct corpus *sort_c;

static int
cmp_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL); /* unknown last */
	return strcmp(a, b);
}

static int
cmp_rows(const void *x, const void *y)
{
	const struct list_item *a = &sort_m->items[*(const size_t *)x];
	const struct list_item *b = &sort_m->items[*(const size_t *)y];
	const struct article *aa = &sort_c->v[a->art], *bb = &sort_c->v[b->art];
	int r = 0;
	switch (sort_m->sort) {
	case LIST_SORT_TITLE: r = cmp_str(aa->meta.title, bb->meta.title); break;
	case LIST_SORT_SOURCE: r = cmp_str(aa->meta.source, bb->meta.source); break;
	case LIST_SORT_LENGTH: r = (aa->chars > bb->chars) - (aa->chars < bb->chars); break;
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

static int
matches(const char *s, const char *f)
{
	return s && strcasestr(s, f) != NULL;
}

void
list_model_apply(struct list_model *m, const struct corpus *c)
{
	m->norder = 0;
	for (size_t i = 0; i < m->n; i++) {
		const struct article *a = &c->v[m->items[i].art];
		if (m->filter[0] && !matches(a->meta.title, m->filter) &&
		    !matches(a->meta.source, m->filter) && !matches(a->path, m->filter) &&
		    !matches(a->meta.author, m->filter))
			continue;
		m->order[m->norder++] = i;
	}
	sort_m = m;
	sort_c = c;
	qsort(m->order, m->norder, sizeof *m->order, cmp_rows);
	sort_m = NULL;
	sort_c = NULL;
}
