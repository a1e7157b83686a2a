/* notes_import: W3C Web Annotation JSON into the store (see notes.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "clean_buf.h"
#include "err.h"
#include "json.h"
#include "notes.h"
#include "sanitize.h"

/* The largest position taken from a TextPositionSelector: every such
 * count (code points) fits a double exactly and a size_t safely. */
#define NOTES_POS_MAX 9007199254740992.0 /* 2^53 */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* s with every control and escape sequence removed, as articles are
 * (sanitize_plain); malloc'd, NULL if out of memory. */
static char *
field(const char *s)
{
	struct clean_buf b = { 0 };
	struct sanitize_stats st = { 0 };
	if (clean_buf_reserve(&b, strlen(s)) < 0 || sanitize_plain(s, strlen(s), &b, &st) < 0) {
		clean_buf_free(&b);
		return NULL;
	}
	b.s[b.len] = 0; /* reserve left room for it; an empty field wrote nothing */
	return b.s;
}

/* A target source as a local path: "file:///a/b%20c" and
 * "file://localhost/a" become "/a/b c" and "/a"; anything else is taken as
 * a path. malloc'd, NULL on ENOMEM or for a URI of another scheme/host. */
static char *
source_path(const char *src)
{
	if (strncmp(src, "file:", 5) != 0)
		return strchr(src, ':') && strstr(src, "://") ? NULL : notes_key(src);
	const char *p = src + 5;
	if (strncmp(p, "//", 2) == 0) {
		p += 2;
		if (strncmp(p, "localhost/", 10) == 0)
			p += 9;
		else if (*p != '/')
			return NULL; /* another host's file */
	}
	char *out = malloc(strlen(p) + 1), *o = out;
	if (out == NULL)
		return NULL;
	for (; *p && *p != '?' && *p != '#'; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hexval(p[1])) >= 0 && (lo = hexval(p[2])) >= 0) {
			*o++ = (char)(hi * 16 + lo);
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
	char *key = notes_key(out);
	free(out);
	return key;
}

/* The note: every TextualBody value (not tags), joined by newlines. */
static int
body_text(const struct json *body, char **out)
{
	size_t n = body ? (body->type == JSON_ARRAY ? body->n : 1) : 0;
	size_t cap = 1;
	for (size_t i = 0; i < n; i++) {
		const struct json *b = body->type == JSON_ARRAY ? &body->items[i] : body;
		const char *v = b->type == JSON_STRING ? b->str : json_str(json_get(b, "value"));
		if (v)
			cap += strlen(v) + 1;
	}
	char *s = malloc(cap);
	if (s == NULL)
		return ERR_NOMEM;
	s[0] = 0;
	for (size_t i = 0; i < n; i++) {
		const struct json *b = body->type == JSON_ARRAY ? &body->items[i] : body;
		const char *purpose = json_str(json_get(b, "purpose"));
		const char *v = b->type == JSON_STRING ? b->str : json_str(json_get(b, "value"));
		if (v == NULL || (purpose && strcmp(purpose, "tagging") == 0))
			continue;
		if (s[0])
			strcat(s, "\n");
		strcat(s, v);
	}
	*out = field(s);
	free(s);
	return *out ? 0 : ERR_NOMEM;
}

static const struct json *
find_selector(const struct json *target, const char *type)
{
	const struct json *sel = json_get(target, "selector");
	size_t n = sel ? (sel->type == JSON_ARRAY ? sel->n : 1) : 0;
	for (size_t i = 0; i < n; i++) {
		const struct json *x = sel->type == JSON_ARRAY ? &sel->items[i] : sel;
		const char *t = json_str(json_get(x, "type"));
		if (t && strcmp(t, type) == 0)
			return x;
	}
	return NULL;
}

static void
copy_time(char *dst, size_t cap, const char *src)
{
	/* Only what looks like an ISO 8601 date-time ("2024-05-01T08:30:00Z",
	 * "...+08:00", fractions): digits and -:.TZ+ alone, else "now"
	 * (empty), so nothing else from the file is kept. */
	size_t n = src ? strlen(src) : 0;
	dst[0] = 0;
	if (n >= cap || n < 10 || src[4] != '-' || src[7] != '-')
		return;
	for (size_t i = 0; i < n; i++)
		if (!((src[i] >= '0' && src[i] <= '9') || strchr("-:.TZ+", src[i])))
			return;
	snprintf(dst, cap, "%s", src);
}

