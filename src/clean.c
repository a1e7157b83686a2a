/* XXX: scaffold; the foundation issue replaces it. */
#include "clean.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"

int
clean_text(const char *in, size_t len, struct clean_result *out)
{
	char *s = malloc(len + 1);
	if (s == NULL)
		return ERR_NOMEM;
	size_t j = 0;
	for (size_t i = 0; i < len; i++)
		if (in[i] != '\r')
			s[j++] = in[i];
	s[j] = 0;
	memset(out, 0, sizeof *out);
	out->text = s;
	out->len = j;
	return 0;
}

void
clean_result_free(struct clean_result *r)
{
	free(r->text);
	r->text = NULL;
	span_list_free(&r->spans);
}
