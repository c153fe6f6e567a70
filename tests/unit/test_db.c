/* test_db.c - the database layer (open, WAL, foreign keys, migrations by
 * user_version, newer files refused, primary keys for the session extension,
 * BEGIN IMMEDIATE), the context (office claimed once, departments synced
 * from the configuration, the audit log) and `gridwork check`. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "db.h"
#include "grid.h"
#include "gw.h"
#include "import.h"
#include "schema.h"

#include "testutil.h"

static sqlite3 *raw_open(const char *path)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	return h;
}

struct lines {
	int n;
	char text[32][512];
};

static void collect(void *ctx, const char *line)
{
	struct lines *l = ctx;
	if (l->n < 32)
		snprintf(l->text[l->n], sizeof l->text[0], "%s", line);
	l->n++;
}

static int lines_have(const struct lines *l, const char *frag)
{
	for (int i = 0; i < l->n && i < 32; i++)
		if (strstr(l->text[i], frag))
			return 1;
	return 0;
}

static struct gw *open_gw(const char *path, const char *office)
{
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	struct gw *gw = gw_open(&cfg, path, 1, office, &e);
	if (!gw)
		fail_msg("gw_open: %s", e.msg);
	return gw;
}

static void put_grid(struct gw *gw, const char *code, const char *name, const char *level,
		     const char *parent, const char *basis)
{
	const char *v[GRID_NCOLS] = {code, name, level, parent, basis, "", ""};
	enum upsert_result res;
	struct gw_err e;
	if (import_one(gw, IK_GRID, v, NULL, 0, &res, &e) != GW_OK)
		fail_msg("grid %s: %s", code, e.msg);
}

/* ---- opening and the schema ------------------------------------------ */

static void fresh_database(void **state)
{
	(void)state;
	char path[512], buf[64];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "fresh"), 1, &e);
	if (!db)
		fail_msg("%s", e.msg);
	sqlite3 *h = db_handle(db);
	assert_true(db_schema_version() >= 1);
	assert_int_equal(db_schema_version(), schema_count());
	assert_int_equal(tu_h_int(h, "PRAGMA user_version"), db_schema_version());
	assert_string_equal(tu_h_text(h, "PRAGMA journal_mode", buf, sizeof buf), "wal");
	assert_int_equal(tu_h_int(h, "PRAGMA foreign_keys"), 1);
	assert_true(tu_h_int(h, "PRAGMA busy_timeout") >= 1000);
	/* The whole domain's tables exist from the start. */
	static const char *const tables[] = {
		"meta", "office", "operator", "grid", "org", "instructor", "instructor_grid",
		"instructor_org", "party_member", "department", "worker", "ticket",
		"ticket_department", "ticket_event", "ticket_seq", "points_ledger", "station",
		"activity", "coop_project", "credit_grant", "audit",
	};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='%s'",
			 tables[i]);
		if (tu_h_int(h, sql) != 1)
			fail_msg("table %s missing", tables[i]);
	}
	/* Foreign keys are enforced on this handle. */
	assert_int_equal(sqlite3_exec(h,
				      "INSERT INTO grid(id,code,name,level,parent_id,office,created_at,updated_at) "
				      "VALUES ('a','SC-X','某镇','township','nope','SC','t','t')",
				      NULL, NULL, NULL) & 0xff,
			 SQLITE_CONSTRAINT);
	db_close(db);
	/* WAL persists in the file: a plain connection sees it. */
	sqlite3 *r = raw_open(path);
	assert_string_equal(tu_h_text(r, "PRAGMA journal_mode", buf, sizeof buf), "wal");
	sqlite3_close(r);
}

static void natural_keys_unique(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "keys"), 1, &e);
	assert_non_null(db);
	static const char *const keys[][2] = {
		{"grid", "code"},      {"org", "credit_code"}, {"instructor", "phone"},
		{"ticket", "number"},  {"worker", "phone"},    {"station", "name"},
		{"department", "name"},
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char sql[400];
		snprintf(sql, sizeof sql,
			 "SELECT count(*) FROM pragma_index_list('%s') il "
			 "WHERE il.\"unique\" = 1 AND (SELECT group_concat(name) FROM pragma_index_info(il.name)) = '%s'",
			 keys[i][0], keys[i][1]);
		if (tu_h_int(db_handle(db), sql) < 1)
			fail_msg("%s.%s is not UNIQUE", keys[i][0], keys[i][1]);
	}
	db_close(db);
}

