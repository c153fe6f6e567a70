/* sql_report.h - statements of the report module (see queries.h).
 *
 * Parameters, the same in every statement: ?1 the scope's grid id (NULL:
 * the whole county, records without a grid included), ?2 and ?3 the
 * period's first and last day (NULL: open), ?4 the day after the last (for
 * times: "a time on the last day counts").  Statements that group by grid
 * leave the scope to C, which rolls the counts up the tree. */
#ifndef GW_SQL_REPORT_H
#define GW_SQL_REPORT_H

/* The scope: its node and every node under it, deleted ones too (their
 * records still belong to the area). */
#define RP_SCOPE "WITH RECURSIVE s(id) AS (SELECT ?1 UNION ALL "                  \
		 "SELECT g.id FROM grid g JOIN s ON g.parent_id = s.id) "
#define RP_IN(col) "(?1 IS NULL OR " col " IN (SELECT id FROM s))"
#define RP_DAYS(col) "(?2 IS NULL OR " col " >= ?2) AND (?3 IS NULL OR " col " <= ?3)"
#define RP_TIMES(col) "(?2 IS NULL OR " col " >= ?2) AND (?4 IS NULL OR " col " < ?4)"

#define SQL_REPORT(X)                                                                  \
	/* A read transaction around a report: all parts see the same records. */ \
	X(REPORT_READ_BEGIN, "BEGIN")                                                  \
	X(REPORT_READ_END, "COMMIT")                                                   \
	X(REPORT_ROOT, "SELECT code FROM grid WHERE parent_id IS NULL AND deleted = 0 " \
		       "ORDER BY level <> 'county', code LIMIT 1")                        \
	X(REPORT_GRIDS, "SELECT id, code, name, level, parent_id, basis, deleted FROM grid " \
			"ORDER BY code")                                                \
	/* Streamed and counted in C: GROUP BY would sort every row (SQLite has no \
	 * hash aggregation), several times slower on 100,000 units. */          \
	X(REPORT_COVERAGE, "SELECT grid_id, kind, party_org, party_org_since FROM org " \
			   "WHERE deleted = 0")                                          \
	/* The summary needs only the counts (counted in C, as coverage). */       \
	X(REPORT_NEW_ORG_COUNTS, RP_SCOPE "SELECT kind, party_org FROM org "             \
				 "WHERE deleted = 0 AND party_org <> 'none' "           \
				 "AND party_org_since IS NOT NULL AND " RP_DAYS("party_org_since") \
				 " AND " RP_IN("grid_id"))                                 \
	X(REPORT_NEW_ORGS, RP_SCOPE "SELECT o.party_org_since, o.credit_code, o.name, o.kind, " \
			   "o.party_org, g.code FROM org o JOIN grid g ON g.id = o.grid_id " \
			   "WHERE o.deleted = 0 AND o.party_org <> 'none' "             \
			   "AND o.party_org_since IS NOT NULL AND " RP_DAYS("o.party_org_since") \
			   " AND " RP_IN("o.grid_id") " ORDER BY o.party_org_since, o.name") \
	/* Roster: instructors are in scope through the grids they keep. */      \
	X(REPORT_ROLES, RP_SCOPE "SELECT i.role, count(*) FROM instructor i "           \
			"WHERE i.deleted = 0 AND i.status = 'active' AND (?1 IS NULL OR EXISTS " \
			"(SELECT 1 FROM instructor_grid ig WHERE ig.instructor_id = i.id " \
			"AND ig.grid_id IN (SELECT id FROM s))) GROUP BY i.role")        \
	X(REPORT_STAFFING, "SELECT ig.grid_id, i.role, count(*) FROM instructor_grid ig " \
			   "JOIN instructor i ON i.id = ig.instructor_id "               \
			   "WHERE i.deleted = 0 AND i.status = 'active' GROUP BY 1, 2")   \
	X(REPORT_UNSTAFFED_COUNT, RP_SCOPE "SELECT count(*) FROM org o WHERE o.deleted = 0 " \
				  "AND " RP_IN("o.grid_id") " AND NOT EXISTS (SELECT 1 "      \
				  "FROM instructor_org io JOIN instructor i ON "            \
				  "i.id = io.instructor_id WHERE io.org_id = o.id "         \
				  "AND i.deleted = 0 AND i.status = 'active')")            \
	X(REPORT_UNSTAFFED, RP_SCOPE "SELECT o.credit_code, o.name, o.kind, g.code FROM org o " \
			    "JOIN grid g ON g.id = o.grid_id WHERE o.deleted = 0 AND "   \
			    RP_IN("o.grid_id") " AND NOT EXISTS (SELECT 1 FROM instructor_org io " \
			    "JOIN instructor i ON i.id = io.instructor_id WHERE io.org_id = o.id " \
			    "AND i.deleted = 0 AND i.status = 'active') ORDER BY g.code, o.name") \
	/* Tickets: one pass, aggregated in C (core/report_tickets.c) with the   \
	 * working-day calendar; ?2 is the accumulator (sqlite3_bind_pointer). */ \
	X(REPORT_HAS_TICKET_FN, "SELECT count(*) FROM pragma_function_list "             \
				"WHERE name = 'gw_report_tickets'")                     \
	X(REPORT_TICKETS, RP_SCOPE "SELECT gw_report_tickets(?2, category, source, status, " \
			  "department, created_at, resolved_at, due_on, held_days) FROM ticket " \
			  "WHERE deleted = 0 AND duplicate_of IS NULL AND " RP_IN("grid_id")) \
	X(REPORT_WORKERS, RP_SCOPE "SELECT job, party_member, roles FROM worker "        \
			  "WHERE deleted = 0 AND " RP_IN("community_id"))                \
	X(REPORT_POINTS, RP_SCOPE "SELECT coalesce(sum(CASE WHEN p.points > 0 THEN p.points END), 0), " \
			 "coalesce(sum(CASE WHEN p.points < 0 THEN -p.points END), 0) "  \
			 "FROM points_ledger p JOIN worker w ON w.id = p.worker_id WHERE " \
			 RP_TIMES("p.at") " AND " RP_IN("w.community_id"))               \
	/* Party members: managed = by an organisation that has a party org. */  \
	X(REPORT_MEMBERS, "SELECT p.grid_id, p.works_in_park, p.mobile, "                \
			  "(o.id IS NOT NULL AND o.deleted = 0 AND o.party_org <> 'none'), " \
			  "count(*) FROM party_member p LEFT JOIN org o ON o.id = p.org_id " \
			  "WHERE p.deleted = 0 GROUP BY 1, 2, 3, 4")                   \
	X(REPORT_MEMBER_ORGS, RP_SCOPE "SELECT o.credit_code, o.name, o.kind, count(*), " \
			      "sum(p.mobile), sum(p.works_in_park) FROM party_member p "  \
			      "JOIN org o ON o.id = p.org_id WHERE p.deleted = 0 AND "    \
			      RP_IN("p.grid_id") " GROUP BY o.id ORDER BY count(*) DESC, o.name") \
	X(REPORT_STATIONS, "SELECT grid_id, host, services FROM station WHERE deleted = 0") \
	X(REPORT_ACTIVITIES, RP_SCOPE "SELECT kind, count(*), sum(person_times) FROM activity " \
			     "WHERE deleted = 0 AND " RP_DAYS("held_on") " AND "          \
			     RP_IN("grid_id") " GROUP BY kind")                          \
	/* A project without a signing date counts only when no period is set. */ \
	X(REPORT_COOP, RP_SCOPE "SELECT count(*) FROM coop_project c "                   \
		       "JOIN org a ON a.id = c.org_a JOIN org b ON b.id = c.org_b "       \
		       "WHERE c.deleted = 0 AND ((?2 IS NULL AND ?3 IS NULL) OR "         \
		       "(c.signed_on IS NOT NULL AND " RP_DAYS("c.signed_on") ")) AND "    \
		       "(" RP_IN("a.grid_id") " OR " RP_IN("b.grid_id") ")")              \
	X(REPORT_CREDIT, RP_SCOPE "SELECT count(DISTINCT c.org_id), count(*), "          \
			 "coalesce(sum(c.amount_yuan), 0) FROM credit_grant c "         \
			 "JOIN org o ON o.id = c.org_id WHERE c.deleted = 0 AND "       \
			 RP_DAYS("c.granted_on") " AND " RP_IN("o.grid_id"))            \
	X(REPORT_CREDIT_BANKS, RP_SCOPE "SELECT c.bank, count(DISTINCT c.org_id), count(*), " \
			       "sum(c.amount_yuan) FROM credit_grant c "                 \
			       "JOIN org o ON o.id = c.org_id WHERE c.deleted = 0 AND "  \
			       RP_DAYS("c.granted_on") " AND " RP_IN("o.grid_id")        \
			       " GROUP BY c.bank ORDER BY 4 DESC, 1")

#endif
