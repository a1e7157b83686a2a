/* test_notes: export (exact Markdown and W3C JSON), import and its round
 * trips, re-anchoring imported notes on an edited article, renamed files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../src/anchor.h"
#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/note_index.h"
#include "../src/notes.h"
#include "../src/store.h"
#include "../src/store_int.h" /* the connection, to count its commits */

static const char article_text[] =
	"为什么是杭州\n\n"
	"这样的“热风暴”，是西湖边上的一只“蝴蝶”扇动翅膀带来的。😀年初，"
	"深度求索发布最新开源模型DeepSeek-R1。\n\n"
	"未来的机会又在哪儿？\n";

struct fx {
	char dir[64];
	char file[128];   /* the article, canonical path */
	char data[128];   /* store directory */
	struct corpus corpus;
	struct notes_lib lib;
	struct store *s;
};

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void
fx_load(struct fx *x)
{
	const char *paths[1] = { x->dir };
	assert_int_equal(corpus_load(&x->corpus, paths, 1, NULL, NULL, NULL), 0);
	assert_int_equal(notes_lib_init(&x->lib, &x->corpus), 0);
}

static void
fx_unload(struct fx *x)
{
	notes_lib_free(&x->lib);
	corpus_free(&x->corpus);
}

static int
fx_setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	snprintf(x->dir, sizeof x->dir, "/tmp/duwen-test-notes-XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	snprintf(x->file, sizeof x->file, "%s/a.txt", x->dir);
	snprintf(x->data, sizeof x->data, "%s/data", x->dir);
	write_file(x->file, article_text);
	fx_load(x);
	char *cause = NULL;
	assert_int_equal(store_open(x->data, &x->s, &cause), 0);
	assert_null(cause);
	*state = x;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *x = *state;
	store_close(x->s);
	fx_unload(x);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
	assert_int_equal(system(cmd), 0);
	free(x);
	return 0;
}

/* Annotate the first occurrence of quote in the loaded article. */
static int64_t
annotate(struct fx *x, const char *quote, const char *note, const char *colour,
	 const char *when)
{
	const struct article *a = &x->corpus.v[0];
	const char *at = strstr(a->text, quote);
	assert_non_null(at);
	size_t start = (size_t)(at - a->text);
	struct store_annot r;
	assert_int_equal(notes_new(a, notes_lib_key(&x->lib, 0), start, start + strlen(quote), note, colour,
				   &r),
			 0);
	snprintf(r.created, sizeof r.created, "%s", when);
	snprintf(r.modified, sizeof r.modified, "%s", when);
	assert_int_equal(store_annot_add(x->s, &r), 0);
	int64_t id = r.id;
	store_annot_clear(&r);
	return id;
}

/* Export into a malloc'd string. */
static char *
export(struct fx *x, enum notes_format fmt, const char *only)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	assert_non_null(f);
	assert_int_equal(notes_export(f, fmt, x->s, &x->lib, only), 0);
	fclose(f);
	return buf;
}

static void
assert_text(const char *got, const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("got:\n%s\nwant:\n%s", got, want);
}

static const char json_one[] =
	"[\n"
	"  {\n"
	"    \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n"
	"    \"id\": \"%s\",\n"
	"    \"type\": \"Annotation\",\n"
	"    \"motivation\": \"commenting\",\n"
	"    \"created\": \"2024-05-01T08:30:00Z\",\n"
	"    \"modified\": \"2024-05-01T08:30:00Z\",\n"
	"    \"body\": {\n"
	"      \"type\": \"TextualBody\",\n"
	"      \"value\": \"低成本，\\\"高\\\"性能\\n第二行\\t\\\\ \\u0001\",\n"
	"      \"format\": \"text/plain\"\n"
	"    },\n"
	"    \"target\": {\n"
	"      \"source\": \"%s\",\n"
	"      \"styleClass\": \"green\",\n"
	"      \"selector\": [\n"
	"        {\n"
	"          \"type\": \"TextQuoteSelector\",\n"
	"          \"exact\": \"深度求索发布最新开源模型\",\n"
	"          \"prefix\": \"样的“热风暴”，是西湖边上的一只“蝴蝶”扇动翅膀带来的。😀年初，\",\n"
	"          \"suffix\": \"DeepSeek-R1。\\n\\n未来的机会又在哪儿？\\n\"\n"
	"        },\n"
	"        {\n"
	"          \"type\": \"TextPositionSelector\",\n"
	"          \"start\": 41,\n"
	"          \"end\": 53\n"
	"        }\n"
	"      ]\n"
	"    },\n"
	"    \"stylesheet\": {\n"
	"      \"type\": \"CssStylesheet\",\n"
	"      \"value\": \".green { background-color: #aed581; }\"\n"
	"    }\n"
	"  }\n"
	"]\n";

