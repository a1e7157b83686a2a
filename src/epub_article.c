/* An EPUB book as one article; see epub_article.h.
 *
 * One article per book, not one per chapter: a novel is read straight
 * through (the reader scrolls from one chapter into the next), the outline
 * (o) lists its chapters, the reading position and notes belong to the
 * book, and search and comparison count the book once. The list stays a
 * list of books. */
#include "epub_article.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "err.h"
#include "html.h"
#include "ustr.h"

/* A block longer than this (bytes) is no chapter title written as a plain
 * paragraph. */
enum { TITLE_MAX_BYTES = 120 };

static void
set_cause(char **cause, const char *fmt, ...)
{
	if (cause == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		*cause = NULL;
	va_end(ap);
}

/* s with each run of white space (U+3000 included) one ' ', trimmed;
 * malloc'd, NULL if no memory. */
static char *
norm(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	int space = 0;
	for (size_t i = 0; i < n;) {
		int32_t cp;
		size_t j = ustr_next(s, n, i, &cp);
		if (ustr_is_space(cp) || cp == '\n') {
			space = k > 0;
		} else {
			if (space)
				out[k++] = ' ';
			space = 0;
			memcpy(out + k, s + i, j - i);
			k += j - i;
		}
		i = j;
	}
	out[k] = 0;
	return out;
}

/* 1 if the code point at s (if any) ends a word: white space, punctuation. */
static int
boundary(const char *s)
{
	if (*s == 0)
		return 1;
	int32_t cp;
	ustr_next(s, strlen(s), 0, &cp);
	utf8proc_category_t c = utf8proc_category(cp);
	return cp == ' ' || (c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO);
}

/* 1 if s ends a sentence (。！？ and the like): prose, not a title. */
static int
ends_sentence(const char *s)
{
	static const char *const stops[] = { "。", "！", "？", "；", "…", ".", "!", "?" };
	size_t n = strlen(s);
	for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
		size_t k = strlen(stops[i]);
		if (n >= k && memcmp(s + n - k, stops[i], k) == 0)
			return 1;
	}
	return 0;
}

/* 1 if a heading's text reads as the TOC title t: the same words (spacing
 * aside), or one of them the other's start up to a space or punctuation
 * ("第一章" and "第一章　风起"). A paragraph (heading 0) must not end like
 * a sentence and may only add to t ("第一章 风起" for t "第一章"), so that
 * a chapter titled "一" does not take "一个人走来。" for its title. -1 if
 * no memory. */
static int
same_title(const char *text, const char *t, int heading)
{
	char *a = norm(text), *b = norm(t);
	int r = -1;
	if (a && b) {
		size_t na = strlen(a), nb = strlen(b);
		if (na == 0 || nb == 0 || (!heading && ends_sentence(a)))
			r = 0;
		else if (na == nb)
			r = strcmp(a, b) == 0;
		else if (na > nb)
			r = strncmp(a, b, nb) == 0 && boundary(a + nb);
		else
			r = heading && strncmp(a, b, na) == 0 && boundary(b + na);
	}
	free(a);
	free(b);
	return r;
}

/* Insert a heading titled title, of rank level, at position at of d. 0 or
 * ERR_NOMEM. */
static int
insert_heading(struct doc *d, size_t at, const char *title, int level)
{
	int rc = doc_push(d, BLOCK_HEADING, level, 0, title, strlen(title));
	if (rc < 0 || d->n == 0 || strcmp(d->v[d->n - 1].text, title) != 0)
		return rc; /* a blank title is not pushed */
	struct doc_block h = d->v[d->n - 1];
	memmove(d->v + at + 1, d->v + at, (d->n - 1 - at) * sizeof *d->v);
	d->v[at] = h;
	return 0;
}

static int
is_heading(const struct doc_block *b)
{
	return b->kind == BLOCK_HEADING || b->kind == BLOCK_TITLE;
}

/* The block from *cur on that the TOC entry e names: a heading, or a short
 * paragraph written as one, reading as e's title; for an entry without a
 * fragment (the chapter's start) only the first block is looked at. Its
 * index, or d->n; -1 if no memory. */
static long
find_title(const struct doc *d, size_t cur, const struct epub_toc_entry *e)
{
	for (size_t k = cur; k < d->n; k++) {
		const struct doc_block *b = &d->v[k];
		if (b->kind == BLOCK_BOILERPLATE)
			continue;
		if (is_heading(b) || (b->kind == BLOCK_PARAGRAPH && strlen(b->text) <= TITLE_MAX_BYTES)) {
			int s = same_title(b->text, e->title, is_heading(b));
			if (s < 0)
				return -1;
			if (s)
				return (long)k;
		}
		if (e->frag == NULL)
			break;
	}
	return (long)d->n;
}

