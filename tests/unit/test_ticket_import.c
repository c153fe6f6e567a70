/* test_ticket_import.c - tickets.csv: good files in Chinese and English,
 * re-import, updates and their audit, every bad value of the contract,
 * numberless matching, number assignment, resolved times, departments,
 * form edits and the export -> import round trip. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "gw.h"
#include "import.h"
#include "ticket.h"
#include "validate.h"
#include "worker.h"

#include "testutil.h"

static char org_code[19];

/* ---- helpers ---------------------------------------------------------- */

static const char grids_csv[] =
	"编码,名称,层级,上级编码,划分依据\n"
	"SC,舒城县,县,,\n"
	"SC-HB,杭埠镇,乡镇,SC,\n"
	"SC-HB-G01,杭埠镇第一网格,网格,SC-HB,地域\n"
	"SC-HB-G02,杭埠镇第二网格,网格,SC-HB,产业链\n";

static const char workers_csv[] =
	"姓名,手机,职业,平台\n"
	"李骑手,13900000002,外卖骑手,美团\n";

/* A database with grids, one organisation, one instructor and one worker. */
static struct gw *open_fixture(const char *name, const struct config *cfg_in, const char *office)
{
	struct gw *gw = tu_open_in(name, cfg_in, office);
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "grids.csv", grids_csv, &c), GW_OK);
	assert_int_equal(tu_import_text(gw, "workers.csv", workers_csv, &c), GW_OK);
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "INSERT INTO org(id, credit_code, name, kind, grid_id, office, created_at, updated_at) "
		 "SELECT 'org-%s', '%s', '舒城县杭埠食品有限公司', 'enterprise', id, 'SC', '2026-01-01', "
		 "'2026-01-01' FROM grid WHERE code = 'SC-HB-G01';"
		 "INSERT INTO instructor(id, phone, name, role, office, created_at, updated_at) "
		 "VALUES ('ins-%s', '13900000001', '王指导', 'full_time', 'SC', '2026-01-01', '2026-01-01');",
		 name, org_code, name);
	tu_exec(gw, sql);
	return gw;
}

static long long audits(struct gw *gw)
{
	return tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'ticket' AND record_id <> '-'");
}

#define ZH_HEADER "编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间,办结时间\n"

/* Three tickets: numbered, numberless, finished; %s is the org's code. */
static char good_zh[2048];

static void make_good_zh(void)
{
	snprintf(good_zh, sizeof good_zh,
		 ZH_HEADER
		 "HB-2025-000007,宿舍改造,\"职工宿舍漏水，\n需改造\",职工住房,书记帮办日,SC-HB-G01,%s,张师傅,0564-8621234,县住房和城乡建设局,13900000001,已受理,2026-02-12 10:00,\n"
		 ",骑手路口事故,,交通警情,骑手上报,sc-hb-g02,,李骑手,+86 139 0000 0002,县公安局交通管理大队,,待受理,2026-02-12 10:30:00,\n"
		 ",子女入学难,外来务工人员子女入学,子女入学,车间恳谈会,SC-HB-G01,,赵女士,13800000003,县教育体育局,,已关闭,2026/02/20 08:00,2026年03月02日\n",
		 org_code);
}

/* ---- tests ------------------------------------------------------------ */

