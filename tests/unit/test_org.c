/* test_org.c - orgs.csv: import in Chinese and English, re-import, edits
 * with audit, every bad value of the contract, --skip-bad, the party
 * organisation date rules, export round trip, deletion, the plan and the
 * paged list. */
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

/* Three good rows in Chinese, one with a lower-case code and Chinese date. */
static char *good_orgs(void)
{
	static char buf[4096];
	char lower[19];
	snprintf(lower, sizeof lower, "%s", tu_credit_code(1));
	for (char *p = lower; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	snprintf(buf, sizeof buf,
		 "%s"
		 "%s,安徽舒城预制菜食品有限公司,企业,规上；专精特新,预制菜,SC-HB-G01,杭埠镇工业园 8 号,320,12,单独建,2021年3月5日,王建国,13855550001\n"
		 "%s,舒城县快递物流行业协会,行业协会商会,,网约配送,SC-HB-G02,\"城关镇梅河路 1 号，二楼\",15,3,联合建,2024/6/1,李秀英,0564-8612345\n"
		 "%s,杭埠镇新时代志愿服务社,社会组织,,,SC-HB,,,,无,,,\n",
		 TU_ORG_HDR, lower, tu_credit_code(2), tu_credit_code(3));
	return buf;
}

/* ---- tests ------------------------------------------------------------ */

static void test_import_chinese(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("zh.db");
	struct import_counts c;
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	assert_int_equal(c.inserted, 3);
	assert_int_equal(c.rejected, 0);
	struct org_rec o;
	struct gw_err e;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o, &e), GW_OK);
	assert_string_equal(o.credit_code, tu_credit_code(1));   /* stored upper-case */
	assert_string_equal(o.name, "安徽舒城预制菜食品有限公司");
	assert_string_equal(o.kind, "enterprise");
	assert_string_equal(o.tags, "above_scale;specialized");
	assert_string_equal(o.chain, "prepared_food");
	assert_string_equal(o.grid_code, "SC-HB-G01");
	assert_string_equal(o.grid_name, "杭埠镇第一网格");
	assert_string_equal(o.address, "杭埠镇工业园 8 号");
	assert_int_equal(o.employees, 320);
	assert_int_equal(o.party_members, 12);
	assert_string_equal(o.party_org, "standalone");
	assert_string_equal(o.party_org_since, "2021-03-05");
	assert_string_equal(o.contact, "王建国");
	assert_string_equal(o.phone, "13855550001");
	assert_int_equal(o.version, 1);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(2), &o, &e), GW_OK);
	assert_string_equal(o.kind, "association");
	assert_string_equal(o.address, "城关镇梅河路 1 号，二楼");
	assert_string_equal(o.party_org_since, "2024-06-01");
	assert_string_equal(o.phone, "0564-8612345");
	assert_string_equal(o.tags, "");
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(3), &o, &e), GW_OK);
	assert_string_equal(o.grid_code, "SC-HB");   /* any level of the map */
	assert_int_equal(o.employees, -1);
	assert_string_equal(o.party_org, "none");
	assert_string_equal(o.chain, "");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM org WHERE party_org_since IS NULL"), 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'org' AND action = 'insert'"), 3);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(9), &o, &e), GW_ENOTFOUND);
	assert_non_null(strstr(e.msg, tu_credit_code(9)));
	gw_close(gw);
}

