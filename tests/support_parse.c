#include "support_parse.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *
support_escape(const char *s, size_t len)
{
	char *out = malloc(len * 10 + 1);
	size_t o = 0;
	if (out == NULL)
		abort();
	for (size_t i = 0; i < len; i++) {
		const unsigned char *p = (const unsigned char *)s + i;
		if (*p >= 0x20 && *p < 0x7F) {
			out[o++] = (char)*p;
			continue;
		}
		uint32_t cp = *p;
		int extra = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : *p >= 0xC0 ? 1 : 0;
		if (extra)
			cp &= 0x3F >> extra;
		for (int k = 0; k < extra && i + 1 < len; k++)
			cp = (cp << 6) | ((unsigned char)s[++i] & 0x3F);
		o += (size_t)sprintf(out + o, "\\u%04X", cp);
	}
	out[o] = 0;
	return out;
}

int
support_check_blocks(const char *text, const struct block *b, size_t nb,
		     const char *const *want, size_t nwant)
{
	int bad = 0;
	for (size_t i = 0; i < nb || i < nwant; i++) {
		char got[4096] = "(none)";
		if (i < nb)
			snprintf(got, sizeof got, "%s|%.*s", parse_block_kind_name(b[i].kind),
				 (int)(b[i].end - b[i].start), text + b[i].start);
		const char *w = i < nwant ? want[i] : "(none)";
		if (strcmp(got, w) != 0) {
			char *ew = support_escape(w, strlen(w)), *eg = support_escape(got, strlen(got));
			fprintf(stderr, "block %zu:\n  want %s\n  got  %s\n", i, ew, eg);
			free(ew);
			free(eg);
			bad++;
		}
	}
	return bad;
}

int
support_parse_blocks(const char *text, const char *const *want, size_t nwant)
{
	struct parse_result r;
	if (parse_article(text, strlen(text), &r) != 0)
		return 1;
	int bad = support_check_blocks(text, r.blocks, r.nblocks, want, nwant);
	parse_result_free(&r);
	return bad;
}
