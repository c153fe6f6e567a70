/* test_import_bulk.c - tickets.csv files of IMPORT_BULK_BYTES or more:
 * the same records as a small file gives (references, due dates, numbers,
 * events), inserts audited by the file's summary row and updates row by
 * row, bad rows reported with nothing written, --skip-bad, the number
 * counter moved by what was written only, and SQLite's foreign-key checks
 * back on afterwards. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "gw.h"
#include "import.h"
#include "sync.h"
#include "ticket.h"
#include "ticket_flow.h"

#include "testutil.h"

#define ROWS 1100
#define HEADER "编号,标题,描述,类别,来源,网格编码,关联单位,反映人,反映人电话,承办部门,指导员手机,状态,登记时间,办结时间\n"

static const char *const grid_of[3] = {"SC-HB-G01", "SC-HB-G02", "SC-KF-G01"};
static const char *const cat_of[4] = {"劳动权益", "安全隐患", "矛盾纠纷", "其他"};

/* grids, a rider (13900000002), an organisation tu_credit_code(1) and an
 * instructor (13900000001); messages in Chinese. */
static struct gw *open_fixture(const char *name)
{
	struct gw *gw = tu_with_grids6(name);
	struct import_counts c;
	tu_import_or_fail(gw, "workers.csv", "姓名,手机,职业,平台\n李骑手,13900000002,外卖骑手,美团\n", &c);
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "INSERT INTO org(id, credit_code, name, kind, grid_id, office, created_at, updated_at) "
		 "SELECT 'org-1', '%s', '舒城县杭埠食品有限公司', 'enterprise', id, 'SC', '2026-01-01', "
		 "'2026-01-01' FROM grid WHERE code = 'SC-HB-G01';"
		 "INSERT INTO instructor(id, phone, name, role, office, created_at, updated_at) "
		 "VALUES ('ins-1', '13900000001', '王指导', 'full_time', 'SC', '2026-01-01', '2026-01-01');",
		 tu_credit_code(1));
	tu_exec(gw, sql);
	return gw;
}

/* Row i (0-based) of the test files: every third names the organisation,
 * every fourth the instructor, every fifth the rider; some are closed.
 * bad_at: the row whose instructor is unknown (-1: none). */
static void put_row(FILE *f, int i, int numbered, int bad_at, const char *title_suffix)
{
	if (numbered)
		fprintf(f, "SC-2025-%06d", i + 1);
	fprintf(f, ",第%d号工单：路灯损坏%s,", i + 1, title_suffix);
	for (int k = 0; k < 160; k++)    /* about 3.8 KB a row */
		fputs("职工反映情况属实", f);
	int closed = i % 7 == 0;
	fprintf(f, ",%s,电话,%s,%s,张师傅%d,%s,%s,%s,%s,2025-%02d-%02d 09:30,%s\n", cat_of[i % 4],
		grid_of[i % 3], i % 3 == 0 ? tu_credit_code(1) : "", i,
		i % 5 == 0 ? "13900000002" : "0564-8621234", i % 2 ? "县公安局交通管理大队" : "",
		i == bad_at ? "13700000000" : i % 4 == 0 ? "13900000001" : "", closed ? "已关闭" : "办理中",
		1 + i % 12, 1 + i % 27, closed ? "2025-12-31 17:00" : "");
}

