/* test_instructor.c - instructors.csv: import in Chinese and English, list
 * separators, re-import, edits with audit, links replaced or left alone,
 * every bad value of the contract, --skip-bad, the 1 + 2 staffing
 * standard, soft deletion, export round trip and form edits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gw.h"
#include "grid.h"
#include "import.h"
#include "instructor.h"
#include "org.h"
#include "validate.h"

#include "testutil.h"

/* ---- helpers ---------------------------------------------------------- */

static char *orgs_csv(void)
{
	static char buf[2048];
	snprintf(buf, sizeof buf,
		 "%s"
		 "%s,安徽舒城预制菜食品有限公司,企业,规上,预制菜,SC-HB-G01,,320,12,单独建,2021-03-05,,\n"
		 "%s,舒城县快递物流行业协会,行业协会商会,,网约配送,SC-HB-G02,,,,联合建,2024-06-01,,\n"
		 "%s,合肥电子信息科技有限公司,企业,,电子信息,SC-KF-G01,,,,无,,,\n"
		 "%s,杭埠镇新时代志愿服务社,社会组织,,,SC-HB,,,,无,,,\n",
		 TU_ORG_HDR, tu_credit_code(1), tu_credit_code(2), tu_credit_code(3), tu_credit_code(4));
	return buf;
}

/* Grids and organisations, ready for instructors. */
static struct gw *with_orgs(const char *name)
{
	struct gw *gw = tu_with_grids6(name);
	struct import_counts c;
	tu_import_or_fail(gw, "orgs.csv", orgs_csv(), &c);
	assert_int_equal(c.inserted, 4);
	return gw;
}

static const char INS_HDR[] = "姓名,手机,性别,工作单位,类别,负责网格,联系单位,状态\n";

/* Three instructors for grid SC-HB-G01 (1 full-time, 2 part-time), with
 * every list separator. */
static char *good_instructors(void)
{
	static char buf[4096];
	snprintf(buf, sizeof buf,
		 "%s"
		 "陈志强,13900001111,男,县委社会工作部,专职,SC-HB-G01；SC-HB-G02,%s、%s,在岗\n"
		 "欧阳秀兰,+86 139 0000 2222,女,杭埠镇党委,兼职,SC-HB-G01,%s;%s,\n"
		 "王磊,13900003333,,\"舒城经济开发区管委会，党群部\",兼职,sc-hb-g01、SC-KF-G01 ; SC-KF-G01,,离岗\n",
		 INS_HDR, tu_credit_code(1), tu_credit_code(2), tu_credit_code(1), tu_credit_code(3));
	return buf;
}

/* The codes of an instructor's grids or orgs joined by ' '. */
struct codes {
	char s[1024];
	int n;
};

static int add_code(void *ctx, const struct instructor_link *l)
{
	struct codes *c = ctx;
	size_t n = strlen(c->s);
	snprintf(c->s + n, sizeof c->s - n, "%s%s%s", n ? " " : "", l->code, l->deleted ? "(deleted)" : "");
	c->n++;
	return 0;
}

static const char *grids_of(struct gw *gw, const char *phone)
{
	static struct codes c;
	struct instructor_rec i;
	struct gw_err e;
	memset(&c, 0, sizeof c);
	assert_int_equal(instructor_by_phone(gw, phone, &i, &e), GW_OK);
	assert_int_equal(instructor_grids(gw, i.id, add_code, &c, &e), GW_OK);
	return c.s;
}

static const char *orgs_of(struct gw *gw, const char *phone)
{
	static struct codes c;
	struct instructor_rec i;
	struct gw_err e;
	memset(&c, 0, sizeof c);
	assert_int_equal(instructor_by_phone(gw, phone, &i, &e), GW_OK);
	assert_int_equal(instructor_orgs(gw, i.id, add_code, &c, &e), GW_OK);
	return c.s;
}

