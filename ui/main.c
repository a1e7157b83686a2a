/* duwen's entry point: options, then the plain-text modes or the panes.
 * To add an option: a row in OPTIONS (the help text comes from it) and a
 * case in parse_options; a new mode also gets an enum mode value, a name in
 * MODE_NAMES and a case in main. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/corpus.h"
#include "../src/err.h"
#include "../src/layout.h"
#include "../src/report.h"
#include "../src/source.h"
#include "../src/termsafe.h"
#include "ui.h"            /* the panes (panes issue) */
#include "notes_cli.h" /* `duwen notes ...` (annotations issue) */
#include "compare_cli.h" /* --compare, --search, --cities, --highlight */
#include "scan_cli.h"    /* --list, --search over the cache */
#include "progress.h"    /* the bar on stderr while files are read */

#ifndef DUWEN_VERSION
#define DUWEN_VERSION "0.1"
#endif

/* Exit statuses (duwen(1), EXIT STATUS). */
enum { EXIT_OUTPUT = 1, EXIT_USAGE = 2 };

enum mode { MODE_UI, MODE_LIST, MODE_DUMP, MODE_COMPARE, MODE_SEARCH };
static const char *const MODE_NAMES[] = { "", "--list", "--dump", "--compare", "--search" };

/* Options without a short form take values from OPT_LONG_ONLY up. */
enum { OPT_LONG_ONLY = 256 };
/* The comparison issue's long options (a block of their own). */
enum { OPT_COMPARE = OPT_LONG_ONLY + 16, OPT_SEARCH, OPT_CITIES, OPT_HIGHLIGHT };
/* The scale issue's (the cache). */
enum { OPT_NO_CACHE = OPT_LONG_ONLY + 32 };

static const struct cli_option {
	const char *name;
	int val;         /* short option letter, or >= OPT_LONG_ONLY */
	const char *arg; /* NULL: takes no value */
	const char *help;
} OPTIONS[] = {
	{ "list", 'l', NULL, "list the articles: title, source, date, length, city mentions" },
	{ "dump", 'd', NULL, "print each FILE (default: the first bundled article) as laid out" },
	{ "width", 'w', "N", "wrap --dump output at N columns (0: no wrapping; default 80)" },
	{ "encoding", 'e', "NAME", "decode every file as NAME (an iconv name), not detected" },
	{ "help", 'h', NULL, "show this help and exit" },
	{ "version", 'V', NULL, "show the version and exit" },
	{ "data", OPT_LONG_ONLY, "DIR", "keep notes and reading positions in DIR/notes.db" },
	{ "config", OPT_LONG_ONLY + 1, "FILE", "read settings, keys and colours from FILE" },
	{ "compare", OPT_COMPARE, NULL, "print the city comparison: counts per city and theme, figures" },
	{ "search", OPT_SEARCH, "QUERY", "print every hit of QUERY with its sentence, by article" },
	{ "cities", OPT_CITIES, "LIST", "compare these 2 to 4 cities (e.g. 杭州,深圳,北京)" },
	{ "highlight", OPT_HIGHLIGHT, "WORDS", "highlight these words (e.g. 算力,人才) in the panes" },
	{ "no-cache", OPT_NO_CACHE, NULL, "--list, --search: neither use nor update DIR/cache.db" },
};
#define NOPTIONS (sizeof OPTIONS / sizeof OPTIONS[0])

struct options {
	enum mode mode;
	int width_cols;
	struct source_opts source;
	const char *const *paths;
	size_t npaths;
	const char *config_path; /* --config */
	const char *query, *cities, *highlight; /* --search, --cities, --highlight */
	int no_cache;                           /* --no-cache */
};

