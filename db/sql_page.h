/* sql_page.h - the shape shared by the workbench's page statements
 * (core/list.c), which each kind's sql_<kind>.h lists per sortable column.
 *
 * A page is keyset-paged: it continues after the (sort key, rowid) of the
 * last row shown, so a page deep in a million tickets costs what the first
 * one does when the key has an index (rowid breaks ties because every
 * single-column index already ends in it).  Parameters:
 *   ?1  a grid node: only records in it or anywhere under it (NULL: all)
 *   ?2  a JSON array of record ids to keep (the _IA/_ID variants only: the
 *       quick lookup's hits, LIST_FILTER_MAX at most, drive the join and the
 *       sort is over them alone)
 *   ?3, ?4  the sort key and rowid to continue after; the first page binds
 *       a key below (ascending) or above (descending) every value
 *   ?5  how many rows
 * Each statement selects rowid, id, version, then the kind's cells.
 */
#ifndef GW_SQL_PAGE_H
#define GW_SQL_PAGE_H

/* col is the node ?1 or one of its descendants. */
#define PAGE_UNDER(col)                                                              \
	"(?1 IS NULL OR " col " IN (WITH RECURSIVE sub(id) AS (SELECT ?1 UNION "     \
	"SELECT c.id FROM grid c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"

#define PAGE_SQL(cols, from, where, key, rid, cmp, dir)                              \
	"SELECT " rid ", " cols " FROM " from " WHERE " where " AND (" key ", " rid ") " \
	cmp " (?3, ?4) ORDER BY " key " " dir ", " rid " " dir " LIMIT ?5"

/* The four statements of one sort column: ascending and descending, over
 * the whole table (from) or over the ids of ?2 (ids_from). */