static void code_list(char *out, size_t n, int a, int b)
{
	/* Sorted the way the module sorts: by code. */
	const char *x = tu_credit_code(a), *y = tu_credit_code(b);
	if (strcmp(x, y) > 0) {
		const char *t = x;
		x = y;
		y = t;
	}
	snprintf(out, n, "%s %s", x, y);
}

/* ---- tests ------------------------------------------------------------ */

static void test_import_chinese(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("zh.db");
	struct import_counts c;
	tu_import_or_fail(gw, "instructors.csv", good_instructors(), &c);
	assert_int_equal(c.inserted, 3);
	struct instructor_rec i;
	struct gw_err e;
	assert_int_equal(instructor_by_phone(gw, "13900001111", &i, &e), GW_OK);
	assert_string_equal(i.name, "陈志强");
	assert_string_equal(i.gender, "male");
	assert_string_equal(i.unit, "县委社会工作部");
	assert_string_equal(i.role, "full_time");
	assert_string_equal(i.status, "active");
	assert_int_equal(i.version, 1);
	assert_string_equal(grids_of(gw, "13900001111"), "SC-HB-G01 SC-HB-G02");
	char want[128];
	code_list(want, sizeof want, 1, 2);
	assert_string_equal(orgs_of(gw, "13900001111"), want);
	/* "+86 139 0000 2222" is the key 13900002222. */
	assert_int_equal(instructor_by_phone(gw, "139 0000 2222", &i, &e), GW_OK);
	assert_string_equal(i.name, "欧阳秀兰");
	assert_string_equal(i.gender, "female");
	assert_string_equal(i.status, "active");   /* empty status: the default */
	code_list(want, sizeof want, 1, 3);
	assert_string_equal(orgs_of(gw, "13900002222"), want);
	assert_int_equal(instructor_by_phone(gw, "13900003333", &i, &e), GW_OK);
	assert_string_equal(i.gender, "");
	assert_string_equal(i.unit, "舒城经济开发区管委会，党群部");
	assert_string_equal(i.status, "inactive");
	/* Lower case, spaces and a repeated code: two links. */
	assert_string_equal(grids_of(gw, "13900003333"), "SC-HB-G01 SC-KF-G01");
	assert_string_equal(orgs_of(gw, "13900003333"), "");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor_grid"), 5);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor_org"), 4);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'instructor' AND action = 'insert'"), 3);
	assert_int_equal(instructor_by_phone(gw, "13900009999", &i, &e), GW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "13900009999"));
	gw_close(gw);
}

static void test_import_english(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("en.db");
	char buf[1024];
	snprintf(buf, sizeof buf,
		 "status,org_codes,role,phone,name,grid_codes,gender\n"
		 "Inactive,%s,Full_Time,13700001234,司马光明,SC-KF-G01,Female\n"
		 ",,part_time,13700005678,李娜,,\n",
		 tu_credit_code(3));
	struct import_counts c;
	tu_import_or_fail(gw, "ins_en.csv", buf, &c);
	assert_int_equal(c.inserted, 2);
	struct instructor_rec i;
	assert_int_equal(instructor_by_phone(gw, "13700001234", &i, NULL), GW_OK);
	assert_string_equal(i.role, "full_time");
	assert_string_equal(i.status, "inactive");
	assert_string_equal(i.gender, "female");
	assert_string_equal(i.unit, "");
	assert_string_equal(grids_of(gw, "13700001234"), "SC-KF-G01");
	assert_string_equal(orgs_of(gw, "13700001234"), tu_credit_code(3));
	assert_int_equal(instructor_by_phone(gw, "13700005678", &i, NULL), GW_OK);
	assert_string_equal(i.role, "part_time");
	assert_string_equal(i.status, "active");
	assert_string_equal(grids_of(gw, "13700005678"), "");
	gw_close(gw);
}

