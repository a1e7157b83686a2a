#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charset.h"
#include "err.h"
#include "format.h"

static void
set_cause(char **cause, const char *fmt, ...)
{
	if (cause == NULL)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(cause, fmt, ap) < 0)
		*cause = NULL; /* the caller falls back to err_strerror */
	va_end(ap);
}

/* strerror, starting lower-case like the rest of duwen's reasons. */
static void
errno_reason(int errnum, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s", strerror(errnum));
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
}

/* Known headers of files that are not text, for files with no NUL byte
 * early on (or to name what the file is). */
static const char *
binary_signature(const unsigned char *b, size_t n)
{
	static const struct {
		size_t off, len;
		const char *magic, *what;
	} tab[] = {
		{ 0, 8, "\x89PNG\r\n\x1a\n", "PNG image" },
		{ 0, 3, "\xFF\xD8\xFF", "JPEG image" },
		{ 0, 6, "GIF87a", "GIF image" },
		{ 0, 6, "GIF89a", "GIF image" },
		{ 0, 5, "%PDF-", "PDF document" },
		{ 0, 4, "\x7F" "ELF", "ELF executable" },
		{ 0, 4, "PK\x03\x04", "ZIP archive" },
		{ 0, 4, "PK\x05\x06", "ZIP archive" },
		{ 0, 2, "\x1F\x8B", "gzip data" },
		{ 4, 6, "1AY&SY", "bzip2 data" },
		{ 0, 6, "\xFD" "7zXZ\0", "xz data" },
		{ 0, 4, "\x28\xB5\x2F\xFD", "zstd data" },
		{ 0, 6, "7z\xBC\xAF\x27\x1C", "7-zip archive" },
		{ 0, 6, "Rar!\x1A\x07", "RAR archive" },
		{ 0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "Office document" },
		{ 0, 16, "SQLite format 3\0", "SQLite database" },
		{ 0, 4, "RIFF", "RIFF media file" },
		{ 0, 4, "OggS", "Ogg media file" },
		{ 0, 4, "\x1A\x45\xDF\xA3", "Matroska media file" },
		{ 4, 4, "ftyp", "MP4 media file" },
		{ 0, 4, "\xCA\xFE\xBA\xBE", "Mach-O or Java class file" },
		{ 0, 4, "\xCF\xFA\xED\xFE", "Mach-O executable" },
		{ 0, 4, "\xCE\xFA\xED\xFE", "Mach-O executable" },
		{ 0, 4, "wOFF", "WOFF font" },
		{ 0, 4, "wOF2", "WOFF2 font" },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (n >= tab[i].off + tab[i].len &&
		    memcmp(b + tab[i].off, tab[i].magic, tab[i].len) == 0)
			return tab[i].what;
	return NULL;
}

/* Length of a byte-order mark at b, with the encoding it announces. UTF-32
 * is tried first: its little-endian BOM begins with UTF-16's. */
static size_t
bom_len(const unsigned char *b, size_t n, const char **enc)
{
	static const struct {
		size_t len;
		const char *bom, *enc;
	} tab[] = {
		{ 3, "\xEF\xBB\xBF", "UTF-8" },
		{ 4, "\xFF\xFE\0\0", "UTF-32LE" },
		{ 4, "\0\0\xFE\xFF", "UTF-32BE" },
		{ 2, "\xFF\xFE", "UTF-16LE" },
		{ 2, "\xFE\xFF", "UTF-16BE" },
	};
	for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
		if (n >= tab[i].len && memcmp(b, tab[i].bom, tab[i].len) == 0) {
			*enc = tab[i].enc;
			return tab[i].len;
		}
	return 0;
}

/* What a file that is not a regular one is, and why it is not read. */
static const struct {
	unsigned type;
	const char *kind, *reason;
} not_regular[] = {
	{ S_IFDIR, "a directory", "is a directory" },
	{ S_IFIFO, "a FIFO", "not a regular file (a FIFO)" },
	{ S_IFSOCK, "a socket", "not a regular file (a socket)" },
	{ S_IFCHR, "a character device", "not a regular file (a character device)" },
	{ S_IFBLK, "a block device", "not a regular file (a block device)" },
	{ 0, "not a regular file", "not a regular file" },
};

/* The row of not_regular for mode; the last for any other kind. */
static size_t
not_regular_row(unsigned mode)
{
	size_t i = 0, n = sizeof not_regular / sizeof not_regular[0];
	while (i + 1 < n && (mode & S_IFMT) != not_regular[i].type)
		i++;
	return i;
}

const char *
source_not_regular(unsigned mode)
{
	return not_regular[not_regular_row(mode)].reason;
}

const char *
source_kind(unsigned mode)
{
	return not_regular[not_regular_row(mode)].kind;
}

FILE *
source_fopen(const char *path, const char **why)
{
	/* O_NONBLOCK: opening a FIFO with no writer must not hang; with the
	 * flag cleared, reading one ends at once, and a pipe that has a
	 * writer (--config <(...)) is read to its end. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	*why = NULL;
	if (fd < 0) {
		if (errno == ENXIO) /* what open() says of a socket */
			*why = source_not_regular(S_IFSOCK);
		else if (errno != ENOENT)
			*why = strerror(errno);
		return NULL;
	}
	FILE *f = NULL;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		*why = source_not_regular(st.st_mode);
	else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0 ||
		 (f = fdopen(fd, "rb")) == NULL)
		*why = strerror(errno);
	if (f == NULL)
		close(fd);
	return f;
}

