/* The zip layer of EPUB reading; see epub_zip.h. libzip, not libarchive:
 * an EPUB is read by name in the order its package document says
 * (container, OPF, then chapters in spine order), which wants random
 * access to entries; libarchive only streams an archive front to back. */
#include "epub_zip.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "err.h"

struct epub_zip {
	zip_t *zip;
	size_t limit;  /* the budget at open, for messages */
	size_t budget; /* uncompressed bytes still allowed */
};

static void
set_cause(char **cause, const char *fmt, ...)
{
	if (cause == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		*cause = NULL;
	va_end(ap);
}

/* The epub_zip of zip, or the error zip_open's code zerr means for a
 * file of size bytes that starts with head[0, nhead). */
static int
wrap(zip_t *zip, int zerr, const unsigned char *head, size_t nhead, size_t size,
     size_t budget, struct epub_zip **out, char **cause)
{
	if (zip == NULL) {
		if (zerr == ZIP_ER_NOZIP && size == 0) {
			set_cause(cause, "not an EPUB: the file is empty");
			return ERR_INVAL;
		}
		if (zerr == ZIP_ER_NOZIP && nhead >= 4 && memcmp(head, "PK\x03\x04", 4) == 0) {
			/* a zip's first entry, but no directory at the end */
			set_cause(cause, "not an EPUB: the zip archive is cut short (its directory "
					 "at the end is missing: an interrupted download or copy?)");
			return ERR_INVAL;
		}
		if (zerr == ZIP_ER_NOZIP || zerr == ZIP_ER_INCONS) {
			set_cause(cause, "not an EPUB: %s",
				  zerr == ZIP_ER_NOZIP ? "not a zip archive"
						       : "the zip archive is damaged");
			return ERR_INVAL;
		}
		if (zerr == ZIP_ER_MEMORY)
			return ERR_NOMEM;
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		set_cause(cause, "cannot open the zip archive: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return ERR_IO;
	}
	struct epub_zip *z = calloc(1, sizeof *z);
	if (z == NULL) {
		zip_discard(zip);
		return ERR_NOMEM;
	}
	z->zip = zip;
	z->limit = budget;
	z->budget = budget;
	*out = z;
	return 0;
}

int
epub_zip_open(const char *path, size_t budget, struct epub_zip **out, char **cause)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		set_cause(cause, "%s", errno == ENOENT ? "no such file or directory" : strerror(errno));
		return errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		set_cause(cause, "not a regular file");
		return ERR_INVAL;
	}
	int zerr = 0;
	zip_t *zip = zip_open(path, ZIP_RDONLY, &zerr);
	unsigned char head[4];
	size_t nhead = 0;
	if (zip == NULL) {
		FILE *f = fopen(path, "rb");
		if (f) {
			nhead = fread(head, 1, sizeof head, f);
			fclose(f);
		}
	}
	return wrap(zip, zerr, head, nhead, (size_t)st.st_size, budget, out, cause);
}

int
epub_zip_open_bytes(const void *bytes, size_t n, size_t budget, struct epub_zip **out,
		    char **cause)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(bytes, n, 0, &ze);
	zip_t *zip = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	int zerr = zip_error_code_zip(&ze);
	zip_error_fini(&ze);
	if (zip == NULL && src)
		zip_source_free(src);
	return wrap(zip, zerr, bytes, n < 4 ? n : 4, n, budget, out, cause);
}

void
epub_zip_close(struct epub_zip *z)
{
	if (z == NULL)
		return;
	zip_discard(z->zip); /* read-only: nothing to write back */
	free(z);
}

/* The entry name, else the same name in another case, else written with
 * backslashes (archives made by some Windows tools). */
static zip_int64_t
locate(struct epub_zip *z, const char *name)
{
	zip_int64_t i = zip_name_locate(z->zip, name, 0);
	if (i < 0)
		i = zip_name_locate(z->zip, name, ZIP_FL_NOCASE);
	if (i < 0 && strchr(name, '/')) {
		char *bs = strdup(name);
		if (bs == NULL)
			return -1;
		for (char *p = bs; *p; p++)
			*p = *p == '/' ? '\\' : *p;
		i = zip_name_locate(z->zip, bs, ZIP_FL_NOCASE);
		free(bs);
	}
	return i;
}

int
epub_zip_has(struct epub_zip *z, const char *name)
{
	return locate(z, name) >= 0;
}

size_t
epub_zip_budget(const struct epub_zip *z)
{
	return z->budget;
}

static int
too_big(const struct epub_zip *z, const char *name, char **cause)
{
	set_cause(cause, "%s: the book's text is over the %zu MiB limit (uncompressed)", name,
		  z->limit >> 20);
	return ERR_TOOBIG;
}

int
epub_zip_read(struct epub_zip *z, const char *name, char **out, size_t *len, char **cause)
{
	zip_int64_t idx = locate(z, name);
	if (idx < 0) {
		set_cause(cause, "%s is missing from the archive", name);
		return ERR_NOTFOUND;
	}
	zip_stat_t st;
	if (zip_stat_index(z->zip, (zip_uint64_t)idx, 0, &st) < 0) {
		set_cause(cause, "%s: %s", name, zip_strerror(z->zip));
		return ERR_INVAL;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		set_cause(cause, "%s is encrypted (a password-protected zip entry)", name);
		return ERR_INVAL;
	}
	/* The declared size may lie; it only sizes the first allocation, and
	 * the loop below counts what really comes out. */
	if ((st.valid & ZIP_STAT_SIZE) && st.size > z->budget)
		return too_big(z, name, cause);
	zip_file_t *f = zip_fopen_index(z->zip, (zip_uint64_t)idx, 0);
	if (f == NULL) {
		set_cause(cause, "%s: %s", name, zip_strerror(z->zip));
		return ERR_INVAL;
	}
	size_t cap = (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size + 1 : 4096;
	size_t n = 0;
	char *buf = malloc(cap);
	int rc = buf ? 0 : ERR_NOMEM;
	while (rc == 0) {
		if (n + 1 >= cap) {
			size_t ncap = cap * 2;
			char *nb = realloc(buf, ncap);
			if (nb == NULL) {
				rc = ERR_NOMEM;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		zip_int64_t k = zip_fread(f, buf + n, cap - 1 - n);
		if (k < 0) {
			set_cause(cause, "%s is damaged: %s", name, zip_file_strerror(f));
			rc = ERR_INVAL;
		} else if (k == 0) {
			break;
		} else {
			n += (size_t)k;
			if (n > z->budget)
				rc = too_big(z, name, cause);
		}
	}
	zip_fclose(f);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	buf[n] = 0;
	z->budget -= n;
	*out = buf;
	*len = n;
	return 0;
}
