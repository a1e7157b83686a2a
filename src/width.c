/* XXX: scaffold; the layout issue replaces it. */
#include "width.h"

#include <string.h>
#include <utf8proc.h>

size_t
width_next_cluster(const char *s, size_t len, size_t pos)
{
	utf8proc_int32_t state = 0, prev = -1;
	size_t i = pos;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0) {
			if (i == pos)
				return pos + 1;
			break;
		}
		if (prev >= 0 && utf8proc_grapheme_break_stateful(prev, cp, &state))
			break;
		prev = cp;
		i += (size_t)n;
	}
	return i;
}

int
width_cluster(const struct width_opts *o, const char *s, size_t len)
{
	utf8proc_int32_t cp;
	if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp) <= 0)
		return 1;
	(void)o;
	return utf8proc_charwidth(cp);
}

int
width_cluster_shown(const struct width_opts *o, const char *s, size_t len,
		    char *buf, size_t cap)
{
	if (len + 1 > cap)
		len = 0;
	memcpy(buf, s, len);
	buf[len] = 0;
	return width_cluster(o, s, len);
}

int
width_str(const struct width_opts *o, const char *s, size_t len)
{
	int w = 0;
	for (size_t i = 0; i < len;) {
		size_t e = width_next_cluster(s, len, i);
		w += width_cluster(o, s + i, e - i);
		i = e;
	}
	return w;
}
