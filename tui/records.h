/* records.h - a stored record as the cells of its CSV contract row, the
 * form of every write: forms, bulk actions and drafts hand such cells to
 * import_one() (core/import.h), the same checks and the same write path
 * as an imported file.
 *
 * Enumerated values are given as their labels in the UI language and
 * lists joined with "、" (Chinese) or ";" (English), as import accepts
 * them; grids, organisations and instructors by their codes and phones.
 */
#ifndef GW_RECORDS_H
#define GW_RECORDS_H

#include "gw.h"
#include "import.h"

#define RECORD_MAX_COLS 16

struct record_vals {
	char *v[RECORD_MAX_COLS];   /* malloc'd, one per column of the kind */
	int n;
	int version;
	char name[256];             /* what the record is called, for titles */
};

/* Reads record id of kind k into out (overwritten, not freed: free it
 * first if it held values; free the result with records_free).  GW_OK, or
 * a status with err filled (GW_ENOTFOUND when it is gone). */
enum gw_status records_load(struct gw *gw, enum import_kind k, const char *id,
			    struct record_vals *out, struct gw_err *err);

/* Sets every column to "" (a new record); -1 when out of memory. */
int records_empty(enum import_kind k, struct record_vals *out);
void records_free(struct record_vals *r);

/* Replaces column col's value with a copy of s; -1 when out of memory. */
int records_set(struct record_vals *r, int col, const char *s);

/* Writes column col = value into each of the n records ids, all in one
 * transaction through import_one, so each is checked as a form's save is;
 * nothing is written unless every one succeeds (err then names the record
 * that failed). */
enum gw_status records_set_column(struct gw *gw, enum import_kind k, const char *const *ids, int n,
				  int col, const char *value, struct gw_err *err);

/* Whether a record other than id (NULL: any) already has the natural key
 * that vals give (grid code, credit code, phone, station name); a ticket
 * has none to clash with.  Returns 1 and fills err with a message naming
 * the key's column, 0 when free, -1 on a database error (err filled). */
int records_key_taken(struct gw *gw, enum import_kind k, const char *const *vals, const char *id,
		      struct gw_err *err);

#endif
