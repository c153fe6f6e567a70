/* test_report.c - the reports against reference computations (the tests'
 * own SQL, and the calendar for working days) on generated data, for
 * several scopes and periods; the article's figures on the demo county
 * through the summary's JSON keys; period and scope boundaries; overdue
 * grades and on-time; bad input; and the activities, cooperation projects
 * and credit grants kinds (import, re-import, bad rows, export round
 * trip, forms). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "activity.h"
#include "calendar.h"
#include "config.h"
#include "demo.h"
#include "enums.h"
#include "gw.h"
#include "import.h"
#include "report.h"
#include "strbuf.h"
#include "validate.h"

#include "testutil.h"

/* A fresh database of its own, the operator 测试. */
static struct gw *open_db(void)
{
	return tu_open_as("r", NULL, "测试");
}

static long long q1(struct gw *gw, const char *fmt, ...)
{
	char sql[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(db_handle(gw->db)));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One record through the kind's write path; fails the test on error. */
static void put(struct gw *gw, enum import_kind k, const char *const *v)
{
	struct gw_err e;
	if (import_one(gw, k, v, NULL, 0, NULL, &e) != GW_OK)
		fail_msg("import_one %d (%s): %s", k, v[0], e.msg);
}

static void params(struct gw *gw, const char *scope, const char *since, const char *until,
		   struct report_params *p)
{
	struct gw_err e;
	if (report_params_init(gw, scope, since, until, p, &e) != GW_OK)
		fail_msg("params: %s", e.msg);
}

static void run(struct gw *gw, enum report_kind k, const struct report_params *p, struct report *r)
{
	struct gw_err e;
	if (report_run(gw, k, p, r, &e) != GW_OK)
		fail_msg("report %s: %s", report_name(k), e.msg);
}

/* ---- a small JSON reader, for the documented keys ---------------------------------- */

struct jv {
	char type;              /* o a s n b z */
	char key[64];
	char str[256];
	double num;
	struct jv *kids;
	int n;
};

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
	return p;
}

static const char *jstr(const char *p, char *out, size_t outsz)
{
	size_t n = 0;
	assert_int_equal(*p, '"');
	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\')
			p++;
		if (n + 1 < outsz)
			out[n++] = *p;
	}
	out[n] = '\0';
	assert_int_equal(*p, '"');
	return p + 1;
}

static const char *jparse(const char *p, struct jv *v)
{
	p = ws(p);
	memset(v, 0, sizeof *v);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		v->type = *p == '{' ? 'o' : 'a';
		p = ws(p + 1);
		while (*p != close) {
			v->kids = realloc(v->kids, (size_t)(v->n + 1) * sizeof *v->kids);
			struct jv *k = &v->kids[v->n++];
			char key[64] = "";
			if (v->type == 'o') {
				p = ws(jstr(p, key, sizeof key));
				assert_int_equal(*p, ':');
				p++;
			}
			p = ws(jparse(p, k));
			snprintf(k->key, sizeof k->key, "%s", key);
			if (*p == ',')
				p = ws(p + 1);
			else
				assert_int_equal(*p, close);
		}
		return p + 1;
	}
	if (*p == '"') {
		v->type = 's';
		return jstr(p, v->str, sizeof v->str);
	}
	if (strncmp(p, "null", 4) == 0) {
		v->type = 'z';
		return p + 4;
	}
	if (strncmp(p, "true", 4) == 0 || strncmp(p, "false", 5) == 0) {
		v->type = 'b';
		v->num = *p == 't';
		return p + (*p == 't' ? 4 : 5);
	}
	char *end;
	v->type = 'n';
	v->num = strtod(p, &end);
	assert_true(end > p);
	return end;
}

static void jfree(struct jv *v)
{
	for (int i = 0; i < v->n; i++)
		jfree(&v->kids[i]);
	free(v->kids);
}

/* The value at a dotted path of object keys; fails when absent. */
static const struct jv *jget(const struct jv *v, const char *path)
{
	char part[64];
	while (*path) {
		size_t n = strcspn(path, ".");
		snprintf(part, sizeof part, "%.*s", (int)n, path);
		const struct jv *next = NULL;
		for (int i = 0; v->type == 'o' && i < v->n && !next; i++)
			if (strcmp(v->kids[i].key, part) == 0)
				next = &v->kids[i];
		if (!next)
			fail_msg("no key '%s'", part);
		v = next;
		path += n + (path[n] == '.');
	}
	return v;
}

static double jnum(const struct jv *v, const char *path)
{
	const struct jv *x = jget(v, path);
	if (x->type != 'n')
		fail_msg("'%s' is not a number", path);
	return x->num;
}

/* The element of array a whose string keys k1, k2 hold v1, v2. */
static const struct jv *jfind(const struct jv *a, const char *k1, const char *v1, const char *k2,
			      const char *v2)
{
	for (int i = 0; a->type == 'a' && i < a->n; i++)
		if (strcmp(jget(&a->kids[i], k1)->str, v1) == 0 &&
		    (!k2 || strcmp(jget(&a->kids[i], k2)->str, v2) == 0))
			return &a->kids[i];
	fail_msg("no element %s=%s %s=%s", k1, v1, k2 ? k2 : "", v2 ? v2 : "");
	return NULL;
}

/* ---- the demo county: the article's figures from the summary's JSON ---------------- */

