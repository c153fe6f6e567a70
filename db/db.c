/* db.c - opening the database, migrations, cached statements, transactions. */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsguard.h"
#include "schema.h"

struct db {
	sqlite3 *h;
	int tx_depth;
	sqlite3_stmt *stmts[Q_COUNT];
	sqlite3_stmt *rollback;  /* prepared at open: a rollback needs no memory */
	struct {
		enum gw_status (*fn)(void *ctx, struct gw_err *err);
		void *ctx;
	} hooks[DB_MAX_HOOKS];
	int nhooks;
	struct {
		enum gw_status (*fn)(void *ctx, struct gw_err *err);
		void *ctx;
	} rb_hooks[DB_MAX_HOOKS];
	int nrb_hooks;
	unsigned rb_pending;  /* hooks that failed after a rollback: db_begin retries */
};

int db_add_rollback(struct db *db, enum gw_status (*fn)(void *ctx, struct gw_err *err),
		    void *ctx)
{
	if (db->nrb_hooks == DB_MAX_HOOKS)
		return -1;
	db->rb_hooks[db->nrb_hooks].fn = fn;
	db->rb_hooks[db->nrb_hooks++].ctx = ctx;
	return 0;
}

/* A text bind that failed for lack of memory leaves the parameter NULL: an
 * UPDATE ... WHERE id = NULL would then change nothing and report success.
 * The failure is remembered here (the program is single-threaded) and the
 * next db_step_done refuses to run. */
static int bind_failed;

int db_add_precommit(struct db *db, enum gw_status (*fn)(void *ctx, struct gw_err *err),
		     void *ctx)
{
	if (db->nhooks == DB_MAX_HOOKS)
		return -1;
	db->hooks[db->nhooks].fn = fn;
	db->hooks[db->nhooks++].ctx = ctx;
	return 0;
}

static const char *const query_sql[Q_COUNT + 1] = {
#define DB_X_SQL(name, sql) sql,
	DB_QUERY_LIST(DB_X_SQL)
#undef DB_X_SQL
	NULL
};

/* Clerks' offices run several gridwork processes on one file; five seconds
 * covers any single write transaction we make (imports included, since
 * they are one transaction that holds the lock until done). */
#define BUSY_TIMEOUT_MS 5000

int db_schema_version(void) { return schema_count(); }

sqlite3 *db_handle(struct db *db) { return db->h; }

enum gw_status db_fail(struct db *db, struct gw_err *err, const char *what)
{
	int rc = sqlite3_extended_errcode(db->h);
	const char *msg = sqlite3_errmsg(db->h);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return gw_fail(err, GW_EBUSY,
			       "%s：数据库正被其他程序使用，请稍后再试",
			       "%s: the database is in use by another program; try again", what);
	if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
		return gw_fail(err, GW_EEXIST, "%s：记录已存在（%s）",
			       "%s: record already exists (%s)", what, msg);
	if ((rc & 0xff) == SQLITE_NOMEM)
		return gw_fail(err, GW_ENOMEM, "%s：内存不足", "%s: out of memory", what);
	return gw_fail(err, GW_EDB, "%s：数据库错误：%s", "%s: database error: %s", what, msg);
}

static enum gw_status exec(struct db *db, const char *sql, struct gw_err *err, const char *what)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, what);
	return GW_OK;
}

static int user_version(struct db *db)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Upgrades an older file in one transaction: either every pending migration
 * applies and user_version moves, or nothing changes. */
static enum gw_status migrate(struct db *db, const char *path, struct gw_err *err)
{
	int have = user_version(db);
	int want = schema_count();
	if (have < 0)
		return db_fail(db, err, path);
	if (have > want)
		return gw_fail(err, GW_EVERSION,
			       "%s 由更新版本的 gridwork 创建（数据库版本 %d，本程序支持到 %d），请升级程序",
			       "%s was written by a newer gridwork (schema %d, this program knows up to %d); upgrade the program",
			       path, have, want);
	if (have == want)
		return GW_OK;
	enum gw_status st = db_begin(db, err);
	if (st != GW_OK)
		return st;
	/* Re-read inside the write lock: another process may have migrated. */
	have = user_version(db);
	for (int v = have + 1; v <= want && st == GW_OK; v++) {
		st = exec(db, schema_migration(v), err, "migration");
		if (st == GW_OK) {
			char sql[64];
			snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
			st = exec(db, sql, err, "migration");
		}
	}
	if (st != GW_OK) {
		db_rollback(db);
		return st;
	}
	return db_commit(db, err);
}

