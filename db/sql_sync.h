/* sql_sync.h - statements of the office-to-office exchange (core/sync*.c).
 *
 * The rows the exchange reads and writes generically (a conflicting record,
 * a record found by its natural key) are fetched with SELECT *: column order
 * is the table's declared order, which is also the order of the columns in
 * a changeset.  Repointing statements move references from one record to
 * another when two offices registered the same record (see docs/SYNC.md). */
#ifndef GW_SQL_SYNC_H
#define GW_SQL_SYNC_H

/* Foreign keys whose target can be merged away (grid, org, instructor,
 * worker, ticket): each X(NAME, table, column).  Link tables, whose key
 * includes the column, use OR IGNORE and then drop the leftover duplicates. */
#define SYNC_REPOINT(X, N, T, C) \
	X(SYNC_REPOINT_##N, "UPDATE " T " SET " C " = ?2 WHERE " C " = ?1")
#define SYNC_REPOINT_LINK(X, N, T, C)                                                  \
	X(SYNC_REPOINT_##N, "UPDATE OR IGNORE " T " SET " C " = ?2 WHERE " C " = ?1")  \
	X(SYNC_REPOINT_##N##_LEFT, "DELETE FROM " T " WHERE " C " = ?1")

#define SQL_SYNC(X)                                                                          \
	X(SYNC_TABLE_INFO, "SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")         \
	X(SYNC_TABLE_LIST, "SELECT name FROM pragma_table_list WHERE schema = 'main' "         \
			   "AND type = 'table' ORDER BY name")                                 \
	/* change log */                                                                     \
	X(SYNC_LOG_INSERT, "INSERT INTO change_log(origin, first_seq, last_seq, created_at, "  \
			   "changes, changeset) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")              \
	X(SYNC_LOG_HW, "SELECT ifnull(max(last_seq), 0) FROM change_log WHERE origin = ?1")  \
	X(SYNC_LOG_MARKS, "SELECT origin, max(last_seq) FROM change_log GROUP BY origin "     \
			  "ORDER BY origin")                                                   \
	/* Entries the peer ?1 has not acknowledged, in the order they happened here. */    \
	X(SYNC_LOG_UNSEEN, "SELECT l.origin, l.first_seq, l.last_seq, l.changeset, l.changes, " \
			   "ifnull((SELECT s.seq FROM sync_sent s WHERE s.peer = ?1 "           \
			   "AND s.origin = l.origin), 0) "                                      \
			   "FROM change_log l WHERE l.origin <> ?1 AND (?2 OR l.last_seq > "   \
			   "ifnull((SELECT a.seq FROM sync_ack a WHERE a.peer = ?1 "           \
			   "AND a.origin = l.origin), 0)) ORDER BY l.seq")                     \
	X(SYNC_LOG_PENDING, "SELECT count(*), ifnull(sum(l.changes), 0) FROM change_log l "    \
			    "WHERE l.origin <> ?1 AND l.last_seq > ifnull((SELECT a.seq FROM " \
			    "sync_ack a WHERE a.peer = ?1 AND a.origin = l.origin), 0)")       \
	X(SYNC_LOG_LOCAL, "SELECT count(*), ifnull(sum(changes), 0) FROM change_log "          \
			  "WHERE origin = ?1")                                                  \
	/* peers */                                                                          \
	X(SYNC_PEER_ADD, "INSERT INTO sync_peer(code, name, county, added_at) "               \
			 "VALUES (?1, ?2, ?3, ?4)")                                             \
	X(SYNC_PEER_GET, "SELECT code, name, county, sent_seq, sent_at, recv_seq, recv_at "    \
			 "FROM sync_peer WHERE code = ?1")                                      \
	X(SYNC_PEER_LIST, "SELECT code, name, county, sent_seq, sent_at, recv_seq, recv_at "   \
			  "FROM sync_peer ORDER BY county DESC, code")                          \
	X(SYNC_PEER_COUNTY, "SELECT code FROM sync_peer WHERE county = 1 LIMIT 1")             \
	X(SYNC_PEER_SENT, "UPDATE sync_peer SET sent_seq = ?2, sent_at = ?3 WHERE code = ?1")  \
	X(SYNC_PEER_RECV, "UPDATE sync_peer SET recv_seq = ?2, recv_at = ?3 WHERE code = ?1")  \
	X(SYNC_ACK_SET, "INSERT INTO sync_ack(peer, origin, seq) VALUES (?1, ?2, ?3) "         \
			"ON CONFLICT(peer, origin) DO UPDATE SET seq = excluded.seq "          \
			"WHERE excluded.seq > seq")                                            \
	X(SYNC_SENT_SET, "INSERT INTO sync_sent(peer, origin, seq) VALUES (?1, ?2, ?3) "        \
			 "ON CONFLICT(peer, origin) DO UPDATE SET seq = excluded.seq "          \
			 "WHERE excluded.seq > seq")                                            \
	X(SYNC_PACKAGE_INSERT, "INSERT INTO sync_package(direction, peer, seq, at, operator, " \
			       "file, bytes, sections, changes, conflicts, checksum) "          \
			       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")        \
	/* conflicts */                                                                      \
	X(SYNC_CONFLICT_INSERT, "INSERT INTO sync_conflict(at, peer, package_seq, origin, tbl, " \
				"record_id, kind, columns, mine, theirs, mine_rec, theirs_rec, " \
				"outcome, rule, resolution, resolved_at, resolved_by) VALUES "  \
				"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, " \
				"?15, CASE WHEN ?15 IS NULL THEN NULL ELSE ?1 END, "           \
				"CASE WHEN ?15 IS NULL THEN NULL ELSE 'sync' END)")            \
	X(SYNC_CONFLICT_LIST, "SELECT id, at, peer, package_seq, origin, tbl, record_id, kind, " \
			      "columns, mine, theirs, outcome, rule, resolution, resolved_at, " \
			      "resolved_by FROM sync_conflict WHERE ?1 OR resolution IS NULL "  \
			      "ORDER BY id")                                                    \
	X(SYNC_CONFLICT_GET, "SELECT id, tbl, record_id, kind, columns, mine_rec, theirs_rec, " \
			     "resolution, origin FROM sync_conflict WHERE id = ?1")             \
	X(SYNC_CONFLICT_OPEN, "SELECT count(*) FROM sync_conflict WHERE resolution IS NULL")   \
	X(SYNC_CONFLICT_RESOLVE, "UPDATE sync_conflict SET resolution = ?2, resolved_at = ?3, " \
				 "resolved_by = ?4 WHERE id = ?1 AND resolution IS NULL")       \
	/* Open conflicts about a record that a later resolution elsewhere settled. */      \
	X(SYNC_CONFLICT_SUPERSEDE, "UPDATE sync_conflict SET resolution = 'superseded', "     \
				   "resolved_at = ?3, resolved_by = ?4 WHERE tbl = ?1 AND "     \
				   "record_id = ?2 AND resolution IS NULL")                     \
	X(SYNC_RESOLUTION_INSERT, "INSERT INTO sync_resolution(id, tbl, record_id, keep, "     \
				  "columns, office, operator, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)") \
	/* merged duplicates */                                                              \
	X(SYNC_ALIAS_SET, "INSERT OR REPLACE INTO sync_alias(tbl, loser, winner) "             \
			  "VALUES (?1, ?2, ?3)")                                                \
	X(SYNC_ALIAS_GET, "SELECT winner FROM sync_alias WHERE tbl = ?1 AND loser = ?2")        \
	X(SYNC_ALIAS_ALL, "SELECT tbl, loser, winner FROM sync_alias ORDER BY tbl, loser")     \
	X(SYNC_DEFER_FK, "PRAGMA defer_foreign_keys = ON")                                     \
	X(SYNC_FK_CHECK, "PRAGMA foreign_key_check")                                           \
	/* whole records, in declared column order */                                        \
	X(SYNC_ROW_GRID, "SELECT * FROM grid WHERE id = ?1")                                    \
	X(SYNC_ROW_ORG, "SELECT * FROM org WHERE id = ?1")                                      \
	X(SYNC_ROW_INSTRUCTOR, "SELECT * FROM instructor WHERE id = ?1")                        \
	X(SYNC_ROW_PARTY_MEMBER, "SELECT * FROM party_member WHERE id = ?1")                    \
	X(SYNC_ROW_WORKER, "SELECT * FROM worker WHERE id = ?1")                                \
	X(SYNC_ROW_TICKET, "SELECT * FROM ticket WHERE id = ?1")                                \
	/* A bulk import's new tickets, written to change_log from the table   \
	 * (core/sync_bulk.c); columns in declared order, as the session has them. */ \
	X(SYNC_BULK_TICKET, "SELECT * FROM ticket WHERE rowid BETWEEN ?1 AND ?2")             \
	X(SYNC_ROW_TICKET_EVENT, "SELECT * FROM ticket_event WHERE id = ?1")                    \
	X(SYNC_ROW_POINTS, "SELECT * FROM points_ledger WHERE id = ?1")                         \
	X(SYNC_ROW_STATION, "SELECT * FROM station WHERE id = ?1")                              \
	X(SYNC_ROW_ACTIVITY, "SELECT * FROM activity WHERE id = ?1")                            \
	X(SYNC_ROW_COOP, "SELECT * FROM coop_project WHERE id = ?1")                            \
	X(SYNC_ROW_CREDIT, "SELECT * FROM credit_grant WHERE id = ?1")                          \
	X(SYNC_ROW_AUDIT, "SELECT * FROM audit WHERE id = ?1")                                  \
	/* records by natural key (the keys of the CSV contract) */                          \
	X(SYNC_KEY_GRID, "SELECT * FROM grid WHERE code = ?1")                                  \
	X(SYNC_KEY_ORG, "SELECT * FROM org WHERE credit_code = ?1")                             \
	X(SYNC_KEY_INSTRUCTOR, "SELECT * FROM instructor WHERE phone = ?1")                     \
	X(SYNC_KEY_WORKER, "SELECT * FROM worker WHERE phone = ?1")                             \
	X(SYNC_KEY_TICKET, "SELECT * FROM ticket WHERE number = ?1")                            \
	X(SYNC_KEY_STATION, "SELECT * FROM station WHERE name = ?1")                            \
	X(SYNC_KEY_POINTS, "SELECT * FROM points_ledger WHERE worker_id = ?1 AND ticket_id = ?2") \
	SYNC_REPOINT(X, GRID_PARENT, "grid", "parent_id")                                       \
	SYNC_REPOINT(X, ORG_GRID, "org", "grid_id")                                             \
	SYNC_REPOINT_LINK(X, IG_GRID, "instructor_grid", "grid_id")                             \
	SYNC_REPOINT(X, PM_GRID, "party_member", "grid_id")                                     \
	SYNC_REPOINT(X, WORKER_GRID, "worker", "community_id")                                  \
	SYNC_REPOINT(X, TICKET_GRID, "ticket", "grid_id")                                       \
	SYNC_REPOINT(X, STATION_GRID, "station", "grid_id")                                     \
	SYNC_REPOINT(X, ACTIVITY_GRID, "activity", "grid_id")                                   \
	SYNC_REPOINT_LINK(X, IO_ORG, "instructor_org", "org_id")                                \
	SYNC_REPOINT(X, PM_ORG, "party_member", "org_id")                                       \
	SYNC_REPOINT(X, TICKET_ORG, "ticket", "org_id")                                         \
	SYNC_REPOINT(X, COOP_ORG_A, "coop_project", "org_a")                                    \
	SYNC_REPOINT(X, COOP_ORG_B, "coop_project", "org_b")                                    \
	SYNC_REPOINT(X, CREDIT_ORG, "credit_grant", "org_id")                                   \
	SYNC_REPOINT_LINK(X, IG_INSTR, "instructor_grid", "instructor_id")                      \
	SYNC_REPOINT_LINK(X, IO_INSTR, "instructor_org", "instructor_id")                       \
	SYNC_REPOINT(X, TICKET_INSTR, "ticket", "instructor_id")                                \
	SYNC_REPOINT(X, TICKET_WORKER, "ticket", "worker_id")                                   \
	SYNC_REPOINT(X, POINTS_WORKER, "points_ledger", "worker_id")                            \
	SYNC_REPOINT(X, TICKET_DUP, "ticket", "duplicate_of")                                   \
	SYNC_REPOINT_LINK(X, TD_TICKET, "ticket_department", "ticket_id")                       \
	SYNC_REPOINT(X, EVENT_TICKET, "ticket_event", "ticket_id")                              \
	SYNC_REPOINT(X, POINTS_TICKET, "points_ledger", "ticket_id")

#endif