static void test_good_zh(void **state)
{
	struct gw *gw = open_fixture("good_zh", NULL, NULL);
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", good_zh, &c), GW_OK);
	assert_int_equal(c.inserted, 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 3);

	struct ticket_rec t;
	struct gw_err e;
	assert_int_equal(ticket_by_number(gw, "HB-2025-000007", &t, &e), GW_OK);
	assert_string_equal(t.title, "宿舍改造");
	assert_string_equal(t.description, "职工宿舍漏水，\n需改造");
	assert_string_equal(t.category, "housing");
	assert_string_equal(t.source, "secretary_day");
	assert_string_equal(t.grid_code, "SC-HB-G01");
	assert_string_equal(t.org_code, org_code);
	assert_string_equal(t.reporter_phone, "0564-8621234");
	assert_string_equal(t.department, "县住房和城乡建设局");
	assert_string_equal(t.instructor_phone, "13900000001");
	assert_string_equal(t.status, "accepted");
	assert_string_equal(t.created_at, "2026-02-12 10:00:00");
	/* housing: 15 working days, across the Spring Festival */
	assert_string_equal(t.due_on, "2026-03-11");
	assert_string_equal(t.worker_id, "");
	assert_string_equal(t.office, "SC");

	/* The numberless ones got this office's numbers in order. */
	assert_int_equal(ticket_by_number(gw, "SC-2026-000001", &t, &e), GW_OK);
	assert_string_equal(t.title, "骑手路口事故");
	assert_string_equal(t.grid_code, "SC-HB-G02");
	assert_string_equal(t.reporter_phone, "13900000002");
	assert_string_equal(t.due_on, "2026-02-24");   /* traffic: 3 working days */
	struct worker_rec w;
	assert_int_equal(worker_by_phone(gw, "13900000002", &w, &e), GW_OK);
	assert_string_equal(t.worker_id, w.id);        /* a registered rider's report */
	assert_string_equal(t.org_id, "");
	assert_string_equal(t.instructor_id, "");

	assert_int_equal(ticket_by_number(gw, "SC-2026-000002", &t, &e), GW_OK);
	assert_string_equal(t.status, "closed");
	assert_string_equal(t.created_at, "2026-02-20 08:00:00");
	assert_string_equal(t.resolved_at, "2026-03-02 00:00:00");
	assert_string_equal(t.closed_at, "2026-03-02 00:00:00");
	assert_int_equal(ticket_by_number(gw, "SC-2026-000003", &t, &e), GW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "SC-2026-000003"));

	/* Every insert has its "import" event and a short audit record. */
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket_event WHERE action = 'import' "
				   "AND from_status IS NULL AND to_status IN ('accepted','new','closed')"), 3);
	assert_int_equal(audits(gw), 3);
	assert_string_equal(tu_q_text(gw, "SELECT a.new FROM audit a JOIN ticket t ON t.id = a.record_id "
				       "WHERE t.number = 'SC-2026-000001'"),
			    "{\"number\":\"SC-2026-000001\",\"title\":\"骑手路口事故\"}");
	assert_int_equal(tu_count(gw, "SELECT last FROM ticket_seq WHERE office = 'SC' AND year = 2026"), 2);
	gw_close(gw);
}

static void test_good_en(void **state)
{
	struct gw *gw = open_fixture("good_en", NULL, NULL);
	struct import_counts c;
	char text[1024];
	snprintf(text, sizeof text,
		 "title,category,source,grid_code,org_code,reporter_phone,department,instructor_phone,status,created_at,resolved_at,number\n"
		 "Financing for 舒城食品,financing,Guidance_Station,SC-HB-G01,%s,13800000009,县财政局,13900000001,RESOLVED,2026-10-09 09:00,2026-10-20 17:30,\n"
		 "Unsafe ladder,safety_hazard,phone,SC-HB-G02,,,,,in_progress,2026-09-30 16:00,,EN-1\n",
		 org_code);
	assert_int_equal(tu_import_text(gw, "en.csv", text, &c), GW_OK);
	assert_int_equal(c.inserted, 2);
	struct ticket_rec t;
	assert_int_equal(ticket_by_number(gw, "SC-2026-000001", &t, NULL), GW_OK);
	assert_string_equal(t.category, "financing");
	assert_string_equal(t.source, "guidance_station");
	assert_string_equal(t.status, "resolved");
	assert_string_equal(t.resolved_at, "2026-10-20 17:30:00");
	assert_string_equal(t.closed_at, "");
	assert_string_equal(t.department, "县财政局");
	assert_int_equal(ticket_by_number(gw, "EN-1", &t, NULL), GW_OK);
	assert_string_equal(t.category, "safety_hazard");
	assert_string_equal(t.due_on, "2026-10-10");   /* 3 working days over National Day */
	assert_string_equal(t.department, "");
	gw_close(gw);
}

