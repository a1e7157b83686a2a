#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>
#include <utf8proc.h>

#include "err.h"
#include "hanfreq_table.h"

/* How much of a file the detector and the candidate comparison look at. */
#define SAMPLE_BYTES ((size_t)64 << 10)

/* Length of the maximal well-formed prefix check at b[0] (Table 3-7):
 * returns the sequence length if well-formed, else -(bytes of the maximal
 * ill-formed subpart), which is at least 1. */
static long
utf8_seq(const unsigned char *b, size_t n)
{
	unsigned char c = b[0];
	if (c < 0x80)
		return 1;
	size_t need;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return -1;
	size_t i = 1;
	for (; i <= need && i < n; i++) {
		unsigned char d = b[i];
		if (d < lo || d > hi)
			return -(long)i;
		lo = 0x80;
		hi = 0xBF;
	}
	return i > need ? (long)i : -(long)i;
}

void
charset_utf8_scan(const unsigned char *b, size_t n, size_t *multibyte, size_t *bad)
{
	size_t mb = 0, nbad = 0;
	for (size_t i = 0; i < n;) {
		long k = utf8_seq(b + i, n - i);
		if (k < 0) {
			nbad++;
			i += (size_t)-k;
		} else {
			mb += k > 1;
			i += (size_t)k;
		}
	}
	*multibyte = mb;
	*bad = nbad;
}

/* A growing output buffer; ok stays 0 after an allocation failure. */
struct buf {
	char *s;
	size_t len, cap;
	int ok;
};

static int
buf_reserve(struct buf *o, size_t more)
{
	if (!o->ok)
		return 0;
	if (o->cap - o->len > more)
		return 1;
	size_t cap = o->cap ? o->cap : 64;
	while (cap - o->len <= more)
		cap *= 2;
	char *s = realloc(o->s, cap);
	if (s == NULL) {
		o->ok = 0;
		return 0;
	}
	o->s = s;
	o->cap = cap;
	return 1;
}

