/* termsafe: see termsafe.h. Every output path ends in termsafe_step. */
#include "termsafe.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "sanitize.h"

/* Most bytes termsafe_step writes for one input character ("\u202E"). */
#define TERMSAFE_STEP_MAX 12
/* Most bytes it writes per input byte ("\x1B" for one byte). */
#define TERMSAFE_GROWTH 4

/* What s[i] (one character, or one byte that does not start one) becomes
 * in mode m: its bytes in out, their count in *k. Returns the input bytes
 * used. The one place that decides what reaches the terminal. */
static size_t
termsafe_step(const char *s, size_t n, size_t i, enum termsafe_mode m, char *out, size_t *k)
{
	unsigned char c = (unsigned char)s[i];
	int name = m == TERMSAFE_NAME;
	*k = 0;
	if (c >= 0x20 && c < 0x7F) {
		if (name && c == '\\') {
			memcpy(out, "\\\\", 2);
			*k = 2;
		} else {
			out[0] = (char)c;
			*k = 1;
		}
		return 1;
	}
	if (c < 0x80) {
		if (name)
			*k = (size_t)snprintf(out, TERMSAFE_STEP_MAX, c == '\n' ? "\\n" : c == '\t' ? "\\t"
							       : "\\x%02X", c);
		else if (c == '\n' && m == TERMSAFE_TEXT)
			out[(*k)++] = '\n';
		else if (c == '\t' || c == '\n' || (c == '\r' && m == TERMSAFE_LINE))
			out[(*k)++] = ' ';
		return 1;
	}
	utf8proc_int32_t cp;
	size_t avail = n - i < 4 ? n - i : 4;
	utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						(utf8proc_ssize_t)avail, &cp);
	if (len <= 0) {
		if (name) {
			*k = (size_t)snprintf(out, TERMSAFE_STEP_MAX, "\\x%02X", c);
		} else {
			memcpy(out, "\xEF\xBF\xBD", 3);
			*k = 3;
		}
		return 1;
	}
	if (sanitize_is_control(cp)) {
		if (name)
			*k = (size_t)snprintf(out, TERMSAFE_STEP_MAX, "\\u%04X", (unsigned)cp);
		else if (m == TERMSAFE_LINE && (cp == 0x2028 || cp == 0x2029))
			out[(*k)++] = ' ';
		return (size_t)len;
	}
	memcpy(out, s + i, (size_t)len);
	*k = (size_t)len;
	return (size_t)len;
}

int
termsafe_write(FILE *f, const char *s, size_t n, enum termsafe_mode m)
{
	char buf[512];
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		size_t k;
		i += termsafe_step(s, n, i, m, buf + w, &k);
		w += k;
		if (w > sizeof buf - TERMSAFE_STEP_MAX) {
			fwrite(buf, 1, w, f);
			w = 0;
		}
	}
	if (w)
		fwrite(buf, 1, w, f);
	return ferror(f) ? ERR_IO : 0;
}

int
termsafe_puts(FILE *f, const char *s, enum termsafe_mode m)
{
	return s ? termsafe_write(f, s, strlen(s), m) : 0;
}

int
termsafe_printf(FILE *f, enum termsafe_mode m, const char *fmt, ...)
{
	char small[512], *p = small;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return ERR_IO;
	if ((size_t)n >= sizeof small) {
		va_start(ap, fmt);
		n = vasprintf(&p, fmt, ap);
		va_end(ap);
		if (n < 0)
			return ERR_NOMEM;
	}
	int rc = termsafe_write(f, p, (size_t)n, m);
	if (p != small)
		free(p);
	return rc;
}

void
termsafe_warn(FILE *f, const char *path, const char *fmt, ...)
{
	char small[512], *p = small;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n >= sizeof small) {
		va_start(ap, fmt);
		if (vasprintf(&p, fmt, ap) < 0) {
			p = small; /* the message cut short rather than none */
			n = (int)sizeof small - 1;
		}
		va_end(ap);
	}
	termsafe_puts(f, "duwen: ", TERMSAFE_LINE);
	if (path) {
		termsafe_puts(f, path, TERMSAFE_NAME);
		termsafe_puts(f, ": ", TERMSAFE_LINE);
	}
	if (n > 0)
		termsafe_write(f, p, (size_t)n, TERMSAFE_LINE);
	termsafe_puts(f, "\n", TERMSAFE_TEXT);
	if (p != small)
		free(p);
}

char *
termsafe_dup(const char *s, size_t n, enum termsafe_mode m)
{
	if (n > (SIZE_MAX - TERMSAFE_STEP_MAX) / TERMSAFE_GROWTH)
		return NULL;
	char *t = malloc(n * TERMSAFE_GROWTH + TERMSAFE_STEP_MAX);
	if (t == NULL)
		return NULL;
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		size_t k;
		i += termsafe_step(s, n, i, m, t + w, &k);
		w += k;
	}
	t[w] = 0;
	return t;
}

char *
termsafe_name(const char *s)
{
	return termsafe_dup(s, strlen(s), TERMSAFE_NAME);
}
