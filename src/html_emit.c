/* html_emit: the blocks of a page in reading order. Block elements end the
 * text gathered so far; headings, list items, block quotes, <pre>, captions
 * and data tables keep their kind; text outside the article becomes
 * boilerplate. White space collapses as a browser collapses it, except in
 * <pre>. */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>

#include "boiler.h"
#include "err.h"
#include "ustr.h"
#include "width.h"

struct emit {
	const struct htree *t;
	struct doc *d;
	int extract;
	char *buf;
	size_t len, cap;
	int in;                /* the buffered text is article text */
	enum block_kind kind;  /* of the buffered text */
	int level, number;
	int item_pending;      /* the current list item's marker is still unused */
	int err;
};

struct ctx {
	int in, pre;
	int verse; /* <br> breaks the line, not the block (a chapter's poem) */
	enum block_kind kind;
	int level, number;
	int depth;   /* list nesting */
	int *counter; /* the enclosing <ol>'s item count */
};

static void
put(struct emit *e, const char *s, size_t n)
{
	if (e->err)
		return;
	if (e->len + n + 1 > e->cap) {
		size_t cap = (e->len + n + 1) * 2;
		char *b = realloc(e->buf, cap);
		if (b == NULL) {
			e->err = ERR_NOMEM;
			return;
		}
		e->buf = b;
		e->cap = cap;
	}
	memcpy(e->buf + e->len, s, n);
	e->len += n;
}

/* A line that is page furniture by its words, wherever it stands: 责任编辑,
 * 免责声明, Copyright (boiler_strong); a breadcrumb (boiler_nav); a short
 * 上一篇 / 分享到 line (boiler_footer); a line of the page's metadata
 * labels: 来源：, 作者：, 发布时间：, 浏览, two of them, or one opening a
 * short line. */
/* A row of three tags or more between '|' ("20190926|国贸|增长率|全球经济"),
 * none over 10 characters. */
static int
tag_row(const char *s, size_t n)
{
	size_t fields = 1, run = 0;
	if (ustr_count(s, n) > 60)
		return 0;
	for (size_t p = 0; p < n;) {
		int32_t cp;
		p = ustr_next(s, n, p, &cp);
		if (cp == '|' || cp == 0xFF5C) {
			if (run == 0)
				return 0;
			fields++;
			run = 0;
		} else if (++run > 10) {
			return 0;
		}
	}
	return fields >= 3 && run > 0;
}

static int
furniture_line(const char *s, size_t n)
{
	size_t a, b;
	ustr_trim(s, 0, n, &a, &b); /* "　　【编辑：姚昊】" */
	s += a;
	n = b - a;
	if (n > 300)
		return 0;
	if (boiler_strong(s, n) || boiler_nav(s, n) ||
	    (ustr_count(s, n) <= 16 && boiler_footer(s, n)))
		return 1;
	static const char *const labels[] = { "来源：", "来源:", "作者：", "作者:", "时间：",
					      "发布时间", "發布時間", "浏览", "瀏覽", "阅读：",
					      "编辑：", "编辑 ", "校对", "日期：", "字号", "字號",
					      "点击：", NULL };
	int found = 0;
	/* "【编辑：姚昊】" opens with its label too */
	size_t open = ustr_prefix(s, n, (const char *const[]){ "\u3010", "\uff08", "(", NULL });
	for (size_t i = 0; labels[i]; i++) {
		size_t at = ustr_find(s, n, labels[i]);
		if (at < n)
			found += 1 + ((at == 0 || at == open) && ustr_count(s, n) <= 60);
	}
	return found >= 2 || tag_row(s, n);
}

static void
flush(struct emit *e)
{
	size_t n = e->len;
	if (e->kind != BLOCK_PRE)
		while (n > 0 && e->buf[n - 1] == ' ')
			n--;
	else
		while (n > 0 && (e->buf[n - 1] == '\n' || e->buf[n - 1] == ' '))
			n--;
	if (n > 0 && !e->err) {
		enum block_kind k = e->in ? e->kind : BLOCK_BOILERPLATE;
		if (e->extract && (k == BLOCK_PARAGRAPH || k == BLOCK_HEADING) &&
		    furniture_line(e->buf, n))
			k = BLOCK_BOILERPLATE;
		int number = e->number;
		if (k == BLOCK_LIST_ITEM) {
			if (!e->item_pending)
				number = -1; /* a second block in one item: no marker */
			e->item_pending = 0;
		}
		int rc = doc_push(e->d, k, e->level, number, e->buf, n);
		if (rc < 0)
			e->err = rc;
	}
	e->len = 0;
}

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
text(struct emit *e, const struct ctx *c, const char *s)
{
	if (e->len > 0 && (e->in != c->in || e->kind != c->kind))
		flush(e);
	if (e->len == 0) {
		e->in = c->in;
		e->kind = c->kind;
		e->level = c->level;
		e->number = c->number;
	}
	if (c->pre) {
		for (const char *p = s; *p; p++)
			if (*p != '\r')
				put(e, p, 1);
			else if (p[1] != '\n')
				put(e, "\n", 1);
		return;
	}
	for (const char *p = s; *p;) {
		if (is_ws(*p)) {
			while (is_ws(*p))
				p++;
			if (e->len > 0 && e->buf[e->len - 1] != ' ' && e->buf[e->len - 1] != '\n')
				put(e, " ", 1);
			continue;
		}
		const char *q = p;
		while (*q && !is_ws(*q))
			q++;
		put(e, p, (size_t)(q - p));
		p = q;
	}
}

