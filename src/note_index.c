/* The annotations placed on the corpus, for the UI; see note_index.h. */
#include "note_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "collate.h"
#include "err.h"
#include "match.h"

int
note_index_colour(const char *name)
{
	size_t n;
	const struct notes_colour *c = notes_colours(&n);
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(c[i].name, name) == 0)
			return (int)i;
	return 0;
}

static void
entry_free(struct note_entry *e)
{
	store_annot_clear(&e->a);
	free(e->title);
	free(e->folded);
}

static void
clear_entries(struct note_index *ix)
{
	for (size_t i = 0; i < ix->n; i++)
		entry_free(&ix->v[i]);
	ix->n = 0;
	if (ix->count)
		memset(ix->count, 0, ix->ncorpus * sizeof *ix->count);
}

void
note_index_free(struct note_index *ix)
{
	clear_entries(ix);
	free(ix->v);
	free(ix->count);
	if (ix->have_lib)
		notes_lib_free(&ix->lib);
	memset(ix, 0, sizeof *ix);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

/* Title, quote, note, colour and path folded into one string. */
static char *
fold_entry(struct script *sc, const struct note_entry *e)
{
	size_t n = strlen(e->title) + strlen(e->a.quote) + strlen(e->a.note) +
		   strlen(e->a.colour) + strlen(e->a.path) + 8;
	char *all = malloc(n);
	if (all == NULL)
		return NULL;
	snprintf(all, n, "%s\n%s\n%s\n%s\n%s", e->title, e->a.quote, e->a.note, e->a.colour,
		 e->a.path);
	char *f = match_fold_word(sc, all);
	free(all);
	return f;
}

/* Take over record a (moved, not copied) as a placed entry; *moved: its
 * anchor changed, to be saved. */
static int
add_entry(struct note_index *ix, const struct corpus *c, struct script *sc, struct store_annot *a,
	  int *moved)
{
	if (ix->n == ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 32;
		struct note_entry *v = realloc(ix->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		ix->v = v;
		ix->cap = cap;
	}
	struct note_entry e = { .a = *a, .art = NOTE_INDEX_NONE };
	memset(a, 0, sizeof *a);
	const struct article *art = NULL;
	int how = notes_place(&ix->lib, &e.a, &art, moved);
	if (how < 0) {
		store_annot_clear(&e.a);
		return how;
	}
	e.how = e.a.orphan ? ANCHOR_ORPHAN : how;
	if (art && c && art >= c->v && art < c->v + c->n)
		e.art = (size_t)(art - c->v);
	e.colour = note_index_colour(e.a.colour);
	const char *t = art && art->meta.title ? art->meta.title : base_name(e.a.path);
	e.title = strdup(t);
	e.folded = e.title ? fold_entry(sc, &e) : NULL;
	if (e.folded == NULL) {
		entry_free(&e);
		return ERR_NOMEM;
	}
	if (e.art != NOTE_INDEX_NONE)
		ix->count[e.art]++;
	ix->v[ix->n++] = e;
	return 0;
}

int
note_index_load(struct note_index *ix, struct store *s, const struct corpus *c,
		struct script *sc)
{
	size_t n = c ? c->n : 0;
	if (ix->count == NULL || ix->ncorpus != n) {
		free(ix->count);
		ix->count = calloc(n ? n : 1, sizeof *ix->count);
		if (ix->count == NULL)
			return ERR_NOMEM;
		ix->ncorpus = n;
	}
	if (!ix->have_lib) {
		if (notes_lib_init(&ix->lib, c) < 0)
			return ERR_NOMEM;
		ix->have_lib = 1;
	}
	clear_entries(ix);
	struct store_annot_list l = { 0 };
	int rc = store_annot_list(s, NULL, 0, &l);
	/* which entries moved: saved together once all are placed */
	unsigned char *moved = rc == 0 ? calloc(l.n + 1, 1) : NULL;
	if (rc == 0 && moved == NULL)
		rc = ERR_NOMEM;
	size_t nmoved = 0;
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		int m = 0;
		rc = add_entry(ix, c, sc, &l.v[i], &m); /* entry i of ix */
		moved[i] = rc == 0 && m;
		nmoved += moved[i];
	}
	store_annot_list_free(&l);
	struct store_annot **mv = rc == 0 && nmoved ? malloc(nmoved * sizeof *mv) : NULL;
	for (size_t i = 0, k = 0; mv && i < ix->n; i++)
		if (moved[i])
			mv[k++] = &ix->v[i].a;
	if (mv && !store_readonly(s))
		store_annot_set_anchors(s, mv, nmoved);
	free(mv);
	free(moved);
	if (rc < 0)
		clear_entries(ix);
	return rc;
}

size_t
note_index_count(const struct note_index *ix, size_t art)
{
	return art < ix->ncorpus && ix->count ? ix->count[art] : 0;
}

int
note_index_spans(const struct note_index *ix, size_t art, struct span_list *out)
{
	for (size_t i = 0; art != NOTE_INDEX_NONE && i < ix->n; i++) {
		const struct note_entry *e = &ix->v[i];
		if (e->art != art || e->how == ANCHOR_ORPHAN || e->a.end <= e->a.start)
			continue;
		if (span_list_push(out, e->a.start, e->a.end, SPAN_NOTE, e->colour) < 0)
			return ERR_NOMEM;
	}
	return 0;
}

size_t
note_index_slot(const struct note_index *ix, const char *path)
{
	const struct notes_lib *l = &ix->lib;
	size_t n = ix->have_lib && l->corpus && l->keys ? l->corpus->n : 0;
	for (size_t i = 0; i < n; i++)
		if (l->keys[i] && strcmp(l->keys[i], path) == 0)
			return i;
	return NOTE_INDEX_NONE;
}

const struct note_entry *
note_index_at(const struct note_index *ix, size_t art, size_t s, size_t e)
{
	const struct note_entry *before = NULL, *after = NULL;
	for (size_t i = 0; art != NOTE_INDEX_NONE && i < ix->n; i++) {
		const struct note_entry *n = &ix->v[i];
		if (n->art != art || n->how == ANCHOR_ORPHAN || n->a.start >= e || n->a.end <= s)
			continue;
		if (n->a.start <= s) {
			if (before == NULL || n->a.start > before->a.start)
				before = n;
		} else if (after == NULL || n->a.start < after->a.start) {
			after = n;
		}
	}
	return before ? before : after;
}

const struct note_entry *
note_index_find(const struct note_index *ix, int64_t id)
{
	for (size_t i = 0; i < ix->n; i++)
		if (ix->v[i].a.id == id)
			return &ix->v[i];
	return NULL;
}

const char *
note_sort_name(int sort)
{
	static const char *const names[] = { "date", "article", "colour" };
	return sort >= 0 && sort < NOTE_SORT_COUNT ? names[sort] : "";
}

static int
newest_first(const struct note_entry *x, const struct note_entry *y)
{
	int c = strcmp(y->a.created, x->a.created);
	if (c)
		return c;
	return x->a.id < y->a.id ? 1 : x->a.id > y->a.id ? -1 : 0;
}

static int
by_place(const struct note_entry *x, const struct note_entry *y)
{
	int c = collate_cmp(x->title, strlen(x->title), y->title, strlen(y->title));
	if (c)
		return c;
	if ((x->art != y->art))
		return x->art < y->art ? -1 : 1;
	if ((c = strcmp(x->a.path, y->a.path)) != 0) /* two files not open */
		return c;
	int ox = x->how == ANCHOR_ORPHAN, oy = y->how == ANCHOR_ORPHAN;
	if (ox != oy)
		return ox - oy;
	if (x->a.start != y->a.start)
		return x->a.start < y->a.start ? -1 : 1;
	return x->a.id < y->a.id ? -1 : x->a.id > y->a.id;
}

static int
view_cmp(const void *p, const void *q, void *ctx)
{
	const struct note_index *ix = ((const void **)ctx)[0];
	int sort = *(const int *)((const void **)ctx)[1];
	const struct note_entry *x = &ix->v[*(const size_t *)p], *y = &ix->v[*(const size_t *)q];
	switch (sort) {
	case NOTE_SORT_ARTICLE: return by_place(x, y);
	case NOTE_SORT_COLOUR:
		if (x->colour != y->colour)
			return x->colour - y->colour;
		return newest_first(x, y);
	default: return newest_first(x, y);
	}
}

long
note_index_view(const struct note_index *ix, struct script *sc, const char *filter, int sort,
		size_t *out)
{
	char *f = NULL;
	if (filter && filter[0] && (f = match_fold_word(sc, filter)) == NULL)
		return ERR_NOMEM;
	size_t n = 0;
	for (size_t i = 0; i < ix->n; i++)
		if (f == NULL || f[0] == 0 || strstr(ix->v[i].folded, f))
			out[n++] = i;
	free(f);
	const void *ctx[2] = { ix, &sort };
	qsort_r(out, n, sizeof *out, view_cmp, ctx);
	return (long)n;
}
