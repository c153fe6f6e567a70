/* sql_meta.h - database-wide statements: meta keys, audit, operators. */
#ifndef GW_SQL_META_H
#define GW_SQL_META_H

#define SQL_META(X)                                                          \
	X(META_GET, "SELECT value FROM meta WHERE key = ?1")                 \
	/* Indexes made by CREATE INDEX (sql NOT NULL), for db_index_drop. */ \
	X(DB_TABLE_INDEXES, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' " \
			    "AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name") \
	X(META_SET, "INSERT INTO meta(key, value) VALUES (?1, ?2) "          \
		    "ON CONFLICT(key) DO UPDATE SET value = excluded.value")  \
	X(OFFICE_UPSERT, "INSERT INTO office(code, name, created_at) VALUES (?1, ?2, ?3) " \
			 "ON CONFLICT(code) DO UPDATE SET name = excluded.name") \
	X(AUDIT_INSERT, "INSERT INTO audit(id, at, operator, office, tbl, record_id, action, old, new) " \
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")        \
	X(AUDIT_COUNT, "SELECT count(*) FROM audit")                         \
	X(DEPT_UPSERT, "INSERT INTO department(id, name, new_employment, office, created_at, updated_at) " \
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT(name) DO UPDATE SET " \
		       "new_employment = excluded.new_employment, deleted = 0 " \
		       "WHERE new_employment <> excluded.new_employment OR deleted <> 0") \
	X(DEPT_RETIRE, "UPDATE department SET deleted = 1, version = version + 1, updated_at = ?2 " \
		       "WHERE name = ?1 AND deleted = 0")                     \
	X(DEPT_EXISTS, "SELECT 1 FROM department WHERE name = ?1 AND deleted = 0") \
	X(DEPT_LIST, "SELECT name, new_employment FROM department WHERE deleted = 0 ORDER BY rowid")

#endif
