#include "compare_spec.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

/* Defaults. A city's first word is its name. Aliases are places inside the
 * city (districts, new areas) and its nicknames; the province is counted
 * apart, as a weaker mention (浙江 is not 杭州). duwen(1) lists them. */
static const char *const DEF_HANGZHOU[] = { "杭州", "杭州市", "杭城", "西湖区", "滨江区",
					    "余杭", "钱塘区", "萧山", "拱墅区", "上城区",
					    "临平区", "西湖", NULL };
static const char *const DEF_SHENZHEN[] = { "深圳", "深圳市", "鹏城", "南山区", "福田区",
					    "光明区", "前海", "龙岗区", "宝安区", "罗湖区",
					    "龙华区", "坪山区", NULL };
static const char *const DEF_CHENGDU[] = { "成都", "成都市", "蓉城", "天府", "锦江区",
					   "武侯区", "青羊区", "郫都", "双流", NULL };

static const struct {
	const char *const *words;
	const char *province;
} DEF_CITIES[] = {
	{ DEF_HANGZHOU, "浙江" },
	{ DEF_SHENZHEN, "广东" },
	{ DEF_CHENGDU, "四川" },
};

static const char *const DEF_TALENT[] = { "人才", "高校", "大学", "毕业生", "招人", "工程师",
					  "程序员", "博士", "研究生", "科学家", "年轻人", NULL };
static const char *const DEF_COMPUTE[] = { "算力", "智算", "芯片", "GPU", "数据中心",
					   "服务器", "超算", "英伟达", NULL };
static const char *const DEF_CAPITAL[] = { "资本", "基金", "投资", "融资", "私募", "风投",
					   "创投", "估值", "上市", NULL };
static const char *const DEF_POLICY[] = { "政策", "补贴", "行动计划", "训力券", "算力券",
					  "政府", "扶持", "措施", "规划", "奖励", NULL };
static const char *const DEF_INDUSTRY[] = { "产业链", "供应链", "制造", "硬件", "机器人",
					    "产业集群", "产业园", "具身智能", "无人机", NULL };
static const char *const DEF_MODEL[] = { "大模型", "开源", "DeepSeek", "通义千问", "千问",
					 "模型", "闭源", "Qwen", NULL };

static const struct {
	const char *name;
	const char *const *words;
} DEF_THEMES[] = {
	{ "人才", DEF_TALENT }, { "算力", DEF_COMPUTE },  { "资本", DEF_CAPITAL },
	{ "政策", DEF_POLICY }, { "产业", DEF_INDUSTRY }, { "模型", DEF_MODEL },
};

static void
entity_free(struct compare_entity *e)
{
	free(e->name);
	for (size_t i = 0; i < e->nwords; i++)
		free(e->words[i]);
	free(e->words);
	free(e->province);
	memset(e, 0, sizeof *e);
}

/* Fill e from a name and words (the name first unless name_in_words).
 * 0 or ERR_NOMEM (e then freed). */
static int
entity_set(struct compare_entity *e, const char *name, const char *const *words,
	   size_t nwords, int name_in_words)
{
	struct compare_entity n = { 0 };
	size_t total = nwords + (name_in_words ? 0 : 1);
	n.name = strdup(name);
	n.words = calloc(total ? total : 1, sizeof *n.words);
	if (n.name == NULL || n.words == NULL)
		goto nomem;
	if (!name_in_words) {
		if ((n.words[n.nwords++] = strdup(name)) == NULL)
			goto nomem;
	}
	for (size_t i = 0; i < nwords; i++)
		if ((n.words[n.nwords++] = strdup(words[i])) == NULL)
			goto nomem;
	entity_free(e);
	*e = n;
	return 0;
nomem:
	entity_free(&n);
	return ERR_NOMEM;
}

static size_t
count_words(const char *const *w)
{
	size_t n = 0;
	while (w[n])
		n++;
	return n;
}

/* Append an empty entity to *v (n entries); returns it or NULL. */
static struct compare_entity *
entity_append(struct compare_entity **v, size_t *n)
{
	struct compare_entity *x = realloc(*v, (*n + 1) * sizeof *x);
	if (x == NULL)
		return NULL;
	*v = x;
	memset(&x[*n], 0, sizeof *x);
	return &x[(*n)++];
}

