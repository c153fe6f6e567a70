/* import.h - CSV import and export of the contract's kinds
 * (shared/spec/import-formats.md).  Each kind's module supplies its column
 * list and a row handler; import.c does files, encodings, headers,
 * transactions, rejects and the summary. */
#ifndef GW_IMPORT_H
#define GW_IMPORT_H

#include <stdio.h>

#include "csv.h"
#include "gw.h"

/* In dependency order: a file of a later kind may refer to earlier ones. */
enum import_kind { IK_GRID, IK_ORG, IK_INSTRUCTOR, IK_WORKER, IK_TICKET, IK_STATION,
		   IK_ACTIVITY, IK_COOP, IK_CREDIT, IK_COUNT };

enum upsert_result { UPSERT_INSERTED, UPSERT_UPDATED, UPSERT_UNCHANGED };

struct import_col {
	const char *zh, *en;
	int required;
};

/* One data row as the handler sees it: val[i] is the cell of the kind's
 * column i ("" when empty or when the file lacks the column); hdr[i] is
 * the column's name as the file spells it (for messages). */
struct import_row {
	const char *const *val;
	const char *const *hdr;
	const int *present;     /* whether the file has column i */
	long row;
	/* Editing a known record (from a form): its id and the version it had
	 * when opened; the natural key may then change.  NULL/0 for import,
	 * where records are matched by their natural key. */
	const char *id;
	int version;
};

struct import_kind_ops {
	const char *name;       /* English: "grids" */
	const char *zh;         /* 网格 */
	const struct import_col *cols;
	int ncols;
	/* Validates and writes one row inside the caller's transaction; sets
	 * *res.  On a bad value: GW_EINVAL with a message that starts with the
	 * column's name (see import_col_fail).  GW_ENOTFOUND means "refers to a
	 * record of this same kind not seen yet": the row is retried after the
	 * rest of the file. */
	enum gw_status (*row)(struct gw *gw, const struct import_row *r,
			      enum upsert_result *res, struct gw_err *err);
	/* Writes every (non-deleted) record as rows in the column order. */
	enum gw_status (*export_rows)(struct gw *gw, struct csv_writer *w, struct gw_err *err);
};

/* Optional hooks of a kind for one file of import_files: begin makes the
 * state the row handler then finds with import_state() (look-ups
 * remembered, counters kept in memory for the file); end writes what it
 * kept (ok = 1) and frees it, or only frees it (ok = 0: the import fails
 * and is rolled back).  Both run inside the import's transaction; a failure
 * of either aborts the import.  bulk: the file's size in bytes when it is
 * imported in bulk (IMPORT_BULK_BYTES or more), else 0. */
struct import_kind_hooks {
	enum gw_status (*begin)(struct gw *gw, long long bulk, void **state, struct gw_err *err);
	enum gw_status (*end)(struct gw *gw, void *state, int ok, struct gw_err *err);
};

/* Files of at least this many bytes are imported in bulk: a kind may then
 * leave inserted records out of the per-row audit, because the file's
 * summary row in the audit log (action "import", with "bulk":true) covers
 * them; updates are always audited row by row with old and new values. */
#define IMPORT_BULK_BYTES (4L << 20)

/* For a kind's row handler: the state its begin hook made for the file of
 * kind k being imported on gw, or NULL (no hooks, another kind, or not in
 * import_files: forms and import_one). */
void *import_state(const struct gw *gw, enum import_kind k);

/* The ops of kind k, and the kind named by s (English or Chinese name, also
 * the file-name forms "grids", "orgs"...); -1 when unknown. */
const struct import_kind_ops *import_ops(enum import_kind k);
int import_kind_parse(const char *s);

/* A key that stands twice in one file is refused, rather than the later
 * row silently overwriting what the earlier one wrote (two riders typed
 * with one phone would otherwise become one).  For row handlers during a
 * file import (no-ops elsewhere): import_claimed gives the row of this
 * file that already wrote record id, or 0; import_claim notes that row
 * wrote it (-1 when out of memory); import_repeated fills err for a
 * repeated row ("repeats row N: the same <what> (<label>) ..."). */
long import_claimed(const struct gw *gw, const char *id);
int import_claim(struct gw *gw, const char *id, long row);
enum gw_status import_repeated(struct gw_err *err, long first, const char *what_zh,
			       const char *what_en, const char *label);

/* Prefixes err's message with the file's name of column col, so that the
 * driver's report reads "file:row: column: reason".  Returns err->code. */
enum gw_status import_col_fail(struct gw_err *err, const struct import_row *r, int col);
/* Shorthand: a required cell is empty. */
enum gw_status import_required(struct gw_err *err, const struct import_row *r, int col);

/* Writes one record of kind k from cell values in the kind's column order
 * (every column present; "" for empty), inside the caller's transaction
 * when one is open.  id/version: see struct import_row (NULL/0 to match by
 * natural key).  For forms, the demo and scripts: the same checks as an
 * imported row.  Messages name columns in the current language. */
enum gw_status import_one(struct gw *gw, enum import_kind k, const char *const *vals,
			  const char *id, int version, enum upsert_result *res,
			  struct gw_err *err);

struct import_opts {
	int skip_bad;          /* import the good rows, write rejects beside the input */
	int kind;              /* forced kind, or -1 to recognise from the header */
	/* Called for every message line (rejected rows, unknown columns,
	 * detected encoding, per-file summary).  is_error separates reasons
	 * for failure from information. */
	void (*say)(void *ctx, int is_error, const char *line);
	void *ctx;
};

struct import_counts {
	long inserted, updated, unchanged, rejected;
};

/* Imports the files (in dependency order whatever order they are named in)
 * in one transaction.  Without skip_bad nothing is written unless every row
 * of every file is valid.  Returns GW_OK when everything was written (or,
 * with skip_bad, every good row), GW_EINVAL when rows were rejected,
 * another status on a file or database error; totals go to *total. */
enum gw_status import_files(struct gw *gw, const char *const *paths, int npaths,
			    const struct import_opts *opts, struct import_counts *total,
			    struct gw_err *err);

/* Writes every record of kind k to fp as CSV (UTF-8 with BOM, or GB18030),
 * Chinese headers and values.  Returns GW_OK or an error. */
enum gw_status export_kind(struct gw *gw, enum import_kind k, FILE *fp, int gb18030,
			   struct gw_err *err);

#endif
