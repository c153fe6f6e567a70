/* config.c - loading and checking the libconfig file. */
#include "config.h"

#include <libconfig.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "validate.h"

/* config/gridwork.cfg, embedded at build time: the defaults are the
 * documented file itself, so the two cannot drift apart. */
extern const char config_default_text[];

struct ctx {
	const char *name;
	struct gw_err *err;
};

static enum gw_status bad(struct ctx *c, const config_setting_t *s, const char *zh,
			  const char *en)
{
	const char *file = s ? config_setting_source_file(s) : NULL;
	int line = s ? config_setting_source_line(s) : 0;
	return gw_fail(c->err, GW_ECONFIG, "%s:%d: %s", "%s:%d: %s", file ? file : c->name, line,
		       gw_tr(zh, en));
}

static enum gw_status bad_key(struct ctx *c, const config_setting_t *s)
{
	char zh[192], en[192];
	snprintf(zh, sizeof zh, "未知的设置项“%s”", config_setting_name(s));
	snprintf(en, sizeof en, "unknown setting '%s'", config_setting_name(s));
	return bad(c, s, zh, en);
}

static int is(const config_setting_t *s, const char *name)
{
	return strcmp(config_setting_name(s), name) == 0;
}

static enum gw_status get_string(struct ctx *c, const config_setting_t *s, char *out,
				 size_t outsz, int allow_empty)
{
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return bad(c, s, "应为带引号的文字", "expected a quoted string");
	const char *v = config_setting_get_string(s);
	if (strlen(v) >= outsz)
		return bad(c, s, "文字过长", "string too long");
	if (!allow_empty && !*v)
		return bad(c, s, "不能为空", "must not be empty");
	strcpy(out, v);
	return GW_OK;
}

static enum gw_status get_int(struct ctx *c, const config_setting_t *s, int lo, int hi, int *out)
{
	if (config_setting_type(s) != CONFIG_TYPE_INT)
		return bad(c, s, "应为整数", "expected a whole number");
	int v = config_setting_get_int(s);
	if (v < lo || v > hi) {
		char zh[96], en[96];
		snprintf(zh, sizeof zh, "应在 %d 到 %d 之间", lo, hi);
		snprintf(en, sizeof en, "must be between %d and %d", lo, hi);
		return bad(c, s, zh, en);
	}
	*out = v;
	return GW_OK;
}

static enum gw_status get_bool(struct ctx *c, const config_setting_t *s, int *out)
{
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return bad(c, s, "应为 true 或 false", "expected true or false");
	*out = config_setting_get_bool(s);
	return GW_OK;
}

static enum gw_status need_group(struct ctx *c, const config_setting_t *s)
{
	if (config_setting_type(s) != CONFIG_TYPE_GROUP)
		return bad(c, s, "应为 { ... } 设置组", "expected a group { ... }");
	return GW_OK;
}

static enum gw_status load_office(struct ctx *c, struct config *cfg, const config_setting_t *g)
{
	enum gw_status st = need_group(c, g);
	for (int i = 0; st == GW_OK && i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		if (is(s, "code")) {
			char code[33];
			st = get_string(c, s, code, sizeof code, 0);
			if (st == GW_OK && (strlen(code) > 16 || valid_grid_code(code, code, NULL) != GW_OK ||
					    strchr(code, '-')))
				st = bad(c, s, "办公室编码应为 1-16 位字母或数字",
					 "office code must be 1-16 letters or digits");
			if (st == GW_OK)
				strcpy(cfg->office_code, code);
		} else if (is(s, "name")) {
			st = get_string(c, s, cfg->office_name, sizeof cfg->office_name, 0);
		} else if (is(s, "number")) {
			st = get_int(c, s, 0, 9999, &cfg->office_number);
		} else {
			st = bad_key(c, s);
		}
	}
	return st;
}

