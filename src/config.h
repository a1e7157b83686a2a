/* config: the config file ($XDG_CONFIG_HOME/duwen/config, default
 * ~/.config/duwen/config): line-based commands `set NAME VALUE`,
 * `bind CONTEXT KEY ACTION`, `color NAME FG [BG] [ATTR...]`,
 * `highlight WORD [COLOR]`, `city NAME [ALIAS...]`, `theme NAME WORD...`.
 * '#' starts a comment; words are separated by blanks; "double quotes"
 * group a word (with \" and \\). Parsing only: meanings (keys, colours,
 * setting names) belong to the UI, which reports problems with the line
 * numbers kept here. struct config owns every string (config_free). */
#ifndef DUWEN_CONFIG_H
#define DUWEN_CONFIG_H

#include <stddef.h>

/* One parsed line: the command's words after the command name. */
struct config_entry {
	char **argv;  /* argc words, malloc'd */
	size_t argc;
	int line;     /* 1-based line in the file */
};

struct config_list {
	struct config_entry *v;
	size_t n, cap;
};

struct config {
	char *path;                 /* file read ("" if none); for messages */
	struct config_list set;     /* set NAME VALUE          (argc == 2) */
	struct config_list bind;    /* bind CONTEXT KEY ACTION [ARG] (3..4) */
	struct config_list color;   /* color NAME FG [BG] [ATTR...] (>= 2) */
	struct config_list highlight; /* highlight WORD [COLOR] (1..2) */
	struct config_list city;    /* city NAME [ALIAS...]     (>= 1) */
	struct config_list theme;   /* theme NAME WORD...       (>= 2) */
};

/* Called for each bad line with "file:line: reason"; the line is skipped. */
typedef void (*config_warn_fn)(void *ctx, const char *msg);

/* Path of the config file into buf: $XDG_CONFIG_HOME/duwen/config, else
 * $HOME/.config/duwen/config. Returns buf, or NULL if neither variable is
 * set or the path does not fit. */
const char *config_default_path(char *buf, size_t cap);

/* Parse text[0, len) (name: the file name used in messages). Bad lines go
 * to warn and are skipped. 0 or ERR_NOMEM; out is empty-initialised first. */
int config_parse(const char *name, const char *text, size_t len,
		 struct config *out, config_warn_fn warn, void *ctx);

/* Read and parse the file at path. A missing file is an empty config (0);
 * an unreadable one is reported through warn and gives an empty config.
 * 0 or ERR_NOMEM. */
int config_load(const char *path, struct config *out, config_warn_fn warn,
		void *ctx);

/* Value of the last `set name` line, or NULL. */
const char *config_get(const struct config *c, const char *name);

/* Report "file:line: fmt..." through warn (for meanings checked later). */
void config_warn(const struct config *c, int line, config_warn_fn warn,
		 void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

void config_free(struct config *c);

#endif