/* The heading rank of TOC entry e: 1 for a top-level entry. */
static int
rank_of(const struct epub_toc_entry *e)
{
	return e->depth < 5 ? e->depth + 1 : 6;
}

/* Place TOC entry e in chapter doc d from block *cur on: on the heading
 * (or title-like paragraph) it names, else, at the chapter's start, on the
 * chapter's own heading or as a new heading. A fragment whose heading is
 * not found stays out of the outline. 0 or ERR_NOMEM. */
static int
place_entry(struct doc *d, size_t *cur, const struct epub_toc_entry *e, int start)
{
	long k = find_title(d, *cur, e);
	if (k < 0)
		return ERR_NOMEM;
	if ((size_t)k < d->n) {
		d->v[k].kind = is_heading(&d->v[k]) ? d->v[k].kind : BLOCK_HEADING;
		d->v[k].level = rank_of(e);
		*cur = (size_t)k + 1;
		return 0;
	}
	if (!start && e->frag != NULL)
		return 0;
	size_t f = *cur;
	while (f < d->n && d->v[f].kind == BLOCK_BOILERPLATE)
		f++;
	if (f < d->n && is_heading(&d->v[f])) {
		d->v[f].level = rank_of(e);
		*cur = f + 1; /* its own heading, worded otherwise */
		return 0;
	}
	int rc = insert_heading(d, *cur, e->title, rank_of(e));
	if (rc == 0)
		(*cur)++;
	return rc;
}

/* Make chapter c's headings (its doc d) from the TOC entries that point
 * into it, in TOC order; the linkless group titles ("第二部") just before
 * its first entry go first, even when the chapter itself has no text.
 * 0 or ERR_NOMEM. */
static int
apply_toc(struct doc *d, const struct epub_book *b, size_t c)
{
	size_t cur = 0;
	int started = 0, rc = 0, text = 0;
	for (size_t k = 0; k < d->n; k++) {
		text |= d->v[k].kind != BLOCK_BOILERPLATE;
		/* the chapter's own ranks, negative until the TOC ranks them */
		if (d->v[k].kind == BLOCK_HEADING)
			d->v[k].level = -(d->v[k].level > 0 ? d->v[k].level : 1);
	}
	for (size_t t = 0; t < b->toc.n && rc == 0; t++) {
		if (b->toc_ch[t] != c)
			continue;
		if (!started) {
			size_t g = t;
			while (g > 0 && b->toc.v[g - 1].name == NULL)
				g--;
			for (; g < t && rc == 0; g++)
				if ((rc = insert_heading(d, cur, b->toc.v[g].title,
							 rank_of(&b->toc.v[g]))) == 0)
					cur++;
		}
		/* a page with no text (a cover, a picture) gets no heading:
		 * there would be nothing under it */
		if (rc == 0 && text)
			rc = place_entry(d, &cur, &b->toc.v[t], !started);
		started = 1;
	}
	return rc;
}

/* Rank the headings the TOC did not: in a book with a TOC, one below the
 * last TOC-ranked heading before them (*last, carried from chapter to
 * chapter: a chapter's subheadings and a split file's headings come under
 * their chapter); in a book without one, as the XHTML has them. */
static void
rank_own(struct doc *d, int has_toc, int *last)
{
	for (size_t k = 0; k < d->n; k++) {
		struct doc_block *b = &d->v[k];
		if (b->kind != BLOCK_HEADING)
			continue;
		if (b->level > 0)
			*last = b->level;
		else if (has_toc)
			b->level = *last < 6 ? *last + 1 : 6;
		else
			b->level = -b->level;
	}
}

