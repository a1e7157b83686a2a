/* Key names and bindings; see keys.h. */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../src/err.h"

static const struct { const char *name; int key; } named[] = {
	{ "Space", ' ' }, { "Enter", '\r' }, { "Return", '\r' }, { "Tab", '\t' },
	{ "Esc", 27 }, { "Escape", 27 },
	{ "Backspace", KEY_BACKSPACE }, { "BS", KEY_BACKSPACE }, { "Up", KEY_UP }, { "Down", KEY_DOWN },
	{ "Left", KEY_LEFT }, { "Right", KEY_RIGHT }, { "PgUp", KEY_PPAGE },
	{ "PageUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "PageDown", KEY_NPAGE },
	{ "Home", KEY_HOME }, { "End", KEY_END }, { "Insert", KEY_IC },
	{ "Delete", KEY_DC }, { "BTab", KEY_BTAB }, { "S-Tab", KEY_BTAB },
};

int
keys_fold(int key)
{
	if (key == '\n' || key == KEY_ENTER)
		return '\r';
	if (key == 8 || key == 127)
		return KEY_BACKSPACE;
	return key;
}

int
keys_parse(const char *s)
{
	size_t n = strlen(s);
	if (n == 0)
		return -1;
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(s, named[i].name) == 0)
			return named[i].key;
	if (n == 1 && (unsigned char)s[0] > 0x20 && (unsigned char)s[0] < 0x7f)
		return s[0];
	if ((s[0] == 'F' || s[0] == 'f') && n <= 3) {
		char *end;
		long f = strtol(s + 1, &end, 10);
		if (*end == 0 && f >= 1 && f <= 24)
			return KEY_F(f);
	}
	/* C-x, ^X */
	if (n == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-')
		s += 2;
	else if (n == 2 && s[0] == '^')
		s += 1;
	else
		return -1;
	int c = (unsigned char)s[0];
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	if ((c >= 'a' && c <= 'z') || c == '[' || c == '\\' || c == ']')
		return PANE_CTRL(c);
	return -1;
}

const char *
keys_name(int key, char *buf, size_t cap)
{
	key = keys_fold(key);
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, cap, "%s", named[i].name);
			return buf;
		}
	if (key > 0x20 && key < 0x7f)
		snprintf(buf, cap, "%c", key);
	else if (key > 0 && key < 0x20)
		snprintf(buf, cap, "C-%c", key + 'a' - 1);
	else if (key >= KEY_F(1) && key <= KEY_F(24))
		snprintf(buf, cap, "F%d", key - KEY_F(0));
	else
		snprintf(buf, cap, "#%d", key);
	return buf;
}

static int
bind_set(struct keys_ctx *c, int key, const struct pane_key *act)
{
	key = keys_fold(key);
	for (size_t i = 0; i < c->nb; i++)
		if (c->b[i].key == key) {
			c->b[i].act = act;
			return 0;
		}
	if (c->nb == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		struct keys_binding *v = realloc(c->b, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		c->b = v;
		c->cap = cap;
	}
	c->b[c->nb++] = (struct keys_binding){ key, act };
	return 0;
}

int
keys_add(struct keys_table *t, const char *name, const struct pane_key *acts,
	 size_t nacts, int global, const void *user)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 8;
		struct keys_ctx *v = realloc(t->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		t->v = v;
		t->cap = cap;
	}
	struct keys_ctx *c = &t->v[t->n];
	*c = (struct keys_ctx){ name, acts, nacts, global, user, NULL, 0, 0 };
	for (size_t i = 0; i < nacts; i++)
		for (size_t k = 0; k < PANE_KEYS_MAX && acts[i].keys[k]; k++)
			if (bind_set(c, acts[i].keys[k], &acts[i]) < 0) {
				free(c->b);
				return ERR_NOMEM;
			}
	t->n++;
	return 0;
}

const struct pane_key *
keys_lookup(const struct keys_ctx *c, int key)
{
	key = keys_fold(key);
	for (size_t i = 0; i < c->nb; i++)
		if (c->b[i].key == key)
			return c->b[i].act;
	return NULL;
}

const struct pane_key *
keys_action(const struct keys_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nacts; i++)
		if (strcmp(c->acts[i].name, name) == 0)
			return &c->acts[i];
	return NULL;
}

struct keys_ctx *
keys_ctx_find(struct keys_table *t, const char *name, const void *user)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0 && (user == NULL || t->v[i].user == user))
			return &t->v[i];
	return NULL;
}

size_t
keys_bound(const struct keys_ctx *c, const struct pane_key *act, int *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nb && n < max; i++)
		if (c->b[i].act == act)
			out[n++] = c->b[i].key;
	return n;
}

int
keys_bind(struct keys_table *t, const char *ctx, const char *key,
	  const char *action, char *err, size_t errcap)
{
	int k = keys_parse(key);
	if (k < 0) {
		snprintf(err, errcap, "unknown key '%.40s' (j, C-d, PgDn, F1, Space...)", key);
		return ERR_INVAL;
	}
	int found_ctx = 0;
	for (size_t i = 0; i < t->n; i++) {
		struct keys_ctx *c = &t->v[i];
		if (strcmp(c->name, ctx) != 0)
			continue;
		found_ctx = 1;
		const struct pane_key *act = NULL;
		if (strcmp(action, "none") != 0 && (act = keys_action(c, action)) == NULL)
			continue;
		if (bind_set(c, k, act) < 0) {
			snprintf(err, errcap, "out of memory");
			return ERR_NOMEM;
		}
		/* A global action bound in one global map must not be shadowed
		 * by the same key in another. */
		if (act && c->global)
			for (size_t j = 0; j < t->n; j++)
				if (j != i && t->v[j].global && keys_lookup(&t->v[j], k))
					bind_set(&t->v[j], k, NULL);
		return 0;
	}
	if (!found_ctx) {
		snprintf(err, errcap, "unknown context '%.40s' (global, list, reader, ...)", ctx);
		return ERR_INVAL;
	}
	snprintf(err, errcap, "no action '%.40s' in context '%.40s' (see the help screen, F1)",
		 action, ctx);
	return ERR_INVAL;
}

void
keys_table_free(struct keys_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].b);
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
