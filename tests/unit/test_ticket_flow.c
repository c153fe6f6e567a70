/* test_ticket_flow.c - the ticket workflow: every allowed and every refused
 * move, the calendar over the 2026 Spring Festival, hold pausing the clock,
 * overdue grades and lists, merging with points paid once, the daily cap,
 * numbering under two processes, history, registration checks, the
 * responsible instructor, optimistic versions, and imported tickets going
 * on through the workflow. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "calendar.h"
#include "config.h"
#include "gw.h"
#include "import.h"
#include "ticket.h"
#include "ticket_flow.h"
#include "validate.h"
#include "worker.h"

static char dir[64];
static char org_code[19];

#define D_TRAFFIC "县公安局交通管理大队"
#define D_MARKET "县市场监督管理局"
#define D_UNION "县总工会"
#define W_PHONE "13900000002"
#define V_PHONE "13900000003"

/* ---- helpers ---------------------------------------------------------- */

static void now_is(const char *t) { setenv("GRIDWORK_NOW", t, 1); }

static long long q_int(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static const char *q_text(struct gw *gw, const char *fmt, ...)
{
	static char out[4][1024];
	static int k;
	char *o = out[k++ % 4], sql[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL), SQLITE_OK);
	o[0] = '\0';
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(o, 1024, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return o;
}

static long long count_where(struct gw *gw, const char *fmt, const char *arg)
{
	char sql[512];
	snprintf(sql, sizeof sql, fmt, arg);
	return q_int(gw, sql);
}

static void import_text(struct gw *gw, const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	struct import_opts o = {0, -1, NULL, NULL};
	struct import_counts c;
	struct gw_err e;
	enum gw_status st = import_files(gw, (const char *const[]){path}, 1, &o, &c, &e);
	if (st != GW_OK)
		fprintf(stderr, "import %s: %s\n", name, e.msg);
	assert_int_equal(st, GW_OK);
}

/* Grids SC > SC-HB > G01, G02 and SC-CG > SC-CG-G01; an organisation in
 * G01; instructors: 王 full-time and 钱 part-time on G01, 孙 on the
 * organisation, 周 on the township SC-CG; two registered riders. */
static struct gw *open_db(const char *name, const struct config *cfg_in)
{
	char path[128], text[1024];
	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	unlink(path);
	struct config cfg;
	if (cfg_in)
		cfg = *cfg_in;
	else
		config_defaults(&cfg);
	snprintf(cfg.operator_name, sizeof cfg.operator_name, "测试员");
	gw_set_lang(GW_LANG_ZH);   /* messages are checked in Chinese unless a test says */
	struct gw_err e;
	struct gw *gw = gw_open(&cfg, path, 1, "SC", &e);
	assert_non_null(gw);
	import_text(gw, "grids.csv",
		    "编码,名称,层级,上级编码,划分依据\n"
		    "SC,舒城县,县,,\n"
		    "SC-HB,杭埠镇,乡镇,SC,\n"
		    "SC-HB-G01,杭埠镇第一网格,网格,SC-HB,地域\n"
		    "SC-HB-G02,杭埠镇第二网格,网格,SC-HB,产业链\n"
		    "SC-CG,城关镇,乡镇,SC,\n"
		    "SC-CG-G01,城关镇第一网格,网格,SC-CG,地域\n");
	snprintf(text, sizeof text,
		 "统一社会信用代码,名称,类型,网格编码,党组织\n%s,舒城县杭埠食品有限公司,企业,SC-HB-G01,无\n",
		 org_code);
	import_text(gw, "orgs.csv", text);
	snprintf(text, sizeof text,
		 "姓名,手机,类别,负责网格,联系单位\n"
		 "钱兼职,13700000002,兼职,SC-HB-G01,\n"
		 "王专职,13700000001,专职,SC-HB-G01,\n"
		 "孙联系,13700000003,兼职,,%s\n"
		 "周镇级,13700000004,专职,SC-CG,\n",
		 org_code);
	import_text(gw, "instructors.csv", text);
	import_text(gw, "workers.csv",
		    "姓名,手机,职业,平台\n"
		    "李骑手,13900000002,外卖骑手,美团\n"
		    "赵骑手,13900000003,快递员,顺丰\n");
	return gw;
}

/* Registers a ticket; returns its number (static storage, 8 slots). */
static const char *reg(struct gw *gw, const char *title, const char *cat, const char *grid,
		       const char *org, const char *phone, const char *dept)
{
	static char nums[8][TICKET_NUMBER_BUF];
	static int k;
	struct ticket_new n = {title, cat, "骑手上报", grid, org, "李骑手", phone, dept, "路口护栏缺失"};
	struct ticket_rec t;
	struct gw_err e;
	enum gw_status st = ticket_register(gw, &n, &t, &e);
	if (st != GW_OK)
		fprintf(stderr, "register: %s\n", e.msg);
	assert_int_equal(st, GW_OK);
	char *o = nums[k++ % 8];
	snprintf(o, TICKET_NUMBER_BUF, "%s", t.number);
	return o;
}

static enum gw_status mv(struct gw *gw, const char *num, enum ticket_action a, const char *dept,
			 const char *note, int sat, struct gw_err *e)
{
	struct ticket_move m = {a, dept, note, sat, NULL, NULL, 0};
	return ticket_apply(gw, num, &m, NULL, e);
}

static void ok(struct gw *gw, const char *num, enum ticket_action a, const char *dept,
	       const char *note, int sat)
{
	struct gw_err e;
	enum gw_status st = mv(gw, num, a, dept, note, sat, &e);
	if (st != GW_OK)
		fprintf(stderr, "%s %s: %s\n", ticket_action_en(a), num, e.msg);
	assert_int_equal(st, GW_OK);
}

static struct ticket_rec *get(struct gw *gw, const char *num)
{
	static struct ticket_rec t[2];
	static int k;
	struct ticket_rec *o = &t[k++ % 2];
	assert_int_equal(ticket_find(gw, num, o, NULL), GW_OK);
	return o;
}

static long long events_of(struct gw *gw, const char *num)
{
	return count_where(gw, "SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id "
			       "WHERE t.number = '%s'", num);
}

/* ---- every move from every state ---------------------------------------- */

enum { S_NEW, S_ACCEPTED, S_IN_PROGRESS, S_ON_HOLD, S_RESOLVED, S_CLOSED, S_RETURNED, S_N };
static const char *const sname[S_N] = {"new", "accepted", "in_progress", "on_hold",
					"resolved", "closed", "returned"};

/* A ticket brought into state s through the workflow (lead 交警大队). */
static const char *in_state(struct gw *gw, int s)
{
	const char *n = reg(gw, "路口护栏缺失", "安全隐患", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	if (s == S_NEW)
		return n;
	ok(gw, n, TA_ACCEPT, NULL, NULL, 0);
	if (s == S_RETURNED) {
		ok(gw, n, TA_RETURN, NULL, "不属本部门职责", 0);
		return n;
	}
	if (s == S_ACCEPTED)
		return n;
	ok(gw, n, TA_START, NULL, NULL, 0);
	if (s == S_ON_HOLD)
		ok(gw, n, TA_HOLD, NULL, "等待反映人补充照片", 0);
	if (s == S_RESOLVED || s == S_CLOSED)
		ok(gw, n, TA_RESOLVE, NULL, "已加装护栏", 0);
	if (s == S_CLOSED)
		ok(gw, n, TA_CLOSE, NULL, NULL, 5);
	return n;
}

/* The state each move leads to (NULL: refused), from each state. */
static const char *expected(int s, enum ticket_action a)
{
	switch (a) {
	case TA_ACCEPT: return s == S_NEW || s == S_RETURNED ? "accepted" : NULL;
	case TA_START: return s == S_ACCEPTED ? "in_progress" : NULL;
	case TA_HOLD: return s == S_ACCEPTED || s == S_IN_PROGRESS ? "on_hold" : NULL;
	case TA_RESUME: return s == S_ON_HOLD ? "in_progress" : NULL;
	case TA_RESOLVE: return s == S_IN_PROGRESS ? "resolved" : NULL;
	case TA_CLOSE: return s == S_RESOLVED ? "closed" : NULL;
	case TA_RETURN: return s == S_NEW || s == S_ACCEPTED || s == S_IN_PROGRESS ? "returned" : NULL;
	case TA_REOPEN: return s == S_RESOLVED || s == S_CLOSED ? "in_progress" : NULL;
	case TA_TRANSFER: return s <= S_IN_PROGRESS || s == S_RETURNED ? "new" : NULL;
	case TA_COMMENT: return sname[s];
	case TA_MERGE: return s != S_CLOSED ? "closed" : NULL;
	case TA_SUPPORT_ADD:
	case TA_SUPPORT_REMOVE:
	case TA_INSTRUCTOR: return s != S_CLOSED ? sname[s] : NULL;
	case TA_COUNT: break;
	}
	return NULL;
}

static void test_every_move(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("moves", NULL);
	gw_set_lang(GW_LANG_EN);
	int allowed = 0, refused = 0;
	for (int s = 0; s < S_N; s++) {
		for (int a = 0; a < TA_COUNT; a++) {
			const char *n = in_state(gw, s);
			assert_string_equal(get(gw, n)->status, sname[s]);
			const char *want = expected(s, (enum ticket_action)a);
			assert_int_equal(!!(ticket_allowed(sname[s]) & (1u << a)), want != NULL);
			if (want && a == TA_SUPPORT_REMOVE)
				ok(gw, n, TA_SUPPORT_ADD, D_UNION, NULL, 0);
			const char *into = want && a == TA_MERGE
						   ? reg(gw, "同一路口护栏", "safety_hazard", "SC-HB-G01", NULL, NULL, NULL)
						   : "SC-2099-000001";
			struct ticket_rec before = *get(gw, n);
			long long ev = events_of(gw, n);
			struct ticket_move m = {(enum ticket_action)a, a == TA_SUPPORT_ADD || a == TA_SUPPORT_REMOVE ? D_UNION : D_MARKET,
						"说明：处理情况", 4, into, "13700000002", 0};
			struct ticket_rec after;
			struct gw_err e;
			enum gw_status st = ticket_apply(gw, n, &m, &after, &e);
			if (want) {
				if (st != GW_OK)
					fprintf(stderr, "%s from %s: %s\n", ticket_action_en(a), sname[s], e.msg);
				assert_int_equal(st, GW_OK);
				assert_string_equal(after.status, want);
				assert_int_equal(events_of(gw, n), ev + 1);
				assert_int_equal(after.version, before.version + (a != TA_COMMENT));
				assert_string_equal(q_text(gw, "SELECT action || '|' || ifnull(from_status, '') || '|' || "
							       "ifnull(to_status, '') FROM ticket_event WHERE ticket_id = '%s' "
							       "ORDER BY at DESC, rowid DESC LIMIT 1", after.id),
						    q_text(gw, "SELECT '%s|%s|%s'", ticket_action_en(a), sname[s], want));
				allowed++;
			} else {
				assert_int_equal(st, GW_ESTATE);
				assert_non_null(strstr(e.msg, n));
				assert_non_null(strstr(e.msg, "allowed now: "));
				/* the message lists exactly the moves allowed */
				const char *list = strstr(e.msg, "allowed now: ") + 13;
				for (int b = 0; b < TA_COUNT; b++) {
					char word[40];
					snprintf(word, sizeof word, "%s", ticket_action_en(b));
					const char *p = list;
					int found = 0;
					size_t wl = strlen(word);
					while ((p = strstr(p, word))) {
						if ((p == list || p[-1] == ' ') && (p[wl] == ',' || p[wl] == '\0'))
							found = 1;
						p += wl;
					}
					assert_int_equal(found, expected(s, (enum ticket_action)b) != NULL);
				}
				struct ticket_rec *now = get(gw, n);
				assert_int_equal(now->version, before.version);
				assert_string_equal(now->status, before.status);
				assert_int_equal(events_of(gw, n), ev);
				refused++;
			}
		}
	}
	/* 7 states x 14 moves */
	assert_int_equal(allowed + refused, S_N * TA_COUNT);
	assert_int_equal(allowed, 48);
	gw_close(gw);
	gw_set_lang(GW_LANG_ZH);
}

static void test_refusal_chinese(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("refuse_zh", NULL);
	const char *n = in_state(gw, S_CLOSED);
	struct gw_err e;
	assert_int_equal(mv(gw, n, TA_ACCEPT, D_MARKET, NULL, 0, &e), GW_ESTATE);
	assert_non_null(strstr(e.msg, "已关闭"));
	assert_non_null(strstr(e.msg, "不能受理"));
	assert_non_null(strstr(e.msg, "当前可以：重新办理 reopen、备注 comment"));
	gw_close(gw);
}

/* ---- moves in detail ------------------------------------------------------ */

static void test_departments(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("depts", NULL);
	struct gw_err e;
	const char *n = reg(gw, "外卖平台拖欠骑手报酬", "劳动权益", "SC-HB-G02", NULL, W_PHONE, NULL);
	/* nobody named yet: accept needs a department */
	assert_int_equal(mv(gw, n, TA_ACCEPT, NULL, NULL, 0, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "承办部门"));
	assert_int_equal(mv(gw, n, TA_ACCEPT, "县外星局", NULL, 0, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "县外星局"));
	assert_non_null(strstr(e.msg, "县委社会工作部"));
	/* return needs a department holding it */
	assert_int_equal(mv(gw, n, TA_RETURN, NULL, "不清楚", 0, &e), GW_EINVAL);
	assert_int_equal(events_of(gw, n), 1);
	ok(gw, n, TA_SUPPORT_ADD, D_UNION, NULL, 0);
	ok(gw, n, TA_ACCEPT, "县人力资源和社会保障局", "人社局签收", 0);
	struct ticket_rec *t = get(gw, n);
	assert_string_equal(t->department, "县人力资源和社会保障局");
	assert_int_equal(mv(gw, n, TA_SUPPORT_ADD, D_UNION, NULL, 0, &e), GW_EINVAL);
	assert_int_equal(mv(gw, n, TA_SUPPORT_ADD, "县人力资源和社会保障局", NULL, 0, &e), GW_EINVAL);
	ok(gw, n, TA_SUPPORT_ADD, D_MARKET, NULL, 0);
	assert_int_equal(count_where(gw, "SELECT count(*) FROM ticket_department WHERE ticket_id = '%s'", t->id), 2);
	/* transfer: the reason is required, the department must differ; the
	 * new lead leaves the supporting ones, and must sign again */
	assert_int_equal(mv(gw, n, TA_TRANSFER, D_MARKET, "", 0, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "流转原因"));
	assert_int_equal(mv(gw, n, TA_TRANSFER, "县人力资源和社会保障局", "重复", 0, &e), GW_EINVAL);
	ok(gw, n, TA_TRANSFER, D_MARKET, "涉及平台经营，转市场监管", 0);
	t = get(gw, n);
	assert_string_equal(t->status, "new");
	assert_string_equal(t->department, D_MARKET);
	assert_int_equal(count_where(gw, "SELECT count(*) FROM ticket_department WHERE ticket_id = '%s'", t->id), 1);
	assert_string_equal(q_text(gw, "SELECT department || '|' || note FROM ticket_event WHERE ticket_id = '%s' "
				       "AND action = 'transfer'", t->id),
			    D_MARKET "|涉及平台经营，转市场监管");
	assert_int_equal(mv(gw, n, TA_SUPPORT_REMOVE, D_MARKET, NULL, 0, &e), GW_EINVAL);
	ok(gw, n, TA_SUPPORT_REMOVE, D_UNION, NULL, 0);
	assert_int_equal(count_where(gw, "SELECT count(*) FROM ticket_department WHERE ticket_id = '%s'", t->id), 0);
	/* returned: the department is cleared and named in the event; the
	 * office reassigns by accept with a department */
	ok(gw, n, TA_ACCEPT, NULL, NULL, 0);
	ok(gw, n, TA_RETURN, NULL, "应由人社部门办理", 0);
	t = get(gw, n);
	assert_string_equal(t->status, "returned");
	assert_string_equal(t->department, "");
	assert_string_equal(q_text(gw, "SELECT department FROM ticket_event WHERE ticket_id = '%s' "
				       "AND action = 'return'", t->id), D_MARKET);
	assert_int_equal(mv(gw, n, TA_ACCEPT, NULL, NULL, 0, &e), GW_EINVAL);
	ok(gw, n, TA_ACCEPT, "县人力资源和社会保障局", NULL, 0);
	assert_string_equal(get(gw, n)->department, "县人力资源和社会保障局");
	/* reasons are required where the issue says so */
	ok(gw, n, TA_START, NULL, NULL, 0);
	assert_int_equal(mv(gw, n, TA_HOLD, NULL, "  ", 0, &e), GW_EINVAL);
	assert_int_equal(mv(gw, n, TA_RESOLVE, NULL, NULL, 0, &e), GW_EINVAL);
	assert_int_equal(mv(gw, n, TA_COMMENT, NULL, "", 0, &e), GW_EINVAL);
	assert_int_equal(mv(gw, n, TA_COMMENT, NULL, "bad\001text", 0, &e), GW_EINVAL);
	ok(gw, n, TA_RESOLVE, NULL, "平台已补发报酬", 0);
	assert_int_equal(mv(gw, n, TA_CLOSE, NULL, NULL, 0, &e), GW_EINVAL);
	assert_int_equal(mv(gw, n, TA_CLOSE, NULL, NULL, 6, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "1-5"));
	assert_string_equal(get(gw, n)->status, "resolved");
	gw_close(gw);
}

static void test_instructor(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("instr", NULL);
	struct gw_err e;
	/* the grid's full-time instructor before the part-time one */
	const char *a = reg(gw, "网格内安全隐患", "safety_hazard", "SC-HB-G01", NULL, NULL, NULL);
	assert_string_equal(get(gw, a)->instructor_phone, "13700000001");
	/* the organisation's own instructor first */
	const char *b = reg(gw, "企业融资需求", "融资", "SC-HB-G01", org_code, NULL, NULL);
	assert_string_equal(get(gw, b)->instructor_phone, "13700000003");
	/* a grid without instructors: the township's */
	const char *c = reg(gw, "城关路口拥堵", "traffic", "SC-CG-G01", NULL, NULL, NULL);
	assert_string_equal(get(gw, c)->instructor_phone, "13700000004");
	/* none anywhere above */
	const char *d = reg(gw, "第二网格纠纷", "dispute", "SC-HB-G02", NULL, NULL, NULL);
	assert_string_equal(get(gw, d)->instructor_phone, "");
	assert_int_equal(get(gw, a)->version, 1);
	/* changeable, with an event naming the new one */
	struct ticket_move m = {TA_INSTRUCTOR, NULL, NULL, 0, NULL, "137 0000 0002", 0};
	assert_int_equal(ticket_apply(gw, a, &m, NULL, &e), GW_OK);
	assert_string_equal(get(gw, a)->instructor_phone, "13700000002");
	assert_string_equal(q_text(gw, "SELECT note FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id "
				       "WHERE t.number = '%s' AND action = 'instructor'", a),
			    "钱兼职 13700000002");
	assert_int_equal(ticket_apply(gw, a, &m, NULL, &e), GW_EINVAL);   /* already */
	m.instructor_phone = "13799999999";
	assert_int_equal(ticket_apply(gw, a, &m, NULL, &e), GW_EINVAL);
	m.instructor_phone = "";
	assert_int_equal(ticket_apply(gw, a, &m, NULL, &e), GW_OK);
	assert_string_equal(get(gw, a)->instructor_phone, "");
	gw_close(gw);
}

static void test_version_conflict(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("version", NULL);
	const char *n = reg(gw, "路灯不亮", "安全隐患", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	struct ticket_rec t = *get(gw, n);
	assert_int_equal(t.version, 1);
	struct ticket_move m = {TA_ACCEPT, NULL, NULL, 0, NULL, NULL, 1};
	struct ticket_rec out;
	struct gw_err e;
	assert_int_equal(ticket_apply(gw, t.id, &m, &out, &e), GW_OK);   /* by id, as the TUI will */
	assert_int_equal(out.version, 2);
	m.action = TA_START;   /* still holding version 1 */
	assert_int_equal(ticket_apply(gw, n, &m, NULL, &e), GW_ECONFLICT);
	assert_non_null(strstr(e.msg, n));
	assert_string_equal(get(gw, n)->status, "accepted");
	m.version = 2;
	assert_int_equal(ticket_apply(gw, n, &m, NULL, &e), GW_OK);
	/* numbers are found typed in lower case too; unknown ones named */
	char lower[TICKET_NUMBER_BUF];
	snprintf(lower, sizeof lower, "sc%s", n + 2);
	assert_int_equal(ticket_find(gw, lower, &out, &e), GW_OK);
	assert_int_equal(ticket_find(gw, "SC-2026-999999", &out, &e), GW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "SC-2026-999999"));
	gw_close(gw);
}

/* ---- registration ---------------------------------------------------------- */

static void test_register(void **state)
{
	now_is("2026-03-02 09:30:00");
	struct gw *gw = open_db("register", NULL);
	struct ticket_rec t;
	struct gw_err e;
	struct ticket_new bad[] = {
		{"", "traffic", "phone", "SC-HB-G01", NULL, NULL, NULL, NULL, NULL},
		{"路口事故", "飞碟", "phone", "SC-HB-G01", NULL, NULL, NULL, NULL, NULL},
		{"路口事故", "traffic", "邮件", "SC-HB-G01", NULL, NULL, NULL, NULL, NULL},
		{"路口事故", "traffic", "phone", "SC-XX-G99", NULL, NULL, NULL, NULL, NULL},
		{"路口事故", "traffic", "phone", "SC-HB-G01", "91341523MA2TK12340", NULL, NULL, NULL, NULL},
		{"路口事故", "traffic", "phone", "SC-HB-G01", NULL, NULL, "12345", NULL, NULL},
		{"路口事故", "traffic", "phone", "SC-HB-G01", NULL, NULL, NULL, "县外星局", NULL},
	};
	const char *frag[] = {"标题", "飞碟", "邮件", "SC-XX-G99", "关联单位", "反映人电话", "县外星局"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(ticket_register(gw, &bad[i], &t, &e), GW_EINVAL);
		if (!strstr(e.msg, frag[i]))
			fprintf(stderr, "case %zu: %s\n", i, e.msg);
		assert_non_null(strstr(e.msg, frag[i]));
	}
	assert_int_equal(q_int(gw, "SELECT count(*) FROM ticket"), 0);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM ticket_event"), 0);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM ticket_seq"), 0);   /* numbers given back */

	/* Chinese and English values alike; a registered rider's phone links */
	struct ticket_new good = {"  骑手反映：十字路口红绿灯故障  ", "交通警情", "Rider_Report", "sc-hb-g02", NULL,
				  "李骑手", "+86 139 0000 0002", D_TRAFFIC, "早晚高峰\n多次险情"};
	assert_int_equal(ticket_register(gw, &good, &t, &e), GW_OK);
	assert_string_equal(t.number, "SC-2026-000001");
	assert_string_equal(t.title, "骑手反映：十字路口红绿灯故障");
	assert_string_equal(t.category, "traffic");
	assert_string_equal(t.source, "rider_report");
	assert_string_equal(t.grid_code, "SC-HB-G02");
	assert_string_equal(t.status, "new");
	assert_string_equal(t.department, D_TRAFFIC);
	assert_string_equal(t.created_at, "2026-03-02 09:30:00");
	assert_string_equal(t.due_on, "2026-03-05");   /* traffic: 3 working days */
	assert_string_equal(t.description, "早晚高峰\n多次险情");
	struct worker_rec w;
	assert_int_equal(worker_by_phone(gw, W_PHONE, &w, &e), GW_OK);
	assert_string_equal(t.worker_id, w.id);
	assert_string_equal(q_text(gw, "SELECT action || '|' || operator || '|' || at || '|' || to_status || '|' || "
				       "department FROM ticket_event WHERE ticket_id = '%s'", t.id),
			    "register|测试员|2026-03-02 09:30:00|new|" D_TRAFFIC);
	assert_int_equal(count_where(gw, "SELECT count(*) FROM audit WHERE record_id = '%s'", t.id), 1);
	good.department = NULL;
	assert_int_equal(ticket_register(gw, &good, &t, &e), GW_OK);
	assert_string_equal(t.number, "SC-2026-000002");
	assert_string_equal(t.department, "");
	/* a new year starts a new sequence */
	now_is("2027-01-04 08:00:00");
	assert_int_equal(ticket_register(gw, &good, &t, &e), GW_OK);
	assert_string_equal(t.number, "SC-2027-000001");
	gw_close(gw);
}

