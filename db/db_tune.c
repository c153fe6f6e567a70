/* db_tune.c - see db_tune.h.
 *
 * Why these figures (measured on the million-ticket county of make bench,
 * docs/BENCHMARKS.md): with db_open's 64 MiB cache, the interface's
 * resident memory grew to 84 MiB while browsing, nearly all of it pages of
 * the ticket table kept after a sort read them once.  The pages a screen
 * needs again - the top of each index it pages through, the grids - are a
 * few hundred; other pages come from the operating system's file cache at
 * a few microseconds each, so 4 MiB costs a keystroke nothing measurable.
 * Memory-mapped I/O would count the mapped file in the resident set, and
 * temp_store = MEMORY would keep a sort's spill (a whole-table sort by a
 * column without an index) in the heap. */
#include "db_tune.h"

#include <stdio.h>

enum gw_status db_tune_interactive(struct db *db, struct gw_err *err)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "PRAGMA cache_size = -%d; PRAGMA mmap_size = 0; PRAGMA temp_store = FILE;",
		 DB_TUNE_INTERACTIVE_CACHE_KIB);
	if (sqlite3_exec(db_handle(db), sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, err, gw_tr("数据库设置", "database settings"));
	return GW_OK;
}
