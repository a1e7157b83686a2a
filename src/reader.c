/* The reading view's model; see reader.h. */
#include "reader.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "position.h"

static int
pos_cmp(struct view_pos a, struct view_pos b)
{
	if (a.block != b.block)
		return a.block < b.block ? -1 : 1;
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	return 0;
}

size_t
reader_to_orig(const struct reader *r, size_t off)
{
	if (!r->have_sa)
		return off;
	if (off > r->sa.art.len)
		off = r->sa.art.len;
	return r->sa.to_orig[off];
}

size_t
reader_from_orig(const struct reader *r, size_t off)
{
	if (!r->have_sa)
		return off > r->orig->len ? r->orig->len : off;
	if (off > r->sa.orig_len)
		off = r->sa.orig_len;
	return r->sa.from_orig[off];
}

static int
text_rows(const struct reader *r)
{
	return r->rows > 0 ? r->rows : 1;
}

static struct view_pos
clamp_top(struct reader *r, struct view_pos p)
{
	struct view_pos last = view_last_top(r->view, text_rows(r));
	return pos_cmp(p, last) > 0 ? last : p;
}

int
reader_remap_spans(struct reader *r)
{
	span_list_clear(&r->spans);
	for (size_t i = 0; i < r->base.n; i++) {
		const struct span *s = &r->base.v[i];
		size_t a = reader_from_orig(r, s->start), b = reader_from_orig(r, s->end);
		if (b <= a)
			continue;
		if (span_list_push(&r->spans, a, b, s->kind, s->tag) < 0)
			return ERR_NOMEM;
	}
	span_list_sort(&r->spans);
	return 0;
}

int
reader_rebuild(struct reader *r, size_t off)
{
	struct view *v = view_new(r->a, &r->vo, r->cols > 0 ? r->cols : 1);
	if (v == NULL)
		return ERR_NOMEM;
	if (r->view)
		view_free(r->view);
	r->view = v;
	r->top = clamp_top(r, view_pos_of_offset(v, off));
	r->anchor_valid = 0;
	return 0;
}

int
reader_init(struct reader *r, const struct article *a, struct script *sc,
	    const struct view_opts *vo, int cols, int rows, size_t off)
{
	memset(r, 0, sizeof *r);
	r->orig = a;
	position_index_init(&r->pos, a);
	r->a = a;
	r->script = sc;
	r->kind = SCRIPT_ORIGINAL;
	r->vo = *vo;
	r->cols = cols;
	r->rows = rows;
	r->cur = 0;
	if (reader_rebuild(r, off > a->len ? a->len : off) < 0 ||
	    reader_set_spans(r, NULL) < 0) {
		reader_free(r);
		return ERR_NOMEM;
	}
	return 0;
}

void
reader_free(struct reader *r)
{
	if (r->view)
		view_free(r->view);
	if (r->have_sa)
		script_article_free(&r->sa);
	span_list_free(&r->base);
	span_list_free(&r->spans);
	span_list_free(&r->hits);
	position_index_free(&r->pos);
	memset(r, 0, sizeof *r);
}

size_t
reader_top_offset(struct reader *r)
{
	return view_offset_of_pos(r->view, r->top);
}

size_t
reader_place(struct reader *r)
{
	return reader_to_orig(r, reader_top_offset(r));
}

int
reader_resize(struct reader *r, int cols, int rows)
{
	if (cols == r->cols && rows == r->rows)
		return 0;
	size_t off = r->anchor_valid && pos_cmp(r->top, r->anchor_pos) == 0
			     ? r->anchor : reader_top_offset(r);
	r->cols = cols;
	r->rows = rows;
	int rc = reader_rebuild(r, off);
	r->anchor = off;
	r->anchor_pos = r->top;
	r->anchor_valid = rc == 0;
	return rc;
}

long
reader_scroll(struct reader *r, long delta)
{
	struct view_pos np = clamp_top(r, view_scroll(r->view, r->top, delta));
	if (delta > 0 && pos_cmp(np, r->top) < 0)
		np = r->top; /* a short article: the last page is the first */
	int moved = pos_cmp(np, r->top) != 0;
	r->top = np;
	return moved;
}

void
reader_top(struct reader *r)
{
	r->top = view_pos_of_offset(r->view, 0);
}

void
reader_bottom(struct reader *r)
{
	r->top = view_last_top(r->view, text_rows(r));
}

static struct view_pos
bottom_row(struct reader *r)
{
	return view_scroll(r->view, r->top, text_rows(r) - 1);
}

