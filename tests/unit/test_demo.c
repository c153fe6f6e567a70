/* test_demo.c - the demo county: every figure of the article counted from
 * the records by SQL, the per-grid staffing standard, valid codes and
 * numbers, determinism (same seed, same exports), all-or-nothing building,
 * and the activity module's validated inserts with their bad inputs. */
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
#include "config.h"
#include "demo.h"
#include "gw.h"
#include "import.h"
#include "validate.h"

static char tmpdir[256];
static int seq;

static int setup_dir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/gw-test-demo.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("GRIDWORK_NOW", "2026-11-20 09:00:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return 0;
}

static int teardown_dir(void **state)
{
	(void)state;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct gw *open_db(void)
{
	char path[512];
	snprintf(path, sizeof path, "%s/d%d.db", tmpdir, ++seq);
	unlink(path);
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	snprintf(cfg.operator_name, sizeof cfg.operator_name, "%s", "演示");
	struct gw *gw = gw_open(&cfg, path, 1, "SC", &e);
	if (!gw)
		print_error("gw_open: %s\n", e.msg);
	assert_non_null(gw);
	return gw;
}

static struct gw *build(unsigned seed)
{
	struct gw *gw = open_db();
	struct gw_err e;
	enum gw_status st = demo_build(gw, seed, &e);
	if (st != GW_OK)
		print_error("demo_build: %s\n", e.msg);
	assert_int_equal(st, GW_OK);
	return gw;
}

/* One integer from a query (the tests' own SQL, independent of core). */
static long long q1(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *h = db_handle(gw->db);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(h));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Every row of a query, joined as text (for comparing builds). */
static char *dump(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	sqlite3 *h = db_handle(gw->db);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(h));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++)
			fprintf(f, "%s|", sqlite3_column_text(st, i) ? (const char *)sqlite3_column_text(st, i) : "∅");
		fputc('\n', f);
	}
	sqlite3_finalize(st);
	fclose(f);
	return buf;
}

#define PARK_GRIDS                                                                       \
	"(WITH RECURSIVE t(id) AS (SELECT id FROM grid WHERE code = 'SC-KFQ' "           \
	"UNION ALL SELECT g.id FROM grid g JOIN t ON g.parent_id = t.id) SELECT id FROM t)"
#define DONE "status IN ('resolved','closed')"
#define ENT_CATS "category IN ('land_approval','env_acceptance','financing','recruitment','talent','project_landing')"

