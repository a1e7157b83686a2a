/* width: per-cluster display width that matches what ncurses will draw.
 *
 * ncurses adds up the C library's wcwidth over the code points of a cluster;
 * a terminal that shapes graphemes may draw some clusters (ZWJ emoji
 * sequences, emoji with a presentation selector or skin tone) in a different
 * number of cells. We draw only the parts both agree on: the first emoji of a
 * ZWJ sequence, no presentation selectors or modifiers, U+FFFD for what
 * wcwidth cannot measure. The per-code-point width is utf8proc's, corrected
 * to glibc's where they differ (generated table, src/width_table.c). */
#include "width.h"

#include <string.h>
#include <utf8proc.h>

#include "width_table.h"

static const struct width_range *
find_range(const struct width_range *t, size_t n, int32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].hi < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && t[lo].lo <= cp ? &t[lo] : NULL;
}

int
width_codepoint(const struct width_opts *o, int32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xff01 && cp <= 0xff60) ||
	    (cp >= 0x3000 && cp <= 0x303e && !(cp >= 0x302a && cp <= 0x302f)))
		return 2; /* the common Chinese ranges, without a lookup */
	if (cp < 0x20 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	utf8proc_category_t cat = utf8proc_category(cp);
	/* Private use: fonts disagree on its width, so it is never measured. */
	if (cat == UTF8PROC_CATEGORY_CN || cat == UTF8PROC_CATEGORY_CO)
		return -1;
	const struct width_range *r = find_range(width_table_fix, width_table_nfix, cp);
	int w = r ? r->w : utf8proc_charwidth(cp);
	if (w == 1 && o->ambiguous_wide &&
	    find_range(width_table_ambiguous, width_table_nambiguous, cp))
		w = 2;
	return w;
}

/* Code points with grapheme break property Other (or Extended_Pictographic)
 * in the ranges Chinese text lives in: between two of them there is always a
 * cluster boundary (no marks, joiners, prepends, jamo or regional
 * indicators; checked against utf8proc by test_width). CR is left out for
 * CR LF. */
static inline int
simple_cp(int32_t cp)
{
	if (cp < 0x80)
		return cp != '\r';
	return (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303f) ||
	       (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309b && cp <= 0x30ff) ||
	       (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	       (cp >= 0xff01 && cp <= 0xff9d);
}

/* Decodes a 1- or 3-byte sequence at u[0, n) into *cp; returns its length,
 * or 0 for anything else (which then goes the slow way). */
static inline size_t
quick_decode(const unsigned char *u, size_t n, int32_t *cp)
{
	if (n >= 1 && u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (n >= 3 && (u[0] & 0xf0) == 0xe0 && (u[1] & 0xc0) == 0x80 && (u[2] & 0xc0) == 0x80) {
		*cp = ((int32_t)(u[0] & 0x0f) << 12) | ((int32_t)(u[1] & 0x3f) << 6) | (u[2] & 0x3f);
		return *cp >= 0x800 ? 3 : 0;
	}
	return 0;
}

size_t
width_next_cluster(const char *s, size_t len, size_t pos)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t a, b;
	size_t k = quick_decode(u + pos, len - pos, &a);
	if (k && simple_cp(a)) {
		if (pos + k == len)
			return pos + k;
		if (quick_decode(u + pos + k, len - pos - k, &b) && simple_cp(b))
			return pos + k;
	}
	utf8proc_int32_t state = 0, prev = -1;
	size_t i = pos;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			if (i == pos)
				return pos + 1; /* an invalid byte is a cluster of its own */
			break;
		}
		if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		i += (size_t)n;
	}
	return i;
}

static int
is_dropped(int32_t cp)
{
	return cp == 0xfe0e || cp == 0xfe0f ||      /* text / emoji presentation */
	       (cp >= 0x1f3fb && cp <= 0x1f3ff) || /* skin tone modifiers */
	       (cp >= 0xe0020 && cp <= 0xe007f);   /* emoji tag sequences */
}

static int
is_mark(int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_ME ||
	       c == UTF8PROC_CATEGORY_MC;
}

/* Appends cp to buf[*n] if it fits with its NUL (cap >= 1). */
static int
put(char *buf, size_t cap, size_t *n, int32_t cp)
{
	utf8proc_uint8_t tmp[4];
	utf8proc_ssize_t k = utf8proc_encode_char(cp, tmp);
	if (*n + (size_t)k + 1 > cap)
		return 0;
	memcpy(buf + *n, tmp, (size_t)k);
	*n += (size_t)k;
	return 1;
}

int
width_cluster_shown(const struct width_opts *o, const char *s, size_t len, char *buf,
		    size_t cap)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	size_t n = 0;
	if (cap < WIDTH_SHOWN_MAX) { /* a caller error; keep the contract anyway */
		if (cap > 0)
			buf[0] = 0;
		return width_cluster(o, s, len);
	}
	if (len == 1 && u[0] >= 0x20 && u[0] < 0x7f) {
		buf[0] = s[0];
		buf[1] = 0;
		return 1;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = len ? utf8proc_iterate(u, (utf8proc_ssize_t)len, &cp) : -1;
	int w0 = k > 0 ? width_codepoint(o, cp) : -1;
	int cols = 0;
	if (w0 < 0) {
		put(buf, cap, &n, 0xfffd);
		buf[n] = 0;
		return width_codepoint(o, 0xfffd);
	}
	if (w0 == 0) {
		if (!is_mark(cp)) { /* zero-width format characters: nothing to draw */
			buf[0] = 0;
			return 0;
		}
		/* A mark with no base would combine with whatever ncurses drew
		 * before it; give it the dotted circle, as Unicode suggests. */
		put(buf, cap, &n, 0x25cc);
		cols = width_codepoint(o, 0x25cc);
	}
	put(buf, cap, &n, cp);
	cols += w0;
	for (size_t i = (size_t)k; i < len; i += (size_t)k) {
		k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0 || cp == 0x200d) /* ZWJ: only the first emoji is drawn */
			break;
		if (is_dropped(cp))
			continue;
		int w = width_codepoint(o, cp);
		if (w < 0)
			continue;
		if (cols + w > WIDTH_CLUSTER_MAX)
			break; /* a cluster is one glyph: at most two cells */
		if (!put(buf, cap, &n, cp)) {
			if (w == 0)
				continue; /* drop marks that do not fit */
			break;
		}
		cols += w;
	}
	buf[n] = 0;
	return cols;
}

int
width_cluster(const struct width_opts *o, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 1 && u[0] >= 0x20 && u[0] < 0x7f)
		return 1;
	if (len == 3 && u[0] >= 0xe4 && u[0] <= 0xe9)
		return 2; /* U+4000..U+9FFF after the cluster check: ideographs */
	int32_t cp = 0;
	if (len > 0 && quick_decode(u, len, &cp) == len) { /* one code point */
		int w = width_codepoint(o, cp);
		if (w > 0)
			return w;
	}
	char buf[WIDTH_SHOWN_MAX];
	return width_cluster_shown(o, s, len, buf, sizeof buf);
}

int
width_str(const struct width_opts *o, const char *s, size_t len)
{
	int w = 0;
	for (size_t i = 0; i < len;) {
		size_t e = width_next_cluster(s, len, i);
		w += width_cluster(o, s + i, e - i);
		i = e;
	}
	return w;
}
