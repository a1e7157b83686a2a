/* The pinyin order of titles; see collate.h. */
#include "collate.h"

#include <string.h>
#include <utf8proc.h>

#include "collate_table.h"
#include "err.h"

/* Words in which a character does not read as its first zh-Hans reading:
 * place names and words that begin titles, in simplified characters
 * (traditional text matches through the table's pairs), each syllable
 * with its tone digit. XXX: a short list, not a dictionary of words;
 * elsewhere a polyphonic character sorts by its first reading. */
static const struct {
	const char *word, *readings;
} collate_words[] = {
	{ "重庆", "chong2 qing4" }, { "重新", "chong2 xin1" },   { "重复", "chong2 fu4" },
	{ "长沙", "chang2 sha1" },  { "长春", "chang2 chun1" },  { "长江", "chang2 jiang1" },
	{ "长城", "chang2 cheng2" }, { "长安", "chang2 an1" },   { "长期", "chang2 qi1" },
	{ "长远", "chang2 yuan3" }, { "长度", "chang2 du4" },    { "长途", "chang2 tu2" },
	{ "厦门", "xia4 men2" },    { "蚌埠", "beng4 bu4" },     { "六安", "lu4 an1" },
	{ "丽水", "li2 shui3" },    { "台州", "tai1 zhou1" },    { "成都", "cheng2 du1" },
	{ "首都", "shou3 du1" },    { "都市", "du1 shi4" },      { "银行", "yin2 hang2" },
	{ "行业", "hang2 ye4" },    { "音乐", "yin1 yue4" },
};

#define WORD_MAX 4    /* characters in a listed word */
#define DIGITS_MAX 24 /* significant digits of a number that count */
#define EL_MAX (2 + DIGITS_MAX)

/* Element classes, the first byte of an element: their order. */
enum { EL_END = 0, EL_DIGITS = 2, EL_LATIN, EL_OTHER, EL_HAN, EL_HAN_NONE };

struct iter {
	const char *s;
	size_t len, pos;
	utf8proc_int32_t buf[24]; /* the folded form of the last code point read */
	int nbuf, ibuf;
	int over[WORD_MAX];       /* readings of a listed word's characters */
	int nover, iover;
	utf8proc_int32_t han, han_simplified; /* the last Han character read */
};

static int
table_digit(char c)
{
	int d = c - '#';
	return d - (c > '?') - (c > '\\');
}

/* 1 + syllable * 5 + tone - 1, or 0. */
static int
table_value(utf8proc_int32_t cp)
{
	if (cp < COLLATE_TABLE_FIRST || cp >= COLLATE_TABLE_FIRST + COLLATE_TABLE_LEN)
		return 0;
	const char *t = collate_table_readings + 2 * (cp - COLLATE_TABLE_FIRST);
	return table_digit(t[0]) * COLLATE_TABLE_DIGITS + table_digit(t[1]);
}

static utf8proc_int32_t
simplified(utf8proc_int32_t cp)
{
	size_t lo = 0, hi = collate_table_nsimplified;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		utf8proc_int32_t t = collate_table_simplified[mid][0];
		if (t == cp)
			return collate_table_simplified[mid][1];
		if (t < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return cp;
}

static int
is_han(utf8proc_int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF) || cp == 0x3007;
}

/* "chong2" -> its table value; 0 if not a syllable of the table. */
static int
word_value(const char *r, size_t n)
{
	if (n < 2 || r[n - 1] < '1' || r[n - 1] > '5')
		return 0;
	size_t sn = n - 1, lo = 0, hi = collate_table_nsyllables;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *t = collate_table_syllables[mid];
		int c = strncmp(t, r, sn);
		if (c == 0 && t[sn])
			c = 1;
		if (c == 0)
			return 1 + (int)mid * 5 + (r[sn] - '1');
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* If a listed word starts at it->pos (its first character's simplified
 * form sc), take its readings for the next Han characters. */
static void
try_word(struct iter *it, utf8proc_int32_t sc)
{
	for (size_t w = 0; w < sizeof collate_words / sizeof collate_words[0]; w++) {
		const unsigned char *u = (const unsigned char *)collate_words[w].word;
		const char *word = collate_words[w].word;
		/* the cheap test first: every word starts with a 3-byte character */
		if ((((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F)) != sc)
			continue;
		size_t wl = strlen(word), wp = 0, p = it->pos;
		int k = 0;
		utf8proc_int32_t wc, tc;
		while (wp < wl && k < WORD_MAX) {
			utf8proc_ssize_t a = utf8proc_iterate((const utf8proc_uint8_t *)word + wp,
							      (utf8proc_ssize_t)(wl - wp), &wc);
			utf8proc_ssize_t b = utf8proc_iterate((const utf8proc_uint8_t *)it->s + p,
							      (utf8proc_ssize_t)(it->len - p), &tc);
			if (a <= 0 || b <= 0 || simplified(tc) != wc)
				break;
			wp += (size_t)a;
			p += (size_t)b;
			k++;
		}
		if (wp < wl)
			continue;
		const char *r = collate_words[w].readings;
		int n = 0;
		while (*r && n < k) {
			size_t l = strcspn(r, " ");
			it->over[n++] = word_value(r, l);
			r += l + (r[l] == ' ');
		}
		it->nover = n;
		it->iover = 0;
		return;
	}
}

/* Read the next code point of the text, folded (compatibility forms,
 * case and accents away) into it->buf. 0 at the end. */
static int
fill(struct iter *it)
{
	while (it->pos < it->len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)it->s + it->pos,
						      (utf8proc_ssize_t)(it->len - it->pos), &cp);
		if (n <= 0) {
			it->pos++;
			continue;
		}
		if (table_value(cp)) {
			it->han = cp;
			it->han_simplified = simplified(cp);
			if (it->iover >= it->nover)
				try_word(it, it->han_simplified);
		}
		it->pos += (size_t)n;
		if (table_value(cp) || (cp < 0x80 && !(cp >= 'A' && cp <= 'Z'))) {
			it->buf[0] = cp; /* folds to itself */
			it->nbuf = 1;
			it->ibuf = 0;
			return 1;
		}
		int bound = 0;
		utf8proc_ssize_t m = utf8proc_decompose_char(
			cp, it->buf, (utf8proc_ssize_t)(sizeof it->buf / sizeof it->buf[0]),
			UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
			&bound);
		if (m < 0 || m > (utf8proc_ssize_t)(sizeof it->buf / sizeof it->buf[0])) {
			it->buf[0] = cp;
			m = 1;
		}
		it->nbuf = (int)m;
		it->ibuf = 0;
		if (m > 0)
			return 1;
	}
	return 0;
}

