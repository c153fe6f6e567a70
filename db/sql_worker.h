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
			 "WHERE w.deleted = 0 ORDER BY w.phone")

#endif
