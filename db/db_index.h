/* db_index.h - a table's secondary indexes set aside for a bulk load and
 * built again after it, inside the same transaction (db_index.c). */
#ifndef GW_DB_INDEX_H
#define GW_DB_INDEX_H

#include "db.h"

struct db_index_set;

/* The number of rows of table (by its largest rowid: a cheap upper bound,
 * no scan); -1 with err on failure. */
long long db_table_rows(struct db *db, enum db_query max_rowid, struct gw_err *err);

/* Drops the indexes of table that were created with CREATE INDEX (not
 * those behind PRIMARY KEY and UNIQUE constraints, which the load needs
 * for its look-ups), remembering their definitions.  Only inside an open
 * transaction, so a rollback brings them back.  Returns the set (owned by
 * the caller, freed by db_index_restore or db_index_forget), NULL with err
 * on failure. */
struct db_index_set *db_index_drop(struct db *db, const char *table, struct gw_err *err);
/* Creates the remembered indexes again (one sort each) and frees the set. */
enum gw_status db_index_restore(struct db *db, struct db_index_set *s, struct gw_err *err);
/* Frees the set without creating anything (the transaction rolls back). */
void db_index_forget(struct db_index_set *s);

/* Puts temporary data (the sorts of db_index_restore above all) in files
 * rather than memory (on = 1), or back (on = 0; db_open's setting).  A
 * sort spills what the page cache cannot hold to temporary storage, so
 * in memory it grows with the table.  Only outside a transaction (SQLite
 * refuses the change inside one). */
enum gw_status db_temp_on_disk(struct db *db, int on, struct gw_err *err);

#endif