/* ---- tables ---- */

static int
data_table(const struct htree *t, size_t i)
{
	const char *role = NULL;
	const GumboAttribute *a = gumbo_get_attribute(&t->v[i].g->v.element.attributes, "role");
	role = a ? a->value : NULL;
	if (role && strcmp(role, "presentation") == 0)
		return 0;
	size_t cells = 0;
	for (size_t k = i + 1; k < t->v[i].end; k++) {
		const struct hn *h = &t->v[k];
		if (h->g->type != GUMBO_NODE_ELEMENT)
			continue;
		if (h->tag == GUMBO_TAG_TABLE)
			return 0;
		if (h->tag == GUMBO_TAG_TD || h->tag == GUMBO_TAG_TH) {
			if (h->text > 200)
				return 0;
			cells++;
		}
	}
	return cells >= 2;
}

struct row {
	char **cell;
	size_t n;
};

static void
rows_free(struct row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < r[i].n; k++)
			free(r[i].cell[k]);
		free(r[i].cell);
	}
	free(r);
}

/* The table at i as aligned text: a line per row, cells padded to their
 * column's width and two spaces apart. XXX: widths are measured with
 * ambiguous characters narrow; a CJK-width terminal may misalign them. */
static void
table(struct emit *e, const struct ctx *c, size_t i)
{
	const struct htree *t = e->t;
	size_t nrows = 0, ncols = 0;
	for (size_t k = i + 1; k < t->v[i].end; k++)
		nrows += t->v[k].tag == GUMBO_TAG_TR && t->v[k].g->type == GUMBO_NODE_ELEMENT;
	struct row *rows = calloc(nrows ? nrows : 1, sizeof *rows);
	if (rows == NULL) {
		e->err = ERR_NOMEM;
		return;
	}
	size_t r = 0;
	for (size_t k = i + 1; k < t->v[i].end && r < nrows && !e->err; k++) {
		if (t->v[k].tag != GUMBO_TAG_TR || t->v[k].g->type != GUMBO_NODE_ELEMENT)
			continue;
		size_t n = 0;
		for (int x = t->v[k].first; x >= 0; x = t->v[x].next)
			n += t->v[x].tag == GUMBO_TAG_TD || t->v[x].tag == GUMBO_TAG_TH;
		rows[r].cell = calloc(n ? n : 1, sizeof *rows[r].cell);
		if (rows[r].cell == NULL) {
			e->err = ERR_NOMEM;
			break;
		}
		for (int x = t->v[k].first; x >= 0; x = t->v[x].next) {
			if (t->v[x].tag != GUMBO_TAG_TD && t->v[x].tag != GUMBO_TAG_TH)
				continue;
			if ((rows[r].cell[rows[r].n++] = html_text_of(t, (size_t)x)) == NULL) {
				e->err = ERR_NOMEM;
				break;
			}
		}
		ncols = rows[r].n > ncols ? rows[r].n : ncols;
		r++;
	}
	int *w = calloc(ncols ? ncols : 1, sizeof *w);
	struct width_opts wo = { 0 };
	if (w == NULL)
		e->err = ERR_NOMEM;
	for (size_t y = 0; y < r && !e->err; y++)
		for (size_t x = 0; x < rows[y].n; x++) {
			int cw = width_str(&wo, rows[y].cell[x], strlen(rows[y].cell[x]));
			w[x] = cw > w[x] ? cw : w[x];
		}
	flush(e);
	e->in = c->in;
	e->kind = BLOCK_TABLE;
	e->level = e->number = 0;
	for (size_t y = 0; y < r && !e->err; y++) {
		size_t last = rows[y].n;
		while (last > 0 && rows[y].cell[last - 1][0] == 0)
			last--;
		for (size_t x = 0; x < last; x++) {
			const char *s = rows[y].cell[x];
			put(e, s, strlen(s));
			if (x + 1 < last)
				for (int pad = w[x] - width_str(&wo, s, strlen(s)) + 2; pad > 0; pad--)
					put(e, " ", 1);
		}
		put(e, "\n", 1);
	}
	if (!e->err) {
		/* a table's lines are kept as they are, like <pre> */
		enum block_kind k = BLOCK_TABLE;
		size_t n = e->len;
		while (n > 0 && e->buf[n - 1] == '\n')
			n--;
		if (n > 0) {
			int rc = doc_push(e->d, e->in ? k : BLOCK_BOILERPLATE, 0, 0, e->buf, n);
			if (rc < 0)
				e->err = rc;
		}
		e->len = 0;
	}
	free(w);
	rows_free(rows, nrows);
}

