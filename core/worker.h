/* worker.h - new-employment groups (新就业群体): delivery riders, couriers,
 * drivers registered with a community; their roles and points balance. */
#ifndef GW_WORKER_H
#define GW_WORKER_H

#include "gw.h"
#include "id.h"
#include "import.h"

/* Columns of workers.csv, in the contract's order. */
enum worker_col { WORKER_C_NAME, WORKER_C_PHONE, WORKER_C_JOB, WORKER_C_PLATFORM,
		  WORKER_C_PARTY, WORKER_C_COMMUNITY, WORKER_C_ROLES, WORKER_NCOLS };

#define WORKER_NAME_MAX 32
#define WORKER_PLATFORM_MAX 32

struct worker_rec {
	char id[GW_ID_LEN + 1];
	char phone[12];         /* mobile, the key */
	char name[WORKER_NAME_MAX * 4 + 1];
	char job[16];           /* EN_JOB English name */
	char platform[WORKER_PLATFORM_MAX * 4 + 1];
	int party_member;       /* 0/1 */
	char community_id[GW_ID_LEN + 1];   /* "" when none */
	char community_code[33];
	char roles[96];         /* EN_WORKER_ROLE list, "a;b" */
	int deleted, version;
};

extern const struct import_kind_ops worker_ops;

/* Looks a worker up by mobile number (spaces and +86 allowed) or id into
 * *out (the caller's).  GW_ENOTFOUND with a message when there is none;
 * deleted workers are found, with deleted set. */
enum gw_status worker_by_phone(struct gw *gw, const char *phone, struct worker_rec *out,
			       struct gw_err *err);
enum gw_status worker_by_id(struct gw *gw, const char *id, struct worker_rec *out,
			    struct gw_err *err);

/* The worker's points: earned minus redeemed, from the points ledger, into
 * *out (0 for a worker without entries).  GW_EDB on failure. */
enum gw_status worker_points_balance(struct gw *gw, const char *worker_id, long long *out,
				     struct gw_err *err);

/* Deletes a worker in its own transaction: softly (deleted = 1) when a
 * ticket or the points ledger refers to them, else for good.  Audited.
 * GW_ENOTFOUND when there is none. */
enum gw_status worker_delete(struct gw *gw, const char *id, struct gw_err *err);

#endif