static void test_import_english(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("en.db");
	char buf[2048];
	/* English headers in another order, English values, padding spaces. */
	snprintf(buf, sizeof buf,
		 "name,credit_code,party_org,party_org_since,grid_code,kind,tags,chain,employees,phone\n"
		 "合肥电子信息科技有限公司,%s, joint ,2023-11-20,sc-kf-g01,Enterprise,platform;hr_agency;above_scale,electronics,88,+86 138 5555 0002\n"
		 "舒城县社会工作者协会,%s,none,,SC-HB-G01,social_org,,other,,\n",
		 tu_credit_code(4), tu_credit_code(5));
	struct import_counts c;
	tu_import_or_fail(gw, "orgs_en.csv", buf, &c);
	assert_int_equal(c.inserted, 2);
	assert_null(strstr(tu_said, "未知列"));
	struct org_rec o;
	struct gw_err e;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(4), &o, &e), GW_OK);
	assert_string_equal(o.party_org, "joint");
	assert_string_equal(o.party_org_since, "2023-11-20");
	assert_string_equal(o.grid_code, "SC-KF-G01");
	assert_string_equal(o.kind, "enterprise");
	assert_string_equal(o.tags, "above_scale;platform;hr_agency");   /* contract order */
	assert_string_equal(o.chain, "electronics");
	assert_int_equal(o.employees, 88);
	assert_int_equal(o.party_members, -1);
	assert_string_equal(o.phone, "13855550002");
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(5), &o, &e), GW_OK);
	assert_string_equal(o.kind, "social_org");
	assert_string_equal(o.chain, "other");
	gw_close(gw);
}

static void test_reimport_unchanged(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("re.db");
	tu_import_twice(gw, "orgs.csv", good_orgs(), "org", 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM org"), 3);
	assert_int_equal(tu_count(gw, "SELECT sum(version) FROM org"), 3);
	gw_close(gw);
}

static void test_edit_updates_and_audits(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("edit.db");
	struct import_counts c;
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	char buf[1024];
	snprintf(buf, sizeof buf,
		 "%s%s,安徽舒城预制菜集团有限公司,企业,规上,预制菜,SC-HB-G02,杭埠镇工业园 8 号,350,15,单独建,2021-03-05,王建国,13855550001\n",
		 TU_ORG_HDR, tu_credit_code(1));
	tu_import_or_fail(gw, "edit.csv", buf, &c);
	assert_int_equal(c.updated, 1);
	assert_int_equal(c.inserted, 0);
	struct org_rec o;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o, NULL), GW_OK);
	assert_string_equal(o.name, "安徽舒城预制菜集团有限公司");
	assert_string_equal(o.tags, "above_scale");
	assert_string_equal(o.grid_code, "SC-HB-G02");
	assert_int_equal(o.employees, 350);
	assert_int_equal(o.version, 2);
	char sql[256], old[1024], nw[1024];
	snprintf(sql, sizeof sql, "SELECT old FROM audit WHERE tbl = 'org' AND record_id = '%s' AND action = 'update'", o.id);
	tu_text(gw, sql, old, sizeof old);
	snprintf(sql, sizeof sql, "SELECT new FROM audit WHERE tbl = 'org' AND record_id = '%s' AND action = 'update'", o.id);
	tu_text(gw, sql, nw, sizeof nw);
	assert_non_null(strstr(old, "\"name\":\"安徽舒城预制菜食品有限公司\""));
	assert_non_null(strstr(old, "\"grid_code\":\"SC-HB-G01\""));
	assert_non_null(strstr(old, "\"employees\":320"));
	assert_non_null(strstr(nw, "\"name\":\"安徽舒城预制菜集团有限公司\""));
	assert_non_null(strstr(nw, "\"employees\":350"));
	gw_close(gw);
}

/* A file of one good row and one row with a bad cell: the import must fail
 * naming the column and write nothing (not even the good row). */
struct bad_case {
	int col;               /* which cell is replaced (org_col) */
	const char *value;
	const char *fragment;  /* expected in the message */
	const char *party_org; /* overrides 党组织 when not NULL */
};

static void row_with(char *out, size_t n, const struct bad_case *b)
{
	char since[64] = "2021-03-05";
	const char *cells[ORG_NCOLS] = {
		tu_credit_code(7), "舒城县绿色食品有限公司", "企业", "规上", "绿色食品", "SC-HB-G01", "干汊河镇 6 号",
		"40", "5", b->party_org ? b->party_org : "挂靠建", since, "张敏", "13955550007"};
	cells[b->col] = b->value;
	size_t off = 0;
	for (int i = 0; i < ORG_NCOLS; i++)
		off += (size_t)snprintf(out + off, n - off, "%s%s", i ? "," : "", cells[i]);
	snprintf(out + off, n - off, "\n");
}