static void primary_keys_declared(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "pk"), 1, &e);
	assert_non_null(db);
	sqlite3 *h = db_handle(db);
	/* Checked here independently: every ordinary table (not an FTS index's
	 * virtual or shadow tables) has pk columns, all NOT NULL. */
	assert_true(tu_h_int(h, "SELECT count(*) FROM pragma_table_list WHERE schema='main' AND type='table' "
				"AND name NOT LIKE 'sqlite_%'") >= 21);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM pragma_table_list m WHERE m.schema='main' "
				     "AND m.type='table' AND m.name NOT LIKE 'sqlite_%' AND NOT EXISTS "
				     "(SELECT 1 FROM pragma_table_info(m.name) p WHERE p.pk > 0)"),
			 0);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM pragma_table_list m, pragma_table_info(m.name) p "
				     "WHERE m.schema='main' AND m.type='table' AND m.name NOT LIKE 'sqlite_%' "
				     "AND p.pk > 0 AND p.\"notnull\" = 0"),
			 0);
	struct lines l = {0};
	assert_int_equal(db_check_primary_keys(db, collect, &l, &e), 0);
	assert_int_equal(l.n, 0);
	/* And the check finds what the session extension would skip. */
	tu_h_exec(h, "CREATE TABLE no_key (x TEXT)");
	tu_h_exec(h, "CREATE TABLE null_key (id TEXT PRIMARY KEY, v TEXT)");
	tu_h_exec(h, "CREATE TABLE good_key (id TEXT PRIMARY KEY NOT NULL)");
	tu_h_exec(h, "CREATE TABLE pair_key (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID");
	tu_h_exec(h, "CREATE TABLE half_key (a TEXT NOT NULL, b TEXT, PRIMARY KEY (a, b))");
	tu_h_exec(h, "CREATE VIRTUAL TABLE words USING fts5(t)");   /* derived: not checked */
	memset(&l, 0, sizeof l);
	assert_int_equal(db_check_primary_keys(db, collect, &l, &e), 3);
	assert_int_equal(l.n, 3);
	assert_true(lines_have(&l, "no_key"));
	assert_true(lines_have(&l, "null_key"));
	assert_true(lines_have(&l, "half_key"));
	assert_false(lines_have(&l, "good_key"));
	assert_false(lines_have(&l, "pair_key"));
	db_close(db);
}

static void migrations_listed(void **state)
{
	(void)state;
	assert_null(schema_migration(0));
	assert_null(schema_migration(schema_count() + 1));
	for (int v = 1; v <= schema_count(); v++) {
		assert_non_null(schema_migration(v));
		assert_true(sqlite3_complete(schema_migration(v)));
	}
}

/* A file written by the previous schema version, with a record in it, is
 * brought up to date and keeps its record. */
static void older_file_upgraded(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	int from = schema_count() - 1;
	sqlite3 *h = raw_open(tu_fresh_path(path, sizeof path, "older"));
	tu_h_exec(h, "BEGIN");
	for (int v = 1; v <= from; v++)
		tu_h_exec(h, schema_migration(v));
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", from);
	tu_h_exec(h, sql);
	tu_h_exec(h, "COMMIT");
	if (from >= 1)
		tu_h_exec(h, "INSERT INTO grid(id,code,name,level,office,created_at,updated_at) "
			     "VALUES ('00000000000000000000000000000001','SC','舒城县','county','SC','t','t')");
	sqlite3_close(h);
	struct db *db = db_open(path, 0, &e);
	if (!db)
		fail_msg("upgrade from %d: %s", from, e.msg);
	assert_int_equal(tu_h_int(db_handle(db), "PRAGMA user_version"), schema_count());
	if (from >= 1) {
		char name[64];
		assert_string_equal(tu_h_text(db_handle(db), "SELECT name FROM grid WHERE code='SC'", name, sizeof name),
				    "舒城县");
	}
	struct lines l = {0};
	assert_int_equal(db_check(db, collect, &l, &e), 0);
	assert_int_equal(db_check_primary_keys(db, collect, &l, &e), 0);
	db_close(db);
}