struct db *db_open(const char *path, int create, struct gw_err *err)
{
	if (fsguard_check(path, err) != GW_OK)  /* network filesystems, files others can write */
		return NULL;
	struct db *db = calloc(1, sizeof *db);
	if (!db) {
		gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		return NULL;
	}
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	/* SQLite counts every allocation under a global mutex unless told not
	 * to; nothing here reads the counts, and a million-row import makes tens
	 * of millions of allocations (about a tenth of its time).  Only possible
	 * before SQLite initialises: later calls fail harmlessly. */
	static int memstatus_off;
	if (!memstatus_off) {
		memstatus_off = 1;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		if (!create && (rc == SQLITE_CANTOPEN))
			gw_fail(err, GW_ENOTFOUND,
				"无法打开数据库 %s：文件不存在或无权访问（可用 gridwork init 或 gridwork demo 创建）",
				"cannot open database %s: missing or not accessible (create one with gridwork init or gridwork demo)",
				path);
		else
			gw_fail(err, GW_EDB, "无法打开数据库 %s：%s", "cannot open database %s: %s",
				path, db->h ? sqlite3_errmsg(db->h) : "out of memory");
		db_close(db);
		return NULL;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	/* A file that is not a database fails on its first read: say so plainly. */
	enum gw_status st = exec(db, "PRAGMA journal_mode = WAL", err, path);
	if (st == GW_OK)
		/* temp_store: statement journals (triggers, constraints in a long
		 * import transaction) stay in memory instead of /var/tmp files;
		 * a 64 MiB page cache keeps a million-row import's indexes hot. */
		st = exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
			  "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;", err, path);
	if (st == GW_OK)
		st = migrate(db, path, err);
	if (st != GW_OK) {
		if (sqlite3_errcode(db->h) == SQLITE_NOTADB)
			gw_fail(err, GW_EDB, "%s 不是 gridwork 数据库文件", "%s is not a gridwork database file", path);
		db_close(db);
		return NULL;
	}
	/* After the migrations, which would expire it. */
	sqlite3_prepare_v3(db->h, "ROLLBACK", -1, SQLITE_PREPARE_PERSISTENT, &db->rollback, NULL);
	return db;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(db->stmts[i]);
	sqlite3_finalize(db->rollback);
	sqlite3_close_v2(db->h);
	free(db);
}