static void test_demo_figures(void **state)
{
	(void)state;
	struct gw *gw = open_db();
	struct gw_err e;
	assert_int_equal(demo_build(gw, 1, &e), GW_OK);
	const struct demo_figures *f = &demo_figures;
	struct report_params p;
	params(gw, NULL, f->new_orgs_since, NULL, &p);
	struct report r;
	run(gw, REPORT_SUMMARY, &p, &r);
	struct strbuf b = STRBUF_INIT;
	report_json(&r, &b);
	struct jv j;
	jparse(sb_str(&b), &j);
	assert_string_equal(jget(&j, "report")->str, "summary");
	assert_string_equal(jget(&j, "scope.code")->str, "SC");
	assert_string_equal(jget(&j, "period.since")->str, "2024-01-01");
	assert_int_equal(jget(&j, "period.until")->type, 'z');
	assert_int_equal(jnum(&j, "grids.total"), f->grids);
	assert_int_equal(jnum(&j, "grids.by_basis.region") + jnum(&j, "grids.by_basis.industry") +
			 jnum(&j, "grids.by_basis.chain"), f->grids);
	assert_true(jnum(&j, "grids.by_basis.chain") >= 5);
	assert_int_equal(jnum(&j, "instructors.total"), f->instructors);
	assert_int_equal(jnum(&j, "instructors.full_time") + jnum(&j, "instructors.part_time"), f->instructors);
	assert_int_equal(jnum(&j, "instructors.grids_total"), f->grids);
	assert_int_equal(jnum(&j, "instructors.grids_meeting_standard"), f->grids);
	/* Coverage: the park's non-public enterprises > 80 %, associations 85 %. */
	const struct jv *cov = jget(&j, "coverage");
	const struct jv *park = jfind(cov, "scope", "SC-KFQ", "kind", "enterprise");
	assert_int_equal(jnum(park, "covered"), f->park_enterprises_covered);
	assert_int_equal(jnum(park, "total"), f->park_enterprises);
	assert_true(jnum(park, "rate") > 0.80);
	const struct jv *assoc = jfind(cov, "scope", "SC", "kind", "association");
	assert_int_equal(jnum(assoc, "covered"), f->associations_covered);
	assert_int_equal(jnum(assoc, "total"), f->associations);
	assert_true(jnum(assoc, "rate") >= 0.85);
	assert_int_equal(jnum(park, "by_form.standalone") + jnum(park, "by_form.joint") +
			 jnum(park, "by_form.affiliated"), f->park_enterprises_covered);
	assert_int_equal(jnum(&j, "new_party_orgs.enterprise"), f->new_enterprise_orgs);
	assert_int_equal(jnum(&j, "new_party_orgs.social_org"), f->new_social_orgs);
	assert_int_equal(jnum(&j, "members.in_parks"), f->park_members);
	assert_int_equal(jnum(&j, "members.in_parks_managed"), f->park_members);
	assert_true(jnum(&j, "members.mobile") > 0);
	assert_int_equal(jnum(&j, "tickets.enterprise_problems"), f->enterprise_problems);
	assert_int_equal(jnum(&j, "tickets.worker_problems"), f->worker_problems);
	assert_int_equal(jnum(&j, "tickets.labor_rights"), f->labor_rights);
	assert_int_equal(jnum(&j, "tickets.resolved_by_category.labor_rights"), f->labor_rights);
	assert_int_equal(jnum(&j, "tickets.total"), q1(gw, "SELECT count(*) FROM ticket"));
	assert_int_equal(jnum(&j, "tickets.by_status.closed") + jnum(&j, "tickets.by_status.resolved"),
			 jnum(&j, "tickets.resolved"));
	assert_true(jnum(&j, "tickets.overdue.total") >= 3);
	assert_int_equal(jnum(&j, "tickets.overdue.yellow") + jnum(&j, "tickets.overdue.red"),
			 jnum(&j, "tickets.overdue.total"));
	assert_int_equal(jnum(&j, "workers.total"), f->workers);
	assert_int_equal(jnum(&j, "workers.party_member_grid_workers"), f->worker_party_members);
	assert_int_equal(jnum(&j, "workers.grid_workers"), f->worker_party_members);
	assert_int_equal(jnum(&j, "workers.food_safety_supervisors"), f->food_supervisors);
	assert_int_equal(jnum(&j, "stations.total"), f->stations);
	assert_int_equal(jnum(&j, "stations.by_service.rest"), f->stations);
	assert_int_equal(jnum(&j, "activities.trainings"), f->trainings);
	assert_int_equal(jnum(&j, "activities.training_person_times"), f->training_person_times);
	assert_int_equal(jnum(&j, "activities.cooperation_projects"), f->coop_projects);
	assert_int_equal(jnum(&j, "credit.enterprises"), f->credit_firms);
	assert_int_equal(jnum(&j, "credit.amount_yuan"), f->credit_yuan);
	jfree(&j);
	sb_free(&b);

	/* The same as a table, in Chinese; and as CSV with a BOM. */
	struct report_table *t;
	int n;
	assert_int_equal(report_tables(&r, &t, &n, &e), GW_OK);
	assert_true(n >= 2);
	assert_string_equal(t[0].title, "概况");
	int found = 0;
	for (int i = 0; i < t[0].nrows; i++)
		if (strcmp(t[0].cells[i * t[0].ncols], "红色信贷授信（元）") == 0) {
			assert_string_equal(t[0].cells[i * t[0].ncols + 1], "230000000");
			assert_non_null(strstr(t[0].cells[i * t[0].ncols + 2], "2.30亿元"));
			found = 1;
		}
	assert_true(found);
	char path[512];
	snprintf(path, sizeof path, "%s/summary.csv", tu_dir);
	FILE *fp = fopen(path, "wb");
	assert_int_equal(report_write_csv(t, n, fp, 0, &e), GW_OK);
	fclose(fp);
	char head[64] = "";
	fp = fopen(path, "rb");
	assert_non_null(fgets(head, sizeof head, fp));
	fclose(fp);
	assert_memory_equal(head, "\xef\xbb\xbf概况\r\n", strlen("\xef\xbb\xbf概况\r\n"));
	report_tables_free(t, n);
	report_free(&r);

	/* Without a period every party organisation counts as new. */
	params(gw, NULL, NULL, NULL, &p);
	run(gw, REPORT_NEW_ORGS, &p, &r);
	assert_int_equal(r.new_orgs.total, q1(gw, "SELECT count(*) FROM org WHERE party_org <> 'none'"));
	assert_int_equal(r.new_orgs.nlist, r.new_orgs.total);
	report_free(&r);
	/* The park's own scope. */
	params(gw, "sc-kfq", NULL, NULL, &p);
	run(gw, REPORT_COVERAGE, &p, &r);
	assert_string_equal(r.grids.nodes[0].code, "SC-KFQ");
	assert_int_equal(r.coverage.cell[0].total, f->park_enterprises);
	assert_int_equal(r.coverage.cell[0].covered, f->park_enterprises_covered);
	report_free(&r);
	gw_close(gw);
}

/* ---- generated data against reference computations --------------------------------- */

static uint64_t rs = 42;
static int rnd(int n)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (int)(rs % (uint64_t)n);
}

static void credit_code(int i, char out[19])
{
	snprintf(out, 19, "%s", tu_credit_code_from("91341523MA2", i));
}

static const char *const gen_grids[] = {"SC-T1-G1", "SC-T1-G2", "SC-T2-G1", "SC-P-G1", "SC-P-S-G1"};
#define NG 5
#define NORG 80

static void day(int from_y, int span, char out[11])
{
	char d[11];
	/* Calendar days: the calendar module counts working days only, so step
	 * through month lengths by hand. */
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = from_y, m = 1, dd = 1 + rnd(span);
	while (dd > md[m - 1] + (m == 2 && y % 4 == 0)) {
		dd -= md[m - 1] + (m == 2 && y % 4 == 0);
		if (++m > 12)
			m = 1, y++;
	}
	snprintf(d, sizeof d, "%04d-%02d-%02d", y, m, dd);
	memcpy(out, d, 11);
}

