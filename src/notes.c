/* notes: placing annotations on articles, and export (see notes.h). Import
 * is in notes_import.c. */
#include "notes.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "anchor.h"
#include "err.h"
#include "json.h"
#include "layout.h"
#include "report.h"
#include "termsafe.h"

static const struct notes_colour colours[] = {
	{ "yellow", "#fff176" },
	{ "green", "#aed581" },
	{ "blue", "#81d4fa" },
	{ "pink", "#f48fb1" },
	{ "purple", "#ce93d8" },
};

const struct notes_colour *
notes_colours(size_t *n)
{
	*n = sizeof colours / sizeof colours[0];
	return colours;
}

int
notes_colour_known(const char *name)
{
	for (size_t i = 0; i < sizeof colours / sizeof colours[0]; i++)
		if (strcmp(colours[i].name, name) == 0)
			return 1;
	return 0;
}

static const char *
colour_css(const char *name)
{
	for (size_t i = 0; i < sizeof colours / sizeof colours[0]; i++)
		if (strcmp(colours[i].name, name) == 0)
			return colours[i].css;
	return colours[0].css;
}

char *
notes_key(const char *path)
{
	char buf[PATH_MAX];
	return strdup(realpath(path, buf) ? buf : path);
}

int
notes_lib_init(struct notes_lib *l, const struct corpus *c)
{
	memset(l, 0, sizeof *l);
	l->corpus = c;
	if (c == NULL || c->n == 0)
		return 0;
	/* Each key is resolved when first asked for (notes_lib_key): a
	 * realpath of every article costs ~45 ms at 10,000, before the
	 * panes' first paint. */
	l->keys = calloc(c->n, sizeof *l->keys);
	if (l->keys == NULL)
		return ERR_NOMEM;
	return 0;
}

const char *
notes_lib_key(struct notes_lib *l, size_t i)
{
	if (l->corpus == NULL || i >= l->corpus->n || l->keys == NULL)
		return NULL;
	if (l->keys[i] == NULL)
		l->keys[i] = notes_key(l->corpus->v[i].path);
	return l->keys[i];
}

void
notes_lib_free(struct notes_lib *l)
{
	if (l->corpus)
		for (size_t i = 0; l->keys && i < l->corpus->n; i++)
			free(l->keys[i]);
	free(l->keys);
	for (size_t i = 0; i < l->nextra; i++) {
		article_free(l->extra[i]);
		free(l->extra[i]);
		free(l->extra_keys[i]);
	}
	free(l->extra);
	free(l->extra_keys);
	memset(l, 0, sizeof *l);
}

/* Load the file at key into l->extra; NULL if it cannot be loaded. */
static const struct article *
load_extra(struct notes_lib *l, const char *key)
{
	if (access(key, R_OK) < 0)
		return NULL;
	struct article a;
	char *cause = NULL;
	if (article_load(NULL, key, &a, &cause) < 0) {
		free(cause);
		return NULL;
	}
	/* Grow the arrays of pointers, never move an article: the caller
	 * keeps the pointers notes_lib_find returned. */
	struct article **v = realloc(l->extra, (l->nextra + 1) * sizeof *v);
	if (v)
		l->extra = v;
	char **k = v ? realloc(l->extra_keys, (l->nextra + 1) * sizeof *k) : NULL;
	if (k)
		l->extra_keys = k;
	char *dup = k ? strdup(key) : NULL;
	struct article *p = dup ? malloc(sizeof *p) : NULL;
	if (p == NULL) {
		free(dup);
		article_free(&a);
		return NULL;
	}
	*p = a;
	l->extra[l->nextra] = p;
	l->extra_keys[l->nextra] = dup;
	return l->extra[l->nextra++];
}

