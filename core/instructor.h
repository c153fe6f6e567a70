/* instructor.h - the roster of party-building work instructors (党建工作
 * 指导员), the grids and units each is responsible for, and the staffing
 * standard of one full-time and two part-time instructors per grid. */
#ifndef GW_INSTRUCTOR_H
#define GW_INSTRUCTOR_H

#include "gw.h"
#include "id.h"
#include "import.h"

/* Columns of instructors.csv, in the contract's order. */
enum instructor_col { INSTR_C_NAME, INSTR_C_PHONE, INSTR_C_GENDER, INSTR_C_UNIT, INSTR_C_ROLE,
		      INSTR_C_GRIDS, INSTR_C_ORGS, INSTR_C_STATUS, INSTR_NCOLS };

/* Field limits in characters; most links one row may list. */
#define INSTR_NAME_MAX 50
#define INSTR_UNIT_MAX 100
#define INSTR_MAX_GRIDS 64
#define INSTR_MAX_ORGS 256

struct instructor_rec {
	char id[GW_ID_LEN + 1];
	char phone[12];         /* mobile, the key */
	char name[INSTR_NAME_MAX * 4 + 1];
	char gender[8];         /* male female, or "" */
	char unit[INSTR_UNIT_MAX * 4 + 1];
	char role[12];          /* full_time part_time */
	char status[10];        /* active inactive */
	int deleted, version;
};

/* One grid or organisation an instructor is linked to: its grid code or
 * credit code and its name. */
struct instructor_link {
	char id[GW_ID_LEN + 1];
	char code[33];
	char name[400];
	int deleted;
};

extern const struct import_kind_ops instructor_ops;

/* Looks an instructor up by mobile (spaces and +86 allowed) or by id,
 * deleted ones included (see deleted).  GW_ENOTFOUND with a message when
 * there is none. */
enum gw_status instructor_by_phone(struct gw *gw, const char *phone, struct instructor_rec *out,
				   struct gw_err *err);
enum gw_status instructor_by_id(struct gw *gw, const char *id, struct instructor_rec *out,
				struct gw_err *err);

/* Removes an instructor from the roster in its own transaction: always
 * softly (deleted = 1), keeping the links and the tickets that name them,
 * so an instructor who leaves keeps their history.  Audited.  Deleting a
 * deleted instructor does nothing.  GW_ENOTFOUND when there is none. */
enum gw_status instructor_delete(struct gw *gw, const char *id, struct gw_err *err);

/* Calls cb for each grid / organisation linked to the instructor (deleted
 * ones too, flagged), by code.  The link is valid only during the call; cb
 * returns nonzero to stop early. */
enum gw_status instructor_grids(struct gw *gw, const char *instructor_id,
				int (*cb)(void *ctx, const struct instructor_link *l), void *ctx,
				struct gw_err *err);
enum gw_status instructor_orgs(struct gw *gw, const char *instructor_id,
			       int (*cb)(void *ctx, const struct instructor_link *l), void *ctx,
			       struct gw_err *err);

/* Calls cb for each active, non-deleted instructor linked directly to the
 * grid node / the organisation, full-time first, then by name.  The record
 * is valid only during the call; cb returns nonzero to stop early.  (An
 * organisation's instructors in the wider sense also include those of its
 * grid: ask grid_instructors with the org's grid_id as well.) */
enum gw_status grid_instructors(struct gw *gw, const char *grid_id,
				int (*cb)(void *ctx, const struct instructor_rec *i), void *ctx,
				struct gw_err *err);
enum gw_status org_instructors(struct gw *gw, const char *org_id,
			       int (*cb)(void *ctx, const struct instructor_rec *i), void *ctx,
			       struct gw_err *err);

/* Counts the grid's active, non-deleted full-time and part-time instructors
 * into *ft and *pt (either may be NULL).  Returns 1 when the grid meets the
 * standard (at least 1 full-time and 2 part-time), 0 when it falls short,
 * -1 on a database error (err filled). */
int grid_meets_standard(struct gw *gw, const char *grid_id, int *ft, int *pt,
			struct gw_err *err);

/* Calls cb for up to limit non-deleted instructors ordered by (name, id),
 * after the one with after_name / after_id (after_name NULL: from the
 * start).  cb returns nonzero to stop early; *n (may be NULL) gets the
 * number of records passed to cb. */
enum gw_status instructor_list(struct gw *gw, const char *after_name, const char *after_id,
			       int limit, int (*cb)(void *ctx, const struct instructor_rec *i),
			       void *ctx, int *n, struct gw_err *err);

#endif
