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
#include "prefmt.h"

/* How many columns a row may give up to end a long token's piece after a
 * '/' rather than before a '.', '-' or the like. */
#define SLASH_SLACK 12

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

/* The curly quotes ‘ ’ “ ” serve English and Chinese alike, so they give
 * no context of their own: the context is what lies beyond them. */
static int
is_quote(int32_t cp)
{
	return cp == 0x2018 || cp == 0x2019 || cp == 0x201C || cp == 0x201D;
}

/* Whether the character before pos, looking through curly quotes (a few,
 * each 3 bytes), is Chinese context. */
static int
cjk_before(const char *text, size_t bs, size_t pos)
{
	int32_t cp = cp_before(text, bs, pos);
	for (int n = 0; is_quote(cp) && n < 4; n++) {
		pos -= 3;
		cp = cp_before(text, bs, pos);
	}
	return cjk(cp) && !is_quote(cp);
}

static int
cjk_after(const char *text, size_t be, size_t pos)
{
	int32_t cp = cp_after(text, be, pos);
	for (int n = 0; is_quote(cp) && n < 4; n++) {
		pos += 3;
		cp = cp_after(text, be, pos);
	}
	return cjk(cp) && !is_quote(cp);
}

static int
is_stop_punct(char c)
{
	return c == ',' || c == ':' || c == ';' || c == '?' || c == '!';
}

/* ASCII , : ; ? ! touching Chinese context on either side ("中国,美国",
 * "DeepSeek,他们"), looking through a run of them so that "好!!" becomes
 * "好！！", and through curly quotes ("好吗?”" converts, "know?’”" does
 * not). Latin on both sides ("1,000", "12:30", "a, b") keeps ASCII. */
static int
stop_converts(const char *text, size_t bs, size_t be, size_t pos)
{
	size_t p = pos, q = pos + 1;
	for (int n = 0; p > bs && is_stop_punct(text[p - 1]) && n < 16; n++)
		p--;
	for (int n = 0; q < be && is_stop_punct(text[q]) && n < 16; n++)
		q++;
	return cjk_before(text, bs, p) || cjk_after(text, be, q);
}