const struct article *
notes_lib_find(struct notes_lib *l, const char *path, uint64_t hash, const char **key)
{
	size_t n = l->corpus ? l->corpus->n : 0;
	for (size_t i = 0; i < n; i++) {
		const char *k = notes_lib_key(l, i);
		if (k && strcmp(k, path) == 0) {
			/* not loaded yet (the panes load as they run): none for
			 * now, and the note is left as it is */
			if (l->corpus->v[i].text == NULL)
				return NULL;
			*key = k;
			return &l->corpus->v[i];
		}
	}
	for (size_t i = 0; i < l->nextra; i++)
		if (strcmp(l->extra_keys[i], path) == 0) {
			*key = l->extra_keys[i];
			return l->extra[i];
		}
	const struct article *a = load_extra(l, path);
	if (a) {
		*key = l->extra_keys[l->nextra - 1];
		return a;
	}
	/* The file is gone: a renamed copy has the same cleaned text. */
	for (size_t i = 0; hash && i < n; i++)
		if (l->corpus->v[i].hash == hash && l->corpus->v[i].text &&
		    notes_lib_key(l, i)) {
			*key = l->keys[i];
			return &l->corpus->v[i];
		}
	return NULL;
}

int
notes_new(const struct article *a, const char *key, size_t start, size_t end, const char *note,
	  const char *colour, struct store_annot *out)
{
	if (start >= end || end > a->len)
		return ERR_RANGE;
	struct store_annot r = { 0 };
	r.path = strdup(key);
	r.quote = strndup(a->text + start, end - start);
	r.note = strdup(note ? note : "");
	int rc = anchor_context(a->text, a->len, start, end, ANCHOR_CONTEXT_CPS, &r.prefix,
				&r.suffix);
	if (rc < 0 || r.path == NULL || r.quote == NULL || r.note == NULL) {
		store_annot_clear(&r);
		return rc < 0 ? rc : ERR_NOMEM;
	}
	r.hash = a->hash;
	r.start = start;
	r.end = end;
	snprintf(r.colour, sizeof r.colour, "%s", colour && *colour ? colour : colours[0].name);
	*out = r;
	return 0;
}

int
notes_place(struct notes_lib *l, struct store_annot *a, const struct article **art, int *moved)
{
	*moved = 0;
	const char *key = NULL;
	const struct article *ar = notes_lib_find(l, a->path, a->hash, &key);
	*art = ar;
	if (ar == NULL)
		return a->orphan ? ANCHOR_ORPHAN : ANCHOR_EXACT;
	struct anchor_sel sel = { a->start, a->end, a->quote, a->prefix, a->suffix };
	struct anchor_result r;
	if (ar->hash != a->hash || strcmp(key, a->path) != 0 || a->orphan) {
		if (anchor_locate(ar->text, ar->len, &sel, &r) < 0)
			return ERR_NOMEM;
	} else {
		r = (struct anchor_result){ a->start, a->end, ANCHOR_EXACT };
	}
	int orphan = r.how == ANCHOR_ORPHAN;
	/* An orphan keeps its last range: it says where the passage was. */
	size_t start = orphan ? a->start : r.start, end = orphan ? a->end : r.end;
	int changed = strcmp(key, a->path) != 0 || ar->hash != a->hash || start != a->start ||
		      end != a->end || orphan != a->orphan;
	if (changed) {
		char *p = strdup(key);
		if (p == NULL)
			return ERR_NOMEM;
		free(a->path);
		a->path = p;
		a->hash = ar->hash;
		a->start = start;
		a->end = end;
		a->orphan = orphan;
		*moved = a->id > 0;
	}
	return r.how;
}

struct placed {
	struct store_annot *a;
	const struct article *art;
};

