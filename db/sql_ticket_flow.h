/* sql_ticket_flow.h - statements of the ticket workflow (see queries.h).
 *
 * The ticket record itself is read through the ticket module
 * (ticket_by_id/ticket_by_number); these statements only change the
 * workflow's fields, append to the history and the points ledger, and
 * pick tickets for lists. */
#ifndef GW_SQL_TICKET_FLOW_H
#define GW_SQL_TICKET_FLOW_H

/* TF_LIST's conditions besides the grid node. */
#define TF_LIST_WHERE                                                                     \
	"t.deleted = 0 AND (?2 IS NULL OR t.status = ?2) AND (?3 IS NULL OR t.department = ?3) " \
	"AND (?4 = 0 OR (t.status IN ('new','accepted','in_progress','returned') "          \
	"AND t.due_on < ?5)) AND (?6 IS NULL OR t.number > ?6) AND (?7 IS NULL OR t.category = ?7)"

#define SQL_TICKET_FLOW(X)                                                                  \
	/* Optimistic: matches nothing when someone changed the ticket meanwhile. */        \
	X(TF_UPDATE, "UPDATE ticket SET status = ?3, department = ?4, hold_since = ?5, "      \
		     "held_days = ?6, due_on = ?7, resolved_at = ?8, closed_at = ?9, "         \
		     "satisfaction = ?10, duplicate_of = ?11, instructor_id = ?12, "           \
		     "version = version + 1, updated_at = ?13 WHERE id = ?1 AND version = ?2") \
	/* Registration only: the instructor found for a ticket being created. */      \
	X(TF_SET_INSTRUCTOR_NEW, "UPDATE ticket SET instructor_id = ?2 WHERE id = ?1")       \
	X(TF_REPOINT_DUPLICATES, "UPDATE ticket SET duplicate_of = ?2, version = version + 1, " \
				 "updated_at = ?3 WHERE duplicate_of = ?1")                  \
	X(TF_EVENT_INSERT, "INSERT INTO ticket_event(id, ticket_id, at, operator, action, "   \
			   "from_status, to_status, department, note, office) "              \
			   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")                \
	/* The creation event the shared row handler wrote, named for how the     \
	 * ticket came in, before its transaction commits. */                       \
	X(TF_EVENT_REGISTER, "UPDATE ticket_event SET action = 'register' "                  \
			     "WHERE ticket_id = ?1 AND action = 'import'")                    \
	/* rowid breaks ties: several steps can share one second. */                  \
	X(TF_EVENTS, "SELECT at, operator, action, from_status, to_status, department, note, " \
		     "office FROM ticket_event WHERE ticket_id = ?1 ORDER BY at, rowid")       \
	X(TF_HOLD_FROM, "SELECT from_status FROM ticket_event WHERE ticket_id = ?1 "          \
			"AND action = 'hold' ORDER BY at DESC, rowid DESC LIMIT 1")            \
	X(TF_SUPPORT_LIST, "SELECT department FROM ticket_department WHERE ticket_id = ?1 "   \
			   "ORDER BY department")                                             \
	X(TF_SUPPORT_HAS, "SELECT 1 FROM ticket_department WHERE ticket_id = ?1 "             \
			  "AND department = ?2")                                              \
	X(TF_SUPPORT_ADD, "INSERT INTO ticket_department(ticket_id, department) VALUES (?1, ?2)") \
	X(TF_SUPPORT_DEL, "DELETE FROM ticket_department WHERE ticket_id = ?1 AND department = ?2") \
	X(TF_POINTS_PAID, "SELECT 1 FROM points_ledger WHERE worker_id = ?1 AND ticket_id = ?2") \
	/* Served by the (worker_id, ticket_id) index. */                              \
	X(TF_POINTS_DAY, "SELECT coalesce(sum(points), 0) FROM points_ledger "                \
			 "WHERE worker_id = ?1 AND ticket_id IS NOT NULL AND points > 0 "      \
			 "AND substr(at, 1, 10) = ?2")                                         \
	X(TF_POINTS_INSERT, "INSERT INTO points_ledger(id, worker_id, at, points, reason, "   \
			    "ticket_id, operator, office) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)") \
	/* ?1 grid id (the node and everything under it; NULL: all), ?2 status,     \
	 * ?3 lead department, ?4 overdue only (past due and running: the caller    \
	 * counts working days), ?5 today, ?6 after this number (keyset paging).    \
	 * Column 0 the id.  Two halves, of which ?1 leaves one: the whole county   \
	 * in the number's index order, or the node's tickets through ticket_grid,  \
	 * sorted (with "?1 IS NULL OR grid_id IN ..." no index served the node,    \
	 * and one grid of a million tickets took 600 ms instead of 7). */         \
	X(TF_LIST, "WITH RECURSIVE s(id) AS (SELECT ?1 UNION ALL "                             \
		   "SELECT g.id FROM grid g JOIN s ON g.parent_id = s.id) "                    \
		   "SELECT t.id, t.number FROM ticket t WHERE ?1 IS NULL AND " TF_LIST_WHERE   \
		   " UNION ALL SELECT t.id, t.number FROM ticket t "                           \
		   "WHERE t.grid_id IN (SELECT id FROM s) AND " TF_LIST_WHERE " ORDER BY 2")      \
	/* How many TF_LIST would give (?4 0, ?6 NULL): a sum of the halves. */          \
	X(TF_COUNT, "WITH RECURSIVE s(id) AS (SELECT ?1 UNION ALL "                            \
		    "SELECT g.id FROM grid g JOIN s ON g.parent_id = s.id) "                   \
		    "SELECT (SELECT count(*) FROM ticket t WHERE ?1 IS NULL AND " TF_LIST_WHERE \
		    ") + (SELECT count(*) FROM ticket t WHERE t.grid_id IN (SELECT id FROM s) " \
		    "AND " TF_LIST_WHERE ")")                                                  \
	/* The same for one category (?7), through its index (migration 5): a       \
	 * condition "?7 IS NULL OR ..." alone keeps SQLite from using it. */          \
	X(TF_COUNT_CATEGORY, "WITH RECURSIVE s(id) AS (SELECT ?1 UNION ALL "                   \
		    "SELECT g.id FROM grid g JOIN s ON g.parent_id = s.id) "                   \
		    "SELECT count(*) FROM ticket t WHERE t.category = ?7 AND " TF_LIST_WHERE    \
		    " AND (?1 IS NULL OR t.grid_id IN (SELECT id FROM s))")

#endif