static struct gw *generate(void)
{
	struct gw *gw = open_db();
	struct gw_err e;
	const char *county[] = {"SC", "舒城县", "县", "", "", "", ""};
	put(gw, IK_GRID, county);
	const char *nodes[][5] = {
		{"SC-T1", "第一镇", "乡镇", "SC", ""}, {"SC-T2", "第二乡", "乡镇", "SC", ""},
		{"SC-P", "开发区", "园区", "SC", ""},   {"SC-P-S", "园中园", "园区", "SC-P", ""},
		{"SC-T1-G1", "一镇甲网格", "网格", "SC-T1", "地域"}, {"SC-T1-G2", "一镇乙网格", "网格", "SC-T1", "行业"},
		{"SC-T2-G1", "二乡网格", "网格", "SC-T2", "地域"},   {"SC-P-G1", "开发区链网格", "网格", "SC-P", "产业链"},
		{"SC-P-S-G1", "园中园网格", "网格", "SC-P-S", "产业链"},
	};
	for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
		const char *v[] = {nodes[i][0], nodes[i][1], nodes[i][2], nodes[i][3], nodes[i][4], "", ""};
		put(gw, IK_GRID, v);
	}
	static const char *const kinds[] = {"enterprise", "social_org", "association"};
	static const char *const forms[] = {"none", "standalone", "joint", "affiliated"};
	char codes[NORG][19];
	for (int i = 0; i < NORG; i++) {
		char name[64], since[11] = "", members[8];
		credit_code(i, codes[i]);
		snprintf(name, sizeof name, "舒城县测试单位%02d有限公司", i);
		int form = rnd(4);
		if (form)
			day(2022, 4 * 365, since);
		snprintf(members, sizeof members, "%d", 5 + rnd(10));
		const char *v[] = {codes[i], name, kinds[rnd(3)], "", "", gen_grids[rnd(NG)], "", "10",
				   members, forms[form], since, "", ""};
		put(gw, IK_ORG, v);
	}
	for (int i = 0; i < 24; i++) {
		char name[32], phone[12], grids[64], orgs[64];
		snprintf(name, sizeof name, "指导员%02d", i);
		snprintf(phone, sizeof phone, "1390000%04d", i);
		int a = rnd(NG), b = rnd(NG), two = a != b && rnd(2);
		snprintf(grids, sizeof grids, "%s%s%s", gen_grids[a], two ? ";" : "", two ? gen_grids[b] : "");
		snprintf(orgs, sizeof orgs, "%s;%s", codes[rnd(NORG)], codes[rnd(NORG)]);
		const char *v[] = {name, phone, "", "", rnd(3) ? "part_time" : "full_time", i % 7 == 6 ? "" : grids,
				   orgs, rnd(8) ? "active" : "inactive"};
		put(gw, IK_INSTRUCTOR, v);
	}
	static const char *const jobs[] = {"delivery_rider", "courier", "ride_hailing", "trucker", "other"};
	static const char *const roles[] = {"", "grid_worker", "food_safety_supervisor", "safe_rider",
					    "grid_worker;safe_rider", "food_safety_supervisor;safe_rider"};
	for (int i = 0; i < 60; i++) {
		char name[32], phone[12];
		snprintf(name, sizeof name, "骑手%02d", i);
		snprintf(phone, sizeof phone, "1860000%04d", i);
		const char *v[] = {name, phone, jobs[rnd(5)], "美团", rnd(3) ? "否" : "是",
				   rnd(6) ? gen_grids[rnd(NG)] : "", roles[rnd(6)]};
		put(gw, IK_WORKER, v);
	}
	for (int i = 0; i < 40; i++)
		tu_exec(gw, "INSERT INTO points_ledger(id, worker_id, at, points, reason, operator, office) "
			    "SELECT lower(hex(randomblob(16))), id, '2025-0' || (1 + abs(random()) % 9) || '-15 10:00:00', "
			    "(abs(random()) % 20) - 6, '测试', '测试', 'SC' FROM worker ORDER BY random() LIMIT 1");
	static const char *const status[] = {"new", "accepted", "in_progress", "on_hold", "resolved",
					     "closed", "returned", "closed", "resolved"};
	for (int i = 0; i < 600; i++) {
		char title[64], created[20], resolved[20] = "", d[11];
		snprintf(title, sizeof title, "测试工单%03d：厂区道路破损", i);
		day(2025, 520, d);
		snprintf(created, sizeof created, "%s %02d:%02d:00", d, 8 + rnd(10), rnd(60));
		const char *st = status[rnd(9)];
		if (strcmp(st, "resolved") == 0 || strcmp(st, "closed") == 0) {
			char rd[11];
			calendar_add_workdays(&gw->cfg, d, rnd(30), rd);
			if (strcmp(rd, "2026-06-15") > 0)
				snprintf(rd, sizeof rd, "2026-06-15");
			snprintf(resolved, sizeof resolved, "%s %02d:00:00", rd, 8 + rnd(2) * 15);
			if (strcmp(resolved, created) < 0)
				snprintf(resolved, sizeof resolved, "%s", created);
		}
		int dep = rnd(gw->cfg.ndepts + 3);
		const char *v[] = {"", title, "", enum_en(EN_CATEGORY, rnd(14)), enum_en(EN_SOURCE, rnd(7)),
				   gen_grids[rnd(NG)], "", "", "",
				   dep < gw->cfg.ndepts ? gw->cfg.depts[dep].name : "", "", st, created, resolved};
		put(gw, IK_TICKET, v);
	}
	/* Held days on some, as the workflow records them. */
	tu_exec(gw, "UPDATE ticket SET held_days = 2 WHERE rowid % 11 = 0");
	for (int i = 0; i < 12; i++) {
		char name[64];
		snprintf(name, sizeof name, "测试驿站%02d", i);
		const char *v[] = {name, gen_grids[rnd(NG)], "", rnd(2) ? "工会驿站" : "城市驿站",
				   rnd(2) ? "rest;water;charging" : "rest;meals", "", "", ""};
		put(gw, IK_STATION, v);
	}
	for (int i = 0; i < 50; i++) {
		int o = rnd(NORG);
		if (q1(gw, "SELECT party_org = 'none' FROM org WHERE credit_code = '%s'", codes[o]))
			continue;
		char name[32];
		snprintf(name, sizeof name, "党员%02d", i);
		struct party_member_in in = {name, "", codes[o], rnd(5) ? "" : gen_grids[rnd(NG)], rnd(2), rnd(3) == 0, ""};
		assert_int_equal(party_member_add(gw, &in, NULL, &e), GW_OK);
	}
	for (int i = 0; i < 40; i++) {
		char title[64], held[11], persons[8];
		snprintf(title, sizeof title, "测试活动%02d", i);
		day(2025, 500, held);
		snprintf(persons, sizeof persons, "%d", 10 + rnd(90));
		const char *v[] = {enum_en(EN_ACTIVITY_KIND, rnd(6)), title, held, rnd(5) ? gen_grids[rnd(NG)] : "",
				   "县委社会工作部", persons};
		assert_int_equal(activity_add_row(gw, IK_ACTIVITY, v, NULL, &e), GW_OK);
	}
	for (int i = 0; i < 15; i++) {
		char title[64], signed_on[11];
		snprintf(title, sizeof title, "测试合作%02d", i);
		day(2025, 500, signed_on);
		int a = rnd(NORG), b = (a + 1 + rnd(NORG - 1)) % NORG;
		const char *v[] = {title, codes[a], codes[b], "智能装备", "", "", rnd(4) ? signed_on : ""};
		assert_int_equal(activity_add_row(gw, IK_COOP, v, NULL, &e), GW_OK);
	}
	for (int i = 0; i < 12; i++) {
		char granted[11], amount[16];
		day(2025, 500, granted);
		snprintf(amount, sizeof amount, "%d", (1 + rnd(50)) * 100000);
		const char *v[] = {codes[rnd(NORG)], "", rnd(2) ? "舒城农商银行" : "徽商银行舒城支行", amount, granted};
		assert_int_equal(activity_add_row(gw, IK_CREDIT, v, NULL, &e), GW_OK);
	}
	return gw;
}

/* The SQL that picks the scope's grids, for the reference queries. */
#define SUBTREE(id) "(WITH RECURSIVE s(id) AS (SELECT '%s' UNION ALL SELECT g.id FROM grid g " \
		    "JOIN s ON g.parent_id = s.id) SELECT id FROM s)"

static char scope_in[600];

/* "grid_id IN (...)" for the report's scope, "1" at the root (which takes
 * records without a grid too). */
static const char *in_scope(const struct report *r, const char *col)
{
	if (r->p.root)
		return "1";
	snprintf(scope_in, sizeof scope_in, "%s IN " SUBTREE("%s"), col, r->p.scope.id);
	return scope_in;
}

static char when_buf[4][200];
/* "col BETWEEN since AND until" on the date part of col, "1" when open. */
static const char *when(const struct report *r, const char *col, int slot)
{
	char *b = when_buf[slot];
	snprintf(b, 200, "(%s IS NOT NULL AND substr(%s, 1, 10) >= '%s' AND substr(%s, 1, 10) <= '%s')",
		 col, col, r->p.since[0] ? r->p.since : "0000", col, r->p.until[0] ? r->p.until : "9999");
	return b;
}

static void check_coverage(struct gw *gw, const struct report *r)
{
	for (int i = 0; i < r->grids.nnodes; i++)
		for (int k = 0; k < RK_KINDS; k++) {
			const struct report_cov *c = &r->coverage.cell[i * RK_KINDS + k];
			const char *id = r->grids.nodes[i].id, *kind = enum_en(EN_ORG_KIND, k);
			assert_int_equal(c->total, q1(gw, "SELECT count(*) FROM org WHERE kind = '%s' AND grid_id IN "
						       SUBTREE("%s"), kind, id));
			assert_int_equal(c->covered, q1(gw, "SELECT count(*) FROM org WHERE kind = '%s' AND party_org <> 'none' "
							 "AND party_org_since <= '%s' AND grid_id IN " SUBTREE("%s"),
							 kind, r->p.until[0] ? r->p.until : "9999", id));
			for (int m = 1; m < RK_FORMS; m++)
				assert_int_equal(c->by_form[m],
						 q1(gw, "SELECT count(*) FROM org WHERE kind = '%s' AND party_org = '%s' "
							"AND party_org_since <= '%s' AND grid_id IN " SUBTREE("%s"), kind,
							enum_en(EN_PARTY_ORG, m), r->p.until[0] ? r->p.until : "9999", id));
		}
}

static void check_new_orgs(struct gw *gw, const struct report *r)
{
	for (int k = 0; k < RK_KINDS; k++)
		for (int m = 1; m < RK_FORMS; m++)
			assert_int_equal(r->new_orgs.by_kind[k][m],
					 q1(gw, "SELECT count(*) FROM org WHERE kind = '%s' AND party_org = '%s' AND %s AND %s",
					    enum_en(EN_ORG_KIND, k), enum_en(EN_PARTY_ORG, m),
					    when(r, "party_org_since", 0), in_scope(r, "grid_id")));
	assert_int_equal(r->new_orgs.nlist, r->new_orgs.total);
}

