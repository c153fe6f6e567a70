/* db_tune.h - settings of the database handle for the kind of work the
 * program is doing (db_tune.c).  db_open sets the importer's: a large page
 * cache that keeps a million-row import's indexes hot. */
#ifndef GW_DB_TUNE_H
#define GW_DB_TUNE_H

#include "db.h"

/* The page cache the full-screen interface keeps, in KiB. */
#define DB_TUNE_INTERACTIVE_CACHE_KIB 4096

/* Sets db up for interactive use: a page cache of
 * DB_TUNE_INTERACTIVE_CACHE_KIB instead of the importer's 64 MiB, no memory
 * mapping, and temporary data (large sorts) in files rather than in memory,
 * so that browsing a million tickets stays within a few tens of MiB
 * resident.  Call outside a transaction.  GW_OK, or GW_EDB with err filled
 * (the handle then keeps its settings, which still work). */
enum gw_status db_tune_interactive(struct db *db, struct gw_err *err);

#endif