static void test_reimport_unchanged(void **state)
{
	struct gw *gw = open_fixture("reimport", NULL, NULL);
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", good_zh, &c), GW_OK);
	long long events = tu_count(gw, "SELECT count(*) FROM ticket_event");
	long long a = audits(gw);
	assert_int_equal(tu_import_text(gw, "tickets.csv", good_zh, &c), GW_OK);
	assert_int_equal(c.inserted, 0);
	assert_int_equal(c.updated, 0);
	assert_int_equal(c.unchanged, 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket_event"), events);
	assert_int_equal(audits(gw), a);
	assert_int_equal(tu_count(gw, "SELECT max(version) FROM ticket"), 1);
	assert_int_equal(tu_count(gw, "SELECT last FROM ticket_seq WHERE year = 2026"), 2);
	gw_close(gw);
}

static void test_update_audited(void **state)
{
	struct gw *gw = open_fixture("update", NULL, NULL);
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", good_zh, &c), GW_OK);
	/* Only some columns: the others keep what is stored. */
	const char *text = "编号,描述,标题,类别,来源,网格编码,状态\n"
			   "HB-2025-000007,宿舍已开工改造,宿舍改造,职工住房,书记帮办日,SC-HB-G01,办理中\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_int_equal(c.updated, 1);
	struct ticket_rec t;
	assert_int_equal(ticket_by_number(gw, "HB-2025-000007", &t, NULL), GW_OK);
	assert_string_equal(t.description, "宿舍已开工改造");
	assert_string_equal(t.status, "in_progress");
	assert_int_equal(t.version, 2);
	assert_string_equal(t.department, "县住房和城乡建设局");   /* column absent: kept */
	assert_string_equal(t.org_code, org_code);
	assert_string_equal(t.created_at, "2026-02-12 10:00:00");
	assert_string_equal(t.due_on, "2026-03-11");
	const char *old = tu_q_text(gw, "SELECT old FROM audit WHERE tbl = 'ticket' AND action = 'update'");
	const char *new = tu_q_text(gw, "SELECT new FROM audit WHERE tbl = 'ticket' AND action = 'update'");
	assert_non_null(strstr(old, "\"description\":\"职工宿舍漏水，\\n需改造\""));
	assert_non_null(strstr(old, "\"status\":\"accepted\""));
	assert_non_null(strstr(new, "\"description\":\"宿舍已开工改造\""));
	assert_non_null(strstr(new, "\"status\":\"in_progress\""));
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket_event WHERE from_status = 'accepted' "
				   "AND to_status = 'in_progress' AND action = 'import'"), 1);
	/* A changed category moves the due date. */
	text = "编号,标题,类别,来源,网格编码\nHB-2025-000007,宿舍改造,矛盾纠纷,书记帮办日,SC-HB-G01\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_int_equal(ticket_by_number(gw, "HB-2025-000007", &t, NULL), GW_OK);
	assert_string_equal(t.category, "dispute");
	assert_string_equal(t.due_on, "2026-02-26");   /* 5 working days */
	gw_close(gw);
}

struct bad_case {
	const char *row;        /* cells for BAD_HEADER */
	const char *fragment;   /* expected in the report */
};

#define BAD_HEADER "编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间,办结时间\n"
#define GOOD_ROW ",好的工单,,其他,电话,SC-HB-G01,,,,,,,2026-03-02 10:00,\n"

