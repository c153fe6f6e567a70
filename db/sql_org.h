/* sql_org.h - statements of the org module (see queries.h). */
#ifndef GW_SQL_ORG_H
#define GW_SQL_ORG_H

/* The record as core/org.c reads it (read_row), with its grid's code and name. */
#define ORG_COLS "o.id, o.credit_code, o.name, o.kind, o.tags, o.chain, o.grid_id, g.code, " \
		 "g.name, o.address, o.employees, o.party_members, o.party_org, "         \
		 "o.party_org_since, o.contact, o.phone, o.deleted, o.version "           \
		 "FROM org o JOIN grid g ON g.id = o.grid_id"

#define SQL_ORG(X)                                                                     \
	X(ORG_BY_CODE, "SELECT " ORG_COLS " WHERE o.credit_code = ?1")                \
	X(ORG_BY_ID, "SELECT " ORG_COLS " WHERE o.id = ?1")                           \
	X(ORG_INSERT, "INSERT INTO org(id, credit_code, name, kind, tags, chain, grid_id, " \
		      "address, employees, party_members, party_org, party_org_since, contact, " \
		      "phone, office, created_at, updated_at) "                         \
		      "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?16)") \
	/* plan is not part of the CSV contract: import leaves it alone. */        \
	X(ORG_UPDATE, "UPDATE org SET credit_code = ?2, name = ?3, kind = ?4, tags = ?5, " \
		      "chain = ?6, grid_id = ?7, address = ?8, employees = ?9, "       \
		      "party_members = ?10, party_org = ?11, party_org_since = ?12, "  \
		      "contact = ?13, phone = ?14, deleted = 0, version = version + 1, " \
		      "updated_at = ?15 WHERE id = ?1")                                \
	X(ORG_SOFT_DELETE, "UPDATE org SET deleted = 1, version = version + 1, updated_at = ?2 " \
			   "WHERE id = ?1")                                            \
	X(ORG_HARD_DELETE, "DELETE FROM org WHERE id = ?1")                           \
	X(ORG_REFERENCED, "SELECT EXISTS(SELECT 1 FROM ticket WHERE org_id = ?1) "     \
			  "OR EXISTS(SELECT 1 FROM instructor_org WHERE org_id = ?1) "  \
			  "OR EXISTS(SELECT 1 FROM party_member WHERE org_id = ?1) "    \
			  "OR EXISTS(SELECT 1 FROM coop_project WHERE org_a = ?1 OR org_b = ?1) " \
			  "OR EXISTS(SELECT 1 FROM credit_grant WHERE org_id = ?1)")    \
	X(ORG_PLAN_GET, "SELECT plan FROM org WHERE id = ?1")                         \
	X(ORG_PLAN_SET, "UPDATE org SET plan = ?2, version = version + 1, updated_at = ?3 " \
			"WHERE id = ?1")                                                \
	/* By key, so two databases holding the same records export the same bytes. */ \
	X(ORG_EXPORT, "SELECT " ORG_COLS " WHERE o.deleted = 0 ORDER BY o.credit_code") \
	/* One page after (?2, ?3) by (name, id); ?1 restricts to a grid node and  \
	 * everything under it. */                                                 \
	X(ORG_LIST, "SELECT " ORG_COLS " WHERE o.deleted = 0 "                        \
		    "AND (?1 IS NULL OR o.grid_id IN (WITH RECURSIVE sub(id) AS ("    \
		    "  SELECT ?1 UNION SELECT c.id FROM grid c JOIN sub ON c.parent_id = sub.id) " \
		    "  SELECT id FROM sub)) "                                          \
		    "AND (?2 IS NULL OR o.name > ?2 OR (o.name = ?2 AND o.id > ?3)) "  \
		    "ORDER BY o.name, o.id LIMIT ?4") \
	SQL_ORG_PAGE(X)

/* The organisations' pages (core/list.c, db/sql_page.h). */
#include "sql_page.h"
#define ORG_PG_COLS "o.id, o.version, o.name, o.credit_code, o.kind, g.name, o.party_org, "   \
		    "o.phone, o.contact"
#define ORG_PAGE(X, n, key)                                                            \
	PAGE_STMTS(X, ORG_PAGE_##n, ORG_PG_COLS, "org o CROSS JOIN grid g ON g.id = o.grid_id", \
		   "json_each(?2) j CROSS JOIN org o ON o.id = j.value "                 \
		   "CROSS JOIN grid g ON g.id = o.grid_id",                                \
		   "o.deleted = 0 AND " PAGE_UNDER("o.grid_id"), key, "o.rowid")
#define SQL_ORG_PAGE(X)                                                                \
	SQL_PAGE_SHARED(X)                                                              \
	ORG_PAGE(X, NAME, "o.name")                                                     \
	ORG_PAGE(X, CODE, "o.credit_code")                                              \
	ORG_PAGE(X, KIND, "o.kind")                                                     \
	ORG_PAGE(X, GRID, "g.name")                                                     \
	ORG_PAGE(X, PARTY, "o.party_org")                                               \
	ORG_PAGE(X, CONTACT, "o.contact")                                               \
	ORG_PAGE(X, PHONE, "o.phone")

#endif
