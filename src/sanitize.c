#include "sanitize.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "err.h"

/* Longest HTML tag or entity we will recognise; longer is literal text. */
#define SANITIZE_TAG_MAX 512
#define SANITIZE_ENT_MAX 12

static int
sanitize_is_bidi(int32_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
	       c == 0x200F || c == 0x061C;
}

/* Decode one scalar at in[i]; *n = bytes used (1 for an invalid byte,
 * reported as -1). */
static int32_t
sanitize_decode(const char *in, size_t len, size_t i, size_t *n)
{
	unsigned char c = (unsigned char)in[i];
	if (c < 0x80) {
		*n = 1;
		return c;
	}
	utf8proc_int32_t cp;
	size_t avail = len - i < 4 ? len - i : 4;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)in + i, (utf8proc_ssize_t)avail, &cp);
	if (k <= 0) {
		*n = 1;
		return -1;
	}
	*n = (size_t)k;
	return cp;
}

/* Skip the rest of an escape sequence whose introducer ended at in[i].
 * kind: '[' CSI, ']' OSC, 'P' DCS/SOS/PM/APC string, 0 plain ESC. Returns
 * the offset after the sequence. A malformed sequence ends before the byte
 * that breaks it, so a CJK character or newline after it survives. */
static size_t
sanitize_skip_seq(const char *in, size_t len, size_t i, int kind)
{
	if (kind == '[') {
		while (i < len && (unsigned char)in[i] >= 0x30 && (unsigned char)in[i] <= 0x3F)
			i++;
		while (i < len && (unsigned char)in[i] >= 0x20 && (unsigned char)in[i] <= 0x2F)
			i++;
		if (i < len && (unsigned char)in[i] >= 0x40 && (unsigned char)in[i] <= 0x7E)
			i++;
		return i;
	}
	if (kind == ']' || kind == 'P') {
		/* Strings end at BEL, ST (ESC \ or U+009C) or, defensively, at a
		 * newline: an unterminated string must not swallow the file. */
		while (i < len) {
			unsigned char c = (unsigned char)in[i];
			if (c == 0x07)
				return i + 1;
			if (c == 0x1B)
				return i + 1 < len && in[i + 1] == '\\' ? i + 2 : i + 1;
			if (c == 0xC2 && i + 1 < len && (unsigned char)in[i + 1] == 0x9C)
				return i + 2;
			if (c == '\n' || c == '\r')
				return i;
			i++;
		}
		return i;
	}
	/* ESC intermediates* final: "ESC ( B", "ESC 7", "ESC c". */
	while (i < len && (unsigned char)in[i] >= 0x20 && (unsigned char)in[i] <= 0x2F)
		i++;
	if (i < len && (unsigned char)in[i] >= 0x30 && (unsigned char)in[i] <= 0x7E)
		i++;
	return i;
}

/* 1 if a string (OSC, DCS...) whose introducer ended at in[i] has its
 * terminator (BEL, ESC, U+009C) before the line ends. memo keeps the last
 * scan, so that a line of many introducers without one is scanned once,
 * not once for each (1.5 MB of U+009D took minutes). */
static int
sanitize_string_ends(const char *in, size_t len, size_t i, struct sanitize_memo *memo)
{
	if (memo->hi > 0 && i >= memo->lo && i <= memo->hi)
		return memo->found;
	size_t j = i, scanned = memo->scanned;
	int found = 0;
	for (; j < len && in[j] != '\n' && in[j] != '\r'; j++)
		if (in[j] == 0x07 || in[j] == 0x1B ||
		    ((unsigned char)in[j] == 0xC2 && j + 1 < len && (unsigned char)in[j + 1] == 0x9C)) {
			found = 1;
			break;
		}
	/* a start in [i, j] finds the same: the terminator at j, or none
	 * before the line's end at j */
	*memo = (struct sanitize_memo){ i, j, found, scanned + (j - i) };
	return found;
}

