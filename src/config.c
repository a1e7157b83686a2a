#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "source.h"

/* Each command and how many words it takes after its name. */
static const struct {
	const char *name;
	size_t off;          /* offsetof the list in struct config */
	size_t min, max;
	const char *usage;
} commands[] = {
	{ "set", offsetof(struct config, set), 2, 2, "set NAME VALUE" },
	{ "bind", offsetof(struct config, bind), 3, 4, "bind CONTEXT KEY ACTION [ARG]" },
	{ "color", offsetof(struct config, color), 2, 8, "color NAME FG [BG] [ATTR...]" },
	{ "highlight", offsetof(struct config, highlight), 1, 2, "highlight WORD [COLOR]" },
	{ "city", offsetof(struct config, city), 1, 32, "city NAME [ALIAS...]" },
	{ "theme", offsetof(struct config, theme), 2, 256, "theme NAME WORD..." },
};

const char *
config_default_path(char *buf, size_t cap)
{
	const char *x = getenv("XDG_CONFIG_HOME");
	int n;
	if (x && x[0] == '/')
		n = snprintf(buf, cap, "%s/duwen/config", x);
	else if ((x = getenv("HOME")) && x[0])
		n = snprintf(buf, cap, "%s/.config/duwen/config", x);
	else
		return NULL;
	return n > 0 && (size_t)n < cap ? buf : NULL;
}

void
config_warn(const struct config *c, int line, config_warn_fn warn, void *ctx,
	    const char *fmt, ...)
{
	if (warn == NULL)
		return;
	char msg[512];
	int n = snprintf(msg, sizeof msg, "%s:%d: ", c->path ? c->path : "config", line);
	if (n < 0 || (size_t)n >= sizeof msg)
		n = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	va_end(ap);
	warn(ctx, msg);
}

static void
entry_free(struct config_entry *e)
{
	for (size_t i = 0; i < e->argc; i++)
		free(e->argv[i]);
	free(e->argv);
}

static void
list_free(struct config_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		entry_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
config_free(struct config *c)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		list_free((struct config_list *)((char *)c + commands[i].off));
	free(c->path);
	c->path = NULL;
}

/* Split one line into words. Returns the count, -1 on an unterminated
 * quote (*why set), -2 on ERR_NOMEM. words are malloc'd. */
static int
split(const char *s, size_t len, char ***out, const char **why)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	size_t i = 0;
	char *w = malloc(len + 1);
	if (w == NULL)
		return -2;
	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len || s[i] == '#')
			break;
		size_t k = 0;
		int quoted = 0;
		while (i < len && (quoted || (s[i] != ' ' && s[i] != '\t'))) {
			if (s[i] == '"') {
				quoted = !quoted;
				i++;
			} else if (quoted && s[i] == '\\' && i + 1 < len &&
				   (s[i + 1] == '"' || s[i + 1] == '\\')) {
				w[k++] = s[i + 1];
				i += 2;
			} else {
				w[k++] = s[i++];
			}
		}
		if (quoted) {
			*why = "unterminated quote";
			goto fail;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			char **nv = realloc(v, cap * sizeof *nv);
			if (nv == NULL)
				goto nomem;
			v = nv;
		}
		if ((v[n] = strndup(w, k)) == NULL)
			goto nomem;
		n++;
	}
	free(w);
	*out = v;
	return (int)n;
nomem:
	for (size_t j = 0; j < n; j++)
		free(v[j]);
	free(v);
	free(w);
	return -2;
fail:
	for (size_t j = 0; j < n; j++)
		free(v[j]);
	free(v);
	free(w);
	return -1;
}

static int
list_push(struct config_list *l, char **argv, size_t argc, int line)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct config_entry *v = realloc(l->v, cap * sizeof *v);
		if (v == NULL)
			return ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct config_entry){ argv, argc, line };
	return 0;
}