/* A TextPositionSelector's start or end: -1 if absent; -2 (with a reason
 * in why) if it is not a whole number from 0 to NOTES_POS_MAX. Checked
 * before it is converted: a double beyond long's range has no value
 * there (C11 6.3.1.4). */
static long long
position(const struct json *pos, const char *key, const char **why)
{
	const struct json *v = json_get(pos, key);
	if (v == NULL)
		return -1;
	if (v->type != JSON_NUMBER || !(v->num >= 0 && v->num <= NOTES_POS_MAX) ||
	    v->num != (double)(long long)v->num) {
		*why = "a TextPositionSelector position is not a whole number from 0 to 2^53;"
		       " placed by its quote alone";
		return -2;
	}
	return (long long)v->num;
}

/* One Annotation object into *a (not yet placed). 1 made (*why may then
 * say what of it was ignored), 0 not an annotation we can use (*why says
 * why), ERR_NOMEM. */
static int
from_json(const struct json *o, struct store_annot *a, long long *start_cps, long long *end_cps,
	  const char **why)
{
	*why = NULL;
	if (o->type != JSON_OBJECT) {
		*why = "not an annotation (not a JSON object)";
		return 0;
	}
	const struct json *target = json_get(o, "target");
	if (target && target->type == JSON_ARRAY)
		target = target->n ? &target->items[0] : NULL;
	const char *src = json_str(json_get(target, "source"));
	if (src == NULL && target && target->type == JSON_STRING)
		src = target->str;
	const struct json *q = find_selector(target, "TextQuoteSelector");
	const char *exact = json_str(json_get(q, "exact"));
	if (src == NULL || src[0] == 0) {
		*why = "no target source (the article file it belongs to)";
		return 0;
	}
	if (exact == NULL || exact[0] == 0) {
		*why = "no TextQuoteSelector with the exact text it marks";
		return 0;
	}
	const struct json *pos = find_selector(target, "TextPositionSelector");
	*start_cps = *end_cps = -1;
	if (pos) {
		long long st = position(pos, "start", why), en = position(pos, "end", why);
		if (st >= 0 && en >= 0) {
			*start_cps = st;
			*end_cps = en;
		}
	}
	struct store_annot r = { 0 };
	r.path = source_path(src);
	if (r.path == NULL) {
		if (strncmp(src, "file:", 5) == 0 || strstr(src, "://")) {
			*why = "its target is not a file on this computer";
			return 0;
		}
		return ERR_NOMEM;
	}
	const char *pre = json_str(json_get(q, "prefix"));
	const char *suf = json_str(json_get(q, "suffix"));
	r.quote = field(exact);
	r.prefix = field(pre ? pre : "");
	r.suffix = field(suf ? suf : "");
	if (r.quote == NULL || r.prefix == NULL || r.suffix == NULL ||
	    body_text(json_get(o, "body"), &r.note) < 0) {
		store_annot_clear(&r);
		return ERR_NOMEM;
	}
	if (r.quote[0] == 0) {
		store_annot_clear(&r);
		*why = "its exact text is nothing but control characters";
		return 0;
	}
	const char *cls = json_str(json_get(target, "styleClass"));
	size_t nc;
	snprintf(r.colour, sizeof r.colour, "%s",
		 cls && notes_colour_known(cls) ? cls : notes_colours(&nc)[0].name);
	copy_time(r.created, sizeof r.created, json_str(json_get(o, "created")));
	copy_time(r.modified, sizeof r.modified, json_str(json_get(o, "modified")));
	*a = r;
	return 1;
}

/* The annotations of a document: an array, an AnnotationCollection (items
 * under "first" or directly), or one Annotation. */
static const struct json *
items_of(const struct json *doc, size_t *n)
{
	if (doc->type == JSON_ARRAY) {
		*n = doc->n;
		return doc->items;
	}
	const struct json *items = json_get(json_get(doc, "first"), "items");
	if (items == NULL)
		items = json_get(doc, "items");
	if (items && items->type == JSON_ARRAY) {
		*n = items->n;
		return items->items;
	}
	if (doc->type == JSON_OBJECT && json_get(doc, "target")) {
		*n = 1;
		return doc;
	}
	*n = 0;
	return NULL;
}