static void test_bad_values(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("bad.db");
	char longname[512] = "", longaddr[1024] = "", longcontact[256] = "";
	for (int i = 0; i < ORG_NAME_MAX + 1; i++)
		strcat(longname, "企");
	for (int i = 0; i < ORG_ADDRESS_MAX + 1; i++)
		strcat(longaddr, "路");
	for (int i = 0; i < ORG_CONTACT_MAX + 1; i++)
		strcat(longcontact, "张");
	char wrong_check[19];
	snprintf(wrong_check, sizeof wrong_check, "%s", tu_credit_code(7));
	wrong_check[17] = wrong_check[17] == '0' ? '1' : '0';
	char with_o[19];
	snprintf(with_o, sizeof with_o, "%s", tu_credit_code(7));
	with_o[10] = 'O';
	const struct bad_case cases[] = {
		{ORG_C_CREDIT, "", "统一社会信用代码: 必填", NULL},
		{ORG_C_CREDIT, "91341523MA2N0007", "统一社会信用代码: 统一社会信用代码应为 18 位", NULL},
		{ORG_C_CREDIT, wrong_check, "统一社会信用代码: 统一社会信用代码校验位错误", NULL},
		{ORG_C_CREDIT, with_o, "统一社会信用代码: 统一社会信用代码第 11 位", NULL},
		{ORG_C_NAME, "", "名称: 不能为空", NULL},
		{ORG_C_NAME, longname, "名称: 过长", NULL},
		{ORG_C_KIND, "", "类型: 必填", NULL},
		{ORG_C_KIND, "公司", "类型: “公司”不是有效的单位类型", NULL},
		{ORG_C_TAGS, "规上、龙头企业", "标签: “龙头企业”不是有效的标签", NULL},
		{ORG_C_CHAIN, "纺织", "产业链: “纺织”不是有效的产业链", NULL},
		{ORG_C_GRID, "", "网格编码: 必填", NULL},
		{ORG_C_GRID, "SC-XX-G09", "网格编码: 没有编码为“SC-XX-G09”的网格", NULL},
		{ORG_C_GRID, "杭埠镇", "网格编码: 没有编码为“杭埠镇”的网格", NULL},
		{ORG_C_ADDRESS, longaddr, "地址: 过长", NULL},
		{ORG_C_EMPLOYEES, "-5", "从业人数: “-5”不是非负整数", NULL},
		{ORG_C_EMPLOYEES, "三十", "从业人数: “三十”不是非负整数", NULL},
		{ORG_C_EMPLOYEES, "1.5", "从业人数: “1.5”不是非负整数", NULL},
		{ORG_C_EMPLOYEES, "99999999", "从业人数: “99999999”过大", NULL},
		{ORG_C_PARTY_MEMBERS, "abc", "党员人数: “abc”不是非负整数", NULL},
		{ORG_C_PARTY_ORG, "", "党组织: 必填", ""},
		{ORG_C_PARTY_ORG, "有", "党组织: “有”不是有效的党组织情况", "有"},
		{ORG_C_PARTY_SINCE, "", "党组织成立日期: 已建党组织（挂靠建）时必填", NULL},
		{ORG_C_PARTY_SINCE, "2021-02-30", "党组织成立日期: “2021-02-30”：2021 年 2 月没有 30 日", NULL},
		{ORG_C_PARTY_SINCE, "去年", "党组织成立日期: “去年”不是有效日期", NULL},
		{ORG_C_PARTY_SINCE, "2021-03-05", "党组织成立日期: 党组织为“无”时不应填写成立日期", "无"},
		{ORG_C_CONTACT, longcontact, "联系人: 过长", NULL},
		{ORG_C_PHONE, "12345", "联系电话: “12345”不是有效的电话号码", NULL},
		{ORG_C_PHONE, "564-8612345", "联系电话: “564-8612345”不是有效的电话号码", NULL},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char file[8192], row[4096];
		const struct bad_case *b = &cases[k];
		row_with(row, sizeof row, b);
		snprintf(file, sizeof file,
			 "%s%s,舒城县万佛湖旅游有限公司,企业,,,SC-HB-G01,,,,无,,,\n%s", TU_ORG_HDR, tu_credit_code(8), row);
		struct import_counts c;
		tu_expect_reject(gw, "bad.csv", file, k, b->fragment, &c);
		assert_int_equal(c.inserted, 0);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM org"), 0);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl <> 'grid' AND tbl <> 'grids'"), 0);
	}
	gw_close(gw);
}