size_t
sanitize_escape_end(const char *in, size_t len, size_t i, struct sanitize_memo *memo)
{
	if ((unsigned char)in[i] == 0x1B) {
		int kind = 0;
		size_t j = i + 1;
		if (j < len && in[j] == '[')
			kind = '[';
		else if (j < len && in[j] == ']')
			kind = ']';
		else if (j < len && (in[j] == 'P' || in[j] == 'X' || in[j] == '^' || in[j] == '_'))
			kind = 'P';
		return sanitize_skip_seq(in, len, kind ? j + 1 : j, kind);
	}
	if ((unsigned char)in[i] != 0xC2 || i + 1 >= len)
		return i + 1;
	unsigned char c1 = (unsigned char)in[i + 1];
	int kind = c1 == 0x9B ? '[' : c1 == 0x9D ? ']' :
		   (c1 == 0x90 || c1 == 0x98 || c1 == 0x9E || c1 == 0x9F) ? 'P' : -1;
	/* An 8-bit string introducer with no terminator on its line is
	 * mojibake far more often than a sequence (UTF-8's ” read as Latin-1
	 * holds U+009D): only it goes, not the paragraph after it. */
	if ((kind == ']' || kind == 'P') && !sanitize_string_ends(in, len, i + 2, memo))
		kind = -1;
	return kind < 0 ? i + 2 : sanitize_skip_seq(in, len, i + 2, kind);
}

static int
sanitize_is_block_tag(const char *name, size_t n)
{
	static const char *const block[] = {"p", "br", "div", "li", "ul", "ol", "h1", "h2",
					    "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
					    "section", "article", "hr", "dd", "dt", "header", "footer"};
	for (size_t k = 0; k < sizeof block / sizeof block[0]; k++)
		if (strlen(block[k]) == n && strncasecmp(block[k], name, n) == 0)
			return 1;
	return 0;
}

static int
sanitize_is_inline_tag(const char *name, size_t n)
{
	static const char *const inl[] = {"span", "a", "b", "i", "u", "s", "em", "strong", "font",
					  "img", "small", "big", "sup", "sub", "code", "strike",
					  "ins", "del", "mark", "label", "center", "td", "th",
					  "tbody", "thead", "figure", "figcaption", "nav", "main"};
	for (size_t k = 0; k < sizeof inl / sizeof inl[0]; k++)
		if (strlen(inl[k]) == n && strncasecmp(inl[k], name, n) == 0)
			return 1;
	return 0;
}

/* If in[i] starts a known HTML tag or a one-line comment, return its length
 * and set *block when it separates blocks; else 0. */
static size_t
sanitize_tag(const char *in, size_t len, size_t i, int *block)
{
	size_t j = i + 1, end = len - i > SANITIZE_TAG_MAX ? i + SANITIZE_TAG_MAX : len;
	if (end - i >= 7 && memcmp(in + i, "<!--", 4) == 0) {
		for (j = i + 4; j + 3 <= end && in[j] != '\n'; j++)
			if (memcmp(in + j, "-->", 3) == 0) {
				*block = 0;
				return j + 3 - i;
			}
		return 0;
	}
	if (j < end && in[j] == '/')
		j++;
	size_t name = j;
	while (j < end && ((in[j] >= 'a' && in[j] <= 'z') || (in[j] >= 'A' && in[j] <= 'Z') ||
			   (j > name && in[j] >= '1' && in[j] <= '6')))
		j++;
	size_t n = j - name;
	if (n == 0)
		return 0;
	if (j < end && in[j] != '>' && in[j] != ' ' && in[j] != '/')
		return 0;
	*block = sanitize_is_block_tag(in + name, n);
	if (!*block && !sanitize_is_inline_tag(in + name, n))
		return 0;
	while (j < end && in[j] != '>' && in[j] != '<' && in[j] != '\n')
		j++;
	return j < end && in[j] == '>' ? j + 1 - i : 0;
}