static void check_roster(struct gw *gw, const struct report *r)
{
	const struct report_roster *o = &r->roster;
	const char *scope = r->p.root ? "1" : in_scope(r, "ig.grid_id");
	char sql[1200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM instructor i WHERE status = 'active' AND role LIKE '%%s%%%%' "
		 "AND (%d OR EXISTS (SELECT 1 FROM instructor_grid ig WHERE ig.instructor_id = i.id AND %s))",
		 r->p.root, scope);
	assert_int_equal(o->full_time, q1(gw, sql, "full_time"));
	assert_int_equal(o->part_time, q1(gw, sql, "part_time"));
	assert_int_equal(o->total, q1(gw, sql, ""));
	int meets = 0;
	for (int i = 0; i < o->ngrids; i++) {
		const char *id = r->grids.nodes[o->grids[i].node].id;
		int ft = (int)q1(gw, "SELECT count(*) FROM instructor_grid ig JOIN instructor i ON i.id = ig.instructor_id "
				     "WHERE ig.grid_id = '%s' AND i.status = 'active' AND i.role = 'full_time'", id);
		int pt = (int)q1(gw, "SELECT count(*) FROM instructor_grid ig JOIN instructor i ON i.id = ig.instructor_id "
				     "WHERE ig.grid_id = '%s' AND i.status = 'active' AND i.role = 'part_time'", id);
		assert_int_equal(o->grids[i].full_time, ft);
		assert_int_equal(o->grids[i].part_time, pt);
		assert_int_equal(o->grids[i].meets, ft >= 1 && pt >= 2);
		meets += ft >= 1 && pt >= 2;
	}
	assert_int_equal(o->grids_meeting, meets);
	assert_int_equal(o->grids_total, q1(gw, "SELECT count(*) FROM grid WHERE level = 'grid' AND %s",
					    in_scope(r, "id")));
	assert_int_equal(o->units_without, q1(gw, "SELECT count(*) FROM org o WHERE %s AND NOT EXISTS (SELECT 1 "
					      "FROM instructor_org io JOIN instructor i ON i.id = io.instructor_id "
					      "WHERE io.org_id = o.id AND i.status = 'active')", in_scope(r, "o.grid_id")));
	assert_int_equal(o->nunits, o->units_without);
}

/* The tickets, counted one by one with the calendar module. */
static void check_tickets(struct gw *gw, const struct report *r)
{
	const struct report_tickets *t = &r->tickets;
	struct report_tcount all, cat[RK_CATS];
	memset(&all, 0, sizeof all);
	memset(cat, 0, sizeof cat);
	long ent = 0, wrk = 0, lab = 0;
	char sql[1200];
	snprintf(sql, sizeof sql, "SELECT category, source, status, created_at, resolved_at, due_on, held_days, "
		 "ifnull(department, '') FROM ticket WHERE %s", in_scope(r, "grid_id"));
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(st, 0), *s = (const char *)sqlite3_column_text(st, 1);
		const char *stt = (const char *)sqlite3_column_text(st, 2), *cr = (const char *)sqlite3_column_text(st, 3);
		const char *rv = (const char *)sqlite3_column_text(st, 4), *due = (const char *)sqlite3_column_text(st, 5);
		int ci = enum_index(EN_CATEGORY, c);
		struct report_tcount one;
		memset(&one, 0, sizeof one);
		char d[11];
		snprintf(d, sizeof d, "%.10s", cr);
		one.registered = (!r->p.since[0] || strcmp(d, r->p.since) >= 0) && (!r->p.until[0] || strcmp(d, r->p.until) <= 0);
		if (rv) {
			snprintf(d, sizeof d, "%.10s", rv);
			if ((!r->p.since[0] || strcmp(d, r->p.since) >= 0) && (!r->p.until[0] || strcmp(d, r->p.until) <= 0)) {
				one.resolved = 1;
				one.on_time = strcmp(d, due) <= 0;
				int days = calendar_workdays_between(&gw->cfg, cr, rv) - sqlite3_column_int(st, 6);
				one.days = days > 0 ? days : 0;
				ent += strcmp(s, "guidance_station") == 0 && ci < 6;
				wrk += strcmp(s, "secretary_day") == 0 || strcmp(s, "workshop_talk") == 0 ||
				       strcmp(s, "worker_council") == 0;
				lab += strcmp(c, "labor_rights") == 0;
			}
		}
		one.open = strcmp(stt, "resolved") != 0 && strcmp(stt, "closed") != 0;
		if (one.open && strcmp(stt, "on_hold") != 0) {
			int past = calendar_workdays_between(&gw->cfg, due, r->p.today);
			one.overdue = past >= 1;
			one.red = past >= gw->cfg.overdue_red;
			one.yellow = past >= gw->cfg.overdue_yellow && !one.red;
		}
#define ADD(x)                                   \
	x.registered += one.registered;           \
	x.resolved += one.resolved;               \
	x.on_time += one.on_time;                 \
	x.days += one.days;                       \
	x.open += one.open;                       \
	x.overdue += one.overdue;                 \
	x.yellow += one.yellow;                   \
	x.red += one.red
		ADD(all);
		ADD(cat[ci]);
#undef ADD
	}
	sqlite3_finalize(st);
	assert_memory_equal(&t->all, &all, sizeof all);
	assert_memory_equal(t->by_category, cat, sizeof cat);
	assert_int_equal(t->enterprise_problems, ent);
	assert_int_equal(t->worker_problems, wrk);
	assert_int_equal(t->labor_rights, lab);
	/* The other breakdowns with plain SQL. */
	for (int i = 0; i < RK_SOURCES; i++)
		assert_int_equal(t->by_source[i].registered,
				 q1(gw, "SELECT count(*) FROM ticket WHERE source = '%s' AND %s AND %s",
				    enum_en(EN_SOURCE, i), when(r, "created_at", 0), in_scope(r, "grid_id")));
	for (int i = 0; i < RK_STATES; i++)
		assert_int_equal(t->by_status[i].registered,
				 q1(gw, "SELECT count(*) FROM ticket WHERE status = '%s' AND %s AND %s",
				    enum_en(EN_TICKET_STATUS, i), when(r, "created_at", 0), in_scope(r, "grid_id")));
	long sum = 0;
	for (int i = 0; i < t->ndepts; i++) {
		assert_int_equal(t->depts[i].c.resolved,
				 q1(gw, "SELECT count(*) FROM ticket WHERE ifnull(department, '') = '%s' AND %s AND %s",
				    t->depts[i].name, when(r, "resolved_at", 0), in_scope(r, "grid_id")));
		sum += t->depts[i].c.registered;
	}
	assert_int_equal(sum, all.registered);
	for (int i = 0; i < t->ndepts - 1; i++)   /* unassigned last */
		assert_int_not_equal(t->depts[i].name[0], '\0');
	assert_int_equal(t->resolved_cs[enum_index(EN_CATEGORY, "housing")][enum_index(EN_SOURCE, "phone")],
			 q1(gw, "SELECT count(*) FROM ticket WHERE category = 'housing' AND source = 'phone' AND %s AND %s",
			    when(r, "resolved_at", 0), in_scope(r, "grid_id")));
}

