/* match: the one matcher for cities, themes, keywords and search. Text and
 * patterns are folded the same way (OpenCC t2s, then NFKC + case folding
 * per code point with utf8proc, joined line breaks between CJK characters
 * dropped), so 開源 = 开源, ＡＩ = ai = AI, ，= ,. Hits come back as spans
 * over the ORIGINAL text through the fold's offset maps. A match_text owns
 * its buffers (match_text_free); a match_set owns its patterns. */
#ifndef DUWEN_MATCH_H
#define DUWEN_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "article.h"
#include "script.h"
#include "span.h"

/* One piece of the map from folded bytes to original ones (match.c). */
struct match_seg {
	uint32_t f, o, oe;
};

/* A folded text and a compact map from each of its bytes to the original
 * code point (or converted run) it came from: see match_text_start/_end.
 * Texts of 4 GiB or more are refused (ERR_TOOBIG). */
struct match_text {
	char *text;       /* folded, NUL-terminated */
	size_t len;       /* bytes */
	size_t orig_len;
	struct match_seg *seg; /* private to match.c */
	size_t nseg;
};

/* [match_text_start(t, i), match_text_end(t, i)): the original bytes that
 * folded byte i < t->len came from. match_text_start(t, t->len) and
 * match_text_end(t, t->len) are t->orig_len. O(log segments). */
size_t match_text_start(const struct match_text *t, size_t i);
size_t match_text_end(const struct match_text *t, size_t i);
/* The same, looking for byte i's piece of the map from *hint (0 at first:
 * any value is correct), which they set for the next call: a few steps
 * for bytes near the last one asked for. */
size_t match_text_start_near(const struct match_text *t, size_t i, size_t *hint);
size_t match_text_end_near(const struct match_text *t, size_t i, size_t *hint);

/* Fold text[0, len). sc may be NULL (no script folding). 0, ERR_TOOBIG or ERR_NOMEM;
 * out written only on success. */
int match_fold(struct script *sc, const char *text, size_t len, struct match_text *out);
void match_text_free(struct match_text *t);
/* match_fold without its fast paths (utf8proc for every code point past
 * ASCII, one code point at a time): the same result, slower; for the
 * tests that pin the fast paths. */
int match_fold_ref(struct script *sc, const char *text, size_t len, struct match_text *out);

/* First folded byte that comes from original byte off or later (t->len if
 * none). */
size_t match_text_at(const struct match_text *t, size_t off);
/* The same, searching from *hint (0 at first: any value is correct), which
 * it sets for the next call: near the last offset asked for, as along the
 * sentences of a text, the answer costs a few steps instead of a binary
 * search over the whole map. */
size_t match_text_at_near(const struct match_text *t, size_t off, size_t *hint);

/* The folded texts of a list of articles (which the caller keeps alive). */
struct match_corpus {
	const struct article *arts;
	struct match_text *folded; /* n entries, parallel to arts */
	size_t n;
};

/* Fold every article. 0 or ERR_NOMEM; out written only on success. */
int match_corpus_fold(struct script *sc, const struct article *arts, size_t n,
		      struct match_corpus *out);
void match_corpus_free(struct match_corpus *mc);

/* Fold a single word into a malloc'd NUL-terminated string (for showing a
 * pattern, comparing names). NULL on allocation failure. */
char *match_fold_word(struct script *sc, const char *word);

enum match_flags {
	/* A pattern that begins (ends) with a Latin letter or digit only
	 * matches where the text does not continue the word on that side:
	 * "AI" does not match inside "said". Search leaves it off. */
	MATCH_WORDS = 1,
};

struct match_set;

/* An empty set. 0 or ERR_NOMEM. */
int match_set_new(int flags, struct match_set **out);
void match_set_free(struct match_set *m);

/* Add word (folded here) with a caller's tag. A word already in the set
 * keeps its first tag. 0, ERR_INVAL (nothing left after folding: empty or
 * blank) or ERR_NOMEM. */
int match_set_add(struct match_set *m, struct script *sc, const char *word, int tag);

/* Patterns in the set (distinct after folding). */
size_t match_set_size(const struct match_set *m);

/* Find the set's patterns in the part of t that comes from original bytes
 * [from, to), leftmost first; at one position the longest pattern wins and
 * the next search starts after it, so hits never overlap (杭州市 is one hit,
 * not 杭州市 and 杭州). Appends spans {orig start, orig end, kind, tag} to
 * out in text order; returns the number appended, or ERR_NOMEM. */
long match_set_find(const struct match_set *m, const struct match_text *t,
		    size_t from, size_t to, int kind, struct span_list *out);

/* Several sets found in one pass (the comparison's cities, provinces and
 * themes): a scan lists every place where any set's pattern begins, and
 * match_cands_pick makes match_set_find's hits of one set in one range
 * out of that list, so a text is read once however many sets and ranges.
 * A group copies its sets' patterns (changes to a set later do not reach
 * it) and is read-only after match_group_new: threads may share it. */
struct match_group;

/* One place a pattern begins: folded bytes [at, end) of the text, the
 * index of its set in the group, the pattern's tag. */
struct match_cand {
	size_t at, end;
	int set, tag;
};

struct match_cands {
	struct match_cand *v;
	size_t n, cap;
};

/* A group of sets[0, n) (n <= MATCH_GROUP_MAX). 0, ERR_INVAL or ERR_NOMEM. */
#define MATCH_GROUP_MAX 16
int match_group_new(const struct match_set *const *sets, size_t n, struct match_group **out);
void match_group_free(struct match_group *g);

/* Append to out every place in folded bytes [a, b) of t where a pattern
 * of the group begins, whole (it may run past b) and as its set's word
 * rule allows, overlapping ones too; in order of at, and at one place a
 * set's patterns longest first. 0 or ERR_NOMEM. */
int match_group_scan(const struct match_group *g, const struct match_text *t, size_t a,
		     size_t b, struct match_cands *out);

/* The places of c[0, n) (a scan's, in its order, over folded bytes that
 * include [a, lim)) that match_set_find(S, t, from, to, ...) reports for
 * each set S of the group, where a = match_text_at(t, from) and lim = to
 * >= t->orig_len ? t->len : match_text_at(t, to), from < to: leftmost
 * first, at one place the longest that ends by `to`, the next search of
 * that set after it. Writes pointers to them to out (room for n) in the
 * order of c and returns how many. hint: as match_text_end_near's. */
size_t match_cands_pick(const struct match_cand *c, size_t n, const struct match_text *t,
			size_t a, size_t lim, size_t to, size_t *hint,
			const struct match_cand **out);

void match_cands_free(struct match_cands *c);

#endif