/* Two processes registering at once never share a number. */
static void test_numbers_two_processes(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("race", NULL);
	struct config cfg = gw->cfg;
	char path[128];
	snprintf(path, sizeof path, "%s/race.db", dir);
	gw_close(gw);
	enum { PER = 40 };
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		assert_true(kids[k] >= 0);
		if (kids[k] == 0) {
			struct gw_err e;
			struct gw *g = gw_open(&cfg, path, 0, NULL, &e);
			int bad = !g;
			for (int i = 0; g && i < PER; i++) {
				struct ticket_new n = {k ? "乙进程登记" : "甲进程登记", "traffic", "phone", "SC-HB-G01",
						       NULL, NULL, NULL, NULL, NULL};
				struct ticket_rec t;
				if (ticket_register(g, &n, &t, &e) != GW_OK) {
					fprintf(stderr, "child %d: %s\n", k, e.msg);
					bad = 1;
					break;
				}
			}
			if (g)
				gw_close(g);
			_exit(bad);
		}
	}
	for (int k = 0; k < 2; k++) {
		int status;
		assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	struct gw_err e;
	gw = gw_open(&cfg, path, 0, NULL, &e);
	assert_non_null(gw);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM ticket"), 2 * PER);
	assert_int_equal(q_int(gw, "SELECT count(DISTINCT number) FROM ticket"), 2 * PER);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM ticket WHERE title = '甲进程登记'"), PER);
	assert_string_equal(q_text(gw, "SELECT min(number) || '|' || max(number) FROM ticket"),
			    "SC-2026-000001|SC-2026-000080");
	assert_int_equal(q_int(gw, "SELECT last FROM ticket_seq WHERE office = 'SC' AND year = 2026"), 2 * PER);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM ticket_event WHERE action = 'register'"), 2 * PER);
	gw_close(gw);
}

