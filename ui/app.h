/* app: what every pane may read: the corpus, the store, the script
 * converters, the config and the display options. ui_run (ui.c) fills it;
 * panes treat these fields as read-only except through the functions of
 * pane.h. The manager's own state (open panes, focus, key bindings) is in
 * mgr, private to pane.c. */
#ifndef DUWEN_APP_H
#define DUWEN_APP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../src/cache.h"
#include "../src/catalog.h"
#include "../src/config.h"
#include "../src/corpus.h"
#include "../src/match.h"
#include "../src/note_index.h"
#include "../src/script.h"
#include "../src/store.h"
#include "../src/view.h"

struct pane_mgr;
struct ui_match;

/* Colour pairs made for combined colours (a city's text on a note's
 * background), ui/panes/match.c's: its first combined pair is fg[0] on
 * bg[0], the next fg[1] on bg[1], and so on. */
#define APP_PAIRS_MAX 192
struct app_pairs {
	short fg[APP_PAIRS_MAX], bg[APP_PAIRS_MAX];
	int n;
};
struct bigload;

/* Warnings since the start, for :messages (ui/panes/messages.c). */
struct app_messages {
	char **v;
	size_t n, cap;
};

/* The note index the panes share (ui/panes/noteset.c). */
struct noteset {
	struct note_index ix;
	int loaded;
	unsigned gen;            /* bumped on every reload */
	struct timespec checked; /* last look at the store */
	unsigned placed;         /* app->load.notes_gen it was placed for */
};

/* The articles as they load (ui/load.c): the catalog's slots are the
 * corpus (app->corpus is &cat.arts), filled between keys. */
struct app_load {
	struct catalog cat;
	struct cache *cache;   /* NULL: none (--no-cache isn't for the panes;
				* no data directory, locked) */
	size_t next;           /* the next slot the loader looks at */
	unsigned gen;          /* bumped when slots change state */
	unsigned notes_gen;    /* bumped when notes should be placed again */
	int active;            /* slots are left to fill */
	int screen;            /* the terminal is up: warnings go to :messages only */
	struct timespec synced, noted, painted, shown;
	size_t noted_full;     /* cat.nfull when notes_gen was bumped */
};

struct app {
	struct corpus *corpus; /* every slot of load.cat (see catalog.h for what
				* a slot holds in each state) */
	struct app_load load;  /* ui/load.c */
	/* Work between keys (ui/load.c's): the event loop calls it whenever
	 * no key is waiting; it does a slice of some ms and returns 1 while
	 * more is left. NULL: none. */
	int (*work)(struct app *app);
	struct bigload *big;   /* large files read in a thread (ui/bigload.c) */
	unsigned long keys;    /* keys dispatched so far (the event loop counts) */
	char progress[48];     /* long work's progress, first in the status line
				* ("1234/10000 [####------]", ui/load.c); "" when none */
	struct store *store;   /* never NULL in the UI; may be read-only */
	struct script *script; /* NULL when OpenCC's data is missing */
	struct config *config; /* parsed config file (never NULL; may be empty) */
	struct view_opts vopts;/* layout and view options (config `set`) */
	int split_min_cols;    /* side by side from this many columns (`set split`) */
	int mono;              /* 1: no colours (NO_COLOR, monochrome terminal) */
	const char *cities;    /* --cities (NULL: the config's, else the default) */
	const char *highlight; /* --highlight words (NULL: none) */
	struct pane_mgr *mgr;  /* private to ui/screen/ */
	struct noteset notes;  /* ui/panes/noteset.c */
	struct app_messages messages; /* ui/panes/messages.c */
	struct {               /* ui/panes/match.c */
		struct ui_match *um; /* built on first use; NULL before or if it failed */
		int failed;          /* it could not be built: not tried again */
		struct app_pairs pairs;
	} match;
	struct {               /* ui/panes/annot_act.c */
		int last_colour;     /* the colour chosen last: the next default */
		int64_t last_deleted;/* what U brings back (0: nothing) */
	} annot;
};

#endif