static void test_reimport_unchanged(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("re.db");
	tu_import_twice(gw, "instructors.csv", good_instructors(), "instructor", 3);
	assert_int_equal(tu_count(gw, "SELECT sum(version) FROM instructor"), 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor_grid"), 5);
	gw_close(gw);
}

static void test_edit_and_links_replaced(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("edit.db");
	struct import_counts c;
	tu_import_or_fail(gw, "instructors.csv", good_instructors(), &c);
	struct instructor_rec i;
	assert_int_equal(instructor_by_phone(gw, "13900001111", &i, NULL), GW_OK);
	/* A field edit. */
	char buf[1024];
	snprintf(buf, sizeof buf, "%s陈志强,13900001111,男,县委组织部,专职,SC-HB-G01；SC-HB-G02,%s、%s,在岗\n",
		 INS_HDR, tu_credit_code(2), tu_credit_code(1));
	tu_import_or_fail(gw, "e1.csv", buf, &c);
	assert_int_equal(c.updated, 1);
	assert_int_equal(instructor_by_phone(gw, "13900001111", &i, NULL), GW_OK);
	assert_string_equal(i.unit, "县委组织部");
	assert_int_equal(i.version, 2);
	char sql[256], old[1024], nw[1024];
	snprintf(sql, sizeof sql, "SELECT old FROM audit WHERE tbl = 'instructor' AND record_id = '%s' AND action = 'update'", i.id);
	tu_text(gw, sql, old, sizeof old);
	snprintf(sql, sizeof sql, "SELECT new FROM audit WHERE tbl = 'instructor' AND record_id = '%s' AND action = 'update'", i.id);
	tu_text(gw, sql, nw, sizeof nw);
	assert_non_null(strstr(old, "\"unit\":\"县委社会工作部\""));
	assert_non_null(strstr(nw, "\"unit\":\"县委组织部\""));
	assert_non_null(strstr(nw, "\"grid_codes\":\"SC-HB-G01;SC-HB-G02\""));
	/* Only the links change: still an update, links replaced. */
	snprintf(buf, sizeof buf, "%s陈志强,13900001111,男,县委组织部,专职,SC-KF-G01,%s,在岗\n", INS_HDR, tu_credit_code(4));
	tu_import_or_fail(gw, "e2.csv", buf, &c);
	assert_int_equal(c.updated, 1);
	assert_string_equal(grids_of(gw, "13900001111"), "SC-KF-G01");
	assert_string_equal(orgs_of(gw, "13900001111"), tu_credit_code(4));
	assert_int_equal(instructor_by_phone(gw, "13900001111", &i, NULL), GW_OK);
	assert_int_equal(i.version, 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'instructor' AND action = 'update' "
				  "AND old LIKE '%SC-HB-G02%' AND new LIKE '%\"grid_codes\":\"SC-KF-G01\"%'"), 1);
	/* Same again: unchanged. */
	tu_import_or_fail(gw, "e2.csv", buf, &c);
	assert_int_equal(c.unchanged, 1);
	/* Columns absent: links left alone. */
	snprintf(buf, sizeof buf, "姓名,手机,类别\n陈志强,13900001111,专职\n");
	tu_import_or_fail(gw, "e3.csv", buf, &c);
	assert_int_equal(c.unchanged, 1);
	assert_string_equal(grids_of(gw, "13900001111"), "SC-KF-G01");
	assert_string_equal(orgs_of(gw, "13900001111"), tu_credit_code(4));
	assert_int_equal(instructor_by_phone(gw, "13900001111", &i, NULL), GW_OK);
	assert_string_equal(i.unit, "县委组织部");   /* absent unit kept too */
	assert_string_equal(i.gender, "male");
	/* Column present but empty: links removed. */
	snprintf(buf, sizeof buf, "姓名,手机,类别,负责网格\n陈志强,13900001111,专职,\n");
	tu_import_or_fail(gw, "e4.csv", buf, &c);
	assert_int_equal(c.updated, 1);
	assert_string_equal(grids_of(gw, "13900001111"), "");
	assert_string_equal(orgs_of(gw, "13900001111"), tu_credit_code(4));
	gw_close(gw);
}

struct bad_case {
	int col;
	const char *value;
	const char *fragment;
};

