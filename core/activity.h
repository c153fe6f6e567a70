/* activity.h - party members, and the records behind the county's results:
 * activities (trainings, secretary days, joint meetings, matchmaking),
 * cooperation projects and red-credit grants.
 *
 * Activities, cooperation projects and credit grants are CSV kinds of
 * their own (activities.csv, coop_projects.csv, credit_grants.csv; see
 * docs/FORMATS-EXTRA.md): each kind's row handler is the one write path,
 * used by import, by the *_add functions below and by forms (import_one).
 * Natural keys, so that re-importing a file changes nothing: an activity
 * by (kind, title, date), a project by title, a grant by (organisation,
 * bank, date).  Party members have no CSV kind; party_member_add inserts.
 *
 * Each *_add validates every field before writing and inserts one record
 * with a new id and an audit entry.  It runs inside the caller's
 * transaction when one is open (the demo builder), else in its own.
 * References are given by natural key (grid code, credit code) as clerks
 * know them. */
#ifndef GW_ACTIVITY_H
#define GW_ACTIVITY_H

#include "gw.h"
#include "id.h"
#include "import.h"

/* Columns of the three files, in their layouts' order. */
enum activity_col { ACT_C_KIND, ACT_C_TITLE, ACT_C_HELD, ACT_C_GRID, ACT_C_ORGANISER,
		    ACT_C_PERSONS, ACT_NCOLS };
enum coop_col { COOP_C_TITLE, COOP_C_ORG_A, COOP_C_ORG_B, COOP_C_FIELD, COOP_C_ACTIVITY,
		COOP_C_ACTIVITY_DATE, COOP_C_SIGNED, COOP_NCOLS };
enum credit_col { CREDIT_C_ORG, CREDIT_C_ORG_NAME, CREDIT_C_BANK, CREDIT_C_AMOUNT,
		  CREDIT_C_GRANTED, CREDIT_NCOLS };

/* Limits in characters, as forms state them. */
#define ACT_TITLE_MAX 100
#define ACT_SHORT_MAX 64
#define ACT_PERSON_TIMES_MAX 1000000LL
#define CREDIT_AMOUNT_MAX 1000000000000LL   /* one trillion yuan: a typo, not a loan */

extern const struct import_kind_ops activity_ops, coop_ops, credit_ops;

/* A party member (党员).  org_code: credit code of the organisation whose
 * party organisation manages the member; it must have one.  grid_code
 * defaults to that organisation's grid.  phone, joined_on optional. */
struct party_member_in {
	const char *name;
	const char *phone;
	const char *org_code;
	const char *grid_code;
	int works_in_park;      /* 0/1: works in the development zone */
	int mobile;             /* 0/1: 流动党员 */
	const char *joined_on;  /* date */
};

/* An activity.  kind: English or Chinese name of EN_ACTIVITY_KIND.
 * grid_code, organiser optional; person_times >= 0. */
struct activity_in {
	const char *kind;
	const char *title;
	const char *held_on;
	const char *grid_code;
	const char *organiser;
	long long person_times;
};

/* A cooperation project between two different organisations, optionally
 * brokered at an activity (its id). */
struct coop_project_in {
	const char *title;
	const char *org_a, *org_b;   /* credit codes */
	const char *field;
	const char *activity_id;
	const char *signed_on;
};

/* A red-credit grant (红色信贷) to an organisation; amount in yuan > 0. */
struct credit_grant_in {
	const char *org_code;
	const char *bank;
	long long amount_yuan;
	const char *granted_on;
};

/* Each writes one new record.  The new id goes to out_id when not NULL.
 * Returns GW_OK; GW_EINVAL with a message naming the field (and nothing
 * written) for a bad or unknown value; GW_EEXIST when a record with the
 * same natural key exists (nothing written); a database status otherwise. */
enum gw_status party_member_add(struct gw *gw, const struct party_member_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err);
enum gw_status activity_add(struct gw *gw, const struct activity_in *in,
			    char out_id[GW_ID_LEN + 1], struct gw_err *err);
enum gw_status coop_project_add(struct gw *gw, const struct coop_project_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err);
enum gw_status credit_grant_add(struct gw *gw, const struct credit_grant_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err);

/* The same for a record given as cell values in its file's column order
 * (vals[ACT_NCOLS], vals[COOP_NCOLS] or vals[CREDIT_NCOLS] for kind
 * IK_ACTIVITY, IK_COOP, IK_CREDIT), as a form or the command line has
 * them: a project names its activity by title and date.  GW_EUSAGE for
 * another kind. */
enum gw_status activity_add_row(struct gw *gw, enum import_kind kind, const char *const *vals,
				char out_id[GW_ID_LEN + 1], struct gw_err *err);

/* ---- listing ---------------------------------------------------------------- */

struct activity_rec {
	char id[GW_ID_LEN + 1];
	char kind[16];                        /* EN_ACTIVITY_KIND English name */
	char title[ACT_TITLE_MAX * 4 + 1];
	char held_on[11];
	char grid_code[33];                   /* "" when none */
	char organiser[ACT_SHORT_MAX * 4 + 1];
	long long person_times;
	int version;
};

struct coop_rec {
	char id[GW_ID_LEN + 1];
	char title[ACT_TITLE_MAX * 4 + 1];
	char org_a[19], org_b[19];            /* credit codes */
	char org_a_name[401], org_b_name[401];
	char field[ACT_SHORT_MAX * 4 + 1];
	char activity_title[ACT_TITLE_MAX * 4 + 1];   /* "" when none */
	char activity_date[11];
	char signed_on[11];                   /* "" when not known */
	int version;
};

struct credit_rec {
	char id[GW_ID_LEN + 1];
	char org_code[19];
	char org_name[401];
	char bank[ACT_SHORT_MAX * 4 + 1];
	long long amount_yuan;
	char granted_on[11];
	int version;
};

/* What a list shows: kind (activities only; -1 for all), and dates
 * (inclusive, "YYYY-MM-DD"; NULL or "" for open ends) on the held, signed
 * or granted date.  A project without a signing date is listed only when
 * no date is given. */
struct activity_filter {
	int kind;
	const char *since, *until;
};

/* Call cb for each non-deleted record, by date then title; cb returns
 * non-zero to stop.  The record passed is valid only during the call.
 * Returns GW_OK or a database error. */
enum gw_status activity_list(struct gw *gw, const struct activity_filter *f,
			     int (*cb)(void *ctx, const struct activity_rec *a), void *ctx,
			     struct gw_err *err);
enum gw_status coop_list(struct gw *gw, const struct activity_filter *f,
			 int (*cb)(void *ctx, const struct coop_rec *c), void *ctx,
			 struct gw_err *err);
enum gw_status credit_list(struct gw *gw, const struct activity_filter *f,
			   int (*cb)(void *ctx, const struct credit_rec *c), void *ctx,
			   struct gw_err *err);

#endif