/* Store batch[0, *nb) (each unless already stored: the checks and the
 * inserts are one transaction, so two imports of one file at once store
 * each note once), count them in st, and empty the batch. On an error
 * none of the batch is stored or counted. */
static int
flush(struct store *s, struct store_annot *batch, size_t *nb, struct notes_import_stats *st)
{
	unsigned char dup[NOTES_IMPORT_BATCH];
	int rc = *nb ? store_annot_add_unique_many(s, batch, *nb, dup) : 0;
	for (size_t i = 0; i < *nb; i++) {
		if (rc == 0 && dup[i]) {
			st->duplicates++;
		} else if (rc == 0) {
			st->added++;
			st->orphans += batch[i].orphan != 0;
		}
		store_annot_clear(&batch[i]);
	}
	*nb = 0;
	return rc;
}

/* Tell the caller about annotation i of the document. */
static void
tell(notes_import_warn_fn warn, void *ctx, const struct json *o, size_t i, const char *why,
     int skipped)
{
	char msg[160];
	snprintf(msg, sizeof msg, "%s%s", why, skipped ? "; not imported" : "");
	if (warn)
		warn(ctx, i, json_str(json_get(o, "id")), msg);
}

int
notes_import(struct store *s, struct notes_lib *l, const char *text, size_t len,
	     struct notes_import_stats *st, notes_import_warn_fn warn, void *ctx, char **cause)
{
	struct json doc;
	char err[160];
	memset(st, 0, sizeof *st);
	*cause = NULL;
	int rc = json_parse(text, len, &doc, err, sizeof err);
	if (rc == ERR_INVAL)
		*cause = strdup(err);
	if (rc < 0)
		return rc;
	size_t n;
	const struct json *items = items_of(&doc, &n);
	if (items == NULL && !(doc.type == JSON_ARRAY)) {
		*cause = strdup("not a W3C Web Annotation document (no annotations in it)");
		json_free(&doc);
		return ERR_INVAL;
	}
	if (store_readonly(s)) {
		json_free(&doc);
		return ERR_READONLY;
	}
	struct store_annot batch[NOTES_IMPORT_BATCH];
	size_t nb = 0;
	for (size_t i = 0; i < n; i++) {
		struct store_annot a;
		long long sc, ec;
		const char *why;
		int got = from_json(&items[i], &a, &sc, &ec, &why);
		if (got < 0) {
			rc = got;
			goto out;
		}
		if (got == 0) {
			st->skipped++;
			tell(warn, ctx, &items[i], i, why, 1);
			continue;
		}
		if (why)
			tell(warn, ctx, &items[i], i, why, 0);
		/* Place it like a stored annotation: the position selector (code
		 * points) gives the range to try first. */
		const char *key = NULL;
		const struct article *art = notes_lib_find(l, a.path, 0, &key);
		if (art) {
			struct anchor_sel sel = { 0, 0, a.quote, a.prefix, a.suffix };
			if (sc >= 0 && ec >= sc) {
				sel.start = anchor_byte_of_cps(art->text, art->len, (size_t)sc);
				sel.end = anchor_byte_of_cps(art->text, art->len, (size_t)ec);
			}
			struct anchor_result r;
			if ((rc = anchor_locate(art->text, art->len, &sel, &r)) < 0) {
				store_annot_clear(&a);
				goto out;
			}
			a.hash = art->hash;
			a.orphan = r.how == ANCHOR_ORPHAN;
			a.start = r.start;
			a.end = r.end;
			/* No context given: take it from the text, so that the
			 * next edit of the article can be followed. */
			char *pre, *suf;
			if (!a.orphan && !a.prefix[0] && !a.suffix[0] &&
			    anchor_context(art->text, art->len, a.start, a.end, ANCHOR_CONTEXT_CPS,
					   &pre, &suf) == 0) {
				free(a.prefix);
				free(a.suffix);
				a.prefix = pre;
				a.suffix = suf;
			}
		} else {
			a.orphan = 1;
		}
		batch[nb++] = a;
		if (nb == NOTES_IMPORT_BATCH && (rc = flush(s, batch, &nb, st)) < 0)
			goto out;
	}
	rc = flush(s, batch, &nb, st);
out:
	for (size_t i = 0; i < nb; i++)
		store_annot_clear(&batch[i]);
	json_free(&doc);
	return rc;
}