static void test_bad_values(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("bad.db");
	/* Soft-deleted grid and organisation (each referenced by an org or an
	 * instructor, so the delete is soft). */
	struct import_counts c;
	char buf[4096];
	snprintf(buf, sizeof buf, "%s郑红,13600000001,女,,兼职,SC-KF-G01,%s,\n", INS_HDR, tu_credit_code(4));
	tu_import_or_fail(gw, "ref.csv", buf, &c);
	struct grid_rec g;
	struct org_rec o;
	struct gw_err e;
	assert_int_equal(grid_by_code(gw, "SC-KF-G01", &g, &e), GW_OK);
	assert_int_equal(grid_delete(gw, g.id, &e), GW_OK);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(4), &o, &e), GW_OK);
	assert_int_equal(org_delete(gw, o.id, &e), GW_OK);
	long long before = tu_count(gw, "SELECT count(*) FROM audit");

	char longname[512] = "", longunit[1024] = "", unknown_org[19], wrong_check[19], gone_org[19], ok_org[19];
	/* cc() reuses its buffers: keep copies. */
	snprintf(gone_org, sizeof gone_org, "%s", tu_credit_code(4));
	snprintf(ok_org, sizeof ok_org, "%s", tu_credit_code(1));
	for (int i = 0; i < INSTR_NAME_MAX + 1; i++)
		strcat(longname, "张");
	for (int i = 0; i < INSTR_UNIT_MAX + 1; i++)
		strcat(longunit, "局");
	snprintf(unknown_org, sizeof unknown_org, "%s", tu_credit_code(77));
	snprintf(wrong_check, sizeof wrong_check, "%s", tu_credit_code(2));
	wrong_check[17] = wrong_check[17] == '0' ? '1' : '0';
	char unknown_msg[128], deleted_org[128], bad_check_list[64], bad_check_msg[128];
	snprintf(unknown_msg, sizeof unknown_msg, "联系单位: 没有统一社会信用代码为“%s”的单位", unknown_org);
	snprintf(deleted_org, sizeof deleted_org, "联系单位: 单位“杭埠镇新时代志愿服务社”（%s）已删除", tu_credit_code(4));
	snprintf(bad_check_list, sizeof bad_check_list, "%s、%s", ok_org, wrong_check);
	snprintf(bad_check_msg, sizeof bad_check_msg, "联系单位: “%s”: 统一社会信用代码校验位错误", wrong_check);
	const struct bad_case cases[] = {
		{INSTR_C_NAME, "", "姓名: 不能为空"},
		{INSTR_C_NAME, longname, "姓名: 过长"},
		{INSTR_C_PHONE, "", "手机: 必填"},
		{INSTR_C_PHONE, "1390000111", "手机: “1390000111”不是有效的手机号"},
		{INSTR_C_PHONE, "12900001111", "手机: “12900001111”不是有效的手机号"},
		{INSTR_C_PHONE, "0564-8612345", "手机: “0564-8612345”不是有效的手机号"},
		{INSTR_C_PHONE, "一三九", "手机: “一三九”不是有效的手机号"},
		{INSTR_C_GENDER, "未知", "性别: “未知”不是有效的性别"},
		{INSTR_C_UNIT, longunit, "工作单位: 过长"},
		{INSTR_C_ROLE, "", "类别: 必填"},
		{INSTR_C_ROLE, "临时", "类别: “临时”不是有效的类别"},
		{INSTR_C_GRIDS, "SC-HB-G01；SC-XX-G09", "负责网格: 没有编码为“SC-XX-G09”的网格"},
		{INSTR_C_GRIDS, "杭埠镇第一网格", "负责网格: 没有编码为“杭埠镇第一网格”的网格"},
		{INSTR_C_GRIDS, "SC-KF-G01", "负责网格: 网格“SC-KF-G01”已删除"},
		{INSTR_C_ORGS, "123", "联系单位: “123”: 统一社会信用代码应为 18 位"},
		{INSTR_C_ORGS, bad_check_list, bad_check_msg},
		{INSTR_C_ORGS, unknown_org, unknown_msg},
		{INSTR_C_ORGS, gone_org, deleted_org},
		{INSTR_C_STATUS, "退休", "状态: “退休”不是有效的状态"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const char *cells[INSTR_NCOLS] = {"刘德华", "13800138000", "男", "城关镇", "兼职",
						  "SC-HB-G01", ok_org, "在岗"};
		cells[cases[k].col] = cases[k].value;
		char row[2048] = "";
		for (int i = 0; i < INSTR_NCOLS; i++) {
			strcat(row, i ? "," : "");
			strcat(row, cells[i]);
		}
		snprintf(buf, sizeof buf, "%s黄晓明,13800000002,男,,专职,SC-HB-G02,,\n%s\n", INS_HDR, row);
		tu_expect_reject(gw, "bad.csv", buf, k, cases[k].fragment, &c);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor"), 1);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor_grid"), 1);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit"), before);
	}
	gw_close(gw);
}

