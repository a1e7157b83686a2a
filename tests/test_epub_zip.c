/* Tests for epub_zip: reading entries of zip archives written here, the
 * uncompressed-size budget (zip bombs), encrypted and damaged entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../src/epub_zip.h"
#include "../src/err.h"
#include "support_epub.h"
#include "support_tmp.h"

static void
test_read(void **state)
{
	(void)state;
	char *path = support_tmp_path("a.zip");
	const struct support_zip_entry e[] = {
		{ "a.txt", "alpha", 0, 0 },
		{ "Dir/B.txt", "beta beta", 0, SUPPORT_ZIP_DEFLATE },
		{ "empty", "", 0, 0 },
		{ "OEBPS\\Text\\c1.xhtml", "<p>c1</p>", 0, 0 },
	};
	support_zip_write(path, e, 4);
	struct epub_zip *z;
	assert_int_equal(epub_zip_open(path, 1000, &z, NULL), 0);
	char *buf, *cause = NULL;
	size_t len;
	assert_int_equal(epub_zip_read(z, "a.txt", &buf, &len, NULL), 0);
	assert_int_equal(len, 5);
	assert_string_equal(buf, "alpha");
	free(buf);
	/* another case: found all the same */
	assert_true(epub_zip_has(z, "dir/b.TXT"));
	assert_int_equal(epub_zip_read(z, "dir/b.TXT", &buf, &len, NULL), 0);
	assert_string_equal(buf, "beta beta");
	free(buf);
	assert_int_equal(epub_zip_read(z, "empty", &buf, &len, NULL), 0);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
	free(buf);
	assert_int_equal(epub_zip_budget(z), 1000 - 5 - 9);
	/* an archive written with backslashes */
	assert_true(epub_zip_has(z, "OEBPS/Text/c1.xhtml"));
	assert_int_equal(epub_zip_read(z, "OEBPS/Text/c1.xhtml", &buf, &len, NULL), 0);
	assert_string_equal(buf, "<p>c1</p>");
	free(buf);
	assert_false(epub_zip_has(z, "nope"));
	assert_int_equal(epub_zip_read(z, "nope", &buf, &len, &cause), ERR_NOTFOUND);
	assert_string_equal(cause, "nope is missing from the archive");
	free(cause);
	epub_zip_close(z);
	free(path);
}

/* Three megabytes of one letter deflate to a few kilobytes; read against
 * a smaller budget, the read stops with the limit named. */
static void
test_budget(void **state)
{
	(void)state;
	size_t big = (size_t)3 << 20;
	char *letters = malloc(big);
	assert_non_null(letters);
	memset(letters, 'a', big);
	char *path = support_tmp_path("bomb.zip");
	const struct support_zip_entry e[] = {
		{ "small.xhtml", "<p>x</p>", 0, 0 },
		{ "bomb.xhtml", letters, big, SUPPORT_ZIP_DEFLATE },
	};
	support_zip_write(path, e, 2);
	free(letters);
	struct epub_zip *z;
	assert_int_equal(epub_zip_open(path, (size_t)2 << 20, &z, NULL), 0);
	char *buf, *cause = NULL;
	size_t len;
	assert_int_equal(epub_zip_read(z, "small.xhtml", &buf, &len, NULL), 0);
	free(buf);
	assert_int_equal(epub_zip_read(z, "bomb.xhtml", &buf, &len, &cause), ERR_TOOBIG);
	assert_string_equal(cause,
			    "bomb.xhtml: the book's text is over the 2 MiB limit (uncompressed)");
	free(cause);
	/* the budget is for all reads together */
	epub_zip_close(z);
	assert_int_equal(epub_zip_open(path, ((size_t)3 << 20) + 4, &z, NULL), 0);
	assert_int_equal(epub_zip_read(z, "small.xhtml", &buf, &len, NULL), 0);
	free(buf);
	assert_int_equal(epub_zip_read(z, "bomb.xhtml", &buf, &len, NULL), ERR_TOOBIG);
	epub_zip_close(z);
	free(path);
}

static void
test_encrypted(void **state)
{
	(void)state;
	char *path = support_tmp_path("enc.zip");
	const struct support_zip_entry e[] = {
		{ "secret.xhtml", "<p>secret</p>", 0, SUPPORT_ZIP_ENCRYPT },
	};
	support_zip_write(path, e, 1);
	struct epub_zip *z;
	assert_int_equal(epub_zip_open(path, 1000, &z, NULL), 0);
	char *buf, *cause = NULL;
	size_t len;
	assert_int_equal(epub_zip_read(z, "secret.xhtml", &buf, &len, &cause), ERR_INVAL);
	assert_string_equal(cause, "secret.xhtml is encrypted (a password-protected zip entry)");
	free(cause);
	epub_zip_close(z);
	free(path);
}

/* A stored entry whose bytes were changed after writing fails its CRC. */
static void
test_damaged(void **state)
{
	(void)state;
	char *path = support_tmp_path("crc.zip");
	const struct support_zip_entry e[] = { { "c.txt", "ABCDEFGHIJ", 0, 0 } };
	support_zip_write(path, e, 1);
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	char head[64];
	assert_int_equal(fread(head, 1, sizeof head, f), sizeof head);
	char *at = memmem(head, sizeof head, "ABCDEFGHIJ", 10);
	assert_non_null(at);
	assert_int_equal(fseek(f, at - head, SEEK_SET), 0);
	assert_int_equal(fputc('X', f), 'X');
	assert_int_equal(fclose(f), 0);
	struct epub_zip *z;
	assert_int_equal(epub_zip_open(path, 1000, &z, NULL), 0);
	char *buf, *cause = NULL;
	size_t len;
	assert_int_equal(epub_zip_read(z, "c.txt", &buf, &len, &cause), ERR_INVAL);
	assert_string_equal(cause, "c.txt is damaged: CRC error");
	free(cause);
	epub_zip_close(z);
	free(path);
}

static void
test_open_errors(void **state)
{
	(void)state;
	static const struct {
		const char *name, *bytes;
		int rc;
		const char *cause;
	} cases[] = {
		{ "text.epub", "just some text, not a zip at all\n", ERR_INVAL,
		  "not an EPUB: not a zip archive" },
		{ "empty.epub", "", ERR_INVAL, "not an EPUB: the file is empty" },
		/* a zip's local header with nothing after it: the first part of
		 * a download */
		{ "cut.epub", "PK\x03\x04\x14\x00\x00\x00", ERR_INVAL,
		  "not an EPUB: the zip archive is cut short (its directory at the end is missing: "
		  "an interrupted download or copy?)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = support_tmp_path(cases[i].name);
		support_write_file(path, cases[i].bytes, strlen(cases[i].bytes));
		struct epub_zip *z;
		char *cause = NULL;
		assert_int_equal(epub_zip_open(path, 1000, &z, &cause), cases[i].rc);
		assert_string_equal(cause, cases[i].cause);
		free(cause);
		free(path);
	}
	struct epub_zip *z;
	char *cause = NULL;
	char *missing = support_tmp_path("missing.epub");
	assert_int_equal(epub_zip_open(missing, 1000, &z, &cause), ERR_NOTFOUND);
	assert_string_equal(cause, "no such file or directory");
	free(cause);
	free(missing);
	assert_int_equal(epub_zip_open(support_tmpdir, 1000, &z, &cause), ERR_INVAL);
	assert_string_equal(cause, "not a regular file");
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),	  cmocka_unit_test(test_budget),
		cmocka_unit_test(test_encrypted), cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_open_errors),
	};
	return cmocka_run_group_tests(tests, support_tmp_setup, support_tmp_teardown);
}