/* ---- the walk ---- */

static void walk(struct emit *e, size_t i, struct ctx c);

static void
children(struct emit *e, size_t i, const struct ctx *c)
{
	for (int k = e->t->v[i].first; k >= 0 && !e->err; k = e->t->v[k].next)
		walk(e, (size_t)k, *c);
}

/* A book's image with something to say: its alt, a caption when the image
 * stands alone ("[明月图]"), else in the line, bracketed unless it is a
 * glyph drawn as a picture (one or two characters). */
static void
image(struct emit *e, const struct ctx *c, size_t i)
{
	const char *alt;
	int alone;
	if (!html_book_alt(e->t, i, &alt, &alone))
		return;
	struct ctx cc = *c;
	if (alone && !c->pre && !c->verse) {
		flush(e);
		cc.kind = BLOCK_CAPTION;
	}
	int glyph = !alone && ustr_count(alt, strlen(alt)) <= 2;
	text(e, &cc, glyph ? "" : "[");
	text(e, &cc, alt);
	text(e, &cc, glyph ? "" : "]");
	if (cc.kind != c->kind)
		flush(e);
}

static void
walk(struct emit *e, size_t i, struct ctx c)
{
	const struct hn *h = &e->t->v[i];
	if (!e->extract && h->tag == GUMBO_TAG_IMG && !(h->flags & HN_HIDDEN)) {
		image(e, &c, i);
		return;
	}
	if (h->flags & HN_SKIP)
		return;
	if (e->extract) {
		if (h->flags & HN_ARTICLE)
			c.in = 1;
		if (h->flags & HN_REMOVED)
			c.in = 0;
	}
	if (h->flags & HN_HIDDEN)
		c.in = 0;
	if (h->g->type != GUMBO_NODE_ELEMENT) {
		text(e, &c, h->g->v.text.text);
		return;
	}
	if (h->tag == GUMBO_TAG_BR) {
		if (c.pre) {
			text(e, &c, "\n");
		} else if (c.verse) {
			while (e->len > 0 && e->buf[e->len - 1] == ' ')
				e->len--;
			if (e->len > 0 && e->buf[e->len - 1] != '\n')
				put(e, "\n", 1);
		} else {
			flush(e);
		}
		return;
	}
	if (!e->extract && h->tag == GUMBO_TAG_A) {
		char mark[64];
		int k = html_book_note_link(e->t, i, mark, sizeof mark);
		if (k == HTML_NOTE_BACK)
			return;
		if (k == HTML_NOTE_REF) {
			text(e, &c, mark);
			return;
		}
	}
	if (!html_is_block(h->tag)) {
		children(e, i, &c);
		return;
	}
	flush(e);
	if (!e->extract && !c.pre && !c.verse && html_book_verse(e->t, i)) {
		/* a poem's lines, kept as lines; a quoted poem too */
		c.verse = 1;
		c.kind = BLOCK_PRE;
	}
	int counter = 0;
	switch (h->tag) {
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		if (c.kind == BLOCK_PARAGRAPH) {
			c.kind = BLOCK_HEADING;
			c.level = 1 + (int)(h->tag - GUMBO_TAG_H1);
		}
		break;
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DIR: case GUMBO_TAG_MENU:
		c.depth++;
		c.counter = h->tag == GUMBO_TAG_OL ? &counter : NULL;
		break;
	case GUMBO_TAG_LI:
		c.kind = BLOCK_LIST_ITEM;
		c.level = c.depth > 0 ? c.depth : 1;
		c.number = c.counter ? ++*c.counter : 0;
		e->item_pending = 1;
		break;
	case GUMBO_TAG_BLOCKQUOTE:
		c.kind = BLOCK_QUOTE;
		c.level = c.number = 0;
		break;
	case GUMBO_TAG_PRE:
		c.kind = BLOCK_PRE;
		c.pre = 1;
		break;
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION:
		if (c.kind == BLOCK_PARAGRAPH)
			c.kind = BLOCK_CAPTION;
		break;
	case GUMBO_TAG_TABLE:
		if (!c.pre && data_table(e->t, i)) {
			for (int k = h->first; k >= 0; k = e->t->v[k].next)
				if (e->t->v[k].tag == GUMBO_TAG_CAPTION)
					walk(e, (size_t)k, c);
			flush(e);
			table(e, &c, i);
			return;
		}
		break;
	default:
		break;
	}
	children(e, i, &c);
	flush(e);
}

int
html_emit(const struct htree *t, size_t body, int extract, struct doc *d)
{
	struct emit e = { .t = t, .d = d, .extract = extract };
	struct ctx c = { .in = !extract, .kind = BLOCK_PARAGRAPH };
	walk(&e, body, c);
	flush(&e);
	free(e.buf);
	return e.err;
}
