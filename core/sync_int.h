/* sync_int.h - shared between the files of the sync module only
 * (sync.c, sync_xfer.c, sync_package.c, sync_rec.c, sync_apply.c,
 * sync_resolve.c); nothing outside core/sync*.c includes it. */
#ifndef GW_SYNC_INT_H
#define GW_SYNC_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "strbuf.h"
#include "sync.h"

/* ---- package writing (sync_package.c) ---- */

#define SYNC_MAGIC "GWSYNC\r\n"
#define SYNC_HEADER_FIXED 112
#define SYNC_MARK_LEN 24
#define SYNC_SECTION_HDR 48

/* CRC-64/XZ of n bytes, continuing from crc (start with 0). */
uint64_t sync_crc64(uint64_t crc, const void *p, size_t n);
/* The package checksum from the CRC of the body and the header bytes. */
uint64_t sync_package_crc(const void *header, size_t hlen, uint64_t body_crc);
/* Walks a changeset completely with changeset_valid (core/changeset.c:
 * every record's bounds, before SQLite's iterator sees it) and counts its
 * changes; -1 when it is malformed. */
long sync_changeset_count(const void *p, size_t n);
/* Serialises h (without marks' order checks) into out[SYNC_HEADER_FIXED +
 * nmarks * SYNC_MARK_LEN]; the checksum field is written as h->checksum. */
size_t sync_header_put(const struct sync_header *h, unsigned char *out);
void sync_section_put(const struct sync_section *s, unsigned char out[SYNC_SECTION_HDR]);
/* Whether s is an office code: 1-16 of A-Z 0-9. */
int sync_office_ok(const char *s);

/* ---- values and records (sync_rec.c) ---- */

/* One column value of a changeset record; t 0 means "undefined" (the
 * column is not part of the change). */
struct sv {
	int t;                  /* 0 or SQLITE_INTEGER..SQLITE_NULL */
	sqlite3_int64 i;
	double r;
	char *p;                /* text or blob, malloc'd, NUL-terminated */
	int n;
};

void sv_from_value(struct sv *d, sqlite3_value *v);   /* v NULL: undefined */
void sv_from_col(struct sv *d, sqlite3_stmt *st, int i);
void sv_copy(struct sv *d, const struct sv *s);
void sv_free(struct sv *v);
struct sv *row_new(int ncol);           /* all undefined; NULL when out of memory */
void row_free(struct sv *row, int ncol);
int sv_eq(const struct sv *a, const struct sv *b);
/* Orders two defined values (numbers before text); for max(version). */
int sv_cmp(const struct sv *a, const struct sv *b);
sqlite3_int64 sv_int(const struct sv *v);
void sv_bind(sqlite3_stmt *st, int idx, const struct sv *v);
/* The value as text for messages and record ids ("" for NULL/undefined). */
void sv_text(const struct sv *v, char *out, size_t outsz);

/* Appends the session record format of row (ncol fields). */
void rec_put(struct strbuf *b, const struct sv *row, int ncol);
/* Parses a record of ncol fields into row (all undefined first); returns
 * 0, or -1 on malformed input. */
int rec_get(const void *p, size_t n, struct sv *row, int ncol);

/* A table as the exchange knows it. */
enum sync_class { SC_SHARED, SC_COUNTY, SC_TICKET, SC_APPEND };
struct sync_table {
	char name[40];
	int ncol;
	char (*col)[40];
	unsigned char pk[64];
	int npk;
	int c_id, c_version, c_updated, c_deleted, c_office, c_created;
	enum sync_class cls;
	int row_q, key_q;       /* enum db_query, or -1 */
	int key[2], nkey;       /* natural key columns */
};

/* Builds a changeset by hand (for merged values and clerks' choices):
 * a table header, then changes with old/new rows (undefined = absent). */
void cs_table(struct strbuf *b, const struct sync_table *t);
void cs_change(struct strbuf *b, int op, const struct sv *oldr, const struct sv *newr, int ncol);
/* Appends the record of the statement's current row (columns 0..ncol-1)
 * without copying the values: the bulk capture's inner loop.  -1 when
 * SQLite could not give a value (out of memory). */