static void expand_home(const char *in, char *out, size_t outsz)
{
	if (in[0] == '~' && (in[1] == '/' || in[1] == '\0')) {
		const char *home = getenv("HOME");
		if (!home || !*home) {
			const struct passwd *pw = getpwuid(getuid());
			home = pw ? pw->pw_dir : "/";
		}
		snprintf(out, outsz, "%s%s", home, in + 1);
	} else {
		snprintf(out, outsz, "%s", in);
	}
}

static enum gw_status load_departments(struct ctx *c, struct config *cfg, const config_setting_t *l)
{
	if (config_setting_type(l) != CONFIG_TYPE_LIST)
		return bad(c, l, "应为 ( {...}, ... ) 列表", "expected a list ( {...}, ... )");
	int n = config_setting_length(l);
	if (n == 0)
		return bad(c, l, "至少需要一个承办部门", "at least one department is needed");
	if (n > CONFIG_MAX_DEPTS)
		return bad(c, l, "承办部门过多（最多 64 个）", "too many departments (at most 64)");
	cfg->ndepts = 0;
	for (int i = 0; i < n; i++) {
		const config_setting_t *g = config_setting_get_elem(l, (unsigned)i);
		struct config_dept *d = &cfg->depts[cfg->ndepts];
		memset(d, 0, sizeof *d);
		enum gw_status st = need_group(c, g);
		for (int j = 0; st == GW_OK && j < config_setting_length(g); j++) {
			const config_setting_t *s = config_setting_get_elem(g, (unsigned)j);
			if (is(s, "name"))
				st = get_string(c, s, d->name, sizeof d->name, 0);
			else if (is(s, "new_employment"))
				st = get_bool(c, s, &d->new_employment);
			else
				st = bad_key(c, s);
		}
		if (st != GW_OK)
			return st;
		if (!d->name[0])
			return bad(c, g, "承办部门缺少 name", "department without a name");
		if (config_dept_index(cfg, d->name) >= 0)
			return bad(c, g, "承办部门重复", "department listed twice");
		cfg->ndepts++;
	}
	return GW_OK;
}

static enum gw_status load_category_ints(struct ctx *c, const config_setting_t *g, int *out, int hi)
{
	enum gw_status st = need_group(c, g);
	for (int i = 0; st == GW_OK && i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		int k = enum_index(EN_CATEGORY, config_setting_name(s));
		if (k < 0) {
			char zh[1400], en[1400];
			snprintf(zh, sizeof zh, "未知的工单类别“%s”，可选：%s", config_setting_name(s),
				 enum_choices(EN_CATEGORY));
			snprintf(en, sizeof en, "unknown ticket category '%s'; one of: %s",
				 config_setting_name(s), enum_choices(EN_CATEGORY));
			return bad(c, s, zh, en);
		}
		st = get_int(c, s, 0, hi, &out[k]);
	}
	return st;
}

static enum gw_status load_tickets(struct ctx *c, struct config *cfg, const config_setting_t *g)
{
	enum gw_status st = need_group(c, g);
	for (int i = 0; st == GW_OK && i < config_setting_length(g); i++) {
		const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
		if (is(s, "limits")) {
			st = load_category_ints(c, s, cfg->limit_days, 365);
			for (int k = 0; st == GW_OK && k < CONFIG_CATEGORIES; k++)
				if (cfg->limit_days[k] < 1)
					st = bad(c, s, "时限至少 1 个工作日", "a time limit is at least 1 working day");
		} else if (is(s, "points")) {
			memset(cfg->points, 0, sizeof cfg->points);
			st = load_category_ints(c, s, cfg->points, 1000);
		} else if (is(s, "daily_points_cap")) {
			st = get_int(c, s, 0, 100000, &cfg->daily_points_cap);
		} else if (is(s, "overdue")) {
			st = need_group(c, s);
			for (int j = 0; st == GW_OK && j < config_setting_length(s); j++) {
				const config_setting_t *o = config_setting_get_elem(s, (unsigned)j);
				if (is(o, "yellow"))
					st = get_int(c, o, 0, 365, &cfg->overdue_yellow);
				else if (is(o, "red"))
					st = get_int(c, o, 0, 365, &cfg->overdue_red);
				else
					st = bad_key(c, o);
			}
			if (st == GW_OK && cfg->overdue_red < cfg->overdue_yellow)
				st = bad(c, s, "red 不能小于 yellow", "red must not be less than yellow");
		} else {
			st = bad_key(c, s);
		}
	}
	return st;
}

