/* note_index: every live annotation of the store, placed on the articles as
 * they are now (notes_place: renames, edits, orphans), indexed for the UI:
 * per corpus article a count and highlight spans, a lookup of the note
 * under a passage, and the notes pane's filtered and sorted view. No
 * terminal. The index owns its records and folded texts (note_index_free);
 * it borrows the corpus and the store. */
#ifndef DUWEN_NOTE_INDEX_H
#define DUWEN_NOTE_INDEX_H

#include <stddef.h>

#include "corpus.h"
#include "notes.h"
#include "script.h"
#include "span.h"
#include "store.h"

/* note_entry.art of an annotation whose article is not in the corpus. */
#define NOTE_INDEX_NONE ((size_t)-1)

struct note_entry {
	struct store_annot a; /* placed: a.start/a.end are bytes of the article now */
	size_t art;           /* corpus index, or NOTE_INDEX_NONE */
	int how;              /* enum anchor_how */
	int colour;           /* index into notes_colours() */
	char *title;          /* the article's title, else its file name */
	char *folded;         /* title, quote, note, colour, path folded for the filter */
};

struct note_index {
	struct note_entry *v;
	size_t n, cap;
	size_t *count;        /* live annotations per corpus article */
	size_t ncorpus;
	struct notes_lib lib; /* articles not in the corpus, loaded once */
	int have_lib;
};

/* Index of colour name in notes_colours() (0, the default, if unknown). */
int note_index_colour(const char *name);

/* (Re)load every live annotation from s and place it on corpus c (sc, for
 * the filter's folding, may be NULL). 0 or ERR_NOMEM / ERR_DB; on error
 * the index is left empty. */
int note_index_load(struct note_index *ix, struct store *s, const struct corpus *c,
		    struct script *sc);
void note_index_free(struct note_index *ix);

/* Annotations on corpus article art. */
size_t note_index_count(const struct note_index *ix, size_t art);

/* Append a SPAN_NOTE span (tag = colour index) per placed annotation of
 * corpus article art (none for NOTE_INDEX_NONE: those are of many
 * articles). 0 or ERR_NOMEM. */
int note_index_spans(const struct note_index *ix, size_t art, struct span_list *out);

/* The annotation of article art over [s, e): among those overlapping it,
 * the one starting last at or before s, else the first after; NULL if
 * none (always for NOTE_INDEX_NONE). Orphans are not under any passage. */
const struct note_entry *note_index_at(const struct note_index *ix, size_t art, size_t s,
				       size_t e);

/* The corpus article whose file is path (a note's a.path), loaded or not
 * (a note of an article still loading has art NOTE_INDEX_NONE: notes are
 * placed only on articles in full); NOTE_INDEX_NONE if none is. */
size_t note_index_slot(const struct note_index *ix, const char *path);

/* The entry with record id, or NULL. */
const struct note_entry *note_index_find(const struct note_index *ix, int64_t id);

enum note_sort { NOTE_SORT_DATE, NOTE_SORT_ARTICLE, NOTE_SORT_COLOUR, NOTE_SORT_COUNT };
const char *note_sort_name(int sort);

/* The notes pane's rows: indices into ix->v of the entries whose folded
 * text contains the folded filter (NULL or "": all), sorted: by date
 * newest first, by article (title in the list's pinyin order, collate.h,
 * then place in the text; orphans last),
 * or by colour (table order, then newest first). Writes at most ix->n
 * indices to out and returns how many. ERR_NOMEM if the filter cannot be
 * folded. */
long note_index_view(const struct note_index *ix, struct script *sc, const char *filter,
		     int sort, size_t *out);

#endif
