/* script_memo: see script_memo.h. An open-addressing table with the
 * bytes in its slots (no allocation per entry), linear probing, emptied
 * when three quarters full. */
#include "script_memo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	uint32_t hash;
	unsigned char klen, vlen; /* klen 0: empty (no empty stretch is kept) */
	char k[SCRIPT_MEMO_MAX], v[SCRIPT_MEMO_MAX];
};

struct script_memo {
	struct slot *v;
	size_t mask, n, resets;
};

enum { MEMO_SLOTS = 8192 };

struct script_memo *
script_memo_new(size_t slots)
{
	if (slots == 0)
		slots = MEMO_SLOTS;
	struct script_memo *m = malloc(sizeof *m);
	if (m == NULL || (slots & (slots - 1)) != 0 || (m->v = calloc(slots, sizeof *m->v)) == NULL) {
		free(m);
		return NULL;
	}
	m->mask = slots - 1;
	m->n = m->resets = 0;
	return m;
}

void
script_memo_free(struct script_memo *m)
{
	if (m) {
		free(m->v);
		free(m);
	}
}

static uint32_t
hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

/* The slot holding text, or the empty one where it would go. */
static struct slot *
find(const struct script_memo *m, const char *text, size_t len, uint32_t h)
{
	for (size_t i = h & m->mask;; i = (i + 1) & m->mask) {
		struct slot *s = &m->v[i];
		if (s->klen == 0 || (s->hash == h && s->klen == len && memcmp(s->k, text, len) == 0))
			return s;
	}
}

const char *
script_memo_get(const struct script_memo *m, const char *text, size_t len, size_t *out_len)
{
	if (m == NULL || len == 0 || len > SCRIPT_MEMO_MAX)
		return NULL;
	const struct slot *s = find(m, text, len, hash(text, len));
	if (s->klen == 0)
		return NULL;
	*out_len = s->vlen;
	return s->v;
}

void
script_memo_put(struct script_memo *m, const char *text, size_t len, const char *out,
		size_t out_len)
{
	if (m == NULL || len == 0 || len > SCRIPT_MEMO_MAX || out_len > SCRIPT_MEMO_MAX)
		return;
	if (4 * (m->n + 1) > 3 * (m->mask + 1)) { /* full: forget, so probes stay short */
		memset(m->v, 0, (m->mask + 1) * sizeof *m->v);
		m->n = 0;
		m->resets++;
	}
	uint32_t h = hash(text, len);
	struct slot *s = find(m, text, len, h);
	if (s->klen == 0)
		m->n++;
	s->hash = h;
	s->klen = (unsigned char)len;
	s->vlen = (unsigned char)out_len;
	memcpy(s->k, text, len);
	memcpy(s->v, out, out_len);
}

size_t
script_memo_count(const struct script_memo *m)
{
	return m ? m->n : 0;
}

size_t
script_memo_resets(const struct script_memo *m)
{
	return m ? m->resets : 0;
}
