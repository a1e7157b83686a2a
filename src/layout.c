/* layout: Chinese line breaking inside a character grid.
 *
 * One pass of greedy filling over display units (layout_glyph's clusters):
 * remember the last place the kinsoku rule allows a break; when a unit does
 * not fit, end the line there. Characters that may not start a line therefore
 * travel to the next line together with the character before them (oikomi,
 * push-out); nothing ever hangs past the edge. Only a run with no break
 * opportunity that is longer than the line (a long URL) is cut, at a cluster
 * boundary. Units between the last opportunity and the overflow are measured
 * twice, so the cost stays linear in the block. */
#include "layout.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "kinsoku.h"

void
layout_opts_default(struct layout_opts *o)
{
	memset(o, 0, sizeof *o);
	o->indent_cols = 4;
	o->measure_cols = 80;
	o->punct_fullwidth = 1;
}

/* A display unit with what the breaking needs. */
struct unit {
	size_t start, end;
	int cols;
	struct kinsoku_unit k;
};

static int32_t
decode(const char *text, size_t end, size_t pos)
{
	utf8proc_int32_t cp;
	const unsigned char *u = (const unsigned char *)text + pos;
	if (u[0] < 0x80)
		return u[0];
	if (pos + 3 <= end && (u[0] & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80 && (u[0] > 0xe0 || u[1] >= 0xa0))
		return ((int32_t)(u[0] & 0x0f) << 12) | ((int32_t)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
	if (utf8proc_iterate((const utf8proc_uint8_t *)text + pos, (utf8proc_ssize_t)(end - pos),
			     &cp) <= 0)
		return 0xfffd;
	return cp;
}

/* Code point just before pos in [bs, pos), -1 at the block start. */
static int32_t
cp_before(const char *text, size_t bs, size_t pos)
{
	if (pos <= bs)
		return -1;
	size_t p = pos - 1;
	while (p > bs && ((unsigned char)text[p] & 0xc0) == 0x80)
		p--;
	return decode(text, pos, p);
}

static int32_t
cp_after(const char *text, size_t be, size_t pos)
{
	return pos < be ? decode(text, be, pos) : -1;
}

static int
cjk(int32_t cp)
{
	return cp >= 0 && kinsoku_cjk(cp);
}

static int
is_stop_punct(char c)
{
	return c == ',' || c == ':' || c == ';' || c == '?' || c == '!';
}

/* ASCII , : ; ? ! touching Chinese context on either side ("中国,美国",
 * "DeepSeek,他们"), looking through a run of them so that "好!!" becomes
 * "好！！". Latin on both sides ("1,000", "12:30", "a, b") keeps ASCII. */
static int
stop_converts(const char *text, size_t bs, size_t be, size_t pos)
{
	size_t p = pos, q = pos + 1;
	for (int n = 0; p > bs && is_stop_punct(text[p - 1]) && n < 16; n++)
		p--;
	for (int n = 0; q < be && is_stop_punct(text[q]) && n < 16; n++)
		q++;
	return cjk(cp_before(text, bs, p)) || cjk(cp_after(text, be, q));
}

static int
open_converts(const char *text, size_t bs, size_t be, size_t pos)
{
	return cjk(cp_before(text, bs, pos)) || cjk(cp_after(text, be, pos + 1));
}

/* ')' follows its '(' (found within a short distance); else the same local
 * rule as '('. The search is bounded in bytes and depth so that it stays
 * cheap on any input. */
static int
close_converts(const char *text, size_t bs, size_t be, size_t pos)
{
	int depth = 0;
	size_t lim = pos - bs > 256 ? pos - 256 : bs;
	for (size_t p = pos; p > lim && depth < 8;) {
		p--;
		unsigned char c = (unsigned char)text[p];
		if (c == ')') {
			depth++;
		} else if (c == '(') {
			if (depth-- == 0)
				return open_converts(text, bs, be, p);
		} else if (c == 0x88 && p >= bs + 2 && (unsigned char)text[p - 1] == 0xbc &&
			   (unsigned char)text[p - 2] == 0xef) {
			if (depth-- == 0) /* （ U+FF08 */
				return 1;
			p -= 2;
		}
	}
	return open_converts(text, bs, be, pos);
}

/* The full-width form ASCII c at pos is shown as, or 0. */
static int32_t
fullwidth_of(const struct layout_opts *o, const char *text, size_t bs, size_t be, size_t pos)
{
	char c = text[pos];
	if (!o->punct_fullwidth)
		return 0;
	switch (c) {
	case ',': case ':': case ';': case '?': case '!':
		return stop_converts(text, bs, be, pos) ? 0xff00 + (c - 0x20) : 0;
	case '(':
		return open_converts(text, bs, be, pos) ? 0xff08 : 0;
	case ')':
		return close_converts(text, bs, be, pos) ? 0xff09 : 0;
	}
	return 0;
}

/* The unit at pos; shown (WIDTH_SHOWN_MAX bytes) gets what to draw, if not
 * NULL. Stateless, so the layout and the drawing can never disagree. */
static void
unit_at(const struct layout_opts *o, const char *text, size_t bs, size_t be, size_t pos,
	struct unit *u, char *shown)
{
	unsigned char c = (unsigned char)text[pos];
	u->start = pos;
	if (c == '\n' || c == '\t') {
		/* A joined hard-wrapped line: nothing between Chinese, a space
		 * between Latin words. */
		int32_t a = cp_before(text, bs, pos), b = cp_after(text, be, pos + 1);
		int sp = c == '\t' || (a > ' ' && b > ' ' && !cjk(a) && !cjk(b));
		u->end = pos + 1;
		u->cols = sp;
		u->k = (struct kinsoku_unit){ c, KINSOKU_SP, 0 };
		if (shown)
			strcpy(shown, sp ? " " : "");
		return;
	}
	if (c >= 0xe4 && c <= 0xe9) { /* an ideograph, the common case, quickly */
		u->end = width_next_cluster(text, be, pos);
		if (u->end == pos + 3) {
			u->cols = 2;
			u->k = (struct kinsoku_unit){ decode(text, be, pos), KINSOKU_ID, 0 };
			if (shown) {
				memcpy(shown, text + pos, 3);
				shown[3] = 0;
			}
			return;
		}
	} else if (c < 0x80 && c != '\r') {
		int32_t fw = 0;
		switch (c) {
		case ',': case ':': case ';': case '?': case '!': case '(': case ')':
			fw = fullwidth_of(o, text, bs, be, pos);
			break;
		}
		u->end = width_next_cluster(text, be, pos);
		if (fw && u->end == pos + 1) {
			u->cols = width_codepoint(&o->w, fw);
			u->k = (struct kinsoku_unit){ fw, c == '(' ? KINSOKU_OP : KINSOKU_CL, 0 };
			if (shown) {
				utf8proc_ssize_t n = utf8proc_encode_char(fw, (utf8proc_uint8_t *)shown);
				shown[n] = 0;
			}
			return;
		}
	} else {
		u->end = width_next_cluster(text, be, pos);
	}
	int32_t cp = decode(text, u->end, pos);
	u->k.cp = cp;
	u->k.cls = (unsigned char)kinsoku_class_of(cp);
	u->k.latin = u->k.cls == KINSOKU_AL ||
		     (cp < 0x80 && (u->k.cls == KINSOKU_CL || u->k.cls == KINSOKU_OP));
	if (shown)
		u->cols = width_cluster_shown(&o->w, text + pos, u->end - pos, shown,
					      WIDTH_SHOWN_MAX);
	else
		u->cols = width_cluster(&o->w, text + pos, u->end - pos);
	/* A zero-width class by its first code point, but drawn with columns:
	 * a mark with no base shows on U+25CC, which takes its place like a
	 * letter (the fill adds transparent units without measuring them). */
	if (u->k.cls == KINSOKU_ZW && u->cols > 0)
		u->k = (struct kinsoku_unit){ 0x25cc, KINSOKU_AL, 1 };
}

size_t
layout_glyph(const struct layout_opts *o, const char *text, size_t block_start,
	     size_t block_end, size_t pos, struct layout_glyph *g)
{
	struct unit u;
	unit_at(o, text, block_start, block_end, pos, &u, g->shown);
	g->start = u.start;
	g->end = u.end;
	g->cols = u.cols;
	return g->end;
}

static int
push(struct layout_lines *l, size_t s, size_t e, int indent, int w)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct layout_line *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct layout_line){ s, e, indent, w };
	return 0;
}

