/* sql_search.h - statements of the search module (see queries.h and
 * core/search.c).  Kinds are numbered as enum search_kind. */
#ifndef GW_SQL_SEARCH_H
#define GW_SQL_SEARCH_H

/* What a flush indexes of one kind, each row (rowid, live, text to index
 * with fields joined by U+001F): records added since the last flush (rowids
 * above ?1), records noted changed, and rowids deleted (rowid, whether a
 * record holds it again, live, text). */
#define SEARCH_NEW_SQL(tbl, text)                                                        \
	"SELECT x.rowid, x.deleted = 0, " text " FROM " tbl " x WHERE x.rowid > ?1 "      \
	"ORDER BY x.rowid"
#define SEARCH_DIRTY_SQL(k, tbl, text)                                                   \
	"SELECT x.rowid, x.deleted = 0, " text " FROM search_dirty d "                    \
	"JOIN " tbl " x ON x.id = d.id WHERE d.kind = " k
#define SEARCH_GONE_SQL(k, tbl, text)                                                    \
	"SELECT g.rid, x.rowid IS NOT NULL, x.deleted = 0, " text " FROM search_gone g "  \
	"LEFT JOIN " tbl " x ON x.rowid = g.rid WHERE g.kind = " k

/* A record by the rowid its postings hold: id, text, live. */
#define SEARCH_TEXT_SQL(tbl, text)                                                       \
	"SELECT x.id, " text ", x.deleted = 0 FROM " tbl " x WHERE x.rowid = ?1"

/* Each table's last rowid and its id; and the ids at given rowids: the
 * index's check that rowids were not renumbered (core/search_index.c). */
#define SEARCH_LAST_SQL(tbl)                                                             \
	"(SELECT rowid FROM " tbl " ORDER BY rowid DESC LIMIT 1), "                       \
	"(SELECT id FROM " tbl " ORDER BY rowid DESC LIMIT 1)"
#define SEARCH_AT_SQL(tbl, n) "(SELECT id FROM " tbl " WHERE rowid = ?" n ")"
#define SEARCH_HAS_SQL(tbl, n) "EXISTS (SELECT 1 FROM " tbl " WHERE id = ?" n ")"

/* A name range [?1, ?2) over a UNIQUE index, exact match first. */
#define SEARCH_RANGE(tbl, col)                                                           \
	"SELECT id, " col " = ?1 FROM " tbl " WHERE " col " >= ?1 AND " col " < ?2 "       \
	"AND deleted = 0 ORDER BY " col " LIMIT ?3"

#define SEARCH_TEXT_ONE "x.name"
#define SEARCH_TEXT_TICKET "x.title || char(31) || x.reporter"

