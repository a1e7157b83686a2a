/* textsel: the reading view's passage cursor and visual selection, as
 * arithmetic over an article's sentences and grapheme clusters, without a
 * terminal. Offsets are bytes of the article given (the corpus article: the
 * reader maps them to the displayed script). The cursor is one sentence;
 * a selection starts as the cursor sentence, sentence keys grow it from
 * there in either direction, character keys move its start or end edge by
 * one cluster. The cursor is drawn only in passage mode (shown): a passage
 * key shows it, a plain scroll or Esc hides it, while it keeps following
 * the screen either way, so that an action right after a scroll applies to
 * the top sentence. Owns nothing; the article is borrowed per call. */
#ifndef DUWEN_TEXTSEL_H
#define DUWEN_TEXTSEL_H

#include <stddef.h>

#include "article.h"

struct textsel {
	size_t cur;       /* cursor sentence index; nsents: none yet */
	int selecting;    /* 1 while a visual selection is active */
	size_t anchor;    /* sentence where the selection began */
	size_t head;      /* sentence the sentence keys moved to */
	size_t s, e;      /* the selection, [s, e) bytes, s < e */
	int show_boiler;  /* 1: boilerplate and meta sentences can be visited */
	int shown;        /* 1 in passage mode: the cursor is drawn */
};

/* No cursor, no selection. */
void textsel_init(struct textsel *p, const struct article *a);

/* 1 if sentence i can hold the cursor: non-empty and in a block shown. */
int textsel_usable(const struct textsel *p, const struct article *a, size_t i);

/* The usable sentence after (dir > 0) or before i; i itself if none. With
 * i == nsents, the first (dir > 0) or last usable one. */
size_t textsel_step(const struct textsel *p, const struct article *a, size_t i, int dir);

/* Move the cursor one sentence (dir +1 / -1). While selecting, the
 * selection grows or shrinks by whole sentences between the anchor and the
 * cursor. Returns 1 if it moved. */
int textsel_move(struct textsel *p, const struct article *a, int dir);

/* Put the cursor on the usable sentence at or after byte off (else the last
 * one before). Cancels a selection. */
void textsel_set(struct textsel *p, const struct article *a, size_t off);

/* The screen shows [vis_s, vis_e): if the cursor sentence is not on it (or
 * there is no cursor yet), move the cursor to the first sentence that
 * starts on screen, else the one the screen starts in. Not while
 * selecting. Returns 1 if the cursor moved. */
int textsel_keep_visible(struct textsel *p, const struct article *a, size_t vis_s,
			 size_t vis_e);

/* Start a selection at the cursor sentence. 0, or -1 if there is no
 * cursor. */
int textsel_select(struct textsel *p, const struct article *a);
void textsel_cancel(struct textsel *p);

/* Move the selection's end (edge 1) or start (edge 0) by one grapheme
 * cluster (dir +1 / -1), skipping line breaks between paragraphs; the
 * selection never becomes empty. Returns 1 if it changed. */
int textsel_char(struct textsel *p, const struct article *a, int edge, int dir);

/* What an action applies to: the selection, else the cursor sentence.
 * 0, or -1 if there is neither. */
int textsel_range(const struct textsel *p, const struct article *a, size_t *s, size_t *e);

/* Passage mode: show the cursor (a passage key was pressed). Returns 1 if
 * it was hidden. */
int textsel_show(struct textsel *p);
/* Leave passage mode (a plain scroll, Esc): the cursor is no longer drawn;
 * a selection stays until it is cancelled. Returns 1 if what is drawn
 * changed. */
int textsel_hide(struct textsel *p);
/* 1 if the cursor or the selection is to be drawn: a selection, or a
 * cursor in passage mode. */
int textsel_drawn(const struct textsel *p, const struct article *a);

/* Byte offset of the cluster boundary before off (0 if none). */
size_t textsel_prev_cluster(const char *text, size_t len, size_t off);

#endif