static void test_bad_values(void **state)
{
	struct gw *gw = open_fixture("bad", NULL, NULL);
	tu_exec(gw, "UPDATE grid SET deleted = 1 WHERE code = 'SC-HB-G02'");
	char bad_check[19];
	memcpy(bad_check, org_code, 19);
	bad_check[17] = bad_check[17] == '0' ? '1' : '0';
	char unknown_org[19] = "91341523MA2TK9999";
	unknown_org[17] = valid_credit_check_char(unknown_org);
	unknown_org[18] = '\0';
	char row_bad_check[256], row_unknown_org[256];
	snprintf(row_bad_check, sizeof row_bad_check, ",标题,,其他,电话,SC-HB-G01,%s,,,,,,,", bad_check);
	snprintf(row_unknown_org, sizeof row_unknown_org, ",标题,,其他,电话,SC-HB-G01,%s,,,,,,,", unknown_org);
	const struct bad_case cases[] = {
		{",,,其他,电话,SC-HB-G01,,,,,,,,", "标题: 必填"},
		{",一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		 "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		 "一二三四五六七八九十一二三四五六七八九十一,,其他,电话,SC-HB-G01,,,,,,,,",
		 "标题: 过长：101 个字"},
		{",标题,\x01控制,其他,电话,SC-HB-G01,,,,,,,,", "描述: 含有控制字符"},
		{",标题,,,电话,SC-HB-G01,,,,,,,,", "类别: 必填"},
		{",标题,,吃饭,电话,SC-HB-G01,,,,,,,,", "类别: “吃饭”不是有效的类别"},
		{",标题,,其他,,SC-HB-G01,,,,,,,,", "来源: 必填"},
		{",标题,,其他,微信,SC-HB-G01,,,,,,,,", "来源: “微信”不是有效的来源"},
		{",标题,,其他,电话,,,,,,,,,", "网格编码: 必填"},
		{",标题,,其他,电话,SC-XX-G99,,,,,,,,", "网格编码: 没有编码为“SC-XX-G99”的网格"},
		{",标题,,其他,电话,SC-HB-G02,,,,,,,,", "网格编码: 网格“SC-HB-G02”已删除"},
		{",标题,,其他,电话,SC HB,,,,,,,,", "网格编码: 网格编码中不能有空格"},
		{row_bad_check, "关联单位: 统一社会信用代码校验位错误"},
		{row_unknown_org, "关联单位: 没有统一社会信用代码为"},
		{",标题,,其他,电话,SC-HB-G01,123,,,,,,,", "关联单位: 统一社会信用代码应为 18 位"},
		{",标题,,其他,电话,SC-HB-G01,,一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三,,,,,,",
		 "反映人: 过长"},
		{",标题,,其他,电话,SC-HB-G01,,,12345,,,,,", "反映人电话: “12345”不是有效的电话号码"},
		{",标题,,其他,电话,SC-HB-G01,,,,县农业农村局,,,,", "承办部门: “县农业农村局”不是配置中的承办部门"},
		{",标题,,其他,电话,SC-HB-G01,,,,,0564-8621234,,,", "指导员手机: “0564-8621234”不是有效的手机号"},
		{",标题,,其他,电话,SC-HB-G01,,,,,13700000000,,,", "指导员手机: 没有手机号为 13700000000 的指导员"},
		{",标题,,其他,电话,SC-HB-G01,,,,,,已完成,,", "状态: “已完成”不是有效的状态"},
		{",标题,,其他,电话,SC-HB-G01,,,,,,,2026-02-30 10:00,", "登记时间: “2026-02-30 10:00”：2026 年 2 月没有 30 日"},
		{",标题,,其他,电话,SC-HB-G01,,,,,,,昨天,", "登记时间: “昨天”不是有效日期"},
		{",标题,,其他,电话,SC-HB-G01,,,,,,已办结,2026-03-01 10:00,3月5日", "办结时间: “3月5日”不是有效日期"},
		{",标题,,其他,电话,SC-HB-G01,,,,,,已办结,2026-03-01 10:00,", "办结时间: 状态为已办结或已关闭时必填"},
		{",标题,,其他,电话,SC-HB-G01,,,,,,closed,2026-03-01 10:00,", "办结时间: 状态为已办结或已关闭时必填"},
		{",标题,,其他,电话,SC-HB-G01,,,,,,已办结,2026-03-01 10:00,2026-03-01 09:59:59",
		 "办结时间: 办结时间 2026-03-01 09:59:59 早于登记时间 2026-03-01 10:00:00"},
		{",标题,,其他,电话,SC-HB-G01,,,,,,办理中,2026-03-01 10:00,2026-03-02", "办结时间: 只有已办结或已关闭的工单才有办结时间"},
		{"SC 2026 1,标题,,其他,电话,SC-HB-G01,,,,,,,,", "编号: 编号中不能有空格"},
		{"SC-2026-0000000000000000000000001,标题,,其他,电话,SC-HB-G01,,,,,,,,", "编号: 过长：33 个字"},
	};
	long long a0 = tu_count(gw, "SELECT count(*) FROM audit");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[2048];
		snprintf(text, sizeof text, BAD_HEADER GOOD_ROW "%s\n", cases[i].row);
		struct import_counts c;
		assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_EINVAL);
		char want[512];
		snprintf(want, sizeof want, "tickets.csv:3: %s", cases[i].fragment);
		if (!strstr(tu_said, want))
			fail_msg("case %zu: want \"%s\" in:\n%s", i, want, tu_said);
		assert_int_equal(c.rejected, 1);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 0);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket_event"), 0);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket_seq"), 0);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit"), a0);
	}
	/* A missing required column stops the file before any row. */
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", "标题,来源,网格编码\n标题,电话,SC-HB-G01\n", &c),
			 GW_EUSAGE);
	assert_int_equal(tu_import_text(gw, "t.csv", "编号,标题,来源,网格编码\n,标题,电话,SC-HB-G01\n", &c) == GW_OK, 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 0);
	/* Forced kind: the missing column is named. */
	char path[128];
	snprintf(path, sizeof path, "%s/forced.csv", tu_dir);
	tu_write_file(path, "编号,标题,来源,网格编码\n,标题,电话,SC-HB-G01\n");
	struct import_opts o = {0, IK_TICKET, tu_say, NULL};
	struct gw_err e;
	assert_int_equal(import_files(gw, (const char *const[]){path}, 1, &o, &c, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "缺少必需的列“类别”"));
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 0);
	gw_close(gw);
}

