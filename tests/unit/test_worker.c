/* test_worker.c - workers.csv: good files in Chinese and English, re-import,
 * audited updates, every bad value, partial files, form edits, look-ups,
 * the points balance and the export -> import round trip. */
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
#include "worker.h"

#include "testutil.h"

static const char good_zh[] =
	"姓名,手机,职业,平台,党员,报到社区,角色\n"
	"李骑手,13900000002,外卖骑手,美团,是,SC-HB-G01,平安骑手；兼职网格员\n"
	"王快递,139 0000 0003,快递员,顺丰,否,,\n"
	"陈师傅,+8613900000004,网约车司机,滴滴,,sc-hb-g02,食品安全监督员、平安骑手\n";

static long long worker_audits(struct gw *gw, const char *action)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit WHERE tbl = 'worker' AND action = '%s'", action);
	return tu_count(gw, sql);
}

static void test_good_zh(void **state)
{
	struct gw *gw = tu_open_grids4("good_zh");
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "workers.csv", good_zh, &c), GW_OK);
	assert_int_equal(c.inserted, 3);
	struct worker_rec w;
	struct gw_err e;
	assert_int_equal(worker_by_phone(gw, "13900000002", &w, &e), GW_OK);
	assert_string_equal(w.name, "李骑手");
	assert_string_equal(w.job, "delivery_rider");
	assert_string_equal(w.platform, "美团");
	assert_int_equal(w.party_member, 1);
	assert_string_equal(w.community_code, "SC-HB-G01");
	assert_string_equal(w.roles, "grid_worker;safe_rider");
	assert_int_equal(worker_by_phone(gw, "139 0000 0003", &w, &e), GW_OK);
	assert_string_equal(w.phone, "13900000003");
	assert_int_equal(w.party_member, 0);
	assert_string_equal(w.community_id, "");
	assert_string_equal(w.roles, "");
	assert_int_equal(worker_by_phone(gw, "+86 139 0000 0004", &w, &e), GW_OK);
	assert_string_equal(w.job, "ride_hailing");
	assert_string_equal(w.community_code, "SC-HB-G02");
	assert_string_equal(w.roles, "food_safety_supervisor;safe_rider");
	assert_int_equal(worker_by_phone(gw, "13900000009", &w, &e), GW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "13900000009"));
	struct worker_rec byid;
	assert_int_equal(worker_by_id(gw, w.id, &byid, &e), GW_OK);
	assert_string_equal(byid.name, "陈师傅");
	assert_int_equal(worker_audits(gw, "insert"), 3);
	assert_non_null(strstr(tu_q_text(gw, "SELECT new FROM audit WHERE tbl = 'worker' AND new LIKE '%李骑手%'"),
			       "\"roles\":\"grid_worker;safe_rider\""));
	gw_close(gw);
}

static void test_good_en(void **state)
{
	struct gw *gw = tu_open_grids4("good_en");
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "w.csv",
				     "Name,Phone,Job,Platform,Party_Member,Community,Roles\n"
				     "Zhang San,13900000005,Trucker,货拉拉,yes,SC-HB-G01,safe_rider;GRID_WORKER\n"
				     "赵六,13900000006,other,,no,,\n", &c), GW_OK);
	assert_int_equal(c.inserted, 2);
	assert_string_equal(tu_q_text(gw, "SELECT job || '/' || party_member || '/' || roles FROM worker WHERE phone = '13900000005'"),
			    "trucker/1/grid_worker;safe_rider");
	assert_string_equal(tu_q_text(gw, "SELECT job || '/' || party_member FROM worker WHERE phone = '13900000006'"),
			    "other/0");
	gw_close(gw);
}

