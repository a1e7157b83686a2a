/* common: the harness table and the failure report (see fuzz.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

const struct fuzz_harness fuzz_harnesses[] = {
	{ "article", fuzz_article }, { "layout", fuzz_layout }, { "notes", fuzz_notes },
	{ "config", fuzz_config },   { "match", fuzz_match },   { "page", fuzz_page },
};
const size_t fuzz_nharnesses = sizeof fuzz_harnesses / sizeof fuzz_harnesses[0];

void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz: contract broken: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}