static const char *tricky_note = "低成本，\"高\"性能\n第二行\t\\ \x01";

/* The exact JSON of one annotation: code point positions (the emoji before
 * it counts one, not two as in UTF-16, not four as in bytes), escapes. */
static void
test_export_json(void **state)
{
	struct fx *x = *state;
	annotate(x, "深度求索发布最新开源模型", tricky_note, "green", "2024-05-01T08:30:00Z");
	char *got = export(x, NOTES_JSON, NULL);
	const char *idp = strstr(got, "urn:duwen:annotation:");
	assert_non_null(idp);
	char id[64];
	snprintf(id, sizeof id, "%.37s", idp);
	char want[4096];
	snprintf(want, sizeof want, json_one, id, notes_lib_key(&x->lib, 0));
	assert_text(got, want);
	free(got);
}

static void
test_export_markdown(void **state)
{
	struct fx *x = *state;
	annotate(x, "未来的机会", "", "yellow", "2024-05-02T09:00:00Z");
	annotate(x, "深度求索发布最新开源模型", "第一条\n笔记", "blue", "2024-05-01T08:30:00Z");
	char *got = export(x, NOTES_MARKDOWN, NULL);
	char want[2048];
	snprintf(want, sizeof want,
		 "# duwen notes\n"
		 "\n## 为什么是杭州\n\n"
		 "File: `%s`\n\n"
		 "> 深度求索发布最新开源模型\n\n"
		 "第一条\n笔记\n\n"
		 "*2024-05-01T08:30:00Z · blue*\n\n"
		 "> 未来的机会\n\n"
		 "*2024-05-02T09:00:00Z · yellow*\n\n",
		 notes_lib_key(&x->lib, 0));
	assert_text(got, want);
	free(got);
	/* --article with another file: nothing. */
	got = export(x, NOTES_MARKDOWN, "/nonexistent/other.txt");
	assert_text(got, "# duwen notes\n\nNo notes yet.\n");
	free(got);
}

static void
test_export_empty(void **state)
{
	struct fx *x = *state;
	char *got = export(x, NOTES_JSON, NULL);
	assert_text(got, "[]\n");
	free(got);
	got = export(x, NOTES_MARKDOWN, NULL);
	assert_text(got, "# duwen notes\n\nNo notes yet.\n");
	free(got);
}

/* Export, import into a fresh store, export again: the same document. A
 * second import adds nothing. */
static void
test_round_trip(void **state)
{
	struct fx *x = *state;
	/* quotes, backslashes, line breaks survive; controls would not (import
	 * drops them: test_import_hostile) */
	annotate(x, "深度求索发布最新开源模型", "低成本，\"高\"性能\n第二行\\ ", "green",
		 "2024-05-01T08:30:00Z");
	annotate(x, "未来的机会", "", "pink", "2024-05-02T09:00:00Z");
	char *first = export(x, NOTES_JSON, NULL);
	char *md1 = export(x, NOTES_MARKDOWN, NULL);
	store_close(x->s);
	char fresh[160];
	snprintf(fresh, sizeof fresh, "%s/fresh", x->dir);
	char *cause = NULL;
	assert_int_equal(store_open(fresh, &x->s, &cause), 0);
	struct notes_import_stats st;
	assert_int_equal(notes_import(x->s, &x->lib, first, strlen(first), &st, NULL, NULL, &cause), 0);
	assert_int_equal(st.added, 2);
	assert_int_equal(st.duplicates, 0);
	assert_int_equal(st.orphans, 0);
	char *second = export(x, NOTES_JSON, NULL);
	assert_text(second, first);
	char *md2 = export(x, NOTES_MARKDOWN, NULL);
	assert_text(md2, md1);
	assert_int_equal(notes_import(x->s, &x->lib, first, strlen(first), &st, NULL, NULL, &cause), 0);
	assert_int_equal(st.added, 0);
	assert_int_equal(st.duplicates, 2);
	free(first);
	free(second);
	free(md1);
	free(md2);
}