/* Writes n rows (see put_row) to tu_dir/name; returns its size. */
static long write_file(const char *name, int n, int numbered, int bad_at, int changed_at)
{
	char path[512];
	tu_path(path, sizeof path, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(HEADER, f);
	for (int i = 0; i < n; i++)
		put_row(f, i, numbered, bad_at, i == changed_at ? "（已更正）" : "");
	fclose(f);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return (long)sb.st_size;
}

static enum gw_status import_file(struct gw *gw, const char *name, int skip_bad,
				  struct import_counts *c)
{
	return tu_import_named(gw, name, skip_bad, 0, c);
}

struct hist {
	int n;
	struct ticket_event_rec first;
};

static int on_event(void *ctx, const struct ticket_event_rec *e)
{
	struct hist *h = ctx;
	if (!h->n++)
		h->first = *e;
	return 0;
}

/* The ticket table's indexes, by name and definition: a bulk file sets
 * the secondary ones aside and builds them again (db/db_index.c). */
#define TICKET_INDEXES                                                           \
	"SELECT group_concat(name || ':' || coalesce(sql, ''), '|') FROM (SELECT name, sql " \
	"FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'ticket' ORDER BY name)"

static void assert_indexes_back(struct gw *gw, const char *before)
{
	assert_string_equal(tu_q_text(gw, TICKET_INDEXES), before);
	assert_non_null(strstr(before, "ticket_grid"));
	assert_string_equal(tu_q_text(gw, "PRAGMA integrity_check"), "ok");
}

static void test_bulk_like_small(void **state)
{
	(void)state;
	struct gw *gw = open_fixture("bulk.db");
	assert_true(write_file("bulk.csv", ROWS, 1, -1, -1) >= IMPORT_BULK_BYTES);
	char *indexes = strdup(tu_q_text(gw, TICKET_INDEXES));
	struct gw_err e;
	assert_int_equal(sync_flush(gw, &e), GW_OK);   /* the fixture's own rows */
	long long logged = tu_count(gw, "SELECT coalesce(sum(changes), 0) FROM change_log");
	long long audited = tu_count(gw, "SELECT count(*) FROM audit");
	struct import_counts c;
	if (import_file(gw, "bulk.csv", 0, &c) != GW_OK)
		fail_msg("%s", tu_said);
	assert_int_equal(c.inserted, ROWS);
	assert_indexes_back(gw, indexes);
	free(indexes);
	/* Every new ticket is in change_log for the county (bulk capture, one
	 * entry), beside the audit rows. */
	assert_int_equal(tu_count(gw, "SELECT changes FROM change_log ORDER BY seq DESC LIMIT 1"), ROWS);
	assert_int_equal(tu_count(gw, "SELECT sum(changes) FROM change_log") - logged,
			 ROWS + tu_count(gw, "SELECT count(*) FROM audit") - audited);

	/* The same rows, a few at a time, in files below the threshold. */
	struct gw *small = open_fixture("small.db");
	for (int from = 0; from < ROWS; from += 100) {
		char path[512];
		tu_path(path, sizeof path, "small.csv");
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		fputs(HEADER, f);
		for (int i = from; i < from + 100 && i < ROWS; i++)
			put_row(f, i, 1, -1, "");
		fclose(f);
		assert_int_equal(import_file(small, "small.csv", 0, &c), GW_OK);
	}
	gw_close(small);

	/* Record for record the same references, dates and times. */
	char sql[1024];
	snprintf(sql, sizeof sql, "ATTACH '%s/small.db' AS s", tu_dir);
	tu_exec(gw, sql);
	/* Codes and phones, not ids: each database has its own grid and rider
	 * ids (the organisation's and instructor's are the fixture's). */
#define KEYS(d) "SELECT t.number, t.title, t.description, t.category, t.source, g.code, "        \
	"ifnull(t.org_id, ''), ifnull(t.instructor_id, ''), ifnull(w.phone, ''), t.reporter, "    \
	"t.reporter_phone, ifnull(t.department, ''), t.status, t.created_at, t.due_on, "          \
	"ifnull(t.resolved_at, ''), ifnull(t.closed_at, '') FROM " d ".ticket t JOIN " d ".grid g " \
	"ON g.id = t.grid_id LEFT JOIN " d ".worker w ON w.id = t.worker_id"
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM (" KEYS("main") ")"), ROWS);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM (" KEYS("main") " EXCEPT " KEYS("s") ")"), 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM (" KEYS("s") " EXCEPT " KEYS("main") ")"), 0);
#undef KEYS
	tu_exec(gw, "DETACH s");
	/* References were resolved, not left empty. */
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket WHERE org_id = 'org-1'"), (ROWS + 2) / 3);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket WHERE instructor_id = 'ins-1'"), (ROWS + 3) / 4);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket t JOIN worker w ON w.id = t.worker_id "
				  "WHERE w.phone = '13900000002'"), (ROWS + 4) / 5);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket WHERE due_on IS NULL"), 0);

	/* Inserts: no event and no audit row each; the file's summary row
	 * says so, and a ticket's history begins with its registration. */
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket_event"), 0);
	char id[40];
	tu_text(gw, "SELECT id FROM ticket WHERE number = 'SC-2025-000008'", id, sizeof id);
	struct hist h = {0};
	assert_int_equal(ticket_events(gw, id, on_event, &h, &e), GW_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.first.action, "import");
	assert_string_equal(h.first.at, "2025-08-08 09:30:00");
	assert_string_equal(h.first.note, "批量导入");

	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'ticket' AND action = 'insert'"), 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'tickets' AND action = 'import' "
				  "AND new LIKE '%\"inserted\":1100%' AND new LIKE '%\"bulk\":true%'"), 1);
	assert_int_equal(tu_count(gw, "SELECT last FROM ticket_seq WHERE office = 'SC' AND year = 2025"), ROWS);
	assert_int_equal(tu_count(gw, "PRAGMA foreign_keys"), 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	gw_close(gw);
}