/* The encoding a BOM announces (enc) if the bytes after it b[0, n) bear
 * it out, that of the other byte order if UTF-16's NUL bytes sit on the
 * other side, else NULL: the BOM lies, and the text is detected as if it
 * had none. UTF-8's must be followed by well-formed UTF-8 (not GBK);
 * UTF-16's not by well-formed UTF-8 with no NUL byte (UTF-16 of any line
 * of ASCII, a newline even, holds NULs). */
static const char *
bom_checked(const unsigned char *b, size_t n, const char *enc)
{
	size_t mb, bad;
	if (strcmp(enc, "UTF-8") == 0) {
		charset_utf8_scan(b, n, &mb, &bad);
		return bad == 0 ? enc : NULL;
	}
	if (strncmp(enc, "UTF-16", 6) != 0)
		return enc;
	if (memchr(b, 0, n) == NULL) {
		charset_utf8_scan(b, n, &mb, &bad);
		return mb > 0 && bad == 0 ? NULL : enc;
	}
	const char *sniffed = charset_sniff_utf16(b, n);
	return sniffed ? sniffed : enc;
}

int
source_check_encoding(const char *name, char **cause)
{
	if (name[0] != 0 && charset_known(name))
		return 0;
	set_cause(cause, "unknown encoding '%s'", name);
	return ERR_ENCODING;
}

/* co with each NUL character (nul of them) made U+FFFD, and counted. */
static int
nul_to_fffd(struct charset_out *co, size_t nul)
{
	char *t = malloc(co->len + 2 * nul + 1), *o = t;
	if (t == NULL)
		return ERR_NOMEM;
	for (size_t i = 0; i < co->len; i++) {
		if (co->s[i] == 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			*o++ = co->s[i];
		}
	}
	*o = 0;
	free(co->s);
	co->s = t;
	co->len = (size_t)(o - t);
	co->replaced += nul;
	return 0;
}

/* b[0, n) decoded from name with the byte at stray skipped: a U+FFFD there. */
static int
convert_around(const char *name, const unsigned char *b, size_t n, size_t stray,
	       struct charset_out *out)
{
	struct charset_out head, tail;
	int rc = charset_convert(name, b, stray, &head);
	if (rc < 0)
		return rc;
	if ((rc = charset_convert(name, b + stray + 1, n - stray - 1, &tail)) < 0) {
		free(head.s);
		return rc;
	}
	char *s = malloc(head.len + 3 + tail.len + 1);
	if (s != NULL) {
		memcpy(s, head.s, head.len);
		memcpy(s + head.len, "\xEF\xBF\xBD", 3);
		memcpy(s + head.len + 3, tail.s, tail.len + 1);
		out->s = s;
		out->len = head.len + 3 + tail.len;
		out->replaced = head.replaced + 1 + tail.replaced;
	}
	free(head.s);
	free(tail.s);
	return s ? 0 : ERR_NOMEM;
}

