#include "clean_buf.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

int
clean_buf_reserve(struct clean_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1) {
		if (cap > SIZE_MAX / 2)
			return ERR_NOMEM;
		cap *= 2;
	}
	char *s = realloc(b->s, cap);
	if (s == NULL)
		return ERR_NOMEM;
	b->s = s;
	b->cap = cap;
	return 0;
}

int
clean_buf_put(struct clean_buf *b, const void *p, size_t n)
{
	if (clean_buf_reserve(b, n) < 0)
		return ERR_NOMEM;
	if (n > 0)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
	return 0;
}

int
clean_buf_put_cp(struct clean_buf *b, int32_t cp)
{
	unsigned char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return clean_buf_put(b, u, n);
}

void
clean_buf_free(struct clean_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
clean_remap_copy(struct clean_remap *m, size_t in_off, size_t n, size_t out_off)
{
	clean_remap_drop(m, in_off, out_off);
	while (m->next < m->n && m->pos[m->next] < in_off + n) {
		m->pos[m->next] = out_off + (m->pos[m->next] - in_off);
		m->next++;
	}
}

void
clean_remap_drop(struct clean_remap *m, size_t in_end, size_t out_off)
{
	while (m->next < m->n && m->pos[m->next] < in_end)
		m->pos[m->next++] = out_off;
}