static void newer_file_refused(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "newer"), 1, &e);
	assert_non_null(db);
	db_close(db);
	sqlite3 *h = raw_open(path);
	char sql[64];
	int future = db_schema_version() + 5;
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", future);
	tu_h_exec(h, sql);
	sqlite3_close(h);
	assert_null(db_open(path, 0, &e));
	assert_int_equal(e.code, GW_EVERSION);
	tu_msg_has(&e, path);
	tu_msg_has(&e, "更新版本");
	snprintf(sql, sizeof sql, "%d", future);
	tu_msg_has(&e, sql);
	/* Through the context as well, and in English. */
	struct config cfg;
	config_defaults(&cfg);
	gw_set_lang(GW_LANG_EN);
	struct gw *gw = gw_open(&cfg, path, 0, NULL, &e);
	gw_set_lang(GW_LANG_ZH);
	assert_null(gw);
	assert_int_equal(e.code, GW_EVERSION);
	tu_msg_has(&e, "newer gridwork");
	/* The file was not touched. */
	h = raw_open(path);
	assert_int_equal(tu_h_int(h, "PRAGMA user_version"), future);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM meta"), 0);
	sqlite3_close(h);
}

static void failed_migration_changes_nothing(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	/* A version-0 file holding a table the first migration also creates:
	 * the upgrade must fail as a whole. */
	sqlite3 *h = raw_open(tu_fresh_path(path, sizeof path, "clash"));
	tu_h_exec(h, "CREATE TABLE audit (x TEXT)");
	sqlite3_close(h);
	assert_null(db_open(path, 0, &e));
	assert_true(e.code == GW_EDB || e.code == GW_EEXIST);
	assert_true(e.msg[0] != '\0');
	h = raw_open(path);
	assert_int_equal(tu_h_int(h, "PRAGMA user_version"), 0);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM sqlite_schema WHERE name IN ('meta','grid','org')"), 0);
	/* Once the clash is gone the same file upgrades in one go. */
	tu_h_exec(h, "DROP TABLE audit");
	sqlite3_close(h);
	struct db *db = db_open(path, 0, &e);
	if (!db)
		fail_msg("%s", e.msg);
	assert_int_equal(tu_h_int(db_handle(db), "PRAGMA user_version"), db_schema_version());
	assert_int_equal(tu_h_int(db_handle(db), "SELECT count(*) FROM sqlite_schema WHERE name = 'grid'"), 1);
	db_close(db);
}

static void open_missing_and_foreign_files(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	assert_null(db_open(tu_fresh_path(path, sizeof path, "missing"), 0, &e));
	assert_int_equal(e.code, GW_ENOTFOUND);
	tu_msg_has(&e, path);
	assert_int_equal(access(path, F_OK), -1);   /* not created */

	tu_fresh_path(path, sizeof path, "text");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("编码,名称,层级\nSC,舒城县,县\n", f);
	fclose(f);
	assert_null(db_open(path, 0, &e));
	assert_int_equal(e.code, GW_EDB);
	tu_msg_has(&e, "不是 gridwork 数据库");
}

/* ---- transactions ---------------------------------------------------- */

static void begin_is_immediate(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "imm"), 1, &e);
	assert_non_null(db);
	sqlite3 *other = raw_open(path);
	sqlite3_busy_timeout(other, 0);
	assert_int_equal(db_begin(db, &e), GW_OK);
	assert_true(db_in_tx(db));
	/* The write lock is held from the start, before any statement: another
	 * writer is refused at once (a deferred BEGIN would let it in). */
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_BUSY);
	/* Readers are not blocked (WAL). */
	assert_int_equal(tu_h_int(other, "SELECT count(*) FROM grid"), 0);
	assert_int_equal(db_commit(db, &e), GW_OK);
	assert_false(db_in_tx(db));
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE; COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	db_close(db);
}

/* SQLite ends a transaction by itself on out-of-memory and I/O errors
 * (here: a ROLLBACK behind the module's back).  A write after that would
 * commit on its own; db_step_done refuses it, and the rollback leaves
 * nothing. */
