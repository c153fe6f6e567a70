/* queries.h - the statement catalogue: every SQL statement core runs, by
 * name.  Each concept keeps its statements in db/sql_<concept>.h as an
 * X-macro list of X(NAME, "SQL"); db_stmt() prepares each once and caches it. */
#ifndef GW_QUERIES_H
#define GW_QUERIES_H

#include "sql_meta.h"
#include "sql_grid.h"
#include "sql_org.h"
#include "sql_instructor.h"
#include "sql_ticket.h"
#include "sql_worker.h"
#include "sql_station.h"
#include "sql_search.h"
#include "sql_report.h"
#include "sql_activity.h"
#include "sql_check.h"
#include "sql_ticket_flow.h"
#include "sql_sync.h"

#define DB_QUERY_LIST(X) \
	SQL_META(X)       \
	SQL_GRID(X)       \
	SQL_ORG(X)        \
	SQL_INSTRUCTOR(X) \
	SQL_TICKET(X)     \
	SQL_WORKER(X)     \
	SQL_STATION(X)    \
	SQL_SEARCH(X)     \
	SQL_REPORT(X)     \
	SQL_ACTIVITY(X)   \
	SQL_CHECK(X)      \
	SQL_TICKET_FLOW(X)       \
	SQL_SYNC(X)

enum db_query {
#define DB_X_ENUM(name, sql) Q_##name,
	DB_QUERY_LIST(DB_X_ENUM)
#undef DB_X_ENUM
	Q_COUNT
};

#endif
