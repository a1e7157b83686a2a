/* XXX: scaffold; the foundation issue replaces it. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

int
source_decode(const struct source_opts *opts, const unsigned char *bytes,
	      size_t n, struct source_text *out, char **cause)
{
	(void)opts;
	(void)cause;
	if (memchr(bytes, 0, n))
		return ERR_BINARY;
	char *s = malloc(n + 1);
	if (s == NULL)
		return ERR_NOMEM;
	memcpy(s, bytes, n);
	s[n] = 0;
	memset(out, 0, sizeof *out);
	out->utf8 = s;
	out->len = n;
	strcpy(out->encoding, "UTF-8");
	return 0;
}

int
source_read(const struct source_opts *opts, const char *path,
	    struct source_text *out, char **cause)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	unsigned char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	fclose(f);
	int rc = source_decode(opts, buf, n, out, cause);
	free(buf);
	return rc;
}

void
source_text_free(struct source_text *t)
{
	free(t->utf8);
	t->utf8 = NULL;
}

int
source_expand(const char *const *paths, size_t npaths, struct source_paths *out,
	      source_warn_fn warn, void *ctx)
{
	(void)warn;
	(void)ctx;
	out->v = calloc(npaths + 1, sizeof *out->v);
	out->n = 0;
	for (size_t i = 0; i < npaths; i++)
		out->v[out->n++] = strdup(paths[i]);
	return 0;
}

void
source_paths_free(struct source_paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}
