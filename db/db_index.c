/* db_index.c - setting a table's secondary indexes aside for a bulk load.
 *
 * Inserting a million rows keeps each index up to date row by row: a
 * random insert into every index B-tree, which once the indexes outgrow the
 * page cache is a page read and a page write apiece.  Building an index
 * afterwards is one scan and one sort.  Measured on the million-ticket
 * county (2 cores): the three ticket indexes cost 7.3 s kept up to date
 * and 4.5 s built after.  The definitions come from sqlite_schema, so an
 * index a later migration adds is set aside and built again as well. */
#include "db_index.h"

#include <stdlib.h>
#include <string.h>

#define MAX_INDEXES 16

struct db_index_set {
	int n;
	char *name[MAX_INDEXES], *sql[MAX_INDEXES];
};

long long db_table_rows(struct db *db, enum db_query max_rowid, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(db, max_rowid, err);
	if (!st)
		return -1;
	int rc = sqlite3_step(st);
	long long n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	if (n < 0)
		db_fail(db, err, "count");
	return n;
}

void db_index_forget(struct db_index_set *s)
{
	if (!s)
		return;
	for (int i = 0; i < s->n; i++) {
		free(s->name[i]);
		free(s->sql[i]);
	}
	free(s);
}

struct db_index_set *db_index_drop(struct db *db, const char *table, struct gw_err *err)
{
	if (!db_in_tx(db)) {
		gw_fail(err, GW_EDB, "索引只能在事务中暂时删除", "indexes are set aside only inside a transaction");
		return NULL;
	}
	struct db_index_set *s = calloc(1, sizeof *s);
	sqlite3_stmt *st = db_stmt(db, Q_DB_TABLE_INDEXES, err);
	if (!s || !st) {
		free(s);
		if (!st)
			return NULL;
		gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		return NULL;
	}
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	int rc, ok = 1;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW && s->n < MAX_INDEXES) {
		s->name[s->n] = strdup((const char *)sqlite3_column_text(st, 0));
		s->sql[s->n] = strdup((const char *)sqlite3_column_text(st, 1));
		ok = s->name[s->n] && s->sql[s->n];
		s->n++;
	}
	sqlite3_reset(st);
	enum gw_status res = ok ? GW_OK : gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	for (int i = 0; res == GW_OK && i < s->n; i++) {
		char *sql = sqlite3_mprintf("DROP INDEX \"%w\"", s->name[i]);
		if (!sql || sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL) != SQLITE_OK)
			res = sql ? db_fail(db, err, "drop index")
				  : gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		sqlite3_free(sql);
	}
	if (res != GW_OK) {
		db_index_forget(s);
		return NULL;
	}
	return s;
}

enum gw_status db_index_restore(struct db *db, struct db_index_set *s, struct gw_err *err)
{
	enum gw_status res = GW_OK;
	/* A sort keeps as much in memory as the page cache may hold before it
	 * spills runs to temporary files; a quarter of the usual cache keeps
	 * the import's peak memory level (measured: 140 MiB at 250,000 and at
	 * 1,000,000 tickets, against 185 MiB at a million with the full cache)
	 * for about the same time. */
	sqlite3 *h = db_handle(db);
	int cache = 0;
	sqlite3_stmt *q = NULL;
	if (sqlite3_prepare_v2(h, "PRAGMA cache_size", -1, &q, NULL) == SQLITE_OK &&
	    sqlite3_step(q) == SQLITE_ROW)
		cache = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (cache)
		sqlite3_exec(h, "PRAGMA cache_size = -16384", NULL, NULL, NULL);
	for (int i = 0; s && res == GW_OK && i < s->n; i++)
		if (sqlite3_exec(h, s->sql[i], NULL, NULL, NULL) != SQLITE_OK)
			res = db_fail(db, err, "create index");
	if (cache) {
		char *back = sqlite3_mprintf("PRAGMA cache_size = %d", cache);
		if (back)
			sqlite3_exec(h, back, NULL, NULL, NULL);
		sqlite3_free(back);
	}
	db_index_forget(s);
	return res;
}

enum gw_status db_temp_on_disk(struct db *db, int on, struct gw_err *err)
{
	if (db_in_tx(db))
		return gw_fail(err, GW_EDB, "事务中不能更改临时存储", "temporary storage cannot change inside a transaction");
	if (sqlite3_exec(db_handle(db), on ? "PRAGMA temp_store = FILE" : "PRAGMA temp_store = MEMORY",
			 NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, "temp_store");
	return GW_OK;
}
