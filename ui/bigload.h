/* bigload: the panes' large articles read in a thread (src/article_job.h)
 * instead of between keys, so that neither the first paint nor a key
 * waits for a 64 MiB file; the reading view shows the file's head
 * meanwhile (ui/panes/reader.c). ui/load.c fills slots through
 * bigload_fill and finishes the jobs whose thread has ended with
 * bigload_poll; the job's thread also counts and caches the article as
 * the catalog would have (catalog_prep_run), so that bigload_poll only
 * hands the slot over (catalog_fill_prepared). At most one job per slot;
 * the jobs hang off app->big (private to bigload.c). */
#ifndef DUWEN_UI_BIGLOAD_H
#define DUWEN_UI_BIGLOAD_H

#include <stddef.h>

struct app;

/* A file larger than this (bytes) that is not read from the cache's copy
 * is read in a thread. */
#define BIGLOAD_MIN ((size_t)2 << 20)
#define BIGLOAD_WAIT_MS 50

/* Fill slot art as catalog_fill does, or start reading its file in a
 * thread when it is large. 1 FULL, 0 FAILED (said in :messages), 2
 * loading (a later bigload_poll finishes it), ERR_NOMEM. */
int bigload_fill(struct app *app, size_t art);

/* Finish the jobs whose thread has ended: their slots become FULL or
 * FAILED. Returns how many did. */
size_t bigload_poll(struct app *app);

/* Jobs not finished yet. */
size_t bigload_running(const struct app *app);

/* What slot art's job is doing, for the status line ("reading 12 s",
 * "indexing 3 s"), into buf; 0 (and buf "") if art has no job. */
size_t bigload_status(const struct app *app, size_t art, char *buf, size_t cap);

/* The first job's file name and what it is doing ("big.txt: indexing
 * 3 s"), into buf; 0 (and buf "") if no job runs. */
size_t bigload_status_any(const struct app *app, char *buf, size_t cap);

/* Wait a little (BIGLOAD_WAIT_MS) or until a key comes: the loader has
 * nothing to do but wait for threads. */
void bigload_wait(struct app *app);

/* Let every job go (quitting: a thread still reading ends with the
 * process or frees its own results). */
void bigload_free(struct app *app);

#endif