static void test_numberless_matched(void **state)
{
	struct gw *gw = open_fixture("numberless", NULL, NULL);
	const char *text = "标题,描述,类别,来源,网格编码,登记时间\n"
			   "路灯不亮,杭埠路口,安全隐患,骑手上报,SC-HB-G01,2026-03-02 08:00\n"
			   "路灯不亮,杭埠路口,安全隐患,骑手上报,SC-HB-G01,2026-03-02 08:01\n"
			   "路灯不亮,杭埠路口,安全隐患,骑手上报,SC-HB-G02,2026-03-02 08:00\n";
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_int_equal(c.inserted, 3);
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_int_equal(c.unchanged, 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 3);
	/* Same title, grid and time with a new description: the same ticket. */
	text = "标题,描述,类别,来源,网格编码,登记时间\n"
	       "路灯不亮,杭埠路口东侧已修复,安全隐患,骑手上报,SC-HB-G01,2026/3/2 8:00\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_int_equal(c.updated, 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 3);
	assert_string_equal(tu_q_text(gw, "SELECT description FROM ticket WHERE number = 'SC-2026-000001'"),
			    "杭埠路口东侧已修复");
	/* A duplicate row inside one file is one ticket. */
	text = "标题,类别,来源,网格编码,登记时间\n"
	       "井盖缺失,安全隐患,电话,SC-HB-G01,2026-03-03 09:00\n"
	       "井盖缺失,安全隐患,电话,SC-HB-G01,2026-03-03 09:00\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_int_equal(c.inserted, 1);
	assert_int_equal(c.unchanged, 1);
	/* Without a registration time a row is registered now: a new ticket. */
	text = "标题,类别,来源,网格编码\n无时间,其他,电话,SC-HB-G01\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT created_at FROM ticket WHERE title = '无时间'"),
			    "2026-03-02 09:00:00");
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 5);
	gw_close(gw);
}

/* A number that stands twice in one file with other values is refused
 * (the later row would silently overwrite the earlier), whether the
 * earlier row inserted the ticket or updated a stored one; an exact repeat
 * is only unchanged (test_numberless_matched). */
static void test_repeated_number_refused(void **state)
{
	(void)state;
	struct gw *gw = open_fixture("repeated", NULL, NULL);
	struct import_counts c;
	const char *head = "编号,标题,类别,来源,网格编码,登记时间\n";
	char text[1024];
	snprintf(text, sizeof text, "%s%s%s", head, "SC-2026-000007,路灯不亮,安全隐患,电话,SC-HB-G01,2026-03-02 08:00\n",
		 "SC-2026-000007,井盖缺失,安全隐患,电话,SC-HB-G01,2026-03-02 08:00\n");
	tu_expect_reject(gw, "new.csv", text, 1,
			 "与前面的一行重复：同一工单（SC-2026-000007）在一个文件中只能出现一次", &c);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 0);
	/* Stored first; then a file that changes it twice. */
	snprintf(text, sizeof text, "%s%s", head, "SC-2026-000007,路灯不亮,安全隐患,电话,SC-HB-G01,2026-03-02 08:00\n");
	assert_int_equal(tu_import_text(gw, "one.csv", text, &c), GW_OK);
	snprintf(text, sizeof text, "%s%s%s", head, "SC-2026-000007,路灯不亮（已修）,安全隐患,电话,SC-HB-G01,2026-03-02 08:00\n",
		 "SC-2026-000007,路灯又坏了,安全隐患,电话,SC-HB-G01,2026-03-02 08:00\n");
	tu_expect_reject(gw, "twice.csv", text, 2,
			 "与第 2 行重复：同一工单（SC-2026-000007）在一个文件中只能出现一次", &c);
	assert_string_equal(tu_q_text(gw, "SELECT title FROM ticket WHERE number = 'SC-2026-000007'"), "路灯不亮");
	/* In English too. */
	gw_set_lang(GW_LANG_EN);
	tu_expect_reject(gw, "twice.csv", text, 3,
			 "repeats row 2: the same ticket (SC-2026-000007) may stand only once in a file", &c);
	gw_set_lang(GW_LANG_ZH);
	gw_close(gw);
}