struct fill {
	const struct layout_opts *o;
	const char *text;
	size_t bs, be;    /* the block: context for units */
	int first_avail;  /* columns for the first line of the segment */
	int first_indent;
	int avail;        /* columns for the other lines */
	int indent;
	int keep_lead;    /* keep the segment's leading spaces (preformatted) */
};

static size_t
skip_spaces(const struct fill *f, size_t pos, size_t end)
{
	struct unit u;
	while (pos < end) {
		unit_at(f->o, f->text, f->bs, f->be, pos, &u, NULL);
		if (u.k.cls != KINSOKU_SP)
			break;
		pos = u.end;
	}
	return pos;
}

/* Lines of [s, e) (no forced breaks inside) appended to out. */
static int
fill(const struct fill *f, size_t s, size_t e, struct layout_lines *out)
{
	int first = 1;
	size_t pos = f->keep_lead ? s : skip_spaces(f, s, e);
	while (pos < e) {
		int avail = first ? f->first_avail : f->avail;
		int indent = first ? f->first_indent : f->indent;
		int lead = first && f->keep_lead; /* still in leading spaces */
		/* cut_*: the line without its last unit, for a cut in a long run */
		size_t ls = pos, last_end = pos, bp_end = 0, bp_next = 0, prev_start = pos, cut_end = pos;
		int cut_cols = 0;
		int cols = 0, last_cols = 0, bp_cols = 0, have = 0, have_bp = 0, spaced = 0;
		struct kinsoku_unit prev = { 0 }, prev2 = { 0 };
		int have_prev2 = 0, over = 0;
		struct unit u;
		for (pos = ls; pos < e; pos = u.end) {
			unit_at(f->o, f->text, f->bs, f->be, pos, &u, NULL);
			if (u.k.cls != KINSOKU_SP)
				lead = 0;
			if (u.k.cls == KINSOKU_SP && !lead) {
				spaced = 1;
				cols += u.cols;
				continue;
			}
			if (u.k.cls == KINSOKU_SP) /* indentation of preformatted text */
				u.k = (struct kinsoku_unit){ ' ', KINSOKU_AL, 1 };
			if (u.k.cls == KINSOKU_ZW && have && !spaced) {
				cols += u.cols;
				last_end = u.end;
				last_cols = cols;
				continue;
			}
			if (have && kinsoku_can_break(have_prev2 ? &prev2 : NULL, &prev, &u.k, spaced)) {
				bp_end = last_end;
				bp_cols = last_cols;
				bp_next = u.start;
				have_bp = 1;
			}
			if (have && cols + u.cols > avail) {
				over = 1;
				break;
			}
			prev_start = u.start;
			cut_end = last_end;
			cut_cols = last_cols;
			cols += u.cols;
			last_end = u.end;
			last_cols = cols;
			prev2 = prev;
			have_prev2 = have;
			prev = u.k;
			have = 1;
			spaced = 0;
			if (cols > avail) { /* wider than the line by itself (width 1) */
				pos = u.end;
				break;
			}
		}
		if (!have)
			break; /* only spaces were left */
		if (over && have_bp) {
			last_end = bp_end;
			last_cols = bp_cols;
			pos = bp_next;
		} else if (over && u.k.cls == KINSOKU_CL && prev.cls != KINSOKU_CL && prev_start > ls) {
			/* No opportunity on the whole line (a long URL): cut it, but
			 * not right before a closing mark. */
			last_end = cut_end;
			last_cols = cut_cols;
			pos = prev_start;
		}
		if (push(out, ls, last_end, indent, last_cols) < 0)
			return ERR_NOMEM;
		first = 0;
		pos = skip_spaces(f, pos, e);
	}
	return 0;
}