/* A hand-written document from another tool: a file:// URI with an
 * escaped space, an AnnotationCollection, positions made on an older
 * version of the article (which has since gained a sentence at the top),
 * a body array with a tag, and one annotation whose passage is gone. */
static void
test_import_edited(void **state)
{
	struct fx *x = *state;
	char spaced[160];
	snprintf(spaced, sizeof spaced, "%s/b c.txt", x->dir);
	char edited[1024];
	snprintf(edited, sizeof edited, "新加的一句话。\n\n%s", article_text);
	write_file(spaced, edited);
	fx_unload(x);
	fx_load(x);
	char doc[2048];
	snprintf(doc, sizeof doc,
		 "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\","
		 " \"type\": \"AnnotationCollection\", \"first\": {\"items\": ["
		 " {\"type\": \"Annotation\", \"created\": \"2023-01-01T00:00:00Z\","
		 "  \"body\": [{\"type\": \"TextualBody\", \"value\": \"很重要\"},"
		 "            {\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"ai\"}],"
		 "  \"target\": {\"source\": \"file://%s/b%%20c.txt\", \"selector\": ["
		 "   {\"type\": \"TextPositionSelector\", \"start\": 41, \"end\": 53},"
		 "   {\"type\": \"TextQuoteSelector\", \"exact\": \"深度求索发布最新开源模型\","
		 "    \"prefix\": \"年初，\", \"suffix\": \"DeepSeek\"}]}},"
		 " {\"type\": \"Annotation\", \"target\": {\"source\": \"%s/b c.txt\","
		 "  \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"这段文字早已被删除了\"}}},"
		 " {\"type\": \"Annotation\", \"target\": \"http://example.com/x\"}"
		 "]}}",
		 x->dir, x->dir);
	struct notes_import_stats st;
	char *cause = NULL;
	assert_int_equal(notes_import(x->s, &x->lib, doc, strlen(doc), &st, NULL, NULL, &cause), 0);
	assert_null(cause);
	assert_int_equal(st.added, 2);
	assert_int_equal(st.orphans, 1);
	assert_int_equal(st.skipped, 1);
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(x->s, NULL, 0, &l), 0);
	assert_int_equal(l.n, 2);
	const struct article *b = NULL;
	for (size_t i = 0; i < x->corpus.n; i++)
		if (strstr(x->corpus.v[i].path, "b c.txt"))
			b = &x->corpus.v[i];
	assert_non_null(b);
	const char *want = strstr(b->text, "深度求索");
	assert_int_equal(l.v[0].start, (size_t)(want - b->text));
	assert_int_equal(l.v[0].orphan, 0);
	assert_string_equal(l.v[0].note, "很重要");
	assert_string_equal(l.v[0].created, "2023-01-01T00:00:00Z");
	assert_string_equal(l.v[0].colour, "yellow");
	assert_non_null(strstr(l.v[0].path, "/b c.txt"));
	assert_int_equal(l.v[1].orphan, 1);
	store_annot_list_free(&l);
	/* The orphan is exported too, without a position. */
	char *md = export(x, NOTES_MARKDOWN, NULL);
	assert_non_null(strstr(md, "> 这段文字早已被删除了\n\n*"));
	assert_non_null(strstr(md, "orphan"));
	free(md);
}

static void
test_import_bad(void **state)
{
	struct fx *x = *state;
	struct notes_import_stats st;
	char *cause = NULL;
	const char *bad = "[{\"type\": \"Annotation\",\n \"target\": }]";
	assert_int_equal(notes_import(x->s, &x->lib, bad, strlen(bad), &st, NULL, NULL, &cause), ERR_INVAL);
	assert_string_equal(cause, "line 2 column 12: unexpected character");
	free(cause);
	const char *other = "{\"name\": \"not annotations\"}";
	assert_int_equal(notes_import(x->s, &x->lib, other, strlen(other), &st, NULL, NULL, &cause), ERR_INVAL);
	assert_non_null(strstr(cause, "not a W3C Web Annotation document"));
	free(cause);
	assert_int_equal(notes_import(x->s, &x->lib, "[]", 2, &st, NULL, NULL, &cause), 0);
	assert_int_equal(st.added, 0);
}

/* The file is renamed: its notes follow it (same cleaned text, found by
 * hash) and the store learns the new path. Then the article is edited. */
