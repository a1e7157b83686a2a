/* keys: key names and the binding table. Contexts ("global", "list",
 * "reader", ...) each bring a pane_key table of actions with default keys;
 * the config's `bind` lines rebind them. Lookup maps (context, key) to an
 * action. No terminal needed: key codes are curses' numbers. The table owns
 * its arrays (keys_table_free), not the pane_key tables it points at. */
#ifndef DUWEN_KEYS_H
#define DUWEN_KEYS_H

#include <stddef.h>

#include "pane.h"

struct keys_binding {
	int key;
	const struct pane_key *act; /* NULL: explicitly unbound */
};

struct keys_ctx {
	const char *name;
	const struct pane_key *acts;
	size_t nacts;
	int global;       /* consulted after the focused pane's context */
	const void *user; /* the pane_ops or pane_keymap it came from */
	struct keys_binding *b;
	size_t nb, cap;
};

struct keys_table {
	struct keys_ctx *v;
	size_t n, cap;
};

/* Add a context with its default bindings. 0 or ERR_NOMEM. */
int keys_add(struct keys_table *t, const char *name, const struct pane_key *acts,
	     size_t nacts, int global, const void *user);

/* Bind key name (keys_parse) to action name in context ctx ("global" means
 * every global context; action "none" unbinds). 0, or ERR_INVAL with a
 * reason in err. */
int keys_bind(struct keys_table *t, const char *ctx, const char *key,
	      const char *action, char *err, size_t errcap);

/* Action bound to key in context c (NULL if none). Enter keys ('\n',
 * KEY_ENTER) count as '\r', backspaces (8, 127) as KEY_BACKSPACE. */
const struct pane_key *keys_lookup(const struct keys_ctx *c, int key);
/* Action of context c named name (for ':' commands), or NULL. */
const struct pane_key *keys_action(const struct keys_ctx *c, const char *name);
/* Context named name with user pointer user (NULL: any), or NULL. */
struct keys_ctx *keys_ctx_find(struct keys_table *t, const char *name,
			       const void *user);

/* Keys bound to act in c, into out (at most max); returns how many. */
size_t keys_bound(const struct keys_ctx *c, const struct pane_key *act, int *out,
		  size_t max);

/* Key code of a name: "j", "C-d", "^D", "Space", "Enter", "Esc", "Tab",
 * "Up", "PgDn", "Home", "F1", "<" ... ; -1 if unknown. */
int keys_parse(const char *name);
/* Name of key code into buf (cap >= 16): "C-d", "PgDn", "j". */
const char *keys_name(int key, char *buf, size_t cap);
/* The same key after folding Enter and Backspace variants. */
int keys_fold(int key);

void keys_table_free(struct keys_table *t);

#endif
