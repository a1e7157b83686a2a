/* notes: annotations across a corpus: making them from a selection, placing
 * them on the articles as they are now (renamed files, edited text), and
 * export (Markdown, W3C Web Annotation JSON) and import. Uses store.h for
 * the records and anchor.h for placing; owns nothing the caller passes in.
 * A notes_lib holds the articles it had to load itself; notes_lib_free
 * releases them. */
#ifndef DUWEN_NOTES_H
#define DUWEN_NOTES_H

#include <stdint.h>
#include <stdio.h>

#include "article.h"
#include "corpus.h"
#include "store.h"

/* The highlight colours, by name (as stored and exported) and CSS value. */
struct notes_colour {
	const char *name;
	const char *css;
};
/* The table and its length; the first entry is the default. */
const struct notes_colour *notes_colours(size_t *n);
/* 1 if name is in the table. */
int notes_colour_known(const char *name);

/* Finds the article an annotation belongs to: in the corpus by path, else
 * by loading the file at that path, else (a renamed file) the corpus
 * article with the same hash. A corpus article without its text (not
 * loaded yet: catalog.h) is never returned, and its file is not loaded. */
struct notes_lib {
	const struct corpus *corpus;
	char **keys;           /* canonical path of each corpus article, NULL
				* until notes_lib_key resolves it */
	struct article **extra; /* loaded on demand, one allocation each: a
				 * pointer handed out stays valid as more load */
	char **extra_keys;
	size_t nextra;
};

/* 0 or ERR_NOMEM. corpus may be NULL (files are then loaded by path). */
int notes_lib_init(struct notes_lib *l, const struct corpus *c);
void notes_lib_free(struct notes_lib *l);
/* Canonical path (notes_key) of corpus article i, resolved on first use
 * and kept (owned by l); NULL if i is out of range or on ENOMEM. */
const char *notes_lib_key(struct notes_lib *l, size_t i);
/* The article for path (or with hash, if no file has that path); NULL if
 * none. *key gets its canonical path (owned by l). */
const struct article *notes_lib_find(struct notes_lib *l, const char *path, uint64_t hash,
				     const char **key);

/* Canonical path under which annotations of the file at path are stored
 * (realpath; path itself if that fails). malloc'd; NULL on ENOMEM. */
char *notes_key(const char *path);

/* A new record for a[start, end) (bytes, on character boundaries) with
 * quote, context and hash filled in; key is the canonical path. 0,
 * ERR_RANGE, ERR_NOMEM. The caller clears *out. */
int notes_new(const struct article *a, const char *key, size_t start, size_t end,
	      const char *note, const char *colour, struct store_annot *out);

/* Place a on its article as it is now: follows a rename (same hash, new
 * path), re-anchors (anchor_locate) and updates a in memory; *moved is 1
 * if a stored note changed, for the caller to save with the others
 * (store_annot_set_anchors: one transaction, where a write each took a
 * sync each: 20,000 re-anchored notes, 20,124 fdatasync calls). *art gets
 * the article (NULL if none: then a is left as it is). Returns the enum
 * anchor_how, or ERR_NOMEM. */
int notes_place(struct notes_lib *l, struct store_annot *a, const struct article **art,
		int *moved);

enum notes_format { NOTES_MARKDOWN, NOTES_JSON };

/* Write every live annotation (only those of the article at only_path, if
 * not NULL), placed on the current text, grouped by article. With none, an
 * empty document ("[]" for JSON). 0, ERR_IO, ERR_NOMEM, ERR_DB. */
int notes_export(FILE *f, enum notes_format fmt, struct store *s, struct notes_lib *l,
		 const char *only_path);

struct notes_import_stats {
	size_t added, duplicates, orphans, skipped;
};

/* Notes stored per write transaction by notes_import: one sync to disk a
 * batch, not a note (5,000 notes: 32 fdatasync calls, not 5,045), and the
 * write lock held for a batch only, so that another duwen saving a note
 * waits a moment, not for the whole import. */
#define NOTES_IMPORT_BATCH 256

/* Told about annotation index (from 0, in document order) when it is not
 * imported (skipped) or part of it is ignored: id is its "id" (NULL if it
 * has none) and why a sentence. Strings live until the call returns. */
typedef void (*notes_import_warn_fn)(void *ctx, size_t index, const char *id, const char *why);

/* Merge the annotations in a W3C Web Annotation JSON document (an array,
 * one Annotation, or an AnnotationCollection) into the store: each placed
 * by its selectors like a stored one; one already stored with the same
 * source, quote and note is a duplicate and not added. Every text field
 * is sanitised as articles are (sanitize_plain: no control or escape
 * sequence is kept); the source path is kept as given (it names a file)
 * and must be shown with termsafe.h. An annotation that cannot be used is
 * counted in skipped and told to warn (may be NULL); the others are still
 * imported. They are stored NOTES_IMPORT_BATCH at a time: on an error
 * the batches before it are stored and counted in st, the rest not.
 * 0, ERR_INVAL (not such a document: *cause says why), ERR_READONLY,
 * ERR_DB, ERR_NOMEM. */
int notes_import(struct store *s, struct notes_lib *l, const char *json, size_t len,
		 struct notes_import_stats *st, notes_import_warn_fn warn, void *ctx,
		 char **cause);

#endif