static void
test_rename_and_edit(void **state)
{
	struct fx *x = *state;
	int64_t id = annotate(x, "未来的机会又在哪儿", "看这里", "yellow", "2024-05-02T09:00:00Z");
	char moved[160];
	snprintf(moved, sizeof moved, "%s/renamed.txt", x->dir);
	assert_int_equal(rename(x->file, moved), 0);
	fx_unload(x);
	fx_load(x);
	struct store_annot a;
	assert_int_equal(store_annot_get(x->s, id, &a), 0);
	const struct article *art;
	int moved_now;
	assert_int_equal(notes_place(&x->lib, &a, &art, &moved_now), ANCHOR_EXACT);
	assert_non_null(art);
	assert_string_equal(a.path, notes_lib_key(&x->lib, 0));
	assert_non_null(strstr(a.path, "/renamed.txt"));
	assert_int_equal(moved_now, 1);
	struct store_annot *one = &a;
	assert_int_equal(store_annot_set_anchors(x->s, &one, 1), 0);
	store_annot_clear(&a);
	assert_int_equal(store_annot_get(x->s, id, &a), 0);
	assert_non_null(strstr(a.path, "/renamed.txt"));
	store_annot_clear(&a);

	/* A word changed inside the quote and text inserted before it. */
	char edited[1024];
	snprintf(edited, sizeof edited, "开头。\n\n%s", article_text);
	char *w = strstr(edited, "未来的机会");
	memcpy(w, "明天", strlen("明天")); /* 未来 -> 明天, same byte length */
	write_file(moved, edited);
	fx_unload(x);
	fx_load(x);
	assert_int_equal(store_annot_get(x->s, id, &a), 0);
	int how = notes_place(&x->lib, &a, &art, &moved_now);
	assert_int_equal(how, ANCHOR_FUZZY);
	assert_int_equal(a.orphan, 0);
	assert_int_equal(a.end - a.start, strlen("明天的机会又在哪儿"));
	assert_memory_equal(art->text + a.start, "明天的机会又在哪儿", a.end - a.start);
	assert_int_equal(a.hash, art->hash);
	store_annot_clear(&a);

	/* The passage deleted: an orphan, kept. */
	write_file(moved, "为什么是杭州\n\n全新的内容。\n");
	fx_unload(x);
	fx_load(x);
	assert_int_equal(store_annot_get(x->s, id, &a), 0);
	assert_int_equal(notes_place(&x->lib, &a, &art, &moved_now), ANCHOR_ORPHAN);
	assert_int_equal(moved_now, 1);
	assert_int_equal(store_annot_set_anchors(x->s, &one, 1), 0);
	store_annot_clear(&a);
	assert_int_equal(store_annot_get(x->s, id, &a), 0);
	assert_int_equal(a.orphan, 1);
	assert_string_equal(a.note, "看这里");
	store_annot_clear(&a);
}

/* Notes on three articles outside the open corpus: export loads each one
 * and must not lose (or free) the ones it loaded before (ASan). */
static void
test_export_unopened(void **state)
{
	struct fx *x = *state;
	char out[160], doc[2048];
	snprintf(out, sizeof out, "%s/outside", x->dir);
	assert_int_equal(mkdir(out, 0700), 0);
	size_t len = 0;
	len += (size_t)snprintf(doc + len, sizeof doc - len, "[");
	for (int i = 0; i < 3; i++) {
		char path[256], text[256];
		snprintf(path, sizeof path, "%s/o%d.txt", out, i);
		snprintf(text, sizeof text, "第%d篇文章的第一段。\n", i);
		write_file(path, text);
		len += (size_t)snprintf(doc + len, sizeof doc - len,
					"%s{\"type\": \"Annotation\", \"body\": \"笔记%d\","
					" \"created\": \"2024-05-0%dT00:00:00Z\","
					" \"target\": {\"source\": \"%s\", \"selector\":"
					" {\"type\": \"TextQuoteSelector\", \"exact\": \"第%d篇\"}}}",
					i ? "," : "", i, i + 1, path, i);
	}
	snprintf(doc + len, sizeof doc - len, "]");
	struct notes_import_stats st;
	char *cause = NULL;
	assert_int_equal(notes_import(x->s, &x->lib, doc, strlen(doc), &st, NULL, NULL, &cause), 0);
	assert_int_equal(st.added, 3);
	assert_int_equal(st.orphans, 0);
	/* A fresh library: export is what loads the three files. */
	fx_unload(x);
	fx_load(x);
	char *md = export(x, NOTES_MARKDOWN, NULL);
	for (int i = 0; i < 3; i++) {
		char want[512];
		snprintf(want, sizeof want, "## 第%d篇文章的第一段\n\nFile: `%s/o%d.txt`\n\n> 第%d篇\n\n笔记%d\n\n",
			 i, out, i, i, i);
		if (strstr(md, want) == NULL)
			fail_msg("missing:\n%s\nin:\n%s", want, md);
	}
	free(md);
	fx_unload(x);
	fx_load(x);
	char *json = export(x, NOTES_JSON, NULL);
	assert_non_null(strstr(json, "/o2.txt\""));
	assert_int_equal(x->lib.nextra, 3);
	free(json);
}