static void write_after_sqlite_ended_tx_refused(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "ended"), 1, &e);
	assert_non_null(db);
	assert_int_equal(db_begin(db, &e), GW_OK);
	assert_int_equal(sqlite3_exec(db_handle(db), "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db_handle(db), "INSERT INTO meta(key, value) VALUES ('lost', 'x')",
					    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(db_step_done(db, st, &e), GW_EDB);
	assert_non_null(strstr(e.msg, "事务已被数据库中止"));
	sqlite3_finalize(st);
	db_rollback(db);
	assert_false(db_in_tx(db));
	assert_int_equal(tu_h_int(db_handle(db), "SELECT count(*) FROM meta WHERE key = 'lost'"), 0);
	db_close(db);
}

static void begin_waits_for_busy_timeout(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "wait"), 1, &e);
	assert_non_null(db);
	int held[2], go[2];
	assert_int_equal(pipe(held), 0);
	assert_int_equal(pipe(go), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Another process takes the write lock, lets the parent start its
		 * transaction, and only then commits. */
		sqlite3 *h;
		char c;
		if (sqlite3_open(path, &h) != SQLITE_OK ||
		    sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(held[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(1);
		usleep(300 * 1000);
		if (sqlite3_exec(h, "INSERT INTO meta VALUES ('by', 'child'); COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		sqlite3_close(h);
		_exit(0);
	}
	char c;
	assert_int_equal(read(held[0], &c, 1), 1);
	/* Locked: without the busy timeout db_begin would fail at once. */
	assert_int_equal(write(go[1], "x", 1), 1);
	enum gw_status st = db_begin(db, &e);
	int status;
	waitpid(pid, &status, 0);
	if (st != GW_OK)
		fail_msg("db_begin did not wait for the other writer: %s", e.msg);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Inside our transaction we see what the other process committed. */
	assert_int_equal(tu_h_int(db_handle(db), "SELECT count(*) FROM meta WHERE key = 'by'"), 1);
	assert_int_equal(db_commit(db, &e), GW_OK);
	close(held[0]);
	close(held[1]);
	close(go[0]);
	close(go[1]);
	db_close(db);
}

static void nesting_and_savepoints(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "nest"), 1, &e);
	assert_non_null(db);
	sqlite3 *h = db_handle(db);
	assert_int_equal(db_begin(db, &e), GW_OK);
	assert_int_equal(db_begin(db, &e), GW_OK);
	tu_h_exec(h, "INSERT INTO meta VALUES ('a', '甲')");
	assert_int_equal(db_commit(db, &e), GW_OK);
	assert_true(db_in_tx(db));                 /* inner commit only counts */
	assert_int_equal(db_savepoint(db, &e), GW_OK);
	tu_h_exec(h, "INSERT INTO meta VALUES ('b', '乙')");
	db_rollback_savepoint(db);                 /* undoes b only */
	assert_true(db_in_tx(db));
	assert_int_equal(db_savepoint(db, &e), GW_OK);
	tu_h_exec(h, "INSERT INTO meta VALUES ('c', '丙')");
	assert_int_equal(db_release(db, &e), GW_OK);
	assert_int_equal(db_commit(db, &e), GW_OK);
	assert_false(db_in_tx(db));
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM meta WHERE key IN ('a','c')"), 2);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM meta WHERE key = 'b'"), 0);
	/* Rollback from any depth undoes the whole transaction. */
	assert_int_equal(db_begin(db, &e), GW_OK);
	assert_int_equal(db_begin(db, &e), GW_OK);
	tu_h_exec(h, "INSERT INTO meta VALUES ('d', '丁')");
	db_rollback(db);
	assert_false(db_in_tx(db));
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM meta WHERE key = 'd'"), 0);
	db_rollback(db);                           /* harmless with none open */
	assert_int_equal(db_commit(db, &e), GW_OK);
	db_close(db);
}

static void errors_and_columns(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "err"), 1, &e);
	assert_non_null(db);
	sqlite3 *h = db_handle(db);
	tu_h_exec(h, "INSERT INTO meta VALUES ('office', 'SC')");
	assert_int_equal(sqlite3_exec(h, "INSERT INTO meta VALUES ('office', 'HB')", NULL, NULL, NULL) & 0xff,
			 SQLITE_CONSTRAINT);
	assert_int_equal(db_fail(db, &e, "写入"), GW_EEXIST);
	tu_msg_has(&e, "写入");
	tu_msg_has(&e, "已存在");
	assert_int_equal(sqlite3_exec(h, "SELECT * FROM no_such_table", NULL, NULL, NULL), SQLITE_ERROR);
	assert_int_equal(db_fail(db, &e, "查询"), GW_EDB);
	tu_msg_has(&e, "no_such_table");
	/* Text copied out is cut on a character boundary, never inside one. */
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT '舒城县', NULL", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char out[8] = "xxxxxxx", big[32];
	db_col_text(st, 0, out, sizeof out);
	assert_string_equal(out, "舒城");
	db_col_text(st, 0, big, sizeof big);
	assert_string_equal(big, "舒城县");
	db_col_text(st, 1, big, sizeof big);
	assert_string_equal(big, "");
	sqlite3_finalize(st);
	db_close(db);
}

