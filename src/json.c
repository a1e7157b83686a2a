/* json: reader and writer (see json.h). */
#include "json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "err.h"
#include "sanitize.h"

#define MAX_DEPTH 64

/* ---- writer ---- */

static void
w_put(struct json_writer *w, const char *s, size_t n)
{
	if (w->err)
		return;
	if (w->len + n + 1 > w->cap) {
		size_t cap = w->cap ? w->cap : 256;
		while (w->len + n + 1 > cap)
			cap *= 2;
		char *p = realloc(w->buf, cap);
		if (p == NULL) {
			w->err = ERR_NOMEM;
			return;
		}
		w->buf = p;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = 0;
}

static void
w_puts(struct json_writer *w, const char *s)
{
	w_put(w, s, strlen(s));
}

static void
w_newline(struct json_writer *w)
{
	w_puts(w, "\n");
	for (int i = 0; i < w->depth; i++)
		w_puts(w, "  ");
}

static void
w_value_start(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (!w->first)
			w_puts(w, ",");
		w_newline(w);
	}
	w->first = 0;
}

void
json_w_begin(struct json_writer *w, char open)
{
	w_value_start(w);
	w_put(w, &open, 1);
	w->depth++;
	w->first = 1;
}

void
json_w_end(struct json_writer *w, char close)
{
	w->depth--;
	if (!w->first)
		w_newline(w);
	w_put(w, &close, 1);
	w->first = 0;
}

/* A JSON string literal of s: escapes quotes, backslashes and every
 * control sanitize_is_control names (C0, DEL, C1, bidi controls, U+2028,
 * U+2029, U+FEFF) as \uXXXX, so the document never carries a control to
 * the terminal it is shown on; invalid UTF-8 becomes U+FFFD so the output
 * is always valid. */
static void
w_quoted(struct json_writer *w, const char *s)
{
	size_t n = strlen(s);
	w_puts(w, "\"");
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			char esc[8];
			switch (c) {
			case '"': w_puts(w, "\\\""); break;
			case '\\': w_puts(w, "\\\\"); break;
			case '\n': w_puts(w, "\\n"); break;
			case '\r': w_puts(w, "\\r"); break;
			case '\t': w_puts(w, "\\t"); break;
			case '\b': w_puts(w, "\\b"); break;
			case '\f': w_puts(w, "\\f"); break;
			default:
				if (c < 0x20 || c == 0x7f) {
					snprintf(esc, sizeof esc, "\\u%04x", c);
					w_puts(w, esc);
				} else {
					w_put(w, (const char *)&c, 1);
				}
			}
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			w_puts(w, "\xEF\xBF\xBD");
			i++;
		} else if (sanitize_is_control(cp)) {
			char esc[8];
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
			w_puts(w, esc);
			i += (size_t)k;
		} else {
			w_put(w, s + i, (size_t)k);
			i += (size_t)k;
		}
	}
	w_puts(w, "\"");
}

void
json_w_key(struct json_writer *w, const char *key)
{
	w_value_start(w);
	w_quoted(w, key);
	w_puts(w, ": ");
	w->after_key = 1;
}

void
json_w_string(struct json_writer *w, const char *s)
{
	w_value_start(w);
	w_quoted(w, s ? s : "");
}

void
json_w_int(struct json_writer *w, long long v)
{
	char num[32];
	w_value_start(w);
	snprintf(num, sizeof num, "%lld", v);
	w_puts(w, num);
}

/* ---- reader ---- */

struct rd {
	const char *s;
	size_t len, i;
	char *err;
	size_t cap;
	int depth;
};

static int
rd_fail(struct rd *r, const char *why)
{
	size_t line = 1, col = 1;
	for (size_t k = 0; k < r->i && k < r->len; k++) {
		if (r->s[k] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)r->s[k] & 0xC0) != 0x80) {
			col++;
		}
	}
	if (r->cap)
		snprintf(r->err, r->cap, "line %zu column %zu: %s", line, col, why);
	return ERR_INVAL;
}

