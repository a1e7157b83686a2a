/* store: duwen's state on disk: one SQLite database (WAL, busy timeout,
 * PRAGMA user_version schema) holding reading positions and annotations.
 * Several processes may use it at once. A store that cannot be written
 * (read-only dir, full disk, locked, foreign or corrupt file) opens
 * read-only with a cause, never harming what is saved. Anchoring an
 * annotation to text is anchor.h's job; this module only keeps records. */
#ifndef DUWEN_STORE_H
#define DUWEN_STORE_H

#include <stddef.h>
#include <stdint.h>

struct store;

/* PRAGMA application_id of a duwen database ("DUWN"), and the schema
 * version this build writes (PRAGMA user_version). */
#define STORE_APPLICATION_ID 0x4455574E
#define STORE_SCHEMA_VERSION 3

/* Open (creating if needed) DIR/notes.db. dir NULL: $DUWEN_DATA, else
 * $XDG_DATA_HOME/duwen, else ~/.local/share/duwen. On success *out is set;
 * if the store could only be opened read-only (or not at all: then every
 * call is a no-op), *out is still set and *cause (malloc'd) says why.
 * A new notes.db appears whole or not at all; any file that is not a
 * sound duwen database (an empty one too) is never written, nor anything
 * made beside it. Returns 0, or ERR_NOMEM. */
int store_open(const char *dir, struct store **out, char **cause);
void store_close(struct store *s);

struct store_opts {
	int readonly; /* open read-only even if writable (also tests, as root) */
	int busy_ms;  /* busy timeout; 0 = 5000 */
	long max_pages; /* > 0: cap the database size (tests: a full disk) */
};

/* store_open with options (opts NULL = defaults). */
int store_open_opts(const struct store_opts *opts, const char *dir,
		    struct store **out, char **cause);

/* 1 if writes are refused (see store_open's cause). */
int store_readonly(const struct store *s);

/* Path of the database file ("" if none could be determined). */
const char *store_path(const struct store *s);

/* Message for the last failed write ("" if none): static until the next
 * call on s. Says what the user can do, e.g. "disk full: note not saved". */
const char *store_error(const struct store *s);

/* 1 if another connection committed since the last call (a cue to reload
 * annotations), else 0. The first call returns 0. */
int store_changed(struct store *s);

/* Reading places (store_place.c). A place is where the reader stood in an
 * article: off, the orig byte offset of its top row (where it reopens);
 * pct, how far it was read (position.h's definition) when saved, -1 if a
 * duwen before schema 3 saved it (only off is known then); finished, 1
 * once the end of the article had been on screen. Each is keyed by path
 * and remembers the article's hash, so a renamed file finds its place. */
struct store_place {
	size_t off;
	int pct;      /* 0..100, or -1: not known (saved by an older duwen) */
	int finished; /* 0 or 1 */
};

/* The place of the article at path, else the newest of one with the same
 * hash (hash 0: path only). 0 and *out set, or ERR_NOTFOUND, ERR_DB. */
int store_find_place(struct store *s, const char *path, uint64_t hash,
		     struct store_place *out);
/* Remember the place (hash 0: none known). 0, or ERR_READONLY / ERR_DB. */
int store_set_place(struct store *s, const char *path, uint64_t hash,
		    const struct store_place *p);

/* Every stored place, read with one query (the list reads all of them when
 * it refreshes), found by path or hash as store_find_place finds them. */
struct store_places;
/* Read them all into *out (an empty map if the store has no database).
 * 0, ERR_NOMEM or ERR_DB (then *out is NULL). */
int store_places_read(struct store *s, struct store_places **out);
/* As store_find_place, from the map (m NULL: nothing found). 0 or
 * ERR_NOTFOUND. */
int store_places_find(const struct store_places *m, const char *path, uint64_t hash,
		      struct store_place *out);
size_t store_places_count(const struct store_places *m);
void store_places_free(struct store_places *m);

/* The offset alone, as earlier duwen read and wrote it: store_get_position
 * and store_find_position return the place's off; store_set_position and
 * store_set_position_hash set only off (pct and finished keep their value;
 * a new row gets pct -1). 0, ERR_NOTFOUND, ERR_READONLY, ERR_DB. */
