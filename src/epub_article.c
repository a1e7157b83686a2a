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

/* A chapter's doc while the TOC is placed in it, with the words of each
 * block that could be a title (a heading, a short paragraph that does not
 * end like a sentence) worked out once: norm[k], NULL for other blocks. */
struct chap {
	struct doc *d;
	char **norm;
	unsigned char *heading; /* block k was a heading when norm[k] was made */
};

static int
is_heading(const struct doc_block *b)
{
	return b->kind == BLOCK_HEADING || b->kind == BLOCK_TITLE;
}

static void
chap_free(struct chap *ch)
{
	for (size_t k = 0; ch->norm && k < ch->d->n; k++)
		free(ch->norm[k]);
	free(ch->norm);
	free(ch->heading);
	ch->norm = NULL;
	ch->heading = NULL;
}

/* 0 or ERR_NOMEM (ch freed). */
static int
chap_init(struct chap *ch, struct doc *d)
{
	ch->d = d;
	ch->norm = calloc(d->n + 1, sizeof *ch->norm);
	ch->heading = calloc(d->n + 1, 1);
	if (ch->norm == NULL || ch->heading == NULL) {
		chap_free(ch);
		return ERR_NOMEM;
	}
	for (size_t k = 0; k < d->n; k++) {
		const struct doc_block *b = &d->v[k];
		int h = is_heading(b);
		if (!h && !(b->kind == BLOCK_PARAGRAPH && strlen(b->text) <= TITLE_MAX_BYTES))
			continue;
		char *t = norm(b->text);
		if (t == NULL) {
			chap_free(ch);
			return ERR_NOMEM;
		}
		if (*t == 0 || (!h && ends_sentence(t))) {
			free(t);
			continue;
		}
		ch->norm[k] = t;
		ch->heading[k] = (unsigned char)h;
	}
	return 0;
}

/* 1 if block words a (a heading's if heading) read as the TOC title t (both
 * normalised): the same, or one of them the other's start up to a space or
 * punctuation ("第一章" and "第一章　风起"). A paragraph may only add to t
 * ("第一章 风起" for t "第一章"), so that a chapter titled "一" does not
 * take "一个人走来" for its title. */
static int
same_title(const char *a, const char *t, int heading)
{
	size_t na = strlen(a), nt = strlen(t);
	if (na == nt)
		return strcmp(a, t) == 0;
	if (na > nt)
		return strncmp(a, t, nt) == 0 && boundary(a + nt);
	return heading && strncmp(a, t, na) == 0 && boundary(t + na);
}

/* Insert a heading titled title, of rank level, at position at of ch's
 * doc. 0 or ERR_NOMEM. */
static int
insert_heading(struct chap *ch, size_t at, const char *title, int level)
{
	struct doc *d = ch->d;
	size_t n = d->n;
	int rc = doc_push(d, BLOCK_HEADING, level, 0, title, strlen(title));
	if (rc < 0 || d->n == n)
		return rc; /* a blank title is not pushed */
	char **nv = realloc(ch->norm, (d->n + 1) * sizeof *nv);
	if (nv)
		ch->norm = nv;
	unsigned char *hv = nv ? realloc(ch->heading, d->n + 1) : NULL;
	if (hv)
		ch->heading = hv;
	if (nv == NULL || hv == NULL) {
		free(d->v[--d->n].text);
		return ERR_NOMEM;
	}
	struct doc_block h = d->v[n];
	memmove(d->v + at + 1, d->v + at, (n - at) * sizeof *d->v);
	memmove(ch->norm + at + 1, ch->norm + at, (n - at) * sizeof *ch->norm);
	memmove(ch->heading + at + 1, ch->heading + at, n - at);
	d->v[at] = h;
	ch->norm[at] = NULL; /* placed already: not to be found again */
	ch->heading[at] = 1;
	return 0;
}

/* The block from cur on that the TOC entry e names: a heading, or a short
 * paragraph written as one, reading as e's title; for an entry without a
 * fragment (the chapter's start) only the first block is looked at. Its
 * index, or the number of blocks; -1 if no memory. */
static long
find_title(const struct chap *ch, size_t cur, const struct epub_toc_entry *e)
{
	const struct doc *d = ch->d;
	char *t = norm(e->title);
	if (t == NULL)
		return -1;
	long found = (long)d->n;
	for (size_t k = cur; k < d->n && *t; k++) {
		if (d->v[k].kind == BLOCK_BOILERPLATE)
			continue;
		if (ch->norm[k] && same_title(ch->norm[k], t, ch->heading[k])) {
			found = (long)k;
			break;
		}
		if (e->frag == NULL)
			break;
	}
	free(t);
	return found;
}

/* The heading rank of TOC entry e: 1 for a top-level entry. */
static int
rank_of(const struct epub_toc_entry *e)
{
	return e->depth < 5 ? e->depth + 1 : 6;
}

/* Place TOC entry e in the chapter from block *cur on: on the heading (or
 * title-like paragraph) it names, else, at the chapter's start, on the
 * chapter's own heading or as a new heading. A fragment whose heading is
 * not found stays out of the outline. 0 or ERR_NOMEM. */
static int
place_entry(struct chap *ch, size_t *cur, const struct epub_toc_entry *e, int start)
{
	struct doc *d = ch->d;
	long k = find_title(ch, *cur, e);
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
	int rc = insert_heading(ch, *cur, e->title, rank_of(e));
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
	int started = 0, text = 0;
	for (size_t k = 0; k < d->n; k++) {
		text |= d->v[k].kind != BLOCK_BOILERPLATE;
		/* the chapter's own ranks, negative until the TOC ranks them */
		if (d->v[k].kind == BLOCK_HEADING)
			d->v[k].level = -(d->v[k].level > 0 ? d->v[k].level : 1);
	}
	struct chap ch;
	int rc = chap_init(&ch, d);
	for (size_t t = 0; t < b->toc.n && rc == 0; t++) {
		if (b->toc_ch[t] != c)
			continue;
		if (!started) {
			size_t g = t;
			while (g > 0 && b->toc.v[g - 1].name == NULL)
				g--;
			for (; g < t && rc == 0; g++)
				if ((rc = insert_heading(&ch, cur, b->toc.v[g].title,
							 rank_of(&b->toc.v[g]))) == 0)
					cur++;
		}
		/* a page with no text (a cover, a picture) gets no heading:
		 * there would be nothing under it */
		if (rc == 0 && text)
			rc = place_entry(&ch, &cur, &b->toc.v[t], !started);
		started = 1;
	}
	chap_free(&ch);
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
		struct source_opts o = { .max_bytes = opts ? opts->max_bytes : 0 };
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
		 size_t *replaced_out, char **cause)
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
	if (replaced_out)
		*replaced_out = replaced;
	return 0;
}

/* The article of the open book b (closed here), named path. */
static int
book_article(struct epub_book *b, const struct source_opts *opts, const char *path,
	     struct article *out, char **cause)
{
	struct doc d = { 0 };
	size_t replaced = 0;
	int rc = epub_article_doc(b, opts, &d, &replaced, cause);
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
	out->replaced = replaced;
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
