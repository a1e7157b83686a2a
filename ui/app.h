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

#include "../src/config.h"
#include "../src/corpus.h"
#include "../src/match.h"
#include "../src/note_index.h"
#include "../src/script.h"
#include "../src/store.h"
#include "../src/view.h"

struct pane_mgr;

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
};

struct app {
	struct corpus *corpus;
	struct match_text *folded; /* corpus texts folded ahead (the cache's), taken
				    * over by ui_match; NULL once taken or if none */
	size_t *mentions;          /* city mentions counted ahead (the cache's), for
				    * the cities named by mentions_key; ui_match
				    * takes them over if its cities are those */
	char *mentions_key;
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
	struct {               /* ui/panes/annot_act.c */
		int last_colour;     /* the colour chosen last: the next default */
		int64_t last_deleted;/* what U brings back (0: nothing) */
	} annot;
};

#endif
