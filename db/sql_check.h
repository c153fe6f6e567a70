/* sql_check.h - the domain's invariants: each query lists the records that
 * break one rule, as (table, key, detail). */
#ifndef GW_SQL_CHECK_H
#define GW_SQL_CHECK_H

#define SQL_CHECK(X)                                                                   \
	X(CHECK_ONE_COUNTY, "SELECT 'grid', group_concat(code), count(*) FROM grid "   \
			    "WHERE level = 'county' AND deleted = 0 HAVING count(*) > 1") \
	X(CHECK_GRID_PARENT, "SELECT 'grid', g.code, g.level || ' under ' || coalesce(p.level, 'nothing') " \
			     "FROM grid g LEFT JOIN grid p ON p.id = g.parent_id WHERE g.deleted = 0 AND NOT (" \
			     " (g.level = 'county' AND g.parent_id IS NULL) OR "           \
			     " (g.level = 'township' AND p.level = 'county') OR "          \
			     " (g.level = 'park' AND p.level IN ('county','park','township')) OR " \
			     " (g.level = 'grid' AND p.level IN ('township','park')))")   \
	X(CHECK_GRID_BASIS, "SELECT 'grid', code, 'grid without basis' FROM grid "     \
			    "WHERE level = 'grid' AND basis IS NULL AND deleted = 0")     \
	X(CHECK_LIVE_UNDER_DELETED, "SELECT 'grid', g.code, 'parent ' || p.code || ' is deleted' " \
				    "FROM grid g JOIN grid p ON p.id = g.parent_id "      \
				    "WHERE g.deleted = 0 AND p.deleted = 1 "              \
				    "UNION ALL SELECT 'org', o.credit_code, 'grid ' || g.code || ' is deleted' " \
				    "FROM org o JOIN grid g ON g.id = o.grid_id WHERE o.deleted = 0 AND g.deleted = 1") \
	X(CHECK_PARTY_ORG_DATE, "SELECT 'org', credit_code, 'party organisation without founding date' " \
				"FROM org WHERE party_org <> 'none' AND party_org_since IS NULL AND deleted = 0") \
	X(CHECK_TICKET_RESOLVED, "SELECT 'ticket', number, status || ' without resolved_at' FROM ticket " \
				 "WHERE status IN ('resolved','closed') AND resolved_at IS NULL AND deleted = 0") \
	X(CHECK_TICKET_DEPT, "SELECT 'ticket', t.number, 'department ' || t.department || ' is not configured' " \
			     "FROM ticket t JOIN department d ON d.name = t.department WHERE d.deleted = 1 " \
			     "AND t.status NOT IN ('resolved','closed')")

#endif