int
compare_spec_default(struct compare_spec *out)
{
	struct compare_spec s = { 0 };
	for (size_t i = 0; i < sizeof DEF_CITIES / sizeof *DEF_CITIES; i++) {
		struct compare_entity *e = entity_append(&s.known, &s.nknown);
		if (e == NULL)
			goto nomem;
		const char *const *w = DEF_CITIES[i].words;
		if (entity_set(e, w[0], w, count_words(w), 1) < 0)
			goto nomem;
		if ((e->province = strdup(DEF_CITIES[i].province)) == NULL)
			goto nomem;
		s.city[s.ncities++] = i;
	}
	for (size_t i = 0; i < sizeof DEF_THEMES / sizeof *DEF_THEMES; i++) {
		struct compare_entity *e = entity_append(&s.themes, &s.nthemes);
		if (e == NULL)
			goto nomem;
		const char *const *w = DEF_THEMES[i].words;
		if (entity_set(e, DEF_THEMES[i].name, w, count_words(w), 1) < 0)
			goto nomem;
	}
	*out = s;
	return 0;
nomem:
	compare_spec_free(&s);
	return ERR_NOMEM;
}

static size_t
find_entity(const struct compare_entity *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return i;
	return n;
}

/* A known city whose name or alias is name; nknown if none. */
static size_t
find_city(const struct compare_spec *s, const char *name)
{
	size_t i = find_entity(s->known, s->nknown, name);
	if (i < s->nknown)
		return i;
	for (i = 0; i < s->nknown; i++)
		for (size_t k = 0; k < s->known[i].nwords; k++)
			if (strcmp(s->known[i].words[k], name) == 0)
				return i;
	return s->nknown;
}

/* Index of the known city name, adding it (matched by NAME and NAME市)
 * when unknown; SIZE_MAX on allocation failure. */
static size_t
city_or_new(struct compare_spec *s, const char *name)
{
	size_t i = find_city(s, name);
	if (i < s->nknown)
		return i;
	struct compare_entity *e = entity_append(&s->known, &s->nknown);
	if (e == NULL)
		return SIZE_MAX;
	size_t len = strlen(name);
	char *shi = malloc(len + sizeof "市");
	if (shi == NULL) {
		s->nknown--;
		return SIZE_MAX;
	}
	memcpy(shi, name, len);
	memcpy(shi + len, "市", sizeof "市");
	const char *w[2] = { name, shi };
	int suffixed = len >= 3 && strcmp(name + len - 3, "市") == 0;
	int rc = entity_set(e, name, w, suffixed ? 1 : 2, 1);
	free(shi);
	if (rc < 0) {
		s->nknown--;
		return SIZE_MAX;
	}
	return s->nknown - 1;
}

/* Split list into names; fills idx (up to COMPARE_MAX_CITIES + 1). */
static int
select_names(struct compare_spec *s, const char *list, size_t *idx, size_t *n,
	     char **cause)
{
	static const char *const seps[] = { ",", "\xEF\xBC\x8C" /* ， */, "\xE3\x80\x81" /* 、 */,
					    " ", "\t", "\xE3\x80\x80" /* U+3000 */ };
	*n = 0;
	const char *p = list;
	while (*p) {
		size_t seplen = 0;
		for (size_t k = 0; k < sizeof seps / sizeof *seps && !seplen; k++)
			if (strncmp(p, seps[k], strlen(seps[k])) == 0)
				seplen = strlen(seps[k]);
		if (seplen) {
			p += seplen;
			continue;
		}
		const char *q = p;
		while (*q) {
			int sep = 0;
			for (size_t k = 0; k < sizeof seps / sizeof *seps && !sep; k++)
				sep = strncmp(q, seps[k], strlen(seps[k])) == 0;
			if (sep)
				break;
			q++;
		}
		char name[128];
		size_t len = (size_t)(q - p);
		if (len >= sizeof name) {
			*cause = strdup("a city name is too long");
			return ERR_INVAL;
		}
		memcpy(name, p, len);
		name[len] = 0;
		p = q;
		if (*n > COMPARE_MAX_CITIES) {
			(*n)++;
			continue;
		}
		size_t i = city_or_new(s, name);
		if (i == SIZE_MAX)
			return ERR_NOMEM;
		for (size_t k = 0; k < *n; k++) {
			if (idx[k] == i) {
				size_t m = strlen(name) + 64;
				if ((*cause = malloc(m)) != NULL)
					snprintf(*cause, m, "%s is named twice", name);
				return ERR_INVAL;
			}
		}
		idx[(*n)++] = i;
	}
	return 0;
}

