/* script_memo: OpenCC's answers for short stretches of text kept for
 * reuse. An article sends OpenCC a few hundred stretches of one to a few
 * characters (script_run_simplified), most of them seen before (開, 國,
 * 產業): the memo gives back what OpenCC gave for the same bytes, so
 * OpenCC is asked once per distinct stretch while the memo holds it. It
 * converts nothing itself. Bounded: full, it forgets everything and fills
 * again. Not thread-safe: one per struct script, which one thread uses at
 * a time. Owns its memory (script_memo_free). */
#ifndef DUWEN_SCRIPT_MEMO_H
#define DUWEN_SCRIPT_MEMO_H

#include <stddef.h>

/* Stretches and answers longer than this (bytes) are not kept. */
#define SCRIPT_MEMO_MAX 24

struct script_memo;

/* An empty memo of `slots` entries (a power of two; 0: the default), or
 * NULL if out of memory. */
struct script_memo *script_memo_new(size_t slots);
void script_memo_free(struct script_memo *m);

/* The answer kept for text[0, len): its bytes (not NUL-terminated, valid
 * until the next script_memo_put) and *out_len, or NULL. */
const char *script_memo_get(const struct script_memo *m, const char *text, size_t len,
			    size_t *out_len);

/* Keep out[0, out_len) as the answer for text[0, len) (either too long:
 * nothing). */
void script_memo_put(struct script_memo *m, const char *text, size_t len, const char *out,
		     size_t out_len);

/* Entries kept now, and times the memo was full and forgot them all. */
size_t script_memo_count(const struct script_memo *m);
size_t script_memo_resets(const struct script_memo *m);

#endif