static void
usage(FILE *f)
{
	fputs("usage: duwen [options] [PATH...]\n"
	      "\n"
	      "A terminal reader for Chinese-language articles. PATH is a file, - for\n"
	      "standard input, or a directory of .txt, .html, .htm, .xhtml, .epub, .md\n"
	      "and .markdown files; with none, the bundled texts are opened.\n"
	      "\n",
	      f);
	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct cli_option *o = &OPTIONS[i];
		char left[40];
		int n = o->val < OPT_LONG_ONLY ? snprintf(left, sizeof left, "-%c, --%s", o->val, o->name)
					       : snprintf(left, sizeof left, "    --%s", o->name);
		if (o->arg && n > 0 && (size_t)n < sizeof left)
			snprintf(left + n, sizeof left - (size_t)n, " %s", o->arg);
		fprintf(f, "  %-22s%s\n", left, o->help);
	}
	fputs("\n       duwen notes export [--format markdown|json] [--article PATH]\n"
	      "       duwen notes import FILE.json\n", f);
	fputs("\nSee duwen(1) for the file header format and the exit statuses.\n", f);
}

/* "duwen: PATH: message" through termsafe: a path shown escaped, the
 * message with anything that could act on the terminal dropped. */
static void
say(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
say(const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	termsafe_warn(stderr, path, "%s", msg);
}

/* Files not read: said on stderr at once, and kept (ctx, when not NULL)
 * for the panes' :messages. */
struct kept {
	char *v[64];
	size_t n;
};

static void
warn_path(void *ctx, const char *path, const char *reason)
{
	say(path, "%s", reason);
	struct kept *k = ctx;
	if (k == NULL || k->n == sizeof k->v / sizeof k->v[0])
		return;
	char *name = termsafe_name(path);
	size_t len = (name ? strlen(name) : 0) + strlen(reason) + 3;
	if ((k->v[k->n] = malloc(len)) != NULL)
		snprintf(k->v[k->n++], len, "%s: %s", name ? name : "", reason);
	free(name);
}

/* warn_path with the progress bar off meanwhile: the warning on a line
 * of its own */
struct warn_bar {
	struct progress *p;
	struct kept *k;
};

static void
warn_paused(void *ctx, const char *path, const char *reason)
{
	struct warn_bar *wb = ctx;
	progress_pause(wb->p);
	warn_path(wb->k, path, reason);
	progress_resume(wb->p);
}

static void
kept_free(struct kept *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	k->n = 0;
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
parse_int(const char *s, long lo, long hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*s == 0 || *end != 0 || errno != 0 || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

/* The option getopt stopped at, as typed: "--name" (without "=value") or
 * "-c" (out of a cluster such as "-lx"), into buf. */
static const char *
option_name(const char *arg, int c, char *buf, size_t cap)
{
	if (strncmp(arg, "--", 2) == 0)
		snprintf(buf, cap, "%.*s", (int)strcspn(arg, "="), arg);
	else
		snprintf(buf, cap, "-%c", c);
	return buf;
}

static int
set_mode(struct options *o, enum mode m)
{
	if (o->mode != MODE_UI && o->mode != m) {
		say(NULL, "%s and %s cannot be used together", MODE_NAMES[o->mode], MODE_NAMES[m]);
		return -1;
	}
	o->mode = m;
	return 0;
}

/* Fill o from argv. Returns -1 to go on, else the exit status. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	struct option longopts[NOPTIONS + 1];
	char shortopts[2 * NOPTIONS + 2] = ":", name[64];
	size_t ns = 1;
	for (size_t i = 0; i < NOPTIONS; i++) {
		longopts[i] = (struct option){ OPTIONS[i].name,
					       OPTIONS[i].arg ? required_argument : no_argument,
					       NULL, OPTIONS[i].val };
		if (OPTIONS[i].val < OPT_LONG_ONLY) {
			shortopts[ns++] = (char)OPTIONS[i].val;
			if (OPTIONS[i].arg)
				shortopts[ns++] = ':';
		}
	}
	longopts[NOPTIONS] = (struct option){ NULL, 0, NULL, 0 };
	shortopts[ns] = 0;

	*o = (struct options){ .mode = MODE_UI, .width_cols = 80 };
	opterr = 0; /* our messages, not getopt's */
	int c;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
		case 'd':
			if (set_mode(o, c == 'l' ? MODE_LIST : MODE_DUMP) < 0)
				goto bad;
			break;
		case 'w':
			if (parse_int(optarg, 0, 100000, &o->width_cols) < 0) {
				say(NULL, "--width: '%s' is not a number of columns from 0 to 100000",
				    optarg);
				goto bad;
			}
			break;
		case 'e': {
			char *cause = NULL;
			if (source_check_encoding(optarg, &cause) < 0) {
				say(NULL, "--encoding: %s", cause ? cause : "unknown encoding");
				free(cause);
				goto bad;
			}
			o->source.encoding = optarg;
			break;
		}
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("duwen %s\n", DUWEN_VERSION);
			return 0;
		case OPT_LONG_ONLY: /* --data: the store reads $DUWEN_DATA */
			if (setenv("DUWEN_DATA", optarg, 1) < 0) {
				say(NULL, "--data: %s", strerror(errno));
				goto bad;
			}
			break;
		case OPT_LONG_ONLY + 1:
			/* the default config need not exist; one named must (a
			 * mistyped name would leave every setting unsaid) */
			if (access(optarg, F_OK) < 0 && (errno == ENOENT || errno == ENOTDIR)) {
				say(optarg, "--config: no such file or directory");
				goto bad;
			}
			o->config_path = optarg;
			break;
		case OPT_COMPARE:
		case OPT_SEARCH:
			if (set_mode(o, c == OPT_COMPARE ? MODE_COMPARE : MODE_SEARCH) < 0)
				goto bad;
			if (c == OPT_SEARCH)
				o->query = optarg;
			break;
		case OPT_CITIES:
			if (ui_compare_cli_check_cities(optarg) < 0)
				goto bad;
			o->cities = optarg;
			break;
		case OPT_HIGHLIGHT:
			o->highlight = optarg;
			break;
		case OPT_NO_CACHE:
			o->no_cache = 1;
			break;
		case ':':
			say(NULL, "option '%s' needs a value",
			    option_name(argv[optind - 1], optopt, name, sizeof name));
			goto bad;
		default:
			say(NULL, "unknown option '%s'", option_name(argv[optind - 1], optopt, name, sizeof name));
			goto bad;
		}
	}
	o->paths = (const char *const *)argv + optind;
	o->npaths = (size_t)(argc - optind);
	return -1;
bad:
	fputs("Try 'duwen --help'.\n", stderr);
	return EXIT_USAGE;
}