static void test_missing_column_and_deleted_grid(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("miss.db");
	char buf[1024];
	snprintf(buf, sizeof buf, "统一社会信用代码,名称,类型,网格编码\n%s,舒城县茶叶有限公司,企业,SC-HB-G01\n", tu_credit_code(11));
	tu_write_in("miss.csv", buf);
	struct import_counts c;
	/* Forced kind: without 党组织 the header is no kind at all. */
	char p[512];
	tu_path(p, sizeof p, "miss.csv");
	const char *paths[] = {p};
	struct import_opts o = {0, IK_ORG, tu_collect, NULL};
	struct gw_err e;
	assert_int_equal(import_files(gw, paths, 1, &o, &c, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "缺少必需的列“党组织”"));
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM org"), 0);

	/* A grid that has been deleted (softly, as an org refers to it). */
	snprintf(buf, sizeof buf, "%s%s,舒城县茶叶有限公司,企业,,,SC-HB-G02,,,,无,,,\n", TU_ORG_HDR, tu_credit_code(11));
	tu_import_or_fail(gw, "g2.csv", buf, &c);
	struct grid_rec g;
	assert_int_equal(grid_by_code(gw, "SC-HB-G02", &g, &e), GW_OK);
	assert_int_equal(grid_delete(gw, g.id, &e), GW_OK);
	snprintf(buf, sizeof buf, "%s%s,舒城县桃溪镇米业公司,企业,,,SC-HB-G02,,,,无,,,\n", TU_ORG_HDR, tu_credit_code(12));
	tu_write_in("g2b.csv", buf);
	assert_int_equal(tu_import_named(gw, "g2b.csv", 0, 1, &c), GW_EINVAL);
	assert_non_null(strstr(tu_said, "网格编码: 网格“SC-HB-G02”已删除"));
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM org"), 1);
	gw_close(gw);
}

static void test_skip_bad(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("skip.db");
	char buf[2048], wrong[19];
	snprintf(wrong, sizeof wrong, "%s", tu_credit_code(21));
	wrong[17] = wrong[17] == 'X' ? 'Y' : 'X';
	snprintf(buf, sizeof buf,
		 "%s%s,舒城县春秋塑胶有限公司,企业,,,SC-HB-G01,,,,无,,,\n"
		 "%s,舒城县错误代码公司,企业,,,SC-HB-G01,,,,无,,,\n"
		 "%s,舒城县晓天镇茶业合作社,社会组织,,,SC-HB-G02,,,,单独建,,,\n"
		 "%s,舒城县万佛湖旅游有限公司,企业,,,SC-HB-G01,,,,无,,,\n",
		 TU_ORG_HDR, tu_credit_code(20), wrong, tu_credit_code(22), tu_credit_code(23));
	char *r = tu_import_skip_bad(gw, "skip.csv", buf, 2, 2);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM org"), 2);
	struct org_rec o;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(20), &o, NULL), GW_OK);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(23), &o, NULL), GW_OK);
	assert_non_null(strstr(r, "舒城县错误代码公司"));
	assert_non_null(strstr(r, "统一社会信用代码: "));
	assert_non_null(strstr(r, "舒城县晓天镇茶业合作社"));
	assert_non_null(strstr(r, "党组织成立日期: 已建党组织（单独建）时必填"));
	assert_null(strstr(r, "舒城县春秋塑胶有限公司"));
	free(r);
	gw_close(gw);
}