int store_get_position(struct store *s, const char *path, size_t *off);
int store_set_position(struct store *s, const char *path, size_t off);
int store_set_position_hash(struct store *s, const char *path, uint64_t hash,
			    size_t off);
int store_find_position(struct store *s, const char *path, uint64_t hash,
			size_t *off);

/* One annotation. Strings are malloc'd and owned by the record
 * (store_annot_clear frees them). Offsets are bytes into the cleaned text
 * the annotation was last anchored to; times are ISO 8601 UTC
 * ("2024-05-01T08:30:00Z"). */
struct store_annot {
	int64_t id;
	char *path;   /* article file, absolute when duwen made it */
	uint64_t hash; /* article_hash of the cleaned text at anchoring time */
	size_t start, end;
	char *quote;  /* exact text of [start, end) */
	char *prefix; /* up to 32 code points before */
	char *suffix; /* up to 32 code points after */
	char *note;   /* "" for a plain highlight */
	char colour[16];
	char created[32];
	char modified[32];
	int deleted;  /* 1: deleted, kept so that undo can restore it */
	int orphan;   /* 1: its text could not be found in the article */
};

struct store_annot_list {
	struct store_annot *v;
	size_t n, cap;
};

/* Fill "YYYY-MM-DDTHH:MM:SSZ" for now (UTC) into buf (cap >= 21). */
void store_now_iso(char *buf, size_t cap);

/* Insert a (one transaction). Empty created/modified become now; a->id,
 * a->created and a->modified are written back. 0, ERR_READONLY, ERR_DB,
 * ERR_INVAL (missing path or quote). */
int store_annot_add(struct store *s, struct store_annot *a);
/* As store_annot_add, unless a live annotation with the same path, quote
 * and note is stored: then nothing is written and 1 is returned. The check
 * and the insert are one write transaction, so that processes adding the
 * same note at once store it once. 0 (added), 1, or as store_annot_add. */
int store_annot_add_unique(struct store *s, struct store_annot *a);
/* store_annot_add_unique of v[0, n) in one write transaction (one sync to
 * disk, not n): dup[i] is 1 where v[i] was already stored. 0, or as
 * store_annot_add, and then none of them is stored. */
int store_annot_add_unique_many(struct store *s, struct store_annot *v, size_t n,
				unsigned char *dup);
/* Change note and colour of annotation a->id; modified becomes now (and is
 * written back). 0, ERR_NOTFOUND, ERR_READONLY, ERR_DB. */
int store_annot_update(struct store *s, struct store_annot *a);
/* Record where annotation id now sits (after re-anchoring or a rename).
 * Leaves modified alone: the note did not change. */
int store_annot_set_anchor(struct store *s, int64_t id, const char *path,
			   uint64_t hash, size_t start, size_t end, int orphan);
/* store_annot_set_anchor of each of v[0, n) (its id, path, hash, start,
 * end and orphan), in one write transaction: one sync to disk, not n.
 * 0, ERR_READONLY or ERR_DB (then none is written). */
int store_annot_set_anchors(struct store *s, struct store_annot *const *v, size_t n);
/* Mark deleted / restore. 0, ERR_NOTFOUND, ERR_READONLY, ERR_DB. */
int store_annot_delete(struct store *s, int64_t id);
int store_annot_undelete(struct store *s, int64_t id);
/* Annotation by id (deleted ones too) into *out. 0, ERR_NOTFOUND, ERR_DB. */
int store_annot_get(struct store *s, int64_t id, struct store_annot *out);
/* Append the annotations of path (NULL: all), oldest first, to out;
 * deleted ones only if with_deleted. 0, ERR_NOMEM, ERR_DB. A store
 * without a database lists nothing. */
int store_annot_list(struct store *s, const char *path, int with_deleted,
		     struct store_annot_list *out);

void store_annot_clear(struct store_annot *a);
void store_annot_list_free(struct store_annot_list *l);
/* Deep copy; 0 or ERR_NOMEM (dst untouched then). */
int store_annot_copy(struct store_annot *dst, const struct store_annot *src);

#endif