static void test_reimport_and_update(void **state)
{
	struct gw *gw = tu_open_grids4("update");
	struct import_counts c;
	tu_import_twice(gw, "workers.csv", good_zh, "worker", 3);
	assert_int_equal(tu_count(gw, "SELECT max(version) FROM worker"), 1);
	/* A partial file: platform changes, the absent columns stay. */
	assert_int_equal(tu_import_text(gw, "workers.csv", "姓名,手机,职业,平台\n李骑手,13900000002,外卖骑手,饿了么\n", &c), GW_OK);
	assert_int_equal(c.updated, 1);
	struct worker_rec w;
	assert_int_equal(worker_by_phone(gw, "13900000002", &w, NULL), GW_OK);
	assert_string_equal(w.platform, "饿了么");
	assert_string_equal(w.roles, "grid_worker;safe_rider");
	assert_int_equal(w.party_member, 1);
	assert_string_equal(w.community_code, "SC-HB-G01");
	assert_int_equal(w.version, 2);
	assert_int_equal(worker_audits(gw, "update"), 1);
	assert_non_null(strstr(tu_q_text(gw, "SELECT old FROM audit WHERE tbl = 'worker' AND action = 'update'"), "\"platform\":\"美团\""));
	assert_non_null(strstr(tu_q_text(gw, "SELECT new FROM audit WHERE tbl = 'worker' AND action = 'update'"), "\"platform\":\"饿了么\""));
	/* A present but empty cell clears. */
	assert_int_equal(tu_import_text(gw, "workers.csv", "姓名,手机,职业,角色\n李骑手,13900000002,外卖骑手,\n", &c), GW_OK);
	assert_int_equal(c.updated, 1);
	assert_string_equal(tu_q_text(gw, "SELECT roles FROM worker WHERE phone = '13900000002'"), "");
	gw_close(gw);
}

static void test_bad_values(void **state)
{
	struct gw *gw = tu_open_grids4("bad");
	tu_exec(gw, "UPDATE grid SET deleted = 1 WHERE code = 'SC-HB-G02'");
	static const struct {
		const char *row, *fragment;
	} cases[] = {
		{",13900000010,外卖骑手,,,,", "姓名: 必填"},
		{"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三,13900000010,外卖骑手,,,,", "姓名: 过长"},
		{"张三,,外卖骑手,,,,", "手机: 必填"},
		{"张三,1390000001,外卖骑手,,,,", "手机: “1390000001”不是有效的手机号"},
		{"张三,0564-8621234,外卖骑手,,,,", "手机: “0564-8621234”不是有效的手机号"},
		{"张三,13900000010,,,,,", "职业: 必填"},
		{"张三,13900000010,厨师,,,,", "职业: “厨师”不是有效的职业"},
		{"张三,13900000010,快递员,一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三,,,", "平台: 过长"},
		{"张三,13900000010,快递员,,也许,,", "党员: “也许”应为 是 或 否"},
		{"张三,13900000010,快递员,,,SC-XX,", "报到社区: 没有编码为“SC-XX”的网格"},
		{"张三,13900000010,快递员,,,SC-HB-G02,", "报到社区: 网格“SC-HB-G02”已删除"},
		{"张三,13900000010,快递员,,,,平安骑手、骑手", "角色: “骑手”不是有效的角色"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char text[1024];
		snprintf(text, sizeof text, "姓名,手机,职业,平台,党员,报到社区,角色\n好人,13900000011,其他,,,,\n%s\n",
			 cases[i].row);
		struct import_counts c;
		tu_expect_reject(gw, "workers.csv", text, i, cases[i].fragment, &c);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM worker"), 0);
		assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'worker'"), 0);
	}
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "workers.csv", "姓名,手机,平台\n张三,13900000010,美团\n", &c) == GW_OK, 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM worker"), 0);
	gw_close(gw);
}

