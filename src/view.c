/* view: lazy layout of an article for scrolling.
 *
 * Rows are counted per visible block in a Fenwick tree: an estimate from the
 * block's byte length until the block is laid out, then the exact count. So
 * creating a view is O(blocks) with no layout at all, and finding the block
 * at a global row (percent, big jumps) is O(log blocks). Laid-out blocks sit
 * in a direct-mapped cache indexed by visible block number: neighbouring
 * blocks never evict each other, and memory stays bounded however far the
 * reader scrolls; view_trim lets go of the blocks far from the screen. */
#include "view.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

#define VIEW_SLOTS 1024u
/* Relative scrolls up to this many rows walk block by block (exact); longer
 * jumps go through the row index, which is exact only for blocks already laid
 * out, and lay out just where they land. */
#define VIEW_WALK_MAX 512L
#define ROWS_EXACT 0x80000000u
#define ROWS_MASK 0x7fffffffu

struct view_slot {
	size_t vis; /* visible block number, or SIZE_MAX when empty */
	struct layout_lines ll;
};

struct view {
	const struct article *a;
	struct view_opts o;
	int measure_cols;
	size_t n;       /* visible blocks */
	size_t *idx;    /* article block index of each visible block */
	uint32_t *rows; /* rows of each visible block; ROWS_EXACT once laid out */
	uint64_t *fen;  /* Fenwick tree over rows, 1-based, n + 1 entries */
	int err;        /* first error of a lazy layout (the block shows empty) */
	struct view_slot slot[VIEW_SLOTS];
};

/* Internal position: visible block number and row inside it. */
struct ipos {
	size_t vis;
	size_t line;
};

void
view_opts_default(struct view_opts *o)
{
	memset(o, 0, sizeof *o);
	layout_opts_default(&o->layout);
	o->show_boilerplate = 0;
	o->blank_between = 1;
}

/* Empty blocks are left out too, so that they do not add blank rows, and
 * a title block that repeats the title (the reader's header shows it
 * first, then the facts, as --dump does). */
int
view_block_hidden(const struct article *a, const struct view_opts *o, const struct block *b)
{
	if (b->start >= b->end || article_repeats_title(a, b))
		return 1;
	return !o->show_boilerplate && (b->kind == BLOCK_BOILERPLATE || b->kind == BLOCK_META);
}

static void
fen_add(struct view *v, size_t i, int64_t d)
{
	for (size_t j = i + 1; j <= v->n; j += j & (~j + 1))
		v->fen[j] = (uint64_t)((int64_t)v->fen[j] + d);
}

/* Rows of visible blocks [0, i). */
static uint64_t
fen_prefix(const struct view *v, size_t i)
{
	uint64_t s = 0;
	for (size_t j = i; j > 0; j -= j & (~j + 1))
		s += v->fen[j];
	return s;
}

/* Visible block holding global row r (n if r is past the end); *before gets
 * the rows of the blocks before it. */
static size_t
fen_find(const struct view *v, uint64_t r, uint64_t *before)
{
	size_t pos = 0, step = 1;
	uint64_t acc = 0;
	while (step * 2 <= v->n)
		step *= 2;
	for (; step > 0; step /= 2) {
		if (pos + step <= v->n && acc + v->fen[pos + step] <= r) {
			pos += step;
			acc += v->fen[pos];
		}
	}
	*before = acc;
	return pos;
}

static uint32_t
estimate_rows(const struct view *v, size_t vis)
{
	const struct block *b = &v->a->blocks[v->idx[vis]];
	size_t len = b->end - b->start;
	if (len == 0)
		return 0;
	/* Chinese UTF-8 is 3 bytes per 2 columns; Latin text is underestimated,
	 * which only moves the scroll bar until the block is seen. */
	size_t cols = len * 2 / 3 + (size_t)v->o.layout.indent_cols;
	size_t lines = (cols + (size_t)v->measure_cols - 1) / (size_t)v->measure_cols;
	if (lines == 0)
		lines = 1;
	if (lines > ROWS_MASK / 2)
		lines = ROWS_MASK / 2;
	return (uint32_t)lines + (v->o.blank_between && vis + 1 < v->n);
}

struct view *
view_new(const struct article *a, const struct view_opts *o, int width_cols)
{
	struct view *v = calloc(1, sizeof *v);
	if (v == NULL)
		return NULL;
	v->a = a;
	v->o = *o;
	v->measure_cols = layout_measure(&o->layout, width_cols < 1 ? 1 : width_cols);
	if (v->measure_cols < 1)
		v->measure_cols = 1;
	for (size_t i = 0; i < VIEW_SLOTS; i++)
		v->slot[i].vis = SIZE_MAX;
	for (size_t i = 0; i < a->nblocks; i++)
		v->n += !view_block_hidden(a, o, &a->blocks[i]);
	v->idx = malloc((v->n ? v->n : 1) * sizeof *v->idx);
	v->rows = malloc((v->n ? v->n : 1) * sizeof *v->rows);
	v->fen = calloc(v->n + 1, sizeof *v->fen);
	if (v->idx == NULL || v->rows == NULL || v->fen == NULL) {
		view_free(v);
		return NULL;
	}
	for (size_t i = 0, k = 0; i < a->nblocks; i++)
		if (!view_block_hidden(a, o, &a->blocks[i]))
			v->idx[k++] = i;
	for (size_t i = 0; i < v->n; i++) {
		v->rows[i] = estimate_rows(v, i);
		v->fen[i + 1] = v->rows[i];
	}
	for (size_t j = 1; j <= v->n; j++) {
		size_t p = j + (j & (~j + 1));
		if (p <= v->n)
			v->fen[p] += v->fen[j];
	}
	return v;
}