static void
buf_put(struct buf *o, const void *p, size_t n)
{
	if (buf_reserve(o, n)) {
		memcpy(o->s + o->len, p, n);
		o->len += n;
	}
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

static int
buf_finish(struct buf *o, size_t replaced, struct charset_out *out)
{
	if (!buf_reserve(o, 1)) {
		free(o->s);
		return ERR_NOMEM;
	}
	o->s[o->len] = 0;
	out->s = o->s;
	out->len = o->len;
	out->replaced = replaced;
	return 0;
}

static int
utf8_decode(const unsigned char *b, size_t n, struct charset_out *out)
{
	struct buf o = { NULL, 0, 0, 1 };
	size_t replaced = 0, ok = 0;
	/* the well-formed start (all of it, as usual) is copied whole */
	while (ok < n) {
		long k = b[ok] < 0x80 ? 1 : utf8_seq(b + ok, n - ok);
		if (k < 0)
			break;
		ok += (size_t)k;
	}
	buf_reserve(&o, n + 16);
	buf_put(&o, b, ok);
	for (size_t i = ok; i < n;) {
		long k = utf8_seq(b + i, n - i);
		if (k < 0) {
			buf_put(&o, REPLACEMENT, 3);
			replaced++;
			i += (size_t)-k;
		} else {
			buf_put(&o, b + i, (size_t)k);
			i += (size_t)k;
		}
	}
	return buf_finish(&o, replaced, out);
}

static int
is_utf8_name(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

/* How iconv's decoder for an encoding is resynchronised after an
 * undecodable byte: the width of its code units and, for double-byte
 * encodings, which second bytes belong to the bad character. */
enum unit_class { UNIT_BYTE, UNIT_DBCS, UNIT_EUC, UNIT_GB18030, UNIT_16, UNIT_32 };

static enum unit_class
unit_class(const char *name)
{
	static const struct {
		const char *prefix;
		enum unit_class cls;
	} tab[] = {
		{ "UTF-16", UNIT_16 }, { "UTF16", UNIT_16 }, { "UCS-2", UNIT_16 },
		{ "UTF-32", UNIT_32 }, { "UTF32", UNIT_32 }, { "UCS-4", UNIT_32 },
		{ "GB18030", UNIT_GB18030 }, { "GB", UNIT_DBCS }, { "CP936", UNIT_DBCS },
		{ "BIG5", UNIT_DBCS }, { "BIG-5", UNIT_DBCS }, { "CP950", UNIT_DBCS },
		{ "SHIFT", UNIT_DBCS }, { "SJIS", UNIT_DBCS }, { "CP932", UNIT_DBCS },
		{ "CP949", UNIT_DBCS }, { "UHC", UNIT_DBCS }, { "EUC", UNIT_EUC },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (strncasecmp(name, tab[i].prefix, strlen(tab[i].prefix)) == 0)
			return tab[i].cls;
	return UNIT_BYTE;
}

/* Bytes to skip at p (left > 0) after iconv refused them: the whole bad
 * character where its shape is clear, so one bad character is one U+FFFD
 * and a valid trail byte is not misread as the start of the next one. */
static size_t
skip_len(enum unit_class cls, const unsigned char *p, size_t left)
{
	switch (cls) {
	case UNIT_16: return left < 2 ? left : 2;
	case UNIT_32: return left < 4 ? left : 4;
	case UNIT_BYTE: return 1;
	case UNIT_GB18030:
		if (left >= 4 && p[0] >= 0x81 && p[0] <= 0xFE && p[1] >= 0x30 && p[1] <= 0x39 &&
		    p[2] >= 0x81 && p[2] <= 0xFE && p[3] >= 0x30 && p[3] <= 0x39)
			return 4;
		/* fall through */
	case UNIT_DBCS:
		if (left >= 2 && p[0] >= 0x81 && p[0] <= 0xFE && p[1] >= 0x40 && p[1] <= 0xFE && p[1] != 0x7F)
			return 2;
		return 1;
	case UNIT_EUC:
		if (left >= 2 && p[0] >= 0xA1 && p[0] <= 0xFE && p[1] >= 0xA1 && p[1] <= 0xFE)
			return 2;
		return 1;
	}
	return 1;
}

int
charset_known(const char *name)
{
	if (is_utf8_name(name))
		return 1;
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

int
charset_convert(const char *name, const unsigned char *b, size_t n,
		struct charset_out *out)
{
	if (is_utf8_name(name))
		return utf8_decode(b, n, out);
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return ERR_ENCODING;
	enum unit_class cls = unit_class(name);
	struct buf o = { NULL, 0, 0, 1 };
	size_t replaced = 0;
	char *in = (char *)b;
	size_t inleft = n;
	buf_reserve(&o, 2 * n + 16);
	/* in == NULL once the input is used up: the last round flushes any
	 * shift state the decoder holds. */
	if (inleft == 0)
		in = NULL;
	while (o.ok) {
		char *op = o.s + o.len;
		size_t oleft = o.cap - o.len - 1;
		size_t r = in ? iconv(cd, &in, &inleft, &op, &oleft)
			      : iconv(cd, NULL, NULL, &op, &oleft);
		int e = errno;
		o.len = (size_t)(op - o.s);
		if (r != (size_t)-1) {
			if (in == NULL)
				break;
			in = NULL;
			continue;
		}
		if (e == E2BIG) {
			buf_reserve(&o, o.cap);
			continue;
		}
		if (in == NULL)
			break; /* a flush that fails has nothing left to give */
		buf_put(&o, REPLACEMENT, 3);
		replaced++;
		/* EILSEQ: skip the bad character; EINVAL: the input ends inside one */
		size_t k = e == EILSEQ ? skip_len(cls, (const unsigned char *)in, inleft) : inleft;
		in += k;
		inleft -= k;
		if (inleft == 0)
			in = NULL;
	}
	iconv_close(cd);
	return buf_finish(&o, replaced, out);
}

/* Code units that ordinary text in UTF-16 is made of. */
static int
textual_unit(unsigned u)
{
	return u == '\t' || u == '\n' || u == '\r' || (u >= 0x20 && u < 0x7F) ||
	       (u >= 0xA0 && u < 0x2B0) || (u >= 0x370 && u < 0x530) ||
	       (u >= 0x2000 && u < 0x2070) || (u >= 0x2100 && u < 0x27C0) ||
	       (u >= 0x2E80 && u < 0xA000) || (u >= 0xAC00 && u < 0xD7A4) ||
	       (u >= 0xF900 && u < 0xFB00) || (u >= 0xFE30 && u < 0xFE50) ||
	       (u >= 0xFF00 && u < 0xFFF0) || (u >= 0xD800 && u < 0xE000);
}

/* Readings of UTF-16 bytes compared: a unit read as little- (le) or
 * big-endian counts in text if it looks like text (textual_unit), in right
 * or wrong if a NUL byte is where UTF-16 text has them (the high byte) or
 * where it has not (the low, under a non-NUL high byte), and adds to score
 * as much as it is likely text: a Han character by its frequency in modern
 * Chinese (a unit made of two characters' bytes is seldom a common one),
 * ASCII or punctuation that is not ASCII read out of step. A likely unit
 * with a NUL low byte (U+3000, 一, 开, 最) is not wrong. */
struct unit_tally {
	long text, right, wrong, score;
};

static void
tally(struct unit_tally *t, const unsigned char *b, size_t i, int le, int sign)
{
	unsigned lo = le ? b[i] : b[i + 1], hi = le ? b[i + 1] : b[i], u = hi << 8 | lo;
	int text = textual_unit(u), wrong = lo == 0 && hi != 0, likely = 0;
	if (u >= HANFREQ_TABLE_FIRST && u < HANFREQ_TABLE_FIRST + HANFREQ_TABLE_LEN) {
		int cost = hanfreq_table_costs[u - HANFREQ_TABLE_FIRST] - '@';
		likely = cost > 0 && cost < 20 ? 20 - cost : 0;
	} else if (text && (!wrong || u == 0x3000)) {
		/* ASCII, general and CJK punctuation, full-width forms as a
		 * middling Han character; Latin letters (pinyin) less; not the
		 * rare Han of Extension A nor Hangul, where units made of two
		 * characters' bytes often land. */
		if (u < 0x80 || (u >= 0x2000 && u < 0x2070) || (u >= 0x3000 && u < 0x3100) ||
		    (u >= 0xFF00 && u < 0xFFF0))
			likely = 10;
		else if (u < 0x2B0)
			likely = 3;
	}
	t->text += sign * text;
	t->right += sign * (hi == 0 && lo != 0);
	t->wrong += sign * (wrong && likely == 0);
	t->score += sign * likely;
}

const char *
charset_sniff_utf16_stray(const unsigned char *b, size_t n, size_t *skip)
{
	size_t units = n / 2, odd = n >= 1 ? (n - 1) / 2 : 0, ascii = 0;
	*skip = SIZE_MAX;
	if (units == 0)
		return NULL;
	for (size_t i = 0; i + 1 < n; i += 2)
		ascii += b[i] >= 0x20 && b[i] < 0x7F && b[i + 1] >= 0x20 && b[i + 1] < 0x7F;
	/* ASCII text with a stray NUL reads as CJK too, but there most units
	 * are two printable ASCII bytes; in UTF-16 about one in five. */
	if (ascii * 2 >= units)
		return NULL;
	/* Each byte order, read in step throughout, or for some k: k units in
	 * step, byte 2k skipped, then the units from 2k + 1 on. The reading
	 * with the highest score wins (in step, little-endian on a tie): UTF-16
	 * read one byte out of step in the other byte order looks like text
	 * but not like Chinese. */
	struct unit_tally best = { -1, 0, 0, -1 };
	size_t best_k = SIZE_MAX, best_units = 0;
	int best_le = 1;
	for (int le = 1; le >= 0; le--) {
		struct unit_tally all = { 0 }, cur = { 0 };
		for (size_t j = 0; j < units; j++)
			tally(&all, b, 2 * j, le, 1);
		for (size_t j = 0; j < odd; j++)
			tally(&cur, b, 2 * j + 1, le, 1);
		if (all.score > best.score) {
			best = all;
			best_k = SIZE_MAX;
			best_units = units;
			best_le = le;
		}
		for (size_t k = 0; k <= odd; k++) {
			if (cur.score > best.score) {
				best = cur;
				best_k = k;
				best_units = odd;
				best_le = le;
			}
			if (k < odd) { /* unit k moves from the odd reading to the even */
				tally(&cur, b, 2 * k, le, 1);
				tally(&cur, b, 2 * k + 1, le, -1);
			}
		}
	}
	if (best.right > 0 && best.wrong * 10 <= best.right &&
	    (size_t)best.text * 10 >= best_units * 9) {
		*skip = best_k == SIZE_MAX ? SIZE_MAX : 2 * best_k;
		return best_le ? "UTF-16LE" : "UTF-16BE";
	}
	return NULL;
}

const char *
charset_sniff_utf16(const unsigned char *b, size_t n)
{
	size_t skip;
	const char *name = charset_sniff_utf16_stray(b, n, &skip);
	return skip == SIZE_MAX ? name : NULL;
}

/* What a decoding looks like: wrong double-byte decodings produce kana,
 * Greek, Cyrillic, box drawing, Hangul, bopomofo and private-use characters
 * that Chinese text rarely holds (Big5 read as GB18030), or errors (GB read
 * as Big5). */
struct rating {
	size_t replaced, implausible, nonascii, cjk;
};

static int
rate(const char *name, const unsigned char *b, size_t n, struct rating *r)
{
	struct charset_out co;
	int rc = charset_convert(name, b, n, &co);
	if (rc < 0)
		return rc;
	memset(r, 0, sizeof *r);
	r->replaced = co.replaced;
	for (size_t i = 0; i < co.len;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)co.s + i,
						      (utf8proc_ssize_t)(co.len - i), &c);
		i += k > 0 ? (size_t)k : 1;
		if (k <= 0 || c < 0x80)
			continue;
		r->nonascii++;
		r->cjk += (c >= 0x3000 && c < 0x3040) || (c >= 0x3400 && c < 0xA000) ||
			  (c >= 0xFF00 && c < 0xFFF0) || (c >= 0x2010 && c < 0x2030);
		r->implausible += (c >= 0x80 && c < 0xA0) || (c >= 0x370 && c < 0x530) ||
				  (c >= 0x1100 && c < 0x1200) || (c >= 0x2500 && c < 0x2580) ||
				  (c >= 0x3040 && c < 0x3190) || (c >= 0xAC00 && c < 0xD7A4) ||
				  (c >= 0xE000 && c < 0xF900);
	}
	free(co.s);
	return 0;
}

/* uchardet's name as an iconv name plus the family it belongs to. */
enum family { FAM_SINGLE, FAM_MULTI, FAM_NONE, FAM_UTF8, FAM_GB, FAM_BIG5 };

static enum family
map_guess(const char *g, char *name, size_t cap)
{
	static const struct {
		const char *guess, *iconv;
		enum family fam;
	} tab[] = {
		{ "", "UTF-8", FAM_NONE },          { "ASCII", "UTF-8", FAM_UTF8 },
		{ "UTF-8", "UTF-8", FAM_UTF8 },     { "GB18030", "GB18030", FAM_GB },
		{ "GB2312", "GB18030", FAM_GB },    { "GBK", "GB18030", FAM_GB },
		{ "EUC-CN", "GB18030", FAM_GB },    { "HZ-GB-2312", "GB18030", FAM_GB },
		{ "BIG5", "BIG5", FAM_BIG5 },       { "BIG5-HKSCS", "BIG5-HKSCS", FAM_BIG5 },
		{ "EUC-TW", "EUC-TW", FAM_BIG5 },   { "SHIFT_JIS", NULL, FAM_MULTI },
		{ "EUC-JP", NULL, FAM_MULTI },      { "EUC-KR", NULL, FAM_MULTI },
		{ "ISO-2022-JP", NULL, FAM_MULTI }, { "ISO-2022-KR", NULL, FAM_MULTI },
		{ "ISO-2022-CN", NULL, FAM_MULTI }, { "UHC", NULL, FAM_MULTI },
		{ "JOHAB", NULL, FAM_MULTI },       { "UTF-16", NULL, FAM_MULTI },
		{ "UTF-32", NULL, FAM_MULTI },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (strncasecmp(g, tab[i].guess, strlen(tab[i].guess)) == 0 &&
		    (tab[i].guess[0] || !g[0])) {
			snprintf(name, cap, "%s", tab[i].iconv ? tab[i].iconv : g);
			return tab[i].fam;
		}
	snprintf(name, cap, "%s", g);
	return FAM_SINGLE;
}

/* Of cand[0, nc), the name whose decoding of b[0, n) is most plausible
 * (fewest errors, then fewest implausible characters; a tie keeps the
 * earlier one), with its rating; NULL if none decodes. */
static const char *
most_plausible(const char *const *cand, size_t nc, const unsigned char *b, size_t n,
	       struct rating *best_r)
{
	const char *best = NULL;
	size_t best_score = 0;
	for (size_t i = 0; i < nc; i++) {
		struct rating r;
		if (!charset_known(cand[i]) || rate(cand[i], b, n, &r) < 0)
			continue;
		size_t score = 4 * r.replaced + r.implausible;
		if (best == NULL || score < best_score) {
			best = cand[i];
			best_score = score;
			*best_r = r;
		}
	}
	return best;
}

int
charset_guess(const unsigned char *b, size_t n, char *name, size_t cap)
{
	size_t mb, bad;
	charset_utf8_scan(b, n, &mb, &bad);
	/* A few broken bytes in UTF-8 text (a bad copy, a cut file) are still
	 * UTF-8; legacy double-byte text almost never forms valid sequences. */
	if (mb > 0 && mb >= 4 * bad) {
		snprintf(name, cap, "UTF-8");
		return 0;
	}
	/* Look at a sample cut after a newline, which no multibyte character
	 * of these encodings contains, so the cut breaks no character. */
	size_t sn = n;
	if (n > SAMPLE_BYTES) {
		const unsigned char *nl = memrchr(b + SAMPLE_BYTES / 2, '\n', SAMPLE_BYTES / 2);
		sn = nl ? (size_t)(nl - b) + 1 : SAMPLE_BYTES;
	}
	uchardet_t ud = uchardet_new();
	if (ud == NULL)
		return ERR_NOMEM;
	uchardet_handle_data(ud, (const char *)b, sn);
	uchardet_data_end(ud);
	char guess[64];
	enum family fam = map_guess(uchardet_get_charset(ud), guess, sizeof guess);
	uchardet_delete(ud);
	if (fam == FAM_MULTI && charset_known(guess)) {
		snprintf(name, cap, "%s", guess);
		return 0;
	}
	struct rating r;
	const char *best;
	if (fam == FAM_SINGLE && charset_known(guess)) {
		/* uchardet often takes a short Chinese text for a single-byte
		 * code page; Chinese wins only if it decodes cleanly into Chinese. */
		static const char *const zh[] = { "GB18030", "BIG5", "BIG5-HKSCS" };
		best = most_plausible(zh, 3, b, sn, &r);
		if (best == NULL || r.replaced > 0 || r.implausible > 0 || r.cjk * 10 < r.nonascii * 9)
			best = guess;
	} else {
		/* Candidates in order of preference. */
		const char *cand[5] = { "UTF-8", "GB18030", "BIG5", "BIG5-HKSCS", NULL };
		if (fam == FAM_GB) {
			cand[0] = "GB18030";
			cand[1] = "UTF-8";
		} else if (fam == FAM_BIG5) {
			cand[0] = guess;
			cand[1] = "BIG5";
			cand[2] = "BIG5-HKSCS";
			cand[3] = "GB18030";
			cand[4] = "UTF-8";
		}
		best = most_plausible(cand, cand[4] ? 5 : 4, b, sn, &r);
		if (best == NULL)
			best = "UTF-8";
	}
	snprintf(name, cap, "%s", best);
	return 0;
}
