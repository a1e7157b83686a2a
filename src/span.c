#include "span.h"

#include <stdlib.h>

#include "err.h"

int
span_list_push(struct span_list *l, size_t start, size_t end, int kind, int tag)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct span *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct span){ start, end, kind, tag };
	return 0;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return x->kind - y->kind;
}

void
span_list_sort(struct span_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, span_cmp);
}

size_t
span_list_first_after(const struct span_list *l, size_t off)
{
	/* Sorted and disjoint, so ends rise with starts: binary search. */
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->v[mid].end > off)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

void
span_list_clear(struct span_list *l)
{
	l->n = 0;
}

void
span_list_free(struct span_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