void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < VIEW_SLOTS; i++)
		layout_lines_free(&v->slot[i].ll);
	free(v->idx);
	free(v->rows);
	free(v->fen);
	free(v);
}

int
view_err(const struct view *v)
{
	return v->err;
}

static void
slot_drop(struct view_slot *s)
{
	layout_lines_free(&s->ll);
	s->vis = SIZE_MAX;
}

void
view_trim(struct view *v, struct view_pos p, size_t keep)
{
	if (v->n == 0)
		return;
	size_t lo = 0, hi = v->n;
	while (lo < hi) { /* p's visible block: the first not before it */
		size_t mid = lo + (hi - lo) / 2;
		if (v->idx[mid] < p.block)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = 0; i < VIEW_SLOTS; i++) {
		size_t vis = v->slot[i].vis;
		if (vis != SIZE_MAX && (vis > lo ? vis - lo : lo - vis) > keep)
			slot_drop(&v->slot[i]);
	}
}

void
view_forget(struct view *v)
{
	for (size_t i = 0; i < VIEW_SLOTS; i++)
		slot_drop(&v->slot[i]);
}

size_t
view_held(const struct view *v, size_t *bytes)
{
	size_t n = 0, b = 0;
	for (size_t i = 0; i < VIEW_SLOTS; i++) {
		n += v->slot[i].vis != SIZE_MAX;
		b += v->slot[i].ll.cap * sizeof *v->slot[i].ll.v;
	}
	if (bytes)
		*bytes = b;
	return n;
}

/* The lines of visible block vis, laid out on first use; fixes its row count. */
static const struct layout_lines *
lines_of(struct view *v, size_t vis)
{
	struct view_slot *s = &v->slot[vis % VIEW_SLOTS];
	if (s->vis == vis)
		return &s->ll;
	s->ll.n = 0;
	s->vis = vis;
	int rc = layout_block(&v->o.layout, v->a->text, &v->a->blocks[v->idx[vis]],
			      v->measure_cols, &s->ll);
	if (rc < 0) {
		if (v->err == 0)
			v->err = rc;
		s->ll.n = 0;
	}
	if (!(v->rows[vis] & ROWS_EXACT)) {
		size_t nl = s->ll.n > ROWS_MASK / 2 ? ROWS_MASK / 2 : s->ll.n;
		uint32_t r = (uint32_t)nl + (nl > 0 && v->o.blank_between && vis + 1 < v->n);
		fen_add(v, vis, (int64_t)r - (int64_t)v->rows[vis]);
		v->rows[vis] = r | ROWS_EXACT;
	}
	return &s->ll;
}

static size_t
rows_of(struct view *v, size_t vis)
{
	lines_of(v, vis);
	return v->rows[vis] & ROWS_MASK;
}

/* First visible block at or after vis with at least one row (n if none). */
static size_t
next_nonempty(struct view *v, size_t vis)
{
	while (vis < v->n && rows_of(v, vis) == 0)
		vis++;
	return vis;
}

/* Last visible block before vis with at least one row (SIZE_MAX if none). */
static size_t
prev_nonempty(struct view *v, size_t vis)
{
	while (vis > 0) {
		vis--;
		if (rows_of(v, vis) > 0)
			return vis;
	}
	return SIZE_MAX;
}

/* The last row of the article ({0, 0} when there is none). */
static struct ipos
last_row(struct view *v)
{
	size_t b = prev_nonempty(v, v->n);
	if (b == SIZE_MAX)
		return (struct ipos){ 0, 0 };
	return (struct ipos){ b, rows_of(v, b) - 1 };
}

/* A valid row: the block moved to the next non-empty visible one, the line
 * clamped to its last row. */
static struct ipos
fix(struct view *v, struct ipos p)
{
	if (p.vis >= v->n)
		return last_row(v);
	size_t b = next_nonempty(v, p.vis);
	if (b == v->n)
		return last_row(v);
	if (b != p.vis)
		p.line = 0;
	p.vis = b;
	size_t r = rows_of(v, b);
	if (p.line >= r)
		p.line = r - 1;
	return p;
}

static struct ipos
from_pub(struct view *v, struct view_pos p)
{
	size_t lo = 0, hi = v->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->idx[mid] < p.block)
			lo = mid + 1;
		else
			hi = mid;
	}
	struct ipos q = { lo, lo < v->n && v->idx[lo] == p.block ? p.line : 0 };
	return fix(v, q);
}

static struct view_pos
to_pub(const struct view *v, struct ipos p)
{
	if (v->n == 0)
		return (struct view_pos){ 0, 0 };
	return (struct view_pos){ v->idx[p.vis], p.line };
}

