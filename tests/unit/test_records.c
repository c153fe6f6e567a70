/* test_records.c - what forms and bulk actions write with (tui/records.c)
 * and the drafts that keep a form's input (tui/draft.c): a record read as
 * contract cells saves back unchanged for every kind; a bulk change is all
 * or nothing; a new record may not take another's key; a draft survives
 * the trip to disk byte for byte (Chinese, line feeds, tabs, backslashes),
 * private (0600), replaced whole.
 *
 * Unit tests link build/libgridwork.a only, so the sources are compiled
 * into the test directly. */
#include "../../tui/draft.c"
#include "../../tui/records.c"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "instructor.h"
#include "validate.h"

#include "testutil.h"

static struct gw *county(const char *name)
{
	struct gw *gw = tu_open_zh(name);
	char buf[4096];
	tu_import_ok(gw, "grids.csv",
		     "编码,名称,层级,上级编码,划分依据,中心经度,中心纬度\n"
		     "SC,舒城县,县,,,116.9485,31.4621\n"
		     "SC-HB,杭埠镇,乡镇,SC,,,\n"
		     "SC-HB-G01,杭埠镇第一网格,网格,SC-HB,地域,117.0123456,31.3\n"
		     "SC-HB-G02,杭埠镇第二网格,网格,SC-HB,产业链,,\n");
	snprintf(buf, sizeof buf,
		 "统一社会信用代码,名称,类型,标签,产业链,网格编码,地址,从业人数,党员人数,党组织,"
		 "党组织成立日期,联系人,联系电话\n"
		 "%s,舒城县华宇电子科技有限公司,企业,规上;专精特新,电子信息,SC-HB-G01,"
		 "\"安徽省六安市舒城县杭埠镇,工业园\",20,12,单独建,2019-07-01,张三,0564-8612345\n"
		 "%s,舒城县青年志愿者协会,社会组织,,,SC-HB-G02,,,,无,,,\n",
		 tu_credit_code(1), tu_credit_code(2));
	tu_import_ok(gw, "orgs.csv", buf);
	snprintf(buf, sizeof buf,
		 "姓名,手机,性别,工作单位,类别,负责网格,联系单位,状态\n"
		 "张伟,13905640101,男,杭埠镇党委,专职,SC-HB-G01;SC-HB-G02,%s,在岗\n"
		 "李娜,13905640102,女,,兼职,SC-HB-G01,,在岗\n"
		 "王芳,13905640103,,,兼职,,,离岗\n",
		 tu_credit_code(1));
	tu_import_ok(gw, "instructors.csv", buf);
	tu_import_ok(gw, "workers.csv",
		     "姓名,手机,职业,平台,党员,报到社区,角色\n"
		     "刘洋,13812345678,外卖骑手,美团,是,SC-HB-G01,兼职网格员;平安骑手\n"
		     "陈静,13812345679,快递员,,否,,\n");
	tu_import_ok(gw, "stations.csv",
		     "名称,网格编码,地址,依托,服务,开放时间,中心经度,中心纬度\n"
		     "杭埠镇暖心驿站,SC-HB-G01,杭埠镇政府旁,社区党群服务中心,饮水;充电;应急药品,08:00-20:00,117.01,31.29\n");
	snprintf(buf, sizeof buf,
		 "编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间\n"
		 "SC-2026-000001,厂区门口道路积水,\"第一行\n第二行\",安全隐患,电话,SC-HB-G01,%s,王五,13812345678,"
		 "县应急管理局,13905640101,办理中,2026-03-02 09:30\n",
		 tu_credit_code(1));
	tu_import_ok(gw, "tickets.csv", buf);
	return gw;
}

