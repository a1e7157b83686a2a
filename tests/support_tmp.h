/* support_tmp: a private temporary directory for a test group (cmocka group
 * setup/teardown), and writing files into it. Owns the directory's name;
 * paths it returns are malloc'd and freed by the caller. */
#ifndef DUWEN_SUPPORT_TMP_H
#define DUWEN_SUPPORT_TMP_H

#include <stddef.h>

/* The directory support_tmp_setup made, e.g. "/tmp/duwen-test-Ab12Cd". */
extern char support_tmpdir[64];

/* Group setup: make support_tmpdir. 0, or -1 if it cannot be made. */
int support_tmp_setup(void **state);

/* Group teardown: remove support_tmpdir and everything below it. */
int support_tmp_teardown(void **state);

/* support_tmpdir "/" name, malloc'd (the test fails if out of memory). */
char *support_tmp_path(const char *name);

/* Write b[0, n) to path (created or truncated); the test fails on error. */
void support_write_file(const char *path, const void *b, size_t n);

/* support_write_file to dir "/" name. */
void support_write_in(const char *dir, const char *name, const void *b, size_t n);

/* A UNIX socket bound at path (a file of that kind to refuse); its
 * descriptor, to close. The test fails if it cannot be made. */
int support_bind_socket(const char *path);

#endif
