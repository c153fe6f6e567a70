/* test_config.c - the configuration: the embedded defaults (the documented
 * config/gridwork.cfg), every kind of mistake reported as "file:line: ...",
 * and the search order of config_load. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "enums.h"
#include "status.h"

extern const char config_default_text[];

/* The contract's list of the county's departments, in its order. */
static const char *const contract_depts[] = {
	"县委社会工作部", "县委人才办", "县自然资源和规划局", "市生态环境局舒城分局",
	"县财政局", "县人力资源和社会保障局", "舒城经济开发区管委会", "县住房和城乡建设局",
	"县教育体育局", "县公安局交通管理大队", "县司法局", "县应急管理局",
	"县市场监督管理局", "县交通运输局", "县总工会", "县邮政管理局",
};

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/gw-test-config.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	gw_set_lang(GW_LANG_ZH);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void assert_msg_has(const struct gw_err *e, const char *frag)
{
	if (!strstr(e->msg, frag))
		fail_msg("message \"%s\" lacks \"%s\"", e->msg, frag);
}

/* Parses text on top of the defaults; expects failure with a message that
 * starts with "t.cfg:LINE: " and holds frag. */
static void expect_error(const char *text, int line, const char *frag)
{
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	e.code = GW_OK;
	e.msg[0] = '\0';
	enum gw_status st = config_parse(&cfg, text, "t.cfg", &e);
	if (st != GW_ECONFIG)
		fail_msg("accepted (status %d): %s", st, text);
	assert_int_equal(e.code, GW_ECONFIG);
	char head[32];
	snprintf(head, sizeof head, "t.cfg:%d: ", line);
	if (strncmp(e.msg, head, strlen(head)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", e.msg, head);
	assert_msg_has(&e, frag);
}

/* ---- the embedded defaults ------------------------------------------- */

static void default_text_parses(void **state)
{
	(void)state;
	struct config cfg;
	struct gw_err e;
	memset(&cfg, 0, sizeof cfg);
	e.msg[0] = '\0';
	if (config_parse(&cfg, config_default_text, "config/gridwork.cfg", &e) != GW_OK)
		fail_msg("the documented configuration does not parse: %s", e.msg);
	assert_int_equal(cfg.ndepts, 16);
	assert_string_equal(cfg.office_code, "SC");
}

static void defaults_values(void **state)
{
	(void)state;
	struct config cfg;
	config_defaults(&cfg);
	assert_string_equal(cfg.source, "");
	assert_string_equal(cfg.office_code, "SC");
	assert_string_equal(cfg.office_name, "舒城县委社会工作部");
	assert_int_equal(cfg.office_number, 0);
	assert_string_equal(cfg.operator_name, "");
	assert_int_equal(cfg.lang, GW_LANG_ZH);
	assert_int_equal(cfg.colour, 1);
	assert_int_equal(cfg.ndepts, 16);
	for (int i = 0; i < 16; i++) {
		assert_string_equal(cfg.depts[i].name, contract_depts[i]);
		assert_int_equal(config_dept_index(&cfg, contract_depts[i]), i);
	}
	assert_int_equal(config_dept_index(&cfg, "县卫生健康委员会"), -1);
	assert_int_equal(config_dept_index(&cfg, ""), -1);
	assert_int_equal(cfg.limit_days[enum_index(EN_CATEGORY, "traffic")], 3);
	assert_int_equal(cfg.limit_days[enum_index(EN_CATEGORY, "land_approval")], 20);
	assert_int_equal(cfg.limit_days[enum_index(EN_CATEGORY, "dispute")], 5);
	for (int k = 0; k < CONFIG_CATEGORIES; k++)
		assert_true(cfg.limit_days[k] >= 1);
	assert_int_equal(cfg.points[enum_index(EN_CATEGORY, "traffic")], 5);
	assert_int_equal(cfg.points[enum_index(EN_CATEGORY, "financing")], 0);
	assert_int_equal(cfg.daily_points_cap, 20);
	assert_int_equal(cfg.overdue_yellow, 1);
	assert_int_equal(cfg.overdue_red, 3);
	assert_int_equal(cfg.nholidays, 33);
	assert_int_equal(cfg.nworkdays, 6);
	assert_string_equal(cfg.holidays[0], "2026-01-01");
	assert_string_equal(cfg.workdays[0], "2026-01-04");
	for (int i = 1; i < cfg.nholidays; i++)
		assert_true(strcmp(cfg.holidays[i - 1], cfg.holidays[i]) < 0);
	const char *tail = "/gridwork/gridwork.db";
	size_t n = strlen(cfg.db_path);
	assert_true(n > strlen(tail));
	assert_string_equal(cfg.db_path + n - strlen(tail), tail);
	assert_int_equal(cfg.db_path[0], '/');
}

/* DOMAIN.md: "8 departments (transport, market supervision, ...) coordinate"
 * services for new-employment groups; the contract names five of them. */
static void defaults_new_employment_eight(void **state)
{
	(void)state;
	struct config cfg;
	config_defaults(&cfg);
	int n = 0;
	for (int i = 0; i < cfg.ndepts; i++)
		n += cfg.depts[i].new_employment != 0;
	assert_int_equal(n, 8);
	static const char *const named[] = {"县交通运输局", "县市场监督管理局", "县人力资源和社会保障局",
					    "县总工会", "县邮政管理局"};
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
		int k = config_dept_index(&cfg, named[i]);
		assert_true(k >= 0);
		assert_true(cfg.depts[k].new_employment);
	}
	assert_false(cfg.depts[config_dept_index(&cfg, "县财政局")].new_employment);
}

/* ---- values given in a file ------------------------------------------ */

static void overrides(void **state)
{
	(void)state;
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	const char *text =
		"office = { code = \"HB\"; name = \"杭埠镇党建办\"; number = 3; };\n"
		"operator = \"张伟\";\n"
		"departments = ( { name = \"县委社会工作部\"; new_employment = true; },\n"
		"                { name = \"杭埠镇政府\"; } );\n"
		"tickets = { limits = { traffic = 2; }; overdue = { yellow = 2; red = 5; }; };\n"
		"calendar = { holidays = [ \"2026/10/01\", \"2026-05-01\" ]; workdays = []; };\n"
		"ui = { language = \"en\"; colour = false; };\n";
	if (config_parse(&cfg, text, "t.cfg", &e) != GW_OK)
		fail_msg("%s", e.msg);
	assert_string_equal(cfg.office_code, "HB");
	assert_string_equal(cfg.office_name, "杭埠镇党建办");
	assert_int_equal(cfg.office_number, 3);
	assert_string_equal(cfg.operator_name, "张伟");
	/* A department list replaces the defaults as a whole. */
	assert_int_equal(cfg.ndepts, 2);
	assert_string_equal(cfg.depts[1].name, "杭埠镇政府");
	assert_int_equal(cfg.depts[1].new_employment, 0);
	assert_int_equal(config_dept_index(&cfg, "县财政局"), -1);
	/* Categories not named keep their defaults. */
	assert_int_equal(cfg.limit_days[enum_index(EN_CATEGORY, "traffic")], 2);
	assert_int_equal(cfg.limit_days[enum_index(EN_CATEGORY, "land_approval")], 20);
	assert_int_equal(cfg.overdue_red, 5);
	/* Dates normalised and sorted. */
	assert_int_equal(cfg.nholidays, 2);
	assert_string_equal(cfg.holidays[0], "2026-05-01");
	assert_string_equal(cfg.holidays[1], "2026-10-01");
	assert_int_equal(cfg.nworkdays, 0);
	assert_int_equal(cfg.lang, GW_LANG_EN);
	assert_int_equal(cfg.colour, 0);
}

static void missing_semicolons_accepted(void **state)
{
	(void)state;
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	assert_int_equal(config_parse(&cfg, "office = { number = 7 }\nui = { colour = false }\n", "t.cfg", &e),
			 GW_OK);
	assert_int_equal(cfg.office_number, 7);
	assert_int_equal(cfg.colour, 0);
}

static void database_home_expanded(void **state)
{
	(void)state;
	struct config cfg;
	struct gw_err e;
	char *old = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	setenv("HOME", "/home/文书", 1);
	config_defaults(&cfg);
	enum gw_status st = config_parse(&cfg, "database = \"~/数据/网格.db\";\n", "t.cfg", &e);
	if (old) {
		setenv("HOME", old, 1);
		free(old);
	}
	assert_int_equal(st, GW_OK);
	assert_string_equal(cfg.db_path, "/home/文书/数据/网格.db");
}

/* ---- mistakes, each with its line ------------------------------------ */

static void error_syntax(void **state)
{
	(void)state;
	expect_error("office = {\n  code = \"SC\";\n  number = ;\n};\n", 3, "语法错误");
	expect_error("# comment\n\nui = { language = \"zh\" \n", 4, "语法错误");
	expect_error("office = { code = \"SC\"; };\ntickets = { limits = { traffic = 3 ; ; } };\n", 2,
		     "语法错误");
}

static void error_wrong_type(void **state)
{
	(void)state;
	expect_error("office = {\n  code = \"SC\";\n  number = \"x\";\n};\n", 3, "整数");
	expect_error("office = {\n  number = 1.5;\n};\n", 2, "整数");
	expect_error("\ndatabase = 5;\n", 2, "带引号的文字");
	expect_error("ui = {\n  colour = \"yes\";\n};\n", 2, "true 或 false");
	expect_error("office = \"SC\";\n", 1, "设置组");
	expect_error("departments = { name = \"县财政局\"; };\n", 1, "列表");
	expect_error("calendar = {\n  holidays = \"2026-01-01\";\n};\n", 2, "日期数组");
	expect_error("tickets = {\n  limits = {\n    traffic = \"3\";\n  };\n};\n", 3, "整数");
}

static void error_unknown_key(void **state)
{
	(void)state;
	expect_error("office = { code = \"SC\"; };\n\ncolor = true;\n", 3, "“color”");
	expect_error("office = { code = \"SC\"; };\n\ncolor = true;\n", 3, "未知的设置项");
	expect_error("office = {\n  code = \"SC\";\n  phone = \"0564-8621234\";\n};\n", 3, "phone");
	expect_error("ui = {\n  theme = \"dark\";\n};\n", 2, "theme");
	expect_error("tickets = {\n  overdue = {\n    orange = 2;\n  };\n};\n", 3, "orange");
	expect_error("departments = (\n  { name = \"县财政局\"; head = \"王\"; }\n);\n", 2, "head");
	expect_error("calendar = {\n  festivals = [];\n};\n", 2, "festivals");
}

static void error_unknown_category(void **state)
{
	(void)state;
	expect_error("tickets = {\n  limits = {\n    traffic = 3;\n    parking = 2;\n  };\n};\n", 4,
		     "parking");
	expect_error("tickets = {\n  limits = {\n    traffic = 3;\n    parking = 2;\n  };\n};\n", 4,
		     "未知的工单类别");
	expect_error("tickets = {\n  points = {\n    noise = 2;\n  };\n};\n", 3, "noise");
}

static void error_values(void **state)
{
	(void)state;
	expect_error("tickets = {\n  overdue = {\n    yellow = 5;\n    red = 2;\n  };\n};\n", 2,
		     "red");
	expect_error("tickets = {\n  limits = {\n    traffic = 0;\n  };\n};\n", 2, "1 个工作日");
	expect_error("tickets = {\n  limits = {\n    traffic = 400;\n  };\n};\n", 3, "365");
	expect_error("office = {\n  number = -1;\n};\n", 2, "0 到 9999");
	expect_error("office = {\n  code = \"S-C\";\n};\n", 2, "办公室编码");
	expect_error("office = {\n  code = \"舒城\";\n};\n", 2, "办公室编码");
	expect_error("office = {\n  code = \"ABCDEFGHIJKLMNOPQ\";\n};\n", 2, "办公室编码");
	expect_error("office = {\n  code = \"\";\n};\n", 2, "不能为空");
	expect_error("ui = {\n  language = \"fr\";\n};\n", 2, "language");
	expect_error("ui = {\n  language = \"zh-CN\";\n};\n", 2, "\"zh\"");
	expect_error("departments = ();\n", 1, "至少需要一个");
	expect_error("departments = (\n  { name = \"县财政局\"; },\n  { name = \"县财政局\"; }\n);\n", 3,
		     "重复");
	expect_error("departments = (\n  { new_employment = true; }\n);\n", 2, "name");
}

static void error_calendar_dates(void **state)
{
	(void)state;
	expect_error("calendar = {\n  holidays = [ \"2026-02-30\" ];\n};\n", 2, "无效日期");
	expect_error("calendar = {\n  holidays = [ \"2026-01-01\", \"明天\" ];\n};\n", 2, "无效日期");
	expect_error("calendar = {\n  workdays = [ \"2026-13-01\" ];\n};\n", 2, "无效日期");
	expect_error("calendar = {\n  workdays = [ 20260101 ];\n};\n", 2, "无效日期");
	/* In a list over several lines, the line of the bad date itself. */
	expect_error("calendar = {\n  holidays = [ \"2026-01-01\",\n    \"2026-01-02\",\n    \"2026-02-29\",\n"
		     "    \"2026-05-01\" ];\n};\n", 4, "2026-02-29");
	/* 2024 was a leap year, 2026 is not. */
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	assert_int_equal(config_parse(&cfg, "calendar = { holidays = [ \"2024-02-29\" ]; };", "t.cfg", &e),
			 GW_OK);
	assert_string_equal(cfg.holidays[0], "2024-02-29");
}

static void error_in_english(void **state)
{
	(void)state;
	gw_set_lang(GW_LANG_EN);
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	enum gw_status st = config_parse(&cfg, "office = {\n  number = \"x\";\n};\n", "t.cfg", &e);
	enum gw_status st2;
	struct gw_err e2;
	st2 = config_parse(&cfg, "office = {\n  number = ;\n};\n", "t.cfg", &e2);
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(st, GW_ECONFIG);
	assert_string_equal(e.msg, "t.cfg:2: expected a whole number");
	assert_int_equal(st2, GW_ECONFIG);
	assert_non_null(strstr(e2.msg, "t.cfg:2: syntax error"));
}

/* ---- config_load: files and the search order ------------------------- */

struct envsave {
	const char *name;
	char *value;
};

static void env_save(struct envsave *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = getenv(s[i].name);
		s[i].value = v ? strdup(v) : NULL;
	}
}

