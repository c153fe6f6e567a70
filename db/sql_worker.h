/* sql_worker.h - statements of the worker module (see queries.h). */
#ifndef GW_SQL_WORKER_H
#define GW_SQL_WORKER_H

#define WORKER_COLS "w.id, w.phone, w.name, w.job, w.platform, w.party_member, "          \
		    "w.community_id, (SELECT g.code FROM grid g WHERE g.id = w.community_id), " \
		    "w.roles, w.deleted, w.version"

#define SQL_WORKER(X)                                                                   \
	X(WORKER_BY_PHONE, "SELECT " WORKER_COLS " FROM worker w WHERE w.phone = ?1")   \
	X(WORKER_BY_ID, "SELECT " WORKER_COLS " FROM worker w WHERE w.id = ?1")         \
	X(WORKER_INSERT, "INSERT INTO worker(id, phone, name, job, platform, party_member, " \
			 "community_id, roles, office, created_at, updated_at) "          \
			 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)")          \
	X(WORKER_UPDATE, "UPDATE worker SET phone = ?2, name = ?3, job = ?4, platform = ?5, " \
			 "party_member = ?6, community_id = ?7, roles = ?8, deleted = 0, " \
			 "version = version + 1, updated_at = ?9 WHERE id = ?1")          \
	X(WORKER_POINTS, "SELECT coalesce(sum(points), 0) FROM points_ledger WHERE worker_id = ?1") \
	X(WORKER_EXPORT, "SELECT w.name, w.phone, w.job, w.platform, w.party_member, g.code, " \
			 "w.roles FROM worker w LEFT JOIN grid g ON g.id = w.community_id " \
			 "WHERE w.deleted = 0 ORDER BY w.phone") \
	/* Soft when a ticket or the points ledger refers to the worker. */         \
	X(WORKER_REFERENCED, "SELECT EXISTS(SELECT 1 FROM ticket WHERE worker_id = ?1) " \
			     "OR EXISTS(SELECT 1 FROM points_ledger WHERE worker_id = ?1)") \
	X(WORKER_SOFT_DELETE, "UPDATE worker SET deleted = 1, version = version + 1, "   \
			      "updated_at = ?2 WHERE id = ?1")                            \
	X(WORKER_HARD_DELETE, "DELETE FROM worker WHERE id = ?1")                        \
	SQL_WORKER_PAGE(X)

/* The workers' pages (core/list.c, db/sql_page.h): a worker is under the
 * grid node of the community they reported to. */
#include "sql_page.h"
#define WORKER_PG_COLS "w.id, w.version, w.name, w.phone, w.job, w.platform, w.party_member, " \
		       "coalesce(g.name, ''), w.roles"
#define WORKER_PAGE(X, n, key)                                                         \
	PAGE_STMTS(X, WORKER_PAGE_##n, WORKER_PG_COLS,                                  \
		   "worker w LEFT JOIN grid g ON g.id = w.community_id",                  \
		   "json_each(?2) j CROSS JOIN worker w ON w.id = j.value "              \
		   "LEFT JOIN grid g ON g.id = w.community_id",                            \
		   "w.deleted = 0 AND " PAGE_UNDER("w.community_id"), key, "w.rowid")
#define SQL_WORKER_PAGE(X)                                                             \
	WORKER_PAGE(X, NAME, "w.name")                                                  \
	WORKER_PAGE(X, PHONE, "w.phone")                                                \
	WORKER_PAGE(X, JOB, "w.job")                                                    \
	WORKER_PAGE(X, PLATFORM, "w.platform")                                          \
	WORKER_PAGE(X, PARTY, "w.party_member")                                         \
	WORKER_PAGE(X, COMMUNITY, "coalesce(g.name, '')")                               \
	WORKER_PAGE(X, ROLES, "w.roles")

#endif