/* If in[i] ('&') starts a known entity, return its length and set *cp. */
static size_t
sanitize_entity(const char *in, size_t len, size_t i, int32_t *cp)
{
	static const struct {
		const char *name;
		int32_t cp;
	} ent[] = {{"amp", '&'},	 {"lt", '<'},	   {"gt", '>'},	     {"quot", '"'},
		   {"apos", '\''},	 {"nbsp", 0xA0},   {"ensp", 0x2002}, {"emsp", 0x2003},
		   {"thinsp", 0x2009},	 {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018},
		   {"rsquo", 0x2019},	 {"mdash", 0x2014}, {"ndash", 0x2013}, {"hellip", 0x2026},
		   {"middot", 0xB7},	 {"bull", 0x2022}, {"copy", 0xA9},   {"reg", 0xAE},
		   {"times", 0xD7},	 {"yen", 0xA5}};
	size_t j = i + 1, end = len - i > SANITIZE_ENT_MAX ? i + SANITIZE_ENT_MAX : len;
	while (j < end && in[j] != ';')
		j++;
	if (j >= end || j == i + 1)
		return 0;
	const char *s = in + i + 1;
	size_t n = j - i - 1;
	if (s[0] == '#') {
		int hex = n > 1 && (s[1] == 'x' || s[1] == 'X');
		int32_t v = 0;
		size_t k = hex ? 2 : 1;
		if (k >= n)
			return 0;
		for (; k < n; k++) {
			int d;
			char c = s[k];
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				return 0;
			v = v * (hex ? 16 : 10) + d;
			if (v > 0x10FFFF)
				return 0;
		}
		*cp = v;
		return n + 2;
	}
	for (size_t k = 0; k < sizeof ent / sizeof ent[0]; k++)
		if (strlen(ent[k].name) == n && memcmp(ent[k].name, s, n) == 0) {
			*cp = ent[k].cp;
			return n + 2;
		}
	return 0;
}

int
sanitize_is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFEFF || cp == 0x2028 ||
	       cp == 0x2029 || !utf8proc_codepoint_valid(cp) || sanitize_is_bidi(cp);
}

/* Append cp unless it is a control; counts what it drops. */
static int
sanitize_emit(struct clean_buf *out, int32_t cp, struct sanitize_stats *st)
{
	if (cp == '\t')
		cp = ' ';
	if (cp == 0x2028 || cp == 0x2029)
		cp = '\n';
	if (cp == '\n' || cp == ' ')
		return clean_buf_put(out, &(char){(char)cp}, 1);
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFEFF || !utf8proc_codepoint_valid(cp)) {
		st->controls++;
		return 0;
	}
	if (sanitize_is_bidi(cp)) {
		st->bidi++;
		return 0;
	}
	return clean_buf_put_cp(out, cp);
}

/* The column of out's end on its line (code points since the last '\n';
 * XXX: a wide character counts one). *at caches where it was counted to. */
static size_t
sanitize_column(const struct clean_buf *out, size_t *at, size_t *col)
{
	const char *s = out->s + *at, *nl = memrchr(s, '\n', out->len - *at);
	size_t c = nl ? 0 : *col;
	for (const char *q = nl ? nl + 1 : s; q < out->s + out->len; q++)
		c += ((unsigned char)*q & 0xC0) != 0x80;
	*at = out->len;
	*col = c;
	return c;
}

/* A backspace: man(1)'s overstrike ("N\bN" bold, "_\bx" underline, "+\bo" a
 * bullet) leaves the character struck last, "x\b_" the x; a lone one is
 * dropped. Returns how many bytes of in[i] it took, ERR_NOMEM. */