static void
rd_ws(struct rd *r)
{
	while (r->i < r->len && (r->s[r->i] == ' ' || r->s[r->i] == '\t' ||
				 r->s[r->i] == '\n' || r->s[r->i] == '\r'))
		r->i++;
}

static int
rd_value(struct rd *r, struct json *out);

static int
hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		char c = s[k];
		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static int
put_cp(struct json_writer *b, int32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, u);
	w_put(b, (const char *)u, (size_t)n);
	return b->err;
}

/* A string literal at r->i (on its opening quote) into a malloc'd C string. */
static int
rd_string(struct rd *r, char **out)
{
	struct json_writer b = { 0 };
	w_put(&b, "", 0);
	r->i++;
	for (;;) {
		if (r->i >= r->len) {
			free(b.buf);
			return rd_fail(r, "unterminated string");
		}
		unsigned char c = (unsigned char)r->s[r->i];
		if (c == '"') {
			r->i++;
			break;
		}
		if (c < 0x20) {
			free(b.buf);
			return rd_fail(r, "control character in string");
		}
		if (c != '\\') {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)r->s + r->i,
							      (utf8proc_ssize_t)(r->len - r->i), &cp);
			if (k <= 0) {
				put_cp(&b, 0xFFFD);
				r->i++;
			} else {
				w_put(&b, r->s + r->i, (size_t)k);
				r->i += (size_t)k;
			}
			continue;
		}
		if (r->i + 1 >= r->len) {
			free(b.buf);
			return rd_fail(r, "unterminated string");
		}
		char e = r->s[r->i + 1];
		r->i += 2;
		const char *simple = strchr("\"\\/bfnrt", e);
		if (e != 0 && simple) {
			static const char map[] = "\"\\/\b\f\n\r\t";
			w_put(&b, &map[simple - "\"\\/bfnrt"], 1);
			continue;
		}
		unsigned u, lo;
		if (e != 'u' || r->i + 4 > r->len || hex4(r->s + r->i, &u) < 0) {
			free(b.buf);
			return rd_fail(r, "bad escape in string");
		}
		r->i += 4;
		int32_t cp = (int32_t)u;
		if (u >= 0xD800 && u <= 0xDBFF && r->i + 6 <= r->len && r->s[r->i] == '\\' &&
		    r->s[r->i + 1] == 'u' && hex4(r->s + r->i + 2, &lo) == 0 && lo >= 0xDC00 &&
		    lo <= 0xDFFF) {
			cp = 0x10000 + (((int32_t)u - 0xD800) << 10) + ((int32_t)lo - 0xDC00);
			r->i += 6;
		} else if ((u >= 0xD800 && u <= 0xDFFF) || u == 0) {
			cp = 0xFFFD;
		}
		put_cp(&b, cp);
	}
	if (b.err) {
		free(b.buf);
		return ERR_NOMEM;
	}
	*out = b.buf;
	return 0;
}