/* A township's sheet without some optional columns leaves them alone; the
 * date of a party organisation dissolved (none) is cleared. */
static void test_absent_columns_and_party_rules(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("absent.db");
	struct import_counts c;
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	char buf[1024];
	snprintf(buf, sizeof buf, "统一社会信用代码,名称,类型,网格编码,党组织\n"
		 "%s,安徽舒城预制菜食品有限公司,企业,SC-HB-G01,单独建\n", tu_credit_code(1));
	tu_import_or_fail(gw, "part.csv", buf, &c);
	assert_int_equal(c.unchanged, 1);
	struct org_rec o;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o, NULL), GW_OK);
	assert_string_equal(o.tags, "above_scale;specialized");
	assert_string_equal(o.party_org_since, "2021-03-05");
	assert_int_equal(o.employees, 320);
	/* party_org becomes none: the stored date goes with it. */
	snprintf(buf, sizeof buf, "统一社会信用代码,名称,类型,网格编码,党组织\n"
		 "%s,安徽舒城预制菜食品有限公司,企业,SC-HB-G01,无\n", tu_credit_code(1));
	tu_import_or_fail(gw, "none.csv", buf, &c);
	assert_int_equal(c.updated, 1);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o, NULL), GW_OK);
	assert_string_equal(o.party_org, "none");
	assert_string_equal(o.party_org_since, "");
	assert_string_equal(o.contact, "王建国");
	/* Back to standalone without the date column: the date is required. */
	snprintf(buf, sizeof buf, "统一社会信用代码,名称,类型,网格编码,党组织\n"
		 "%s,安徽舒城预制菜食品有限公司,企业,SC-HB-G01,单独建\n", tu_credit_code(1));
	tu_write_in("back.csv", buf);
	assert_int_equal(tu_import_named(gw, "back.csv", 0, 1, &c), GW_EINVAL);
	assert_non_null(strstr(tu_said, "back.csv:2: 党组织成立日期: 已建党组织（单独建）时必填"));
	gw_close(gw);
}

static void test_export_round_trip(void **state)
{
	(void)state;
	struct gw *a = tu_with_grids6("rt_a.db"), *b = tu_with_grids6("rt_b.db");
	struct import_counts c;
	tu_import_or_fail(a, "orgs.csv", good_orgs(), &c);
	char buf[1024];
	snprintf(buf, sizeof buf,
		 "%s%s,\"舒城县\"\"红色\"\"物业服务中心\",社会组织,平台经济、人力资源,互联网,SC-KF-G01,\"梅河路 2 号，\"\"东门\"\"\",0,0,挂靠建,2020-01-01,,\n",
		 TU_ORG_HDR, tu_credit_code(30));
	tu_import_or_fail(a, "more.csv", buf, &c);
	char *ea = tu_round_trip(a, b, IK_ORG, 4);
	assert_memory_equal(ea, "\xef\xbb\xbf", 3);
	assert_memory_equal(ea + 3, TU_ORG_HDR, strlen(TU_ORG_HDR) - 1);
	assert_memory_equal(ea + 3 + strlen(TU_ORG_HDR) - 1, "\r\n", 2);
	assert_non_null(strstr(ea, "规上、专精特新"));
	assert_non_null(strstr(ea, "行业协会商会"));
	assert_non_null(strstr(ea, "2021-03-05"));
	/* Order by credit code: cc(1) before cc(2). */
	assert_true(strstr(ea, tu_credit_code(1)) < strstr(ea, tu_credit_code(2)));
	struct org_rec o;
	assert_int_equal(org_by_credit_code(b, tu_credit_code(30), &o, NULL), GW_OK);
	assert_string_equal(o.name, "舒城县\"红色\"物业服务中心");
	assert_string_equal(o.tags, "platform;hr_agency");
	assert_int_equal(o.employees, 0);
	free(ea);
	gw_close(a);
	gw_close(b);
}

