/* ui_notes_cli: `duwen notes export` and `duwen notes import`. */
#include "notes_cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/notes.h"
#include "../src/source.h"
#include "../src/store.h"
#include "../src/termsafe.h"

#define IMPORT_MAX_BYTES ((size_t)64 << 20)

static void
usage(FILE *f)
{
	fputs("usage: duwen notes export [--format markdown|json] [--article PATH] [--data DIR] [PATH...]\n"
	      "       duwen notes import [--data DIR] FILE.json [PATH...]\n"
	      "\n"
	      "export  print every note (or those of the article at PATH) as Markdown\n"
	      "        grouped by article, or as W3C Web Annotation JSON\n"
	      "import  merge the annotations of a W3C Web Annotation JSON file (- for\n"
	      "        standard input); ones already there are not added twice\n"
	      "PATH    articles to look in for files that were renamed (default: the\n"
	      "        bundled texts)\n"
	      "--data DIR  the notes database's directory (default $DUWEN_DATA, else\n"
	      "        $XDG_DATA_HOME/duwen, else ~/.local/share/duwen)\n",
	      f);
}

static void
warn_path(void *ctx, const char *path, const char *reason)
{
	(void)ctx;
	termsafe_warn(stderr, path, "%s", reason);
}

/* "duwen: FILE: annotation 3 (id ...): why; not imported" */
static void
warn_annot(void *ctx, size_t index, const char *id, const char *why)
{
	const char *file = ctx;
	char *shown = id ? termsafe_name(id) : NULL;
	termsafe_warn(stderr, file, "annotation %zu%s%s%s: %s", index + 1, shown ? " (id " : "",
		      shown ? shown : "", shown ? ")" : "", why);
	free(shown);
}

/* The whole file (or stdin for "-") into a malloc'd buffer. */
static char *
read_all(const char *path, size_t *len)
{
	const char *why = NULL;
	FILE *f = strcmp(path, "-") == 0 ? stdin : source_fopen(path, &why);
	if (f == NULL) {
		termsafe_warn(stderr, path, "%s", why ? why : "no such file or directory");
		return NULL;
	}
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			char *p = cap <= IMPORT_MAX_BYTES + 1 ? realloc(buf, cap) : NULL;
			if (p == NULL) {
				termsafe_warn(stderr, path, "file too large (the limit is %zu MiB)",
					      IMPORT_MAX_BYTES >> 20);
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				termsafe_warn(stderr, path, "%s", strerror(errno));
				free(buf);
				buf = NULL;
			}
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

int
ui_notes_cli_main(int argc, char **argv, const char *texts)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *cmd = argv[1];
	int exporting = strcmp(cmd, "export") == 0;
	if (!exporting && strcmp(cmd, "import") != 0) {
		termsafe_warn(stderr, NULL, "notes: unknown command '%s'", cmd);
		usage(stderr);
		return 2;
	}
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "article", required_argument, NULL, 'a' },
		{ "data", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum notes_format fmt = NOTES_MARKDOWN;
	const char *article = NULL, *data = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc - 1, argv + 1, "f:a:D:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "markdown") == 0 || strcmp(optarg, "md") == 0)
				fmt = NOTES_MARKDOWN;
			else if (strcmp(optarg, "json") == 0)
				fmt = NOTES_JSON;
			else {
				termsafe_warn(stderr, NULL, "--format: '%s' is not markdown or json",
					      optarg);
				return 2;
			}
			break;
		case 'a': article = optarg; break;
		case 'D': data = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	char **rest = argv + 1 + optind;
	int nrest = argc - 1 - optind;
	const char *file = NULL;
	if (!exporting) {
		if (nrest < 1 || (article || fmt != NOTES_MARKDOWN)) {
			usage(stderr);
			return 2;
		}
		file = rest[0];
		rest++;
		nrest--;
	}
	const char *def[1] = { texts };
	const char *const *paths = nrest > 0 ? (const char *const *)rest : def;
	struct corpus corpus = { 0 };
	struct notes_lib lib;
	struct store *s = NULL;
	char *cause = NULL, *buf = NULL;
	int status = 1;
	if (corpus_load(&corpus, paths, nrest > 0 ? (size_t)nrest : 1, NULL,
			nrest > 0 ? warn_path : NULL, NULL) < 0 ||
	    notes_lib_init(&lib, &corpus) < 0) {
		termsafe_warn(stderr, NULL, "out of memory");
		corpus_free(&corpus);
		return 1;
	}
	if (store_open(data, &s, &cause) < 0) {
		termsafe_warn(stderr, NULL, "out of memory");
		goto out;
	}
	if (cause)
		termsafe_warn(stderr, NULL, "%s", cause);
	if (exporting) {
		int rc = notes_export(stdout, fmt, s, &lib, article);
		if (rc < 0)
			termsafe_warn(stderr, NULL, "notes export: %s", err_strerror(rc));
		else
			status = 0;
		goto out;
	}
	size_t len;
	if ((buf = read_all(file, &len)) == NULL)
		goto out;
	struct notes_import_stats st;
	char *why = NULL;
	int rc = notes_import(s, &lib, buf, len, &st, warn_annot, (void *)file, &why);
	if (rc == ERR_READONLY) {
		termsafe_warn(stderr, file, "nothing imported: %s",
			      store_error(s)[0] ? store_error(s) : "the notes database is read-only");
	} else if (rc < 0) {
		termsafe_warn(stderr, file, "%s", why ? why : err_strerror(rc));
		if (rc != ERR_INVAL && store_error(s)[0])
			termsafe_warn(stderr, NULL, "%s", store_error(s));
		if (st.added)
			termsafe_warn(stderr, NULL, "%zu notes were imported before that", st.added);
	} else {
		termsafe_printf(stdout, TERMSAFE_TEXT,
				"imported %zu note%s (%zu not found in their article, kept as orphans), "
				"%zu already there, %zu not usable\n",
				st.added, st.added == 1 ? "" : "s", st.orphans, st.duplicates,
				st.skipped);
		status = 0;
	}
	free(why);
out:
	free(buf);
	free(cause);
	store_close(s);
	notes_lib_free(&lib);
	corpus_free(&corpus);
	return status;
}