/* Several of notes_import's batches (NOTES_IMPORT_BATCH, 256), so that a
 * kill or a full disk can come part-way, between two of them. */
#define NIMPORT 1000

/* A W3C document of NIMPORT notes "tag-i" on a passage of the article. */
static char *
import_doc(const struct fx *x, const char *tag)
{
	size_t cap = NIMPORT * 400 + 16, n = 1;
	char *d = malloc(cap);
	assert_non_null(d);
	d[0] = '[';
	for (int i = 0; i < NIMPORT; i++)
		n += (size_t)snprintf(d + n, cap - n,
				      "%s{\"type\":\"Annotation\",\"body\":{\"type\":\"TextualBody\","
				      "\"value\":\"%s-%d\"},\"target\":{\"source\":\"%s\",\"selector\":"
				      "{\"type\":\"TextQuoteSelector\",\"exact\":\"深度求索\"}}}",
				      i ? "," : "", tag, i, x->file);
	assert_true(n + 2 < cap);
	snprintf(d + n, cap - n, "]");
	return d;
}

/* In a child: import doc through a store of its own; exit 0 if it did. */
static void
importer(struct fx *x, const char *doc)
{
	struct store *s;
	char *cause = NULL, *why = NULL;
	struct notes_import_stats st;
	if (store_open(x->data, &s, &cause) < 0 || cause)
		_exit(3);
	int rc = notes_import(s, &x->lib, doc, strlen(doc), &st, NULL, NULL, &why);
	store_close(s);
	_exit(rc == 0 ? 0 : 4);
}

/* How many live notes are "tag-i" for each i < NIMPORT, into seen. */
static size_t
count_tagged(struct fx *x, const char *tag, int *seen)
{
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(x->s, NULL, 0, &l), 0);
	size_t n = 0, tl = strlen(tag);
	for (size_t i = 0; i < l.n; i++) {
		const char *note = l.v[i].note;
		if (strncmp(note, tag, tl) != 0 || note[tl] != '-')
			continue;
		int k = atoi(note + tl + 1);
		assert_true(k >= 0 && k < NIMPORT);
		if (seen)
			seen[k]++;
		n++;
	}
	store_annot_list_free(&l);
	return n;
}

/* Imports running at once: four of one file store each note once (not
 * nearly twice as many, as when the duplicate check read a snapshot taken
 * before the loop); of three different files, all of them. */
static void
test_import_concurrent(void **state)
{
	struct fx *x = *state;
	const char *tags[4] = { "a", "a", "b", "c" };
	char *docs[4];
	for (int k = 0; k < 4; k++)
		docs[k] = import_doc(x, tags[k]);
	for (int round = 0; round < 2; round++) {
		pid_t p[4];
		for (int k = 0; k < 4; k++) {
			p[k] = fork();
			assert_true(p[k] >= 0);
			if (p[k] == 0)
				importer(x, docs[round == 0 ? 0 : k]);
		}
		for (int k = 0; k < 4; k++) {
			int status;
			assert_int_equal(waitpid(p[k], &status, 0), p[k]);
			assert_true(WIFEXITED(status));
			assert_int_equal(WEXITSTATUS(status), 0);
		}
	}
	for (int k = 1; k < 4; k++) {
		int seen[NIMPORT] = { 0 };
		assert_int_equal(count_tagged(x, tags[k], seen), NIMPORT);
		for (int i = 0; i < NIMPORT; i++)
			assert_int_equal(seen[i], 1);
	}
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(x->s, NULL, 0, &l), 0);
	assert_int_equal(l.n, 3 * NIMPORT);
	store_annot_list_free(&l);
	for (int k = 0; k < 4; k++)
		free(docs[k]);
}

/* Another process watching an import sees the notes arrive a batch at a
 * time (one commit, one sync, each), never one by one as when each note
 * was its own transaction. */
