/* support_script: see support_script.h. */
#include "support_script.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/script.h"
#include "../src/source.h"
#include "../src/ustr.h"

void
support_run_is_opencc(struct script *sc, opencc_t cc, const char *text, size_t len)
{
	size_t olen = 0;
	char *got = script_run_simplified(sc, text, len, &olen);
	char *want = opencc_convert_utf8(cc, text, len);
	assert_non_null(got);
	assert_non_null(want);
	if (olen != strlen(want) || memcmp(got, want, olen + 1) != 0)
		fail_msg("run \"%.*s\": got \"%s\", OpenCC \"%s\"", (int)len, text, got, want);
	script_run_free(got);
	opencc_convert_utf8_free(want);
}

void
support_runs_are_opencc(struct script *sc, opencc_t cc, const char *const *files, size_t n)
{
	opencc_t s2t = opencc_open("s2t.json");
	assert_true(s2t != (opencc_t)-1);
	for (size_t f = 0; f < 2 * n; f++) {
		struct source_text st;
		assert_int_equal(source_read(NULL, files[f / 2], &st, NULL), 0);
		if (f % 2) {
			char *t = opencc_convert_utf8(s2t, st.utf8, st.len);
			assert_non_null(t);
			free(st.utf8);
			st.utf8 = strdup(t);
			assert_non_null(st.utf8);
			st.len = strlen(t);
			opencc_convert_utf8_free(t);
		}
		for (size_t i = 0; i < st.len;) {
			int32_t cp;
			size_t e = ustr_next(st.utf8, st.len, i, &cp);
			if (!script_convertible(cp)) {
				i = e;
				continue;
			}
			while (e < st.len) {
				size_t ne = ustr_next(st.utf8, st.len, e, &cp);
				if (!script_convertible(cp))
					break;
				e = ne;
			}
			support_run_is_opencc(sc, cc, st.utf8 + i, e - i);
			i = e;
		}
		source_text_free(&st);
	}
	opencc_close(s2t);
}
