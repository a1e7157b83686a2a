/* kinsoku: the character classes of Chinese line breaking (CLREQ, JIS X 4051
 * kinsoku shori, UAX #14 where those are silent) and the rule that says
 * whether a line may break between two display units. Pure; no state. */
#ifndef DUWEN_KINSOKU_H
#define DUWEN_KINSOKU_H

#include <stddef.h>
#include <stdint.h>

enum kinsoku_class {
	KINSOKU_ID, /* ideographs, kana, hangul, emoji, CJK symbols: break either side */
	KINSOKU_AL, /* Latin letters, digits and the ASCII that sticks to them */
	KINSOKU_CL, /* never starts a line: closing brackets and quotes, stops,
		     * commas, colons, ? !, middle dots, dashes, ellipses, small kana */
	KINSOKU_OP, /* never ends a line: opening brackets and quotes */
	KINSOKU_SP, /* spaces: a break opportunity, dropped at a break */
	KINSOKU_GL, /* no-break space, word joiner: no break either side */
	KINSOKU_ZW, /* zero-width format characters: transparent */
};

/* One display unit as the break rule sees it: its first code point, its
 * class (of what is displayed: ASCII ',' shown as '，' is CL, not latin) and
 * whether it belongs to a Latin run (AL, or ASCII punctuation shown as ASCII);
 * no break is allowed inside a Latin run, so words, numbers, identifiers,
 * URLs and e-mail addresses stay whole. */
struct kinsoku_unit {
	int32_t cp;
	unsigned char cls;   /* enum kinsoku_class */
	unsigned char latin; /* 1: part of a Latin run */
};

/* Class of a unit whose first code point is cp, as displayed as itself. */
enum kinsoku_class kinsoku_class_of(int32_t cp);

/* 1 if cp gives Chinese context to the punctuation next to it: East Asian
 * Wide or Fullwidth, or the ambiguous “ ” ‘ ’ — ― … ‥ · that Chinese text
 * uses (layout looks through the curly quotes for ASCII , : ; ? ! ( ), as
 * English uses them too). */
int kinsoku_cjk(int32_t cp);

/* 1 if a line may break between a and b (adjacent display units; spaced: one
 * or more spaces lie between them). prev is the unit before a, or NULL. */
int kinsoku_can_break(const struct kinsoku_unit *prev, const struct kinsoku_unit *a,
		      const struct kinsoku_unit *b, int spaced);

/* 1 if a token with no break opportunity that is too long for a line may
 * be cut between a and b (both of it): after a '/', before one of
 * . @ ? # - & = (not inside a run of them, nor before the '.' of a
 * number). */
int kinsoku_can_break_long(const struct kinsoku_unit *a, const struct kinsoku_unit *b);

/* Length in bytes of the footnote mark at s[0, len), which must stay with
 * the character before it: [4] [12] ^[4] [注1] [註1] ①..⑳ ❶..❿; else 0. */
size_t kinsoku_note_len(const char *s, size_t len);

#endif