static void
test_import_batches(void **state)
{
	struct fx *x = *state;
	char *doc = import_doc(x, "b");
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		importer(x, doc);
	size_t got = 0, looks = 0;
	while (got < NIMPORT) {
		got = count_tagged(x, "b", NULL);
		looks++;
		if (got % NOTES_IMPORT_BATCH != 0 && got != NIMPORT)
			fail_msg("saw %zu notes, not a whole number of batches of %d", got,
				 NOTES_IMPORT_BATCH);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(looks > 1);
	free(doc);
}

static int
count_commit(void *ctx)
{
	(*(int *)ctx)++;
	return 0;
}

/* The article edited under NIMPORT notes (a line put before them): export
 * and the panes' index each re-anchor them all and save where they are in
 * one commit (one sync), not one each (20,000 notes: 20,124 fdatasync
 * calls, 6 to 16 s); the store then has the new places. */
static void
test_reanchor_one_commit(void **state)
{
	struct fx *x = *state;
	char *doc = import_doc(x, "r");
	struct notes_import_stats st;
	char *cause = NULL;
	assert_int_equal(notes_import(x->s, &x->lib, doc, strlen(doc), &st, NULL, NULL, &cause), 0);
	assert_int_equal(st.added, NIMPORT);
	free(doc);
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(x->s, NULL, 0, &l), 0);
	size_t was = l.v[0].start;
	store_annot_list_free(&l);
	for (int round = 0; round < 2; round++) {
		char edited[2048];
		snprintf(edited, sizeof edited, "%s开头一行。\n\n%s", round ? "又一行。\n\n" : "",
			 article_text);
		write_file(x->file, edited);
		fx_unload(x);
		fx_load(x);
		int commits = 0;
		sqlite3_commit_hook(x->s->db, count_commit, &commits);
		if (round == 0) {
			char *out = NULL;
			size_t n = 0;
			FILE *f = open_memstream(&out, &n);
			assert_int_equal(notes_export(f, NOTES_JSON, x->s, &x->lib, NULL), 0);
			fclose(f);
			free(out);
		} else {
			struct note_index ix = { 0 };
			assert_int_equal(note_index_load(&ix, x->s, &x->corpus, NULL), 0);
			assert_int_equal(ix.n, NIMPORT);
			note_index_free(&ix);
		}
		sqlite3_commit_hook(x->s->db, NULL, NULL);
		assert_int_equal(commits, 1);
		assert_int_equal(store_annot_list(x->s, NULL, 0, &l), 0);
		assert_int_equal(l.n, NIMPORT);
		for (size_t i = 0; i < l.n; i++) {
			assert_int_equal(l.v[i].orphan, 0);
			assert_true(l.v[i].start > was);
		}
		was = l.v[0].start;
		store_annot_list_free(&l);
	}
}

/* An import killed with SIGKILL part-way: what it stored is whole, and
 * importing the file again adds exactly the rest. */
static void
test_import_kill9(void **state)
{
	struct fx *x = *state;
	char *doc = import_doc(x, "k");
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		importer(x, doc);
	/* The notes are committed a batch at a time, so the import is still
	 * running when the first batch shows up. */
	size_t before = 0;
	for (int i = 0; i < 20000 && (before = count_tagged(x, "k", NULL)) < 20; i++)
		usleep(500);
	assert_int_equal(kill(pid, SIGKILL), 0);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	size_t got = count_tagged(x, "k", NULL);
	assert_true(got >= before && got < NIMPORT);
	struct notes_import_stats st;
	char *cause = NULL;
	assert_int_equal(notes_import(x->s, &x->lib, doc, strlen(doc), &st, NULL, NULL, &cause), 0);
	assert_int_equal(st.added, NIMPORT - got);
	assert_int_equal(st.duplicates, got);
	int seen[NIMPORT] = { 0 };
	assert_int_equal(count_tagged(x, "k", seen), NIMPORT);
	for (int i = 0; i < NIMPORT; i++)
		assert_int_equal(seen[i], 1);
	free(doc);
}

/* A full disk part-way through an import (the store capped with
 * max_page_count): the import stops with "disk full", the notes it stored
 * are whole and counted, and once there is room importing the file again
 * adds exactly the rest. */