/* The article's figures, counted from the records. */
static void check_figures(struct gw *gw)
{
	const struct demo_figures *f = &demo_figures;
	/* 30 grids, each by region, industry or chain; every chain of the article. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM grid WHERE level = 'grid' AND deleted = 0"), 30);
	assert_int_equal(f->grids, 30);
	assert_int_equal(q1(gw, "SELECT count(DISTINCT basis) FROM grid WHERE level = 'grid'"), 3);
	static const char *const chains[] = {"预制菜", "电子信息", "互联网", "交通运输", "网约配送"};
	for (size_t i = 0; i < sizeof chains / sizeof chains[0]; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM grid WHERE level = 'grid' AND basis = 'chain' "
			 "AND name LIKE '%%%s产业链网格'", chains[i]);
		assert_true(q1(gw, sql) >= 1);
	}
	assert_int_equal(q1(gw, "SELECT count(*) FROM grid WHERE level = 'grid' AND basis = 'chain'"), 6);
	assert_int_equal(q1(gw, "SELECT count(*) FROM grid WHERE level = 'township'"), 21);
	/* The park within the park. */
	assert_true(q1(gw, "SELECT count(*) FROM grid c JOIN grid p ON p.id = c.parent_id "
			   "WHERE c.level = 'park' AND p.level = 'park'") >= 1);

	/* 220 instructors, all active; every grid 1 full-time + 2 part-time. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM instructor WHERE deleted = 0 AND status = 'active'"), 220);
	assert_int_equal(q1(gw, "SELECT count(*) FROM instructor"), f->instructors);
	assert_int_equal(q1(gw, "SELECT count(*) FROM grid g WHERE g.level = 'grid' AND ("
				"(SELECT count(*) FROM instructor_grid ig JOIN instructor i ON i.id = ig.instructor_id "
				" WHERE ig.grid_id = g.id AND i.status = 'active' AND i.role = 'full_time') < 1 OR "
				"(SELECT count(*) FROM instructor_grid ig JOIN instructor i ON i.id = ig.instructor_id "
				" WHERE ig.grid_id = g.id AND i.status = 'active' AND i.role = 'part_time') < 2)"), 0);
	/* Each instructor has grids, and every unit an instructor. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM instructor i WHERE NOT EXISTS "
				"(SELECT 1 FROM instructor_grid ig WHERE ig.instructor_id = i.id)"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM org o WHERE NOT EXISTS "
				"(SELECT 1 FROM instructor_org io WHERE io.org_id = o.id)"), 0);

	/* Coverage: park non-public enterprises > 80 %, associations >= 85 %. */
	long long pe = q1(gw, "SELECT count(*) FROM org WHERE kind = 'enterprise' AND grid_id IN " PARK_GRIDS);
	long long pc = q1(gw, "SELECT count(*) FROM org WHERE kind = 'enterprise' AND party_org <> 'none' "
			      "AND grid_id IN " PARK_GRIDS);
	assert_int_equal(pe, f->park_enterprises);
	assert_int_equal(pc, f->park_enterprises_covered);
	assert_true(pc * 100 > pe * 80 && pc * 100 <= pe * 85);
	long long ae = q1(gw, "SELECT count(*) FROM org WHERE kind = 'association'");
	long long ac = q1(gw, "SELECT count(*) FROM org WHERE kind = 'association' AND party_org <> 'none'");
	assert_int_equal(ae, f->associations);
	assert_int_equal(ac, f->associations_covered);
	assert_true(ac * 100 >= ae * 85);
	/* New party organisations since 2024: 62 enterprises, 18 social organisations. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM org WHERE kind = 'enterprise' AND party_org <> 'none' "
				"AND party_org_since >= '2024-01-01'"), 62);
	assert_int_equal(q1(gw, "SELECT count(*) FROM org WHERE kind = 'social_org' AND party_org <> 'none' "
				"AND party_org_since >= '2024-01-01'"), 18);
	assert_int_equal(f->new_enterprise_orgs, 62);
	assert_int_equal(f->new_social_orgs, 18);
	/* Every party organisation has a founding date; none without has one. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM org WHERE (party_org <> 'none') <> (party_org_since IS NOT NULL)"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM org WHERE party_org = 'standalone' AND party_members < 3"), 0);

	/* Party members in the parks: 200+, every one managed by a party organisation. */
	long long pm = q1(gw, "SELECT count(*) FROM party_member WHERE works_in_park = 1");
	assert_int_equal(pm, 212);
	assert_int_equal(pm, f->park_members);
	assert_int_equal(q1(gw, "SELECT count(*) FROM party_member p JOIN org o ON o.id = p.org_id "
				"WHERE p.works_in_park = 1 AND o.party_org <> 'none' AND o.grid_id IN " PARK_GRIDS), 212);
	assert_true(q1(gw, "SELECT count(*) FROM party_member WHERE mobile = 1") > 0);
	/* An organisation's count covers the members listed with it. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM org o WHERE o.party_members < "
				"(SELECT count(*) FROM party_member p WHERE p.org_id = o.id)"), 0);

	/* Tickets: 87 enterprise problems, 80+ worker problems, 60+ labour rights. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM ticket WHERE source = 'guidance_station' AND " ENT_CATS
				" AND " DONE), 87);
	long long wp = q1(gw, "SELECT count(*) FROM ticket WHERE source IN ('secretary_day','workshop_talk',"
			      "'worker_council') AND " DONE);
	assert_true(wp > 80 && wp < 90);
	assert_int_equal(wp, f->worker_problems);
	assert_true(q1(gw, "SELECT count(*) FROM ticket WHERE source IN ('secretary_day','workshop_talk',"
			   "'worker_council') AND category IN ('housing','schooling') AND " DONE) > 50);
	long long lr = q1(gw, "SELECT count(*) FROM ticket WHERE category = 'labor_rights' AND " DONE);
	assert_true(lr > 60 && lr < 70);
	assert_int_equal(lr, f->labor_rights);
	/* Labour-rights problems come from registered workers. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM ticket WHERE category = 'labor_rights' AND worker_id IS NULL"), 0);
	/* Open work, some of it overdue on the demo's day; rider reports of each kind. */
	assert_true(q1(gw, "SELECT count(*) FROM ticket WHERE status IN ('new','accepted','in_progress')") >= 10);
	assert_true(q1(gw, "SELECT count(*) FROM ticket WHERE status IN ('new','accepted','in_progress') "
			   "AND due_on < '2026-11-20'") >= 3);
	assert_int_equal(q1(gw, "SELECT count(DISTINCT category) FROM ticket WHERE source = 'rider_report' "
				"AND category IN ('traffic','dispute','safety_hazard')"), 3);
	/* Departments are configured ones; finished tickets have a time after registration. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM ticket WHERE department IS NOT NULL AND department NOT IN "
				"(SELECT name FROM department)"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM ticket WHERE " DONE " AND (resolved_at IS NULL OR "
				"resolved_at < created_at)"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM ticket WHERE created_at > '2026-11-20 09:00:00' "
				"OR resolved_at > '2026-11-20 09:00:00'"), 0);

	/* New-employment groups: 260+, 30 party members as grid workers, 10 supervisors. */
	long long wk = q1(gw, "SELECT count(*) FROM worker WHERE deleted = 0");
	assert_true(wk > 260 && wk < 270);
	assert_int_equal(wk, f->workers);
	assert_int_equal(q1(gw, "SELECT count(*) FROM worker WHERE party_member = 1 AND "
				"(';' || roles || ';') LIKE '%;grid_worker;%'"), 30);
	assert_int_equal(q1(gw, "SELECT count(*) FROM worker WHERE (';' || roles || ';') LIKE '%;grid_worker;%'"), 30);
	assert_int_equal(q1(gw, "SELECT count(*) FROM worker WHERE job = 'delivery_rider' AND "
				"(';' || roles || ';') LIKE '%;food_safety_supervisor;%'"), 10);
	assert_int_equal(q1(gw, "SELECT count(*) FROM worker WHERE (';' || roles || ';') LIKE '%;food_safety_supervisor;%'"), 10);
	assert_true(q1(gw, "SELECT count(*) FROM worker WHERE (';' || roles || ';') LIKE '%;safe_rider;%'") > 20);
	assert_int_equal(q1(gw, "SELECT count(DISTINCT platform) FROM worker WHERE platform IN "
				"('美团','饿了么','顺丰','中通','京东','滴滴')"), 6);

	/* 25 warm-heart stations on the three kinds of host. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM station WHERE deleted = 0"), 25);
	assert_int_equal(q1(gw, "SELECT count(DISTINCT host) FROM station WHERE host IN "
				"('社区党群服务中心','城市驿站','工会驿站')"), 3);

	/* Activities: 20 trainings with 2,000+ person-times, the other kinds too. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM activity WHERE kind = 'training'"), 20);
	long long pt = q1(gw, "SELECT sum(person_times) FROM activity WHERE kind = 'training'");
	assert_true(pt > 2000);
	assert_int_equal(pt, f->training_person_times);
	assert_int_equal(q1(gw, "SELECT count(DISTINCT kind) FROM activity"), 6);
	/* 35 projects, each between a green-food and a smart-manufacturing firm. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM coop_project"), 35);
	assert_int_equal(q1(gw, "SELECT count(*) FROM coop_project c JOIN org a ON a.id = c.org_a "
				"JOIN org b ON b.id = c.org_b WHERE a.chain = 'green_food' AND "
				"b.chain = 'smart_manufacturing'"), 35);
	assert_int_equal(q1(gw, "SELECT count(*) FROM (SELECT DISTINCT org_a, org_b FROM coop_project)"), 35);
	/* Red credit: 15 firms, 230,000,000 yuan, all with a party organisation. */
	assert_int_equal(q1(gw, "SELECT count(DISTINCT org_id) FROM credit_grant"), 15);
	assert_int_equal(q1(gw, "SELECT sum(amount_yuan) FROM credit_grant"), 230000000LL);
	assert_int_equal(f->credit_yuan, 230000000LL);
	assert_int_equal(q1(gw, "SELECT count(*) FROM credit_grant c JOIN org o ON o.id = c.org_id "
				"WHERE o.party_org = 'none'"), 0);
}