static int
open_converts(const char *text, size_t bs, size_t be, size_t pos)
{
	return cjk_before(text, bs, pos) || cjk_after(text, be, pos + 1);
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
		/* A joined hard-wrapped line (with the next line's indentation):
		 * nothing between Chinese, a space between Latin words. */
		size_t e = pos + 1;
		while (c == '\n' && e < be && text[e] == ' ')
			e++;
		int32_t a = cp_before(text, bs, pos), b = cp_after(text, be, e);
		/* ... but nothing after a '/' either: a URL or path wrapped
		 * after a slash (https:// + lists.debian.org/...) */
		int latin = a > ' ' && b > ' ' && !cjk(a) && !cjk(b);
		int sp = c == '\t' || (latin && a != '/' && a != 0x2010); /* non‐ + ASCII */
		u->end = e;
		u->cols = sp;
		/* "https://" + "lists.debian.org": one token, no break there */
		u->k = (struct kinsoku_unit){ c, latin && !sp ? KINSOKU_ZW : KINSOKU_SP, 0 };
		if (shown)
			strcpy(shown, sp ? " " : "");
		return;
	}
	if (c == 0xe2 && pos + 3 < be && text[pos + 1] == '\x80' && text[pos + 2] == '\x90' &&
	    text[pos + 3] == '\n') {
		/* A word hyphenated at a line's end (groff's U+2010: "speci‐"
		 * + "fied", "FOR‐" + "MAT"), a letter of the same case on each
		 * side: joined whole, the hyphen not shown, no break there */
		size_t e = pos + 4;
		while (e < be && text[e] == ' ')
			e++;
		int32_t a = cp_before(text, bs, pos), b = cp_after(text, be, e);
		if ((a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z') ||
		    (a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z')) {
			u->end = e;
			u->cols = 0;
			u->k = (struct kinsoku_unit){ 0x2010, KINSOKU_ZW, 0 };
			if (shown)
				shown[0] = 0;
			return;
		}
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
	int pre;          /* preformatted: a row broken at spaces keeps one */
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

/* Columns of the run of units from pos up to the next break opportunity,
 * or avail + 1 if it is wider than avail (scans no further). */
static int
run_cols(const struct fill *f, size_t pos, size_t e, int avail)
{
	struct kinsoku_unit prev = { 0 }, prev2 = { 0 };
	int cols = 0, have = 0, have2 = 0;
	size_t glue_end = pos;
	struct unit u;
	for (; pos < e; pos = u.end) {
		unit_at(f->o, f->text, f->bs, f->be, pos, &u, NULL);
		if (u.k.cls == KINSOKU_SP)
			return cols;
		if (u.k.cls == KINSOKU_ZW && have)
			continue;
		size_t note = have ? kinsoku_note_len(f->text + u.start, f->be - u.start) : 0;
		if (note)
			glue_end = u.start + note;
		if (have && u.start >= glue_end && !note &&
		    kinsoku_can_break(have2 ? &prev2 : NULL, &prev, &u.k, 0))
			return cols;
		cols += u.cols;
		if (cols > avail)
			return avail + 1;
		prev2 = prev;
		have2 = have;
		prev = u.k;
		have = 1;
	}
	return cols;
}

/* Columns of the first row a token remainder from pos would fill in a row
 * of limit columns: all of it if it fits (up to the next break
 * opportunity), else up to its last cut (kinsoku_can_break_long) that fits,
 * or the cut after a '/' a little before it, as fill prefers. */
static int
piece_cols(const struct fill *f, size_t pos, size_t e, int limit)
{
	struct kinsoku_unit prev = { 0 };
	int cols = 0, cut = 0, slash = 0, have = 0;
	struct unit u;
	for (; pos < e; pos = u.end) {
		unit_at(f->o, f->text, f->bs, f->be, pos, &u, NULL);
		if (u.k.cls == KINSOKU_SP || (have && !u.k.latin && u.k.cls != KINSOKU_ZW))
			return cols;
		if (u.k.cls == KINSOKU_ZW && have)
			continue;
		if (have && kinsoku_can_break_long(&prev, &u.k)) {
			cut = cols;
			if (prev.cp == '/')
				slash = cols;
		}
		cols += u.cols;
		if (cols > limit) /* as fill chooses */
			return slash > 0 && cut - slash <= SLASH_SLACK ? slash : cut;
		prev = u.k;
		have = 1;
	}
	return cols;
}

/* Lines of [s, e) (no forced breaks inside) appended to out. A token too
 * long for a line (a URL, a path) breaks after '/' or before . @ ? # - & =
 * (kinsoku_can_break_long) when it cannot move whole to the next line; cut
 * at a cluster only when it has none of those. */
static int
fill(const struct fill *f, size_t s, size_t e, struct layout_lines *out)
{
	int first = 1, flush = 0;
	size_t pos = skip_spaces(f, s, e);
	while (pos < e) {
		int avail = first ? f->first_avail : f->avail;
		int indent = first ? f->first_indent : f->indent;
		if (flush && !first) { /* a long token's row: all the width */
			avail += indent;
			indent = 0;
		}
		flush = 0;
		/* cut_*: the line without its last unit, for a cut in a long run */
		size_t ls = pos, last_end = pos, bp_end = 0, bp_next = 0, prev_start = pos, cut_end = pos;
		size_t tb_end = 0, tb_next = 0, glue_end = pos; /* tb: in a long token */
		size_t sl_end = 0, sl_next = 0; /* sl: the last such cut after a '/' */
		int sl_cols = 0, bp_next_cols = 0;
		int cut_cols = 0, tb_cols = 0, have_tb = 0;
		int cols = 0, last_cols = 0, bp_cols = 0, have = 0, have_bp = 0, spaced = 0;
		struct kinsoku_unit prev = { 0 }, prev2 = { 0 };
		int have_prev2 = 0, over = 0;
		struct unit u;
		for (pos = ls; pos < e; pos = u.end) {
			unit_at(f->o, f->text, f->bs, f->be, pos, &u, NULL);
			if (u.k.cls == KINSOKU_SP) {
				spaced = 1;
				cols += u.cols;
				continue;
			}
			if (u.k.cls == KINSOKU_ZW && have && !spaced) {
				cols += u.cols;
				last_end = u.end;
				last_cols = cols;
				continue;
			}
			/* a footnote mark ([4], ^[4], ①) stays with what it follows */
			size_t note = have ? kinsoku_note_len(f->text + u.start, f->be - u.start) : 0;
			if (note)
				glue_end = u.start + note;
			if (!have || note || u.start < glue_end) {
				;
			} else if (kinsoku_can_break(have_prev2 ? &prev2 : NULL, &prev, &u.k, spaced)) {
				bp_end = last_end;
				bp_cols = last_cols;
				bp_next = u.start;
				bp_next_cols = cols;
				have_bp = 1;
			} else if (!spaced && kinsoku_can_break_long(&prev, &u.k)) {
				tb_end = last_end;
				tb_cols = last_cols;
				tb_next = u.start;
				have_tb = 1;
				if (prev.cp == '/') {
					sl_end = tb_end;
					sl_cols = tb_cols;
					sl_next = tb_next;
				}
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
		/* A cut after a '/' a little before the last cut reads better
		 * (https:// | wiki.gentoo.org, not https://wiki | .gentoo.org). */
		if (over && have_tb && sl_next > (have_bp ? bp_next : ls) && sl_next < tb_next &&
		    tb_cols - sl_cols <= SLASH_SLACK) {
			tb_end = sl_end;
			tb_cols = sl_cols;
			tb_next = sl_next;
		}
		/* The token after the last opportunity: does it fit on the next
		 * row, or on a row of all the width (without the indent)? */
		int full = f->avail + f->indent;
		int tok = over && have_bp ? run_cols(f, bp_next, e, full) : 0;
		/* Cut it on this row only if the piece here and the next row's
		 * piece are together wider than a row (else the token starts
		 * the next row: then every cut fills a row). */
		if (over && have_tb && have_bp && tb_next > bp_next && tok > full &&
		    (tb_cols - bp_next_cols) + piece_cols(f, tb_next, e, full) <= full)
			tok = f->avail; /* break at bp, flush */
		if (over && have_tb && (!have_bp || (tb_next > bp_next && tok > full))) {
			/* cut inside the token: it never fits whole; its next
			 * rows take all the width unless the rest fits the
			 * indented one */
			last_end = tb_end;
			last_cols = tb_cols;
			pos = tb_next;
			flush = run_cols(f, tb_next, e, f->avail) > f->avail;
		} else if (over && have_bp) {
			last_end = bp_end;
			last_cols = bp_cols;
			pos = bp_next;
			flush = tok >= f->avail;
			/* preformatted text keeps a space where it breaks (the
			 * whole unit: a space may carry a spacing mark) */
			struct unit sp;
			if (f->pre && bp_next > bp_end && f->text[bp_end] == ' ') {
				unit_at(f->o, f->text, f->bs, f->be, bp_end, &sp, NULL);
				if (sp.end <= bp_next && bp_cols + sp.cols <= avail) {
					last_end = sp.end;
					last_cols = bp_cols + sp.cols;
				}
			}
		} else if (over && u.k.cls == KINSOKU_CL && prev.cls != KINSOKU_CL && prev_start > ls) {
			/* No opportunity on the whole line (a long URL): cut it, but
			 * not right before a closing mark. */
			last_end = cut_end;
			last_cols = cut_cols;
			pos = prev_start;
			flush = 1;
		} else if (over) {
			flush = 1;
		}
		if (push(out, ls, last_end, indent, last_cols) < 0)
			return ERR_NOMEM;
		first = 0;
		pos = skip_spaces(f, pos, e);
	}
	return 0;
}

/* A list item's lines hang under its text: the first starts at the item's
 * indent (its leading spaces), the others after its marker too ("• ",
 * "12. "; an item's second block has none and hangs at its indent), when
 * that leaves at least half the width. */
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
	if (f->be - p >= 3 && memcmp(f->text + p, "\u2022", 3) == 0) {
		m = p + 3;
	} else {
		while (m < f->be && m - p < 6 && f->text[m] >= '0' && f->text[m] <= '9')
			m++;
		m = m > p && m < f->be && f->text[m] == '.' ? m + 1 : p;
	}
	if (m > p && m < f->be && f->text[m] == ' ')
		m++;
	else
		m = p;
	int hang = lead + width_str(&f->o->w, f->text + p, m - p);
	if (2 * hang > w || w - hang < WIDTH_CLUSTER_MAX) /* room for a wide character */
		return;
	f->first_indent = lead;
	f->first_avail = w - lead;
	f->indent = hang;
	f->avail = w - hang;
}

static int
leading_spaces(const char *text, size_t s, size_t e)
{
	int n = 0;
	while (s < e && (text[s] == ' ' || text[s] == '\t')) /* '\t' shows " " */
		s++, n++;
	return n;
}

/* Spaces before s on its line, when only spaces are: a block that starts
 * inside its line's indentation (a manual page's, parse_man) is laid out at
 * the indentation it has past there. */
static int
spaces_before(const char *text, size_t s)
{
	int n = 0;
	while (s > 0 && text[s - 1] == ' ')
		s--, n++;
	return s == 0 || text[s - 1] == '\n' ? n : 0;
}

/* Does the text of the block's first line reach column col (from the
 * block's start) after two spaces: a tag and its text on one line ("-c
 * with -lt")? Else a tag too long for the text's column is a row of its
 * own ("-a, --all", the text under it). */
static int
text_at_col(const char *t, size_t s, size_t e, int col)
{
	size_t p = s;
	for (int c = 0; p < e && c < col; c++) {
		int32_t cp;
		p = ustr_next(t, e, p, &cp);
	}
	return p < e && p >= s + 2 && t[p] != ' ' && t[p - 1] == ' ' && t[p - 2] == ' ';
}

/* Such a paragraph: its first line at its own indentation, the others at
 * the second line's (a hanging tag, "-c     with -lt: sort by..."). */
static void
indented_para(struct fill *f, const struct block *b, int base, int w)
{
	const char *t = f->text, *nl = memchr(t + b->start, '\n', b->end - b->start);
	int first = leading_spaces(t, b->start, b->end), rest = first;
	if (nl)
		rest = leading_spaces(t, (size_t)(nl - t) + 1, b->end) - base;
	if (first * 2 > w || w - first < WIDTH_CLUSTER_MAX)
		first = 0;
	if (rest < 0 || rest * 2 > w || w - rest < WIDTH_CLUSTER_MAX)
		rest = first;
	f->first_indent = first;
	f->first_avail = w - first;
	f->indent = rest;
	f->avail = w - rest;
}

/* A list: each item filled on its own, indented as deep past the list's
 * first line as in the source, its continuation lines hanging under the
 * text after its marker (if that leaves half the width). */
static int
list_items(struct fill *f, const struct block *b, struct layout_lines *out)
{
	const char *t = f->text;
	int w = f->avail, base = leading_spaces(t, b->start, b->end), rc = 0;
	for (size_t s = b->start; s < b->end && rc == 0;) {
		size_t e = prefmt_item_end(t, s, b->end);
		int ind = leading_spaces(t, s, e) - base;
		size_t m = s + (size_t)leading_spaces(t, s, e);
		size_t nl = m;
		while (nl < e && t[nl] != '\n')
			nl++;
		size_t mk = prefmt_list_marker(t + m, nl - m);
		int hang = ind + width_str(&f->o->w, t + m, mk);
		if (ind < 0 || hang * 2 > w || w - hang < 2)
			ind = hang = 0;
		f->first_indent = ind;
		f->first_avail = w - ind;
		f->indent = hang;
		f->avail = w - hang;
		rc = fill(f, s, e, out);
		s = e + 1;
	}
	return rc;
}

int
layout_block(const struct layout_opts *o, const char *text, const struct block *b,
	     int width_cols, struct layout_lines *out)
{
	int w = width_cols < 1 ? 1 : width_cols;
	struct fill f = { o, text, b->start, b->end, w, 0, w, 0, 0 };
	size_t n0 = out->n;
	int rc, base = b->kind == BLOCK_INDENTED || b->kind == BLOCK_PRE
			       ? spaces_before(text, b->start) : 0;
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
	case BLOCK_INDENTED:
		indented_para(&f, b, base, w);
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
	const char *nl = b->kind == BLOCK_INDENTED ? memchr(text + b->start, '\n', b->end - b->start)
						    : NULL;
	if (nl && f.indent > f.first_indent &&
	    !text_at_col(text, b->start, (size_t)(nl - text), f.indent)) {
		/* a tag alone: its row, then the text under it */
		int hang = f.indent;
		f.indent = f.first_indent;
		f.avail = f.first_avail;
		rc = fill(&f, b->start, (size_t)(nl - text), out);
		f.first_indent = f.indent = hang;
		f.first_avail = f.avail = w - hang;
		if (rc == 0)
			rc = fill(&f, (size_t)(nl - text) + 1, b->end, out);
	} else if (b->kind == BLOCK_LIST) {
		rc = list_items(&f, b, out);
	} else if (b->kind == BLOCK_PRE || b->kind == BLOCK_TABLE) {
		f.pre = 1;
		rc = 0;
		for (size_t s = b->start; s <= b->end && rc == 0;) {
			const char *nl = memchr(text + s, '\n', b->end - s);
			size_t e = nl ? (size_t)(nl - text) : b->end;
			size_t before = out->n;
			/* The line's indentation is its rows' indent (the spaces
			 * are left off, as a joined '\n' takes them); a line too
			 * long for the width goes on under it. */
			int lead = leading_spaces(text, s, e) - (s > b->start ? base : 0);
			if (lead < 0)
				lead = 0;
			f.first_indent = lead <= w - 2 ? lead : (w > 2 ? w - 2 : 0);
			f.first_avail = w - f.first_indent;
			f.indent = lead * 2 <= w && w - lead >= 2 ? lead : 0;
			f.avail = w - f.indent;
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