int
source_decode(const struct source_opts *opts, const unsigned char *bytes,
	      size_t n, struct source_text *out, char **cause)
{
	const char *what = binary_signature(bytes, n);
	if (what) {
		set_cause(cause, "not a text file (%s)", what);
		return ERR_BINARY;
	}
	char name[32];
	const char *bom_enc = NULL;
	size_t skip = 0, stray = SIZE_MAX;
	int rc;
	if (!(opts && opts->encoding) && (skip = bom_len(bytes, n, &bom_enc)) > 0) {
		/* detection reads what follows the BOM, if the BOM lies */
		bom_enc = bom_checked(bytes + skip, n - skip, bom_enc);
		bytes += skip;
		n -= skip;
	}
	if (opts && opts->encoding) {
		if ((rc = source_check_encoding(opts->encoding, cause)) < 0)
			return rc;
		snprintf(name, sizeof name, "%s", opts->encoding);
	} else if (bom_enc) {
		snprintf(name, sizeof name, "%s", bom_enc);
	} else if (n > 0 && memchr(bytes, 0, n)) {
		/* UTF-16 by its NUL bytes; one byte too many or too few in it is
		 * skipped (one U+FFFD) rather than garbling all that follows. */
		const char *u16 = charset_sniff_utf16_stray(bytes, n, &stray);
		if (u16 == NULL) {
			size_t nul = 0;
			for (size_t i = 0; i < n; i++)
				nul += bytes[i] == 0;
			set_cause(cause, "not a text file (%zu NUL byte%s; only UTF-16 text may hold"
				  " them)", nul, nul == 1 ? "" : "s");
			return ERR_BINARY;
		}
		snprintf(name, sizeof name, "%s", u16);
	} else {
		size_t mb, bad;
		charset_utf8_scan(bytes, n, &mb, &bad);
		if (bad == 0)
			snprintf(name, sizeof name, "UTF-8");
		else if ((rc = charset_guess(bytes, n, name, sizeof name)) < 0)
			return rc;
	}
	struct charset_out co;
	rc = stray == SIZE_MAX ? charset_convert(name, bytes, n, &co)
			       : convert_around(name, bytes, n, stray, &co);
	if (rc == ERR_ENCODING)
		set_cause(cause, "cannot decode %s", name);
	if (rc < 0)
		return rc;
	/* A forced encoding leaves its BOM in the text as U+FEFF. */
	int had_bom = skip > 0;
	if (co.len >= 3 && memcmp(co.s, "\xEF\xBB\xBF", 3) == 0) {
		memmove(co.s, co.s + 3, co.len - 2);
		co.len -= 3;
		had_bom = 1;
	}
	/* NUL characters (UTF-16 or UTF-32 text, or a forced encoding): a
	 * few are damage, each one U+FFFD; many mean it is not text. */
	size_t nul = 0, chars = 0;
	for (size_t i = 0; i < co.len; i++) {
		nul += co.s[i] == 0;
		chars += ((unsigned char)co.s[i] & 0xC0) != 0x80;
	}
	if (nul > 0 && nul * SOURCE_NUL_PER > chars) {
		free(co.s);
		set_cause(cause, "not a text file (NUL characters: %zu of %zu, over 1 in %d)", nul,
			  chars, SOURCE_NUL_PER);
		return ERR_BINARY;
	}
	if (nul > 0 && nul_to_fffd(&co, nul) < 0) {
		free(co.s);
		return ERR_NOMEM;
	}
	memset(out, 0, sizeof *out);
	out->utf8 = co.s;
	out->len = co.len;
	out->replaced = co.replaced;
	out->had_bom = had_bom;
	snprintf(out->encoding, sizeof out->encoding, "%s", name);
	return 0;
}

/* "70.2 MiB", "64 MiB", "512 bytes". */
static void
format_size(char *buf, size_t cap, unsigned long long bytes)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB" };
	if (bytes < 1024) {
		snprintf(buf, cap, "%llu byte%s", bytes, bytes == 1 ? "" : "s");
		return;
	}
	double v = (double)bytes / 1024;
	size_t u = 0;
	while (v >= 1024 && u + 1 < sizeof unit / sizeof unit[0]) {
		v /= 1024;
		u++;
	}
	snprintf(buf, cap, "%.1f %s", v, unit[u]);
	char *dot = strstr(buf, ".0 ");
	if (dot)
		memmove(dot, dot + 2, strlen(dot + 2) + 1);
}

static void
too_big(char **cause, unsigned long long size, size_t max)
{
	char have[32], limit[32];
	format_size(limit, sizeof limit, max);
	if (size <= max) { /* grew while being read, or a pipe: size unknown */
		set_cause(cause, "file is over the %s limit", limit);
		return;
	}
	format_size(have, sizeof have, size);
	if (strcmp(have, limit) == 0)
		snprintf(have, sizeof have, "%llu bytes", size);
	set_cause(cause, "file is %s, over the %s limit", have, limit);
}