static void check_others(struct gw *gw, const struct report *r)
{
	const struct report_workers *w = &r->workers;
	const char *ws_ = in_scope(r, "community_id");
	assert_int_equal(w->total, q1(gw, "SELECT count(*) FROM worker WHERE %s", ws_));
	assert_int_equal(w->party_members, q1(gw, "SELECT count(*) FROM worker WHERE party_member AND %s", ws_));
	assert_int_equal(w->roles[0], q1(gw, "SELECT count(*) FROM worker WHERE roles LIKE '%%grid_worker%%' AND %s", ws_));
	assert_int_equal(w->roles[1], q1(gw, "SELECT count(*) FROM worker WHERE roles LIKE '%%food_safety%%' AND %s", ws_));
	assert_int_equal(w->party_grid_workers,
			 q1(gw, "SELECT count(*) FROM worker WHERE party_member AND roles LIKE '%%grid_worker%%' AND %s", ws_));
	assert_int_equal(w->by_job[1], q1(gw, "SELECT count(*) FROM worker WHERE job = 'courier' AND %s", ws_));
	assert_int_equal(w->points_earned, q1(gw, "SELECT ifnull(sum(points), 0) FROM points_ledger p JOIN worker w "
						  "ON w.id = p.worker_id WHERE points > 0 AND %s AND %s",
						  when(r, "p.at", 0), in_scope(r, "w.community_id")));
	assert_int_equal(w->points_redeemed, q1(gw, "SELECT ifnull(-sum(points), 0) FROM points_ledger p JOIN worker w "
						    "ON w.id = p.worker_id WHERE points < 0 AND %s AND %s",
						    when(r, "p.at", 0), in_scope(r, "w.community_id")));

	const struct report_members *m = &r->members;
	assert_int_equal(m->total, q1(gw, "SELECT count(*) FROM party_member WHERE %s", in_scope(r, "grid_id")));
	assert_int_equal(m->in_parks, q1(gw, "SELECT count(*) FROM party_member WHERE works_in_park AND %s", in_scope(r, "grid_id")));
	assert_int_equal(m->mobile, q1(gw, "SELECT count(*) FROM party_member WHERE mobile AND %s", in_scope(r, "grid_id")));
	assert_int_equal(m->in_parks_managed, m->in_parks);   /* members are added only to party orgs */
	int sum = 0;
	for (int i = 0; i < m->nareas; i++)
		sum += m->areas[i].total;
	assert_int_equal(sum, q1(gw, "SELECT count(*) FROM party_member WHERE grid_id IS NOT NULL AND grid_id <> '%s' AND %s",
				 r->p.scope.id, in_scope(r, "grid_id")));
	assert_int_equal(m->norgs, q1(gw, "SELECT count(DISTINCT org_id) FROM party_member WHERE %s", in_scope(r, "grid_id")));

	const struct report_stations *s = &r->stations;
	assert_int_equal(s->total, q1(gw, "SELECT count(*) FROM station WHERE %s", in_scope(r, "grid_id")));
	assert_int_equal(s->by_service[enum_index(EN_SERVICE, "meals")],
			 q1(gw, "SELECT count(*) FROM station WHERE services LIKE '%%meals%%' AND %s", in_scope(r, "grid_id")));
	sum = 0;
	for (int i = 0; i < s->nhosts; i++)
		sum += s->hosts[i].count;
	assert_int_equal(sum, s->total);

	const struct report_activities *a = &r->activities;
	for (int k = 0; k < RK_ACTS; k++) {
		assert_int_equal(a->sessions[k], q1(gw, "SELECT count(*) FROM activity WHERE kind = '%s' AND %s AND %s",
						    enum_en(EN_ACTIVITY_KIND, k), when(r, "held_on", 0), in_scope(r, "grid_id")));
		assert_int_equal(a->person_times[k], q1(gw, "SELECT ifnull(sum(person_times), 0) FROM activity WHERE kind = '%s' "
							    "AND %s AND %s", enum_en(EN_ACTIVITY_KIND, k),
							    when(r, "held_on", 0), in_scope(r, "grid_id")));
	}
	char sa[600], sb2[600];
	snprintf(sa, sizeof sa, "%s", in_scope(r, "a.grid_id"));
	snprintf(sb2, sizeof sb2, "%s", in_scope(r, "b.grid_id"));
	assert_int_equal(a->coop_projects, q1(gw, "SELECT count(*) FROM coop_project c JOIN org a ON a.id = c.org_a "
						  "JOIN org b ON b.id = c.org_b WHERE (%d OR %s) AND (%s OR %s)",
						  !r->p.since[0] && !r->p.until[0], when(r, "signed_on", 0), sa, sb2));
	assert_int_equal(a->credit_yuan, q1(gw, "SELECT ifnull(sum(amount_yuan), 0) FROM credit_grant c JOIN org o "
						"ON o.id = c.org_id WHERE %s AND %s", when(r, "granted_on", 0),
						in_scope(r, "o.grid_id")));
	assert_int_equal(a->credit_enterprises, q1(gw, "SELECT count(DISTINCT org_id) FROM credit_grant c JOIN org o "
						       "ON o.id = c.org_id WHERE %s AND %s", when(r, "granted_on", 0),
						       in_scope(r, "o.grid_id")));
	long long banks = 0;
	for (int i = 0; i < a->nbanks; i++)
		banks += a->banks[i].amount_yuan;
	assert_int_equal(banks, a->credit_yuan);
}

static void test_reference(void **state)
{
	(void)state;
	setenv("GRIDWORK_NOW", "2026-06-15 10:00:00", 1);
	struct gw *gw = generate();
	static const char *const scopes[] = {NULL, "SC-T1", "SC-P", "SC-P-S-G1"};
	static const char *const periods[][2] = {{NULL, NULL}, {"2025-03-01", "2025-12-31"}, {"2026-01-01", NULL}};
	for (size_t s = 0; s < 4; s++)
		for (size_t q = 0; q < 3; q++) {
			struct report_params p;
			struct report r;
			params(gw, scopes[s], periods[q][0], periods[q][1], &p);
			for (int k = 0; k < REPORT_SUMMARY; k++) {
				run(gw, (enum report_kind)k, &p, &r);
				switch (k) {
				case REPORT_COVERAGE: check_coverage(gw, &r); break;
				case REPORT_NEW_ORGS: check_new_orgs(gw, &r); break;
				case REPORT_ROSTER: check_roster(gw, &r); break;
				case REPORT_TICKETS: check_tickets(gw, &r); break;
				default: break;
				}
				report_free(&r);
			}
			/* The rest through one detailed run each. */
			struct report all;
			memset(&all, 0, sizeof all);
			all.p = p;
			all.detail = 1;
			assert_int_equal(report_load_grids(gw, &all, NULL), GW_OK);
			assert_int_equal(report_workers(gw, &all, NULL), GW_OK);
			assert_int_equal(report_members(gw, &all, NULL), GW_OK);
			assert_int_equal(report_stations(gw, &all, NULL), GW_OK);
			assert_int_equal(report_activities(gw, &all, NULL), GW_OK);
			check_others(gw, &all);
			report_free(&all);
			/* The summary holds the same numbers without the lists. */
			run(gw, REPORT_SUMMARY, &p, &r);
			assert_null(r.new_orgs.list);
			assert_null(r.roster.units);
			check_tickets(gw, &r);
			check_coverage(gw, &r);
			assert_true(r.grids.total >= 1);
			report_free(&r);
		}
	gw_close(gw);
	setenv("GRIDWORK_NOW", "2026-11-20 09:00:00", 1);
}

/* ---- boundaries of period and scope -------------------------------------------------- */

/* A county with two townships, a grid in each, and one grid code. */
static struct gw *small_county(void)
{
	struct gw *gw = open_db();
	const char *rows[][5] = {
		{"SC", "舒城县", "county", "", ""},         {"SC-A", "甲镇", "township", "SC", ""},
		{"SC-B", "乙镇", "township", "SC", ""},     {"SC-A-G1", "甲镇网格", "grid", "SC-A", "region"},
		{"SC-B-G1", "乙镇网格", "grid", "SC-B", "region"},
	};
	for (int i = 0; i < 5; i++) {
		const char *v[] = {rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4], "", ""};
		put(gw, IK_GRID, v);
	}
	return gw;
}

static void ticket(struct gw *gw, const char *title, const char *grid, const char *status,
		   const char *created, const char *resolved)
{
	const char *v[] = {"", title, "", "labor_rights", "phone", grid, "", "", "", "县总工会", "",
			   status, created, resolved};
	put(gw, IK_TICKET, v);
}

