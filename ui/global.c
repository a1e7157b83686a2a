#include "global.h"

#include <string.h>

#include "app.h"
#include "screen/pane.h"
#include "screen/keys.h"
#include "panes/help.h"
#include "panes/list.h"

enum {
	G_HELP = 1, G_NEXT, G_PREV, G_COMMAND, G_REDRAW, G_SUSPEND, G_QUIT, G_LIST, G_READER,
	G_PANE1, /* ... G_PANE1 + 8: the tabs' numbers */
};

static const struct pane_key global_keys[] = {
	{ G_HELP, "help", { KEY_F(1) }, "Show the keys", 0 },
	{ G_NEXT, "next-pane", { '\t' }, "Focus the next pane", 0 },
	{ G_PREV, "prev-pane", { KEY_BTAB }, "Focus the previous pane", 0 },
	{ G_LIST, "list", { KEY_F(2) }, "Go to the article list", 0 },
	{ G_READER, "reader", { KEY_F(3) }, "Go to the reading view", 0 },
	{ G_COMMAND, "command", { ':' }, "Type a command: an action name from this list, e.g. :script simplified", 0 },
	{ G_REDRAW, "redraw", { PANE_CTRL('l') }, "Redraw the screen", 0 },
	{ G_SUSPEND, "suspend", { PANE_CTRL('z') }, "Suspend duwen (fg resumes)", 0 },
	{ G_QUIT, "quit", { 'Q', PANE_CTRL('c') }, "Quit (the reading place is saved)", 0 },
	{ G_PANE1, "pane-1", { '1' }, "Focus pane 1 (the numbers on the status line)", 0 },
	{ G_PANE1 + 1, "pane-2", { '2' }, "Focus pane 2", 0 },
	{ G_PANE1 + 2, "pane-3", { '3' }, "Focus pane 3", 0 },
	{ G_PANE1 + 3, "pane-4", { '4' }, "Focus pane 4", 0 },
	{ G_PANE1 + 4, "pane-5", { '5' }, "Focus pane 5", 0 },
	{ G_PANE1 + 5, "pane-6", { '6' }, "Focus pane 6", 0 },
	{ G_PANE1 + 6, "pane-7", { '7' }, "Focus pane 7", 0 },
	{ G_PANE1 + 7, "pane-8", { '8' }, "Focus pane 8", 0 },
	{ G_PANE1 + 8, "pane-9", { '9' }, "Focus pane 9", 0 },
};

static int
global_key(struct app *app, struct pane *focused, const struct pane_event *ev)
{
	(void)focused;
	switch (ev->action) {
	case G_HELP:
		if (ui_help_open(app) < 0)
			pane_error(app, "out of memory");
		return PANE_REDRAW_ALL;
	case G_NEXT: return PANE_FOCUS_NEXT | PANE_REDRAW_ALL;
	case G_PREV: return PANE_FOCUS_PREV | PANE_REDRAW_ALL;
	case G_LIST: {
		struct pane *p = pane_find(app, &ui_list_ops);
		if (p == NULL && ui_list_open(app, 1) < 0)
			pane_error(app, "out of memory");
		if (p)
			pane_focus(app, p);
		return PANE_REDRAW_ALL;
	}
	case G_READER: {
		struct pane *p = pane_find_named(app, "reader");
		if (p)
			pane_focus(app, p);
		else
			pane_message(app, "No article open yet: Enter in the list opens one");
		return PANE_REDRAW_ALL;
	}
	case G_COMMAND: {
		char line[512];
		if (ev->arg) {
			pane_command(app, ev->arg);
		} else if (pane_prompt_command(app, line, sizeof line)) {
			pane_command(app, line);
		}
		return PANE_REDRAW_ALL;
	}
	case G_REDRAW:
		clearok(curscr, TRUE);
		return PANE_REDRAW_ALL;
	case G_SUSPEND:
		pane_suspend(app);
		return PANE_REDRAW_ALL;
	case G_QUIT: return PANE_QUIT;
	default:
		if (ev->action >= G_PANE1 && ev->action <= G_PANE1 + 8) {
			struct pane *p = pane_nth(app, (size_t)(ev->action - G_PANE1));
			if (p == NULL) {
				pane_message(app, "No pane %d: the status line numbers the open panes",
					     ev->action - G_PANE1 + 1);
				return PANE_HANDLED;
			}
			pane_focus(app, p);
			return PANE_REDRAW_ALL;
		}
		return PANE_UNHANDLED;
	}
}

static const struct pane_keymap global_map = {
	.name = "global",
	.keys = global_keys,
	.nkeys = sizeof global_keys / sizeof global_keys[0],
	.fn = global_key,
};

int
ui_global_register(struct app *app)
{
	return pane_register_global(app, &global_map);
}