size_t
reader_screen_end(struct reader *r)
{
	if (reader_at_end(r))
		return r->a->len;
	return view_offset_of_pos(r->view, view_scroll(r->view, r->top, text_rows(r)));
}

int
reader_position(struct reader *r, int rows, int *end_shown)
{
	if (rows < 1)
		rows = 1;
	/* the last row of the article is on screen when no row is below the
	 * bottom one (view_scroll stops at the last row; nothing far away is
	 * laid out to know it) */
	struct view_pos bottom = view_scroll(r->view, r->top, rows - 1);
	struct view_pos below = view_scroll(r->view, bottom, 1);
	int end = pos_cmp(below, bottom) <= 0;
	size_t e = r->orig->len;
	if (!end) /* the first character of the row below the screen */
		e = reader_to_orig(r, view_offset_of_pos(r->view, below));
	if (end_shown)
		*end_shown = end;
	return position_percent(position_chars_before(&r->pos, e), r->orig->chars, end);
}

int
reader_percent(struct reader *r)
{
	return reader_position(r, text_rows(r), NULL);
}

void
reader_goto_percent(struct reader *r, int rows, int pct)
{
	size_t need = position_goal(pct, r->orig->chars);
	if (need == 0) {
		reader_top(r);
		return;
	}
	if (pct >= 100 || need >= r->orig->chars) {
		reader_bottom(r);
		return;
	}
	/* the row holding the character that makes pct becomes the bottom one */
	size_t d = reader_from_orig(r, position_char_at(&r->pos, need));
	struct view_pos bottom = view_pos_of_offset(r->view, d);
	r->top = clamp_top(r, view_scroll(r->view, bottom, -(long)(rows > 1 ? rows - 1 : 0)));
}

int
reader_at_end(struct reader *r)
{
	struct view_pos last = view_last_top(r->view, text_rows(r));
	return pos_cmp(r->top, last) >= 0;
}

void
reader_show(struct reader *r, size_t off, int context)
{
	struct view_pos p = view_pos_of_offset(r->view, off);
	if (pos_cmp(p, r->top) >= 0 && pos_cmp(p, bottom_row(r)) <= 0)
		return;
	if (context >= text_rows(r))
		context = text_rows(r) / 3;
	r->top = clamp_top(r, view_scroll(r->view, p, -context));
}

static int
visible_kind(const struct reader *r, enum block_kind k)
{
	return r->vo.show_boilerplate || (k != BLOCK_BOILERPLATE && k != BLOCK_META);
}

int
reader_heading(struct reader *r, int dir)
{
	const struct article *a = r->a;
	size_t here = reader_top_offset(r);
	size_t cur = r->top.block;
	if (dir > 0) {
		for (size_t b = cur + 1; b < a->nblocks; b++) {
			const struct block *bl = &a->blocks[b];
			if ((bl->kind == BLOCK_HEADING || bl->kind == BLOCK_TITLE) &&
			    bl->end > bl->start && visible_kind(r, bl->kind)) {
				struct view_pos p = view_pos_of_offset(r->view, bl->start);
				struct view_pos np = clamp_top(r, p);
				if (pos_cmp(np, r->top) <= 0)
					return ERR_NOTFOUND; /* already on the last page */
				r->top = np;
				return 0;
			}
		}
		return ERR_NOTFOUND;
	}
	for (size_t b = cur + 1; b-- > 0;) {
		const struct block *bl = &a->blocks[b];
		if ((bl->kind == BLOCK_HEADING || bl->kind == BLOCK_TITLE) &&
		    bl->end > bl->start && bl->start < here && visible_kind(r, bl->kind)) {
			r->top = clamp_top(r, view_pos_of_offset(r->view, bl->start));
			return 0;
		}
	}
	return ERR_NOTFOUND;
}

int
reader_set_spans(struct reader *r, const struct span_list *orig_spans)
{
	span_list_clear(&r->base);
	const struct span_list *own = &r->orig->spans;
	for (size_t i = 0; i < own->n; i++)
		if (span_list_push(&r->base, own->v[i].start, own->v[i].end, own->v[i].kind,
				   own->v[i].tag) < 0)
			return ERR_NOMEM;
	for (size_t i = 0; orig_spans && i < orig_spans->n; i++)
		if (span_list_push(&r->base, orig_spans->v[i].start, orig_spans->v[i].end,
				   orig_spans->v[i].kind, orig_spans->v[i].tag) < 0)
			return ERR_NOMEM;
	return reader_remap_spans(r);
}