static int
sanitize_overstrike(const char *in, size_t len, size_t i, struct clean_buf *out, size_t *at,
		    size_t *col)
{
	size_t p = out->len, n = 0;
	if (p == 0 || i + 1 >= len)
		return 1;
	while (--p > 0 && ((unsigned char)out->s[p] & 0xC0) == 0x80)
		;
	if (out->s[p] == '\n')
		return 1;
	int32_t prev = sanitize_decode(out->s, out->len, p, &n);
	int32_t next = sanitize_decode(in, len, i + 1, &n);
	if (next < 0x20 || next == 0x7F)
		return 1;
	if (next == '_' && prev != '_')
		return 2;
	out->len = p; /* the next code point is emitted as usual */
	if (*at > p) {
		*at = p;
		*col = *col > 0 ? *col - 1 : 0;
	}
	if ((prev == '+' && next == 'o') || (prev == 'o' && next == '+'))
		return clean_buf_put_cp(out, 0x2022) < 0 ? ERR_NOMEM : 2;
	return 1;
}

/* html: drop tags and decode entities (articles); else keep them as text. */
static int
sanitize_run(const char *in, size_t len, struct clean_buf *out, struct sanitize_stats *st,
	     int html)
{
	if (clean_buf_reserve(out, len) < 0)
		return ERR_NOMEM;
	struct sanitize_memo memo = { 0, 0, 0, 0 };
	size_t i = 0, col_at = 0, col = 0;
	while (i < len) {
		unsigned char c = (unsigned char)in[i];
		int rc = 0;
		if (c == '\b') {
			rc = sanitize_overstrike(in, len, i, out, &col_at, &col);
			if (rc > 0)
				i += (size_t)rc, rc = 0;
		} else if (c == '\t') { /* to the next stop of eight columns */
			size_t k = 8 - sanitize_column(out, &col_at, &col) % 8;
			rc = clean_buf_put(out, "        ", k);
			i++;
		} else if (c >= 0x20 && c < 0x7F && (!html || (c != '<' && c != '&'))) {
			size_t j = i + 1;
			while (j < len && (unsigned char)in[j] >= 0x20 && (unsigned char)in[j] < 0x7F &&
			       (!html || (in[j] != '<' && in[j] != '&')))
				j++;
			rc = clean_buf_put(out, in + i, j - i);
			i = j;
		} else if (c == '\r') {
			rc = clean_buf_put(out, "\n", 1);
			i += i + 1 < len && in[i + 1] == '\n' ? 2 : 1;
		} else if (c == 0x1B || (c == 0xC2 && i + 1 < len && (unsigned char)in[i + 1] >= 0x80 &&
					 (unsigned char)in[i + 1] <= 0x9F)) {
			i = sanitize_escape_end(in, len, i, &memo);
			st->controls++;
		} else if (html && (c == '<' || c == '&')) {
			int block = 0;
			int32_t cp = 0;
			size_t n = c == '<' ? sanitize_tag(in, len, i, &block) : sanitize_entity(in, len, i, &cp);
			if (n == 0) {
				rc = clean_buf_put(out, in + i, 1);
				i++;
			} else if (c == '&') {
				rc = sanitize_emit(out, cp, st);
				i += n;
			} else {
				/* A block tag breaks the line unless a break is already there. */
				i += n;
				if (block && out->len > 0 && out->s[out->len - 1] != '\n' && i < len &&
				    in[i] != '\n' && in[i] != '\r')
					rc = clean_buf_put(out, "\n", 1);
			}
		} else {
			size_t n;
			int32_t cp = sanitize_decode(in, len, i, &n);
			if (cp < 0) {
				st->invalid++;
				cp = 0xFFFD;
			}
			rc = sanitize_emit(out, cp, st);
			i += n;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

int
sanitize_text(const char *in, size_t len, struct clean_buf *out, struct sanitize_stats *st)
{
	return sanitize_run(in, len, out, st, 1);
}

int
sanitize_plain(const char *in, size_t len, struct clean_buf *out, struct sanitize_stats *st)
{
	return sanitize_run(in, len, out, st, 0);
}