static void test_skip_bad(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("skip.db");
	char buf[2048];
	snprintf(buf, sizeof buf,
		 "%s"
		 "陈志强,13900001111,男,,专职,SC-HB-G01,%s,\n"
		 "坏号码,1390000,男,,专职,SC-HB-G01,,\n"
		 "欧阳秀兰,13900002222,女,,兼职,SC-HB-G01；SC-HB-G99,,\n"
		 "王磊,13900003333,,,兼职,SC-HB-G01,,\n",
		 INS_HDR, tu_credit_code(1));
	char *r = tu_import_skip_bad(gw, "skip.csv", buf, 2, 2);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor"), 2);
	/* The rejected row wrote no links either. */
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor_grid"), 2);
	assert_non_null(strstr(r, "坏号码"));
	assert_non_null(strstr(r, "手机: “1390000”不是有效的手机号"));
	assert_non_null(strstr(r, "负责网格: 没有编码为“SC-HB-G99”的网格"));
	assert_null(strstr(r, "陈志强"));
	free(r);
	gw_close(gw);
}

static int add_name(void *ctx, const struct instructor_rec *i)
{
	struct codes *c = ctx;
	size_t n = strlen(c->s);
	snprintf(c->s + n, sizeof c->s - n, "%s%s/%s/%s", n ? " " : "", i->name, i->phone, i->role);
	c->n++;
	return 0;
}

static void test_standard_and_grid_roster(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("std.db");
	struct import_counts c;
	tu_import_or_fail(gw, "instructors.csv", good_instructors(), &c);
	struct grid_rec g1, g2;
	struct gw_err e;
	assert_int_equal(grid_by_code(gw, "SC-HB-G01", &g1, &e), GW_OK);
	assert_int_equal(grid_by_code(gw, "SC-HB-G02", &g2, &e), GW_OK);
	int ft = -1, pt = -1;
	/* 王磊 is inactive: 1 full-time + 1 part-time. */
	assert_int_equal(grid_meets_standard(gw, g1.id, &ft, &pt, &e), 0);
	assert_int_equal(ft, 1);
	assert_int_equal(pt, 1);
	char buf[512];
	snprintf(buf, sizeof buf, "姓名,手机,类别,状态\n王磊,13900003333,兼职,在岗\n");
	tu_import_or_fail(gw, "back.csv", buf, &c);
	assert_int_equal(c.updated, 1);
	assert_int_equal(grid_meets_standard(gw, g1.id, &ft, &pt, &e), 1);
	assert_int_equal(ft, 1);
	assert_int_equal(pt, 2);
	assert_int_equal(grid_meets_standard(gw, g2.id, &ft, &pt, &e), 0);
	assert_int_equal(ft, 1);
	assert_int_equal(pt, 0);
	struct codes names;
	memset(&names, 0, sizeof names);
	assert_int_equal(grid_instructors(gw, g1.id, add_name, &names, &e), GW_OK);
	assert_int_equal(names.n, 3);
	assert_true(strncmp(names.s, "陈志强/13900001111/full_time ", 30) == 0);
	assert_non_null(strstr(names.s, "欧阳秀兰/13900002222/part_time"));
	assert_non_null(strstr(names.s, "王磊/13900003333/part_time"));
	/* Who is the instructor for this enterprise? */
	struct org_rec o;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o, &e), GW_OK);
	memset(&names, 0, sizeof names);
	assert_int_equal(org_instructors(gw, o.id, add_name, &names, &e), GW_OK);
	assert_int_equal(names.n, 2);
	/* A deleted instructor no longer counts, but keeps the links. */
	struct instructor_rec i;
	assert_int_equal(instructor_by_phone(gw, "13900002222", &i, &e), GW_OK);
	assert_int_equal(instructor_delete(gw, i.id, &e), GW_OK);
	assert_int_equal(grid_meets_standard(gw, g1.id, &ft, &pt, &e), 0);
	assert_int_equal(pt, 1);
	memset(&names, 0, sizeof names);
	assert_int_equal(grid_instructors(gw, g1.id, add_name, &names, &e), GW_OK);
	assert_int_equal(names.n, 2);
	assert_null(strstr(names.s, "欧阳秀兰"));
	assert_string_equal(grids_of(gw, "13900002222"), "SC-HB-G01");
	gw_close(gw);
}

