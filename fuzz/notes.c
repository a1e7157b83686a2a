/* notes: the notes JSON import. The bytes go to json_parse, then to
 * notes_import into a fresh database (on /dev/shm when there is one) with a
 * one-article corpus to anchor to; what was stored is listed and exported
 * in both formats. Checked: the counts add up to what the store lists, the
 * JSON export parses again, and importing it back adds nothing (no
 * duplicates). Sources outside the corpus are loaded from disk as duwen
 * would (relative paths from the working directory).
 * Input: the file's bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/article.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/json.h"
#include "../src/notes.h"
#include "../src/store.h"
#include "fuzz.h"

/* The article notes can anchor to: FUZZ_NOTES_PATH in the seeds. */
#define FUZZ_NOTES_PATH "/duwen-fuzz/a.txt"
static const char article_text[] =
	"title: 杭州的开源\n\n"
	"杭州是一座开源之城。DeepSeek(深度求索)的模型,以不到十分之一的成本达到接近的性能。\n\n"
	"“深度求索将来怎么样不得而知，但它告诉世界，中国很多小角落能够爆发出大能量。”\n";

static const struct corpus *
one_article(void)
{
	static struct article a;
	static struct corpus c;
	if (c.n == 0) {
		if (article_from_utf8(FUZZ_NOTES_PATH, article_text, sizeof article_text - 1, &a) < 0)
			fuzz_fail("cannot make the notes article");
		c.v = &a;
		c.n = 1;
	}
	return &c;
}

/* A scratch directory for notes.db, made once. */
static const char *
scratch(void)
{
	static char dir[64];
	if (dir[0] == 0) {
		snprintf(dir, sizeof dir, "%s/duwen-fuzz-XXXXXX",
			 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
		if (mkdtemp(dir) == NULL)
			fuzz_fail("mkdtemp %s", dir);
	}
	return dir;
}

static void
wipe(const char *dir)
{
	static const char *const files[] = { "notes.db", "notes.db-wal", "notes.db-shm",
					      "notes.db-journal" };
	char p[128];
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		snprintf(p, sizeof p, "%s/%s", dir, files[i]);
		unlink(p);
	}
}

static char *
export(struct store *s, struct notes_lib *l, enum notes_format fmt, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	if (f == NULL)
		return NULL;
	int rc = notes_export(f, fmt, s, l, NULL);
	fclose(f);
	if (rc < 0 && rc != ERR_NOMEM)
		fuzz_fail("notes_export (%s): %d", fmt == NOTES_JSON ? "json" : "markdown", rc);
	if (rc < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* 1 if s holds a C0 control other than LF, DEL or a C1 control. */
static int
has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7F || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0))
			return 1;
	return 0;
}

int
fuzz_notes(const uint8_t *data, size_t size)
{
	struct json doc;
	char err[160];
	if (json_parse((const char *)data, size, &doc, err, sizeof err) == 0)
		json_free(&doc);
	const char *dir = scratch();
	wipe(dir);
	struct store *s = NULL;
	char *cause = NULL;
	if (store_open(dir, &s, &cause) < 0 || cause != NULL)
		fuzz_fail("store_open %s: %s", dir, cause ? cause : "out of memory");
	struct notes_lib l;
	if (notes_lib_init(&l, one_article()) < 0)
		fuzz_fail("notes_lib_init");
	struct notes_import_stats st;
	int rc = notes_import(s, &l, (const char *)data, size, &st, NULL, NULL, &cause);
	free(cause);
	cause = NULL;
	if (rc < 0 && rc != ERR_INVAL && rc != ERR_NOMEM)
		fuzz_fail("notes_import: %d", rc);
	struct store_annot_list have = { 0 };
	if (store_annot_list(s, NULL, 0, &have) < 0)
		fuzz_fail("store_annot_list");
	if (rc == 0 && have.n != st.added)
		fuzz_fail("import says %zu added, the store has %zu", st.added, have.n);
	for (size_t i = 0; i < have.n; i++) {
		const struct store_annot *a = &have.v[i];
		if (a->path == NULL || a->quote == NULL || a->quote[0] == 0 || a->note == NULL ||
		    a->prefix == NULL || a->suffix == NULL)
			fuzz_fail("note %zu stored without path, quote or note", i);
		const char *field[4] = { a->quote, a->note, a->prefix, a->suffix };
		for (int k = 0; k < 4; k++)
			if (has_control(field[k]))
				fuzz_fail("note %zu: field %d keeps a control character", i, k);
		if (!a->orphan && strcmp(a->path, FUZZ_NOTES_PATH) == 0 &&
		    (a->start > a->end || a->end > one_article()->v[0].len))
			fuzz_fail("note %zu anchored at %zu-%zu", i, a->start, a->end);
	}
	size_t n = 0;
	free(export(s, &l, NOTES_MARKDOWN, &n));
	char *json = export(s, &l, NOTES_JSON, &n);
	if (json) {
		if (json_parse(json, n, &doc, err, sizeof err) != 0)
			fuzz_fail("the JSON export does not parse: %s", err);
		json_free(&doc);
		struct notes_import_stats again;
		rc = notes_import(s, &l, json, n, &again, NULL, NULL, &cause);
		free(cause);
		if (rc == 0 && again.added != 0)
			fuzz_fail("importing the export again added %zu notes", again.added);
		free(json);
	}
	store_annot_list_free(&have);
	notes_lib_free(&l);
	store_close(s);
	return 0;
}