static void test_numbers_sequential(void **state)
{
	struct gw *gw = open_fixture("numbers", NULL, NULL);
	const char *text = "标题,类别,来源,网格编码,登记时间\n"
			   "甲,其他,电话,SC-HB-G01,2025-12-31 23:00\n"
			   "乙,其他,电话,SC-HB-G01,2026-01-05 09:00\n"
			   "丙,其他,电话,SC-HB-G01,2026-01-06 09:00\n"
			   "丁,其他,电话,SC-HB-G01,2025-06-01 09:00\n";
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT number FROM ticket WHERE title = '甲'"), "SC-2025-000001");
	assert_string_equal(tu_q_text(gw, "SELECT number FROM ticket WHERE title = '乙'"), "SC-2026-000001");
	assert_string_equal(tu_q_text(gw, "SELECT number FROM ticket WHERE title = '丙'"), "SC-2026-000002");
	assert_string_equal(tu_q_text(gw, "SELECT number FROM ticket WHERE title = '丁'"), "SC-2025-000002");
	/* A number of this office's form moves the counter past it. */
	text = "编号,标题,类别,来源,网格编码,登记时间\n"
	       "SC-2026-000010,戊,其他,电话,SC-HB-G01,2026-01-07 09:00\n"
	       ",己,其他,电话,SC-HB-G01,2026-01-08 09:00\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT number FROM ticket WHERE title = '己'"), "SC-2026-000011");
	/* A number already held (put there behind the counter's back) is skipped. */
	tu_exec(gw, "UPDATE ticket SET number = 'SC-2026-000012' WHERE title = '甲'");
	text = "标题,类别,来源,网格编码,登记时间\n庚,其他,电话,SC-HB-G01,2026-01-09 09:00\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT number FROM ticket WHERE title = '庚'"), "SC-2026-000013");
	/* The workflow's entry point, inside its transaction. */
	struct gw_err e;
	char number[TICKET_NUMBER_BUF];
	assert_int_equal(db_begin(gw->db, &e), GW_OK);
	assert_int_equal(ticket_next_number(gw, 2026, number, &e), GW_OK);
	assert_string_equal(number, "SC-2026-000014");
	db_rollback(gw->db);
	assert_int_equal(ticket_next_number(gw, 2027, number, &e), GW_OK);
	assert_string_equal(number, "SC-2027-000001");
	gw_close(gw);

	/* Another office counts on its own. */
	gw = open_fixture("numbers_hb", NULL, "HB");
	text = "标题,类别,来源,网格编码,登记时间\n甲,其他,电话,SC-HB-G01,2026-02-02 09:00\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT number FROM ticket"), "HB-2026-000001");
	assert_string_equal(tu_q_text(gw, "SELECT office FROM ticket"), "HB");
	gw_close(gw);
}

static void test_resolved_rules(void **state)
{
	struct gw *gw = open_fixture("resolved", NULL, NULL);
	const char *text = "编号,标题,类别,来源,网格编码,状态,登记时间,办结时间\n"
			   "R-1,当场办结,其他,来访,SC-HB-G01,已办结,2026-03-02 10:00,2026-03-02 10:00\n"
			   "R-2,关闭,其他,来访,SC-HB-G01,已关闭,2026-03-02 10:00,2026-03-03 16:00\n";
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT resolved_at FROM ticket WHERE number = 'R-1'"), "2026-03-02 10:00:00");
	assert_string_equal(tu_q_text(gw, "SELECT closed_at FROM ticket WHERE number = 'R-2'"), "2026-03-03 16:00:00");
	assert_string_equal(tu_q_text(gw, "SELECT coalesce(closed_at, '-') FROM ticket WHERE number = 'R-1'"), "-");
	/* Reopened without the column: the resolved time goes. */
	text = "编号,标题,类别,来源,网格编码,状态\nR-1,当场办结,其他,来访,SC-HB-G01,已退回\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_int_equal(c.updated, 1);
	assert_string_equal(tu_q_text(gw, "SELECT coalesce(resolved_at, '-') FROM ticket WHERE number = 'R-1'"), "-");
	assert_string_equal(tu_q_text(gw, "SELECT status FROM ticket WHERE number = 'R-1'"), "returned");
	/* Resolved without a time but the column absent and none stored: refused. */
	text = "编号,标题,类别,来源,网格编码,状态\nR-1,当场办结,其他,来访,SC-HB-G01,已办结\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_EINVAL);
	assert_non_null(strstr(tu_said, "tickets.csv:2: 办结时间: 状态为已办结或已关闭时必填"));
	/* On hold since the import, kept while it stays on hold. */
	text = "编号,标题,类别,来源,网格编码,状态\nR-1,当场办结,其他,来访,SC-HB-G01,挂起\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT hold_since FROM ticket WHERE number = 'R-1'"), "2026-03-02 09:00:00");
	gw_close(gw);
}