static utf8proc_int32_t
peek_cp(struct iter *it)
{
	if (it->ibuf >= it->nbuf && !fill(it))
		return -1;
	return it->buf[it->ibuf];
}

static utf8proc_int32_t
next_cp(struct iter *it)
{
	utf8proc_int32_t cp = peek_cp(it);
	if (cp >= 0)
		it->ibuf++;
	return cp;
}

static size_t
put_cp(unsigned char *e, int cls, utf8proc_int32_t cp)
{
	e[0] = (unsigned char)cls;
	e[1] = (unsigned char)(cp >> 16);
	e[2] = (unsigned char)(cp >> 8);
	e[3] = (unsigned char)cp;
	return 4;
}

/* Encode the next element into e (EL_MAX bytes); its length. The
 * encodings are prefix-free: the class (and a number's length) fix it. */
static size_t
next_el(struct iter *it, unsigned char *e)
{
	for (;;) {
		utf8proc_int32_t cp = next_cp(it);
		if (cp < 0) {
			e[0] = EL_END;
			return 1;
		}
		if (cp >= '0' && cp <= '9') {
			size_t nd = 0;
			for (;;) {
				if (nd > 0 || cp != '0') {
					if (nd < DIGITS_MAX)
						e[2 + nd] = (unsigned char)cp;
					nd++;
				}
				cp = peek_cp(it);
				if (cp < '0' || cp > '9')
					break;
				next_cp(it);
			}
			e[0] = EL_DIGITS;
			e[1] = (unsigned char)(nd > 255 ? 255 : nd);
			return 2 + (nd < DIGITS_MAX ? nd : DIGITS_MAX);
		}
		if (is_han(cp)) {
			int v = it->iover < it->nover ? it->over[it->iover++] : 0;
			if (v == 0)
				v = table_value(cp);
			if (v == 0)
				return put_cp(e, EL_HAN_NONE, cp);
			utf8proc_int32_t sc = cp == it->han ? it->han_simplified : simplified(cp);
			e[0] = EL_HAN;
			e[1] = (unsigned char)(v >> 8);
			e[2] = (unsigned char)v;
			e[3] = (unsigned char)(sc >> 16);
			e[4] = (unsigned char)(sc >> 8);
			e[5] = (unsigned char)sc;
			return 6;
		}
		switch (utf8proc_category(cp)) {
		case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
		case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
			return put_cp(e, cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF) ? EL_LATIN : EL_OTHER,
				      cp);
		default: break; /* spaces, punctuation, symbols, marks: ignored here */
		}
	}
}

static void
iter_init(struct iter *it, const char *s, size_t len)
{
	memset(it, 0, sizeof *it);
	it->s = s;
	it->len = len;
}

int
collate_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	struct iter ia, ib;
	unsigned char ea[EL_MAX], eb[EL_MAX];
	iter_init(&ia, a, alen);
	iter_init(&ib, b, blen);
	for (;;) {
		size_t la = next_el(&ia, ea), lb = next_el(&ib, eb);
		int c = memcmp(ea, eb, la < lb ? la : lb);
		if (c == 0 && la != lb)
			c = la < lb ? -1 : 1;
		if (c)
			return c < 0 ? -1 : 1;
		if (ea[0] == EL_END)
			break;
	}
	int c = memcmp(a, b, alen < blen ? alen : blen);
	if (c)
		return c < 0 ? -1 : 1;
	return (alen > blen) - (alen < blen);
}

size_t
collate_key(const char *s, size_t len, unsigned char *out, size_t cap)
{
	struct iter it;
	unsigned char e[EL_MAX];
	size_t n = 0;
	iter_init(&it, s, len);
	for (;;) {
		size_t l = next_el(&it, e);
		for (size_t i = 0; i < l; i++, n++)
			if (n < cap)
				out[n] = e[i];
		if (e[0] == EL_END)
			break;
	}
	for (size_t i = 0; i < len; i++, n++)
		if (n < cap)
			out[n] = (unsigned char)s[i];
	return n;
}

int
collate_reading(uint32_t cp, const char **syllable, int *tone)
{
	int v = cp <= 0x10FFFF ? table_value((utf8proc_int32_t)cp) : 0;
	if (v == 0)
		return ERR_NOTFOUND;
	*syllable = collate_table_syllables[(v - 1) / 5];
	*tone = (v - 1) % 5 + 1;
	return 0;
}
