/* The parser works in passes over "units" (a source line, a run of joined
 * hard-wrapped lines, or a preformatted run): first what each says of itself
 * (parse_line, boiler), then what its position says (head: before the first
 * line of running prose; tail: a page footer), then headings and
 * paragraphs. See parse.h for the contract. */
#include "parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "err.h"
#include "hardwrap.h"
#include "parse_line.h"
#include "parse_man.h"
#include "parse_meta.h"
#include "parse_page.h"
#include "prefmt.h"
#include "sentence.h"
#include "ustr.h"
#include "width.h"

/* How far after a head line to look for its repetition (bytes). */
#define LEAD_WINDOW ((size_t)64 << 10)
/* The head (title, navigation, lead) is at most this many units long. */
#define HEAD_MAX 20

const char *
parse_block_kind_name(enum block_kind k)
{
	static const char *names[BLOCK_KIND_COUNT] = {
		"title", "byline", "source", "summary", "heading", "paragraph",
		"caption", "boilerplate", "pre", "meta", "list item", "quote", "table", "list", "indented",
	};
	return (unsigned)k < BLOCK_KIND_COUNT ? names[k] : "?";
}

enum { KIND_NONE = -1 };

struct unit {
	size_t start, end;
	int kind;        /* enum block_kind, or KIND_NONE while undecided */
	int joined;      /* hard-wrapped lines joined into one */
	int credit_only; /* a caption that is the photo credit alone */
	int byline;      /* enum parse_byline of a BYLINE */
	int underlined;  /* a heading underlined with ==== (setext, GNU's INSTALL) */
	size_t name_off, name_len; /* source name or byline names */
};

struct parser {
	const char *t;
	size_t len;
	struct ustr_line *lines;
	size_t nlines;
	struct unit *u;
	size_t nu, cap;
	size_t body0; /* first unit of running prose */
	int man;      /* a manual page: parse_man chose every unit's kind */
};

static size_t
ucount(const struct parser *p, const struct unit *u)
{
	return ustr_count(p->t + u->start, u->end - u->start);
}

static int
split_lines(struct parser *p)
{
	size_t n = 1;
	for (const char *q = p->t; (q = memchr(q, '\n', p->len - (size_t)(q - p->t))); q++)
		n++;
	p->lines = malloc(n * sizeof *p->lines);
	if (p->lines == NULL)
		return ERR_NOMEM;
	size_t s = 0;
	for (size_t k = 0; k < n; k++) {
		const char *nl = memchr(p->t + s, '\n', p->len - s);
		size_t e = nl ? (size_t)(nl - p->t) : p->len;
		struct ustr_line *l = &p->lines[k];
		l->raw_start = s;
		l->raw_end = e;
		ustr_trim(p->t, s, e, &l->start, &l->end);
		s = e + 1;
	}
	p->nlines = n;
	return 0;
}

