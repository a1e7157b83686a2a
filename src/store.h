/* store: duwen's state on disk: one SQLite database (WAL, busy timeout,
 * PRAGMA user_version schema) holding reading positions and annotations.
 * Several processes may use it at once. A store that cannot be written
 * (read-only dir, full disk, locked, foreign or corrupt file) opens
 * read-only with a cause, never harming what is saved. */
#ifndef DUWEN_STORE_H
#define DUWEN_STORE_H

#include <stddef.h>

struct store;

/* Open (creating if needed) DIR/notes.db. dir NULL: $DUWEN_DATA, else
 * $XDG_DATA_HOME/duwen, else ~/.local/share/duwen. On success *out is set;
 * if the store could only be opened read-only (or not at all: then every
 * call is a no-op), *out is still set and *cause (malloc'd) says why.
 * Returns 0, or ERR_NOMEM. */
int store_open(const char *dir, struct store **out, char **cause);
void store_close(struct store *s);

/* 1 if writes are refused (see store_open's cause). */
int store_readonly(const struct store *s);

/* Reading position of the article at path: byte offset into its cleaned
 * text. 0 and *off set if known; ERR_NOTFOUND if not. */
int store_get_position(struct store *s, const char *path, size_t *off);
/* Remember the reading position; 0, or ERR_READONLY / ERR_DB. */
int store_set_position(struct store *s, const char *path, size_t off);

#endif
