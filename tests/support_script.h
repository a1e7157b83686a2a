/* support_script: script_run_simplified checked against OpenCC itself, on
 * one run or on every run of some texts (tests/test_script.c and
 * tests/test_script_memo.c). */
#ifndef DUWEN_SUPPORT_SCRIPT_H
#define DUWEN_SUPPORT_SCRIPT_H

#include <stddef.h>

#include <opencc/opencc.h>

struct script;

/* script_run_simplified of text[0, len) is what OpenCC's cc (t2s) makes
 * of it; the test fails with the run and both answers if not. */
void support_run_is_opencc(struct script *sc, opencc_t cc, const char *text, size_t len);

/* support_run_is_opencc on every run of code points OpenCC may convert
 * (script_convertible) in each of files[0, n) and in the file made
 * traditional by OpenCC's s2t (its phrases are where t2s's are). */
void support_runs_are_opencc(struct script *sc, opencc_t cc, const char *const *files, size_t n);

#endif
