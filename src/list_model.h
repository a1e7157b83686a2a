/* list_model: the article list's rows without a terminal: per-article
 * facts (city counts, read fraction), the sort orders and the filter, as an
 * index permutation over the corpus. */
#ifndef DUWEN_LIST_MODEL_H
#define DUWEN_LIST_MODEL_H

#include <stddef.h>

#include "corpus.h"

#define LIST_CITIES 4 /* COMPARE_MAX_CITIES */

enum list_sort { LIST_SORT_FILE, LIST_SORT_TITLE, LIST_SORT_SOURCE, LIST_SORT_LENGTH,
		 LIST_SORT_UNREAD, LIST_SORT_COUNT };

struct list_item {
	size_t art;              /* corpus index */
	int cities[LIST_CITIES]; /* mentions of each city */
	int read_pct;            /* -1 unread, else 0..100 of the text read */
	int notes;
	int repeat;              /* another article has this title: show the file name */
};

struct list_model {
	struct list_item *items; /* one per corpus article, corpus order */
	size_t n;
	size_t *order;           /* shown rows: indices into items */
	size_t norder;
	enum list_sort sort;
	char filter[256];
	const unsigned char *state; /* NULL, or [art] the slot's enum
				     * catalog_state: FAILED slots are not shown,
				     * PENDING ones (no facts yet) sort last */
	/* the filter's verdict per item, kept while the filter and the item's
	 * state stay the same (folding every title again as articles load
	 * would cost 10,000 conversions a paint) */
	unsigned char *verdict;  /* 0 not known, 1 no, 2 yes */
	unsigned char *judged;   /* [item]: its state when judged */
	char judged_filter[256];
};

/* Name of a sort order ("title"); LIST_SORT_COUNT names none. */
const char *list_sort_name(enum list_sort s);
/* Count occurrences of needle in hay (non-overlapping). */
int list_count(const char *hay, size_t len, const char *needle);
/* Allocate items for n articles. 0 or ERR_NOMEM. */
int list_model_init(struct list_model *m, size_t n);
void list_model_free(struct list_model *m);
/* Rebuild order from sort and filter (titles and sources in pinyin order,
 * collate.h), and mark the items whose title another article has too
 * (repeat). The filter word is found in the
 * title, source, author or path by the one matcher of match.h (simplified
 * and traditional alike through sc, which may be NULL; case and width
 * ignored), so 开源 finds 開源. An article whose title or source is not
 * known (not loaded yet) sorts after the others by them, and by length.
 * 0 or ERR_NOMEM. */
struct script;
int list_model_apply(struct list_model *m, const struct corpus *c, struct script *sc);

#endif
