/* activity_int.h - what activity.c shares with activity_coop.c (the
 * cooperation projects and credit grants kinds); not for other modules. */
#ifndef GW_ACTIVITY_INT_H
#define GW_ACTIVITY_INT_H

#include "activity.h"
#include "record.h"

/* An organisation as a reference resolves it. */
struct act_org_ref {
	char id[GW_ID_LEN + 1];
	char grid_id[GW_ID_LEN + 1];
	char party_org[12];
	char code[19];
	char name[401];
};

/* A kind's write path: record_upsert with the kind's descriptor. */
typedef enum gw_status act_write_fn(struct gw *gw, const struct record_req *q,
				    enum upsert_result *res, struct gw_err *err);

/* Field checks: each prefixes its message with the field's name and
 * returns GW_EINVAL (or a database status). */
enum gw_status act_field_fail(struct gw_err *err, const char *name);
enum gw_status act_org(struct gw *gw, const char *code, struct act_org_ref *o, const char *name,
		       struct gw_err *err);
enum gw_status act_text(const char *s, size_t maxchars, int req, char *out, size_t outsz,
			const char *name, struct gw_err *err);
enum gw_status act_date(const char *s, int req, char out[11], const char *name,
			struct gw_err *err);

/* Runs write on vals (a kind's cells) as an insert-only *_add call, in its
 * own transaction or under a savepoint of the caller's. */
enum gw_status act_add_row(struct gw *gw, const struct import_col *cols, int ncols,
			   act_write_fn *write, const char *const *vals, char *out_id,
			   struct gw_err *err);

/* A list callback of one of the three kinds (set one) and its context. */
struct act_emit {
	int (*act)(void *ctx, const struct activity_rec *a);
	int (*coop)(void *ctx, const struct coop_rec *c);
	int (*credit)(void *ctx, const struct credit_rec *c);
	void *ctx;
};

/* Calls e's callback for each record of kind k that list statement qn,
 * bound from f (NULL: everything), returns; rec is room for one record,
 * which must begin with the public struct the callback takes. */
enum gw_status act_list(struct gw *gw, const struct record_kind *k, enum db_query qn,
			const struct activity_filter *f, void *rec, struct act_emit *e,
			struct gw_err *err);

/* Writes every record of list statement qn as a CSV row of ncols cells,
 * which cells fills from the record (num: room for one number).  GW_EIO
 * when writing fails. */
enum gw_status act_export(struct gw *gw, struct csv_writer *w, const struct record_kind *k,
			  enum db_query qn, int ncols,
			  void (*cells)(const void *rec, const char **f, char num[24]), void *rec,
			  struct gw_err *err);

/* The title and date of a live activity by id: 1, 0 when there is none, -1. */
int act_activity_by_id(struct gw *gw, const char *id, char title[ACT_TITLE_MAX * 4 + 1],
		       char held_on[11], struct gw_err *err);

/* activity_add_row for IK_COOP and IK_CREDIT (activity_coop.c). */
enum gw_status act_results_add_row(struct gw *gw, enum import_kind kind, const char *const *vals,
				   char *out_id, struct gw_err *err);

#endif