/* ---- calendar, hold, overdue ------------------------------------------------ */

/* Spring Festival 2026: 15-23 February off, Saturday 14 and 28 worked. */
static void test_spring_festival(void **state)
{
	struct config cfg;
	config_defaults(&cfg);
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-13"), 1);
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-14"), 1);   /* a Saturday, made up */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-16"), 0);   /* a Monday, holiday */
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-23"), 0);
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-24"), 1);
	assert_int_equal(calendar_is_workday(&cfg, "2026-02-28"), 1);
	assert_int_equal(calendar_is_workday(&cfg, "2026-03-01"), 0);
	now_is("2026-02-12 10:00:00");   /* Thursday before the holiday */
	struct gw *gw = open_db("festival", &cfg);
	/* traffic 3 days: Fri 13, Sat 14 (made up), then Tue 24 */
	const char *n = reg(gw, "节前骑手报告路面塌陷", "traffic", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	assert_string_equal(get(gw, n)->due_on, "2026-02-24");
	/* dispute 5 days: 13, 14, 24, 25, 26 */
	const char *d = reg(gw, "节前劳务纠纷", "dispute", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	assert_string_equal(get(gw, d)->due_on, "2026-02-26");
	int days;
	struct { const char *today; int days; enum ticket_grade g; } cases[] = {
		{"2026-02-20", 0, TG_NONE},    /* in the holiday, before the date */
		{"2026-02-24", 0, TG_NONE},    /* on the date */
		{"2026-02-25", 1, TG_YELLOW},
		{"2026-02-26", 2, TG_YELLOW},
		{"2026-02-27", 3, TG_RED},
		{"2026-02-28", 4, TG_RED},     /* the made-up Saturday counts */
		{"2026-03-01", 4, TG_RED},     /* Sunday does not */
	};
	struct ticket_rec t = *get(gw, n);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(ticket_overdue(gw, &t, cases[i].today, &days), cases[i].g);
		assert_int_equal(days, cases[i].days);
	}
	/* a due date just before the holiday is not overdue over it */
	snprintf(t.due_on, sizeof t.due_on, "2026-02-14");
	assert_int_equal(ticket_overdue(gw, &t, "2026-02-23", &days), TG_NONE);
	assert_int_equal(days, 0);
	assert_int_equal(ticket_overdue(gw, &t, "2026-02-24", &days), TG_YELLOW);
	/* finished and held tickets are not graded */
	snprintf(t.status, sizeof t.status, "resolved");
	assert_int_equal(ticket_overdue(gw, &t, "2026-03-20", &days), TG_NONE);
	snprintf(t.status, sizeof t.status, "on_hold");
	assert_int_equal(ticket_overdue(gw, &t, "2026-03-20", &days), TG_NONE);
	gw_close(gw);
}