#define SQL_SEARCH(X)                                                                    \
	X(SEARCH_DIRTY_ANY, "SELECT EXISTS (SELECT 1 FROM search_dirty) "                  \
			    "OR EXISTS (SELECT 1 FROM search_gone)")                        \
	X(SEARCH_POST_ANY, "SELECT EXISTS (SELECT 1 FROM search_post)")                     \
	X(SEARCH_NEW_INSTRUCTOR, SEARCH_NEW_SQL("instructor", SEARCH_TEXT_ONE))             \
	X(SEARCH_NEW_ORG, SEARCH_NEW_SQL("org", SEARCH_TEXT_ONE))                           \
	X(SEARCH_NEW_GRID, SEARCH_NEW_SQL("grid", SEARCH_TEXT_ONE))                         \
	X(SEARCH_NEW_TICKET, SEARCH_NEW_SQL("ticket", SEARCH_TEXT_TICKET))                  \
	X(SEARCH_NEW_WORKER, SEARCH_NEW_SQL("worker", SEARCH_TEXT_ONE))                     \
	X(SEARCH_NEW_STATION, SEARCH_NEW_SQL("station", SEARCH_TEXT_ONE))                   \
	X(SEARCH_DIRTY_INSTRUCTOR, SEARCH_DIRTY_SQL("0", "instructor", SEARCH_TEXT_ONE))    \
	X(SEARCH_DIRTY_ORG, SEARCH_DIRTY_SQL("1", "org", SEARCH_TEXT_ONE))                  \
	X(SEARCH_DIRTY_GRID, SEARCH_DIRTY_SQL("2", "grid", SEARCH_TEXT_ONE))                \
	X(SEARCH_DIRTY_TICKET, SEARCH_DIRTY_SQL("3", "ticket", SEARCH_TEXT_TICKET))         \
	X(SEARCH_DIRTY_WORKER, SEARCH_DIRTY_SQL("4", "worker", SEARCH_TEXT_ONE))            \
	X(SEARCH_DIRTY_STATION, SEARCH_DIRTY_SQL("5", "station", SEARCH_TEXT_ONE))          \
	X(SEARCH_GONE_INSTRUCTOR, SEARCH_GONE_SQL("0", "instructor", SEARCH_TEXT_ONE))      \
	X(SEARCH_GONE_ORG, SEARCH_GONE_SQL("1", "org", SEARCH_TEXT_ONE))                    \
	X(SEARCH_GONE_GRID, SEARCH_GONE_SQL("2", "grid", SEARCH_TEXT_ONE))                  \
	X(SEARCH_GONE_TICKET, SEARCH_GONE_SQL("3", "ticket", SEARCH_TEXT_TICKET))           \
	X(SEARCH_GONE_WORKER, SEARCH_GONE_SQL("4", "worker", SEARCH_TEXT_ONE))              \
	X(SEARCH_GONE_STATION, SEARCH_GONE_SQL("5", "station", SEARCH_TEXT_ONE))            \
	X(SEARCH_TEXT_INSTRUCTOR, SEARCH_TEXT_SQL("instructor", SEARCH_TEXT_ONE))           \
	X(SEARCH_TEXT_ORG, SEARCH_TEXT_SQL("org", SEARCH_TEXT_ONE))                         \
	X(SEARCH_TEXT_GRID, SEARCH_TEXT_SQL("grid", SEARCH_TEXT_ONE))                       \
	X(SEARCH_TEXT_TICKET, SEARCH_TEXT_SQL("ticket", SEARCH_TEXT_TICKET))                \
	X(SEARCH_TEXT_WORKER, SEARCH_TEXT_SQL("worker", SEARCH_TEXT_ONE))                   \
	X(SEARCH_TEXT_STATION, SEARCH_TEXT_SQL("station", SEARCH_TEXT_ONE))                 \
	X(SEARCH_LAST, "SELECT " SEARCH_LAST_SQL("instructor") ", " SEARCH_LAST_SQL("org") ", " \
		       SEARCH_LAST_SQL("grid") ", " SEARCH_LAST_SQL("ticket") ", "          \
		       SEARCH_LAST_SQL("worker") ", " SEARCH_LAST_SQL("station"))            \
	X(SEARCH_AT, "SELECT " SEARCH_AT_SQL("instructor", "1") ", " SEARCH_AT_SQL("org", "2") ", " \
		     SEARCH_AT_SQL("grid", "3") ", " SEARCH_AT_SQL("ticket", "4") ", "          \
		     SEARCH_AT_SQL("worker", "5") ", " SEARCH_AT_SQL("station", "6"))          \
	X(SEARCH_HAS, "SELECT " SEARCH_HAS_SQL("instructor", "1") ", " SEARCH_HAS_SQL("org", "2") ", " \
		      SEARCH_HAS_SQL("grid", "3") ", " SEARCH_HAS_SQL("ticket", "4") ", "        \
		      SEARCH_HAS_SQL("worker", "5") ", " SEARCH_HAS_SQL("station", "6"))        \
	X(SEARCH_DIRTY_CLEAR, "DELETE FROM search_dirty")                                   \
	X(SEARCH_GONE_CLEAR, "DELETE FROM search_gone")                                     \
	X(SEARCH_LIVE, "SELECT (SELECT count(*) FROM instructor WHERE deleted = 0) "       \
		       "+ (SELECT count(*) FROM org WHERE deleted = 0) "                    \
		       "+ (SELECT count(*) FROM grid WHERE deleted = 0) "                   \
		       "+ (SELECT count(*) FROM ticket WHERE deleted = 0) "                 \
		       "+ (SELECT count(*) FROM worker WHERE deleted = 0) "                 \
		       "+ (SELECT count(*) FROM station WHERE deleted = 0)")                \
	/* Posting lists: the chunks of a gram, or of a range of grams. */             \
	X(SEARCH_POST_INFO, "SELECT count(*) FROM search_post WHERE gram = ?1")             \
	X(SEARCH_POST_INSERT, "INSERT INTO search_post(gram, seq, docs) VALUES (?1, ?2, ?3)") \
	X(SEARCH_POST_RANGE, "SELECT gram, docs FROM search_post WHERE gram BETWEEN ?1 AND ?2 " \
			     "ORDER BY gram, seq")                                           \
	X(SEARCH_POST_DROP, "DELETE FROM search_post WHERE gram = ?1")                      \
	X(SEARCH_POST_CLEAR, "DELETE FROM search_post")                                     \
	/* Phones: exact, start (UNIQUE index), last four (expression index). */       \
	X(SEARCH_INSTR_PHONE, SEARCH_RANGE("instructor", "phone"))                          \
	X(SEARCH_INSTR_PHONE4, "SELECT id FROM instructor WHERE substr(phone, -4) = ?1 "   \
			       "AND deleted = 0 ORDER BY phone LIMIT ?2")                    \
	X(SEARCH_WORKER_PHONE, SEARCH_RANGE("worker", "phone"))                             \
	X(SEARCH_WORKER_PHONE4, "SELECT id FROM worker WHERE substr(phone, -4) = ?1 "      \
				"AND deleted = 0 ORDER BY phone LIMIT ?2")                   \
	X(SEARCH_ORG_PHONE4, "SELECT id, replace(phone, '-', '') = ?2 FROM org WHERE substr(phone, -4) = ?1 " \
			     "AND phone <> '' AND deleted = 0 ORDER BY 2 DESC, phone " \
			     "LIMIT ?3")                                                     \
	/* Codes: exact or start, over their UNIQUE indexes. */                       \
	X(SEARCH_GRID_CODE, SEARCH_RANGE("grid", "code"))                                   \
	X(SEARCH_ORG_CODE, SEARCH_RANGE("org", "credit_code"))                              \
	X(SEARCH_TICKET_NUMBER, SEARCH_RANGE("ticket", "number"))                           \
	/* What a hit shows. */                                                          \
	X(SEARCH_SHOW_INSTRUCTOR, "SELECT name, phone, role, unit, status FROM instructor " \
				  "WHERE id = ?1")                                           \
	X(SEARCH_INSTR_GRIDS, "SELECT g.code, g.name FROM instructor_grid ig "              \
			      "JOIN grid g ON g.id = ig.grid_id "                            \
			      "WHERE ig.instructor_id = ?1 AND g.deleted = 0 ORDER BY g.code") \
	X(SEARCH_INSTR_ORGS, "SELECT o.credit_code, o.name FROM instructor_org io "         \
			     "JOIN org o ON o.id = io.org_id "                               \
			     "WHERE io.instructor_id = ?1 AND o.deleted = 0 ORDER BY o.credit_code") \
	X(SEARCH_SHOW_ORG, "SELECT o.name, o.credit_code, o.phone, o.party_org, "           \
			   "o.party_org_since, g.code, g.name, o.grid_id FROM org o "        \
			   "LEFT JOIN grid g ON g.id = o.grid_id WHERE o.id = ?1")           \
	/* On duty only: these are the people to call. */                             \
	X(SEARCH_ORG_INSTRUCTORS, "SELECT i.name, i.phone, i.role FROM instructor_org io "  \
				  "JOIN instructor i ON i.id = io.instructor_id "            \
				  "WHERE io.org_id = ?1 AND i.deleted = 0 AND i.status = 'active' " \
				  "ORDER BY i.role, i.name")                                 \
	X(SEARCH_GRID_INSTRUCTORS, "SELECT i.name, i.phone, i.role FROM instructor_grid ig " \
				   "JOIN instructor i ON i.id = ig.instructor_id "           \
				   "WHERE ig.grid_id = ?1 AND i.deleted = 0 AND i.status = 'active' " \
				   "ORDER BY i.role, i.name")                                \
	X(SEARCH_SHOW_GRID, "SELECT code, name, level FROM grid WHERE id = ?1")             \
	X(SEARCH_GRID_CHAIN, "WITH RECURSIVE up(id, depth) AS ("                            \
			     " SELECT parent_id, 1 FROM grid WHERE id = ?1"                  \
			     " UNION ALL SELECT g.parent_id, up.depth + 1 FROM grid g"       \
			     " JOIN up ON g.id = up.id WHERE up.depth < 32) "                \
			     "SELECT g.code, g.name FROM up JOIN grid g ON g.id = up.id "   \
			     "ORDER BY up.depth DESC")                                       \
	X(SEARCH_SHOW_TICKET, "SELECT t.number, t.title, t.status, t.due_on, t.reporter, "  \
			      "g.code, g.name FROM ticket t "                                \
			      "LEFT JOIN grid g ON g.id = t.grid_id WHERE t.id = ?1")        \
	X(SEARCH_SHOW_WORKER, "SELECT w.name, w.phone, w.job, w.platform, g.code, g.name "  \
			      "FROM worker w LEFT JOIN grid g ON g.id = w.community_id "     \
			      "WHERE w.id = ?1")                                             \
	X(SEARCH_SHOW_STATION, "SELECT s.name, s.host, s.services, s.hours, g.code, g.name " \
			       "FROM station s LEFT JOIN grid g ON g.id = s.grid_id "        \
			       "WHERE s.id = ?1")

#endif