/* Each record read as cells and saved back as a form would: unchanged. */
static void test_round_trip(void **state)
{
	(void)state;
	struct gw *gw = county("trip.db");
	static const struct {
		enum import_kind k;
		const char *table;
	} kinds[] = {{IK_GRID, "grid"}, {IK_ORG, "org"}, {IK_INSTRUCTOR, "instructor"},
		     {IK_WORKER, "worker"}, {IK_STATION, "station"}, {IK_TICKET, "ticket"}};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char sql[200], id[64];
		snprintf(sql, sizeof sql, "SELECT id FROM %s ORDER BY rowid", kinds[i].table);
		tu_text(gw, sql, id, sizeof id);
		struct record_vals r;
		struct gw_err e;
		enum upsert_result res;
		assert_int_equal(records_load(gw, kinds[i].k, id, &r, &e), GW_OK);
		assert_int_equal(r.n, import_ops(kinds[i].k)->ncols);
		assert_true(r.version >= 1);
		if (import_one(gw, kinds[i].k, (const char *const *)r.v, id, r.version, &res, &e) != GW_OK)
			fail_msg("%s: %s", kinds[i].table, e.msg);
		if (res != UPSERT_UNCHANGED)
			fail_msg("%s changed on saving it unchanged", kinds[i].table);
		records_free(&r);
	}
	/* What the cells say, in Chinese. */
	struct record_vals r;
	struct gw_err e;
	char id[64];
	tu_text(gw, "SELECT id FROM org ORDER BY rowid LIMIT 1", id, sizeof id);
	assert_int_equal(records_load(gw, IK_ORG, id, &r, &e), GW_OK);
	assert_string_equal(r.v[ORG_C_KIND], "企业");
	assert_string_equal(r.v[ORG_C_TAGS], "规上、专精特新");
	assert_string_equal(r.v[ORG_C_GRID], "SC-HB-G01");
	assert_string_equal(r.v[ORG_C_ADDRESS], "安徽省六安市舒城县杭埠镇,工业园");
	assert_string_equal(r.name, "舒城县华宇电子科技有限公司");
	records_free(&r);
	tu_text(gw, "SELECT id FROM instructor WHERE phone = '13905640101'", id, sizeof id);
	assert_int_equal(records_load(gw, IK_INSTRUCTOR, id, &r, &e), GW_OK);
	assert_string_equal(r.v[INSTR_C_GRIDS], "SC-HB-G01;SC-HB-G02");
	assert_string_equal(r.v[INSTR_C_ORGS], tu_credit_code(1));
	assert_string_equal(r.v[INSTR_C_STATUS], "在岗");
	records_free(&r);
	tu_text(gw, "SELECT id FROM ticket", id, sizeof id);
	assert_int_equal(records_load(gw, IK_TICKET, id, &r, &e), GW_OK);
	assert_string_equal(r.v[TICKET_C_DESC], "第一行\n第二行");
	assert_string_equal(r.v[TICKET_C_STATUS], "办理中");
	records_free(&r);
	assert_int_equal(records_load(gw, IK_ORG, "nosuchid", &r, &e), GW_ENOTFOUND);
	gw_close(gw);
}

static void test_set_column(void **state)
{
	(void)state;
	struct gw *gw = county("bulk.db");
	char a[64], b[64];
	tu_text(gw, "SELECT id FROM instructor WHERE name = '张伟'", a, sizeof a);
	tu_text(gw, "SELECT id FROM instructor WHERE name = '李娜'", b, sizeof b);
	const char *ids[] = {a, b};
	struct gw_err e;
	assert_int_equal(records_set_column(gw, IK_INSTRUCTOR, ids, 2, INSTR_C_STATUS, "离岗", &e), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT group_concat(status) FROM instructor WHERE name IN ('张伟','李娜')"),
			    "inactive,inactive");
	/* Links and the rest untouched; audited as updates. */
	assert_string_equal(tu_q_text(gw, "SELECT count(*) FROM instructor_grid ig JOIN instructor i ON "
				          "i.id = ig.instructor_id WHERE i.name = '张伟'"), "2");
	assert_string_equal(tu_q_text(gw, "SELECT count(*) FROM audit WHERE tbl = 'instructor' AND action = 'update'"),
			    "2");
	/* A bad value: the core's message, and nothing written. */
	assert_int_equal(records_set_column(gw, IK_INSTRUCTOR, ids, 2, INSTR_C_STATUS, "休假", &e),
			 GW_EINVAL);
	assert_non_null(strstr(e.msg, "状态"));
	assert_string_equal(tu_q_text(gw, "SELECT group_concat(status) FROM instructor WHERE name IN ('张伟','李娜')"),
			    "inactive,inactive");
	/* One record gone: none changes. */
	const char *bad[] = {a, "nosuchid"};
	assert_int_not_equal(records_set_column(gw, IK_INSTRUCTOR, bad, 2, INSTR_C_STATUS, "在岗", &e), GW_OK);
	assert_string_equal(tu_q_text(gw, "SELECT status FROM instructor WHERE name = '张伟'"), "inactive");
	gw_close(gw);
}

static void test_key_taken(void **state)
{
	(void)state;
	struct gw *gw = county("key.db");
	struct record_vals r;
	struct gw_err e;
	char id[64];
	assert_int_equal(records_empty(IK_ORG, &r), 0);
	records_set(&r, ORG_C_CREDIT, tu_credit_code(1));
	/* A new record may not take another's key: the message names the column. */
	assert_int_equal(records_key_taken(gw, IK_ORG, (const char *const *)r.v, NULL, &e), 1);
	char want[200];
	snprintf(want, sizeof want, "统一社会信用代码: 已有记录使用“%s”", tu_credit_code(1));
	assert_string_equal(e.msg, want);
	/* The record itself may keep it; a free or malformed key is the save's business. */
	tu_text(gw, "SELECT id FROM org ORDER BY rowid LIMIT 1", id, sizeof id);
	assert_int_equal(records_key_taken(gw, IK_ORG, (const char *const *)r.v, id, &e), 0);
	records_set(&r, ORG_C_CREDIT, tu_credit_code(9));
	assert_int_equal(records_key_taken(gw, IK_ORG, (const char *const *)r.v, NULL, &e), 0);
	records_set(&r, ORG_C_CREDIT, "123");
	assert_int_equal(records_key_taken(gw, IK_ORG, (const char *const *)r.v, NULL, &e), 0);
	records_free(&r);
	/* An instructor's phone, and a deleted one that may come back. */
	assert_int_equal(records_empty(IK_INSTRUCTOR, &r), 0);
	records_set(&r, INSTR_C_PHONE, "139 0564 0102");
	assert_int_equal(records_key_taken(gw, IK_INSTRUCTOR, (const char *const *)r.v, NULL, &e), 1);
	assert_non_null(strstr(e.msg, "手机: "));
	tu_text(gw, "SELECT id FROM instructor WHERE phone = '13905640102'", id, sizeof id);
	assert_int_equal(instructor_delete(gw, id, &e), GW_OK);
	assert_int_equal(records_key_taken(gw, IK_INSTRUCTOR, (const char *const *)r.v, NULL, &e), 0);
	records_free(&r);
	/* Tickets have no key a form could clash with. */
	assert_int_equal(records_empty(IK_TICKET, &r), 0);
	records_set(&r, TICKET_C_NUMBER, "SC-2026-000001");
	assert_int_equal(records_key_taken(gw, IK_TICKET, (const char *const *)r.v, NULL, &e), 0);
	records_free(&r);
	gw_close(gw);
}