static int
placed_cmp(const void *x, const void *y)
{
	const struct placed *p = x, *q = y;
	int c = strcmp(p->a->path, q->a->path);
	if (c)
		return c;
	if (p->a->orphan != q->a->orphan)
		return p->a->orphan - q->a->orphan;
	if (p->a->start != q->a->start)
		return p->a->start < q->a->start ? -1 : 1;
	return p->a->id < q->a->id ? -1 : p->a->id > q->a->id;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* s[0, n) as the reading view shows it (report_shown: full-width
 * punctuation among Chinese), else as it is when out of memory. */
static void
md_shown(FILE *f, const char *s, size_t n)
{
	struct layout_opts lo;
	layout_opts_default(&lo);
	char *t = report_shown(&lo, s, n);
	if (t)
		termsafe_puts(f, t, TERMSAFE_LINE);
	else
		termsafe_write(f, s, n, TERMSAFE_LINE);
	free(t);
}

/* Markdown: a block quote, every line of text prefixed with "> ", shown
 * as the reader shows it (the stored quote stays exact for anchoring; the
 * JSON export carries it as it is). */
static void
md_quote(FILE *f, const char *s)
{
	termsafe_puts(f, "> ", TERMSAFE_TEXT);
	for (const char *nl; (nl = strchr(s, '\n')) != NULL && nl[1]; s = nl + 1) {
		md_shown(f, s, (size_t)(nl - s));
		termsafe_puts(f, "\n> ", TERMSAFE_TEXT);
	}
	md_shown(f, s, strcspn(s, "\n"));
	termsafe_puts(f, "\n\n", TERMSAFE_TEXT);
}

/* Everything goes out through termsafe: what the store holds came from
 * files and imports, and the document is read on a terminal. */
static void
md_write(FILE *f, const struct placed *v, size_t n)
{
	termsafe_puts(f, "# duwen notes\n", TERMSAFE_TEXT);
	if (n == 0)
		termsafe_puts(f, "\nNo notes yet.\n", TERMSAFE_TEXT);
	for (size_t i = 0; i < n; i++) {
		const struct store_annot *a = v[i].a;
		const struct article *art = v[i].art;
		if (i == 0 || strcmp(a->path, v[i - 1].a->path) != 0) {
			termsafe_puts(f, "\n## ", TERMSAFE_TEXT);
			if (art && art->meta.title)
				md_shown(f, art->meta.title, strlen(art->meta.title));
			else
				termsafe_puts(f, base_name(a->path), TERMSAFE_NAME);
			termsafe_puts(f, "\n\nFile: `", TERMSAFE_TEXT);
			termsafe_puts(f, a->path, TERMSAFE_NAME);
			termsafe_puts(f, "`", TERMSAFE_TEXT);
			if (art && art->meta.source) {
				termsafe_puts(f, "  \nSource: ", TERMSAFE_TEXT);
				md_shown(f, art->meta.source, strlen(art->meta.source));
			}
			termsafe_puts(f, "\n\n", TERMSAFE_TEXT);
		}
		md_quote(f, a->quote);
		if (a->note[0]) {
			termsafe_puts(f, a->note, TERMSAFE_TEXT);
			termsafe_puts(f, "\n\n", TERMSAFE_TEXT);
		}
		termsafe_printf(f, TERMSAFE_LINE, "*%s · %s%s*", a->created, a->colour,
				a->orphan ? " · orphan: the passage is no longer in the article" : "");
		termsafe_puts(f, "\n\n", TERMSAFE_TEXT);
	}
}

/* A stable IRI for the annotation: it keeps its id across export, import
 * into another store and export again. */
static void
annot_iri(const struct store_annot *a, char *buf, size_t cap)
{
	uint64_t h = article_hash(a->created, strlen(a->created));
	h ^= article_hash(a->quote, strlen(a->quote)) * 31;
	h ^= article_hash(a->path, strlen(a->path)) * 131;
	snprintf(buf, cap, "urn:duwen:annotation:%016llx", (unsigned long long)h);
}

static void
json_one(struct json_writer *w, const struct store_annot *a, const struct article *art)
{
	char iri[64], css[96];
	annot_iri(a, iri, sizeof iri);
	json_w_begin(w, '{');
	json_w_key(w, "@context");
	json_w_string(w, "http://www.w3.org/ns/anno.jsonld");
	json_w_key(w, "id");
	json_w_string(w, iri);
	json_w_key(w, "type");
	json_w_string(w, "Annotation");
	json_w_key(w, "motivation");
	json_w_string(w, a->note[0] ? "commenting" : "highlighting");
	json_w_key(w, "created");
	json_w_string(w, a->created);
	json_w_key(w, "modified");
	json_w_string(w, a->modified);
	if (a->note[0]) {
		json_w_key(w, "body");
		json_w_begin(w, '{');
		json_w_key(w, "type");
		json_w_string(w, "TextualBody");
		json_w_key(w, "value");
		json_w_string(w, a->note);
		json_w_key(w, "format");
		json_w_string(w, "text/plain");
		json_w_end(w, '}');
	}
	json_w_key(w, "target");
	json_w_begin(w, '{');
	json_w_key(w, "source");
	json_w_string(w, a->path);
	json_w_key(w, "styleClass");
	json_w_string(w, a->colour);
	json_w_key(w, "selector");
	json_w_begin(w, '[');
	json_w_begin(w, '{');
	json_w_key(w, "type");
	json_w_string(w, "TextQuoteSelector");
	json_w_key(w, "exact");
	json_w_string(w, a->quote);
	json_w_key(w, "prefix");
	json_w_string(w, a->prefix);
	json_w_key(w, "suffix");
	json_w_string(w, a->suffix);
	json_w_end(w, '}');
	/* Positions count code points of the cleaned text, as the model asks;
	 * only where the passage is really there. */
	if (art && !a->orphan && a->end <= art->len) {
		json_w_begin(w, '{');
		json_w_key(w, "type");
		json_w_string(w, "TextPositionSelector");
		json_w_key(w, "start");
		json_w_int(w, (long long)anchor_cps(art->text, art->len, a->start));
		json_w_key(w, "end");
		json_w_int(w, (long long)anchor_cps(art->text, art->len, a->end));
		json_w_end(w, '}');
	}
	json_w_end(w, ']');
	json_w_end(w, '}');
	json_w_key(w, "stylesheet");
	json_w_begin(w, '{');
	json_w_key(w, "type");
	json_w_string(w, "CssStylesheet");
	snprintf(css, sizeof css, ".%s { background-color: %s; }", a->colour, colour_css(a->colour));
	json_w_key(w, "value");
	json_w_string(w, css);
	json_w_end(w, '}');
	json_w_end(w, '}');
}

int
notes_export(FILE *f, enum notes_format fmt, struct store *s, struct notes_lib *l,
	     const char *only_path)
{
	struct store_annot_list list = { 0 };
	struct placed *v = NULL;
	struct store_annot **moved = NULL;
	char *only = only_path ? notes_key(only_path) : NULL;
	int rc = ERR_NOMEM;
	if (only_path && only == NULL)
		goto out;
	if ((rc = store_annot_list(s, NULL, 0, &list)) < 0)
		goto out;
	rc = ERR_NOMEM;
	v = calloc(list.n + 1, sizeof *v);
	moved = calloc(list.n + 1, sizeof *moved);
	if (v == NULL || moved == NULL)
		goto out;
	size_t n = 0, nmoved = 0;
	for (size_t i = 0; i < list.n; i++) {
		const struct article *art;
		int m;
		if (notes_place(l, &list.v[i], &art, &m) < 0)
			goto out;
		if (m)
			moved[nmoved++] = &list.v[i];
		if (only && strcmp(list.v[i].path, only) != 0)
			continue;
		v[n++] = (struct placed){ &list.v[i], art };
	}
	/* where they are now, for the next start (a failure costs only that) */
	if (!store_readonly(s))
		store_annot_set_anchors(s, moved, nmoved);
	qsort(v, n, sizeof *v, placed_cmp);
	if (fmt == NOTES_MARKDOWN) {
		md_write(f, v, n);
	} else {
		struct json_writer w = { 0 };
		json_w_begin(&w, '[');
		for (size_t i = 0; i < n; i++)
			json_one(&w, v[i].a, v[i].art);
		json_w_end(&w, ']');
		if (w.err) {
			free(w.buf);
			goto out;
		}
		termsafe_write(f, w.buf, w.len, TERMSAFE_TEXT);
		termsafe_puts(f, "\n", TERMSAFE_TEXT);
		free(w.buf);
	}
	rc = fflush(f) == 0 && !ferror(f) ? 0 : ERR_IO;
out:
	free(only);
	free(v);
	free(moved);
	store_annot_list_free(&list);
	return rc;
}
