/* sync_cmp.h - the two versions of a record in a sync conflict, side by
 * side: core's JSON of each version decoded into fields, and drawn as a
 * field column and one column per office, the fields the versions
 * disagree on first (marked '*' and bold), stored codes shown in words
 * (enumerations by label, grid and organisation ids by name). */
#ifndef GW_SYNC_CMP_H
#define GW_SYNC_CMP_H

#include <stddef.h>

#include <curses.h>

#include "gw.h"

struct sync_field {
	char key[48];
	char *val;              /* NULL for JSON null */
};

/* One side's version of the record. */
struct sync_version {
	struct sync_field *f;
	int n;
	int deleted;            /* that side deleted the record */
};

/* Decodes core's flat JSON object (NULL: deleted on that side) into *v,
 * which the caller frees with sync_version_free.  Out of memory leaves
 * the fields read so far. */
void sync_version_read(struct sync_version *v, const char *json);
void sync_version_free(struct sync_version *v);

/* The value of key ("" never: NULL when null or absent). */
const char *sync_version_get(const struct sync_version *v, const char *key);

/* Core's list of conflicting columns ("name,party_org") in the clerk's
 * words, joined with '、'; written to buf. */
void sync_fields_text(const char *columns, char *buf, size_t sz);

struct sync_cmp {
	const char *title;      /* the first line (bold) */
	const char *tbl;        /* the record's table, for its enumerations */
	const char *office, *peer;
	const struct sync_version *mine, *theirs;
};

/* Draws the title, the header and as many fields as fit in h lines of
 * cols columns at (y, x) of w. */
void sync_cmp_draw(struct gw *gw, WINDOW *w, const struct sync_cmp *c, int y, int x, int h, int cols);

#endif