static void test_department_config(void **state)
{
	struct config cfg;
	config_defaults(&cfg);
	struct gw_err e;
	assert_int_equal(config_parse(&cfg, "departments = ( { name = \"县总工会\"; new_employment = true; },"
					    " { name = \"杭埠镇综治中心\"; new_employment = false; } );",
				      "test.cfg", &e), GW_OK);
	assert_int_equal(cfg.ndepts, 2);
	struct gw *gw = open_fixture("dept", &cfg, NULL);
	const char *text = "标题,类别,来源,网格编码,承办部门\n"
			   "甲,其他,电话,SC-HB-G01,杭埠镇综治中心\n"
			   "乙,其他,电话,SC-HB-G01,县教育体育局\n";
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_EINVAL);
	assert_non_null(strstr(tu_said, "tickets.csv:3: 承办部门: “县教育体育局”不是配置中的承办部门，须为配置文件所列部门之一（共 2 个：县总工会、杭埠镇综治中心）"));
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 0);
	gw_set_lang(GW_LANG_EN);
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_EINVAL);
	gw_set_lang(GW_LANG_ZH);
	assert_non_null(strstr(tu_said, "tickets.csv:3: 承办部门: '县教育体育局' is not a department of the configuration; "
				     "it must be one of the configuration's departments (2: 县总工会、杭埠镇综治中心)"));
	text = "标题,类别,来源,网格编码,承办部门\n甲,其他,电话,SC-HB-G01,杭埠镇综治中心\n";
	assert_int_equal(tu_import_text(gw, "tickets.csv", text, &c), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT department FROM ticket"), "杭埠镇综治中心");
	gw_close(gw);
}