static void env_restore(struct envsave *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i].value)
			setenv(s[i].name, s[i].value, 1);
		else
			unsetenv(s[i].name);
		free(s[i].value);
	}
}

static void load_explicit_and_errors(void **state)
{
	(void)state;
	char path[512], msg[600];
	struct config cfg;
	struct gw_err e;
	snprintf(path, sizeof path, "%s/gridwork.cfg", tmpdir);
	const char *good = "office = { code = \"QL\"; name = \"千人桥镇\"; };\n";
	write_file(path, good, strlen(good));
	assert_int_equal(config_load(&cfg, path, &e), GW_OK);
	assert_string_equal(cfg.office_code, "QL");
	assert_string_equal(cfg.source, path);
	/* Keys not in the file keep the defaults. */
	assert_int_equal(cfg.ndepts, 16);

	const char *bad = "# 配置\noffice = {\n  number = \"三\";\n};\n";
	write_file(path, bad, strlen(bad));
	assert_int_equal(config_load(&cfg, path, &e), GW_ECONFIG);
	snprintf(msg, sizeof msg, "%s:3: ", path);
	assert_true(strncmp(e.msg, msg, strlen(msg)) == 0);

	const char *syntax = "office = {\n  code = \"SC\"\n  name = ;\n};\n";
	write_file(path, syntax, strlen(syntax));
	assert_int_equal(config_load(&cfg, path, &e), GW_ECONFIG);
	snprintf(msg, sizeof msg, "%s:3: ", path);
	if (strncmp(e.msg, msg, strlen(msg)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", e.msg, msg);

	write_file(path, "ui = {\0};\n", 10);
	assert_int_equal(config_load(&cfg, path, &e), GW_ECONFIG);
	assert_msg_has(&e, "NUL");

	snprintf(path, sizeof path, "%s/没有这个文件.cfg", tmpdir);
	assert_int_equal(config_load(&cfg, path, &e), GW_ECONFIG);
	assert_msg_has(&e, path);
	assert_msg_has(&e, "无法读取");
}

static void load_search_order(void **state)
{
	(void)state;
	struct envsave env[] = {{"GRIDWORK_CONFIG", NULL}, {"XDG_CONFIG_HOME", NULL}, {"HOME", NULL}};
	env_save(env, 3);
	char home[512], xdg[512], p[600], q[600], r[600];
	snprintf(home, sizeof home, "%s/home", tmpdir);
	snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
	snprintf(p, sizeof p, "%s/.config", home);
	mkdir(home, 0700);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/.config/gridwork", home);
	mkdir(p, 0700);
	mkdir(xdg, 0700);
	snprintf(p, sizeof p, "%s/gridwork", xdg);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/.config/gridwork/gridwork.cfg", home);
	write_file(p, "office = { code = \"HOME\"; };\n", strlen("office = { code = \"HOME\"; };\n"));
	snprintf(q, sizeof q, "%s/gridwork/gridwork.cfg", xdg);
	write_file(q, "office = { code = \"XDG\"; };\n", strlen("office = { code = \"XDG\"; };\n"));
	snprintf(r, sizeof r, "%s/env.cfg", tmpdir);
	write_file(r, "office = { code = \"ENV\"; };\n", strlen("office = { code = \"ENV\"; };\n"));

	struct config cfg;
	struct gw_err e;
	char got[5][20];
	enum gw_status st[5];
	char src[5][600];
	setenv("HOME", home, 1);
	setenv("GRIDWORK_CONFIG", r, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	st[0] = config_load(&cfg, NULL, &e);
	snprintf(got[0], 20, "%s", cfg.office_code);
	snprintf(src[0], 600, "%s", cfg.source);
	unsetenv("GRIDWORK_CONFIG");
	st[1] = config_load(&cfg, NULL, &e);
	snprintf(got[1], 20, "%s", cfg.office_code);
	snprintf(src[1], 600, "%s", cfg.source);
	unsetenv("XDG_CONFIG_HOME");
	st[2] = config_load(&cfg, NULL, &e);
	snprintf(got[2], 20, "%s", cfg.office_code);
	/* --config wins over everything. */
	setenv("GRIDWORK_CONFIG", r, 1);
	st[3] = config_load(&cfg, q, &e);
	snprintf(got[3], 20, "%s", cfg.office_code);
	unsetenv("GRIDWORK_CONFIG");
	unlink(p);
	st[4] = config_load(&cfg, NULL, &e);
	snprintf(got[4], 20, "%s", cfg.office_code);
	snprintf(src[4], 600, "%s", cfg.source);
	env_restore(env, 3);

	for (int i = 0; i < 5; i++)
		assert_int_equal(st[i], GW_OK);
	assert_string_equal(got[0], "ENV");
	assert_string_equal(src[0], r);
	assert_string_equal(got[1], "XDG");
	assert_string_equal(src[1], q);
	assert_string_equal(got[2], "HOME");
	assert_string_equal(got[3], "XDG");
	if (access("/etc/gridwork/gridwork.cfg", F_OK) != 0) {
		/* Nothing found: the built-in defaults. */
		assert_string_equal(got[4], "SC");
		assert_string_equal(src[4], "");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_text_parses),
		cmocka_unit_test(defaults_values),
		cmocka_unit_test(defaults_new_employment_eight),
		cmocka_unit_test(overrides),
		cmocka_unit_test(missing_semicolons_accepted),
		cmocka_unit_test(database_home_expanded),
		cmocka_unit_test(error_syntax),
		cmocka_unit_test(error_wrong_type),
		cmocka_unit_test(error_unknown_key),
		cmocka_unit_test(error_unknown_category),
		cmocka_unit_test(error_values),
		cmocka_unit_test(error_calendar_dates),
		cmocka_unit_test(error_in_english),
		cmocka_unit_test(load_explicit_and_errors),
		cmocka_unit_test(load_search_order),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