static void
test_import_full_disk(void **state)
{
	struct fx *x = *state;
	char *doc = import_doc(x, "f");
	store_close(x->s);
	struct store_opts o = { .max_pages = 40 };
	char *cause = NULL;
	assert_int_equal(store_open_opts(&o, x->data, &x->s, &cause), 0);
	assert_null(cause);
	struct notes_import_stats st;
	assert_int_equal(notes_import(x->s, &x->lib, doc, strlen(doc), &st, NULL, NULL, &cause),
			 ERR_DB);
	free(cause);
	cause = NULL;
	assert_non_null(strstr(store_error(x->s), "disk full"));
	size_t got = count_tagged(x, "f", NULL);
	assert_true(got > 0 && got < NIMPORT);
	assert_int_equal(st.added, got);
	store_close(x->s);
	assert_int_equal(store_open(x->data, &x->s, &cause), 0);
	assert_null(cause);
	assert_int_equal(notes_import(x->s, &x->lib, doc, strlen(doc), &st, NULL, NULL, &cause), 0);
	assert_int_equal(st.added, NIMPORT - got);
	assert_int_equal(st.duplicates, got);
	int seen[NIMPORT] = { 0 };
	assert_int_equal(count_tagged(x, "f", seen), NIMPORT);
	for (int i = 0; i < NIMPORT; i++)
		assert_int_equal(seen[i], 1);
	free(doc);
}

struct warned {
	char lines[8][256];
	size_t n;
};

static void
collect(void *ctx, size_t index, const char *id, const char *why)
{
	struct warned *w = ctx;
	if (w->n < 8)
		snprintf(w->lines[w->n++], sizeof w->lines[0], "%zu %s: %s", index, id ? id : "-",
			 why);
}

#define OSC52 "\x1B]52;c;ZWNobyBwd25lZA==\x07"
#define OSC0 "\x1B]0;pwned\x1B\\"
#define CSI "\x1B[2J"
#define C1 "\xC2\x9B" "31m"
#define BIDI "\xE2\x80\xAE"
#define J_OSC52 "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007"
#define J_OSC0 "\\u001b]0;pwned\\u001b\\\\"
#define J_CSI "\\u001b[2J"

/* Every field of an imported note carries escape sequences: none is kept.
 * An annotation with an empty source, one that is not an object, one
 * whose position cannot be a number of characters: each told, the rest
 * imported. */
static void
test_import_hostile(void **state)
{
	struct fx *x = *state;
	char doc[4096];
	/* JSON strings cannot hold C0 raw: as \u escapes, as a file would */
	snprintf(doc, sizeof doc,
		 "[{\"type\": \"Annotation\", \"id\": \"urn:x:1\","
		 "  \"created\": \"2024-05-01T08:30:00Z" "\\u001b[2J\", \"modified\": \"2024-05-01T08:30:00Z\","
		 "  \"body\": {\"type\": \"TextualBody\", \"value\": \"看" J_OSC52 "这里" J_OSC0 J_CSI C1 BIDI
		 "\\u009b好\"},"
		 "  \"target\": {\"source\": \"%s\", \"styleClass\": \"green\\u001b\", \"selector\": {"
		 "   \"type\": \"TextQuoteSelector\", \"exact\": \"深度求索" J_CSI "发布\","
		 "   \"prefix\": \"年初" BIDI "，\", \"suffix\": \"\\u0085最新\"}}},"
		 " {\"type\": \"Annotation\", \"id\": \"urn:x:2\\u001b]0;t\\u0007\","
		 "  \"target\": {\"source\": \"\", \"selector\": {\"type\": \"TextQuoteSelector\","
		 "   \"exact\": \"未来\"}}},"
		 " 42,"
		 " {\"type\": \"Annotation\", \"target\": {\"source\": \"%s\", \"selector\": ["
		 "   {\"type\": \"TextPositionSelector\", \"start\": 1e19, \"end\": 2e19},"
		 "   {\"type\": \"TextQuoteSelector\", \"exact\": \"未来的机会\"}]}},"
		 " {\"type\": \"Annotation\", \"target\": {\"source\": \"%s\", \"selector\": {"
		 "   \"type\": \"TextQuoteSelector\", \"exact\": \"" J_CSI "\"}}}"
		 "]",
		 notes_lib_key(&x->lib, 0), notes_lib_key(&x->lib, 0), notes_lib_key(&x->lib, 0));
	struct notes_import_stats st;
	struct warned w = { .n = 0 };
	char *cause = NULL;
	assert_int_equal(notes_import(x->s, &x->lib, doc, strlen(doc), &st, collect, &w, &cause), 0);
	assert_null(cause);
	assert_int_equal(st.added, 2);
	assert_int_equal(st.skipped, 3);
	assert_int_equal(st.orphans, 0);
	assert_int_equal(w.n, 4);
	assert_string_equal(w.lines[0], "1 urn:x:2\x1B]0;t\x07: no target source (the article file it "
					"belongs to); not imported");
	assert_string_equal(w.lines[1], "2 -: not an annotation (not a JSON object); not imported");
	assert_string_equal(w.lines[2], "3 -: a TextPositionSelector position is not a whole number "
					"from 0 to 2^53; placed by its quote alone");
	assert_string_equal(w.lines[3], "4 -: its exact text is nothing but control characters; "
					"not imported");
	struct store_annot_list l = { 0 };
	assert_int_equal(store_annot_list(x->s, NULL, 0, &l), 0);
	assert_int_equal(l.n, 2);
	size_t k = strcmp(l.v[0].quote, "深度求索发布") == 0 ? 0 : 1;
	assert_string_equal(l.v[k].quote, "深度求索发布");
	assert_string_equal(l.v[k].note, "看这里好");
	assert_string_equal(l.v[k].prefix, "年初，");
	assert_string_equal(l.v[k].suffix, "最新");
	assert_string_equal(l.v[k].colour, "yellow");
	assert_string_equal(l.v[k].modified, "2024-05-01T08:30:00Z");
	assert_int_equal(strlen(l.v[k].created), 20); /* not the file's: "now" */
	assert_string_equal(l.v[1 - k].quote, "未来的机会");
	assert_int_equal(l.v[1 - k].orphan, 0);
	store_annot_list_free(&l);
	/* and the exports hold no escape byte, no C1, no bidi control */
	for (int fmt = NOTES_MARKDOWN; fmt <= NOTES_JSON; fmt++) {
		char *out = export(x, (enum notes_format)fmt, NULL);
		assert_null(strchr(out, '\x1B'));
		assert_null(strstr(out, "\xC2\x9B"));
		assert_null(strstr(out, BIDI));
		free(out);
	}
}