static int
rd_number(struct rd *r, struct json *out)
{
	size_t i = r->i;
	const char *s = r->s;
	if (i < r->len && s[i] == '-')
		i++;
	if (i < r->len && s[i] == '0')
		i++;
	else if (i < r->len && s[i] >= '1' && s[i] <= '9')
		while (i < r->len && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return rd_fail(r, "unexpected character");
	if (i < r->len && s[i] == '.') {
		size_t d = ++i;
		while (i < r->len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return rd_fail(r, "bad number");
	}
	if (i < r->len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < r->len && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t d = i;
		while (i < r->len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return rd_fail(r, "bad number");
	}
	char buf[64];
	if (i - r->i >= sizeof buf)
		return rd_fail(r, "number too long");
	memcpy(buf, s + r->i, i - r->i);
	buf[i - r->i] = 0;
	out->type = JSON_NUMBER;
	out->num = strtod(buf, NULL);
	r->i = i;
	return 0;
}

static int
rd_literal(struct rd *r, const char *word, struct json *out, int type, int b)
{
	size_t n = strlen(word);
	if (r->i + n > r->len || memcmp(r->s + r->i, word, n) != 0)
		return rd_fail(r, "unexpected character");
	r->i += n;
	out->type = type;
	out->b = b;
	return 0;
}

/* Append v to the container c (array or object; key owned after). */
static int
push(struct json *c, struct json *v, char *key, size_t *cap)
{
	if (c->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		struct json *items = realloc(c->items, ncap * sizeof *items);
		if (items == NULL)
			return ERR_NOMEM;
		c->items = items;
		if (c->type == JSON_OBJECT) {
			char **keys = realloc(c->keys, ncap * sizeof *keys);
			if (keys == NULL)
				return ERR_NOMEM;
			c->keys = keys;
		}
		*cap = ncap;
	}
	c->items[c->n] = *v;
	if (c->type == JSON_OBJECT)
		c->keys[c->n] = key;
	c->n++;
	return 0;
}

static int
rd_container(struct rd *r, struct json *out, int type)
{
	char close = type == JSON_ARRAY ? ']' : '}';
	size_t cap = 0;
	int rc;
	if (++r->depth > MAX_DEPTH)
		return rd_fail(r, "nested too deeply");
	out->type = type;
	r->i++;
	rd_ws(r);
	if (r->i < r->len && r->s[r->i] == close) {
		r->i++;
		r->depth--;
		return 0;
	}
	for (;;) {
		char *key = NULL;
		rd_ws(r);
		if (type == JSON_OBJECT) {
			if (r->i >= r->len || r->s[r->i] != '"')
				return rd_fail(r, "expected a member name");
			if ((rc = rd_string(r, &key)) < 0)
				return rc;
			rd_ws(r);
			if (r->i >= r->len || r->s[r->i] != ':') {
				free(key);
				return rd_fail(r, "expected ':'");
			}
			r->i++;
		}
		struct json v = { 0 };
		if ((rc = rd_value(r, &v)) < 0 || (rc = push(out, &v, key, &cap)) < 0) {
			free(key);
			json_free(&v);
			return rc;
		}
		rd_ws(r);
		if (r->i < r->len && r->s[r->i] == ',') {
			r->i++;
			continue;
		}
		if (r->i < r->len && r->s[r->i] == close) {
			r->i++;
			r->depth--;
			return 0;
		}
		return rd_fail(r, type == JSON_ARRAY ? "expected ',' or ']'" : "expected ',' or '}'");
	}
}

static int
rd_value(struct rd *r, struct json *out)
{
	rd_ws(r);
	if (r->i >= r->len)
		return rd_fail(r, "unexpected end of input");
	switch (r->s[r->i]) {
	case '{': return rd_container(r, out, JSON_OBJECT);
	case '[': return rd_container(r, out, JSON_ARRAY);
	case '"':
		out->type = JSON_STRING;
		return rd_string(r, &out->str);
	case 't': return rd_literal(r, "true", out, JSON_BOOL, 1);
	case 'f': return rd_literal(r, "false", out, JSON_BOOL, 0);
	case 'n': return rd_literal(r, "null", out, JSON_NULL, 0);
	default: return rd_number(r, out);
	}
}

int
json_parse(const char *s, size_t len, struct json *out, char *err, size_t cap)
{
	struct rd r = { s, len, 0, err, cap, 0 };
	struct json v = { 0 };
	if (cap)
		err[0] = 0;
	int rc = rd_value(&r, &v);
	if (rc == 0) {
		rd_ws(&r);
		if (r.i < len)
			rc = rd_fail(&r, "text after the value");
	}
	if (rc < 0) {
		json_free(&v);
		return rc;
	}
	*out = v;
	return 0;
}

void
json_free(struct json *v)
{
	for (size_t i = 0; i < v->n; i++) {
		json_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	memset(v, 0, sizeof *v);
}

const struct json *
json_get(const struct json *v, const char *key)
{
	if (v == NULL || v->type != JSON_OBJECT)
		return NULL;
	for (size_t i = v->n; i-- > 0;)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}

const char *
json_str(const struct json *v)
{
	return v && v->type == JSON_STRING ? v->str : NULL;
}
