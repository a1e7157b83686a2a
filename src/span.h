/* span: [start, end) byte ranges over an article's cleaned text, with a kind.
 * A span_list owns its array; span_list_free releases it (not the text). */
#ifndef DUWEN_SPAN_H
#define DUWEN_SPAN_H

#include <stddef.h>

enum span_kind {
	SPAN_GARBLED,  /* mojibake found and left as is */
	SPAN_REPAIRED, /* mojibake replaced by its repair */
	SPAN_SEARCH,   /* search hit */
	SPAN_KEYWORD,  /* user keyword; tag = keyword index */
	SPAN_CITY,     /* city mention; tag = city index */
	SPAN_PROVINCE, /* province mention; tag = city index */
	SPAN_THEME,    /* theme word; tag = theme index */
	SPAN_NOTE,     /* annotation; tag = colour index */
	SPAN_SELECT,   /* current selection / passage cursor */
	SPAN_KIND_COUNT
};

struct span {
	size_t start, end; /* bytes, [start, end) */
	int kind;          /* enum span_kind */
	int tag;           /* kind-specific */
};

struct span_list {
	struct span *v;
	size_t n, cap;
};

/* Append a span; 0 or ERR_NOMEM. */
int span_list_push(struct span_list *l, size_t start, size_t end, int kind, int tag);
/* Sort by start, then by end descending, then kind. */
void span_list_sort(struct span_list *l);
/* Index of the first span with end > off in a sorted list of disjoint
 * spans (n if none); O(log n). */
size_t span_list_first_after(const struct span_list *l, size_t off);
void span_list_clear(struct span_list *l);
void span_list_free(struct span_list *l);

#endif