static void test_bulk_update_audited(void **state)
{
	(void)state;
	struct gw *gw = open_fixture("update.db");
	write_file("bulk.csv", ROWS, 1, -1, -1);
	struct import_counts c;
	assert_int_equal(import_file(gw, "bulk.csv", 0, &c), GW_OK);
	long long audits = tu_count(gw, "SELECT count(*) FROM audit");
	write_file("bulk.csv", ROWS, 1, -1, 499);
	assert_int_equal(import_file(gw, "bulk.csv", 0, &c), GW_OK);
	assert_int_equal(c.inserted, 0);
	assert_int_equal(c.updated, 1);
	assert_int_equal(c.unchanged, ROWS - 1);
	/* The update row by row, with old and new values; and the summary. */
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit"), audits + 2);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'ticket' AND action = 'update' "
				  "AND old LIKE '%\"title\":\"第500号工单：路灯损坏\"%' "
				  "AND new LIKE '%\"title\":\"第500号工单：路灯损坏（已更正）\"%'"), 1);
	assert_string_equal(tu_q_text(gw, "SELECT title FROM ticket WHERE number = 'SC-2025-000500'"),
			    "第500号工单：路灯损坏（已更正）");
	assert_int_equal(tu_count(gw, "SELECT max(version) FROM ticket"), 2);
	gw_close(gw);
}

static void test_bulk_bad_row(void **state)
{
	(void)state;
	struct gw *gw = open_fixture("bad.db");
	long long audits = tu_count(gw, "SELECT count(*) FROM audit");
	char *indexes = strdup(tu_q_text(gw, TICKET_INDEXES));
	write_file("bulk.csv", ROWS, 1, 700, -1);
	struct import_counts c;
	assert_int_equal(import_file(gw, "bulk.csv", 0, &c), GW_EINVAL);
	assert_indexes_back(gw, indexes);
	free(indexes);
	assert_non_null(strstr(tu_said, "bulk.csv:702: 指导员手机: 没有手机号为 13700000000 的指导员"));
	assert_int_equal(c.rejected, 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket_event"), 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket_seq"), 0);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(tu_count(gw, "PRAGMA foreign_keys"), 1);

	/* A deleted grid is refused on every row that names it. */
	tu_exec(gw, "UPDATE grid SET deleted = 1 WHERE code = 'SC-KF-G01'");
	write_file("bulk.csv", ROWS, 1, -1, -1);
	assert_int_equal(import_file(gw, "bulk.csv", 0, &c), GW_EINVAL);
	assert_int_equal(c.rejected, ROWS / 3);
	assert_non_null(strstr(tu_said, "bulk.csv:4: 网格编码: 网格“SC-KF-G01”已删除"));
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), 0);
	gw_close(gw);
}