static void test_delete(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("del.db");
	struct import_counts c;
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	char buf[512];
	snprintf(buf, sizeof buf, "姓名,手机,类别,联系单位\n陈志强,13900001111,专职,%s\n", tu_credit_code(1));
	tu_import_or_fail(gw, "ins.csv", buf, &c);
	struct org_rec o1, o2;
	struct gw_err e;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o1, NULL), GW_OK);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(2), &o2, NULL), GW_OK);
	/* Referenced by an instructor: soft. */
	assert_int_equal(org_delete(gw, o1.id, &e), GW_OK);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o1, NULL), GW_OK);
	assert_int_equal(o1.deleted, 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM instructor_org"), 1);
	/* Not referenced: gone. */
	assert_int_equal(org_delete(gw, o2.id, &e), GW_OK);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(2), &o2, &e), GW_ENOTFOUND);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'org' AND action = 'delete'"), 2);
	assert_int_equal(org_delete(gw, "0123", &e), GW_ENOTFOUND);
	/* Deleted records leave the export. */
	char *ex = tu_exported(gw, IK_ORG, "del_export.csv");
	assert_null(strstr(ex, tu_credit_code(1)));
	assert_null(strstr(ex, tu_credit_code(2)));
	assert_non_null(strstr(ex, tu_credit_code(3)));
	free(ex);
	/* Importing the record again brings it back. */
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	assert_int_equal(c.updated, 1);
	assert_int_equal(c.inserted, 1);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o1, NULL), GW_OK);
	assert_int_equal(o1.deleted, 0);
	gw_close(gw);
}

static void test_plan(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("plan.db");
	struct import_counts c;
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	struct org_rec o;
	struct gw_err e;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(1), &o, NULL), GW_OK);
	const char *plan = "一企一策：\n1. 年内成立党支部；\n2. 发展党员 2 名。";
	assert_int_equal(org_plan_set(gw, o.id, plan, &e), GW_OK);
	char out[1024];
	assert_int_equal(org_plan_get(gw, o.id, out, sizeof out, &e), GW_OK);
	assert_string_equal(out, plan);
	/* Import neither shows nor touches the plan. */
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	assert_int_equal(c.unchanged, 3);
	char edited[4096];
	snprintf(edited, sizeof edited, "%s", good_orgs());
	char *p = strstr(edited, "王建国");
	memcpy(p, "王建军", strlen("王建军"));
	tu_import_or_fail(gw, "orgs2.csv", edited, &c);
	assert_int_equal(c.updated, 1);
	assert_int_equal(org_plan_get(gw, o.id, out, sizeof out, &e), GW_OK);
	assert_string_equal(out, plan);
	assert_int_equal(org_plan_set(gw, o.id, "计划\x01", &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "培育计划: "));
	assert_int_equal(org_plan_get(gw, "nope", out, sizeof out, &e), GW_ENOTFOUND);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'org' AND new LIKE '%plan%'"), 1);
	gw_close(gw);
}

struct page {
	int n;
	char names[16][400];
	char last_name[400], last_id[33];
};

static int collect_page(void *ctx, const struct org_rec *o)
{
	struct page *p = ctx;
	snprintf(p->names[p->n++], sizeof p->names[0], "%s", o->name);
	snprintf(p->last_name, sizeof p->last_name, "%s", o->name);
	snprintf(p->last_id, sizeof p->last_id, "%s", o->id);
	return p->n >= 16;
}