int rec_put_stmt(struct strbuf *b, sqlite3_stmt *st, int ncol);
/* Appends row as a JSON object (undefined columns left out). */
void row_json(struct strbuf *b, const struct sync_table *t, const struct sv *row);
/* The record id for messages: the id column, or key columns joined by '|'. */
void row_key_text(const struct sync_table *t, const struct sv *row, char *out, size_t outsz);

/* ---- module state (sync.c) ---- */

#define SYNC_MAX_TABLES 40

struct sync {
	struct gw *gw;
	sqlite3_session *sess;
	struct sync_bulk *bulk;         /* rows awaiting bulk capture (sync_bulk.c) */
	struct sync_table tables[SYNC_MAX_TABLES];
	int ntables;
};

struct sync *sync_state(struct gw *gw);
/* Whether changes to table name travel between offices. */
int sync_table_synced(const char *name);
/* The table's description (loaded once); NULL with err when unknown. */
const struct sync_table *sync_table_get(struct sync *s, const char *name, struct gw_err *err);
/* Writes the rows a bulk import noted into change_log; forgets them
 * (after a rollback, or with the state freed by sync_detach). */
enum gw_status sync_bulk_capture(struct sync *s, struct gw_err *err);
void sync_bulk_forget(struct sync *s, int release);
/* Stores changeset (n bytes) as this office's next change_log entry. */
enum gw_status sync_log_local(struct sync *s, const void *cs, int n, struct gw_err *err);
/* The county's office code into out[17] ("" when unknown). */
enum gw_status sync_county(struct gw *gw, char out[17], struct gw_err *err);

/* A registered peer as stored. */
struct peer_row {
	char code[17], name[300], sent_at[20], recv_at[20];
	int county, found;
	long long sent_seq, recv_seq;
};

/* The peer's row into *p (p->found 0 when unknown). */
enum gw_status sync_peer_get(struct gw *gw, const char *code, struct peer_row *p,
			     struct gw_err *err);
/* Adds a row to the package history. */
enum gw_status sync_record_package(struct gw *gw, const char *dir, const char *peer,
				   long long seq, const char *path, long long bytes, int sections,
				   long changes, long conflicts, uint64_t crc, struct gw_err *err);
/* Appends a change_log entry of origin covering first..last. */
enum gw_status sync_log_insert(struct sync *s, const char *origin, int64_t first, int64_t last,
			       long changes, const void *cs, int n, struct gw_err *err);
/* The highest change number of origin held here; -1 with err on failure. */
int64_t sync_log_hw(struct sync *s, const char *origin, struct gw_err *err);

/* ---- applying (sync_apply.c) ---- */

struct sync_apply_info {
	const char *sender;     /* office that wrote the package */
	int64_t package_seq;
	const char *origin;     /* office where this section's changes were made */
	const char *county;     /* "" when this office is the county */
	long conflicts_rule, conflicts_open;
	int fk_pending;         /* references to check at the end */
};

/* Applies one section's changeset inside the open transaction, session
 * disabled, resolving conflicts (docs/SYNC.md) and recording them. */
enum gw_status sync_apply_section(struct sync *s, struct sync_apply_info *ai, const void *cs,
				  size_t n, struct gw_err *err);
/* Moves references to merged-away records (sync_alias) and reports
 * references that still point nowhere: GW_EREFUSED naming one. */
enum gw_status sync_apply_finish(struct sync *s, struct sync_apply_info *ai, struct gw_err *err);
/* Applies a hand-built changeset in the open transaction with capture
 * off; any conflict aborts it, except (fk_ok) references left to check at
 * the end, noted in *fk_seen. */
enum gw_status sync_apply_plain(struct sync *s, const void *cs, size_t n, int fk_ok, int *fk_seen,
				struct gw_err *err);

/* ---- a clerk's choice (sync_resolve.c) ---- */

/* See sync_resolve. */
enum gw_status sync_resolve_one(struct sync *s, long long id, int keep_theirs, struct gw_err *err);

#endif
