/* record.h - what the record kinds (grids, stations, workers,
 * organisations, instructors, activities, cooperation projects, credit
 * grants) share: the one upsert skeleton of a row handler, look-ups of one
 * record, the export loop and audited deletion.
 *
 * A kind describes itself once in a const struct record_kind of hooks and
 * messages; record_upsert then runs the skeleton every row handler of
 * import.h follows - parse, find by id (a form) or natural key (import),
 * refuse a form's stale version or a key another record holds, skip an
 * unchanged record, refuse a key an earlier row of the file wrote, check
 * the kind's rules against other records, insert with a new id or update,
 * audit old and new JSON - so each kind keeps only what is its own. */
#ifndef GW_RECORD_H
#define GW_RECORD_H

#include <stddef.h>

#include "enums.h"
#include "gw.h"
#include "import.h"
#include "strbuf.h"

struct grid_rec;

/* How record_delete removes a record: for good, by setting deleted, or
 * softly only when something refers to it (del_referenced says). */
enum record_del { RECORD_DEL_HARD, RECORD_DEL_SOFT, RECORD_DEL_SOFT_IF_REFERENCED };

/* A kind's record is the kind's own struct; the hooks take it as void *.
 * Optional hooks may be NULL. */
struct record_kind {
	const char *table;              /* in the audit log: "station" */
	size_t size;                    /* sizeof the record struct */
	size_t id_at, version_at;       /* offsetof its id (char[GW_ID_LEN + 1]) and version (int) */
	const char *lookup_zh, *lookup_en;   /* what a failed look-up names */
	/* INSERT and UPDATE share their order: ?1 the id, then what bind
	 * binds, then from ?tail the office and the time (insert) or only the
	 * time (update). */
	enum db_query insert, update;
	int tail;
	/* Messages.  gone: a form's record is no longer there (status and
	 * text).  conflict: the record changed since the form opened it (%s:
	 * label of the stored one).  what: one record, for "there is already
	 * such a %s" (an insert-only write whose key exists, and a form taking
	 * another record's key when taken is NULL) and for a key that stands
	 * twice in one file (import_repeated). */
	enum gw_status gone;
	const char *gone_zh, *gone_en;
	const char *conflict_zh, *conflict_en;
	const char *what_zh, *what_en;
	/* Deletion (record_delete): how; the statements take ?1 the id, a soft
	 * delete ?2 the time; del_zh/en name a failed check of references. */
	enum record_del del;
	enum db_query del_referenced, del_soft, del_hard;
	const char *del_zh, *del_en;

	/* Reads a row of the kind's look-up statements into the record. */
	void (*read)(sqlite3_stmt *st, void *rec);
	/* Checks the row's cells into rec, every message naming its column. */
	enum gw_status (*parse)(struct gw *gw, const struct import_row *r, void *rec,
				struct gw_err *err);
	/* The stored record by id (id not NULL) or by rec's natural key, into
	 * *out: GW_OK, GW_ENOTFOUND, or a database error. */
	enum gw_status (*find)(struct gw *gw, const char *id, const void *rec, void *out,
			       struct gw_err *err);
	/* Optional: completes rec from the stored old (NULL for a new record)
	 * where the file lacks a column, and checks rules across columns. */
	enum gw_status (*merge)(struct gw *gw, const struct import_row *r, const void *old, void *rec,
				struct gw_err *err);
	/* Whether the live stored old already holds everything rec says. */
	int (*same)(const void *old, const void *rec);
	/* Binds the fields from ?2 on. */
	void (*bind)(sqlite3_stmt *st, const void *rec);
	void (*to_json)(const void *rec, struct strbuf *b);
	/* What messages call the record (its name or title). */
	const char *(*label)(const void *rec);
	/* Optional: rec's natural key is other's; the message, naming the
	 * column.  NULL: "there is already such a ..." (see what). */
	enum gw_status (*taken)(struct gw_err *err, const struct import_row *r, const void *rec,
				const void *other);
	/* Optional: rules against other stored records (old NULL for an
	 * insert), checked only for a row that will be written: after the
	 * form's version and the record's key, and once the record is known to
	 * change and not to repeat an earlier row of the file. */
	enum gw_status (*check)(struct gw *gw, const struct import_row *r, const void *old,
				const void *rec, struct gw_err *err);
	/* Optional: writes what goes with the record (links) after its insert
	 * (old NULL) or update, before the audit entry. */
	enum gw_status (*after)(struct gw *gw, const struct import_row *r, const void *rec,
				const void *old, struct gw_err *err);
	/* Optional: the audit JSON of a deleted record, from what
	 * record_delete's caller passes (NULL: to_json). */
	void (*del_json)(const void *rec, struct strbuf *b);
};

/* How a write is asked for: a row (import; a form when r->id is set), or
 * an insert-only call (the *_add functions) whose new id goes to out_id
 * (char[GW_ID_LEN + 1]; may be NULL). */
struct record_req {
	const struct import_row *r;
	int insert_only;
	char *out_id;
};

/* Validates and writes one record of kind k inside the caller's
 * transaction, setting *res; recs is room for three records of the kind
 * (the new, the stored and another with the same key), the caller's.
 * Validation and conflicts leave nothing written and return the status
 * with err naming the column; database errors their status. */
enum gw_status record_upsert(struct gw *gw, const struct record_kind *k, const struct record_req *q,
			     void *recs, enum upsert_result *res, struct gw_err *err);

/* Looks one record up with look-up statement q by key (?1) into *out.
 * GW_OK, GW_ENOTFOUND (err untouched) or a database error. */
enum gw_status record_get(struct gw *gw, const struct record_kind *k, enum db_query q,
			  const char *key, void *out, struct gw_err *err);
/* The same for a statement the caller has bound; resets it. */
enum gw_status record_get_stmt(struct gw *gw, const struct record_kind *k, sqlite3_stmt *st,
			       void *out, struct gw_err *err);

/* Writes a CSV row of ncols cells for each row statement q returns: cells
 * fills f[] (pointers that stay valid until the next call, e.g. into ctx)
 * or fails with a status.  GW_EIO when writing fails. */
enum gw_status record_export(struct gw *gw, struct csv_writer *w, enum db_query q, int ncols,
			     enum gw_status (*cells)(struct gw *gw, sqlite3_stmt *st, void *ctx,
						     const char **f, struct gw_err *err),
			     void *ctx, struct gw_err *err);

/* The grid whose code is in column col of r, into *g: GW_OK for a live
 * grid; GW_EINVAL naming the column for an unknown or deleted one (grids
 * come from an earlier file, never later in this one: no retry); or a
 * database error. */
enum gw_status record_grid_cell(struct gw *gw, const struct import_row *r, int col,
				struct grid_rec *g, struct gw_err *err);

/* The stored enum list (e.g. "rest;water") in Chinese joined with "、" into
 * out, whatever the UI language: exports are read by clerks' spreadsheets. */
void record_list_zh(enum gw_enum e, const char *stored, char *out, size_t outsz);

/* Deletes the record id of kind k (old: the stored one, for the audit) in
 * its own transaction, as k->del says.  Rolled back on any failure. */
enum gw_status record_delete(struct gw *gw, const struct record_kind *k, const char *id,
			     const void *old, struct gw_err *err);

#endif