int
view_rows(struct view *v, struct view_pos top, int nrows, struct view_row *out)
{
	if (v->n == 0 || nrows <= 0)
		return 0;
	struct ipos p = from_pub(v, top);
	int k = 0;
	for (size_t b = p.vis; b < v->n && k < nrows; b++) {
		const struct layout_lines *ll = lines_of(v, b);
		size_t r = v->rows[b] & ROWS_MASK;
		for (size_t l = b == p.vis ? p.line : 0; l < r && k < nrows; l++, k++) {
			out[k].block = v->idx[b];
			if (l < ll->n) {
				out[k].kind = VIEW_ROW_TEXT;
				out[k].line = ll->v[l];
			} else {
				out[k].kind = VIEW_ROW_BLANK;
				memset(&out[k].line, 0, sizeof out[k].line);
				out[k].line.start = out[k].line.end = v->a->blocks[v->idx[b]].end;
			}
		}
	}
	return k;
}

static struct ipos
walk(struct view *v, struct ipos p, long delta)
{
	while (delta > 0) {
		size_t r = rows_of(v, p.vis);
		size_t rem = r - 1 - p.line;
		if ((unsigned long)delta <= rem) {
			p.line += (size_t)delta;
			break;
		}
		size_t nb = next_nonempty(v, p.vis + 1);
		if (nb == v->n) {
			p.line = r - 1;
			break;
		}
		delta -= (long)rem + 1;
		p.vis = nb;
		p.line = 0;
	}
	while (delta < 0) {
		if ((unsigned long)-delta <= p.line) {
			p.line -= (size_t)-delta;
			break;
		}
		size_t pb = prev_nonempty(v, p.vis);
		if (pb == SIZE_MAX) {
			p.line = 0;
			break;
		}
		delta += (long)p.line + 1;
		p.vis = pb;
		p.line = rows_of(v, pb) - 1;
	}
	return p;
}

static struct ipos
jump(struct view *v, struct ipos p, long delta)
{
	uint64_t total = fen_prefix(v, v->n);
	int64_t g = (int64_t)(fen_prefix(v, p.vis) + p.line) + delta;
	if (g < 0)
		g = 0;
	if ((uint64_t)g >= total)
		return last_row(v);
	uint64_t before;
	size_t b = fen_find(v, (uint64_t)g, &before);
	/* Laying b out does not move `before`: only later blocks shift. */
	return fix(v, (struct ipos){ b, (size_t)((uint64_t)g - before) });
}

struct view_pos
view_scroll(struct view *v, struct view_pos p, long delta)
{
	if (v->n == 0)
		return (struct view_pos){ 0, 0 };
	struct ipos q = from_pub(v, p);
	if (rows_of(v, q.vis) == 0)
		return to_pub(v, q); /* nothing in the article has a row */
	if (delta > VIEW_WALK_MAX || delta < -VIEW_WALK_MAX)
		q = jump(v, q, delta);
	else
		q = walk(v, q, delta);
	return to_pub(v, q);
}

struct view_pos
view_last_top(struct view *v, int nrows)
{
	if (v->n == 0)
		return (struct view_pos){ 0, 0 };
	struct ipos q = last_row(v);
	if (nrows > 1 && rows_of(v, q.vis) > 0)
		q = walk(v, q, -(long)(nrows - 1));
	return to_pub(v, q);
}

struct view_pos
view_pos_of_offset(struct view *v, size_t off)
{
	if (v->n == 0)
		return (struct view_pos){ 0, 0 };
	const struct block *bl = v->a->blocks;
	size_t lo = 0, hi = v->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bl[v->idx[mid]].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == v->n)
		return to_pub(v, last_row(v));
	const struct layout_lines *ll = lines_of(v, lo);
	size_t a = 0, b = ll->n;
	while (a < b) { /* first line that starts after off */
		size_t mid = a + (b - a) / 2;
		if (ll->v[mid].start <= off)
			a = mid + 1;
		else
			b = mid;
	}
	return to_pub(v, fix(v, (struct ipos){ lo, a > 0 ? a - 1 : 0 }));
}

size_t
view_offset_of_pos(struct view *v, struct view_pos p)
{
	if (v->n == 0)
		return 0;
	struct ipos q = from_pub(v, p);
	const struct layout_lines *ll = lines_of(v, q.vis);
	if (q.line < ll->n)
		return ll->v[q.line].start;
	/* The blank row after a block: the reader is about to see the next one. */
	if (q.vis + 1 < v->n)
		return v->a->blocks[v->idx[q.vis + 1]].start;
	return v->a->blocks[v->idx[q.vis]].end;
}

int
view_percent(struct view *v, struct view_pos p)
{
	if (v->n == 0)
		return 100;
	struct ipos q = from_pub(v, p);
	uint64_t total = fen_prefix(v, v->n);
	if (total <= 1)
		return 100;
	uint64_t g = fen_prefix(v, q.vis) + q.line;
	if (g >= total - 1)
		return 100;
	return (int)(g * 100 / (total - 1));
}