static void integrity_and_foreign_key_check(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct db *db = db_open(tu_fresh_path(path, sizeof path, "fk"), 1, &e);
	assert_non_null(db);
	struct lines l = {0};
	assert_int_equal(db_check(db, collect, &l, &e), 0);
	sqlite3 *h = raw_open(path);   /* foreign keys off on this one */
	tu_h_exec(h, "INSERT INTO grid(id,code,name,level,parent_id,office,created_at,updated_at) "
		     "VALUES ('g1','SC-X','某镇','township','missing','SC','t','t')");
	sqlite3_close(h);
	assert_int_equal(db_check(db, collect, &l, &e), 1);
	assert_true(lines_have(&l, "foreign key"));
	assert_true(lines_have(&l, "grid"));
	db_close(db);
}

/* ---- the context ----------------------------------------------------- */

static void office_claimed_once(void **state)
{
	(void)state;
	char path[512], buf[64];
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	struct gw *gw = gw_open(&cfg, tu_fresh_path(path, sizeof path, "office"), 1, "HB", &e);
	if (!gw)
		fail_msg("%s", e.msg);
	assert_string_equal(gw->office, "HB");
	assert_int_equal(gw_meta_get(gw, "office", buf, sizeof buf, &e), GW_OK);
	assert_string_equal(buf, "HB");
	assert_int_equal(gw_meta_get(gw, "created_at", buf, sizeof buf, &e), GW_OK);
	assert_string_equal(buf, "2026-03-02 09:30:00");
	assert_int_equal(gw_meta_get(gw, "no such key", buf, sizeof buf, &e), GW_OK);
	assert_string_equal(buf, "");
	gw_close(gw);
	/* Opening again with another office keeps the first. */
	gw = gw_open(&cfg, path, 0, "QL", &e);
	assert_non_null(gw);
	assert_string_equal(gw->office, "HB");
	sqlite3 *h = db_handle(gw->db);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM office"), 1);
	assert_string_equal(tu_h_text(h, "SELECT code FROM office", buf, sizeof buf), "HB");
	assert_string_equal(tu_h_text(h, "SELECT value FROM meta WHERE key='office'", buf, sizeof buf), "HB");
	/* Records made here carry the office. */
	put_grid(gw, "SC", "舒城县", "县", "", "");
	assert_string_equal(tu_h_text(h, "SELECT office FROM grid WHERE code='SC'", buf, sizeof buf), "HB");
	gw_close(gw);
	/* Without an office given, the configuration's, with its name. */
	gw = gw_open(&cfg, tu_fresh_path(path, sizeof path, "office"), 1, NULL, &e);
	assert_non_null(gw);
	assert_string_equal(gw->office, "SC");
	char name[128];
	assert_string_equal(tu_h_text(db_handle(gw->db), "SELECT name FROM office WHERE code='SC'", name, sizeof name),
			    "舒城县委社会工作部");
	gw_close(gw);
}

static void open_in_missing_directory(void **state)
{
	(void)state;
	char path[512];
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	snprintf(path, sizeof path, "%s/没有/目录/x.db", tu_dir);
	assert_null(gw_open(&cfg, path, 1, NULL, &e));
	assert_int_equal(e.code, GW_EIO);
	tu_msg_has(&e, "不存在");
	assert_false(gw_db_exists(path));
}