static void test_boundaries(void **state)
{
	(void)state;
	struct gw *gw = small_county();
	struct gw_err e;
	ticket(gw, "三月最后一秒办结", "SC-A-G1", "resolved", "2026-03-20 09:00:00", "2026-03-31 23:59:59");
	ticket(gw, "四月零点办结", "SC-A-G1", "closed", "2026-03-20 09:00:00", "2026-04-01 00:00:00");
	ticket(gw, "三月一日零点登记", "SC-A-G1", "new", "2026-03-01 00:00:00", "");
	ticket(gw, "二月最后一秒登记", "SC-A-G1", "new", "2026-02-28 23:59:59", "");
	ticket(gw, "乙镇工单", "SC-B-G1", "resolved", "2026-03-10 09:00:00", "2026-03-12 10:00:00");
	const char *acts[][3] = {{"首日培训", "2026-03-01", "SC-A-G1"}, {"末日培训", "2026-03-31", "SC-A-G1"},
				 {"次月培训", "2026-04-01", "SC-A-G1"}, {"全县培训", "2026-03-15", ""}};
	for (int i = 0; i < 4; i++) {
		const char *v[] = {"技能培训", acts[i][0], acts[i][1], acts[i][2], "", "100"};
		assert_int_equal(activity_add_row(gw, IK_ACTIVITY, v, NULL, &e), GW_OK);
	}
	char c1[19], c2[19], c3[19];
	credit_code(901, c1);
	credit_code(902, c2);
	credit_code(903, c3);
	const char *orgs[][4] = {{c1, "甲公司", "2026-03-01", "SC-A-G1"}, {c2, "乙公司", "2026-03-31", "SC-A-G1"},
				 {c3, "丙公司", "2026-04-01", "SC-A-G1"}};
	for (int i = 0; i < 3; i++) {
		const char *v[] = {orgs[i][0], orgs[i][1], "企业", "", "", orgs[i][3], "", "", "3", "单独建",
				   orgs[i][2], "", ""};
		put(gw, IK_ORG, v);
	}
	tu_exec(gw, "INSERT INTO worker(id, phone, name, job, office, created_at, updated_at) VALUES "
		    "('w1', '13900000001', '无社区骑手', 'delivery_rider', 'SC', '2026-01-01', '2026-01-01')");
	tu_exec(gw, "INSERT INTO points_ledger(id, worker_id, at, points, reason, operator, office) VALUES "
		    "('p1', 'w1', '2026-03-31 23:59:59', 5, '上报', 't', 'SC'), "
		    "('p2', 'w1', '2026-04-01 00:00:00', 7, '上报', 't', 'SC')");

	struct report_params p;
	struct report r;
	params(gw, NULL, "2026-03-01", "2026-03-31", &p);
	run(gw, REPORT_SUMMARY, &p, &r);
	/* A ticket resolved at 23:59:59 on the last day counts; at 00:00 the next does not. */
	assert_int_equal(r.tickets.all.resolved, 2);             /* the March one and 乙镇's */
	assert_int_equal(r.tickets.all.registered, 4);           /* 3 on 03-20, 03-01 00:00, 乙镇 */
	assert_int_equal(r.activities.sessions[0], 3);           /* 03-01, 03-31, county-wide */
	assert_int_equal(r.new_orgs.kind_total[0], 2);
	assert_int_equal(r.workers.points_earned, 5);
	/* Coverage as of the last day: 丙公司's organisation came later. */
	assert_int_equal(r.coverage.cell[0].covered, 2);
	assert_int_equal(r.coverage.cell[0].total, 3);
	report_free(&r);
	params(gw, NULL, "2026-04-01", "2026-04-01", &p);
	run(gw, REPORT_SUMMARY, &p, &r);
	assert_int_equal(r.tickets.all.resolved, 1);
	assert_int_equal(r.tickets.all.registered, 0);
	assert_int_equal(r.activities.sessions[0], 1);
	assert_int_equal(r.new_orgs.kind_total[0], 1);
	assert_int_equal(r.workers.points_earned, 7);
	report_free(&r);

	/* Scope: 甲镇 holds neither 乙镇's ticket nor the county-wide training,
	 * nor the worker who has reported to no community. */
	params(gw, "SC-A", "2026-03-01", "2026-03-31", &p);
	run(gw, REPORT_SUMMARY, &p, &r);
	assert_string_equal(r.p.scope.name, "甲镇");
	assert_int_equal(r.tickets.all.resolved, 1);
	assert_int_equal(r.activities.sessions[0], 2);
	assert_int_equal(r.workers.total, 0);
	assert_int_equal(r.workers.points_earned, 0);
	assert_int_equal(r.grids.total, 1);
	report_free(&r);
	params(gw, "SC", "2026-03-01", "2026-03-31", &p);
	assert_true(p.root);
	run(gw, REPORT_WORKERS, &p, &r);
	assert_int_equal(r.workers.total, 1);
	report_free(&r);
	gw_close(gw);
}

/* Due dates, on time, working days to resolve, and overdue grades. */
static void test_overdue(void **state)
{
	(void)state;
	setenv("GRIDWORK_NOW", "2026-03-11 10:00:00", 1);   /* a Wednesday */
	struct gw *gw = small_county();
	ticket(gw, "按期", "SC-A-G1", "resolved", "2026-03-02 09:00:00", "2026-03-06 17:00:00");
	ticket(gw, "逾期办结", "SC-A-G1", "resolved", "2026-03-02 09:00:00", "2026-03-09 09:00:00");
	ticket(gw, "黄牌", "SC-A-G1", "in_progress", "2026-03-02 09:00:00", "");
	ticket(gw, "红牌", "SC-A-G1", "returned", "2026-03-02 09:00:00", "");
	ticket(gw, "今日到期", "SC-A-G1", "accepted", "2026-03-02 09:00:00", "");
	ticket(gw, "挂起", "SC-A-G1", "on_hold", "2026-03-02 09:00:00", "");
	/* Due dates as the workflow would have them: Friday 6 March for the
	 * first two; the open ones 1 and 3 working days ago, and today. */
	tu_exec(gw, "UPDATE ticket SET due_on = '2026-03-06' WHERE title IN ('按期', '逾期办结')");
	tu_exec(gw, "UPDATE ticket SET due_on = '2026-03-10' WHERE title = '黄牌'");
	tu_exec(gw, "UPDATE ticket SET due_on = '2026-03-06' WHERE title IN ('红牌', '挂起')");
	tu_exec(gw, "UPDATE ticket SET due_on = '2026-03-11' WHERE title = '今日到期'");
	tu_exec(gw, "UPDATE ticket SET held_days = 1 WHERE title = '逾期办结'");
	struct report_params p;
	struct report r;
	params(gw, NULL, NULL, NULL, &p);
	assert_string_equal(p.today, "2026-03-11");
	run(gw, REPORT_TICKETS, &p, &r);
	const struct report_tcount *a = &r.tickets.all;
	assert_int_equal(a->resolved, 2);
	assert_int_equal(a->on_time, 1);
	/* Mon 2 -> Fri 6: 4 working days; Mon 2 -> Mon 9: 5, less 1 on hold. */
	assert_int_equal(a->days, 8);
	assert_int_equal(a->open, 4);
	assert_int_equal(a->overdue, 2);
	assert_int_equal(a->yellow, 1);
	assert_int_equal(a->red, 1);
	int dept = -1;
	for (int i = 0; i < r.tickets.ndepts; i++)
		if (strcmp(r.tickets.depts[i].name, "县总工会") == 0)
			dept = i;
	assert_true(dept >= 0);
	assert_int_equal(r.tickets.depts[dept].c.overdue, 2);
	assert_int_equal(r.tickets.by_status[enum_index(EN_TICKET_STATUS, "returned")].red, 1);
	struct strbuf b = STRBUF_INIT;
	report_json(&r, &b);
	struct jv j;
	jparse(sb_str(&b), &j);
	assert_true(jnum(&j, "tickets.on_time_rate") > 0.4999 && jnum(&j, "tickets.on_time_rate") < 0.5001);
	assert_true(jnum(&j, "tickets.avg_days_to_resolve") > 3.99 && jnum(&j, "tickets.avg_days_to_resolve") < 4.01);
	assert_int_equal(jnum(&j, "tickets.overdue.red"), 1);
	jfree(&j);
	sb_free(&b);
	report_free(&r);
	gw_close(gw);
	setenv("GRIDWORK_NOW", "2026-11-20 09:00:00", 1);
}