/* 1 if a path is "-", standard input. */
static int
reads_stdin(const struct options *o)
{
	for (size_t i = 0; i < o->npaths; i++)
		if (strcmp(o->paths[i], "-") == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	/* `duwen notes export|import ...`: see notes_cli.c. */
	if (argc > 1 && strcmp(argv[1], "notes") == 0) {
		char notes_texts[PATH_MAX];
		return ui_notes_cli_main(argc - 1, argv + 1,
					 bundled_texts(notes_texts, sizeof notes_texts));
	}
	/* The man page's KEYS section comes from the key table (hidden). */
	if (argc == 2 && strcmp(argv[1], "--keys-man") == 0)
		return ui_keys_man(stdout) < 0 || fflush(stdout) != 0 ? EXIT_OUTPUT : 0;
	struct options opts;
	int status = parse_options(argc, argv, &opts);
	if (status >= 0)
		return status;
	char texts[PATH_MAX];
	const char *def[1];
	int bundled = opts.npaths == 0;
	if (bundled) {
		def[0] = bundled_texts(texts, sizeof texts);
		opts.paths = def;
		opts.npaths = 1;
	}
	if ((opts.mode == MODE_LIST || opts.mode == MODE_SEARCH) && !reads_stdin(&opts)) {
		/* from the cache where it is current (scan_cli.c); standard
		 * input can be read only once, so it goes the plain way */
		struct scan_cli so = { opts.paths, opts.npaths, &opts.source, opts.config_path,
				       opts.cities, opts.no_cache, warn_path, NULL };
		int st = opts.mode == MODE_LIST ? scan_cli_list(stdout, &so)
						: scan_cli_search(stdout, &so, opts.query);
		if (st == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
			say(NULL, "cannot write the output: %s", strerror(errno));
			st = EXIT_OUTPUT;
		}
		return st;
	}
	if (opts.mode == MODE_UI && !reads_stdin(&opts)) {
		/* the panes load as they run (ui/load.c) */
		struct ui_opts uo = { .config_path = opts.config_path, .paths = opts.paths,
				      .npaths = opts.npaths, .source = &opts.source,
				      .no_cache = opts.no_cache, .cities = opts.cities, .highlight = opts.highlight };
		return ui_run(&uo);
	}
	struct corpus corpus;
	struct kept kept = { .n = 0 };
	struct match_text *folded = NULL; /* handed to --compare */
	if (opts.mode == MODE_COMPARE && !reads_stdin(&opts)) {
		/* every article, from the cache's copies where current */
		struct scan_cli so = { opts.paths, opts.npaths, &opts.source, opts.config_path,
				       opts.cities, opts.no_cache, warn_path, NULL };
		int st = scan_cli_corpus(&so, &corpus, &folded, NULL, NULL);
		if (st)
			return st;
	} else {
		/* --dump, or standard input: no count, the seconds (a 64 MiB
		 * article read for 20 s with nothing on the terminal) */
		struct progress bar;
		progress_start(&bar, "reading", "files");
		struct warn_bar wb = { &bar, opts.mode == MODE_UI ? &kept : NULL };
		int lrc = corpus_load(&corpus, opts.paths, opts.npaths, &opts.source, warn_paused, &wb);
		progress_end(&bar);
		if (lrc < 0) {
			say(NULL, "out of memory");
			return EXIT_OUTPUT;
		}
		if (corpus.n == 0) {
			kept_free(&kept);
			say(NULL, "no article could be loaded");
			corpus_free(&corpus);
			return EXIT_USAGE;
		}
	}
	if (opts.mode == MODE_COMPARE || opts.mode == MODE_SEARCH || opts.mode == MODE_LIST) {
		/* --list counts the compared cities as --compare does */
		int st = opts.mode == MODE_COMPARE
				 ? ui_compare_cli_compare(stdout, &corpus, folded, opts.config_path, opts.cities)
			 : opts.mode == MODE_LIST
				 ? ui_compare_cli_list(stdout, &corpus, opts.config_path, opts.cities)
				 : ui_compare_cli_search(stdout, &corpus, NULL, opts.query);
		corpus_free(&corpus);
		if (st == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
			say(NULL, "cannot write the output: %s", strerror(errno));
			st = EXIT_OUTPUT;
		}
		return st;
	}
	if (opts.mode == MODE_UI && reads_stdin(&opts) && !isatty(STDIN_FILENO) &&
	    freopen("/dev/tty", "r", stdin) == NULL) {
		/* the article came on standard input: keys come from the terminal */
		say(NULL, "cannot read keys: /dev/tty: %s", strerror(errno));
		kept_free(&kept);
		corpus_free(&corpus);
		return EXIT_USAGE;
	}
	if (opts.mode == MODE_UI) {
		/* standard input, read: the articles are handed to the panes */
		struct ui_opts uo = { .config_path = opts.config_path, .loaded = &corpus,
				      .warnings = (const char *const *)kept.v, .nwarnings = kept.n,
				      .cities = opts.cities, .highlight = opts.highlight };
		int st = ui_run(&uo);
		kept_free(&kept);
		corpus_free(&corpus);
		return st;
	}
	struct layout_opts lopts;
	layout_opts_default(&lopts);
	int width = opts.width_cols;
	int rc = 0;
	switch (opts.mode) {
	case MODE_UI: /* handled above, as are --list, --compare and --search */
	case MODE_LIST:
	case MODE_COMPARE:
	case MODE_SEARCH:
		break;
	case MODE_DUMP:
		/* with no path, only the first bundled article */
		for (size_t i = 0; i < corpus.n && rc == 0; i++) {
			if (i > 0)
				fputs("\n\n", stdout);
			rc = report_dump(stdout, &corpus.v[i], &lopts, width);
			if (bundled)
				break;
		}
		break;
	}
	corpus_free(&corpus);
	if (fflush(stdout) != 0 || ferror(stdout) || rc < 0) {
		say(NULL, "cannot write the output: %s",
		    rc < 0 && rc != ERR_IO ? err_strerror(rc) : strerror(errno));
		return EXIT_OUTPUT;
	}
	return 0;
}