#define PAGE_STMTS(X, name, cols, from, ids_from, where, key, rid)                   \
	X(name##_A, PAGE_SQL(cols, from, where, key, rid, ">", "ASC"))                \
	X(name##_D, PAGE_SQL(cols, from, where, key, rid, "<", "DESC"))               \
	X(name##_IA, PAGE_SQL(cols, ids_from, where, key, rid, ">", "ASC"))           \
	X(name##_ID, PAGE_SQL(cols, ids_from, where, key, rid, "<", "DESC"))

/* ---- pages under a grid node, driven by the grid ----------------------------
 *
 * PAGE_UNDER's "?1 IS NULL OR" keeps one statement for the whole county and
 * for a node, but no index can serve the OR: SQLite walks the sort column's
 * index and reads each record's row to test its grid - cheap for a township
 * (one row in twenty is in it), but 60,000 rows for a page of one grid's
 * 60 tickets out of a million (126 ms measured), and the whole table for a
 * sort column without an index.  The _GA/_GD statements below start from
 * the node instead: the records of each grid under it through the grid
 * column's index, then sorted (the key's unary + keeps SQLite from walking
 * the key's index instead).  core/list.c chooses: these for a column
 * without an index, and for one with an index when the node holds few
 * records (PAGE_UNDER_<KIND> counts them, stopping at ?2, where walking
 * would start to pay). */
#define PAGE_IN_SUBTREE(col)                                                         \
	col " IN (WITH RECURSIVE sub(id) AS (SELECT ?1 UNION "                      \
	"SELECT c.id FROM grid c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)"
#define PAGE_GRID_STMTS(X, name, cols, from, where, key, rid)                        \
	X(name##_GA, PAGE_SQL(cols, from, where, "+" key, rid, ">", "ASC"))           \
	X(name##_GD, PAGE_SQL(cols, from, where, "+" key, rid, "<", "DESC"))

/* Each kind's: its page statements' FROM and keys as in sql_<kind>.h (the
 * order of the rows must be the same whichever statement reads a page),
 * the grid column's condition, and the count of records under the node. */
#define PAGE_G_TICKET(X, n, key)                                                     \
	PAGE_GRID_STMTS(X, TICKET_PAGE_##n, TICKET_PG_COLS,                           \
			"ticket t CROSS JOIN grid g ON g.id = t.grid_id",             \
			"t.deleted = 0 AND " PAGE_IN_SUBTREE("t.grid_id"), key, "t.rowid")
#define PAGE_G_ORG(X, n, key)                                                        \
	PAGE_GRID_STMTS(X, ORG_PAGE_##n, ORG_PG_COLS,                                 \
			"org o CROSS JOIN grid g ON g.id = o.grid_id",                \
			"o.deleted = 0 AND " PAGE_IN_SUBTREE("o.grid_id"), key, "o.rowid")
#define PAGE_G_INSTR(X, n, key)                                                      \
	PAGE_GRID_STMTS(X, INSTR_PAGE_##n, INSTR_PG_COLS, "instructor i",             \
			"i.deleted = 0 AND i.id IN (SELECT ig.instructor_id FROM "    \
			"instructor_grid ig WHERE " PAGE_IN_SUBTREE("ig.grid_id") ")",  \
			key, "i.rowid")
#define PAGE_G_WORKER(X, n, key)                                                     \
	PAGE_GRID_STMTS(X, WORKER_PAGE_##n, WORKER_PG_COLS,                           \
			"worker w LEFT JOIN grid g ON g.id = w.community_id",         \
			"w.deleted = 0 AND " PAGE_IN_SUBTREE("w.community_id"), key,  \
			"w.rowid")
#define PAGE_G_STATION(X, n, key)                                                    \
	PAGE_GRID_STMTS(X, STATION_PAGE_##n, STATION_PG_COLS,                         \
			"station s CROSS JOIN grid g ON g.id = s.grid_id",            \
			"s.deleted = 0 AND " PAGE_IN_SUBTREE("s.grid_id"), key, "s.rowid")
#define PAGE_UNDER_COUNT(tbl, col)                                                   \
	"SELECT count(*) FROM (SELECT 1 FROM " tbl " WHERE " PAGE_IN_SUBTREE(col) " LIMIT ?2)"

#define SQL_PAGE_GRID(X)                                                             \
	PAGE_G_TICKET(X, NUMBER, "t.number")                                         \
	PAGE_G_TICKET(X, TITLE, "t.title")                                           \
	PAGE_G_TICKET(X, CATEGORY, "t.category")                                     \
	PAGE_G_TICKET(X, GRID, "g.name")                                             \
	PAGE_G_TICKET(X, DEPT, "coalesce(t.department, '')")                         \
	PAGE_G_TICKET(X, STATUS, "t.status")                                         \
	PAGE_G_TICKET(X, DUE, "coalesce(t.due_on, '')")                              \
	PAGE_G_ORG(X, NAME, "o.name")                                                \
	PAGE_G_ORG(X, CODE, "o.credit_code")                                         \
	PAGE_G_ORG(X, KIND, "o.kind")                                                \
	PAGE_G_ORG(X, GRID, "g.name")                                                \
	PAGE_G_ORG(X, PARTY, "o.party_org")                                          \
	PAGE_G_ORG(X, CONTACT, "o.contact")                                          \
	PAGE_G_ORG(X, PHONE, "o.phone")                                              \
	PAGE_G_INSTR(X, NAME, "i.name")                                              \
	PAGE_G_INSTR(X, PHONE, "i.phone")                                            \
	PAGE_G_INSTR(X, GENDER, "coalesce(i.gender, '')")                            \
	PAGE_G_INSTR(X, ROLE, "i.role")                                              \
	PAGE_G_INSTR(X, STATUS, "i.status")                                          \
	PAGE_G_INSTR(X, UNIT, "i.unit")                                              \
	PAGE_G_INSTR(X, GRIDS, INSTR_PG_GRIDS)                                       \
	PAGE_G_WORKER(X, NAME, "w.name")                                             \
	PAGE_G_WORKER(X, PHONE, "w.phone")                                           \
	PAGE_G_WORKER(X, JOB, "w.job")                                               \
	PAGE_G_WORKER(X, PLATFORM, "w.platform")                                     \
	PAGE_G_WORKER(X, PARTY, "w.party_member")                                    \
	PAGE_G_WORKER(X, COMMUNITY, "coalesce(g.name, '')")                          \
	PAGE_G_WORKER(X, ROLES, "w.roles")                                           \
	PAGE_G_STATION(X, NAME, "s.name")                                            \
	PAGE_G_STATION(X, GRID, "g.name")                                            \
	PAGE_G_STATION(X, HOST, "s.host")                                            \
	PAGE_G_STATION(X, SERVICES, "s.services")                                    \
	PAGE_G_STATION(X, HOURS, "s.hours")                                          \
	PAGE_G_STATION(X, ADDRESS, "s.address")                                      \
	/* ?1 the node, ?2 where to stop counting */                                  \
	X(PAGE_UNDER_TICKET, PAGE_UNDER_COUNT("ticket", "grid_id"))                   \
	X(PAGE_UNDER_ORG, PAGE_UNDER_COUNT("org", "grid_id"))                         \
	X(PAGE_UNDER_INSTR, PAGE_UNDER_COUNT("instructor_grid", "grid_id"))           \
	X(PAGE_UNDER_WORKER, PAGE_UNDER_COUNT("worker", "community_id"))              \
	/* About how many records a kind has: its largest rowid (no count) */        \
	X(PAGE_ROWS_TICKET, "SELECT max(rowid) FROM ticket")                          \
	X(PAGE_ROWS_ORG, "SELECT max(rowid) FROM org")                                \
	X(PAGE_ROWS_INSTR, "SELECT max(rowid) FROM instructor")                       \
	X(PAGE_ROWS_WORKER, "SELECT max(rowid) FROM worker")

/* Statements of core/list.c itself, listed with the organisations' (see
 * sql_org.h).  The grid tree as the list screens' left pane needs it:
 * names and places only, without counts (counted per grid with
 * subqueries they cost a quarter of a second on a county of a hundred thousand organisations.  The grid
 * screen's counts come from one pass over each table instead: the
 * organisations' through the covering index org_grid_party (migration 4),
 * the instructors' from the instructor table in its own order (looking
 * each link up the other way round costs three times as much). */
#define SQL_PAGE_SHARED(X)                                                           \
	X(LIST_GRID_NODES, "SELECT id, code, name, level, coalesce(parent_id, ''), "  \
			   "coalesce(basis, '') FROM grid WHERE deleted = 0 ORDER BY code") \
	X(LIST_GRID_ORG_COUNTS, "SELECT grid_id, count(*), sum(party_org <> 'none') "  \
				"FROM org WHERE deleted = 0 GROUP BY grid_id")         \
	X(LIST_GRID_INSTR_COUNTS, "SELECT ig.grid_id, sum(i.role = 'full_time'), "    \
				  "sum(i.role = 'part_time') FROM instructor i "     \
				  "CROSS JOIN instructor_grid ig ON ig.instructor_id = i.id " \
				  "WHERE i.deleted = 0 AND i.status = 'active' GROUP BY ig.grid_id") \
	SQL_PAGE_GRID(X)

#endif