/* A list item's lines hang under its text: the first starts at the item's
 * indent (its leading spaces), the others after the marker too (the run up
 * to the first space after the indent: "• ", "12. "), when that leaves at
 * least half the width. */
static void
list_hang(struct fill *f, int w)
{
	size_t p = f->bs;
	int lead = 0;
	while (p < f->be && f->text[p] == ' ') {
		p++;
		lead++;
	}
	size_t m = p;
	while (m < f->be && f->text[m] != ' ')
		m++;
	while (m < f->be && f->text[m] == ' ')
		m++;
	int hang = lead + width_str(&f->o->w, f->text + p, m - p);
	if (2 * hang > w)
		return;
	f->first_indent = lead;
	f->first_avail = w - lead;
	f->indent = hang;
	f->avail = w - hang;
}

int
layout_block(const struct layout_opts *o, const char *text, const struct block *b,
	     int width_cols, struct layout_lines *out)
{
	int w = width_cols < 1 ? 1 : width_cols;
	struct fill f = { o, text, b->start, b->end, w, 0, w, 0, 0 };
	size_t n0 = out->n;
	int rc;
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
		if (o->indent_cols > 0 && 2 * o->indent_cols <= w &&
		    w - o->indent_cols >= WIDTH_CLUSTER_MAX) {
			f.first_indent = o->indent_cols;
			f.first_avail = w - o->indent_cols;
		}
		break;
	case BLOCK_LIST_ITEM:
		list_hang(&f, w);
		break;
	case BLOCK_SUMMARY: /* inset on both sides, like a block quote */
	case BLOCK_QUOTE:
		if (w >= 24) {
			f.first_indent = f.indent = 2;
			f.first_avail = f.avail = w - 4;
		}
		break;
	default:
		break;
	}
	if (b->kind == BLOCK_PRE || b->kind == BLOCK_TABLE) {
		f.keep_lead = 1;
		rc = 0;
		for (size_t s = b->start; s <= b->end && rc == 0;) {
			const char *nl = memchr(text + s, '\n', b->end - s);
			size_t e = nl ? (size_t)(nl - text) : b->end;
			size_t before = out->n;
			rc = fill(&f, s, e, out);
			if (rc == 0 && out->n == before && e < b->end) /* a blank line stays */
				rc = push(out, s, s, 0, 0);
			s = e + 1;
		}
	} else {
		rc = fill(&f, b->start, b->end, out);
	}
	if (rc < 0)
		return rc;
	if (b->kind == BLOCK_CAPTION && out->n - n0 > 1 && w >= 24) {
		/* A caption that does not fit on one line is inset instead. */
		out->n = n0;
		f.first_indent = f.indent = 2;
		f.first_avail = f.avail = w - 4;
		if ((rc = fill(&f, b->start, b->end, out)) < 0)
			return rc;
		return 0;
	}
	for (size_t i = n0; i < out->n; i++) {
		struct layout_line *l = &out->v[i];
		int slack = w - l->width_cols;
		if (slack < 0)
			slack = 0;
		if (b->kind == BLOCK_TITLE || b->kind == BLOCK_CAPTION)
			l->indent_cols = slack / 2;
		else if (b->kind == BLOCK_BYLINE || b->kind == BLOCK_SOURCE)
			l->indent_cols = slack;
	}
	return 0;
}

int
layout_measure(const struct layout_opts *o, int pane_cols)
{
	int m = o->measure_cols > 0 && o->measure_cols < pane_cols ? o->measure_cols : pane_cols;
	return m < 1 ? 1 : m;
}

int
layout_margin(const struct layout_opts *o, int pane_cols)
{
	int m = (pane_cols - layout_measure(o, pane_cols)) / 2;
	return m < 0 ? 0 : m;
}

void
layout_lines_free(struct layout_lines *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
