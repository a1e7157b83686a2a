/* test_fuzz: every input in fuzz/regress/NAME/ (the seeds kept with the
 * source and each input a fuzzer ever crashed on) replayed through harness
 * NAME's body (fuzz/fuzz.h), built with the ordinary compiler and under
 * ASan + UBSan in `make check`. A broken contract aborts; a harness with no
 * inputs fails. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glob.h>

#include <cmocka.h>

#include "../fuzz/fuzz.h"

static uint8_t *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	uint8_t *buf = malloc(cap);
	size_t k;
	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			uint8_t *b = realloc(buf, cap *= 2);
			if (b == NULL)
				free(buf);
			buf = b;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

static void
test_replay(void **state)
{
	const struct fuzz_harness *h = *state;
	char pat[128];
	snprintf(pat, sizeof pat, "fuzz/regress/%s/*", h->name);
	glob_t g;
	if (glob(pat, 0, NULL, &g) != 0)
		fail_msg("no inputs in fuzz/regress/%s", h->name);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		size_t len = 0;
		uint8_t *data = slurp(g.gl_pathv[i], &len);
		if (data == NULL)
			fail_msg("%s: cannot read", g.gl_pathv[i]);
		/* an exact-size copy, so that ASan sees reads past the input */
		uint8_t *exact = malloc(len ? len : 1);
		assert_non_null(exact);
		memcpy(exact, data, len);
		free(data);
		h->run(exact, len);
		free(exact);
	}
	globfree(&g);
}

int
main(void)
{
	struct CMUnitTest tests[16];
	size_t n = 0;
	for (size_t i = 0; i < fuzz_nharnesses && n < sizeof tests / sizeof tests[0]; i++)
		tests[n++] = (struct CMUnitTest){ fuzz_harnesses[i].name, test_replay, NULL, NULL,
						  (void *)&fuzz_harnesses[i] };
	return _cmocka_run_group_tests("fuzz_regress", tests, n, NULL, NULL);
}
