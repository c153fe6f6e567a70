/* activity.h - records without a CSV kind of their own: party members,
 * activities (trainings, secretary days, joint meetings, matchmaking),
 * cooperation projects and red-credit grants.
 *
 * Each *_add validates every field before writing, inserts one record with
 * a new id and an audit entry.  It runs inside the caller's transaction
 * when one is open (the demo builder), else in its own.  References are
 * given by natural key (grid code, credit code) as clerks know them. */
#ifndef GW_ACTIVITY_H
#define GW_ACTIVITY_H

#include "gw.h"
#include "id.h"

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

/* Each writes one record.  The new id goes to out_id when not NULL.
 * Returns GW_OK; GW_EINVAL with a message naming the field (and nothing
 * written) for a bad or unknown value; a database status otherwise. */
enum gw_status party_member_add(struct gw *gw, const struct party_member_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err);
enum gw_status activity_add(struct gw *gw, const struct activity_in *in,
			    char out_id[GW_ID_LEN + 1], struct gw_err *err);
enum gw_status coop_project_add(struct gw *gw, const struct coop_project_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err);
enum gw_status credit_grant_add(struct gw *gw, const struct credit_grant_in *in,
				char out_id[GW_ID_LEN + 1], struct gw_err *err);

#endif