static void test_form_edit(void **state)
{
	struct gw *gw = tu_open_grids4("form");
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "workers.csv", good_zh, &c), GW_OK);
	struct worker_rec w;
	struct gw_err e;
	assert_int_equal(worker_by_phone(gw, "13900000002", &w, &e), GW_OK);
	const char *vals[WORKER_NCOLS] = {"李骑手", "13900000012", "外卖骑手", "美团", "是", "SC-HB-G01", "平安骑手"};
	enum upsert_result res;
	assert_int_equal(import_one(gw, IK_WORKER, vals, w.id, w.version + 1, &res, &e), GW_ECONFLICT);
	assert_int_equal(import_one(gw, IK_WORKER, vals, w.id, w.version, &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(worker_by_phone(gw, "13900000012", &w, &e), GW_OK);
	assert_string_equal(w.roles, "safe_rider");
	assert_int_equal(worker_by_phone(gw, "13900000002", &w, &e), GW_ENOTFOUND);
	/* Taking another worker's phone is refused. */
	assert_int_equal(worker_by_phone(gw, "13900000012", &w, &e), GW_OK);
	vals[1] = "13900000003";
	assert_int_equal(import_one(gw, IK_WORKER, vals, w.id, w.version, &res, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "手机: 手机号 13900000003 已登记为 王快递"));
	gw_close(gw);
}

static void test_points(void **state)
{
	struct gw *gw = tu_open_grids4("points");
	struct import_counts c;
	assert_int_equal(tu_import_text(gw, "workers.csv", good_zh, &c), GW_OK);
	struct worker_rec w, other;
	assert_int_equal(worker_by_phone(gw, "13900000002", &w, NULL), GW_OK);
	assert_int_equal(worker_by_phone(gw, "13900000003", &other, NULL), GW_OK);
	long long bal = -1;
	struct gw_err e;
	assert_int_equal(worker_points_balance(gw, w.id, &bal, &e), GW_OK);
	assert_int_equal(bal, 0);
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "INSERT INTO points_ledger(id, worker_id, at, points, reason, operator, office) VALUES "
		 "('p1', '%s', '2026-03-01 10:00:00', 5, '上报交通警情', 'clerk', 'SC'),"
		 "('p2', '%s', '2026-03-02 10:00:00', 3, '矛盾纠纷', 'clerk', 'SC'),"
		 "('p3', '%s', '2026-03-03 10:00:00', -2, '兑换矿泉水', 'clerk', 'SC'),"
		 "('p4', '%s', '2026-03-03 10:00:00', 7, '其他人', 'clerk', 'SC')",
		 w.id, w.id, w.id, other.id);
	assert_int_equal(sqlite3_exec(db_handle(gw->db), sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(worker_points_balance(gw, w.id, &bal, &e), GW_OK);
	assert_int_equal(bal, 6);
	assert_int_equal(worker_points_balance(gw, other.id, &bal, &e), GW_OK);
	assert_int_equal(bal, 7);
	gw_close(gw);
}

static void test_round_trip(void **state)
{
	struct gw *a = tu_open_grids4("trip_a"), *b = tu_open_grids4("trip_b");
	struct import_counts c;
	assert_int_equal(tu_import_text(a, "workers.csv", good_zh, &c), GW_OK);
	gw_set_lang(GW_LANG_EN);   /* exports are Chinese whatever the UI language */
	char *t1 = tu_round_trip(a, b, IK_WORKER, 3);
	gw_set_lang(GW_LANG_ZH);
	assert_string_equal(t1, "\xEF\xBB\xBF" "姓名,手机,职业,平台,党员,报到社区,角色\r\n"
				"李骑手,13900000002,外卖骑手,美团,是,SC-HB-G01,兼职网格员、平安骑手\r\n"
				"王快递,13900000003,快递员,顺丰,否,,\r\n"
				"陈师傅,13900000004,网约车司机,滴滴,否,SC-HB-G02,食品安全监督员、平安骑手\r\n");
	free(t1);
	gw_close(a);
	gw_close(b);
}

int main(void)
{
	setenv("GRIDWORK_NOW", "2026-03-02 09:00:00", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_zh),
		cmocka_unit_test(test_good_en),
		cmocka_unit_test(test_reimport_and_update),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_form_edit),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_round_trip),
	};
	return tu_run("worker", tests);
}