static void departments_synced(void **state)
{
	(void)state;
	char path[512], buf[128];
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	struct gw *gw = gw_open(&cfg, tu_fresh_path(path, sizeof path, "dept"), 1, NULL, &e);
	assert_non_null(gw);
	sqlite3 *h = db_handle(gw->db);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM department WHERE deleted = 0"), 16);
	assert_int_equal(tu_h_int(h, "SELECT sum(new_employment) FROM department"), 8);
	assert_int_equal(tu_h_int(h, "SELECT new_employment FROM department WHERE name='县交通运输局'"), 1);
	assert_int_equal(tu_h_int(h, "SELECT new_employment FROM department WHERE name='县财政局'"), 0);
	assert_int_equal(tu_h_int(h, "SELECT count(DISTINCT id) FROM department"), 16);
	gw_close(gw);

	/* The configuration changes: one added, one flipped, one removed. */
	struct config c2 = cfg;
	int fin = config_dept_index(&c2, "县财政局");
	c2.depts[fin] = c2.depts[--c2.ndepts];
	snprintf(c2.depts[c2.ndepts].name, sizeof c2.depts[0].name, "%s", "杭埠镇人民政府");
	c2.depts[c2.ndepts++].new_employment = 1;
	c2.depts[config_dept_index(&c2, "县委人才办")].new_employment = 1;
	gw = gw_open(&c2, path, 0, NULL, &e);
	assert_non_null(gw);
	h = db_handle(gw->db);
	assert_int_equal(tu_h_int(h, "SELECT new_employment FROM department WHERE name='杭埠镇人民政府' AND deleted=0"), 1);
	assert_int_equal(tu_h_int(h, "SELECT new_employment FROM department WHERE name='县委人才办'"), 1);
	/* A department no longer configured stays (tickets name it) but is
	 * marked deleted, so it cannot be chosen and `check` can flag it. */
	assert_int_equal(tu_h_int(h, "SELECT deleted FROM department WHERE name='县财政局'"), 1);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM department WHERE deleted = 0"), 16);
	assert_string_equal(tu_h_text(h, "SELECT office FROM department WHERE name='杭埠镇人民政府'", buf, sizeof buf),
			    "SC");
	gw_close(gw);

	/* Back to the defaults: it returns with the same id. */
	gw = gw_open(&cfg, path, 0, NULL, &e);
	assert_non_null(gw);
	h = db_handle(gw->db);
	assert_int_equal(tu_h_int(h, "SELECT deleted FROM department WHERE name='县财政局'"), 0);
	assert_int_equal(tu_h_int(h, "SELECT deleted FROM department WHERE name='杭埠镇人民政府'"), 1);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM department WHERE deleted = 0"), 16);
	assert_int_equal(tu_h_int(h, "SELECT sum(new_employment) FROM department WHERE deleted = 0"), 8);
	gw_close(gw);
}

static void audit_records(void **state)
{
	(void)state;
	char path[512], buf[256];
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	snprintf(cfg.operator_name, sizeof cfg.operator_name, "%s", "李娜");
	struct gw *gw = gw_open(&cfg, tu_fresh_path(path, sizeof path, "audit"), 1, "HB", &e);
	assert_non_null(gw);
	sqlite3 *h = db_handle(gw->db);
	long long before = tu_h_int(h, "SELECT count(*) FROM audit");
	assert_int_equal(audit_record(gw, "grid", "abc", "update", "{\"name\":\"旧名\"}", "{\"name\":\"新名\"}", &e),
			 GW_OK);
	assert_int_equal(audit_record(gw, "grid", "def", "insert", NULL, "{\"name\":\"城关镇\"}", &e), GW_OK);
	assert_int_equal(tu_h_int(h, "SELECT count(*) FROM audit"), before + 2);
	assert_string_equal(tu_h_text(h, "SELECT operator || '|' || office || '|' || at || '|' || tbl || '|' || "
					 "action || '|' || old || '|' || new FROM audit WHERE record_id='abc'",
				      buf, sizeof buf),
			    "李娜|HB|2026-03-02 09:30:00|grid|update|{\"name\":\"旧名\"}|{\"name\":\"新名\"}");
	assert_int_equal(tu_h_int(h, "SELECT old IS NULL FROM audit WHERE record_id='def'"), 1);
	assert_int_equal(tu_h_int(h, "SELECT length(id) FROM audit WHERE record_id='def'"), 32);
	gw_close(gw);

	/* No operator configured: the OS user. */
	config_defaults(&cfg);
	gw = gw_open(&cfg, tu_fresh_path(path, sizeof path, "audit"), 1, NULL, &e);
	assert_non_null(gw);
	const struct passwd *pw = getpwuid(geteuid());
	assert_non_null(pw);
	assert_string_equal(gw->operator_name, pw->pw_name);
	assert_int_equal(audit_record(gw, "org", "x1", "delete", "{}", NULL, &e), GW_OK);
	assert_string_equal(tu_h_text(db_handle(gw->db), "SELECT operator FROM audit WHERE record_id='x1'", buf, sizeof buf),
			    pw->pw_name);
	gw_close(gw);
}

/* ---- gridwork check -------------------------------------------------- */