sqlite3_stmt *db_stmt(struct db *db, enum db_query q, struct gw_err *err)
{
	sqlite3_stmt *st = db->stmts[q];
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (sqlite3_prepare_v3(db->h, query_sql[q], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_fail(db, err, "prepare");
		return NULL;
	}
	db->stmts[q] = st;
	return st;
}

/* Ends SQLite's transaction, if one is open, with the statement prepared at
 * open (preparing one now could fail for lack of memory and leave the
 * transaction, and the write lock every other clerk waits for, behind).
 * The rollback hooks run whenever a transaction of ours ended unfinished
 * (ours: the caller had begun one), also when SQLite has already rolled it
 * back by itself - which it does on SQLITE_NOMEM, SQLITE_IOERR and
 * SQLITE_FULL in a statement.  That case is exactly the one that needs the
 * hooks most: the sync session failed recording the statement and stays
 * failed until replaced. */
static void rollback_now(struct db *db, int ours)
{
	if (!sqlite3_get_autocommit(db->h)) {
		if (!db->rollback || sqlite3_step(db->rollback) != SQLITE_DONE)
			sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		if (db->rollback)
			sqlite3_reset(db->rollback);
		ours = 1;
	}
	if (!ours)
		return;
	/* A rollback often follows running out of memory, and a hook may need
	 * memory too: one that fails is tried again before the next transaction. */
	for (int i = 0; i < db->nrb_hooks; i++) {
		if (db->rb_hooks[i].fn(db->rb_hooks[i].ctx, NULL) == GW_OK)
			db->rb_pending &= ~(1u << i);
		else
			db->rb_pending |= 1u << i;
	}
}

/* The rollback hooks that failed, again; the first that still fails is the
 * caller's failure (a transaction begun now would not be recorded right). */
static enum gw_status rollback_hooks_pending(struct db *db, struct gw_err *err)
{
	for (int i = 0; db->rb_pending && i < db->nrb_hooks; i++) {
		if (!(db->rb_pending & (1u << i)))
			continue;
		enum gw_status st = db->rb_hooks[i].fn(db->rb_hooks[i].ctx, err);
		if (st != GW_OK)
			return st;
		db->rb_pending &= ~(1u << i);
	}
	return GW_OK;
}

enum gw_status db_begin(struct db *db, struct gw_err *err)
{
	if (db->tx_depth++ > 0)
		return GW_OK;
	/* Should a rollback ever have failed, no write would work again. */
	rollback_now(db, 0);
	enum gw_status st = rollback_hooks_pending(db, err);
	if (st != GW_OK) {
		db->tx_depth = 0;
		return st;
	}
	bind_failed = 0;  /* from a look-up before this transaction */
	if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		db->tx_depth = 0;
		return db_fail(db, err, gw_tr("开始事务", "begin transaction"));
	}
	return GW_OK;
}

enum gw_status db_commit(struct db *db, struct gw_err *err)
{
	if (db->tx_depth == 0 || db->tx_depth > 1) {
		if (db->tx_depth)
			db->tx_depth--;
		return GW_OK;
	}
	/* SQLite ends the transaction itself on out-of-memory and I/O errors;
	 * a caller that went on regardless must not have the commit hooks write
	 * (each statement would commit on its own) nor hear "done". */
	if (sqlite3_get_autocommit(db->h)) {
		db_rollback(db);
		return gw_fail(err, GW_EDB, "提交事务：事务已因先前的错误中止，未做任何修改",
			       "commit: the transaction was ended by an earlier error; nothing was changed");
	}
	for (int i = 0; i < db->nhooks; i++) {
		enum gw_status st = db->hooks[i].fn(db->hooks[i].ctx, err);
		if (st != GW_OK) {
			db_rollback(db);
			return st;
		}
	}
	db->tx_depth = 0;
	if (sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		enum gw_status st = db_fail(db, err, gw_tr("提交事务", "commit"));
		rollback_now(db, 1);
		return st;
	}
	return GW_OK;
}

void db_rollback(struct db *db)
{
	if (db->tx_depth == 0)
		return;
	db->tx_depth = 0;
	rollback_now(db, 1);
}