int
compare_spec_select(struct compare_spec *s, const char *list, char **cause)
{
	size_t idx[COMPARE_MAX_CITIES + 2], n = 0;
	char *why = NULL;
	int rc = select_names(s, list, idx, &n, &why);
	if (rc == 0 && (n < COMPARE_MIN_CITIES || n > COMPARE_MAX_CITIES)) {
		rc = ERR_INVAL;
		if ((why = malloc(64)) != NULL)
			snprintf(why, 64, "give %d to %d cities, not %zu", COMPARE_MIN_CITIES,
				 COMPARE_MAX_CITIES, n);
	}
	if (rc < 0) {
		if (rc == ERR_INVAL && cause)
			*cause = why;
		else
			free(why);
		return rc;
	}
	memcpy(s->city, idx, n * sizeof *idx);
	s->ncities = n;
	return 0;
}

const struct compare_entity *
compare_spec_city(const struct compare_spec *s, size_t i)
{
	return &s->known[s->city[i]];
}

int
compare_spec_configure(struct compare_spec *s, const struct config *c,
		       config_warn_fn warn, void *ctx)
{
	for (size_t i = 0; i < c->city.n; i++) {
		const struct config_entry *e = &c->city.v[i];
		size_t k = find_entity(s->known, s->nknown, e->argv[0]);
		if (k == s->nknown) {
			struct compare_entity *x = entity_append(&s->known, &s->nknown);
			if (x == NULL)
				return ERR_NOMEM;
			if (s->ncities < COMPARE_MAX_CITIES)
				s->city[s->ncities++] = k;
			else
				config_warn(c, e->line, warn, ctx,
					    "city %s: %d cities are compared already; choose with "
					    "--cities or set cities",
					    e->argv[0], COMPARE_MAX_CITIES);
		}
		struct compare_entity *x = &s->known[k];
		char *prov = x->province;
		x->province = NULL;
		int rc = entity_set(x, e->argv[0], (const char *const *)e->argv + 1, e->argc - 1, 0);
		x->province = prov;
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < c->theme.n; i++) {
		const struct config_entry *e = &c->theme.v[i];
		size_t k = find_entity(s->themes, s->nthemes, e->argv[0]);
		if (k == s->nthemes && entity_append(&s->themes, &s->nthemes) == NULL)
			return ERR_NOMEM;
		int rc = entity_set(&s->themes[k], e->argv[0], (const char *const *)e->argv + 1,
				    e->argc - 1, 1);
		if (rc < 0)
			return rc;
	}
	for (size_t i = 0; i < c->set.n; i++) {
		const struct config_entry *e = &c->set.v[i];
		if (strcmp(e->argv[0], "cities") != 0)
			continue;
		char *cause = NULL;
		int rc = compare_spec_select(s, e->argv[1], &cause);
		if (rc == ERR_NOMEM)
			return rc;
		if (rc < 0)
			config_warn(c, e->line, warn, ctx, "set cities: %s",
				    cause ? cause : "bad list");
		free(cause);
	}
	return 0;
}

/* e's copy into out (zeroed). 0 or ERR_NOMEM (out then freed). */
static int
entity_copy(const struct compare_entity *e, struct compare_entity *out)
{
	memset(out, 0, sizeof *out);
	if (entity_set(out, e->name, (const char *const *)e->words, e->nwords, 1) < 0)
		return ERR_NOMEM;
	if (e->province && (out->province = strdup(e->province)) == NULL) {
		entity_free(out);
		return ERR_NOMEM;
	}
	return 0;
}

int
compare_spec_copy(const struct compare_spec *s, struct compare_spec *out)
{
	struct compare_spec c = { 0 };
	memcpy(c.city, s->city, sizeof c.city);
	c.ncities = s->ncities;
	c.known = calloc(s->nknown ? s->nknown : 1, sizeof *c.known);
	c.themes = calloc(s->nthemes ? s->nthemes : 1, sizeof *c.themes);
	if (c.known == NULL || c.themes == NULL)
		goto nomem;
	for (; c.nknown < s->nknown; c.nknown++)
		if (entity_copy(&s->known[c.nknown], &c.known[c.nknown]) < 0)
			goto nomem;
	for (; c.nthemes < s->nthemes; c.nthemes++)
		if (entity_copy(&s->themes[c.nthemes], &c.themes[c.nthemes]) < 0)
			goto nomem;
	*out = c;
	return 0;
nomem:
	compare_spec_free(&c);
	return ERR_NOMEM;
}

void
compare_spec_free(struct compare_spec *s)
{
	for (size_t i = 0; i < s->nknown; i++)
		entity_free(&s->known[i]);
	free(s->known);
	for (size_t i = 0; i < s->nthemes; i++)
		entity_free(&s->themes[i]);
	free(s->themes);
	memset(s, 0, sizeof *s);
}