/* Move d's blocks to the end of book. 0 or ERR_NOMEM (d untouched). */
static int
append(struct doc *book, struct doc *d)
{
	if (d->n == 0)
		return 0;
	if (book->n + d->n > book->cap) {
		size_t cap = book->cap ? book->cap : 64;
		while (cap < book->n + d->n)
			cap *= 2;
		struct doc_block *v = realloc(book->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		book->v = v;
		book->cap = cap;
	}
	memcpy(book->v + book->n, d->v, d->n * sizeof *d->v);
	book->n += d->n;
	d->n = 0;
	return 0;
}

/* Chapter c as a doc: read, decoded (BOM, UTF-8, declared encoding), parsed
 * whole. A chapter that is missing or damaged becomes a caption saying so;
 * only ERR_NOMEM and ERR_TOOBIG stop the book. */
static int
chapter_doc(struct epub_book *b, size_t c, const struct source_opts *opts, struct doc *d,
	    size_t *replaced, char **cause)
{
	char *buf = NULL, *why = NULL;
	size_t len;
	int rc = epub_read_chapter(b, c, &buf, &len, &why);
	if (rc == 0) {
		struct source_opts o = { NULL, opts ? opts->max_bytes : 0 };
		struct source_text st;
		free(why);
		why = NULL;
		rc = html_decode(&o, (const unsigned char *)buf, len, &st, &why);
		free(buf);
		if (rc == 0) {
			rc = html_read(st.utf8, st.len, HTML_WHOLE_BODY, d, &why);
			*replaced += st.replaced;
			source_text_free(&st);
		}
	}
	if (rc == ERR_NOMEM || rc == ERR_TOOBIG) {
		if (cause)
			*cause = why;
		else
			free(why);
		return rc;
	}
	if (rc < 0) {
		char *note;
		const char *r = why ? why : err_strerror(rc);
		int n = strstr(r, b->ch[c].name) ? asprintf(&note, "[%s]", r)
						 : asprintf(&note, "[%s: %s]", b->ch[c].name, r);
		if (n < 0) {
			free(why);
			return ERR_NOMEM;
		}
		doc_free(d);
		memset(d, 0, sizeof *d);
		rc = doc_push(d, BLOCK_CAPTION, 0, 0, note, strlen(note));
		free(note);
	}
	free(why);
	return rc;
}

static int
set_meta(struct doc *book, const struct epub_meta *m)
{
	const struct {
		char **field;
		const char *value;
	} f[] = {
		{ &book->title, m->title },
		{ &book->author, m->creator },
		{ &book->date, m->date },
		{ &book->source, m->publisher },
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (f[i].value && doc_set_meta(f[i].field, f[i].value, strlen(f[i].value)) < 0)
			return ERR_NOMEM;
	return 0;
}

int
epub_article_doc(struct epub_book *b, const struct source_opts *opts, struct doc *out,
		 char **cause)
{
	struct doc book = { 0 };
	size_t replaced = 0;
	int rc = set_meta(&book, &b->meta), last = 0;
	for (size_t c = 0; c < b->nch && rc == 0; c++) {
		struct doc d = { 0 };
		rc = chapter_doc(b, c, opts, &d, &replaced, cause);
		if (rc == 0)
			rc = apply_toc(&d, b, c);
		if (rc == 0)
			rank_own(&d, b->toc.n > 0, &last);
		if (rc == 0)
			rc = append(&book, &d);
		doc_free(&d);
	}
	if (rc < 0) {
		doc_free(&book);
		return rc;
	}
	*out = book;
	return 0;
}

/* The article of the open book b (closed here), named path. */
static int
book_article(struct epub_book *b, const struct source_opts *opts, const char *path,
	     struct article *out, char **cause)
{
	struct doc d = { 0 };
	int rc = epub_article_doc(b, opts, &d, cause);
	size_t nch = b->nch;
	epub_close(b);
	if (rc < 0)
		return rc;
	size_t text = 0;
	for (size_t i = 0; i < d.n; i++)
		text += d.v[i].kind != BLOCK_BOILERPLATE && d.v[i].kind != BLOCK_HEADING;
	if (text == 0) {
		set_cause(cause, "the book holds no text (%zu chapter%s read)", nch, nch == 1 ? "" : "s");
		doc_free(&d);
		return ERR_EMPTY;
	}
	/* no dc:title: the file's name, not the first chapter's heading
	 * (standard input has none) */
	const char *base = strrchr(path, '/');
	base = strcmp(path, "-") == 0 ? "" : base ? base + 1 : path;
	size_t blen = strlen(base);
	if (blen > 5 && strcasecmp(base + blen - 5, ".epub") == 0)
		blen -= 5;
	rc = d.title == NULL && blen > 0 ? doc_set_meta(&d.title, base, blen) : 0;
	if (rc == 0)
		rc = doc_article(&d, path, out);
	doc_free(&d);
	if (rc < 0) {
		set_cause(cause, "%s", err_strerror(rc));
		return rc;
	}
	out->format = FORMAT_EPUB;
	return 0;
}

int
epub_article_load(const struct source_opts *opts, const char *path, struct article *out,
		  char **cause)
{
	struct epub_book *b;
	int rc = epub_open(path, opts ? opts->max_bytes : 0, &b, cause);
	return rc < 0 ? rc : book_article(b, opts, path, out, cause);
}

int
epub_article_from_bytes(const struct source_opts *opts, const char *path,
			const unsigned char *bytes, size_t n, struct article *out, char **cause)
{
	struct epub_book *b;
	int rc = epub_open_bytes(bytes, n, opts ? opts->max_bytes : 0, &b, cause);
	return rc < 0 ? rc : book_article(b, opts, path, out, cause);
}
