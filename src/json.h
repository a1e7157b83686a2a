/* json: a small JSON (RFC 8259) reader into a tree, and a writer that
 * indents and escapes (controls by sanitize.h's rule), for notes export
 * and import. json_free releases a tree; json_writer output lives in its
 * buffer, which the caller frees. */
#ifndef DUWEN_JSON_H
#define DUWEN_JSON_H

#include <stddef.h>

enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT };

struct json {
	int type;            /* enum json_type */
	int b;               /* JSON_BOOL */
	double num;          /* JSON_NUMBER */
	char *str;           /* JSON_STRING: valid UTF-8, NUL-terminated */
	struct json *items;  /* JSON_ARRAY elements, JSON_OBJECT values */
	char **keys;         /* JSON_OBJECT keys, parallel to items */
	size_t n;
};

/* Parse s[0, len) (one value, surrounding white space allowed). 0, or
 * ERR_INVAL with a message "line L column C: reason" in err (cap bytes),
 * or ERR_NOMEM. Invalid UTF-8 and lone surrogates in strings become U+FFFD;
 * \u0000 becomes U+FFFD too (strings are C strings). Nesting is limited to
 * 64 levels. */
int json_parse(const char *s, size_t len, struct json *out, char *err, size_t cap);
void json_free(struct json *v);

/* Member key of an object (the last one if repeated); NULL if v is not an
 * object or has no such key. */
const struct json *json_get(const struct json *v, const char *key);
/* v's string, or NULL if v is NULL or not a string. */
const char *json_str(const struct json *v);

/* Writer: values are appended to buf with two-space indentation; commas
 * and newlines are the writer's business. Check err (ERR_NOMEM) at the end. */
struct json_writer {
	char *buf;
	size_t len, cap;
	int depth;
	int first;     /* nothing yet in the current container */
	int after_key; /* a key was written; the value follows on its line */
	int err;
};

void json_w_begin(struct json_writer *w, char open); /* '{' or '[' */
void json_w_end(struct json_writer *w, char close);  /* '}' or ']' */
void json_w_key(struct json_writer *w, const char *key);
void json_w_string(struct json_writer *w, const char *s);
void json_w_int(struct json_writer *w, long long v);

#endif
