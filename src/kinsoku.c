/* kinsoku: character classes and the break rule (see kinsoku.h).
 *
 * The not-at-start and not-at-end sets are CLREQ's (W3C, "Requirements for
 * Chinese Text Layout", 3.1.7) and JIS X 4051's (classes 1-7), which are also
 * what tools/kinsoku.py in the shared tree judges by. */
#include "kinsoku.h"

#include <stddef.h>
#include <string.h>
#include <utf8proc.h>

#include "width.h"

/* Never at line start; sorted. */
static const int32_t close_set[] = {
	0x00B7, /* · */ 0x00BB, /* » */ 0x2014, /* — */ 0x2015, /* ― */
	0x2019, /* ’ */ 0x201D, /* ” */ 0x2025, /* ‥ */ 0x2026, /* … */
	0x2027, /* ‧ */ 0x203A, /* › */ 0x203C, /* ‼ */ 0x2047, /* ⁇ */
	0x2048, /* ⁈ */ 0x2049, /* ⁉ */ 0x22EF, /* ⋯ */ 0x3001, /* 、 */
	0x3002, /* 。 */ 0x3005, /* 々 */ 0x3009, /* 〉 */ 0x300B, /* 》 */
	0x300D, /* 」 */ 0x300F, /* 』 */ 0x3011, /* 】 */ 0x3015, /* 〕 */
	0x3017, /* 〗 */ 0x3019, /* 〙 */ 0x301B, /* 〛 */ 0x301C, /* 〜 */
	0x301E, /* 〞 */ 0x301F, /* 〟 */ 0x3033, /* 〳 */ 0x3034, /* 〴 */
	0x3035, /* 〵 */ 0x303B, /* 〻 */ 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, /* ぁぃぅぇぉ */
	0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096, /* っゃゅょゎゕゖ */
	0x309D, 0x309E, /* ゝゞ */ 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, /* ァィゥェォ */
	0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE, 0x30F5, 0x30F6, /* ッャュョヮヵヶ */
	0x30FB, /* ・ */ 0x30FC, /* ー */ 0x30FD, 0x30FE, /* ヽヾ */
	0x31F0, 0x31F1, 0x31F2, 0x31F3, 0x31F4, 0x31F5, 0x31F6, 0x31F7, /* ㇰ.. */
	0x31F8, 0x31F9, 0x31FA, 0x31FB, 0x31FC, 0x31FD, 0x31FE, 0x31FF, /* ..ㇿ */
	0xFF01, /* ！ */ 0xFF09, /* ） */ 0xFF0C, /* ， */ 0xFF0E, /* ． */
	0xFF1A, /* ： */ 0xFF1B, /* ； */ 0xFF1F, /* ？ */ 0xFF3D, /* ］ */
	0xFF5D, /* ｝ */ 0xFF5E, /* ～ */ 0xFF60, /* ｠ */ 0xFF61, /* ｡ */
	0xFF63, /* ｣ */ 0xFF64, /* ､ */ 0xFF65, /* ･ */ 0xFF67, 0xFF68, 0xFF69, /* ｧｨｩ */
	0xFF6A, 0xFF6B, 0xFF6C, 0xFF6D, 0xFF6E, 0xFF6F, 0xFF70, /* ｪｫｬｭｮｯｰ */
};

/* Never at line end; sorted. */
static const int32_t open_set[] = {
	0x00AB, /* « */ 0x2018, /* ‘ */ 0x201C, /* “ */ 0x2039, /* ‹ */
	0x3008, /* 〈 */ 0x300A, /* 《 */ 0x300C, /* 「 */ 0x300E, /* 『 */
	0x3010, /* 【 */ 0x3014, /* 〔 */ 0x3016, /* 〖 */ 0x3018, /* 〘 */
	0x301A, /* 〚 */ 0x301D, /* 〝 */ 0xFF08, /* （ */ 0xFF3B, /* ［ */
	0xFF5B, /* ｛ */ 0xFF5F, /* ｟ */ 0xFF62, /* ｢ */
};

/* Units that stay with the number before them (557.6万, 30%, 2023年). */
static const int32_t unit_set[] = {
	0x0025, /* % */ 0x00B0, /* ° */ 0x2030, /* ‰ */ 0x2103, /* ℃ */
	0x4E07, /* 万 */ 0x4E2A, /* 个 */ 0x4EBA, /* 人 */ 0x4EBF, /* 亿 */
	0x4F4D, /* 位 */ 0x500B, /* 個 */ 0x500D, /* 倍 */ 0x5104, /* 億 */
	0x5143, /* 元 */ 0x5146, /* 兆 */ 0x514B, /* 克 */ 0x5206, /* 分 */
	0x5343, /* 千 */ 0x53F0, /* 台 */ 0x53F7, /* 号 */ 0x540D, /* 名 */
	0x5428, /* 吨 */ 0x5468, /* 周 */ 0x5929, /* 天 */ 0x5BB6, /* 家 */
	0x5C81, /* 岁 */ 0x5E74, /* 年 */ 0x5EA6, /* 度 */ 0x6237, /* 户 */
	0x65E5, /* 日 */ 0x65F6, /* 时 */ 0x6642, /* 時 */ 0x6708, /* 月 */
	0x6B21, /* 次 */ 0x6B3E, /* 款 */ 0x6B72, /* 歲 */ 0x6BEB, /* 毫 */
	0x767E, /* 百 */ 0x79CD, /* 种 */ 0x79D2, /* 秒 */ 0x7A2E, /* 種 */
	0x7C73, /* 米 */ 0x842C, /* 萬 */ 0x9805, /* 項 */ 0x9879, /* 项 */
	0x9897, /* 颗 */ 0xFF05, /* ％ */
};

