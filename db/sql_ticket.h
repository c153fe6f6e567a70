/* sql_ticket.h - statements of the ticket module (see queries.h). */
#ifndef GW_SQL_TICKET_H
#define GW_SQL_TICKET_H

#define TICKET_COLS "t.id, t.number, t.title, t.description, t.category, t.source, "      \
		    "t.grid_id, (SELECT g.code FROM grid g WHERE g.id = t.grid_id), "       \
		    "t.org_id, (SELECT o.credit_code FROM org o WHERE o.id = t.org_id), "   \
		    "t.reporter, t.reporter_phone, t.worker_id, t.department, "             \
		    "t.instructor_id, (SELECT i.phone FROM instructor i WHERE i.id = t.instructor_id), " \
		    "t.status, t.created_at, t.due_on, t.hold_since, t.held_days, "          \
		    "t.resolved_at, t.closed_at, t.satisfaction, t.duplicate_of, "           \
		    "t.deleted, t.version, t.office, t.updated_at"

#define SQL_TICKET(X)                                                                       \
	X(TICKET_BY_NUMBER, "SELECT " TICKET_COLS " FROM ticket t WHERE t.number = ?1")     \
	X(TICKET_BY_ID, "SELECT " TICKET_COLS " FROM ticket t WHERE t.id = ?1")             \
	/* A numberless row's match: same title, grid and registration time (the        \
	 * ticket_grid index covers grid and time).  No ORDER BY: a sorter per row       \
	 * costs more than the probe, and two such tickets are the same report. */       \
	X(TICKET_MATCH, "SELECT id FROM ticket WHERE grid_id = ?1 AND created_at = ?2 "      \
			"AND title = ?3 AND deleted = 0 LIMIT 1")                            \
	X(TICKET_NUMBER_USED, "SELECT id FROM ticket WHERE number = ?1")                     \
	X(TICKET_SEQ_NEXT, "INSERT INTO ticket_seq(office, year, last) VALUES (?1, ?2, 1) "  \
			   "ON CONFLICT(office, year) DO UPDATE SET last = last + 1 RETURNING last") \
	/* An imported number of this office moves the counter past it. */            \
	X(TICKET_SEQ_BUMP, "INSERT INTO ticket_seq(office, year, last) VALUES (?1, ?2, ?3) " \
			   "ON CONFLICT(office, year) DO UPDATE SET last = excluded.last "    \
			   "WHERE excluded.last > last")                                      \
	/* Lean look-ups of references, run once per imported row. */                 \
	X(TICKET_GRID_ID, "SELECT id, deleted FROM grid WHERE code = ?1")                    \
	X(TICKET_ORG_ID, "SELECT id FROM org WHERE credit_code = ?1 AND deleted = 0")        \
	X(TICKET_INSTRUCTOR_ID, "SELECT id FROM instructor WHERE phone = ?1 AND deleted = 0") \
	X(TICKET_WORKER_ID, "SELECT id FROM worker WHERE phone = ?1 AND deleted = 0")        \
	/* Every key and id, read once by a bulk import (core/ticket_import.c). */    \
	X(TICKET_ORG_KEYS, "SELECT credit_code, id FROM org WHERE deleted = 0")              \
	X(TICKET_INSTRUCTOR_KEYS, "SELECT phone, id FROM instructor WHERE deleted = 0")      \
	X(TICKET_WORKER_KEYS, "SELECT phone, id FROM worker WHERE deleted = 0")              \
	X(TICKET_INSERT, "INSERT INTO ticket(id, number, title, description, category, source, " \
			 "grid_id, org_id, reporter, reporter_phone, worker_id, department, "  \
			 "instructor_id, status, due_on, hold_since, resolved_at, closed_at, "  \
			 "office, created_at, updated_at) VALUES "                           \
			 "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)") \
	X(TICKET_UPDATE, "UPDATE ticket SET number = ?2, title = ?3, description = ?4, "      \
			 "category = ?5, source = ?6, grid_id = ?7, org_id = ?8, reporter = ?9, " \
			 "reporter_phone = ?10, worker_id = ?11, department = ?12, "           \
			 "instructor_id = ?13, status = ?14, due_on = ?15, hold_since = ?16, "  \
			 "resolved_at = ?17, closed_at = ?18, created_at = ?20, "             \
			 "deleted = 0, version = version + 1, updated_at = ?21 WHERE id = ?1")  \
	X(TICKET_MAX_ROWID, "SELECT coalesce(max(rowid), 0) FROM ticket")                   \
	X(TICKET_ROWID, "SELECT rowid FROM ticket WHERE id = ?1")                             \
	X(TICKET_EVENT_INSERT, "INSERT INTO ticket_event(id, ticket_id, at, operator, action, " \
			       "from_status, to_status, department, note, office) "          \
			       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")            \
	X(TICKET_EXPORT, "SELECT t.number, t.title, t.description, t.category, t.source, "    \
			 "g.code, o.credit_code, t.reporter, t.reporter_phone, t.department, " \
			 "i.phone, t.status, t.created_at, t.resolved_at FROM ticket t "       \
			 "JOIN grid g ON g.id = t.grid_id "                                    \
			 "LEFT JOIN org o ON o.id = t.org_id "                                 \
			 "LEFT JOIN instructor i ON i.id = t.instructor_id "                   \
			 "WHERE t.deleted = 0 ORDER BY t.number") \
	SQL_TICKET_PAGE(X)

/* The ticket queue's pages (core/list.c, db/sql_page.h).  The number's
 * UNIQUE index orders the default page, so scrolling a million tickets
 * reads only the rows shown. */
#include "sql_page.h"
#define TICKET_PG_COLS "t.id, t.version, t.number, t.title, t.category, g.name, "             \
		       "coalesce(t.department, ''), t.status, coalesce(t.due_on, '')"
#define TICKET_PAGE(X, n, key)                                                         \
	PAGE_STMTS(X, TICKET_PAGE_##n, TICKET_PG_COLS,                                  \
		   "ticket t CROSS JOIN grid g ON g.id = t.grid_id",                      \
		   "json_each(?2) j CROSS JOIN ticket t ON t.id = j.value "              \
		   "CROSS JOIN grid g ON g.id = t.grid_id",                                \
		   "t.deleted = 0 AND " PAGE_UNDER("t.grid_id"), key, "t.rowid")
#define SQL_TICKET_PAGE(X)                                                             \
	TICKET_PAGE(X, NUMBER, "t.number")                                              \
	TICKET_PAGE(X, TITLE, "t.title")                                                \
	TICKET_PAGE(X, CATEGORY, "t.category")                                          \
	TICKET_PAGE(X, GRID, "g.name")                                                  \
	TICKET_PAGE(X, DEPT, "coalesce(t.department, '')")                              \
	TICKET_PAGE(X, STATUS, "t.status")                                              \
	TICKET_PAGE(X, DUE, "coalesce(t.due_on, '')")

#endif
