/* parse_line: what one trimmed line of an article says it is, judged on the
 * line alone: a source or byline line, a summary, a photo caption, a line
 * shaped like a title or a heading, a date. The parser (parse.c) weighs these
 * with the line's position. Pure; s[0, len) is a trimmed line (no '\n'). */
#ifndef DUWEN_PARSE_LINE_H
#define DUWEN_PARSE_LINE_H

#include <stddef.h>

/* A source line: 来源:X, 來源:X, 文章来源:X, (文章来源:X), Source: X.
 * 1 and the name's byte range within s, or 0. */
int parse_line_source(const char *s, size_t len, size_t *name_off, size_t *name_len);

enum parse_byline {
	PARSE_BYLINE_NONE,
	PARSE_BYLINE_AUTHOR,      /* 记者 X / 記者:X / (记者 X) / 作者:X / 文/X */
	PARSE_BYLINE_INSTITUTION, /* (作者单位:X) */
};

/* A byline; the names (or the institution) as a byte range within s. */
enum parse_byline parse_line_byline(const char *s, size_t len, size_t *names_off,
				    size_t *names_len);

/* Offset within s of a "(记者 X)" byline that ends the line after other text,
 * or len if there is none. */
size_t parse_line_trailing_byline(const char *s, size_t len);

/* A summary line (摘要:, AI导读:, 内容提要:, 编者按:). 1, with *label_only set
 * when nothing follows the label (the summary is the next paragraph). */
int parse_line_summary(const char *s, size_t len, int *label_only);

/* A photo caption or credit (…供图, 图/新华, X 摄, (图片来源:…)). 1, with
 * *credit_only set when the line is the credit alone. */
int parse_line_caption(const char *s, size_t len, int *credit_only);

/* Shaped like a heading: short (PARSE_LINE_HEADING_MAX characters), no
 * sentence end inside, does not end with a comma-like mark (a final ? ! or :
 * is allowed: 启示一:, 如何“抢人”?). */
int parse_line_heading(const char *s, size_t len);
#define PARSE_LINE_HEADING_MAX 30
/* A line without Chinese or Japanese may be this long, but not end with ':'
 * ("The following example illustrates a request chain:"). */
#define PARSE_LINE_HEADING_LATIN_MAX 60

/* Shaped like a title: as a heading but 4 to PARSE_LINE_TITLE_MAX
 * characters, at most two commas, and not ending with ':'. */
int parse_line_title(const char *s, size_t len);
#define PARSE_LINE_TITLE_MAX 40

/* Has the line the look of running prose: at least 30 characters and a full
 * stop (。 ！ or '. ') in it? */
int parse_line_prose(const char *s, size_t len);

/* The first date in s (2025年3月31日, 2025-03-31, 2025/3/31, 2025.03.31) as
 * "YYYY-MM-DD" in out (11 bytes). 1 if found. */
int parse_line_date(const char *s, size_t len, char out[11]);

#endif