static int
in_set(const int32_t *set, size_t n, int32_t cp)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && set[lo] == cp;
}

#define IN(set, cp) in_set(set, sizeof set / sizeof set[0], cp)

enum kinsoku_class
kinsoku_class_of(int32_t cp)
{
	if (cp < 0x80) {
		switch (cp) {
		case ' ':
		case '\t':
		case '\n':
			return KINSOKU_SP;
		case ',':
		case '.':
		case ';':
		case ':':
		case '?':
		case '!':
		case ')':
		case ']':
		case '}':
			return KINSOKU_CL;
		case '(':
		case '[':
		case '{':
			return KINSOKU_OP;
		default:
			return KINSOKU_AL;
		}
	}
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return KINSOKU_ID;
	if (IN(close_set, cp))
		return KINSOKU_CL;
	if (IN(open_set, cp))
		return KINSOKU_OP;
	if ((cp > 0x3000 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303e) ||
	    (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309b && cp <= 0x30ff) ||
	    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
	    (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff60))
		return KINSOKU_ID; /* CJK symbols, kana, hangul, full-width signs */
	switch (cp) {
	case 0x00A0: case 0x2007: case 0x202F: case 0x2060: case 0xFEFF:
		return KINSOKU_GL;
	case 0x200B: case 0x3000:
		return KINSOKU_SP;
	}
	if ((cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) ||
	    (cp >= 0xff41 && cp <= 0xff5a))
		return KINSOKU_AL; /* full-width letters and digits are still words */
	if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS)
		return KINSOKU_SP;
	static const struct width_opts narrow = { 0 };
	int w = width_codepoint(&narrow, cp);
	if (w == 2)
		return KINSOKU_ID;
	if (w == 0)
		return KINSOKU_ZW;
	return KINSOKU_AL;
}

int
kinsoku_cjk(int32_t cp)
{
	if (cp < 0x80)
		return 0;
	if (cp >= 0x4e00 && cp <= 0x9fff)
		return 1;
	switch (cp) {
	case 0x201C: case 0x201D: case 0x2018: case 0x2019: case 0x2014:
	case 0x2015: case 0x2026: case 0x2025: case 0x00B7:
		return 1;
	}
	static const struct width_opts narrow = { 0 };
	return width_codepoint(&narrow, cp) == 2;
}

static int
is_digit(int32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xff10 && cp <= 0xff19);
}

int
kinsoku_can_break(const struct kinsoku_unit *prev, const struct kinsoku_unit *a,
		  const struct kinsoku_unit *b, int spaced)
{
	/* inside a dot leader (目录 .......... 12): the dots may part */
	if (prev != NULL && prev->cp == '.' && a->cp == '.' && b->cp == '.')
		return 1;
	if (b->cls == KINSOKU_CL || a->cls == KINSOKU_OP)
		return 0;
	if (a->cls == KINSOKU_GL || b->cls == KINSOKU_GL)
		return 0;
	if (spaced)
		return 1;
	if (b->cp == '/') /* UAX #14 LB13: 图/新华, and/or */
		return 0;
	if (a->latin && b->latin)
		return 0;
	if (is_digit(a->cp) && IN(unit_set, b->cp))
		return 0;
	if (a->cp == 0xFFE5 && is_digit(b->cp)) /* ￥100 */
		return 0;
	/* An apostrophe typed as ’ inside a word: don’t */
	if (a->cp == 0x2019 && b->latin && prev != NULL && prev->latin)
		return 0;
	return 1;
}

int
kinsoku_can_break_long(const struct kinsoku_unit *a, const struct kinsoku_unit *b)
{
	static const char before[] = ".@?#-&=";
	if (!a->latin || !b->latin || a->cp == b->cp)
		return 0;
	if (a->cp == '/')
		return 1;
	if (b->cp == '.' && ((a->cp >= '0' && a->cp <= '9') || (a->cp >= 0xff10 && a->cp <= 0xff19)))
		return 0; /* 557.6 */
	return b->cp < 0x80 && b->cp > 0 && strchr(before, (int)b->cp) != NULL &&
	       (a->cp >= 0x80 || strchr(before, (int)a->cp) == NULL);
}

size_t
kinsoku_note_len(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	/* ①..⑳ U+2460..2473, ❶..❿ U+2776..277F */
	if (len >= 3 && u[0] == 0xE2 && ((u[1] == 0x91 && u[2] >= 0xA0 && u[2] <= 0xB3) ||
					  (u[1] == 0x9D && u[2] >= 0xB6 && u[2] <= 0xBF)))
		return 3;
	size_t p = 0;
	if (p < len && s[p] == '^')
		p++;
	if (p >= len || s[p] != '[')
		return 0;
	p++;
	if (len - p >= 3 && (memcmp(s + p, "\u6ce8", 3) == 0 || memcmp(s + p, "\u8a3b", 3) == 0))
		p += 3; /* 注 註 */
	size_t d = p;
	while (p < len && p - d < 4 && s[p] >= '0' && s[p] <= '9')
		p++;
	if (p == d || p - d > 3 || p >= len || s[p] != ']')
		return 0;
	return p + 1;
}
