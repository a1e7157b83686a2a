#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "ustr.h"

static int
blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i = ustr_next(s, len, i, &cp);
		if (cp != '\n' && !ustr_is_space(cp))
			return 0;
	}
	return 1;
}

int
doc_push(struct doc *d, enum block_kind kind, int level, int number, const char *s,
	 size_t len)
{
	if (blank(s, len))
		return 0;
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 32;
		struct doc_block *v = realloc(d->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		d->v = v;
		d->cap = cap;
	}
	char *t = malloc(len + 1);
	if (t == NULL)
		return ERR_NOMEM;
	memcpy(t, s, len);
	t[len] = 0;
	d->v[d->n++] = (struct doc_block){ kind, level, number, t };
	return 0;
}

int
doc_set_meta(char **field, const char *s, size_t len)
{
	char *t = malloc(len + 1);
	if (t == NULL)
		return ERR_NOMEM;
	size_t w = 0;
	int space = 1;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t j = ustr_next(s, len, i, &cp);
		if (cp == '\n' || ustr_is_space(cp) || cp < 0x20) {
			if (!space)
				t[w++] = ' ';
			space = 1;
		} else {
			memcpy(t + w, s + i, j - i);
			w += j - i;
			space = 0;
		}
		i = j;
	}
	while (w > 0 && t[w - 1] == ' ')
		w--;
	t[w] = 0;
	if (w == 0) {
		free(t);
		return 0;
	}
	free(*field);
	*field = t;
	return 0;
}

void
doc_free(struct doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
	free(d->title);
	free(d->author);
	free(d->date);
	free(d->source);
	memset(d, 0, sizeof *d);
}
