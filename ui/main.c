/* duwen's entry point: options, then the plain-text modes or the panes. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/layout.h"
#include "../src/report.h"
#include "ui_notes_cli.h" /* notes subcommands (annotations issue) */

#ifndef DUWEN_VERSION
#define DUWEN_VERSION "0.1"
#endif

static void
usage(FILE *f)
{
	fputs("usage: duwen [options] [PATH...]\n"
	      "\n"
	      "A terminal reader for Chinese-language articles. PATH is a file or a\n"
	      "directory of .txt files; with none, the bundled texts are opened.\n"
	      "\n"
	      "  -l, --list            list the articles, one per line\n"
	      "  -d, --dump            print the first article (or each FILE) as laid out\n"
	      "  -w, --width N         wrap --dump output at N columns (0: no wrap; default 80)\n"
	      "  -e, --encoding NAME   decode files as NAME (iconv name) instead of detecting\n"
	      "      --data DIR        keep notes and reading positions in DIR/notes.db\n"
	      "  -h, --help            show this help\n"
	      "  -V, --version         show the version\n"
	      "\n"
	      "       duwen notes export [--format markdown|json] [--article PATH]\n"
	      "       duwen notes import FILE.json\n",
	      f);
}

static void
warn_path(void *ctx, const char *path, const char *reason)
{
	(void)ctx;
	fprintf(stderr, "duwen: %s: %s\n", path, reason);
}

/* The bundled texts: beside the binary in a build tree (build/../texts), or
 * in PREFIX/share/duwen/texts when installed. */
static const char *
bundled_texts(char *buf, size_t cap)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		const char *rel[] = { "/../share/duwen/texts", "/../texts" };
		for (size_t i = 0; i < 2; i++) {
			int w = snprintf(buf, cap, "%s%s", exe, rel[i]);
			if (w > 0 && (size_t)w < cap && access(buf, R_OK) == 0)
				return buf;
		}
	}
#ifdef DUWEN_TEXTS_DIR
	return DUWEN_TEXTS_DIR;
#else
	return "texts";
#endif
}

static int
parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == 0 || *end != 0 || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

int
main(int argc, char **argv)
{
	enum { MODE_UI, MODE_LIST, MODE_DUMP } mode = MODE_UI;
	int width = 80;
	struct source_opts sopts = { 0 };
	/* `duwen notes ...`: the annotations' export/import subcommands. */
	if (argc > 1 && strcmp(argv[1], "notes") == 0) {
		char notes_texts[PATH_MAX];
		return ui_notes_cli_main(argc - 1, argv + 1,
					 bundled_texts(notes_texts, sizeof notes_texts));
	}
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "dump", no_argument, NULL, 'd' },
		{ "width", required_argument, NULL, 'w' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "data", required_argument, NULL, 'D' }, /* long only */
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "ldw:e:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'l': mode = MODE_LIST; break;
		case 'd': mode = MODE_DUMP; break;
		case 'w':
			if (parse_int(optarg, 0, 10000, &width) < 0) {
				fprintf(stderr, "duwen: --width: '%s' is not a number from 0 to 10000\n", optarg);
				return 2;
			}
			break;
		case 'e': sopts.encoding = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("duwen %s\n", DUWEN_VERSION); return 0;
		case 'D': /* the store reads $DUWEN_DATA (store_open with dir NULL) */
			if (setenv("DUWEN_DATA", optarg, 1) < 0) {
				perror("duwen: --data");
				return 2;
			}
			break;
		default:
			fputs("Try 'duwen --help'.\n", stderr);
			return 2;
		}
	}
	char texts[PATH_MAX];
	const char *def[1];
	const char *const *paths = (const char *const *)argv + optind;
	size_t npaths = (size_t)(argc - optind);
	if (npaths == 0) {
		def[0] = bundled_texts(texts, sizeof texts);
		paths = def;
		npaths = 1;
	}
	struct corpus corpus;
	if (corpus_load(&corpus, paths, npaths, &sopts, warn_path, NULL) < 0) {
		fputs("duwen: out of memory\n", stderr);
		return 2;
	}
	if (corpus.n == 0) {
		fputs("duwen: no article could be loaded\n", stderr);
		corpus_free(&corpus);
		return 2;
	}
	struct layout_opts lopts;
	layout_opts_default(&lopts);
	int rc = 0;
	switch (mode) {
	case MODE_LIST:
		rc = report_list(stdout, &corpus);
		break;
	case MODE_UI: /* XXX: the pane system is the panes issue; until then, list + dump */
		rc = report_list(stdout, &corpus);
		putchar('\n');
		/* fall through */
	case MODE_DUMP:
		for (size_t i = 0; i < corpus.n && rc == 0; i++) {
			if (i > 0)
				putchar('\n');
			rc = report_dump(stdout, &corpus.v[i], &lopts, width);
			if (mode == MODE_UI)
				break;
		}
		break;
	}
	corpus_free(&corpus);
	return rc < 0 ? 1 : 0;
}
