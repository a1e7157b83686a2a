#include "find.h"

#include <string.h>

const char *
find_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
	if (m == 0)
		return hay;
	if (n < m)
		return NULL;
	if (m == 1)
		return memchr(hay, (unsigned char)needle[0], n);
	unsigned char last = (unsigned char)needle[m - 1];
	const char *p = hay + m - 1, *end = hay + n;
	size_t tries = 0;
	while (p < end) {
		p = memchr(p, last, (size_t)(end - p));
		if (p == NULL)
			return NULL;
		if (memcmp(p - (m - 1), needle, m - 1) == 0)
			return p - (m - 1);
		p++;
		/* a common last byte: memmem's guaranteed linear time */
		if (++tries >= 64 && tries * 16 > (size_t)(p - hay)) {
			const char *from = p - (m - 1);
			return memmem(from, (size_t)(end - from), needle, m);
		}
	}
	return NULL;
}
