/* sql_activity.h - statements of the activity module (see queries.h):
 * party members, and the activities, cooperation projects and credit
 * grants kinds. */
#ifndef GW_SQL_ACTIVITY_H
#define GW_SQL_ACTIVITY_H

#define ACT_COLS "a.id, a.kind, a.title, a.held_on, a.grid_id, g.code, a.organiser, " \
		 "a.person_times, a.deleted, a.version FROM activity a "            \
		 "LEFT JOIN grid g ON g.id = a.grid_id "

#define COOP_COLS "c.id, c.title, c.org_a, oa.credit_code, oa.name, c.org_b, ob.credit_code, " \
		  "ob.name, c.field, c.activity_id, a.title, a.held_on, c.signed_on, "      \
		  "c.deleted, c.version FROM coop_project c "                              \
		  "JOIN org oa ON oa.id = c.org_a JOIN org ob ON ob.id = c.org_b "         \
		  "LEFT JOIN activity a ON a.id = c.activity_id "

#define CREDIT_COLS "c.id, c.org_id, o.credit_code, o.name, c.bank, c.amount_yuan, " \
		    "c.granted_on, c.deleted, c.version FROM credit_grant c "        \
		    "JOIN org o ON o.id = c.org_id "

/* Open ends of a date filter are NULL. */
#define ACT_PERIOD(col) "(?2 IS NULL OR " col " >= ?2) AND (?3 IS NULL OR " col " <= ?3)"

#define SQL_ACTIVITY(X)                                                              \
	/* An organisation by credit code, with what a party member needs of it. */ \
	X(ACT_ORG_BY_CODE, "SELECT id, grid_id, party_org, name FROM org "          \
			   "WHERE credit_code = ?1 AND deleted = 0")                  \
	X(ACT_MEMBER_INSERT, "INSERT INTO party_member(id, name, phone, org_id, grid_id, " \
			     "works_in_park, mobile, joined_on, office, created_at, updated_at) " \
			     "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?10)")            \
	/* Activities: the key is (kind, title, date); a deleted one revives. */   \
	X(ACT_BY_KEY, "SELECT " ACT_COLS "WHERE a.kind = ?1 AND a.title = ?2 "      \
		      "AND a.held_on = ?3 ORDER BY a.deleted, a.id LIMIT 1")         \
	X(ACT_BY_ID, "SELECT " ACT_COLS "WHERE a.id = ?1")                          \
	/* The event a project came from, by its title and date (matchmaking      \
	 * first, should another kind share both). */                             \
	X(ACT_BY_TITLE_DATE, "SELECT a.id FROM activity a WHERE a.title = ?1 "       \
			     "AND a.held_on = ?2 AND a.deleted = 0 "                 \
			     "ORDER BY a.kind <> 'matchmaking', a.id LIMIT 1")        \
	X(ACT_ACTIVITY_INSERT, "INSERT INTO activity(id, kind, title, held_on, grid_id, " \
			       "organiser, person_times, office, created_at, updated_at) " \
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)")                \
	X(ACT_ACTIVITY_UPDATE, "UPDATE activity SET kind = ?2, title = ?3, held_on = ?4, " \
			       "grid_id = ?5, organiser = ?6, person_times = ?7, deleted = 0, " \
			       "version = version + 1, updated_at = ?8 WHERE id = ?1")  \
	X(ACT_LIST, "SELECT " ACT_COLS "WHERE a.deleted = 0 AND (?1 IS NULL OR a.kind = ?1) " \
		    "AND " ACT_PERIOD("a.held_on") " ORDER BY a.held_on, a.kind, a.title") \
	/* Cooperation projects: the key is the title. */                         \
	X(COOP_BY_TITLE, "SELECT " COOP_COLS "WHERE c.title = ?1 ORDER BY c.deleted, c.id LIMIT 1") \
	X(COOP_BY_ID, "SELECT " COOP_COLS "WHERE c.id = ?1")                        \
	X(ACT_COOP_INSERT, "INSERT INTO coop_project(id, title, org_a, org_b, field, " \
			   "activity_id, signed_on, office, created_at, updated_at) "   \
			   "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)")                    \
	X(COOP_UPDATE, "UPDATE coop_project SET title = ?2, org_a = ?3, org_b = ?4, field = ?5, " \
		       "activity_id = ?6, signed_on = ?7, deleted = 0, version = version + 1, " \
		       "updated_at = ?8 WHERE id = ?1")                               \
	X(COOP_LIST, "SELECT " COOP_COLS "WHERE c.deleted = 0 AND ((?2 IS NULL AND ?3 IS NULL) " \
		     "OR (c.signed_on IS NOT NULL AND " ACT_PERIOD("c.signed_on") ")) " \
		     "ORDER BY c.signed_on, c.title")                  \
	/* Credit grants: the key is (organisation, bank, date). */               \
	X(CREDIT_BY_KEY, "SELECT " CREDIT_COLS "WHERE c.org_id = ?1 AND c.bank = ?2 "  \
			 "AND c.granted_on = ?3 ORDER BY c.deleted, c.id LIMIT 1")    \
	X(CREDIT_BY_ID, "SELECT " CREDIT_COLS "WHERE c.id = ?1")                    \
	X(ACT_CREDIT_INSERT, "INSERT INTO credit_grant(id, org_id, bank, amount_yuan, " \
			     "granted_on, office, created_at, updated_at) "            \
			     "VALUES (?1,?2,?3,?4,?5,?6,?7,?7)")                        \
	X(CREDIT_UPDATE, "UPDATE credit_grant SET org_id = ?2, bank = ?3, amount_yuan = ?4, " \
			 "granted_on = ?5, deleted = 0, version = version + 1, updated_at = ?6 " \
			 "WHERE id = ?1")                                              \
	X(CREDIT_LIST, "SELECT " CREDIT_COLS "WHERE c.deleted = 0 AND "  \
		       ACT_PERIOD("c.granted_on") " ORDER BY c.granted_on, o.name, c.bank") \
	/* The demo county is built only into a database without records. */      \
	X(DEMO_HAS_RECORDS, "SELECT EXISTS(SELECT 1 FROM grid) OR EXISTS(SELECT 1 FROM org) " \
			    "OR EXISTS(SELECT 1 FROM ticket) OR EXISTS(SELECT 1 FROM instructor)")

#endif