static int cmp_day(const void *a, const void *b) { return strcmp(a, b); }

static enum gw_status load_days(struct ctx *c, const config_setting_t *a, char (*days)[11], int *n)
{
	if (config_setting_type(a) != CONFIG_TYPE_ARRAY && config_setting_type(a) != CONFIG_TYPE_LIST)
		return bad(c, a, "应为日期数组 [ \"YYYY-MM-DD\", ... ]", "expected an array of dates [ \"YYYY-MM-DD\", ... ]");
	int len = config_setting_length(a);
	if (len > CONFIG_MAX_DAYS)
		return bad(c, a, "日期过多（最多 128 个）", "too many dates (at most 128)");
	for (int i = 0; i < len; i++) {
		const config_setting_t *s = config_setting_get_elem(a, (unsigned)i);
		struct gw_err e;
		if (config_setting_type(s) != CONFIG_TYPE_STRING)
			return bad(c, s, "含有无效日期（应为带引号的 \"YYYY-MM-DD\"）",
				   "holds an invalid date (use a quoted \"YYYY-MM-DD\")");
		/* The element's own line: the default file's lists span many. */
		if (valid_date(config_setting_get_string(s), days[i], &e) != GW_OK) {
			char zh[600], en[600];
			snprintf(zh, sizeof zh, "含有无效日期：%s", e.msg);
			snprintf(en, sizeof en, "holds an invalid date: %s", e.msg);
			return bad(c, s, zh, en);
		}
	}
	*n = len;
	qsort(days, (size_t)len, sizeof days[0], cmp_day);
	return GW_OK;
}

static enum gw_status load_root(struct ctx *c, struct config *cfg, const config_setting_t *root)
{
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < config_setting_length(root); i++) {
		const config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
		if (is(s, "office")) {
			st = load_office(c, cfg, s);
		} else if (is(s, "database")) {
			char raw[PATH_MAX];
			st = get_string(c, s, raw, sizeof raw, 0);
			if (st == GW_OK)
				expand_home(raw, cfg->db_path, sizeof cfg->db_path);
		} else if (is(s, "operator")) {
			st = get_string(c, s, cfg->operator_name, sizeof cfg->operator_name, 1);
		} else if (is(s, "departments")) {
			st = load_departments(c, cfg, s);
		} else if (is(s, "tickets")) {
			st = load_tickets(c, cfg, s);
		} else if (is(s, "calendar")) {
			st = need_group(c, s);
			for (int j = 0; st == GW_OK && j < config_setting_length(s); j++) {
				const config_setting_t *d = config_setting_get_elem(s, (unsigned)j);
				if (is(d, "holidays"))
					st = load_days(c, d, cfg->holidays, &cfg->nholidays);
				else if (is(d, "workdays"))
					st = load_days(c, d, cfg->workdays, &cfg->nworkdays);
				else
					st = bad_key(c, d);
			}
		} else if (is(s, "ui")) {
			st = need_group(c, s);
			for (int j = 0; st == GW_OK && j < config_setting_length(s); j++) {
				const config_setting_t *u = config_setting_get_elem(s, (unsigned)j);
				if (is(u, "language")) {
					char lang[8];
					st = get_string(c, u, lang, sizeof lang, 0);
					if (st == GW_OK && strcmp(lang, "zh") && strcmp(lang, "en"))
						st = bad(c, u, "language 应为 \"zh\" 或 \"en\"", "language must be \"zh\" or \"en\"");
					if (st == GW_OK)
						cfg->lang = strcmp(lang, "en") == 0 ? GW_LANG_EN : GW_LANG_ZH;
				} else if (is(u, "colour") || is(u, "color")) {
					st = get_bool(c, u, &cfg->colour);
				} else {
					st = bad_key(c, u);
				}
			}
		} else {
			st = bad_key(c, s);
		}
	}
	return st;
}

