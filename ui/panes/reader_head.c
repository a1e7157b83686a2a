/* The reading view's header as rows of the document; see reader_head.h. */
#include "reader_head.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/err.h"
#include "../../src/report.h"

int
reader_head_text_cols(int pane_cols)
{
	return pane_cols > 1 ? pane_cols - 1 : 1;
}

static int
pos_cmp(struct view_pos a, struct view_pos b)
{
	if (a.block != b.block)
		return a.block < b.block ? -1 : 1;
	return a.line < b.line ? -1 : a.line > b.line;
}

static const char *
title_of(const struct reader *r)
{
	return r->a->meta.title ? r->a->meta.title : "";
}

void
reader_head_free(struct reader_head *h)
{
	free(h->meta);
	layout_lines_free(&h->title);
	layout_lines_free(&h->facts);
	h->meta = NULL;
	h->rows = 0;
}

int
reader_head_set(struct reader_head *h, struct reader *r)
{
	int hidden = h->hidden;
	reader_head_free(h);
	memset(h, 0, sizeof *h);
	const struct layout_opts *o = &r->vo.layout;
	int width = layout_measure(o, r->cols);
	const char *t = title_of(r);
	struct block tb = { 0, strlen(t), BLOCK_TITLE };
	if (tb.end > 0 && layout_block(o, t, &tb, width, &h->title) < 0) {
		reader_head_free(h);
		return ERR_NOMEM;
	}
	/* The facts stay on one row: a narrow pane drops parts rather than
	 * break "约11分钟" across rows. An article with no text in yet (a
	 * large page, book or UTF-16 file loading, with no first part) has
	 * no facts to give: it said "0字 · 约1分钟". */
	for (int shorten = 0; shorten <= 3 && r->a->len > 0; shorten++) {
		free(h->meta);
		h->facts.n = 0;
		h->meta = report_facts(r->a, shorten, 1);
		struct block fb = { 0, h->meta ? strlen(h->meta) : 0, BLOCK_TITLE };
		if (h->meta == NULL || layout_block(o, h->meta, &fb, width, &h->facts) < 0) {
			reader_head_free(h);
			return ERR_NOMEM;
		}
		if (h->facts.n <= 1)
			break;
	}
	h->rows = (int)(h->title.n + h->facts.n) + 1;
	if (h->rows * 2 > r->rows) /* a tiny pane keeps its rows for the text */
		h->rows = 0;
	h->hidden = hidden < h->rows ? hidden : h->rows;
	return 0;
}

struct view_pos
reader_head_start(struct reader *r)
{
	return view_pos_of_offset(r->view, 0);
}

int
reader_head_shown(const struct reader_head *h, struct reader *r)
{
	if (h->hidden >= h->rows || pos_cmp(r->top, reader_head_start(r)) != 0)
		return 0;
	return h->rows - h->hidden;
}

/* Rows between a and b (b after a) if at most max, else -1. */
static long
rows_between(struct reader *r, struct view_pos a, struct view_pos b, long max)
{
	long n = 0;
	while (pos_cmp(a, b) < 0 && n <= max) {
		struct view_pos nx = view_scroll(r->view, a, 1);
		if (pos_cmp(nx, a) == 0)
			return -1;
		a = nx;
		n++;
	}
	return pos_cmp(a, b) == 0 && n <= max ? n : -1;
}

long
reader_head_scroll(struct reader_head *h, struct reader *r, long delta)
{
	struct view_pos start = reader_head_start(r), old = r->top;
	long moved = 0;
	if (delta > 0) {
		int shown = reader_head_shown(h, r);
		if (shown > 0) {
			/* hide header rows only while the text's end is below */
			struct view_row vr[512];
			int want = r->rows < 512 ? r->rows : 512;
			int got = view_rows(r->view, start, want, vr);
			long over = (long)got - (r->rows - shown);
			long k = delta < shown ? delta : shown;
			if (got < want && k > over)
				k = over > 0 ? over : 0;
			h->hidden += (int)k;
			moved += k;
			delta -= k;
		}
		if (delta > 0 && reader_head_shown(h, r) == 0) {
			reader_scroll(r, delta);
			long n = rows_between(r, old, r->top, delta);
			moved = n < 0 ? READER_HEAD_JUMP : moved + n;
		}
		return moved;
	}
	if (delta < 0 && pos_cmp(r->top, start) > 0) {
		reader_scroll(r, delta);
		if (pos_cmp(r->top, start) < 0)
			r->top = start; /* the repeated title stays out */
		long n = rows_between(r, r->top, old, -delta);
		if (n < 0)
			return -READER_HEAD_JUMP;
		moved -= n;
		delta += n;
	} else if (delta < 0 && pos_cmp(r->top, start) < 0) {
		reader_scroll(r, delta);
		long n = rows_between(r, r->top, old, -delta);
		return n < 0 ? -READER_HEAD_JUMP : -n;
	}
	if (delta < 0 && pos_cmp(r->top, start) == 0 && h->hidden > 0) {
		long k = -delta < h->hidden ? -delta : h->hidden;
		h->hidden -= (int)k;
		moved -= k;
	}
	return moved;
}

void
reader_head_top(struct reader_head *h, struct reader *r)
{
	r->top = reader_head_start(r);
	h->hidden = 0;
}

void
reader_head_fix(struct reader_head *h, struct reader *r, int at_open)
{
	struct view_pos start = reader_head_start(r);
	int c = pos_cmp(r->top, start);
	if (at_open && c <= 0) {
		reader_head_top(h, r);
		return;
	}
	if (c != 0)
		h->hidden = h->rows;
}

int
reader_head_text_rows(const struct reader_head *h, struct reader *r)
{
	int text = r->rows - reader_head_shown(h, r);
	return text > 1 ? text : 1;
}

static void
draw_lines(WINDOW *w, int y, int margin, const char *s, const struct layout_lines *l, size_t i,
	   const struct layout_opts *o, int attr)
{
	const struct layout_line *ln = &l->v[i];
	int x = margin + ln->indent_cols, maxx = getmaxx(w);
	struct layout_glyph g;
	wattrset(w, attr);
	for (size_t p = ln->start; p < ln->end; p = g.end) {
		layout_glyph(o, s, 0, strlen(s), p, &g);
		unsigned char c0 = (unsigned char)g.shown[0];
		if (g.cols <= 0 || c0 < 0x20 || c0 == 0x7f)
			continue;
		if (x + g.cols > maxx)
			break;
		mvwaddstr(w, y, x, g.shown);
		x += g.cols;
	}
	wattrset(w, A_NORMAL);
}

void
reader_head_draw(const struct reader_head *h, struct reader *r, WINDOW *w, int margin,
		 int title_attr, int facts_attr)
{
	int shown = reader_head_shown(h, r);
	for (int y = 0; y < shown; y++) {
		size_t i = (size_t)(h->hidden + y);
		if (i < h->title.n)
			draw_lines(w, y, margin, title_of(r), &h->title, i, &r->vo.layout, title_attr);
		else if (i < h->title.n + h->facts.n)
			draw_lines(w, y, margin, h->meta, &h->facts, i - h->title.n, &r->vo.layout,
				   facts_attr);
	}
}
