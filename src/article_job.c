/* article_job: a huge article's head at once and the whole of it in a
 * thread; see article_job.h. The thread shares nothing with its starter
 * but the job: its own copies of the path and options, its own OpenCC. */
#include "article_job.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "epub.h"
#include "err.h"
#include "format.h"
#include "script.h"

/* Where to cut the head b[0, n): just after the last blank line (a line
 * of nothing but '\r' and spaces), else after the last '\n'; 0 if there
 * is no line end. */
static size_t
head_cut(const unsigned char *b, size_t n)
{
	size_t last_nl = 0;
	for (size_t i = n; i-- > 0;) {
		if (b[i] != '\n')
			continue;
		if (last_nl == 0)
			last_nl = i + 1;
		size_t j = i;
		while (j > 0 && (b[j - 1] == ' ' || b[j - 1] == '\r'))
			j--;
		if (j > 0 && b[j - 1] == '\n')
			return i + 1;
	}
	return last_nl;
}

/* The first cap bytes of the regular file at path into buf; *size its
 * size. ERR_INVAL for anything else. */
static int
head_read(const char *path, unsigned char *buf, size_t cap, size_t *got, off_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return ERR_INVAL;
	struct stat st;
	size_t n = 0;
	int rc = ERR_INVAL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		goto out;
	while (n < cap) {
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto out;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*got = n;
	*size = st.st_size;
	rc = 0;
out:
	close(fd);
	return rc;
}

int
article_job_head(const struct source_opts *opts, const char *path, size_t head_bytes,
		 struct article *out, int *whole, char **cause)
{
	size_t max = opts && opts->max_bytes ? opts->max_bytes : SOURCE_DEFAULT_MAX_BYTES;
	if (strcmp(path, "-") == 0 || format_of_name(path) == FORMAT_EPUB || head_bytes == 0)
		return ERR_INVAL;
	unsigned char *buf = malloc(head_bytes);
	if (buf == NULL)
		return ERR_NOMEM;
	size_t n = 0;
	off_t size = 0;
	int rc = head_read(path, buf, head_bytes, &n, &size);
	if (rc < 0 || (unsigned long long)size > max)
		goto inval;
	if ((unsigned long long)size <= head_bytes && n == (size_t)size) {
		/* all of it: the one-shot path, whatever it is */
		free(buf);
		*whole = 1;
		return article_load(opts, path, out, cause);
	}
	/* what article_load would not read as plain text, or not by lines */
	if (n < head_bytes || epub_sniff(buf, n) || format_of_file(path, buf, n) != FORMAT_TEXT ||
	    (n >= 2 && ((buf[0] == 0xFF && buf[1] == 0xFE) || (buf[0] == 0xFE && buf[1] == 0xFF))) ||
	    memchr(buf, 0, n) != NULL)
		goto inval;
	size_t cut = head_cut(buf, n);
	if (cut == 0)
		goto inval;
	struct source_text st;
	rc = source_decode(opts, buf, cut, &st, NULL);
	free(buf);
	if (rc < 0)
		return rc == ERR_NOMEM ? rc : ERR_INVAL;
	rc = article_from_utf8(path, st.utf8, st.len, out);
	if (rc == 0) {
		memcpy(out->encoding, st.encoding, sizeof out->encoding);
		out->replaced = st.replaced;
		*whole = 0;
	}
	source_text_free(&st);
	return rc;
inval:
	free(buf);
	return ERR_INVAL;
}

struct article_job {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int ended;             /* under mu: the thread has its results */
	int dropped;           /* under mu: nobody will take them */
	atomic_int stage;      /* enum article_job_stage */
	char *path;
	struct source_opts opts;
	char *encoding;        /* the copy opts.encoding points to */
	int fold;
	struct article_job_hook hook; /* run NULL: none */
	/* results */
	int rc;
	char *cause;
	struct article art;
	struct match_text folded;
};

static void
job_free(struct article_job *j, int dropped)
{
	if (dropped && j->hook.free)
		j->hook.free(j->hook.ctx);
	if (j->rc == 0 && !j->hook.run) /* a hook took the article over */
		article_free(&j->art);
	match_text_free(&j->folded);
	free(j->cause);
	free(j->path);
	free(j->encoding);
	pthread_cond_destroy(&j->cv);
	pthread_mutex_destroy(&j->mu);
	free(j);
}

static int
job_dropped(struct article_job *j)
{
	pthread_mutex_lock(&j->mu);
	int d = j->dropped;
	pthread_mutex_unlock(&j->mu);
	return d;
}

static void *
job_run(void *arg)
{
	struct article_job *j = arg;
	j->rc = article_load(&j->opts, j->path, &j->art, &j->cause);
	struct script *sc = NULL;
	if (j->rc == 0 && j->fold && !job_dropped(j)) {
		atomic_store(&j->stage, ARTICLE_JOB_FOLDING);
		if (script_open(&sc, NULL) < 0)
			sc = NULL; /* folded without script folding, as catalog does */
		int rc = match_fold(sc, j->art.text, j->art.len, &j->folded);
		if (rc < 0) {
			article_free(&j->art);
			j->rc = rc;
		}
	}
	if (j->hook.run && !job_dropped(j)) {
		atomic_store(&j->stage, ARTICLE_JOB_FINISHING);
		/* the results are the hook's from here */
		char *cause = j->cause;
		j->cause = NULL;
		j->rc = j->hook.run(j->hook.ctx, sc, j->rc, &j->art, &j->folded, cause);
		j->art = (struct article){ 0 };
		j->folded = (struct match_text){ 0 };
	} else if (j->hook.run) { /* dropped before the hook: nobody takes them */
		if (j->rc == 0)
			article_free(&j->art);
	}
	script_close(sc);
	pthread_mutex_lock(&j->mu);
	atomic_store(&j->stage, ARTICLE_JOB_DONE);
	j->ended = 1;
	int dropped = j->dropped;
	pthread_cond_signal(&j->cv);
	pthread_mutex_unlock(&j->mu);
	if (dropped) { /* nobody will join: the job is this thread's to free */
		pthread_detach(pthread_self());
		job_free(j, 1);
	}
	return NULL;
}

int
article_job_start(const struct source_opts *opts, const char *path, int fold,
		  struct article_job **out)
{
	return article_job_start_hook(opts, path, fold, NULL, out);
}

int
article_job_start_hook(const struct source_opts *opts, const char *path, int fold,
		       const struct article_job_hook *hook, struct article_job **out)
{
	struct article_job *j = calloc(1, sizeof *j);
	if (j == NULL)
		return ERR_NOMEM;
	if (opts)
		j->opts = *opts;
	j->path = strdup(path);
	j->encoding = opts && opts->encoding ? strdup(opts->encoding) : NULL;
	if (j->path == NULL || (opts && opts->encoding && j->encoding == NULL)) {
		free(j->path);
		free(j->encoding);
		free(j);
		return ERR_NOMEM;
	}
	j->opts.encoding = j->encoding;
	j->fold = fold;
	if (hook)
		j->hook = *hook;
	atomic_init(&j->stage, ARTICLE_JOB_READING);
	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	if (pthread_create(&j->thread, NULL, job_run, j) != 0) {
		j->rc = ERR_IO; /* nothing loaded: job_free frees no article */
		job_free(j, 0);
		return ERR_IO;
	}
	*out = j;
	return 0;
}

enum article_job_stage
article_job_stage(struct article_job *j)
{
	return (enum article_job_stage)atomic_load(&j->stage);
}

int
article_job_take(struct article_job *j, struct article *art, struct match_text *folded,
		 char **cause)
{
	pthread_mutex_lock(&j->mu);
	while (!j->ended)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	pthread_join(j->thread, NULL);
	int rc = j->rc;
	if (j->hook.run) {
		/* the hook has them */
	} else if (rc == 0) {
		*art = j->art;
		j->rc = ERR_INVAL; /* handed over: not freed with the job */
		if (folded) {
			*folded = j->folded;
			j->folded = (struct match_text){ 0 };
		}
	} else if (cause) {
		*cause = j->cause;
		j->cause = NULL;
	}
	job_free(j, 0);
	return rc;
}

void
article_job_drop(struct article_job *j)
{
	if (j == NULL)
		return;
	pthread_mutex_lock(&j->mu);
	int ended = j->ended;
	j->dropped = 1;
	pthread_mutex_unlock(&j->mu);
	if (ended) {
		pthread_join(j->thread, NULL);
		job_free(j, 1);
	}
}
