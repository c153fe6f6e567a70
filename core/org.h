/* org.h - organisations (单位): enterprises, social organisations and
 * industry associations, each in a grid, with its party organisation. */
#ifndef GW_ORG_H
#define GW_ORG_H

#include "gw.h"
#include "id.h"
#include "import.h"

/* Columns of orgs.csv, in the contract's order. */
enum org_col { ORG_C_CREDIT, ORG_C_NAME, ORG_C_KIND, ORG_C_TAGS, ORG_C_CHAIN, ORG_C_GRID,
	       ORG_C_ADDRESS, ORG_C_EMPLOYEES, ORG_C_PARTY_MEMBERS, ORG_C_PARTY_ORG,
	       ORG_C_PARTY_SINCE, ORG_C_CONTACT, ORG_C_PHONE, ORG_NCOLS };

/* Field limits in characters (buffers below hold 4 bytes a character). */
#define ORG_NAME_MAX 100
#define ORG_ADDRESS_MAX 200
#define ORG_CONTACT_MAX 50
#define ORG_PLAN_MAX 4000

struct org_rec {
	char id[GW_ID_LEN + 1];
	char credit_code[19];
	char name[ORG_NAME_MAX * 4 + 1];
	char kind[16];          /* enterprise social_org association */
	char tags[64];          /* stored list: "above_scale;platform" */
	char chain[24];         /* EN_CHAIN name, or "" */
	char grid_id[GW_ID_LEN + 1];
	char grid_code[33];
	char grid_name[200];
	char address[ORG_ADDRESS_MAX * 4 + 1];
	long long employees;    /* -1 when not known */
	long long party_members;
	char party_org[16];     /* none standalone joint affiliated */
	char party_org_since[11];
	char contact[ORG_CONTACT_MAX * 4 + 1];
	char phone[24];
	int deleted, version;
};

extern const struct import_kind_ops org_ops;

/* Looks an organisation up by credit code (any case, spaces around it
 * allowed) or by id, deleted ones included (see deleted).  GW_ENOTFOUND
 * with a message when there is none. */
enum gw_status org_by_credit_code(struct gw *gw, const char *code, struct org_rec *out,
				  struct gw_err *err);
enum gw_status org_by_id(struct gw *gw, const char *id, struct org_rec *out,
			 struct gw_err *err);

/* Deletes an organisation in its own transaction: softly (deleted = 1) when
 * a ticket, instructor, party member, cooperation project or credit grant
 * refers to it, else for good.  Audited.  GW_ENOTFOUND when there is none. */
enum gw_status org_delete(struct gw *gw, const char *id, struct gw_err *err);

/* The cultivation plan (一企一策) into out (truncated to outsz), and
 * setting it in its own transaction (audited; at most ORG_PLAN_MAX
 * characters, multi-line).  The plan is not part of orgs.csv. */
enum gw_status org_plan_get(struct gw *gw, const char *id, char *out, size_t outsz,
			    struct gw_err *err);
enum gw_status org_plan_set(struct gw *gw, const char *id, const char *plan,
			    struct gw_err *err);

/* Where a page of org_list ended: pass the last record's name and id. */
struct org_key {
	const char *name;
	const char *id;
};

/* Calls cb for up to limit non-deleted organisations ordered by (name, id),
 * starting after *after (NULL: from the start); grid_id (NULL: all) keeps
 * those of that grid node and the nodes under it.  cb's record is valid
 * only during the call; cb returns nonzero to stop early.  *n (may be NULL)
 * gets the number of records passed to cb. */
enum gw_status org_list(struct gw *gw, const char *grid_id, const struct org_key *after,
			int limit, int (*cb)(void *ctx, const struct org_rec *o), void *ctx,
			int *n, struct gw_err *err);

#endif