static void test_bad_input(void **state)
{
	(void)state;
	struct gw *gw = small_county();
	struct report_params p;
	struct gw_err e;
	assert_int_equal(report_params_init(gw, NULL, "2026-02-30", NULL, &p, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "--since"));
	assert_int_equal(report_params_init(gw, NULL, NULL, "明天", &p, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "--until"));
	assert_int_equal(report_params_init(gw, NULL, "2026-05-01", "2026-04-30", &p, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "晚于"));
	assert_int_equal(report_params_init(gw, "SC-NOPE", NULL, NULL, &p, &e), GW_ENOTFOUND);
	assert_non_null(strstr(e.msg, "SC-NOPE"));
	tu_exec(gw, "UPDATE grid SET deleted = 1 WHERE code = 'SC-B-G1'");
	assert_int_equal(report_params_init(gw, "SC-B-G1", NULL, NULL, &p, &e), GW_ENOTFOUND);
	/* Dates in the contract's other forms are fine. */
	assert_int_equal(report_params_init(gw, "sc-a", "2026/3/1", "2026年3月31日", &p, &e), GW_OK);
	assert_string_equal(p.since, "2026-03-01");
	assert_string_equal(p.until, "2026-03-31");
	assert_string_equal(p.scope.code, "SC-A");
	for (int k = 0; k < REPORT_KIND_COUNT; k++)
		assert_int_equal(report_parse(report_name(k)), k);
	assert_int_equal(report_parse("summry"), -1);
	assert_int_equal(report_parse(NULL), -1);
	struct report r;
	assert_int_equal(report_run(gw, REPORT_KIND_COUNT, &p, &r, &e), GW_EUSAGE);
	gw_close(gw);

	/* An empty database reports zeros, not an error. */
	gw = open_db();
	assert_int_equal(report_params_init(gw, NULL, NULL, NULL, &p, &e), GW_OK);
	run(gw, REPORT_SUMMARY, &p, &r);
	assert_int_equal(r.grids.total, 0);
	assert_int_equal(r.tickets.all.registered, 0);
	struct strbuf b = STRBUF_INIT;
	report_json(&r, &b);
	struct jv j;
	jparse(sb_str(&b), &j);
	assert_int_equal(jget(&j, "tickets.on_time_rate")->type, 'z');
	assert_int_equal(jget(&j, "coverage")->n, 0);
	jfree(&j);
	sb_free(&b);
	report_free(&r);
	gw_close(gw);
}

/* ---- the activities, cooperation projects and credit grants kinds -------------------- */

static char said[8192];
static int force_kind = -1;   /* --kind, or -1 to recognise the header */

static void say(void *ctx, int is_error, const char *line)
{
	(void)ctx;
	if (is_error)
		snprintf(said + strlen(said), sizeof said - strlen(said), "%s\n", line);
}

static enum gw_status import_text(struct gw *gw, const char *name, const char *text,
				  struct import_counts *n, struct gw_err *e)
{
	char path[512];
	tu_path(path, sizeof path, name);
	tu_write_file(path, text);
	said[0] = '\0';
	struct import_opts o = {0, force_kind, say, NULL};
	const char *paths[] = {path};
	return import_files(gw, paths, 1, &o, n, e);
}

/* Every row of a query as text, for comparing two databases. */
static char *dump(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL), SQLITE_OK);
	struct strbuf b = STRBUF_INIT;
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++)
			sb_printf(&b, "%s|", sqlite3_column_text(st, i) ? (const char *)sqlite3_column_text(st, i) : "-");
		sb_puts(&b, "\n");
	}
	sqlite3_finalize(st);
	return b.s ? b.s : strdup("");
}

#define ACT_DUMP "SELECT a.kind, a.title, a.held_on, g.code, a.organiser, a.person_times FROM activity a " \
		 "LEFT JOIN grid g ON g.id = a.grid_id WHERE a.deleted = 0 ORDER BY a.held_on, a.title"
#define COOP_DUMP "SELECT c.title, a.credit_code, b.credit_code, c.field, v.title, v.held_on, c.signed_on " \
		  "FROM coop_project c JOIN org a ON a.id = c.org_a JOIN org b ON b.id = c.org_b "        \
		  "LEFT JOIN activity v ON v.id = c.activity_id ORDER BY c.title"
#define CREDIT_DUMP "SELECT o.credit_code, c.bank, c.amount_yuan, c.granted_on FROM credit_grant c " \
		    "JOIN org o ON o.id = c.org_id ORDER BY o.credit_code, c.granted_on"

static int count_activity(void *ctx, const struct activity_rec *x)
{
	assert_true(strlen(x->id) == GW_ID_LEN);
	++*(int *)ctx;
	return 0;
}

static int count_coop(void *ctx, const struct coop_rec *x)
{
	assert_true(x->org_a_name[0] && x->org_b_name[0]);
	++*(int *)ctx;
	return 0;
}

static int count_credit(void *ctx, const struct credit_rec *x)
{
	assert_true(x->amount_yuan > 0 && x->org_name[0]);
	++*(int *)ctx;
	return 0;
}