static void test_hold_pauses_clock(void **state)
{
	now_is("2026-02-12 10:00:00");
	struct gw *gw = open_db("hold", NULL);
	const char *n = reg(gw, "骑手反映井盖缺失", "safety_hazard", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	assert_string_equal(get(gw, n)->due_on, "2026-02-24");
	ok(gw, n, TA_ACCEPT, NULL, NULL, 0);
	ok(gw, n, TA_START, NULL, NULL, 0);
	now_is("2026-02-13 16:00:00");
	ok(gw, n, TA_HOLD, NULL, "等待反映人确认具体位置", 0);
	struct ticket_rec *t = get(gw, n);
	assert_string_equal(t->hold_since, "2026-02-13 16:00:00");
	/* on hold past the date: not overdue, the clock stands */
	now_is("2026-02-26 09:00:00");
	t = get(gw, n);
	assert_int_equal(ticket_overdue(gw, t, "2026-02-26", NULL), TG_NONE);
	/* resumed on Thursday 26th: held Sat 14, Tue 24, Wed 25, Thu 26 = 4
	 * working days, so the 24th moves to Sat 28 (a made-up working day) */
	ok(gw, n, TA_RESUME, NULL, NULL, 0);
	t = get(gw, n);
	assert_string_equal(t->status, "in_progress");
	assert_int_equal(t->held_days, 4);
	assert_string_equal(t->due_on, "2026-02-28");
	assert_string_equal(t->hold_since, "");
	assert_int_equal(ticket_overdue(gw, t, "2026-02-26", NULL), TG_NONE);
	assert_int_equal(ticket_overdue(gw, t, "2026-03-01", NULL), TG_NONE);
	assert_int_equal(ticket_overdue(gw, t, "2026-03-02", NULL), TG_YELLOW);
	/* a second hold adds up; held from accepted resumes to accepted */
	const char *m = reg(gw, "另一处井盖", "safety_hazard", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	ok(gw, m, TA_ACCEPT, NULL, NULL, 0);
	ok(gw, m, TA_HOLD, NULL, "等待补充材料", 0);
	now_is("2026-02-27 09:00:00");
	ok(gw, m, TA_RESUME, NULL, NULL, 0);
	t = get(gw, m);
	assert_string_equal(t->status, "accepted");
	assert_int_equal(t->held_days, 1);
	/* 3 days from the 26th (27, 28 made up, 2 March), plus one */
	assert_string_equal(t->due_on, "2026-03-03");
	ok(gw, m, TA_HOLD, NULL, "再次等待", 0);
	now_is("2026-03-03 09:00:00");   /* Sat 28 (made up), Mon 2, Tue 3 */
	ok(gw, m, TA_RESUME, NULL, "材料已补齐", 0);
	t = get(gw, m);
	assert_int_equal(t->held_days, 4);
	assert_string_equal(t->due_on, "2026-03-06");
	/* a hold on the day it is resumed costs nothing */
	ok(gw, m, TA_HOLD, NULL, "短暂等待", 0);
	ok(gw, m, TA_RESUME, NULL, NULL, 0);
	assert_int_equal(get(gw, m)->held_days, 4);
	gw_close(gw);
}

struct collect {
	char numbers[1024];
	int n;
};

static int collect(void *ctx, const struct ticket_rec *t)
{
	struct collect *c = ctx;
	size_t len = strlen(c->numbers);
	snprintf(c->numbers + len, sizeof c->numbers - len, "%s%s", len ? "," : "", t->number + 8);
	c->n++;
	return 0;
}

static const char *list(struct gw *gw, struct ticket_filter f, int *more)
{
	static struct collect c;
	memset(&c, 0, sizeof c);
	struct gw_err e;
	assert_int_equal(ticket_list(gw, &f, collect, &c, more, &e), GW_OK);
	return c.numbers;
}

static void test_overdue_lists(void **state)
{
	now_is("2026-03-02 09:00:00");   /* Monday */
	struct gw *gw = open_db("overdue", NULL);
	/* 000001 traffic in G01, 交警; due Thu 5th */
	reg(gw, "G01交通", "traffic", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	/* 000002 dispute in G02, 市场监管; due Mon 9th */
	reg(gw, "G02纠纷", "dispute", "SC-HB-G02", NULL, NULL, D_MARKET);
	/* 000003 traffic in 城关, 交警, accepted */
	const char *c3 = reg(gw, "城关交通", "traffic", "SC-CG-G01", NULL, NULL, D_TRAFFIC);
	ok(gw, c3, TA_ACCEPT, NULL, NULL, 0);
	/* 000004 traffic in G01, on hold */
	const char *c4 = reg(gw, "G01挂起", "traffic", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	ok(gw, c4, TA_ACCEPT, NULL, NULL, 0);
	ok(gw, c4, TA_HOLD, NULL, "等待", 0);
	/* 000005 traffic in G01, resolved */
	const char *c5 = reg(gw, "G01办结", "traffic", "SC-HB-G01", NULL, NULL, D_TRAFFIC);
	ok(gw, c5, TA_ACCEPT, NULL, NULL, 0);
	ok(gw, c5, TA_START, NULL, NULL, 0);
	ok(gw, c5, TA_RESOLVE, NULL, "已处理", 0);
	/* 000006 housing (15 days) in G01 */
	reg(gw, "G01住房", "housing", "SC-HB-G01", NULL, NULL, D_TRAFFIC);

	struct ticket_filter f = {0};
	int more;
	assert_string_equal(list(gw, f, &more), "000001,000002,000003,000004,000005,000006");
	assert_int_equal(more, 0);
	f.overdue = 1;
	assert_string_equal(list(gw, f, &more), "");   /* nothing is due yet */
	now_is("2026-03-06 09:00:00");   /* Friday: 1 day past the 5th */
	assert_string_equal(list(gw, f, &more), "000001,000003");
	now_is("2026-03-10 09:00:00");   /* Tuesday: 3 past the 5th, 1 past the 9th */
	assert_string_equal(list(gw, f, &more), "000001,000002,000003");
	struct ticket_rec *t = get(gw, "SC-2026-000001");
	int days;
	assert_int_equal(ticket_overdue(gw, t, "2026-03-10", &days), TG_RED);
	assert_int_equal(days, 3);
	t = get(gw, "SC-2026-000002");
	assert_int_equal(ticket_overdue(gw, t, "2026-03-10", &days), TG_YELLOW);
	/* per department */
	f.department = D_TRAFFIC;
	assert_string_equal(list(gw, f, &more), "000001,000003");
	f.department = D_MARKET;
	assert_string_equal(list(gw, f, &more), "000002");
	/* per grid: a grid, and a township with the grids under it */
	f.department = NULL;
	f.grid_code = "SC-HB-G01";
	assert_string_equal(list(gw, f, &more), "000001");
	f.grid_code = "sc-hb";
	assert_string_equal(list(gw, f, &more), "000001,000002");
	f.grid_code = "SC-CG";
	assert_string_equal(list(gw, f, &more), "000003");
	f.grid_code = "SC";
	assert_string_equal(list(gw, f, &more), "000001,000002,000003");
	/* status in Chinese, limits and keyset paging */
	struct ticket_filter g = {"待受理", NULL, NULL, 0, NULL, 2, NULL};
	assert_string_equal(list(gw, g, &more), "000001,000002");
	assert_int_equal(more, 1);
	g.after = "SC-2026-000002";
	assert_string_equal(list(gw, g, &more), "000006");
	assert_int_equal(more, 0);
	struct ticket_filter bad = {.status = "飞碟"};
	struct collect c;
	struct gw_err e;
	assert_int_equal(ticket_list(gw, &bad, collect, &c, &more, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "飞碟"));
	struct ticket_filter bad2 = {.grid_code = "SC-NONE"};
	assert_int_equal(ticket_list(gw, &bad2, collect, &c, &more, &e), GW_EINVAL);
	struct ticket_filter bad3 = {.department = "县外星局"};
	assert_int_equal(ticket_list(gw, &bad3, collect, &c, &more, &e), GW_EINVAL);
	gw_close(gw);
}

/* ---- merge and points ------------------------------------------------------ */

static long long balance(struct gw *gw, const char *phone)
{
	struct worker_rec w;
	long long b = -1;
	assert_int_equal(worker_by_phone(gw, phone, &w, NULL), GW_OK);
	assert_int_equal(worker_points_balance(gw, w.id, &b, NULL), GW_OK);
	return b;
}

static void close_it(struct gw *gw, const char *n)
{
	ok(gw, n, TA_ACCEPT, D_TRAFFIC, NULL, 0);
	ok(gw, n, TA_START, NULL, NULL, 0);
	ok(gw, n, TA_RESOLVE, NULL, "已排除隐患", 0);
	ok(gw, n, TA_CLOSE, NULL, "回访满意", 5);
}

static void test_merge_points_once(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("merge", NULL);
	struct gw_err e;
	/* two riders and the same rider twice report one hazard */
	const char *m = reg(gw, "桥下积水深坑", "safety_hazard", "SC-HB-G01", NULL, W_PHONE, NULL);
	const char *n = reg(gw, "桥下有深坑", "安全隐患", "SC-HB-G01", NULL, W_PHONE, NULL);
	const char *v = reg(gw, "桥洞积水", "safety_hazard", "SC-HB-G01", NULL, V_PHONE, NULL);
	struct ticket_move mm = {TA_MERGE, NULL, NULL, 0, n, NULL, 0};
	assert_int_equal(ticket_apply(gw, n, &mm, NULL, &e), GW_EINVAL);   /* into itself */
	mm.into = "SC-2026-999999";
	assert_int_equal(ticket_apply(gw, n, &mm, NULL, &e), GW_ENOTFOUND);
	mm.into = m;
	assert_int_equal(ticket_apply(gw, n, &mm, NULL, &e), GW_OK);
	struct ticket_rec *t = get(gw, n);
	struct ticket_rec keep = *get(gw, m);
	assert_string_equal(t->status, "closed");
	assert_string_equal(t->duplicate_of, keep.id);
	assert_string_equal(t->closed_at, "2026-03-02 09:00:00");
	assert_string_equal(t->resolved_at, "2026-03-02 09:00:00");
	assert_string_equal(q_text(gw, "SELECT action || '|' || note FROM ticket_event WHERE ticket_id = '%s' "
				       "ORDER BY rowid DESC LIMIT 1", t->id),
			    q_text(gw, "SELECT 'merge|%s'", m));
	assert_string_equal(q_text(gw, "SELECT action || '|' || note FROM ticket_event WHERE ticket_id = '%s' "
				       "ORDER BY rowid DESC LIMIT 1", keep.id),
			    q_text(gw, "SELECT 'absorb|%s'", n));
	/* nothing is merged into a duplicate; a duplicate is not reopened */
	mm.into = n;
	assert_int_equal(ticket_apply(gw, v, &mm, NULL, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, m));
	assert_int_equal(mv(gw, n, TA_REOPEN, NULL, "再看看", 0, &e), GW_ESTATE);
	assert_non_null(strstr(e.msg, m));
	assert_int_equal(ticket_apply(gw, n, &(struct ticket_move){TA_MERGE, NULL, NULL, 0, v, NULL, 0}, NULL, &e),
			 GW_ESTATE);   /* closed already */
	/* the other rider's report too, with a note after the link */
	mm.into = m;
	mm.note = "同一处积水";
	assert_int_equal(ticket_apply(gw, v, &mm, NULL, &e), GW_OK);
	mm.note = NULL;
	assert_string_equal(q_text(gw, "SELECT note FROM ticket_event WHERE ticket_id = '%s' AND action = 'merge'",
				   get(gw, v)->id),
			    q_text(gw, "SELECT '%s 同一处积水'", m));
	/* merging the kept one elsewhere takes its duplicates along */
	const char *x = reg(gw, "桥下深坑（汇总）", "safety_hazard", "SC-HB-G01", NULL, NULL, NULL);
	mm.into = x;
	assert_int_equal(ticket_apply(gw, m, &mm, NULL, &e), GW_OK);
	struct ticket_rec xr = *get(gw, x);
	assert_string_equal(get(gw, n)->duplicate_of, xr.id);
	assert_string_equal(get(gw, v)->duplicate_of, xr.id);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM points_ledger"), 0);
	/* The kept ticket closes: its reporter (none here) earns; nobody else. */
	close_it(gw, x);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM points_ledger"), 0);
	assert_int_equal(balance(gw, W_PHONE), 0);
	assert_int_equal(balance(gw, V_PHONE), 0);

	/* A rider's verified report: 5 points, once, however often it closes. */
	const char *r = reg(gw, "路口信号灯倒伏", "safety_hazard", "SC-HB-G01", NULL, W_PHONE, NULL);
	const char *r2 = reg(gw, "信号灯倒了", "safety_hazard", "SC-HB-G01", NULL, W_PHONE, NULL);
	assert_int_equal(ticket_apply(gw, r2, &(struct ticket_move){TA_MERGE, NULL, NULL, 0, r, NULL, 0}, NULL, &e),
			 GW_OK);
	close_it(gw, r);
	assert_int_equal(balance(gw, W_PHONE), 5);
	struct ticket_rec rr = *get(gw, r);
	assert_string_equal(q_text(gw, "SELECT reason || '|' || points || '|' || at || '|' || operator "
				       "FROM points_ledger WHERE ticket_id = '%s'", rr.id),
			    q_text(gw, "SELECT '工单 %s|5|2026-03-02 09:00:00|测试员'", r));
	now_is("2026-03-03 10:00:00");
	ok(gw, r, TA_REOPEN, NULL, "回访不满意，信号灯仍未修好", 0);
	struct ticket_rec *ro = get(gw, r);
	assert_string_equal(ro->status, "in_progress");
	assert_string_equal(ro->resolved_at, "");
	assert_string_equal(ro->closed_at, "");
	assert_int_equal(ro->satisfaction, 0);
	ok(gw, r, TA_RESOLVE, NULL, "已更换信号灯", 0);
	ok(gw, r, TA_CLOSE, NULL, NULL, 4);
	assert_int_equal(balance(gw, W_PHONE), 5);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM points_ledger"), 1);
	/* A category without points earns none. */
	const char *o = reg(gw, "其他事项", "other", "SC-HB-G01", NULL, V_PHONE, NULL);
	close_it(gw, o);
	assert_int_equal(balance(gw, V_PHONE), 0);
	gw_close(gw);
}

static void test_daily_cap(void **state)
{
	struct config cfg;
	config_defaults(&cfg);
	cfg.daily_points_cap = 12;   /* traffic pays 5 */
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("cap", &cfg);
	const char *n[5];
	for (int i = 0; i < 5; i++)
		n[i] = reg(gw, "骑手报告交通事故", "traffic", "SC-HB-G01", NULL, W_PHONE, NULL);
	for (int i = 0; i < 3; i++)
		close_it(gw, n[i]);
	/* 5 + 5 + 2, the third capped */
	assert_int_equal(balance(gw, W_PHONE), 12);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM points_ledger"), 3);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM points_ledger WHERE reason LIKE '%每日上限 12%'"), 1);
	close_it(gw, n[3]);   /* nothing left today, but settled */
	assert_int_equal(balance(gw, W_PHONE), 12);
	assert_int_equal(q_int(gw, "SELECT count(*) FROM points_ledger WHERE points = 0"), 1);
	/* the cap is per worker: the other rider earns in full */
	const char *v = reg(gw, "骑手报告交通事故", "traffic", "SC-HB-G01", NULL, V_PHONE, NULL);
	close_it(gw, v);
	assert_int_equal(balance(gw, V_PHONE), 5);
	/* a new day: full points again; the one settled at 0 stays settled */
	now_is("2026-03-03 09:00:00");
	close_it(gw, n[4]);
	assert_int_equal(balance(gw, W_PHONE), 17);
	ok(gw, n[3], TA_REOPEN, NULL, "复查", 0);
	ok(gw, n[3], TA_RESOLVE, NULL, "复查完成", 0);
	ok(gw, n[3], TA_CLOSE, NULL, NULL, 5);
	assert_int_equal(balance(gw, W_PHONE), 17);
	/* redemptions do not free room under the cap */
	struct worker_rec w;
	assert_int_equal(worker_by_phone(gw, W_PHONE, &w, NULL), GW_OK);
	char sql[512];
	snprintf(sql, sizeof sql,
		 "INSERT INTO points_ledger(id, worker_id, at, points, reason, operator, office) "
		 "VALUES ('redeem1', '%s', '2026-03-03 08:00:00', -10, '兑换矿泉水', 'x', 'SC')", w.id);
	assert_int_equal(sqlite3_exec(db_handle(gw->db), sql, NULL, NULL, NULL), SQLITE_OK);
	const char *z = reg(gw, "骑手报告交通事故", "traffic", "SC-HB-G01", NULL, W_PHONE, NULL);
	close_it(gw, z);   /* 5 earned today already: 5 more fit under 12 */
	assert_int_equal(balance(gw, W_PHONE), 12);
	gw_close(gw);
}

/* ---- history ---------------------------------------------------------------- */

static void test_history(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("history", NULL);
	const char *n = reg(gw, "快递站点噪音扰民", "矛盾纠纷", "SC-HB-G01", NULL, NULL, NULL);
	struct step { const char *t; enum ticket_action a; const char *dept, *note; int sat; } path[] = {
		{"2026-03-02 10:00:00", TA_ACCEPT, D_MARKET, NULL, 0},
		{"2026-03-02 11:00:00", TA_COMMENT, NULL, "已电话联系反映人", 0},
		{"2026-03-03 09:00:00", TA_RETURN, NULL, "属邮政管理职责", 0},
		{"2026-03-03 10:00:00", TA_TRANSFER, "县邮政管理局", "改由邮政管理局办理", 0},
		{"2026-03-03 11:00:00", TA_ACCEPT, NULL, NULL, 0},
		{"2026-03-03 12:00:00", TA_SUPPORT_ADD, D_UNION, NULL, 0},
		{"2026-03-04 09:00:00", TA_START, NULL, NULL, 0},
		{"2026-03-04 10:00:00", TA_HOLD, NULL, "等待快递企业整改方案", 0},
		{"2026-03-05 09:00:00", TA_RESUME, NULL, NULL, 0},
		{"2026-03-05 10:00:00", TA_RESOLVE, NULL, "夜间分拣改至室内", 0},
		{"2026-03-06 09:00:00", TA_CLOSE, NULL, "回访：基本满意", 4},
		{"2026-03-09 09:00:00", TA_REOPEN, NULL, "噪音反弹", 0},
		{"2026-03-09 10:00:00", TA_RESOLVE, NULL, "加装隔音设施", 0},
		{"2026-03-10 09:00:00", TA_CLOSE, NULL, NULL, 5},
	};
	size_t np = sizeof path / sizeof path[0];
	for (size_t i = 0; i < np; i++) {
		now_is(path[i].t);
		ok(gw, n, path[i].a, path[i].dept, path[i].note, path[i].sat);
	}
	struct ticket_rec t = *get(gw, n);
	assert_int_equal(events_of(gw, n), (long long)np + 1);
	/* each step: who, when, what, from -> to; the states chain up */
	const char *want[] = {
		"2026-03-02 09:00:00|测试员|register||new|",
		"2026-03-02 10:00:00|测试员|accept|new|accepted|" D_MARKET,
		"2026-03-02 11:00:00|测试员|comment|accepted|accepted|" D_MARKET,
		"2026-03-03 09:00:00|测试员|return|accepted|returned|" D_MARKET,
		"2026-03-03 10:00:00|测试员|transfer|returned|new|县邮政管理局",
		"2026-03-03 11:00:00|测试员|accept|new|accepted|县邮政管理局",
		"2026-03-03 12:00:00|测试员|support_add|accepted|accepted|" D_UNION,
		"2026-03-04 09:00:00|测试员|start|accepted|in_progress|县邮政管理局",
		"2026-03-04 10:00:00|测试员|hold|in_progress|on_hold|县邮政管理局",
		"2026-03-05 09:00:00|测试员|resume|on_hold|in_progress|县邮政管理局",
		"2026-03-05 10:00:00|测试员|resolve|in_progress|resolved|县邮政管理局",
		"2026-03-06 09:00:00|测试员|close|resolved|closed|县邮政管理局",
		"2026-03-09 09:00:00|测试员|reopen|closed|in_progress|县邮政管理局",
		"2026-03-09 10:00:00|测试员|resolve|in_progress|resolved|县邮政管理局",
		"2026-03-10 09:00:00|测试员|close|resolved|closed|县邮政管理局",
	};
	sqlite3_stmt *st;
	char sql[256];
	snprintf(sql, sizeof sql,
		 "SELECT at || '|' || operator || '|' || action || '|' || ifnull(from_status, '') || '|' || "
		 "to_status || '|' || ifnull(department, ''), note FROM ticket_event WHERE ticket_id = '%s' "
		 "ORDER BY at, rowid", t.id);
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL), SQLITE_OK);
	for (size_t i = 0; i <= np; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), want[i]);
		if (i && path[i - 1].note)
			assert_string_equal((const char *)sqlite3_column_text(st, 1), path[i - 1].note);
	}
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	/* the events read back through the module, and every change audited */
	assert_int_equal(t.satisfaction, 5);
	assert_string_equal(t.closed_at, "2026-03-10 09:00:00");
	assert_string_equal(t.resolved_at, "2026-03-09 10:00:00");
	assert_int_equal(t.held_days, 1);
	/* the registration and every move, the comment included */
	assert_int_equal(count_where(gw, "SELECT count(*) FROM audit WHERE record_id = '%s'", t.id), (long long)np + 1);
	assert_non_null(strstr(q_text(gw, "SELECT old FROM audit WHERE record_id = '%s' AND action = 'hold'", t.id),
			       "{\"status\":\"in_progress\",\"department\":\"县邮政管理局\""));
	assert_non_null(strstr(q_text(gw, "SELECT new FROM audit WHERE record_id = '%s' AND action = 'hold'", t.id),
			       "\"hold_since\":\"2026-03-04 10:00:00\""));
	gw_close(gw);
}

