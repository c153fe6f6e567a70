/* sql_page.h - the shape shared by the workbench's page statements
 * (core/list.c), which each kind's sql_<kind>.h lists per sortable column.
 *
 * A page is keyset-paged: it continues after the (sort key, rowid) of the
 * last row shown, so a page deep in a million tickets costs what the first
 * one does when the key has an index (rowid breaks ties because every
 * single-column index already ends in it).  Parameters:
 *   ?1  a grid node: only records in it or anywhere under it (NULL: all)
 *   ?2  a JSON array of record ids to keep (the _IA/_ID variants only: the
 *       quick lookup's hits, at most a thousand, drive the join and the
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

/* Statements of core/list.c itself, listed with the organisations' (see
 * sql_org.h).  The grid tree as the list screens' left pane needs it:
 * names and places only, without GRID_TREE's counts, which cost half a
 * second on a county of a hundred thousand organisations. */
#define SQL_PAGE_SHARED(X)                                                           \
	X(LIST_GRID_NODES, "SELECT id, code, name, level, coalesce(parent_id, ''), "  \
			   "coalesce(basis, '') FROM grid WHERE deleted = 0 ORDER BY code")

#endif