static void test_bulk_skip_bad(void **state)
{
	(void)state;
	struct gw *gw = open_fixture("skip.db");
	/* The last row, with the highest number, is the bad one: the counter
	 * stops at the last number written. */
	write_file("bulk.csv", ROWS, 1, ROWS - 1, -1);
	struct import_counts c;
	assert_int_equal(import_file(gw, "bulk.csv", 1, &c), GW_EINVAL);
	assert_int_equal(c.inserted, ROWS - 1);
	assert_int_equal(c.rejected, 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket"), ROWS - 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM ticket WHERE number = 'SC-2025-001100'"), 0);
	assert_int_equal(tu_count(gw, "SELECT last FROM ticket_seq WHERE year = 2025"), ROWS - 1);
	char path[512];
	tu_path(path, sizeof path, "bulk.csv.rejects.csv");
	char *rej = tu_slurp(path, NULL);
	assert_non_null(rej);
	assert_non_null(strstr(rej, "第1100号工单"));
	free(rej);
	assert_int_equal(tu_count(gw, "PRAGMA foreign_keys"), 1);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	gw_close(gw);
}

static void test_bulk_numbers_taken_after(void **state)
{
	(void)state;
	struct gw *gw = open_fixture("numbers.db");
	/* Numbered rows, then the same rows without numbers: these take the
	 * numbers after the highest of the file. */
	char path[512];
	tu_path(path, sizeof path, "bulk.csv");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(HEADER, f);
	for (int i = 0; i < ROWS; i++)
		put_row(f, i, 1, -1, "");
	put_row(f, 5, 0, -1, "（未编号）");
	put_row(f, 6, 0, -1, "（未编号）");
	fclose(f);
	/* Numberless rows are matched through the grid index: it is built
	 * again at the first of them. */
	char *indexes = strdup(tu_q_text(gw, TICKET_INDEXES));
	struct import_counts c;
	assert_int_equal(import_file(gw, "bulk.csv", 0, &c), GW_OK);
	assert_indexes_back(gw, indexes);
	free(indexes);
	assert_int_equal(c.inserted, ROWS + 2);
	assert_string_equal(tu_q_text(gw, "SELECT title FROM ticket WHERE number = 'SC-2025-001101'"),
			    "第6号工单：路灯损坏（未编号）");
	assert_string_equal(tu_q_text(gw, "SELECT title FROM ticket WHERE number = 'SC-2025-001102'"),
			    "第7号工单：路灯损坏（未编号）");
	assert_int_equal(tu_count(gw, "SELECT last FROM ticket_seq WHERE year = 2025"), ROWS + 2);
	gw_close(gw);
}

static void test_small_file_audited_per_row(void **state)
{
	(void)state;
	struct gw *gw = open_fixture("small_audit.db");
	assert_true(write_file("small.csv", 20, 1, -1, -1) < IMPORT_BULK_BYTES);
	struct import_counts c;
	assert_int_equal(import_file(gw, "small.csv", 0, &c), GW_OK);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE tbl = 'ticket' AND action = 'insert'"), 20);
	assert_int_equal(tu_count(gw, "SELECT count(*) FROM audit WHERE action = 'import' AND new LIKE '%\"bulk\":true%'"), 0);
	assert_int_equal(tu_count(gw, "SELECT last FROM ticket_seq WHERE year = 2025"), 20);
	gw_close(gw);
}

int main(void)
{
	tu_setup_dir("import_bulk");
	gw_set_lang(GW_LANG_ZH);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bulk_like_small),
		cmocka_unit_test(test_bulk_update_audited),
		cmocka_unit_test(test_bulk_bad_row),
		cmocka_unit_test(test_bulk_skip_bad),
		cmocka_unit_test(test_bulk_numbers_taken_after),
		cmocka_unit_test(test_small_file_audited_per_row),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tu_dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 1;
	return rc;
}