enum gw_status db_foreign_keys(struct db *db, int on, struct gw_err *err)
{
	if (db->tx_depth)
		return gw_fail(err, GW_EDB, "事务中不能切换外键检查", "foreign keys cannot be switched inside a transaction");
	return exec(db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", err, "foreign keys");
}

int db_in_tx(const struct db *db) { return db->tx_depth > 0; }

enum gw_status db_savepoint(struct db *db, struct gw_err *err)
{
	return exec(db, "SAVEPOINT row", err, "savepoint");
}

enum gw_status db_release(struct db *db, struct gw_err *err)
{
	return exec(db, "RELEASE row", err, "savepoint");
}

void db_rollback_savepoint(struct db *db)
{
	sqlite3_exec(db->h, "ROLLBACK TO row; RELEASE row", NULL, NULL, NULL);
}

enum gw_status db_step_done(struct db *db, sqlite3_stmt *st, struct gw_err *err)
{
	if (bind_failed) {
		bind_failed = 0;
		sqlite3_reset(st);
		return gw_fail(err, GW_ENOMEM, "%s：内存不足", "%s: out of memory", gw_tr("写入", "write"));
	}
	/* SQLite ends a transaction by itself on out-of-memory and I/O errors;
	 * a write after that would commit on its own, outside the all-or-nothing
	 * the caller believes it is in.  Refused: the caller rolls back. */
	if (db->tx_depth > 0 && sqlite3_get_autocommit(db->h)) {
		sqlite3_reset(st);
		return gw_fail(err, GW_EDB, "%s：事务已被数据库中止，未做任何修改",
			       "%s: the database ended the transaction; nothing was changed", gw_tr("写入", "write"));
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		enum gw_status s = db_fail(db, err, gw_tr("写入", "write"));
		sqlite3_reset(st);
		return s;
	}
	sqlite3_reset(st);
	return GW_OK;
}

static int check_pragma(struct db *db, const char *sql, int skip_ok,
			void (*report)(void *, const char *), void *ctx, struct gw_err *err)
{
	sqlite3_stmt *st;
	int n = 0, rc;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, err, "check");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char line[512];
		if (skip_ok) {
			const char *t = (const char *)sqlite3_column_text(st, 0);
			if (t && strcmp(t, "ok") == 0)
				continue;
			snprintf(line, sizeof line, "integrity: %s", t ? t : "");
		} else {
			snprintf(line, sizeof line, "foreign key: %s row %lld refers to missing %s",
				 sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
				 sqlite3_column_text(st, 2));
		}
		if (report)
			report(ctx, line);
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, err, "check");
		return -1;
	}
	return n;
}

int db_check(struct db *db, void (*report)(void *ctx, const char *problem),
	     void *ctx, struct gw_err *err)
{
	int a = check_pragma(db, "PRAGMA integrity_check", 1, report, ctx, err);
	if (a < 0)
		return -1;
	int b = check_pragma(db, "PRAGMA foreign_key_check", 0, report, ctx, err);
	return b < 0 ? -1 : a + b;
}

int db_check_primary_keys(struct db *db, void (*report)(void *ctx, const char *table),
			  void *ctx, struct gw_err *err)
{
	/* pragma_table_info reports pk > 0 for key columns; WITHOUT ROWID and
	 * declared keys both show; the key must also be NOT NULL because the
	 * session extension ignores rows whose key is NULL.  Only ordinary
	 * tables count: pragma_table_list types an FTS index "virtual" and its
	 * own storage "shadow" - derived, local data that sync never carries. */
	static const char sql[] =
		"SELECT l.name FROM pragma_table_list l WHERE l.schema = 'main' AND l.type = 'table' "
		"AND l.name NOT LIKE 'sqlite_%' AND NOT EXISTS ("
		"  SELECT 1 FROM pragma_table_info(l.name) p WHERE p.pk > 0) "
		"UNION SELECT l.name FROM pragma_table_list l, pragma_table_info(l.name) p "
		"WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite_%' "
		"AND p.pk > 0 AND p.\"notnull\" = 0 "
		"ORDER BY 1";
	sqlite3_stmt *st;
	int n = 0, rc;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		db_fail(db, err, "check");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (report)
			report(ctx, (const char *)sqlite3_column_text(st, 0));
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, err, "check");
		return -1;
	}
	return n;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT) != SQLITE_OK)
		bind_failed = 1;
}

void db_bind_text_null(sqlite3_stmt *st, int i, const char *s)
{
	if (!s || !*s)
		sqlite3_bind_null(st, i);
	else if (sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		bind_failed = 1;
}

void db_col_text(sqlite3_stmt *st, int i, char *out, size_t outsz)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (!outsz)
		return;
	if (!t) {
		out[0] = '\0';
		return;
	}
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	if (n >= outsz) {
		n = outsz - 1;
		while (n > 0 && (t[n] & 0xC0) == 0x80)  /* never cut a character */
			n--;
	}
	memcpy(out, t, n);
	out[n] = '\0';
}