int
source_read_bytes(const struct source_opts *opts, const char *path, unsigned char **bytes,
		  size_t *len, char **cause)
{
	char why[128];
	size_t max = opts && opts->max_bytes ? opts->max_bytes : SOURCE_DEFAULT_MAX_BYTES;
	int std_in = strcmp(path, "-") == 0;
	/* O_NONBLOCK: opening a FIFO must not hang before the check below. */
	int fd = std_in ? 0 : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		struct stat ls;
		if (e == ENOENT || e == ENOTDIR) {
			set_cause(cause, "no such file or directory");
			return ERR_NOTFOUND;
		}
		/* a socket cannot be opened (ENXIO): say what it is */
		if (e == ENXIO && stat(path, &ls) == 0 && !S_ISREG(ls.st_mode)) {
			set_cause(cause, "%s", source_not_regular(ls.st_mode));
			return ERR_INVAL;
		}
		errno_reason(e, why, sizeof why);
		set_cause(cause, "%s", why);
		return ERR_IO;
	}
	unsigned char *buf = NULL;
	size_t n = 0;
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) < 0) {
		errno_reason(errno, why, sizeof why);
		set_cause(cause, "%s", why);
		rc = ERR_IO;
		goto out;
	}
	if (!std_in && !S_ISREG(st.st_mode)) {
		set_cause(cause, "%s", source_not_regular(st.st_mode));
		rc = ERR_INVAL;
		goto out;
	}
	int sized = S_ISREG(st.st_mode);
	if (!sized)
		st.st_size = 65535; /* a pipe: its size is unknown */
	if (sized && (unsigned long long)st.st_size > max) {
		too_big(cause, (unsigned long long)st.st_size, max);
		rc = ERR_TOOBIG;
		goto out;
	}
	/* Read up to one byte past the limit: a file may grow meanwhile. */
	size_t cap = (size_t)st.st_size + 1;
	buf = malloc(cap);
	if (buf == NULL) {
		rc = ERR_NOMEM;
		goto out;
	}
	for (;;) {
		if (n == cap) {
			if (cap > max)
				break;
			size_t ncap = cap > max / 2 ? max + 1 : cap * 2;
			unsigned char *nb = realloc(buf, ncap);
			if (nb == NULL) {
				rc = ERR_NOMEM;
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			errno_reason(errno, why, sizeof why);
			set_cause(cause, "%s", why);
			rc = ERR_IO;
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > max) {
		/* the read stopped one byte past the limit: its size is not known */
		too_big(cause, 0, max);
		rc = ERR_TOOBIG;
		goto out;
	}
	*bytes = buf;
	*len = n;
	buf = NULL;
out:
	free(buf);
	if (!std_in)
		close(fd);
	return rc;
}

int
source_read(const struct source_opts *opts, const char *path,
	    struct source_text *out, char **cause)
{
	unsigned char *buf;
	size_t n;
	int rc = source_read_bytes(opts, path, &buf, &n, cause);
	if (rc < 0)
		return rc;
	rc = source_decode(opts, buf, n, out, cause);
	free(buf);
	return rc;
}

void
source_text_free(struct source_text *t)
{
	free(t->utf8);
	t->utf8 = NULL;
	t->len = 0;
}

/* Paths with, where a directory's listing gave it for free, their
 * canonical form (key: NULL where realpath must tell). */
struct pathent {
	char *path, *key;
};

struct pathvec {
	struct pathent *v;
	size_t n, cap;
};

static int
pathvec_push(struct pathvec *p, char *s, char *key)
{
	if (s == NULL) {
		free(key);
		return ERR_NOMEM;
	}
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct pathent *v = realloc(p->v, cap * sizeof *v);
		if (v == NULL) {
			free(s);
			free(key);
			return ERR_NOMEM;
		}
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] = (struct pathent){ s, key };
	return 0;
}

static int
cmp_version(const void *a, const void *b)
{
	return strverscmp(((const struct pathent *)a)->path, ((const struct pathent *)b)->path);
}

static int
is_article_name(const char *name)
{
	return format_of_name(name) >= 0;
}