static void test_soft_delete(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("del.db");
	struct import_counts c;
	tu_import_or_fail(gw, "instructors.csv", good_instructors(), &c);
	struct instructor_rec i;
	struct gw_err e;
	assert_int_equal(instructor_by_phone(gw, "13900001111", &i, &e), GW_OK);
	assert_int_equal(instructor_delete(gw, i.id, &e), GW_OK);
	assert_int_equal(instructor_by_phone(gw, "13900001111", &i, &e), GW_OK);
	assert_int_equal(i.deleted, 1);
	assert_int_equal(i.version, 2);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor"), 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor_grid WHERE instructor_id = "
				  "(SELECT id FROM instructor WHERE phone = '13900001111')"), 2);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'instructor' AND action = 'delete' "
				  "AND old LIKE '%陈志强%'"), 1);
	/* Deleting again does nothing. */
	assert_int_equal(instructor_delete(gw, i.id, &e), GW_OK);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE action = 'delete'"), 1);
	assert_int_equal(instructor_delete(gw, "nope", &e), GW_ENOTFOUND);
	/* Out of the export and the roster list. */
	char *ex = tu_exported(gw, IK_INSTRUCTOR, "del_export.csv");
	assert_null(strstr(ex, "陈志强"));
	assert_non_null(strstr(ex, "欧阳秀兰"));
	free(ex);
	/* Importing the record again brings it back. */
	tu_import_or_fail(gw, "instructors.csv", good_instructors(), &c);
	assert_int_equal(c.updated, 1);
	assert_int_equal(c.unchanged, 2);
	assert_int_equal(instructor_by_phone(gw, "13900001111", &i, &e), GW_OK);
	assert_int_equal(i.deleted, 0);
	gw_close(gw);
}

static void test_export_round_trip(void **state)
{
	(void)state;
	struct gw *a = with_orgs("rt_a.db"), *b = tu_with_grids6("rt_b.db");
	struct import_counts c;
	tu_import_or_fail(a, "instructors.csv", good_instructors(), &c);
	char *oa = tu_exported(a, IK_ORG, "orgs_a.csv");
	tu_import_or_fail(b, "orgs_a.csv", oa, &c);
	assert_int_equal(c.inserted, 4);
	char *ea = tu_round_trip(a, b, IK_INSTRUCTOR, 3);
	assert_memory_equal(ea, "\xef\xbb\xbf姓名,手机,性别,工作单位,类别,负责网格,联系单位,状态\r\n",
			    strlen("\xef\xbb\xbf姓名,手机,性别,工作单位,类别,负责网格,联系单位,状态\r\n"));
	assert_non_null(strstr(ea, "陈志强,13900001111,男,县委社会工作部,专职,SC-HB-G01、SC-HB-G02,"));
	char want[128];
	code_list(want, sizeof want, 1, 2);
	want[18] = '\0';
	char joined[128];
	snprintf(joined, sizeof joined, "%s、%s,在岗", want, want + 19);
	assert_non_null(strstr(ea, joined));
	assert_non_null(strstr(ea, ",舒城经济开发区管委会，党群部,"));
	assert_non_null(strstr(ea, ",离岗\r\n"));
	assert_string_equal(grids_of(b, "13900003333"), "SC-HB-G01 SC-KF-G01");
	free(ea);
	free(oa);
	gw_close(a);
	gw_close(b);
}