static void test_draft_files(void **state)
{
	(void)state;
	char sdir[300], d1[600], d2[600], p1[700], p2[700];
	snprintf(sdir, sizeof sdir, "%s/state", tu_dir);
	setenv("XDG_STATE_HOME", sdir, 1);
	assert_int_equal(draft_dir(d1, sizeof d1), 0);
	snprintf(d2, sizeof d2, "%s/gridwork", sdir);
	assert_string_equal(d1, d2);
	struct stat sb;
	assert_int_equal(stat(d1, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* One file per database, the same every time. */
	draft_path(d1, "/srv/a.db", p1, sizeof p1);
	draft_path(d1, "/srv/b.db", p2, sizeof p2);
	assert_string_not_equal(p1, p2);
	draft_path(d1, "/srv/a.db", p2, sizeof p2);
	assert_string_equal(p1, p2);
	assert_int_equal(strncmp(p1, d1, strlen(d1)), 0);

	struct draft d, back;
	memset(&d, 0, sizeof d);
	snprintf(d.db, sizeof d.db, "/srv/a db/县.db");
	d.kind = IK_TICKET;
	snprintf(d.id, sizeof d.id, "0123abcd");
	d.version = 7;
	snprintf(d.at, sizeof d.at, "2026-03-02 09:30:00");
	assert_int_equal(records_empty(IK_TICKET, &d.vals), 0);
	records_set(&d.vals, TICKET_C_TITLE, "道路积水\\影响通行");
	records_set(&d.vals, TICKET_C_DESC, "第一行\n第二行\t制表\r\\n不是换行");
	records_set(&d.vals, TICKET_C_GRID, "SC-HB-G01");
	assert_int_equal(draft_load(p1, &back), 1);   /* none yet */
	assert_int_equal(draft_save(p1, &d), 0);
	assert_int_equal(stat(p1, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char tmp[800];
	snprintf(tmp, sizeof tmp, "%s.tmp", p1);
	assert_int_not_equal(access(tmp, F_OK), 0);
	assert_int_equal(draft_load(p1, &back), 0);
	assert_string_equal(back.db, d.db);
	assert_int_equal(back.kind, IK_TICKET);
	assert_string_equal(back.id, "0123abcd");
	assert_int_equal(back.version, 7);
	assert_string_equal(back.at, d.at);
	assert_int_equal(back.vals.n, TICKET_NCOLS);
	for (int i = 0; i < TICKET_NCOLS; i++)
		assert_string_equal(back.vals.v[i], d.vals.v[i]);
	records_free(&back.vals);
	/* Saved again: replaced whole. */
	records_set(&d.vals, TICKET_C_TITLE, "改过的标题");
	assert_int_equal(draft_save(p1, &d), 0);
	assert_int_equal(draft_load(p1, &back), 0);
	assert_string_equal(back.vals.v[TICKET_C_TITLE], "改过的标题");
	records_free(&back.vals);
	records_free(&d.vals);
	/* Not a draft: refused, and left for a person to look at. */
	FILE *f = fopen(p2, "w");
	assert_non_null(f);
	fputs("something else\nval 0 x\n", f);
	fclose(f);
	assert_int_equal(draft_load(p2, &back), -1);
	assert_int_equal(access(p2, F_OK), 0);
	draft_remove(p1);
	assert_int_equal(draft_load(p1, &back), 1);
	draft_remove(p1);   /* twice is fine */
	/* No home: no drafts. */
	unsetenv("XDG_STATE_HOME");
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	unsetenv("HOME");
	assert_int_equal(draft_dir(d2, sizeof d2), -1);
	assert_string_equal(d2, "");
	if (home) {
		setenv("HOME", home, 1);
		free(home);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_set_column),
		cmocka_unit_test(test_key_taken),
		cmocka_unit_test(test_draft_files),
	};
	return tu_run("records", tests);
}
