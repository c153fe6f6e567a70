/* sql_activity.h - statements of the activity module (see queries.h):
 * party members, activities, cooperation projects and credit grants, the
 * records that have no CSV kind of their own. */
#ifndef GW_SQL_ACTIVITY_H
#define GW_SQL_ACTIVITY_H

#define SQL_ACTIVITY(X)                                                              \
	/* An organisation by credit code, with what a party member needs of it. */ \
	X(ACT_ORG_BY_CODE, "SELECT id, grid_id, party_org, name FROM org "          \
			   "WHERE credit_code = ?1 AND deleted = 0")                  \
	X(ACT_ACTIVITY_EXISTS, "SELECT 1 FROM activity WHERE id = ?1 AND deleted = 0") \
	X(ACT_MEMBER_INSERT, "INSERT INTO party_member(id, name, phone, org_id, grid_id, " \
			     "works_in_park, mobile, joined_on, office, created_at, updated_at) " \
			     "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?10)")            \
	X(ACT_ACTIVITY_INSERT, "INSERT INTO activity(id, kind, title, held_on, grid_id, " \
			       "organiser, person_times, office, created_at, updated_at) " \
			       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)")                \
	X(ACT_COOP_INSERT, "INSERT INTO coop_project(id, title, org_a, org_b, field, " \
			   "activity_id, signed_on, office, created_at, updated_at) "   \
			   "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)")                    \
	X(ACT_CREDIT_INSERT, "INSERT INTO credit_grant(id, org_id, bank, amount_yuan, " \
			     "granted_on, office, created_at, updated_at) "            \
			     "VALUES (?1,?2,?3,?4,?5,?6,?7,?7)")                        \
	/* The demo county is built only into a database without records. */      \
	X(DEMO_HAS_RECORDS, "SELECT EXISTS(SELECT 1 FROM grid) OR EXISTS(SELECT 1 FROM org) " \
			    "OR EXISTS(SELECT 1 FROM ticket) OR EXISTS(SELECT 1 FROM instructor)")

#endif
