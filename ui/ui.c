/* duwen's interactive mode: locale, terminal, config, store, converters,
 * signals; then the panes. See ui.h. */
#include "ui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "../src/config.h"
#include "../src/err.h"
#include "../src/script.h"
#include "../src/store.h"
#include "../src/termsafe.h"
#include "app.h"
#include "load.h"
#include "screen/pane.h"
#include "registry.h"
#include "screen/style.h"
#include "panes/help.h"
#include "panes/list.h"
#include "panes/match.h"
#include "panes/messages.h"
#include "panes/noteset.h"
#include "panes/reader.h"

/* Warnings met before and while starting: shown in the message line and
 * printed to stderr after the terminal is restored. */
struct warnings {
	char *v[32];
	size_t n, dropped;
};

static void
warn(void *ctx, const char *msg)
{
	struct warnings *w = ctx;
	if (w->n < sizeof w->v / sizeof w->v[0] && (w->v[w->n] = strdup(msg)))
		w->n++;
	else
		w->dropped++;
}

static int
is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

static int
on_off(const char *v, int *out)
{
	if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
		*out = 1;
	else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
		*out = 0;
	else
		return -1;
	return 0;
}

static int
number(const char *v, int lo, int hi, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*v == 0 || *end || n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

/* The `set` lines: unknown names and bad values are reported. */
static void
apply_settings(struct app *app, int *nocolor, int *escdelay, struct warnings *w)
{
	const struct config *cfg = app->config;
	for (size_t i = 0; i < cfg->set.n; i++) {
		const char *name = cfg->set.v[i].argv[0], *val = cfg->set.v[i].argv[1];
		int line = cfg->set.v[i].line, bad = 0, b;
		struct layout_opts *lo = &app->vopts.layout;
		if (!strcmp(name, "measure"))
			bad = number(val, 20, 400, &lo->measure_cols);
		else if (!strcmp(name, "indent"))
			bad = number(val, 0, 16, &lo->indent_cols);
		else if (!strcmp(name, "split"))
			bad = number(val, 0, 10000, &app->split_min_cols);
		else if (!strcmp(name, "escdelay"))
			bad = number(val, 0, 2000, escdelay);
		else if (!strcmp(name, "fullwidth-punct") && !(bad = on_off(val, &b)))
			lo->punct_fullwidth = b;
		else if (!strcmp(name, "ambiguous-wide") && !(bad = on_off(val, &b)))
			lo->w.ambiguous_wide = b;
		else if (!strcmp(name, "boilerplate") && !(bad = on_off(val, &b)))
			app->vopts.show_boilerplate = b;
		else if (!strcmp(name, "blank-lines") && !(bad = on_off(val, &b)))
			app->vopts.blank_between = b;
		else if (!strcmp(name, "color") && !(bad = on_off(val, &b)))
			*nocolor = !b;
		else if (!strcmp(name, "cities"))
			continue; /* the comparison reads it (compare_spec.c) */
		else if (strcmp(name, "measure") && strcmp(name, "indent") && strcmp(name, "split") &&
			 strcmp(name, "escdelay") && strcmp(name, "fullwidth-punct") &&
			 strcmp(name, "ambiguous-wide") && strcmp(name, "boilerplate") &&
			 strcmp(name, "blank-lines") && strcmp(name, "color")) {
			config_warn(cfg, line, warn, w,
				    "unknown setting '%.40s' (measure, indent, split, escdelay, "
				    "fullwidth-punct, ambiguous-wide, boilerplate, blank-lines, color, cities); line skipped",
				    name);
			continue;
		}
		if (bad)
			config_warn(cfg, line, warn, w, "bad value '%.40s' for %s; line skipped", val, name);
	}
}

static void
app_defaults(struct app *app)
{
	view_opts_default(&app->vopts);
	app->split_min_cols = 120;
}

int
ui_run(const struct ui_opts *o)
{
	setlocale(LC_ALL, "");
	if (!is_utf8() && (setlocale(LC_CTYPE, "C.UTF-8") == NULL || !is_utf8())) {
		fputs("duwen: the terminal's locale is not UTF-8 and C.UTF-8 is not available; "
		      "run with LANG=en_US.UTF-8 (or install the locales package)\n", stderr);
		return 1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("duwen: not a terminal; use --list or --dump for plain output\n", stderr);
		return 1;
	}
	struct warnings w = { 0 };
	struct config cfg;
	char path[4096];
	const char *cpath = o->config_path ? o->config_path : config_default_path(path, sizeof path);
	if (config_load(cpath, &cfg, warn, &w) < 0) {
		fputs("duwen: out of memory\n", stderr);
		return 1;
	}
	struct app app = { 0 };
	struct corpus none = { 0 };
	app_defaults(&app);
	app.corpus = &none;
	app.config = &cfg;
	app.cities = o->cities;
	app.highlight = o->highlight;
	int nocolor = 0, escdelay = 25, rc = 0;
	apply_settings(&app, &nocolor, &escdelay, &w);
	char *cause = NULL;
	if (store_open(NULL, &app.store, &cause) < 0) {
		fputs("duwen: out of memory\n", stderr);
		config_free(&cfg);
		return 1;
	}
	if (cause) { /* it says what is not saved, and why */
		warn(&w, cause);
		free(cause);
		cause = NULL;
	}
	if (script_open(&app.script, &cause) < 0) {
		char msg[600];
		snprintf(msg, sizeof msg, "no script conversion: %s", cause ? cause : "OpenCC failed");
		warn(&w, msg);
		free(cause);
		app.script = NULL;
	}
	if (pane_mgr_init(&app) < 0 || registry_all(&app) < 0) {
		fputs("duwen: out of memory\n", stderr);
		rc = 1;
		goto out;
	}
	pane_apply_binds(&app, warn, &w);
	/* the list's facts from the cache, or the file names: nothing is read
	 * before the first paint but a single article */
	struct ui_match *um = ui_match_get(&app);
	struct load_opts lo = { o->paths, o->npaths, o->source, o->no_cache, o->loaded };
	if (load_open(&app, &lo, um ? &um->spec : NULL) < 0) {
		fputs("duwen: out of memory\n", stderr);
		rc = 1;
		goto out;
	}
	int single = app.corpus->n == 1;
	if (app.corpus->n == 0 || (single && load_article(&app, 0) < 0)) {
		fputs("duwen: no article could be loaded\n", stderr);
		rc = 2;
		goto out;
	}
	const char *nc = getenv("NO_COLOR");
	app.mono = nocolor || (nc && nc[0]);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(escdelay);
	pane_signal_catch();
	/* The terminal's description first: newterm leaks ncurses' pre-screen
	 * for a type it does not know (LeakSanitizer), and a terminal that
	 * cannot place the cursor (TERM=dumb, an editor's shell buffer) would
	 * get every row run together. */
	const char *t = getenv("TERM");
	int terr = 0, cup = 0;
	if (setupterm(NULL, fileno(stdout), &terr) == OK) {
		const char *c = tigetstr("cup");
		cup = c != NULL && c != (const char *)-1;
		del_curterm(cur_term);
	} else {
		terr = -1;
	}
	SCREEN *scr = terr < 0 || !cup ? NULL : newterm(NULL, stdout, stdin);
	if (scr == NULL) {
		if (terr >= 0 && !cup)
			termsafe_warn(stderr, NULL, "terminal type '%s' cannot move the cursor; use"
				      " --list or --dump, or try TERM=xterm-256color", t ? t : "");
		else
			termsafe_warn(stderr, NULL, "cannot use terminal type '%s'; try"
				      " TERM=xterm-256color", t ? t : "");
		rc = 1;
		goto out;
	}
	pane_set_curses(&app, 1);
	app.load.screen = 1;
	raw();
	noecho();
	nonl();
	/* Every update runs to its end: the line scroll (pane_scroll.c) needs
	 * to know where the last one left the cursor. */
	typeahead(-1);
	curs_set(0);
	keypad(stdscr, TRUE);
	if (app.mono || !has_colors())
		app.mono = 1;
	style_init(&app, &cfg, app.mono, warn, &w);
	if (ui_list_open(&app, 1) < 0 ||
	    (single ? pane_open_article(&app, 0, PANE_PLACE_REMEMBERED, NULL) : 0) < 0) {
		rc = 1;
	} else {
		/* every warning in :messages; the first on the message line */
		for (size_t i = 0; i < o->nwarnings; i++)
			ui_messages_add(&app, o->warnings[i]);
		/* the config's in the order of its lines (it is checked in
		 * passes: commands, then settings, binds, colours) */
		ui_messages_by_line(w.v, w.n, cfg.path);
		for (size_t i = 0; i < w.n; i++)
			ui_messages_add(&app, w.v[i]);
		/* a config, store or converter problem on the message line (the
		 * files not read were said before the screen came up); the
		 * status line counts them all */
		size_t nm = app.messages.n;
		if (w.n)
			pane_error(&app, "%s%s", w.v[0], nm > 1 ? "  (all of them: :messages)" : "");
		pane_run(&app);
	}
	pane_mgr_free(&app); /* saves the places */
	app.mgr = NULL;
	endwin();
	delscreen(scr);
out:
	if (app.mgr)
		pane_mgr_free(&app);
	noteset_free(&app);
	ui_match_free(&app);
	load_close(&app); /* what was read stays in the cache */
	ui_messages_free(&app);
	for (size_t i = 0; i < w.n; i++) {
		termsafe_warn(stderr, NULL, "%s", w.v[i]);
		free(w.v[i]);
	}
	if (w.dropped)
		fprintf(stderr, "duwen: %zu more warnings\n", w.dropped);
	if (app.script)
		script_close(app.script);
	store_close(app.store);
	config_free(&cfg);
	if (pane_signalled() && rc == 0)
		rc = 128 + pane_signalled();
	return rc;
}

/* The key table without a terminal. */
static int
with_table(FILE *f, int man)
{
	struct corpus c = { 0 };
	struct config cfg;
	memset(&cfg, 0, sizeof cfg);
	struct app app = { 0 };
	app_defaults(&app);
	app.corpus = &c;
	app.config = &cfg;
	int rc = -1;
	if (pane_mgr_init(&app) == 0 && registry_all(&app) == 0)
		rc = man ? ui_help_man(&app, f) : ui_help_text(&app, f);
	pane_mgr_free(&app);
	ui_match_free(&app);
	return rc;
}

int
ui_keys_man(FILE *f)
{
	return with_table(f, 1);
}

int
ui_keys_text(FILE *f)
{
	return with_table(f, 0);
}