static void test_kinds_import(void **state)
{
	(void)state;
	struct gw *gw = small_county();
	struct gw_err e;
	struct import_counts n;
	char a[19], b[19], text[2048];
	credit_code(801, a);
	credit_code(802, b);
	snprintf(text, sizeof text,
		 "统一社会信用代码,名称,类型,网格编码,党组织,党组织成立日期\n"
		 "%s,舒城县绿色茶业有限公司,企业,SC-A-G1,单独建,2020-05-01\n"
		 "%s,安徽智能装备制造有限公司,企业,SC-B-G1,无,\n", a, b);
	assert_int_equal(import_text(gw, "orgs.csv", text, &n, &e), GW_OK);

	/* Activities with Chinese headers, in any column order, recognised by header. */
	const char *acts = "\xef\xbb\xbf标题,活动类型,举办日期,网格编码,主办单位,参与人次\n"
			   "绿色食品与智能制造产业链对接会（第一场）,产业链对接,2026/3/5,SC-A-G1,县委社会工作部,120\n"
			   "外卖骑手“安全骑行”技能培训,技能培训,2026年3月8日,sc-b-g1,县总工会,96\n"
			   "联席会议,joint_meeting,2026-03-09,,县委社会工作部,\n";
	assert_int_equal(import_text(gw, "a.csv", acts, &n, &e), GW_OK);
	assert_int_equal(n.inserted, 3);
	assert_int_equal(q1(gw, "SELECT person_times FROM activity WHERE title LIKE '外卖骑手%%' AND kind = 'training' "
				"AND held_on = '2026-03-08'"), 96);
	assert_int_equal(q1(gw, "SELECT person_times FROM activity WHERE kind = 'joint_meeting' AND grid_id IS NULL"), 0);
	/* Again: nothing changes. */
	long long audits = q1(gw, "SELECT count(*) FROM audit");
	assert_int_equal(import_text(gw, "a.csv", acts, &n, &e), GW_OK);
	assert_int_equal(n.inserted, 0);
	assert_int_equal(n.unchanged, 3);
	assert_int_equal(q1(gw, "SELECT count(*) FROM audit"), audits + 1);   /* the import's own line */
	/* English headers; a changed count updates the record found by its key. */
	assert_int_equal(import_text(gw, "a2.csv", "kind,title,held_on,person_times\n"
				     "training,外卖骑手“安全骑行”技能培训,2026-03-08,101\n", &n, &e), GW_OK);
	assert_int_equal(n.updated, 1);
	assert_int_equal(q1(gw, "SELECT person_times * 10 + version FROM activity WHERE kind = 'training'"), 1012);
	assert_int_equal(q1(gw, "SELECT grid_id IS NULL FROM activity WHERE kind = 'training'"), 1);

	/* Projects name their event by title and date; credit grants their bank. */
	snprintf(text, sizeof text,
		 "项目名称,甲方单位,乙方单位,合作领域,对接活动,对接活动日期,签约日期\n"
		 "茶叶智能化加工生产线合作项目,%s,%s,智能装备,绿色食品与智能制造产业链对接会（第一场）,2026-03-05,2026-03-20\n"
		 "冷链仓储温控合作,%s,%s,冷链物流,,,\n", a, b, b, a);
	assert_int_equal(import_text(gw, "c.csv", text, &n, &e), GW_OK);
	assert_int_equal(n.inserted, 2);
	assert_int_equal(q1(gw, "SELECT count(*) FROM coop_project c JOIN activity v ON v.id = c.activity_id "
				"WHERE v.kind = 'matchmaking'"), 1);
	snprintf(text, sizeof text,
		 "授信单位,单位名称,授信银行,授信金额,授信日期\n"
		 "%s,（不读）,舒城农商银行,\"30,000,000\",2026-03-25\n"
		 "%s,,徽商银行舒城支行,5000000,2026-03-26\n", a, b);
	assert_int_equal(import_text(gw, "g.csv", text, &n, &e), GW_OK);
	assert_int_equal(q1(gw, "SELECT sum(amount_yuan) FROM credit_grant"), 35000000);
	assert_int_equal(import_text(gw, "g.csv", text, &n, &e), GW_OK);
	assert_int_equal(n.unchanged, 2);

	/* Bad rows: each reported as file:row: column: reason, nothing written. */
	long long before = q1(gw, "SELECT (SELECT count(*) FROM activity) * 10000 + (SELECT count(*) FROM coop_project) * 100 "
				  "+ (SELECT count(*) FROM credit_grant)");
	static const struct {
		const char *file, *body, *frag;
	} bad[] = {
		{"b1.csv", "活动类型,标题,举办日期\n讲座,培训,2026-03-01\n", "b1.csv:2: 活动类型: “讲座”不是有效的活动类型"},
		{"b2.csv", "活动类型,标题,举办日期\n技能培训,培训,2026-02-30\n", "b2.csv:2: 举办日期"},
		{"b3.csv", "活动类型,标题,举办日期,网格编码\n技能培训,培训,2026-03-01,SC-X-G9\n", "b3.csv:2: 网格编码: 没有编码为“SC-X-G9”的网格"},
		{"b4.csv", "活动类型,标题,举办日期,参与人次\n技能培训,培训,2026-03-01,-3\n", "b4.csv:2: 参与人次"},
		{"b5.csv", "活动类型,标题,举办日期\n技能培训,,2026-03-01\n", "b5.csv:2: 标题: 必填"},
		{"b6.csv", "活动类型,标题\n技能培训,培训\n", "缺少必需的列“举办日期”"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		force_kind = i == 5 ? IK_ACTIVITY : -1;
		enum gw_status st = import_text(gw, bad[i].file, bad[i].body, &n, &e);
		force_kind = -1;
		assert_int_not_equal(st, GW_OK);
		if (!strstr(said, bad[i].frag) && !strstr(e.msg, bad[i].frag))
			fail_msg("case %zu: '%s' / '%s' lacks '%s'", i, said, e.msg, bad[i].frag);
	}
	char c[19];
	credit_code(803, c);
	const char *badc[][2] = {
		{"项目名称,甲方单位,乙方单位\n合作,%s,%s\n", "乙方单位: 合作双方不能是同一单位"},
		{"项目名称,甲方单位,乙方单位,对接活动\n合作,%s,%s,对接会\n", "对接活动日期: 必填"},
		{"项目名称,甲方单位,乙方单位,对接活动,对接活动日期\n合作,%s,%s,对接会,2026-03-05\n", "对接活动: 2026-03-05 没有举办“对接会”这项活动"},
		{"授信单位,授信银行,授信金额,授信日期\n%s,银行,0,2026-03-01\n%.0s", "授信金额: “0”无效"},
		{"授信单位,授信银行,授信金额,授信日期\n%.0s%s,银行,100,2026-03-01\n", "授信单位: 没有统一社会信用代码为"},
		{"授信单位,授信银行,授信金额,授信日期\n%s,银行,一百万,2026-03-01\n%.0s", "授信金额"},
	};
	for (size_t i = 0; i < sizeof badc / sizeof badc[0]; i++) {
		snprintf(text, sizeof text, badc[i][0], a, i == 0 ? a : i == 4 ? c : b);
		assert_int_not_equal(import_text(gw, "bc.csv", text, &n, &e), GW_OK);
		if (!strstr(said, badc[i][1]))
			fail_msg("case %zu: '%s' lacks '%s'", i, said, badc[i][1]);
	}
	assert_int_equal(q1(gw, "SELECT (SELECT count(*) FROM activity) * 10000 + (SELECT count(*) FROM coop_project) * 100 "
				"+ (SELECT count(*) FROM credit_grant)"), before);

	/* Forms: an *_add refuses a second record with the same key; editing by
	 * id checks the version it was opened at. */
	const char *dup[] = {"技能培训", "外卖骑手“安全骑行”技能培训", "2026-03-08", "", "", "5"};
	assert_int_equal(activity_add_row(gw, IK_ACTIVITY, dup, NULL, &e), GW_EEXIST);
	assert_non_null(strstr(e.msg, "已有相同的活动"));
	char id[GW_ID_LEN + 1];
	const char *fresh[] = {"书记帮办日", "茶业公司“书记帮办日”", "2026-03-10", "SC-A-G1", "", "30"};
	assert_int_equal(activity_add_row(gw, IK_ACTIVITY, fresh, id, &e), GW_OK);
	const char *edit[] = {"书记帮办日", "茶业公司“书记帮办日”（改期）", "2026-03-12", "SC-A-G1", "", "32"};
	enum upsert_result res;
	assert_int_equal(import_one(gw, IK_ACTIVITY, edit, id, 1, &res, &e), GW_OK);
	assert_int_equal(res, UPSERT_UPDATED);
	assert_int_equal(import_one(gw, IK_ACTIVITY, edit, id, 1, &res, &e), GW_ECONFLICT);
	assert_int_equal(q1(gw, "SELECT version FROM activity WHERE id = '%s' AND held_on = '2026-03-12'", id), 2);
	const char *onto[] = {"联席会议", "联席会议", "2026-03-09", "", "", "1"};
	assert_int_equal(import_one(gw, IK_ACTIVITY, onto, id, 2, &res, &e), GW_EEXIST);
	assert_int_equal(import_kind_parse("activities"), IK_ACTIVITY);
	assert_int_equal(import_kind_parse("coop_projects"), IK_COOP);
	assert_int_equal(import_kind_parse("credit_grants"), IK_CREDIT);

	/* Listing with a period (inclusive), and by kind. */
	struct activity_filter f = {-1, "2026-03-08", "2026-03-09"};
	int count = 0;
	assert_int_equal(activity_list(gw, &f, count_activity, &count, &e), GW_OK);
	assert_int_equal(count, 2);
	f.kind = enum_index(EN_ACTIVITY_KIND, "joint_meeting");
	count = 0;
	assert_int_equal(activity_list(gw, &f, count_activity, &count, &e), GW_OK);
	assert_int_equal(count, 1);
	struct activity_filter march = {-1, "2026-03-21", NULL};
	count = 0;
	assert_int_equal(coop_list(gw, &march, count_coop, &count, &e), GW_OK);
	assert_int_equal(count, 0);   /* signed on the 20th; the other has no date */
	assert_int_equal(coop_list(gw, NULL, count_coop, &count, &e), GW_OK);
	assert_int_equal(count, 2);
	count = 0;
	assert_int_equal(credit_list(gw, &march, count_credit, &count, &e), GW_OK);
	assert_int_equal(count, 2);

	/* Export, then import into a new database: the same records. */
	char paths[6][512];
	static const enum import_kind ks[] = {IK_GRID, IK_ORG, IK_ACTIVITY, IK_COOP, IK_CREDIT};
	for (int i = 0; i < 5; i++) {
		snprintf(paths[i], sizeof paths[i], "%s/export%d.csv", tu_dir, i);
		FILE *fp = fopen(paths[i], "wb");
		assert_int_equal(export_kind(gw, ks[i], fp, i == 3, &e), GW_OK);   /* one in GB18030 */
		fclose(fp);
	}
	struct gw *copy = open_db();
	const char *pp[] = {paths[4], paths[3], paths[2], paths[1], paths[0]};
	struct import_opts o = {0, -1, say, NULL};
	said[0] = '\0';
	if (import_files(copy, pp, 5, &o, &n, &e) != GW_OK)
		fail_msg("round trip: %s\n%s", e.msg, said);
	const char *dumps[] = {ACT_DUMP, COOP_DUMP, CREDIT_DUMP};
	for (int i = 0; i < 3; i++) {
		char *x = dump(gw, dumps[i]), *y = dump(copy, dumps[i]);
		assert_string_equal(x, y);
		assert_true(strlen(x) > 10);
		free(x);
		free(y);
	}
	gw_close(copy);
	gw_close(gw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_figures),
		cmocka_unit_test(test_reference),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_overdue),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_kinds_import),
	};
	tu_setup_dir("report");
	setenv("GRIDWORK_NOW", "2026-11-20 09:00:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return tu_finish(cmocka_run_group_tests_name("report", tests, NULL, NULL));
}