/* Append dir's articles to out, sorted; warn if there are none. A file
 * the listing says is regular (d_type) is not looked at again, and its
 * canonical path is the directory's (one realpath for the directory)
 * with its name: it is no symbolic link. Others (links, file systems
 * without d_type) are stat'ed, and realpath'ed later. One named like an
 * article that is no regular file (a FIFO, a socket, a device, a broken
 * or looping link) is left out with a warning; a subdirectory silently. */
static int
expand_dir(const char *dir, struct pathvec *out, source_warn_fn warn, void *ctx)
{
	char why[128];
	DIR *d = opendir(dir);
	if (d == NULL) {
		errno_reason(errno, why, sizeof why);
		if (warn)
			warn(ctx, dir, why);
		return 0;
	}
	char *canon = realpath(dir, NULL);
	size_t first = out->n, dlen = strlen(dir);
	const char *sep = dlen > 0 && dir[dlen - 1] == '/' ? "" : "/";
	const char *csep = canon && strcmp(canon, "/") == 0 ? "" : "/";
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!is_article_name(e->d_name))
			continue;
		char *p, *key = NULL;
		if (asprintf(&p, "%s%s%s", dir, sep, e->d_name) < 0) {
			rc = ERR_NOMEM;
			break;
		}
		if (e->d_type == DT_REG) {
			if (canon && asprintf(&key, "%s%s%s", canon, csep, e->d_name) < 0) {
				free(p);
				rc = ERR_NOMEM;
				break;
			}
		} else {
			struct stat st;
			const char *skip = NULL;
			if (stat(p, &st) < 0) {
				/* gone since the listing: nothing to say */
				skip = "";
				if (errno != ENOENT) {
					errno_reason(errno, why, sizeof why);
					skip = why;
				} else if (lstat(p, &st) == 0) {
					skip = "a broken symbolic link";
				}
			} else if (!S_ISREG(st.st_mode)) {
				skip = S_ISDIR(st.st_mode) ? "" : source_not_regular(st.st_mode);
			}
			if (skip != NULL) {
				if (skip[0] && warn)
					warn(ctx, p, skip);
				free(p);
				continue;
			}
		}
		rc = pathvec_push(out, p, key);
	}
	closedir(d);
	free(canon);
	if (rc < 0)
		return rc;
	if (out->n == first && warn)
		warn(ctx, dir, "no articles in directory (" FORMAT_EXTENSIONS ")");
	/* out->v is NULL while nothing was found: qsort must not see it */
	if (out->n - first > 1)
		qsort(out->v + first, out->n - first, sizeof *out->v, cmp_version);
	return 0;
}

int
source_expand(const char *const *paths, size_t npaths, struct source_paths *out,
	      source_warn_fn warn, void *ctx)
{
	struct pathvec pv = { NULL, 0, 0 };
	int rc = 0;
	for (size_t i = 0; i < npaths && rc == 0; i++) {
		struct stat st;
		if (strcmp(paths[i], "-") == 0) { /* standard input */
			rc = pathvec_push(&pv, strdup(paths[i]), NULL);
			continue;
		}
		if (stat(paths[i], &st) < 0) {
			char why[128];
			if (errno == ENOENT || errno == ENOTDIR)
				snprintf(why, sizeof why, "no such file or directory");
			else
				errno_reason(errno, why, sizeof why);
			if (warn)
				warn(ctx, paths[i], why);
			continue;
		}
		if (S_ISDIR(st.st_mode))
			rc = expand_dir(paths[i], &pv, warn, ctx);
		else
			rc = pathvec_push(&pv, strdup(paths[i]), NULL);
	}
	char **v = pv.n ? malloc(pv.n * sizeof *v) : NULL;
	char **k = pv.n ? calloc(pv.n, sizeof *k) : NULL;
	if (rc == 0 && pv.n && (v == NULL || k == NULL))
		rc = ERR_NOMEM;
	if (rc < 0) {
		for (size_t i = 0; i < pv.n; i++) {
			free(pv.v[i].path);
			free(pv.v[i].key);
		}
		free(pv.v);
		free(v);
		free(k);
		return rc;
	}
	for (size_t i = 0; i < pv.n; i++) {
		v[i] = pv.v[i].path;
		k[i] = pv.v[i].key;
	}
	free(pv.v);
	out->v = v;
	out->keys = k;
	out->n = pv.n;
	return 0;
}

void
source_paths_free(struct source_paths *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->v[i]);
		if (p->keys)
			free(p->keys[i]);
	}
	free(p->v);
	free(p->keys);
	p->v = NULL;
	p->keys = NULL;
	p->n = 0;
}