static void test_list_pages(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("list.db");
	struct import_counts c;
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	char buf[1024];
	/* Two with the same name: paging must not lose either. */
	snprintf(buf, sizeof buf,
		 "%s%s,舒城县同名公司,企业,,,SC-KF-G01,,,,无,,,\n%s,舒城县同名公司,企业,,,SC-HB-G01,,,,无,,,\n",
		 TU_ORG_HDR, tu_credit_code(40), tu_credit_code(41));
	tu_import_or_fail(gw, "same.csv", buf, &c);
	struct page all = {0};
	struct gw_err e;
	int n = 0, seen = 0;
	struct org_key key = {NULL, NULL};
	char names[8][400];
	for (;;) {
		struct page p = {0};
		assert_int_equal(org_list(gw, NULL, key.name ? &key : NULL, 2, collect_page, &p, &n, &e), GW_OK);
		assert_int_equal(n, p.n);
		if (!n)
			break;
		assert_true(n <= 2);
		for (int i = 0; i < n; i++)
			snprintf(names[seen++], sizeof names[0], "%s", p.names[i]);
		snprintf(all.last_name, sizeof all.last_name, "%s", p.last_name);
		snprintf(all.last_id, sizeof all.last_id, "%s", p.last_id);
		key.name = all.last_name;
		key.id = all.last_id;
	}
	assert_int_equal(seen, 5);
	for (int i = 1; i < seen; i++)
		assert_true(strcmp(names[i - 1], names[i]) <= 0);
	int same = 0;
	for (int i = 0; i < seen; i++)
		same += strcmp(names[i], "舒城县同名公司") == 0;
	assert_int_equal(same, 2);
	/* A township holds its grids' organisations; a park only its own. */
	struct grid_rec g;
	assert_int_equal(grid_by_code(gw, "SC-HB", &g, &e), GW_OK);
	struct page p = {0};
	assert_int_equal(org_list(gw, g.id, NULL, 50, collect_page, &p, &n, &e), GW_OK);
	assert_int_equal(n, 4);
	assert_int_equal(grid_by_code(gw, "SC-KF", &g, &e), GW_OK);
	memset(&p, 0, sizeof p);
	assert_int_equal(org_list(gw, g.id, NULL, 50, collect_page, &p, &n, &e), GW_OK);
	assert_int_equal(n, 1);
	assert_string_equal(p.names[0], "舒城县同名公司");
	gw_close(gw);
}

/* A form saves by id with the version it opened: the credit code may be
 * corrected, a stale version or a code of another record is refused. */
static void test_form_edit(void **state)
{
	(void)state;
	struct gw *gw = tu_with_grids6("form.db");
	struct import_counts c;
	tu_import_or_fail(gw, "orgs.csv", good_orgs(), &c);
	struct org_rec o;
	struct gw_err e;
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(3), &o, NULL), GW_OK);
	const char *vals[ORG_NCOLS] = {tu_credit_code(50), "杭埠镇新时代志愿服务社", "社会组织", "", "", "SC-HB",
				       "", "", "", "无", "", "", ""};
	struct tu_form form;
	struct import_row *r = tu_form_row(&form, &org_ops, vals, o.id, 2);
	enum upsert_result res;
	assert_int_equal(org_ops.row(gw, r, &res, &e), GW_ECONFLICT);
	assert_non_null(strstr(e.msg, "已被他人修改"));
	r->version = 1;
	vals[ORG_C_CREDIT] = tu_credit_code(1);
	assert_int_equal(org_ops.row(gw, r, &res, &e), GW_EEXIST);
	assert_non_null(strstr(e.msg, "统一社会信用代码: 已有单位“安徽舒城预制菜食品有限公司”使用此代码"));
	vals[ORG_C_CREDIT] = tu_credit_code(50);
	assert_int_equal(org_ops.row(gw, r, &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(3), &o, &e), GW_ENOTFOUND);
	assert_int_equal(org_by_credit_code(gw, tu_credit_code(50), &o, &e), GW_OK);
	assert_int_equal(o.version, 2);
	gw_close(gw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_chinese),
		cmocka_unit_test(test_import_english),
		cmocka_unit_test(test_reimport_unchanged),
		cmocka_unit_test(test_edit_updates_and_audits),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_missing_column_and_deleted_grid),
		cmocka_unit_test(test_skip_bad),
		cmocka_unit_test(test_absent_columns_and_party_rules),
		cmocka_unit_test(test_export_round_trip),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_list_pages),
		cmocka_unit_test(test_form_edit),
	};
	return tu_run("org", tests);
}
