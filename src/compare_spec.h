/* compare_spec: what the city comparison compares. The known cities (with
 * aliases and a province), which 2 to 4 of them are compared, and the
 * themes (named keyword sets). Defaults, then the config file's `city`,
 * `theme` and `set cities` lines, then --cities. Owns every string
 * (compare_spec_free). No matching here: see compare.h. */
#ifndef DUWEN_COMPARE_SPEC_H
#define DUWEN_COMPARE_SPEC_H

#include <stddef.h>

#include "config.h"

#define COMPARE_MIN_CITIES 2
#define COMPARE_MAX_CITIES 4

/* A city (words: its name first, then its aliases) or a theme. */
struct compare_entity {
	char *name;
	char **words;
	size_t nwords;
	char *province; /* cities: the province, a weaker kind of mention; or NULL */
};

struct compare_spec {
	struct compare_entity *known; /* every city known */
	size_t nknown;
	size_t city[COMPARE_MAX_CITIES]; /* compared cities: indexes into known */
	size_t ncities;
	struct compare_entity *themes;
	size_t nthemes;
};

/* 杭州, 深圳, 成都 compared (provinces 浙江, 广东, 四川) and the themes 人才,
 * 算力, 资本, 政策, 产业, 模型 with their default words. 0 or ERR_NOMEM. */
int compare_spec_default(struct compare_spec *out);

/* Apply a config: `city NAME ALIAS...` replaces a known city's aliases
 * (keeping its province) or adds a city, which is also compared while
 * fewer than 4 are; `theme NAME WORD...` replaces a theme's words or adds
 * a theme; `set cities A,B,...` chooses the compared cities as --cities
 * does. Bad values are reported through warn with file:line and skipped.
 * 0 or ERR_NOMEM. */
int compare_spec_configure(struct compare_spec *s, const struct config *c,
			   config_warn_fn warn, void *ctx);

/* Choose the compared cities from a list such as "杭州,深圳,北京" (separated
 * by ',', '，', '、' or blanks). A name that is a known city, or one of
 * its aliases, picks that city; another name becomes a new city matched by
 * NAME and NAME市. 0; ERR_INVAL with *cause (malloc'd, e.g. "give 2 to 4
 * cities, not 1") for a count outside 2..4 or a city named twice; ERR_NOMEM. */
int compare_spec_select(struct compare_spec *s, const char *list, char **cause);

/* The i-th compared city (i < s->ncities). */
const struct compare_entity *compare_spec_city(const struct compare_spec *s, size_t i);

/* A copy of s that shares nothing with it (for another thread). 0 or
 * ERR_NOMEM; out written only on success. */
int compare_spec_copy(const struct compare_spec *s, struct compare_spec *out);

void compare_spec_free(struct compare_spec *s);

#endif