static void check_good_and_broken(void **state)
{
	(void)state;
	char path[512];
	struct gw_err e;
	struct gw *gw = open_gw(tu_fresh_path(path, sizeof path, "check"), NULL);
	struct lines l = {0};
	assert_int_equal(check_all(gw, collect, &l, &e), 0);
	put_grid(gw, "SC", "舒城县", "县", "", "");
	put_grid(gw, "SC-CG", "城关镇", "乡镇", "SC", "");
	put_grid(gw, "SC-KFQ", "舒城经济开发区", "园区", "SC", "");
	put_grid(gw, "SC-CG-G01", "城关镇区域网格", "网格", "SC-CG", "地域");
	put_grid(gw, "SC-KFQ-G01", "电子信息产业链网格", "网格", "SC-KFQ", "产业链");
	assert_int_equal(check_all(gw, collect, &l, &e), 0);
	assert_int_equal(l.n, 0);
	gw_close(gw);

	/* Broken behind the program's back, one rule at a time. */
	static const struct {
		const char *sql, *frag;
		int total;      /* problems found after this and every earlier break */
	} breaks[] = {
		{"UPDATE grid SET basis = NULL WHERE code = 'SC-CG-G01'", "SC-CG-G01", 1},
		{"UPDATE grid SET parent_id = (SELECT id FROM grid WHERE code='SC-KFQ') WHERE code = 'SC-CG'",
		 "township under park", 2},
		{"INSERT INTO grid(id,code,name,level,office,created_at,updated_at) "
		 "VALUES ('c2','LA','庐江县','county','SC','t','t')", "LA", 3},
		/* Both of the park's children now hang under a deleted node. */
		{"UPDATE grid SET deleted = 1 WHERE code = 'SC-KFQ'", "SC-KFQ-G01: parent SC-KFQ is deleted", 5},
		{"INSERT INTO org(id,credit_code,name,kind,grid_id,party_org,office,created_at,updated_at) "
		 "VALUES ('o1','91110108551385082Q','安徽某食品有限公司','enterprise',"
		 "(SELECT id FROM grid WHERE code='SC-CG-G01'),'standalone','SC','t','t')",
		 "91110108551385082Q", 6},
		{"INSERT INTO org(id,credit_code,name,kind,grid_id,party_org,office,created_at,updated_at) "
		 "VALUES ('o2','91350100M000100Y43','某商会','association','nowhere','none','SC','t','t')",
		 "foreign key", 7},
		{"CREATE TABLE scratch (x TEXT)", "scratch", 8},
	};
	for (size_t i = 0; i < sizeof breaks / sizeof breaks[0]; i++) {
		sqlite3 *h = raw_open(path);
		tu_h_exec(h, breaks[i].sql);
		sqlite3_close(h);
		gw = open_gw(path, NULL);
		memset(&l, 0, sizeof l);
		int n = check_all(gw, collect, &l, &e);
		gw_close(gw);
		if (n != breaks[i].total) {
			for (int k = 0; k < l.n && k < 32; k++)
				print_message("  %s\n", l.text[k]);
			fail_msg("after \"%s\": %d problems, expected %d", breaks[i].sql, n, breaks[i].total);
		}
		if (!lines_have(&l, breaks[i].frag))
			fail_msg("after \"%s\": no line mentions %s", breaks[i].sql, breaks[i].frag);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fresh_database),
		cmocka_unit_test(natural_keys_unique),
		cmocka_unit_test(primary_keys_declared),
		cmocka_unit_test(migrations_listed),
		cmocka_unit_test(older_file_upgraded),
		cmocka_unit_test(newer_file_refused),
		cmocka_unit_test(failed_migration_changes_nothing),
		cmocka_unit_test(open_missing_and_foreign_files),
		cmocka_unit_test(begin_is_immediate),
		cmocka_unit_test(begin_waits_for_busy_timeout),
		cmocka_unit_test(nesting_and_savepoints),
		cmocka_unit_test(errors_and_columns),
		cmocka_unit_test(integrity_and_foreign_key_check),
		cmocka_unit_test(write_after_sqlite_ended_tx_refused),
		cmocka_unit_test(office_claimed_once),
		cmocka_unit_test(open_in_missing_directory),
		cmocka_unit_test(departments_synced),
		cmocka_unit_test(audit_records),
		cmocka_unit_test(check_good_and_broken),
	};
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return tu_run("db", tests);
}