/* ---- imported tickets go on through the workflow ----------------------------- */

static void test_imported(void **state)
{
	now_is("2026-03-02 09:00:00");
	struct gw *gw = open_db("imported", NULL);
	import_text(gw, "tickets.csv",
		    "编号,标题,类别,来源,网格编码,反映人电话,承办部门,状态,登记时间,办结时间\n"
		    "HB-2026-000001,骑手反映路灯损坏,安全隐患,骑手上报,SC-HB-G01,13900000002,县住房和城乡建设局,已办结,2026-02-25 09:00,2026-02-27 16:00\n"
		    "HB-2026-000002,职工子女入学,子女入学,书记帮办日,SC-HB-G01,,县教育体育局,已关闭,2026-01-05 09:00,2026-01-20 10:00\n"
		    "HB-2026-000003,宿舍漏水,职工住房,车间恳谈会,SC-HB-G02,,县住房和城乡建设局,挂起,2026-02-26 09:00,\n"
		    "HB-2026-000004,工资拖欠,劳动权益,职工议事厅,SC-HB-G02,,县人力资源和社会保障局,已受理,2026-02-27 09:00,\n"
		    "HB-2026-000005,无人受理的事,其他,电话,SC-HB-G02,,,待受理,2026-02-27 09:00,\n");
	struct gw_err e;
	/* resolved -> closed, and the rider is paid for the verified close */
	ok(gw, "HB-2026-000001", TA_CLOSE, NULL, "回访满意", 5);
	assert_int_equal(balance(gw, W_PHONE), 5);
	/* closed -> reopened -> resolved again */
	ok(gw, "HB-2026-000002", TA_REOPEN, NULL, "家长反映仍未落实", 0);
	struct ticket_rec *t = get(gw, "HB-2026-000002");
	assert_string_equal(t->status, "in_progress");
	assert_string_equal(t->resolved_at, "");
	assert_int_equal(mv(gw, "HB-2026-000002", TA_CLOSE, NULL, NULL, 5, &e), GW_ESTATE);
	ok(gw, "HB-2026-000002", TA_RESOLVE, NULL, "已安排学位", 0);
	/* on hold since the import: resuming counts from then */
	now_is("2026-03-04 09:00:00");
	t = get(gw, "HB-2026-000003");
	assert_string_equal(t->hold_since, "2026-03-02 09:00:00");
	char due[11];
	memcpy(due, t->due_on, sizeof due);
	ok(gw, "HB-2026-000003", TA_RESUME, NULL, NULL, 0);
	t = get(gw, "HB-2026-000003");
	assert_string_equal(t->status, "in_progress");   /* a department holds it */
	assert_int_equal(t->held_days, 2);
	char want[11];
	assert_int_equal(calendar_add_workdays(&gw->cfg, due, 2, want), GW_OK);
	assert_string_equal(t->due_on, want);
	/* accepted -> start; refused moves list what the state allows */
	assert_int_equal(mv(gw, "HB-2026-000004", TA_RESOLVE, NULL, "x", 0, &e), GW_ESTATE);
	ok(gw, "HB-2026-000004", TA_START, NULL, NULL, 0);
	assert_int_equal(mv(gw, "HB-2026-000005", TA_ACCEPT, NULL, NULL, 0, &e), GW_EINVAL);
	ok(gw, "HB-2026-000005", TA_ACCEPT, D_UNION, NULL, 0);
	/* the history starts with the import, then the workflow's steps */
	assert_string_equal(q_text(gw, "SELECT group_concat(action, ',') FROM (SELECT e.action FROM ticket_event e "
				       "JOIN ticket t ON t.id = e.ticket_id WHERE t.number = 'HB-2026-000002' "
				       "ORDER BY e.at, e.rowid)"),
			    "import,reopen,resolve");
	/* re-importing the same file afterwards does not pay twice */
	assert_int_equal(q_int(gw, "SELECT count(*) FROM points_ledger"), 1);
	/* numbers of this office go on after imported ones of another */
	const char *n = reg(gw, "新登记", "other", "SC-HB-G01", NULL, NULL, NULL);
	assert_string_equal(n, "SC-2026-000001");
	gw_close(gw);
}

int main(void)
{
	setenv("GRIDWORK_NOW", "2026-03-02 09:00:00", 1);
	snprintf(dir, sizeof dir, "/tmp/gridwork-test-flow-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	memcpy(org_code, "91341523MA2TK1234", 17);
	org_code[17] = valid_credit_check_char(org_code);
	org_code[18] = '\0';
	gw_set_lang(GW_LANG_ZH);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_move),
		cmocka_unit_test(test_refusal_chinese),
		cmocka_unit_test(test_departments),
		cmocka_unit_test(test_instructor),
		cmocka_unit_test(test_version_conflict),
		cmocka_unit_test(test_register),
		cmocka_unit_test(test_numbers_two_processes),
		cmocka_unit_test(test_spring_festival),
		cmocka_unit_test(test_hold_pauses_clock),
		cmocka_unit_test(test_overdue_lists),
		cmocka_unit_test(test_merge_points_once),
		cmocka_unit_test(test_daily_cap),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_imported),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
