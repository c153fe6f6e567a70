/* activity_int.h - what activity.c shares with activity_coop.c (the
 * cooperation projects and credit grants kinds); not for other modules. */
#ifndef GW_ACTIVITY_INT_H
#define GW_ACTIVITY_INT_H

#include "activity.h"

/* An organisation as a reference resolves it. */
struct act_org_ref {
	char id[GW_ID_LEN + 1];
	char grid_id[GW_ID_LEN + 1];
	char party_org[12];
	char code[19];
	char name[401];
};

/* How a write is asked for: by a row (import or form: upsert), or by an
 * *_add call (insert only; the new id goes to out_id). */
struct act_write_req {
	const struct import_row *r;
	int insert_only;
	char *out_id;
};

typedef enum gw_status act_write_fn(struct gw *gw, const struct act_write_req *q,
				    enum upsert_result *res, struct gw_err *err);

/* An export in progress: rows go to w; failed is set on the first error. */
struct act_export_ctx {
	struct csv_writer *w;
	struct gw_err *err;
	int failed;
};

/* Field checks: each prefixes its message with the field's name and
 * returns GW_EINVAL (or a database status). */
enum gw_status act_field_fail(struct gw_err *err, const char *name);
enum gw_status act_org(struct gw *gw, const char *code, struct act_org_ref *o, const char *name,
		       struct gw_err *err);
enum gw_status act_text(const char *s, size_t maxchars, int req, char *out, size_t outsz,
			const char *name, struct gw_err *err);
enum gw_status act_date(const char *s, int req, char out[11], const char *name,
			struct gw_err *err);
enum gw_status act_oom(struct gw_err *err);
enum gw_status act_exists(struct gw_err *err, const char *what_zh, const char *what_en,
			  const char *title);
void act_copy_id(char *out_id, const char *id);

/* Runs write on vals (a kind's cells) as an insert-only *_add call, in its
 * own transaction or under a savepoint of the caller's. */
enum gw_status act_add_row(struct gw *gw, const struct import_col *cols, int ncols,
			   act_write_fn *write, const char *const *vals, char *out_id,
			   struct gw_err *err);

/* A look-up of at most one record: 1 found (read by fn), 0 not, -1 error. */
int act_fetch_one(struct gw *gw, sqlite3_stmt *st, void (*fn)(sqlite3_stmt *, void *), void *out,
		  struct gw_err *err);
/* A list statement bound from f (NULL: everything), and running it. */
sqlite3_stmt *act_list_stmt(struct gw *gw, enum db_query qn, const struct activity_filter *f,
			    struct gw_err *err);
enum gw_status act_run_list(struct gw *gw, sqlite3_stmt *st, void *rec,
			    void (*read)(sqlite3_stmt *, void *), int (*emit)(void *, void *),
			    void *ctx, struct gw_err *err);

/* The title and date of a live activity by id: 1, 0 when there is none, -1. */
int act_activity_by_id(struct gw *gw, const char *id, char title[ACT_TITLE_MAX * 4 + 1],
		       char held_on[11], struct gw_err *err);

/* activity_add_row for IK_COOP and IK_CREDIT (activity_coop.c). */
enum gw_status act_results_add_row(struct gw *gw, enum import_kind kind, const char *const *vals,
				   char *out_id, struct gw_err *err);

#endif
