/* db.h - the one SQLite database file: opening, migrations, the statement
 * catalogue and transactions.  Everything that speaks SQL lives in db/. */
#ifndef GW_DB_H
#define GW_DB_H

#include <sqlite3.h>
#include <stddef.h>

#include "status.h"
#include "queries.h"

struct db;

/* The schema version this program writes (PRAGMA user_version). */
int db_schema_version(void);

/* Opens path (creating it when create is set), sets WAL, foreign keys and a
 * busy timeout, and applies pending migrations in one transaction.  Refused
 * before SQLite opens anything (fsguard_check, db/fsguard.c; GW_EREFUSED
 * with why and what to do): a database on a network filesystem - NFS, SMB,
 * SMB2, CIFS, NCP, AFS, Coda, Ceph, 9P; for a new file, the directory it
 * would be made in - where SQLite's locks do not hold between PCs; and a
 * database file, or its -wal / -shm, that every user may write (o+w;
 * group-writable passes).  A file from a newer program is refused
 * (GW_EVERSION), a file that is not a database is named as such (GW_EDB).
 * Returns NULL on failure with err filled; the caller owns the handle and
 * frees it with db_close. */
struct db *db_open(const char *path, int create, struct gw_err *err);
void db_close(struct db *db);

/* The raw handle, for core modules that bind and step statements. */
sqlite3 *db_handle(struct db *db);

/* A prepared statement from the catalogue, reset with bindings cleared;
 * owned by the db (do not finalize).  NULL with err filled on failure. */
sqlite3_stmt *db_stmt(struct db *db, enum db_query q, struct gw_err *err);

/* Starts a write transaction with BEGIN IMMEDIATE, so the write lock is taken
 * up front and a busy timeout applies (a plain BEGIN that reads then writes
 * fails at once with SQLITE_BUSY).  Nested calls only count depth. */
enum gw_status db_begin(struct db *db, struct gw_err *err);
enum gw_status db_commit(struct db *db, struct gw_err *err);
/* Rolls back the outermost transaction; safe to call when none is open. */
void db_rollback(struct db *db);

/* Adds a function run just before the outermost db_commit commits, inside
 * the transaction (derived data such as the search index and the sync change
 * log are written there, so they always commit together with the records).
 * Hooks run in the order added; a failure rolls the transaction back.  At
 * most DB_MAX_HOOKS per handle; returns -1 when full. */
#define DB_MAX_HOOKS 4
int db_add_precommit(struct db *db, enum gw_status (*fn)(void *ctx, struct gw_err *err),
		     void *ctx);
/* Adds a function run after a transaction begun with db_begin ended without
 * committing - rolled back by db_rollback, by a failed commit, or already by
 * SQLite itself (it does so on out-of-memory and I/O errors) - so state that
 * mirrors the transaction, such as a change-capture session, starts afresh.
 * It runs with err NULL; should it fail (memory is often still short right
 * then), the next db_begin runs it again with the caller's err and fails
 * with its status if it fails again.  At most DB_MAX_HOOKS; -1 when full. */
int db_add_rollback(struct db *db, enum gw_status (*fn)(void *ctx, struct gw_err *err),
		    void *ctx);

/* The same; kept for the search module's first caller. */
#define db_set_precommit(db, fn, ctx) ((void)db_add_precommit((db), (fn), (ctx)))

/* Turns SQLite's own foreign-key checks on or off for this handle.  Only
 * outside a transaction (SQLite ignores the pragma inside one).  For bulk
 * imports whose row handlers resolve every reference themselves in the same
 * transaction (core/import.c); db_open turns them on. */
enum gw_status db_foreign_keys(struct db *db, int on, struct gw_err *err);

/* Whether a transaction begun with db_begin is open. */
int db_in_tx(const struct db *db);

/* Savepoints inside an open transaction, so one bad row can be undone
 * without losing the rows before it. */
enum gw_status db_savepoint(struct db *db, struct gw_err *err);
enum gw_status db_release(struct db *db, struct gw_err *err);
void db_rollback_savepoint(struct db *db);

/* Fills err from SQLite's last error on this handle, naming what failed.
 * Returns GW_EBUSY for lock timeouts, GW_EEXIST for UNIQUE violations,
 * GW_EDB otherwise. */
enum gw_status db_fail(struct db *db, struct gw_err *err, const char *what);

/* Runs statement q (with bindings already made) to completion. */
enum gw_status db_step_done(struct db *db, sqlite3_stmt *st, struct gw_err *err);

/* Runs SQLite's integrity_check and foreign_key_check; each problem is
 * passed to report (text in English as SQLite gives it).  Returns the
 * number of problems, or -1 on error. */
int db_check(struct db *db, void (*report)(void *ctx, const char *problem),
	     void *ctx, struct gw_err *err);

/* Checks every table has a declared NOT NULL primary key (the session
 * extension silently skips tables without one).  Returns the number of
 * tables that lack one, reporting each; -1 on error. */
int db_check_primary_keys(struct db *db, void (*report)(void *ctx, const char *table),
			  void *ctx, struct gw_err *err);

/* Binding helpers: NULL or "" text binds SQL NULL for the _null variant. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_text_null(sqlite3_stmt *st, int i, const char *s);
/* Copies column i as text into out (empty for NULL), always NUL-terminated. */
void db_col_text(sqlite3_stmt *st, int i, char *out, size_t outsz);

#endif