static void test_form_edit(void **state)
{
	struct gw *gw = open_fixture("form", NULL, NULL);
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "tickets.csv", good_zh, &c), GW_OK);
	struct ticket_rec t;
	struct gw_err e;
	assert_int_equal(ticket_by_number(gw, "SC-2026-000001", &t, &e), GW_OK);
	const char *vals[TICKET_NCOLS] = {
		"SC-2026-000100", "骑手路口事故（已处理）", "", "交通警情", "骑手上报", "SC-HB-G02", "",
		"李骑手", "13900000002", "县公安局交通管理大队", "13900000001", "已受理",
		"2026-02-12 10:30:00", ""};
	enum upsert_result res;
	assert_int_equal(import_one(gw, IK_TICKET, vals, t.id, t.version + 1, &res, &e), GW_ECONFLICT);
	assert_non_null(strstr(e.msg, "SC-2026-000001"));
	assert_int_equal(import_one(gw, IK_TICKET, vals, t.id, t.version, &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(ticket_by_id(gw, t.id, &t, &e), GW_OK);
	assert_string_equal(t.number, "SC-2026-000100");
	assert_string_equal(t.title, "骑手路口事故（已处理）");
	assert_string_equal(t.instructor_phone, "13900000001");
	/* Renumbering onto another ticket's number is refused. */
	vals[0] = "HB-2025-000007";
	assert_int_equal(import_one(gw, IK_TICKET, vals, t.id, t.version, &res, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "编号: 编号“HB-2025-000007”已被另一工单使用"));
	/* Blank number in a form keeps the number. */
	vals[0] = "";
	vals[11] = "";   /* and a blank status keeps the status */
	assert_int_equal(import_one(gw, IK_TICKET, vals, t.id, t.version, &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UNCHANGED);
	assert_int_equal(ticket_by_id(gw, "0000", &t, &e), GW_ENOTFOUND);
	gw_close(gw);
}

static void test_round_trip(void **state)
{
	struct gw *a = open_fixture("trip_a", NULL, NULL);
	struct import_counts c;
	assert_int_equal(tu_import_text(a, "tickets.csv", good_zh, &c), GW_OK);
	const char *more = "编号,标题,描述,类别,来源,网格编码,状态,登记时间,办结时间\n"
			   ",\"引号\"\"和,逗号\",\"多行\n描述\",其他,来访,SC-HB-G02,已办结,2026-03-01 10:00,2026-03-02 11:00\n"
			   "X-9,挂起的工单,,融资,指导站,SC-HB-G01,挂起,2026-01-20 10:00,\n";
	assert_int_equal(tu_import_text(a, "more.csv", more, &c), GW_OK);
	char p1[128], p2[128];
	snprintf(p1, sizeof p1, "%s/export1.csv", tu_dir);
	snprintf(p2, sizeof p2, "%s/export2.csv", tu_dir);
	FILE *f = fopen(p1, "wb");
	struct gw_err e;
	assert_int_equal(export_kind(a, IK_TICKET, f, 0, &e), GW_OK);
	fclose(f);

	struct gw *b = open_fixture("trip_b", NULL, NULL);
	struct import_opts o = {0, -1, tu_say, NULL};
	assert_int_equal(import_files(b, (const char *const[]){p1}, 1, &o, &c, &e), GW_OK);
	assert_int_equal(c.inserted, 5);
	f = fopen(p2, "wb");
	assert_int_equal(export_kind(b, IK_TICKET, f, 0, &e), GW_OK);
	fclose(f);
	size_t n1, n2;
	char *t1 = tu_slurp(p1, &n1), *t2 = tu_slurp(p2, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(t1, t2, n1);
	assert_non_null(strstr(t1, "\xEF\xBB\xBF" "编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间,办结时间\r\n"));
	assert_non_null(strstr(t1, "SC-2026-000001,骑手路口事故,,交通警情,骑手上报,SC-HB-G02,,李骑手,13900000002,县公安局交通管理大队,,待受理,2026-02-12 10:30:00,\r\n"));
	assert_non_null(strstr(t1, "\"引号\"\"和,逗号\",\"多行\n描述\""));
	/* The same records: worker links and due dates re-derived alike. */
	assert_string_equal(tu_q_text(a, "SELECT group_concat(number || due_on || status || coalesce(worker_id IS NOT NULL, 0), '|') FROM (SELECT * FROM ticket ORDER BY number)"),
			    tu_q_text(b, "SELECT group_concat(number || due_on || status || coalesce(worker_id IS NOT NULL, 0), '|') FROM (SELECT * FROM ticket ORDER BY number)"));
	/* And importing the export back into a changes nothing. */
	assert_int_equal(import_files(a, (const char *const[]){p1}, 1, &o, &c, &e), GW_OK);
	assert_int_equal(c.unchanged, 5);
	free(t1);
	free(t2);
	gw_close(a);
	gw_close(b);
}

static void test_due_on(void **state)
{
	struct gw *gw = open_fixture("due", NULL, NULL);
	char due[11];
	assert_int_equal(ticket_due_on(gw, "2026-02-12 10:00:00", "traffic", 0, due), GW_OK);
	assert_string_equal(due, "2026-02-24");
	assert_int_equal(ticket_due_on(gw, "2026-02-12", "traffic", 2, due), GW_OK);
	assert_string_equal(due, "2026-02-26");
	assert_int_equal(ticket_due_on(gw, "2026-09-28 10:00:00", "land_approval", 0, due), GW_OK);
	assert_string_equal(due, "2026-10-30");
	assert_int_equal(ticket_due_on(gw, "2026-02-12", "nonsense", 0, due), GW_EINVAL);
	assert_int_equal(ticket_due_on(gw, "2026-02-31", "traffic", 0, due), GW_EINVAL);
	gw_close(gw);
}

int main(void)
{
	setenv("GRIDWORK_NOW", "2026-03-02 09:00:00", 1);
	snprintf(tu_dir, sizeof tu_dir, "/tmp/gridwork-test-ticket-XXXXXX");
	if (!mkdtemp(tu_dir))
		return 1;
	memcpy(org_code, "91341523MA2TK1234", 17);
	org_code[17] = valid_credit_check_char(org_code);
	org_code[18] = '\0';
	make_good_zh();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_zh),
		cmocka_unit_test(test_good_en),
		cmocka_unit_test(test_reimport_unchanged),
		cmocka_unit_test(test_update_audited),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_numberless_matched),
		cmocka_unit_test(test_repeated_number_refused),
		cmocka_unit_test(test_numbers_sequential),
		cmocka_unit_test(test_resolved_rules),
		cmocka_unit_test(test_department_config),
		cmocka_unit_test(test_form_edit),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_due_on),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tu_dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