/* A form saves by id with the version it opened. */
static void test_form_edit(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("form.db");
	struct import_counts c;
	tu_import_or_fail(gw, "instructors.csv", good_instructors(), &c);
	struct instructor_rec i;
	struct gw_err e;
	assert_int_equal(instructor_by_phone(gw, "13900003333", &i, &e), GW_OK);
	const char *vals[INSTR_NCOLS] = {"王磊", "13900001111", "男", "县委社会工作部", "兼职", "SC-HB-G02", "", "在岗"};
	struct tu_form form;
	struct import_row *r = tu_form_row(&form, &instructor_ops, vals, i.id, 5);
	enum upsert_result res;
	assert_int_equal(instructor_ops.row(gw, r, &res, &e), GW_ECONFLICT);
	assert_non_null(strstr(e.msg, "王磊"));
	r->version = 1;
	assert_int_equal(instructor_ops.row(gw, r, &res, &e), GW_EEXIST);
	assert_non_null(strstr(e.msg, "手机: 指导员“陈志强”已使用此手机号"));
	vals[INSTR_C_PHONE] = "13900004444";
	assert_int_equal(instructor_ops.row(gw, r, &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(instructor_by_phone(gw, "13900003333", &i, &e), GW_ENOTFOUND);
	assert_string_equal(grids_of(gw, "13900004444"), "SC-HB-G02");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor"), 3);
	gw_close(gw);
}

struct roster {
	int n;
	char last_name[256], last_id[33];
	char names[8][256];
};

static int roster_add(void *ctx, const struct instructor_rec *i)
{
	struct roster *r = ctx;
	snprintf(r->names[r->n++ % 8], sizeof r->names[0], "%s", i->name);
	snprintf(r->last_name, sizeof r->last_name, "%s", i->name);
	snprintf(r->last_id, sizeof r->last_id, "%s", i->id);
	return 0;
}

static void test_list_pages(void **state)
{
	(void)state;
	struct gw *gw = with_orgs("list.db");
	struct import_counts c;
	tu_import_or_fail(gw, "instructors.csv", good_instructors(), &c);
	struct roster r = {0};
	struct gw_err e;
	int n, total = 0;
	const char *an = NULL, *ai = NULL;
	char seen[8][256];
	do {
		struct roster page = {0};
		assert_int_equal(instructor_list(gw, an, ai, 2, roster_add, &page, &n, &e), GW_OK);
		assert_true(n <= 2);
		for (int k = 0; k < n; k++)
			snprintf(seen[total++], sizeof seen[0], "%s", page.names[k]);
		r = page;
		an = r.last_name;
		ai = r.last_id;
	} while (n == 2);
	assert_int_equal(total, 3);
	assert_true(strcmp(seen[0], seen[1]) < 0 && strcmp(seen[1], seen[2]) < 0);
	gw_close(gw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_chinese),
		cmocka_unit_test(test_import_english),
		cmocka_unit_test(test_reimport_unchanged),
		cmocka_unit_test(test_edit_and_links_replaced),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_skip_bad),
		cmocka_unit_test(test_standard_and_grid_roster),
		cmocka_unit_test(test_soft_delete),
		cmocka_unit_test(test_export_round_trip),
		cmocka_unit_test(test_form_edit),
		cmocka_unit_test(test_list_pages),
	};
	return tu_run("instr", tests);
}