static int
push(struct parser *p, size_t start, size_t end, int kind, int joined)
{
	if (p->nu == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct unit *v = realloc(p->u, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		p->u = v;
		p->cap = cap;
	}
	p->u[p->nu++] = (struct unit){ start, end, kind, joined, 0, 0, 0, 0, 0 };
	return 0;
}

static int
push_man(void *ctx, size_t start, size_t end, int kind)
{
	return push(ctx, start, end, kind, 0);
}

/* A paragraph that ends with "(记者 X)" becomes a paragraph and a byline. */
static int
push_text(struct parser *p, size_t start, size_t end, int joined)
{
	size_t off = parse_line_trailing_byline(p->t + start, end - start);
	if (off < end - start) {
		size_t a, b;
		ustr_trim(p->t, start, start + off, &a, &b);
		if (b > a) {
			if (push(p, a, b, KIND_NONE, joined) < 0)
				return ERR_NOMEM;
			return push(p, start + off, end, KIND_NONE, 0);
		}
	}
	return push(p, start, end, KIND_NONE, joined);
}

/* Is line b the underline of line a ("Basic Installation" over
 * "=================="): one character of = - * ~ # repeated, as wide as a
 * give or take two columns, a short line? */
static int
underline(const char *t, const struct ustr_line *a, const struct ustr_line *b)
{
	size_t n = b->end - b->start;
	if (a->start == a->end || n < 3 || !strchr("=-*~#", t[b->start]))
		return 0;
	for (size_t k = b->start; k < b->end; k++)
		if (t[k] != t[b->start])
			return 0;
	struct width_opts wo = { 0 };
	size_t w = (size_t)width_str(&wo, t + a->start, a->end - a->start);
	return w <= 80 && n + 2 >= w && n <= w + 2 + w / 4 + (a->start - a->raw_start);
}

static int
build_units(struct parser *p, struct meta *m)
{
	const struct ustr_line *L = p->lines;
	size_t n = p->nlines;
	int rc = parse_meta_header(p->t, L, n, m);
	if (rc < 0)
		return rc;
	size_t h = (size_t)rc, head;
	if (parse_man_detect(p->t, L + h, n - h, &head)) {
		p->man = 1;
		free(m->title);
		m->title = NULL;
		return parse_man_units(p->t, L, n, h + head, push_man, p, &m->title);
	}
	unsigned char *pre = calloc(n, 1), *skip = calloc(n, 1), *join = calloc(n, 1);
	unsigned char *furn = calloc(n, 1);
	if (pre == NULL || skip == NULL || join == NULL || furn == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	if (h > 0) {
		size_t last = L[h - 1].start < L[h - 1].end ? h - 1 : h - 2;
		if ((rc = push(p, L[0].raw_start, L[last].end, BLOCK_META, 0)) < 0)
			goto out;
		memset(skip, 1, h);
	}
	if ((rc = parse_page_furniture(p->t, L + h, n - h, furn + h)) < 0)
		goto out;
	prefmt_mark(p->t, L + h, n - h, pre + h);
	for (size_t i = h + 1; i < n; i++)
		if (pre[i] && !pre[i - 1] && !furn[i - 1] && underline(p->t, &L[i - 1], &L[i]))
			furn[i] = 1, furn[i - 1] = 2, pre[i] = 0;
	for (size_t i = 0; i < n; i++) {
		pre[i] = furn[i] ? 0 : pre[i];
		skip[i] |= pre[i] | furn[i];
	}
	if ((rc = hardwrap_plan(p->t, L, n, skip, join)) < 0)
		goto out;
	rc = 0;
	for (size_t i = h; i < n && rc == 0;) {
		size_t j = i;
		if (L[i].start == L[i].end) {
			i++;
			continue;
		}
		if (furn[i] == 2) { /* the heading over an underline */
			if ((rc = push(p, L[i].start, L[i].end, KIND_NONE, 0)) == 0)
				p->u[p->nu - 1].underlined = 1;
		} else if (furn[i]) {
			rc = push(p, L[i].start, L[i].end, BLOCK_BOILERPLATE, 0);
		} else if (pre[i]) {
			while (j + 1 < n && pre[j + 1] == pre[i] && L[j + 1].start < L[j + 1].end)
				j++;
			rc = push(p, L[i].raw_start, L[j].end,
				  pre[i] == PREFMT_MARK_LIST ? BLOCK_LIST : BLOCK_PRE, 0);
		} else {
			while (join[j])
				j++;
			rc = push_text(p, L[i].start, L[j].end, j > i);
		}
		i = j + 1;
	}
out:
	free(pre);
	free(skip);
	free(join);
	free(furn);
	return rc;
}

/* What a unit says of itself. */
static void
classify_alone(struct parser *p)
{
	for (size_t i = 0; i < p->nu; i++) {
		struct unit *u = &p->u[i];
		const char *s = p->t + u->start;
		size_t len = u->end - u->start;
		int flag;
		enum parse_byline by;
		if (u->kind != KIND_NONE)
			continue;
		if (boiler_strong(s, len)) {
			u->kind = BLOCK_BOILERPLATE;
		} else if (parse_line_source(s, len, &u->name_off, &u->name_len)) {
			u->kind = BLOCK_SOURCE;
		} else if (parse_line_caption(s, len, &u->credit_only)) {
			u->kind = BLOCK_CAPTION;
		} else if ((by = parse_line_byline(s, len, &u->name_off, &u->name_len))) {
			u->kind = BLOCK_BYLINE;
			u->byline = by;
		} else if (parse_line_summary(s, len, &flag)) {
			u->kind = BLOCK_SUMMARY;
			/* "AI导读:" alone: the summary is the paragraph after it */
			if (flag && i + 1 < p->nu && p->u[i + 1].kind == KIND_NONE &&
			    parse_line_prose(p->t + p->u[i + 1].start, p->u[i + 1].end - p->u[i + 1].start))
				p->u[++i].kind = BLOCK_SUMMARY;
		}
	}
}

/* s[0, len) without white space into out; returns its length. */
static size_t
squeeze(const char *s, size_t len, char *out)
{
	size_t o = 0;
	for (size_t q = 0; q < len;) {
		int32_t cp;
		size_t r = ustr_next(s, len, q, &cp);
		if (!ustr_is_space(cp) && cp != '\n') {
			memcpy(out + o, s + q, r - q);
			o += r - q;
		}
		q = r;
	}
	return o;
}

/* Is the head unit u a repetition of text that comes after it (a scraped
 * page's lead excerpt)? Either whole, or every white-space separated piece
 * of four characters or more, at least two of them. 1, 0 or ERR_NOMEM. */
static int
repeated_lead(const struct parser *p, const struct unit *u)
{
	if (ucount(p, u) > 80)
		return 0;
	size_t hs = u->end, he = p->len - hs > LEAD_WINDOW ? hs + LEAD_WINDOW : p->len;
	char *hay = malloc(he - hs + 1), *seg = malloc(u->end - u->start + 1);
	if (hay == NULL || seg == NULL) {
		free(hay);
		free(seg);
		return ERR_NOMEM;
	}
	size_t hl = squeeze(p->t + hs, he - hs, hay);
	size_t sl = squeeze(p->t + u->start, u->end - u->start, seg);
	int found = sl > 0 && memmem(hay, hl, seg, sl) != NULL;
	size_t matched = 0, missed = 0;
	for (size_t a = u->start; !found && a < u->end;) {
		int32_t cp;
		size_t b = a, q;
		while (b < u->end && (q = ustr_next(p->t, u->end, b, &cp), !ustr_is_space(cp)))
			b = q;
		if (ustr_count(p->t + a, b - a) >= 4) {
			sl = squeeze(p->t + a, b - a, seg);
			if (memmem(hay, hl, seg, sl))
				matched++;
			else
				missed++;
		}
		a = b;
		while (a < u->end && (q = ustr_next(p->t, u->end, a, &cp), ustr_is_space(cp)))
			a = q;
	}
	free(hay);
	free(seg);
	return found || (matched >= 2 && missed == 0);
}

/* The head: navigation, the title, repeated lead lines, a dateline. */
static int
classify_head(struct parser *p)
{
	size_t i, title = p->nu;
	for (i = 0; i < p->nu && i < HEAD_MAX; i++) {
		const struct unit *u = &p->u[i];
		if (u->kind == KIND_NONE && parse_line_prose(p->t + u->start, u->end - u->start))
			break;
	}
	p->body0 = i;
	for (i = 0; i < p->body0; i++) {
		struct unit *u = &p->u[i];
		if (u->kind == KIND_NONE && boiler_nav(p->t + u->start, u->end - u->start))
			u->kind = BLOCK_BOILERPLATE;
	}
	for (i = 0; i < p->body0 && p->u[i].kind != KIND_NONE; i++)
		;
	if (i < p->body0 && !p->u[i].joined) {
		/* "GNU gzip NEWS        -*- outline -*-": Emacs's mode line is
		 * left out of the title */
		const char *s = p->t + p->u[i].start, *ml;
		size_t len = p->u[i].end - p->u[i].start, a, b;
		if (len > 6 && memcmp(s + len - 3, "-*-", 3) == 0 &&
		    (ml = memmem(s, len - 3, "-*-", 3)) != NULL && ml > s) {
			ustr_trim(p->t, p->u[i].start, p->u[i].start + (size_t)(ml - s), &a, &b);
			len = b - a;
		}
		if (parse_line_title(s, len)) {
			p->u[i].kind = BLOCK_TITLE;
			p->u[i].end = p->u[i].start + len;
			title = i;
		}
	}
	for (i = 0; i < p->body0; i++) {
		struct unit *u = &p->u[i];
		char date[11];
		if (i == title || !(u->kind == KIND_NONE || u->kind == BLOCK_SOURCE ||
				    u->kind == BLOCK_BYLINE))
			continue;
		int r = repeated_lead(p, u);
		if (r < 0)
			return r;
		if (r)
			u->kind = BLOCK_BOILERPLATE;
		else if (u->kind == KIND_NONE && ucount(p, u) <= 40 &&
			 parse_line_date(p->t + u->start, u->end - u->start, date))
			u->kind = BLOCK_BYLINE;
	}
	return 0;
}

/* A page footer: from the first footer line after which every unit is short
 * or furniture, to the end; source lines in it stay sources. */
static void
classify_footer(struct parser *p)
{
	size_t c = p->nu;
	while (c > p->body0 + 1) {
		const struct unit *u = &p->u[c - 1];
		if (!(u->kind == BLOCK_BOILERPLATE || u->kind == BLOCK_SOURCE ||
		      u->kind == BLOCK_BYLINE ||
		      (!u->joined && ucount(p, u) <= 50 &&
		       !parse_line_prose(p->t + u->start, u->end - u->start))))
			break;
		c--;
	}
	size_t f = c;
	while (f < p->nu && !boiler_footer(p->t + p->u[f].start, p->u[f].end - p->u[f].start))
		f++;
	for (; f < p->nu; f++)
		if (p->u[f].kind != BLOCK_SOURCE)
			p->u[f].kind = BLOCK_BOILERPLATE;
}

/* A credit alone (具身科技供图) takes the short line (40 characters at
 * most) beside it as its caption: the one before, else the one after. Then
 * the rest. */
static void
classify_rest(struct parser *p)
{
	for (size_t i = 0; i < p->nu; i++) {
		if (p->u[i].kind != BLOCK_CAPTION || !p->u[i].credit_only)
			continue;
		size_t cand[2], nc = 0;
		if (i > 0)
			cand[nc++] = i - 1;
		if (i + 1 < p->nu)
			cand[nc++] = i + 1;
		for (size_t k = 0; k < nc; k++) {
			struct unit *v = &p->u[cand[k]];
			if (v->kind == KIND_NONE && !v->joined && ucount(p, v) <= 40) {
				v->kind = BLOCK_CAPTION;
				break;
			}
		}
	}
	for (size_t i = 0; i < p->nu; i++) {
		struct unit *u = &p->u[i];
		if (u->kind != KIND_NONE)
			continue;
		u->kind = u->underlined ||
				  (!u->joined && parse_line_heading(p->t + u->start, u->end - u->start))
				  ? BLOCK_HEADING
				  : BLOCK_PARAGRAPH;
	}
}

static int
push_sentence(struct parse_result *r, size_t *cap, size_t s, size_t e, size_t b)
{
	if (r->nsents == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct sentence *v = realloc(r->sents, nc * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		r->sents = v;
		*cap = nc;
	}
	r->sents[r->nsents++] = (struct sentence){ s, e, b };
	return 0;
}

static int
split_sentences(const char *t, struct parse_result *r)
{
	size_t cap = 0;
	for (size_t b = 0; b < r->nblocks; b++) {
		const struct block *bl = &r->blocks[b];
		size_t s, e;
		if (bl->kind == BLOCK_PRE) { /* one sentence per line */
			for (size_t a = bl->start; a < bl->end;) {
				const char *nl = memchr(t + a, '\n', bl->end - a);
				size_t z = nl ? (size_t)(nl - t) : bl->end;
				ustr_trim(t, a, z, &s, &e);
				if (e > s && push_sentence(r, &cap, s, e, b) < 0)
					return ERR_NOMEM;
				a = z + 1;
			}
			continue;
		}
		/* a list's sentences end with its items */
		for (size_t a = bl->start; a < bl->end;) {
			size_t z = bl->end, m = a, first = r->nsents;
			if (bl->kind == BLOCK_LIST) { /* the marker ("1.") is no sentence */
				z = prefmt_item_end(t, a, bl->end);
				while (m < z && t[m] == ' ')
					m++;
				a = m;
				m += prefmt_list_marker(t + m, z - m);
			}
			struct sentence_iter it;
			sentence_iter_init(&it, t, m, z);
			while (sentence_iter_next(&it, &s, &e))
				if (push_sentence(r, &cap, s, e, b) < 0)
					return ERR_NOMEM;
			if (r->nsents > first)
				r->sents[first].start = a;
			a = z + 1; /* past the '\n' between items */
		}
	}
	return 0;
}

static char *
dup_range(const char *t, size_t s, size_t n)
{
	return strndup(t + s, n);
}

/* Fill what the header block left empty. 0 or ERR_NOMEM. */
static int
fill_meta(const struct parser *p, struct parse_result *r)
{
	struct meta *m = &r->meta;
	const struct unit *inst = NULL;
	for (size_t i = 0; i < p->nu; i++) {
		const struct unit *u = &p->u[i];
		if (u->kind == BLOCK_TITLE && m->title == NULL &&
		    !(m->title = dup_range(p->t, u->start, u->end - u->start)))
			return ERR_NOMEM;
		if (u->kind == BLOCK_SOURCE && m->source == NULL &&
		    !(m->source = dup_range(p->t, u->start + u->name_off, u->name_len)))
			return ERR_NOMEM;
		if (u->kind == BLOCK_BYLINE && u->byline == PARSE_BYLINE_AUTHOR && m->author == NULL &&
		    !(m->author = dup_range(p->t, u->start + u->name_off, u->name_len)))
			return ERR_NOMEM;
		if (u->kind == BLOCK_BYLINE && u->byline == PARSE_BYLINE_INSTITUTION && inst == NULL)
			inst = u;
		char date[11];
		if ((u->kind == BLOCK_BYLINE || u->kind == BLOCK_SOURCE) && m->date == NULL &&
		    parse_line_date(p->t + u->start, u->end - u->start, date) &&
		    !(m->date = strdup(date)))
			return ERR_NOMEM;
	}
	int nomem = 0;
	if (m->source == NULL && inst &&
	    !(m->source = dup_range(p->t, inst->start + inst->name_off, inst->name_len)))
		return ERR_NOMEM;
	if (m->source == NULL && (m->source = parse_meta_publication(p->t, p->len, &nomem), nomem))
		return ERR_NOMEM;
	if (m->title == NULL) {
		m->title_inferred = 1;
		m->title = parse_meta_infer_title(p->t, r->blocks, r->nblocks, r->sents, r->nsents,
						  &nomem);
		if (nomem)
			return ERR_NOMEM;
		if (m->title == NULL && !(m->title = strdup(PARSE_UNTITLED)))
			return ERR_NOMEM;
	}
	return 0;
}

int
parse_article(const char *text, size_t len, struct parse_result *out)
{
	struct parser p = { .t = text, .len = len };
	struct parse_result r = { 0 };
	int rc = split_lines(&p);
	if (rc == 0)
		rc = build_units(&p, &r.meta);
	if (rc < 0)
		goto fail;
	if (!p.man) {
		classify_alone(&p);
		if ((rc = classify_head(&p)) < 0)
			goto fail;
		classify_footer(&p);
		classify_rest(&p);
	}
	r.blocks = malloc((p.nu ? p.nu : 1) * sizeof *r.blocks);
	if (r.blocks == NULL) {
		rc = ERR_NOMEM;
		goto fail;
	}
	for (size_t i = 0; i < p.nu; i++)
		r.blocks[i] = (struct block){ p.u[i].start, p.u[i].end, (enum block_kind)p.u[i].kind };
	r.nblocks = p.nu;
	if ((rc = split_sentences(text, &r)) < 0 || (rc = fill_meta(&p, &r)) < 0)
		goto fail;
	free(p.lines);
	free(p.u);
	*out = r;
	return 0;
fail:
	free(p.lines);
	free(p.u);
	parse_result_free(&r);
	return rc;
}

void
parse_result_free(struct parse_result *r)
{
	free(r->blocks);
	free(r->sents);
	free(r->meta.title);
	free(r->meta.source);
	free(r->meta.author);
	free(r->meta.date);
	memset(r, 0, sizeof *r);
}