static void
words_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* One line; 0, or ERR_NOMEM. */
static int
parse_line(struct config *c, const char *s, size_t len, int line,
	   config_warn_fn warn, void *ctx)
{
	char **v = NULL;
	const char *why = NULL;
	int n = split(s, len, &v, &why);
	if (n == -2)
		return ERR_NOMEM;
	if (n == -1) {
		config_warn(c, line, warn, ctx, "%s; line skipped", why);
		return 0;
	}
	if (n == 0) {
		free(v);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(v[0], commands[i].name) != 0)
			continue;
		size_t argc = (size_t)n - 1;
		if (argc < commands[i].min || argc > commands[i].max) {
			config_warn(c, line, warn, ctx, "usage: %s; line skipped",
				    commands[i].usage);
			words_free(v, (size_t)n);
			return 0;
		}
		free(v[0]);
		memmove(v, v + 1, argc * sizeof *v);
		struct config_list *l = (struct config_list *)((char *)c + commands[i].off);
		if (list_push(l, v, argc, line) < 0) {
			words_free(v, argc);
			return ERR_NOMEM;
		}
		return 0;
	}
	config_warn(c, line, warn, ctx,
		    "unknown command '%.40s' (set, bind, color, highlight, city, theme); line skipped",
		    v[0]);
	words_free(v, (size_t)n);
	return 0;
}

int
config_parse(const char *name, const char *text, size_t len, struct config *out,
	     config_warn_fn warn, void *ctx)
{
	struct config c;
	memset(&c, 0, sizeof c);
	if ((c.path = strdup(name ? name : "")) == NULL)
		return ERR_NOMEM;
	int line = 1;
	for (size_t i = 0; i <= len;) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		size_t l = e;
		if (l > i && text[l - 1] == '\r')
			l--;
		/* A NUL byte or other control in a line: not a config line. */
		int bad = 0;
		for (size_t k = i; k < l; k++)
			if ((unsigned char)text[k] < 0x20 && text[k] != '\t')
				bad = 1;
		if (bad)
			config_warn(&c, line, warn, ctx, "control character; line skipped");
		else if (parse_line(&c, text + i, l - i, line, warn, ctx) < 0) {
			config_free(&c);
			return ERR_NOMEM;
		}
		if (e >= len)
			break;
		i = e + 1;
		line++;
	}
	*out = c;
	return 0;
}

int
config_load(const char *path, struct config *out, config_warn_fn warn, void *ctx)
{
	const char *why = NULL;
	FILE *f = path ? source_fopen(path, &why) : NULL;
	if (f == NULL) {
		if (why && warn) {
			char msg[512];
			snprintf(msg, sizeof msg, "%s: %s; config not read", path, why);
			warn(ctx, msg);
		}
		return config_parse(path ? path : "", "", 0, out, warn, ctx);
	}
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = 0;
	for (;;) {
		if (len + 4096 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (cap > ((size_t)1 << 20)) {
				if (warn) {
					char msg[512];
					snprintf(msg, sizeof msg, "%s: larger than 1 MiB; config not read", path);
					warn(ctx, msg);
				}
				len = 0;
				break;
			}
			char *nb = realloc(buf, cap);
			if (nb == NULL) {
				rc = ERR_NOMEM;
				goto out;
			}
			buf = nb;
		}
		size_t r = fread(buf + len, 1, cap - len, f);
		len += r;
		if (r == 0)
			break;
	}
	if (ferror(f) && warn) {
		char msg[512];
		snprintf(msg, sizeof msg, "%s: read error; config not read", path);
		warn(ctx, msg);
		len = 0;
	}
	rc = config_parse(path, buf ? buf : "", len, out, warn, ctx);
out:
	free(buf);
	fclose(f);
	return rc;
}

const char *
config_get(const struct config *c, const char *name)
{
	for (size_t i = c->set.n; i-- > 0;)
		if (strcmp(c->set.v[i].argv[0], name) == 0)
			return c->set.v[i].argv[1];
	return NULL;
}
