/* article_job: a huge article without a wait. article_job_head makes an
 * article of a plain-text file's first part at once (its first screen);
 * an article_job loads the whole file (article_load, then match_fold) in
 * a thread of its own, so that the caller's loop goes on answering keys;
 * the result is the one-shot path's, byte for byte; a hook may finish
 * the results in that thread too (count and cache them). A job owns its
 * results until article_job_take hands them over; article_job_drop lets a
 * job go whether or not it has finished (the thread then frees it). */
#ifndef DUWEN_ARTICLE_JOB_H
#define DUWEN_ARTICLE_JOB_H

#include <stddef.h>

#include "article.h"
#include "match.h"
#include "source.h"

/* What a first screen is made of: this many bytes of the file, cut at a
 * paragraph's end. */
#define ARTICLE_JOB_HEAD_BYTES ((size_t)256 << 10)

/* Make out of the first head_bytes of the plain-text file at path, cut
 * after the last blank line in them (else after the last line end), the
 * article article_load would make of those bytes alone: its first screen.
 * A file of at most head_bytes is read whole: out is then article_load's
 * article (or its error, with *cause malloc'd) and *whole is 1; else
 * *whole is 0. ERR_INVAL when there is no such head and article_load must
 * say what the file is: standard input, not a regular file, over the size
 * limit, an EPUB book or a web page, UTF-16/32, no line end, bytes that do
 * not decode; ERR_NOMEM. */
int article_job_head(const struct source_opts *opts, const char *path, size_t head_bytes,
		     struct article *out, int *whole, char **cause);

enum article_job_stage {
	ARTICLE_JOB_READING, /* article_load: reading, decoding, cleaning, parsing */
	ARTICLE_JOB_FOLDING, /* match_fold: the matcher's copy (OpenCC) */
	ARTICLE_JOB_FINISHING, /* the hook (article_job_start_hook) */
	ARTICLE_JOB_DONE,
};

/* What a job may do with its results in its own thread once they are
 * made (a catalog counts and caches them: catalog_prep_run). run takes
 * them over: rc is article_load's (or match_fold's), *a the article when
 * rc is 0, *folded its fold (or empty), *cause article_load's cause
 * (malloc'd, may be NULL); it must free or keep them all, and its return
 * is what article_job_take returns then. sc is the job's OpenCC (NULL
 * without its data), open while run runs. ctx must share nothing with the
 * starter's thread that the starter may change or free while the job
 * runs; free(ctx) is called by the job's thread if the job is dropped
 * (whether run ran or not), never after article_job_take. */
struct article_job_hook {
	int (*run)(void *ctx, struct script *sc, int rc, struct article *a,
		   struct match_text *folded, char *cause);
	void (*free)(void *ctx);
	void *ctx;
};

struct article_job;

/* Start loading the file at path (not "-") in a thread: article_load with
 * a copy of opts, then, if fold, match_fold with an OpenCC of its own
 * (script_open; without OpenCC's data the fold is made without it, as
 * catalog does). 0, ERR_NOMEM or ERR_IO (no thread could be started). */
int article_job_start(const struct source_opts *opts, const char *path, int fold,
		      struct article_job **out);

/* article_job_start with a hook run in the thread after the fold (fold
 * must be 1): article_job_take then hands nothing over (art, folded and
 * cause NULL are fine) and returns what hook->run returned; ctx stays the
 * caller's. Without a thread (ERR_IO) or with ERR_NOMEM nothing of the
 * hook was called. */
int article_job_start_hook(const struct source_opts *opts, const char *path, int fold,
			   const struct article_job_hook *hook, struct article_job **out);

/* Where the job is; ARTICLE_JOB_DONE once article_job_take will not wait. */
enum article_job_stage article_job_stage(struct article_job *j);

/* Wait for the job to end, then hand its results over: 0 with *art (and
 * *folded if the job folds and folded is not NULL: else it is freed), or
 * article_load's error with *cause (malloc'd, may be NULL). The job is
 * freed either way. */
int article_job_take(struct article_job *j, struct article *art, struct match_text *folded,
		     char **cause);

/* Let the job go without its results: freed now if it has ended, else by
 * its thread when it does (a fold or a hook not yet begun is skipped; the
 * hook's ctx is freed with the job). NULL is fine. */
void article_job_drop(struct article_job *j);

#endif
