/* sql_grid.h - statements of the grid module (see queries.h). */
#ifndef GW_SQL_GRID_H
#define GW_SQL_GRID_H

#define GRID_COLS "g.id, g.code, g.name, g.level, g.parent_id, g.basis, g.lon, g.lat, " \
		  "g.deleted, g.version, (SELECT p.code FROM grid p WHERE p.id = g.parent_id)"

#define SQL_GRID(X)                                                                   \
	X(GRID_BY_CODE, "SELECT " GRID_COLS " FROM grid g WHERE g.code = ?1")        \
	X(GRID_BY_ID, "SELECT " GRID_COLS " FROM grid g WHERE g.id = ?1")            \
	X(GRID_INSERT, "INSERT INTO grid(id, code, name, level, parent_id, basis, lon, lat, " \
		       "office, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?10)") \
	X(GRID_UPDATE, "UPDATE grid SET code = ?2, name = ?3, level = ?4, parent_id = ?5, " \
		       "basis = ?6, lon = ?7, lat = ?8, deleted = 0, version = version + 1, " \
		       "updated_at = ?9 WHERE id = ?1")                               \
	X(GRID_SOFT_DELETE, "UPDATE grid SET deleted = 1, version = version + 1, updated_at = ?2 " \
			    "WHERE id = ?1")                                          \
	X(GRID_HARD_DELETE, "DELETE FROM grid WHERE id = ?1")                         \
	X(GRID_PARENT_OF, "SELECT parent_id FROM grid WHERE id = ?1")                 \
	X(GRID_OTHER_COUNTY, "SELECT code FROM grid WHERE level = 'county' AND deleted = 0 " \
			     "AND id <> ?1 ORDER BY code LIMIT 1")                    \
	X(GRID_CHILDREN, "SELECT code, level FROM grid WHERE parent_id = ?1 AND deleted = 0 " \
			 "ORDER BY code")                                             \
	X(GRID_REFERENCED, "SELECT EXISTS(SELECT 1 FROM grid WHERE parent_id = ?1) "   \
			   "OR EXISTS(SELECT 1 FROM org WHERE grid_id = ?1) "         \
			   "OR EXISTS(SELECT 1 FROM ticket WHERE grid_id = ?1) "      \
			   "OR EXISTS(SELECT 1 FROM instructor_grid WHERE grid_id = ?1) " \
			   "OR EXISTS(SELECT 1 FROM station WHERE grid_id = ?1) "     \
			   "OR EXISTS(SELECT 1 FROM worker WHERE community_id = ?1)")  \
	/* Parents before children, so the file imports in one pass. */           \
	X(GRID_EXPORT, "WITH RECURSIVE t(id, depth) AS ("                             \
		       " SELECT id, 0 FROM grid WHERE parent_id IS NULL"              \
		       " UNION ALL SELECT g.id, t.depth + 1 FROM grid g JOIN t ON g.parent_id = t.id) " \
		       "SELECT g.code, g.name, g.level, p.code, g.basis, g.lon, g.lat "  \
		       "FROM t JOIN grid g ON g.id = t.id LEFT JOIN grid p ON p.id = g.parent_id " \
		       "WHERE g.deleted = 0 ORDER BY t.depth, g.code")

#endif