static void test_figures(void **state)
{
	(void)state;
	/* How fast it builds is the benchmark's business (a time limit here
	 * fails under Valgrind and on a busy machine, and proves nothing). */
	struct gw *gw = build(1);
	check_figures(gw);
	gw_close(gw);
}

/* The figures hold whatever the seed. */
static void test_other_seeds(void **state)
{
	(void)state;
	static const unsigned seeds[] = {0, 2, 12345, 4000000000u};
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		struct gw *gw = build(seeds[i]);
		check_figures(gw);
		gw_close(gw);
	}
}

/* Codes, numbers and names are valid and realistic. */
static void test_values(void **state)
{
	(void)state;
	struct gw *gw = build(3);
	sqlite3_stmt *st;
	sqlite3 *h = db_handle(gw->db);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT credit_code, kind FROM org", -1, &st, NULL), SQLITE_OK);
	int n = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		char norm[19];
		struct gw_err e;
		assert_int_equal(valid_credit_code(code, norm, &e), GW_OK);
		assert_memory_equal(code + 2, "341523", 6);   /* 舒城县 */
		assert_memory_equal(code, strcmp(kind, "enterprise") == 0 ? "91" :
					  strcmp(kind, "social_org") == 0 ? "52" : "51", 2);
		n++;
	}
	sqlite3_finalize(st);
	assert_true(n >= 200);
	/* Instructors: 13x/15x/18x mobiles, unique names (the counter's search). */
	assert_int_equal(q1(gw, "SELECT count(*) FROM instructor WHERE substr(phone,1,2) NOT IN ('13','15','18') "
				"OR length(phone) <> 11"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) - count(DISTINCT name) FROM instructor"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) - count(DISTINCT name) FROM org"), 0);
	/* Chinese names: two to three characters of three bytes. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM instructor WHERE length(name) NOT IN (2,3) "
				"OR length(CAST(name AS BLOB)) <> 3 * length(name)"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM org WHERE name NOT LIKE '%有限公司' AND kind = 'enterprise'"), 0);
	assert_true(q1(gw, "SELECT count(*) FROM org WHERE name LIKE '安徽%食品有限公司' OR "
			   "name LIKE '舒城县%电子科技有限公司' OR name LIKE '舒城%电子科技有限公司'") > 0);
	/* One-enterprise-one-policy plans for units still without a party organisation. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM org WHERE party_org = 'none' AND kind <> 'association' "
				"AND plan NOT LIKE '一_一策培育方案%'"), 0);
	/* Stations offer rest and water at least, and all have a position. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM station WHERE services NOT LIKE 'rest;%' "
				"OR services NOT LIKE '%water%' OR lon IS NULL"), 0);
	gw_close(gw);
}

/* Builds are reproducible: every export and every record without a CSV
 * kind is the same for the same seed (ids aside), and differs for another. */