/* What the store holds is shown safely however it got there (an older
 * duwen, another program): Markdown drops controls, JSON escapes them, a
 * file name is shown escaped. */
static void
test_export_hostile_store(void **state)
{
	struct fx *x = *state;
	const struct article *a = &x->corpus.v[0];
	struct store_annot r;
	const char *at = strstr(a->text, "未来的机会");
	size_t start = (size_t)(at - a->text);
	assert_int_equal(notes_new(a, notes_lib_key(&x->lib, 0), start, start + strlen("未来的机会"),
				   "note" OSC52 C1 BIDI "\xC2\x85" "end", "yellow", &r),
			 0);
	free(r.path);
	r.path = strdup("/nonexistent/evil" CSI "\x9B" "\\.txt");
	r.hash = 0; /* not the open article renamed */
	snprintf(r.created, sizeof r.created, "2024-05-02T09:00:00Z");
	snprintf(r.modified, sizeof r.modified, "2024-05-02T09:00:00Z");
	assert_int_equal(store_annot_add(x->s, &r), 0);
	store_annot_clear(&r);
	char *md = export(x, NOTES_MARKDOWN, NULL);
	assert_text(md, "# duwen notes\n"
			"\n## evil\\x1B[2J\\x9B\\\\.txt\n\n"
			"File: `/nonexistent/evil\\x1B[2J\\x9B\\\\.txt`\n\n"
			"> 未来的机会\n\n"
			"note]52;c;ZWNobyBwd25lZA==31mend\n\n"
			"*2024-05-02T09:00:00Z · yellow*\n\n");
	free(md);
	char *json = export(x, NOTES_JSON, NULL);
	assert_non_null(strstr(json, "\"value\": \"note\\u001b]52;c;ZWNobyBwd25lZA==\\u0007"
				     "\\u009b31m\\u202e\\u0085end\""));
	assert_non_null(strstr(json, "\"source\": \"/nonexistent/evil\\u001b[2J\xEF\xBF\xBD\\\\.txt\""));
	free(json);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_json, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_export_markdown, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_export_empty, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_edited, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_bad, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_rename_and_edit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_export_unopened, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_concurrent, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_batches, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_reanchor_one_commit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_kill9, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_full_disk, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_import_hostile, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_export_hostile_store, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