static enum gw_status parse_into(struct config *cfg, config_t *lc, const char *text,
				 const char *name, struct gw_err *err)
{
	struct ctx c = {name, err};
	config_set_auto_convert(lc, 0);
	if (!config_read_string(lc, text))
		return gw_fail(err, GW_ECONFIG, "%s:%d: 语法错误：%s", "%s:%d: syntax error: %s", name,
			       config_error_line(lc), config_error_text(lc));
	return load_root(&c, cfg, config_root_setting(lc));
}

enum gw_status config_parse(struct config *cfg, const char *text, const char *name,
			    struct gw_err *err)
{
	config_t lc;
	config_init(&lc);
	enum gw_status st = parse_into(cfg, &lc, text, name, err);
	config_destroy(&lc);
	return st;
}

void config_default_db(char *out, size_t outsz)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	char base[PATH_MAX];
	if (xdg && *xdg == '/')
		snprintf(base, sizeof base, "%s", xdg);
	else
		expand_home("~/.local/share", base, sizeof base);
	snprintf(out, outsz, "%s/gridwork/gridwork.db", base);
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->colour = 1;
	cfg->lang = GW_LANG_ZH;
	/* The embedded file is checked by the tests; should it ever fail, the
	 * zeroed fields below still give a usable configuration. */
	config_parse(cfg, config_default_text, "(built-in)", NULL);
	if (!cfg->office_code[0])
		strcpy(cfg->office_code, "SC");
	config_default_db(cfg->db_path, sizeof cfg->db_path);
}

static char *read_file(const char *path, struct gw_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		gw_fail(err, GW_ECONFIG, "%s: 无法读取配置文件", "%s: cannot read the configuration file", path);
		return NULL;
	}
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t k;
	while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += k;
		if (n + 1 == cap) {
			if (cap > (1u << 24)) {  /* 16 MiB: not a configuration file */
				free(buf);
				buf = NULL;
				break;
			}
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				buf = NULL;
			}
			buf = nb;
		}
	}
	fclose(f);
	if (!buf) {
		gw_fail(err, GW_ECONFIG, "%s: 文件过大或内存不足", "%s: file too large or out of memory", path);
		return NULL;
	}
	buf[n] = '\0';
	if (strlen(buf) != n) {
		free(buf);
		gw_fail(err, GW_ECONFIG, "%s: 含有 NUL 字节，不是文本文件", "%s: holds a NUL byte; not a text file", path);
		return NULL;
	}
	return buf;
}

static const char *find_file(char *buf, size_t bufsz)
{
	const char *env = getenv("GRIDWORK_CONFIG");
	if (env && *env)
		return env;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		snprintf(buf, bufsz, "%s/gridwork/gridwork.cfg", xdg);
	else
		expand_home("~/.config/gridwork/gridwork.cfg", buf, bufsz);
	if (access(buf, F_OK) == 0)
		return buf;
	if (access("/etc/gridwork/gridwork.cfg", F_OK) == 0)
		return "/etc/gridwork/gridwork.cfg";
	return NULL;
}

enum gw_status config_load(struct config *cfg, const char *path, struct gw_err *err)
{
	char buf[PATH_MAX];
	config_defaults(cfg);
	if (!path)
		path = find_file(buf, sizeof buf);
	if (!path)
		return GW_OK;
	char *text = read_file(path, err);
	if (!text)
		return GW_ECONFIG;
	snprintf(cfg->source, sizeof cfg->source, "%s", path);
	/* Departments listed in the file replace the defaults as a whole. */
	enum gw_status st = config_parse(cfg, text, path, err);
	free(text);
	return st;
}

int config_dept_index(const struct config *cfg, const char *dept)
{
	for (int i = 0; i < cfg->ndepts; i++)
		if (strcmp(cfg->depts[i].name, dept) == 0)
			return i;
	return -1;
}