static char *export_all(struct gw *gw)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	for (int k = 0; k < IK_COUNT; k++) {
		struct gw_err e;
		assert_int_equal(export_kind(gw, (enum import_kind)k, f, 0, &e), GW_OK);
	}
	static const char *const others[] = {
		"SELECT p.name, p.phone, o.credit_code, g.code, p.works_in_park, p.mobile, p.joined_on "
		"FROM party_member p LEFT JOIN org o ON o.id = p.org_id LEFT JOIN grid g ON g.id = p.grid_id "
		"ORDER BY p.phone",
		"SELECT a.kind, a.title, a.held_on, g.code, a.organiser, a.person_times FROM activity a "
		"LEFT JOIN grid g ON g.id = a.grid_id ORDER BY a.kind, a.held_on, a.title",
		"SELECT c.title, a.credit_code, b.credit_code, c.field, v.title, c.signed_on FROM coop_project c "
		"JOIN org a ON a.id = c.org_a JOIN org b ON b.id = c.org_b LEFT JOIN activity v ON v.id = c.activity_id "
		"ORDER BY c.title",
		"SELECT o.credit_code, c.bank, c.amount_yuan, c.granted_on FROM credit_grant c "
		"JOIN org o ON o.id = c.org_id ORDER BY o.credit_code",
		"SELECT credit_code, plan FROM org ORDER BY credit_code",
	};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		char *d = dump(gw, others[i]);
		fputs(d, f);
		free(d);
	}
	fclose(f);
	return buf;
}

static void test_deterministic(void **state)
{
	(void)state;
	struct gw *a = build(42), *b = build(42), *c = build(43);
	char *ea = export_all(a), *eb = export_all(b), *ec = export_all(c);
	assert_true(strlen(ea) > 100000);
	assert_string_equal(ea, eb);
	assert_true(strcmp(ea, ec) != 0);
	free(ea), free(eb), free(ec);
	gw_close(a), gw_close(b), gw_close(c);
}

