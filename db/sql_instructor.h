/* sql_instructor.h - statements of the instructor module (see queries.h). */
#ifndef GW_SQL_INSTRUCTOR_H
#define GW_SQL_INSTRUCTOR_H

/* The record as core/instructor.c reads it (read_row). */
#define INSTR_COLS "i.id, i.phone, i.name, i.gender, i.unit, i.role, i.status, i.deleted, " \
		   "i.version FROM instructor i"

/* On duty: what counts toward the 1 full-time + 2 part-time standard. */
#define INSTR_ON_DUTY "i.deleted = 0 AND i.status = 'active'"

#define SQL_INSTRUCTOR(X)                                                              \
	X(INSTR_BY_PHONE, "SELECT " INSTR_COLS " WHERE i.phone = ?1")                 \
	X(INSTR_BY_ID, "SELECT " INSTR_COLS " WHERE i.id = ?1")                       \
	X(INSTR_INSERT, "INSERT INTO instructor(id, phone, name, gender, unit, role, status, " \
			"office, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)") \
	X(INSTR_UPDATE, "UPDATE instructor SET phone = ?2, name = ?3, gender = ?4, unit = ?5, " \
			"role = ?6, status = ?7, deleted = 0, version = version + 1, " \
			"updated_at = ?8 WHERE id = ?1")                               \
	X(INSTR_SOFT_DELETE, "UPDATE instructor SET deleted = 1, version = version + 1, " \
			     "updated_at = ?2 WHERE id = ?1")                          \
	/* Links, ordered by the code that the file and the screen show. */        \
	X(INSTR_GRIDS, "SELECT g.id, g.code, g.name, g.deleted FROM instructor_grid ig " \
		       "JOIN grid g ON g.id = ig.grid_id WHERE ig.instructor_id = ?1 ORDER BY g.code") \
	X(INSTR_ORGS, "SELECT o.id, o.credit_code, o.name, o.deleted FROM instructor_org io " \
		      "JOIN org o ON o.id = io.org_id WHERE io.instructor_id = ?1 "     \
		      "ORDER BY o.credit_code")                                        \
	X(INSTR_GRID_CLEAR, "DELETE FROM instructor_grid WHERE instructor_id = ?1")   \
	X(INSTR_GRID_ADD, "INSERT OR IGNORE INTO instructor_grid(instructor_id, grid_id) " \
			  "VALUES (?1, ?2)")                                           \
	X(INSTR_ORG_CLEAR, "DELETE FROM instructor_org WHERE instructor_id = ?1")     \
	X(INSTR_ORG_ADD, "INSERT OR IGNORE INTO instructor_org(instructor_id, org_id) " \
			 "VALUES (?1, ?2)")                                            \
	/* By key, so two databases holding the same records export the same bytes. */ \
	X(INSTR_EXPORT, "SELECT " INSTR_COLS " WHERE i.deleted = 0 ORDER BY i.phone") \
	X(INSTR_OF_GRID, "SELECT " INSTR_COLS " JOIN instructor_grid ig ON ig.instructor_id = i.id " \
			 "WHERE ig.grid_id = ?1 AND " INSTR_ON_DUTY " ORDER BY i.role, i.name, i.phone") \
	X(INSTR_OF_ORG, "SELECT " INSTR_COLS " JOIN instructor_org io ON io.instructor_id = i.id " \
			"WHERE io.org_id = ?1 AND " INSTR_ON_DUTY " ORDER BY i.role, i.name, i.phone") \
	X(INSTR_GRID_COUNTS, "SELECT coalesce(sum(i.role = 'full_time'), 0), "        \
			     "coalesce(sum(i.role = 'part_time'), 0) FROM instructor_grid ig " \
			     "JOIN instructor i ON i.id = ig.instructor_id "           \
			     "WHERE ig.grid_id = ?1 AND " INSTR_ON_DUTY)               \
	/* One page after (?1, ?2) by (name, id). */                               \
	X(INSTR_LIST, "SELECT " INSTR_COLS " WHERE i.deleted = 0 "                     \
		      "AND (?1 IS NULL OR i.name > ?1 OR (i.name = ?1 AND i.id > ?2)) " \
		      "ORDER BY i.name, i.id LIMIT ?3") \
	SQL_INSTRUCTOR_PAGE(X)

/* The roster's pages (core/list.c, db/sql_page.h): an instructor is under a
 * grid node when one of the grids they are responsible for is. */
#include "sql_page.h"
#define INSTR_PG_GRIDS "coalesce((SELECT group_concat(g.name, '、') FROM instructor_grid ig "  \
		       "JOIN grid g ON g.id = ig.grid_id WHERE ig.instructor_id = i.id "      \
		       "AND g.deleted = 0), '')"
#define INSTR_PG_COLS "i.id, i.version, i.name, i.phone, coalesce(i.gender, ''), i.role, "   \
		      "i.status, i.unit, " INSTR_PG_GRIDS
#define INSTR_PG_WHERE "i.deleted = 0 AND (?1 IS NULL OR EXISTS(SELECT 1 FROM instructor_grid ig " \
		       "WHERE ig.instructor_id = i.id AND " PAGE_UNDER("ig.grid_id") "))"
#define INSTR_PAGE(X, n, key)                                                          \
	PAGE_STMTS(X, INSTR_PAGE_##n, INSTR_PG_COLS, "instructor i",                    \
		   "json_each(?2) j CROSS JOIN instructor i ON i.id = j.value", INSTR_PG_WHERE, \
		   key, "i.rowid")
#define SQL_INSTRUCTOR_PAGE(X)                                                         \
	INSTR_PAGE(X, NAME, "i.name")                                                   \
	INSTR_PAGE(X, PHONE, "i.phone")                                                 \
	INSTR_PAGE(X, GENDER, "coalesce(i.gender, '')")                                 \
	INSTR_PAGE(X, ROLE, "i.role")                                                   \
	INSTR_PAGE(X, STATUS, "i.status")                                               \
	INSTR_PAGE(X, UNIT, "i.unit")                                                   \
	INSTR_PAGE(X, GRIDS, INSTR_PG_GRIDS)

#endif