static void count_problem(void *ctx, const char *problem)
{
	(void)problem;
	++*(int *)ctx;
}

static void test_integrity(void **state)
{
	(void)state;
	struct gw *gw = build(5);
	assert_int_equal(q1(gw, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	int problems = 0;
	struct gw_err e;
	assert_int_equal(db_check(gw->db, count_problem, &problems, &e), 0);
	assert_int_equal(problems, 0);
	/* Every record is audited as inserted. */
	assert_int_equal(q1(gw, "SELECT count(*) FROM audit WHERE action = 'insert'"),
			 q1(gw, "SELECT (SELECT count(*) FROM grid) + (SELECT count(*) FROM org) + "
				"(SELECT count(*) FROM instructor) + (SELECT count(*) FROM worker) + "
				"(SELECT count(*) FROM ticket) + (SELECT count(*) FROM station) + "
				"(SELECT count(*) FROM party_member) + (SELECT count(*) FROM activity) + "
				"(SELECT count(*) FROM coop_project) + (SELECT count(*) FROM credit_grant)"));
	gw_close(gw);
}

/* A second build into the same database is refused and changes nothing. */
static void test_refuses_used_db(void **state)
{
	(void)state;
	struct gw *gw = build(1);
	long long before = q1(gw, "SELECT count(*) FROM audit");
	struct gw_err e;
	assert_int_equal(demo_build(gw, 1, &e), GW_EREFUSED);
	assert_non_null(strstr(e.msg, "已有记录"));
	assert_int_equal(q1(gw, "SELECT count(*) FROM audit"), before);
	assert_int_equal(q1(gw, "SELECT count(*) FROM grid"), 55);
	gw_close(gw);
}

/* A failure late in the build (here: stations refused by a trigger) leaves
 * the database empty, and says which record failed. */
static void test_all_or_nothing(void **state)
{
	(void)state;
	struct gw *gw = open_db();
	assert_int_equal(sqlite3_exec(db_handle(gw->db),
				      "CREATE TRIGGER no_stations BEFORE INSERT ON station "
				      "BEGIN SELECT RAISE(ABORT, 'stations refused'); END", NULL, NULL, NULL),
			 SQLITE_OK);
	struct gw_err e;
	assert_int_not_equal(demo_build(gw, 1, &e), GW_OK);
	assert_non_null(strstr(e.msg, "暖心驿站"));   /* the station's name */
	assert_int_equal(q1(gw, "SELECT count(*) FROM grid"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM org"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM ticket"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM party_member"), 0);
	assert_int_equal(q1(gw, "SELECT count(*) FROM audit"), 0);
	assert_int_equal(db_in_tx(gw->db), 0);
	gw_close(gw);
}

/* ---- the activity module ------------------------------------------------------ */

static struct gw *agw;

static int setup_activity(void **state)
{
	(void)state;
	agw = build(9);
	return 0;
}

static int teardown_activity(void **state)
{
	(void)state;
	gw_close(agw);
	return 0;
}

/* A credit code of an organisation with / without a party organisation. */
static void org_code(int covered, char out[19])
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(agw->db), covered
		? "SELECT credit_code FROM org WHERE party_org = 'standalone' ORDER BY credit_code LIMIT 1"
		: "SELECT credit_code FROM org WHERE party_org = 'none' ORDER BY credit_code LIMIT 1",
		-1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, 19, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static long long rows(const char *table)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return q1(agw, sql);
}

static void test_member_add(void **state)
{
	(void)state;
	char covered[19], bare[19], id[GW_ID_LEN + 1];
	org_code(1, covered);
	org_code(0, bare);
	long long n = rows("party_member"), audits = rows("audit");
	struct gw_err e;
	/* Grid defaults to the organisation's; lower-case code and +86 accepted. */
	char lower[19];
	for (int i = 0; i < 19; i++)
		lower[i] = (char)(covered[i] >= 'A' && covered[i] <= 'Z' ? covered[i] + 32 : covered[i]);
	struct party_member_in ok = {"欧阳晓雯", "+86 139 0564 1234", lower, "", 1, 1, "2019年7月1日"};
	assert_int_equal(party_member_add(agw, &ok, id, &e), GW_OK);
	assert_int_equal(strlen(id), GW_ID_LEN);
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM party_member p JOIN org o ON o.id = p.org_id "
		 "WHERE p.id = '%s' AND p.grid_id = o.grid_id AND p.phone = '13905641234' "
		 "AND p.joined_on = '2019-07-01' AND p.name = '欧阳晓雯' AND p.mobile = 1", id);
	assert_int_equal(q1(agw, sql), 1);
	assert_int_equal(rows("audit"), audits + 1);
	assert_int_equal(rows("party_member"), n + 1);

	static const struct {
		struct party_member_in in;
		const char *frag;
	} bad[] = {
		{{"", "", NULL, "", 0, 0, ""}, "姓名"},
		{{"张三", "12345", NULL, "", 0, 0, ""}, "手机"},
		{{"张三", "", "91341523MA2N00000X", "", 0, 0, ""}, "管理单位"},
		{{"张三", "", NULL, "SC-NOPE-G99", 0, 0, ""}, "没有编码为“SC-NOPE-G99”的网格"},
		{{"张三", "", NULL, "", 0, 0, "2019-02-30"}, "入党日期"},
		{{"张三", "", NULL, "", 2, 0, ""}, "在园区工作"},
		{{"张三", "", NULL, "", 0, 7, ""}, "流动党员"},
		{{"张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张三张", "", NULL, "", 0, 0, ""}, "过长"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(party_member_add(agw, &bad[i].in, NULL, &e), GW_EINVAL);
		if (!strstr(e.msg, bad[i].frag))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, bad[i].frag);
	}
	/* An organisation without a party organisation cannot manage members. */
	struct party_member_in nopo = {"张三", "", bare, "", 1, 0, ""};
	assert_int_equal(party_member_add(agw, &nopo, NULL, &e), GW_EINVAL);
	assert_non_null(strstr(e.msg, "没有党组织"));
	assert_int_equal(rows("party_member"), n + 1);
	assert_int_equal(rows("audit"), audits + 1);
}

static void test_activity_add(void **state)
{
	(void)state;
	long long n = rows("activity");
	struct gw_err e;
	char id[GW_ID_LEN + 1];
	struct activity_in ok = {"技能培训", "新就业群体“暖心课堂”培训", "2026/11/18", "sc-cg-g03", "县总工会", 88};
	assert_int_equal(activity_add(agw, &ok, id, &e), GW_OK);
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM activity a JOIN grid g ON g.id = a.grid_id "
		 "WHERE a.id = '%s' AND a.kind = 'training' AND g.code = 'SC-CG-G03' "
		 "AND a.held_on = '2026-11-18' AND a.person_times = 88", id);
	assert_int_equal(q1(agw, sql), 1);
	static const struct {
		struct activity_in in;
		const char *frag;
	} bad[] = {
		{{"", "培训", "2026-01-01", "", "", 0}, "类型"},
		{{"lecture", "培训", "2026-01-01", "", "", 0}, "不是有效的活动类型"},
		{{"training", "  ", "2026-01-01", "", "", 0}, "标题"},
		{{"training", "培训", "", "", "", 0}, "举办日期"},
		{{"training", "培训", "2026-13-01", "", "", 0}, "举办日期"},
		{{"training", "培训", "2026-01-01", "SC-XX-G01", "", 0}, "网格编码"},
		{{"training", "培训", "2026-01-01", "", "", -1}, "参与人次"},
		{{"training", "培训", "2026-01-01", "", "", 1000001}, "参与人次"},
		{{"training", "培训\n第二行", "2026-01-01", "", "", 1}, "控制字符"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(activity_add(agw, &bad[i].in, NULL, &e), GW_EINVAL);
		if (!strstr(e.msg, bad[i].frag))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, bad[i].frag);
	}
	assert_int_equal(rows("activity"), n + 1);
}

static void test_coop_and_credit(void **state)
{
	(void)state;
	char a[19], b[19], act[GW_ID_LEN + 1];
	org_code(1, a);
	org_code(0, b);
	struct gw_err e;
	struct activity_in mm = {"产业链对接", "绿色食品与智能制造产业链对接会（加场）", "2026-11-10", "", "", 90};
	assert_int_equal(activity_add(agw, &mm, act, &e), GW_OK);
	long long np = rows("coop_project"), nc = rows("credit_grant");
	struct coop_project_in ok = {"茶叶智能分拣设备合作", a, b, "智能装备", act, "2026-11-12"};
	assert_int_equal(coop_project_add(agw, &ok, NULL, &e), GW_OK);
	assert_int_equal(rows("coop_project"), np + 1);
	const struct {
		struct coop_project_in in;
		const char *frag;
	} bad[] = {
		{{"", a, b, "", "", ""}, "项目名称"},
		{{"合作", a, a, "", "", ""}, "不能是同一单位"},
		{{"合作", "91341523MA2N00000Y", b, "", "", ""}, "甲方单位"},
		{{"合作", a, "", "", "", ""}, "乙方单位"},
		{{"合作", a, b, "", "0123456789abcdef0123456789abcdef", ""}, "没有这项活动"},
		{{"合作", a, b, "", "", "明天"}, "签约日期"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(coop_project_add(agw, &bad[i].in, NULL, &e), GW_EINVAL);
		if (!strstr(e.msg, bad[i].frag))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, bad[i].frag);
	}
	assert_int_equal(rows("coop_project"), np + 1);

	struct credit_grant_in cg = {a, "舒城农商银行", 5000000, "2026-11-01"};
	assert_int_equal(credit_grant_add(agw, &cg, NULL, &e), GW_OK);
	assert_int_equal(q1(agw, "SELECT sum(amount_yuan) FROM credit_grant"), 235000000LL);
	const struct {
		struct credit_grant_in in;
		const char *frag;
	} badc[] = {
		{{a, "银行", 0, "2026-01-01"}, "授信金额"},
		{{a, "银行", -5, "2026-01-01"}, "授信金额"},
		{{a, "", 100, "2026-01-01"}, "授信银行"},
		{{a, "银行", 100, ""}, "授信日期"},
		{{"", "银行", 100, "2026-01-01"}, "授信单位"},
	};
	for (size_t i = 0; i < sizeof badc / sizeof badc[0]; i++) {
		assert_int_equal(credit_grant_add(agw, &badc[i].in, NULL, &e), GW_EINVAL);
		if (!strstr(e.msg, badc[i].frag))
			fail_msg("case %zu: '%s' lacks '%s'", i, e.msg, badc[i].frag);
	}
	assert_int_equal(rows("credit_grant"), nc + 1);
}

/* Inside a caller's transaction a bad record undoes only itself. */
static void test_inside_transaction(void **state)
{
	(void)state;
	struct gw_err e;
	long long n = rows("activity");
	assert_int_equal(db_begin(agw->db, &e), GW_OK);
	struct activity_in one = {"joint_meeting", "联席会议（甲）", "2026-11-19", "", "县委社会工作部", 20};
	struct activity_in bad = {"joint_meeting", "", "2026-11-19", "", "", 20};
	struct activity_in two = {"joint_meeting", "联席会议（乙）", "2026-11-19", "", "县委社会工作部", 25};
	assert_int_equal(activity_add(agw, &one, NULL, &e), GW_OK);
	assert_int_equal(activity_add(agw, &bad, NULL, &e), GW_EINVAL);
	assert_int_equal(activity_add(agw, &two, NULL, &e), GW_OK);
	assert_int_equal(db_in_tx(agw->db), 1);
	db_rollback(agw->db);
	assert_int_equal(rows("activity"), n);
	assert_int_equal(db_begin(agw->db, &e), GW_OK);
	assert_int_equal(activity_add(agw, &one, NULL, &e), GW_OK);
	assert_int_equal(activity_add(agw, &two, NULL, &e), GW_OK);
	assert_int_equal(db_commit(agw->db, &e), GW_OK);
	assert_int_equal(rows("activity"), n + 2);
}

int main(void)
{
	const struct CMUnitTest demo_tests[] = {
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_other_seeds),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_integrity),
		cmocka_unit_test(test_refuses_used_db),
		cmocka_unit_test(test_all_or_nothing),
	};
	const struct CMUnitTest activity_tests[] = {
		cmocka_unit_test(test_member_add),
		cmocka_unit_test(test_activity_add),
		cmocka_unit_test(test_coop_and_credit),
		cmocka_unit_test(test_inside_transaction),
	};
	if (setup_dir(NULL) != 0)
		return 1;
	int fails = cmocka_run_group_tests_name("demo", demo_tests, NULL, NULL);
	fails += cmocka_run_group_tests_name("activity", activity_tests, setup_activity, teardown_activity);
	teardown_dir(NULL);
	return fails;
}
