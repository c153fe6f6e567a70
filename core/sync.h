/* sync.h - offline offices exchanging packages of changes (docs/SYNC.md).
 *
 * Every commit's changes to the records are captured with SQLite's session
 * extension into change_log.  A package to a peer office carries every
 * change the peer has not confirmed holding (its own packages say what it
 * holds), so packages may be lost, repeated or arrive late without losing
 * or doubling anything; changes made at third offices are relayed, so after
 * a round of exchanges every office holds the same records.  Applying a
 * package resolves conflicting edits by a rule per table or keeps both
 * versions for a clerk (sync_conflicts / sync_resolve). */
#ifndef GW_SYNC_H
#define GW_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "gw.h"

#define SYNC_FORMAT_VERSION 1
#define SYNC_MAX_MARKS 256      /* offices a package can report on */

/* Starts capturing this handle's changes (idempotent): meant to be called
 * by gw_open, since changes made while not attached never travel.  The
 * export, import and resolve functions below attach when needed.  Must be
 * followed by sync_detach before the database closes (gw_close).
 * GW_EDB/GW_ENOMEM on failure. */
enum gw_status sync_attach(struct gw *gw, struct gw_err *err);
/* Stores what was captured but not yet committed through db_commit (writes
 * made outside a transaction), then stops capturing and frees the state. */
void sync_detach(struct gw *gw);

/* Moves what the session captured so far into change_log, inside the open
 * transaction (or a transaction of its own).  A long import calls it every
 * few thousand rows so that memory stays flat whatever the file's size.
 * No-op when not attached. */
enum gw_status sync_flush(struct gw *gw, struct gw_err *err);

/* Bulk capture (core/sync_bulk.c).  Recording each of a million imported
 * tickets through the session costs a third of the import (a hook a row,
 * then a read-back a row to build the changeset).  So a bulk import pauses
 * the session around each new ticket (sync_bulk_pause) and notes its rowid
 * (sync_bulk_note); the next capture (sync_flush, and the commit) writes
 * the noted rows to change_log from one scan of the table: the INSERT
 * changes the session would have written.  Only for rows that nothing else
 * changes before that capture: a write to a noted row calls sync_flush
 * first.  A rollback forgets the notes.  No-ops when not attached.
 * sync_bulk_note: GW_ENOMEM when the note cannot be kept. */
int sync_bulk_pause(struct gw *gw);
enum gw_status sync_bulk_note(struct gw *gw, int paused, int64_t rowid, struct gw_err *err);
/* Whether rows are noted and not yet captured. */
int sync_bulk_pending(struct gw *gw);

/* Registers a peer office (code: 1-16 capital letters or digits; name: its
 * Chinese name).  county marks the county office.  GW_EEXIST when known,
 * GW_EINVAL for a bad code or this office's own code. */
enum gw_status sync_peer_add(struct gw *gw, const char *code, const char *name, int county,
			     struct gw_err *err);

/* What an export or an import did. */
struct sync_summary {
	char peer[17];
	long long seq;          /* the package's number */
	int sections;
	long changes;           /* row changes in the package */
	long applied;           /* import: changes applied (sections not already held) */
	long skipped;           /* import: changes already held here */
	long conflicts_rule;    /* import: conflicts decided by a rule */
	long conflicts_open;    /* import: conflicts left for a clerk */
	long long bytes;
	long long gap_from;     /* import: packages gap_from..seq-1 never arrived (0: none) */
};

/* Writes a package for office `to` at path (through path.tmp and a rename,
 * so no half-written package is left): every change `to` has not confirmed,
 * or with all every change held here.  GW_ENOTFOUND for an unknown peer,
 * GW_EIO when the file cannot be written; nothing is recorded then. */
enum gw_status sync_export(struct gw *gw, const char *to, int all, const char *path,
			   struct sync_summary *out, struct gw_err *err);

/* Applies the package at path in one transaction.  Refused with a clear
 * message and nothing changed (GW_EREFUSED) when it is damaged or
 * truncated, of another format or schema version, not addressed to this
 * office, from an unregistered office, or not newer than the last package
 * applied from its sender; GW_EIO when it cannot be read. */
enum gw_status sync_import(struct gw *gw, const char *path, struct sync_summary *out,
			   struct gw_err *err);

/* A peer as sync_status reports it; strings are the callee's, valid during
 * the callback only. */
struct sync_peer_info {
	const char *code, *name;
	int county;
	long long sent_seq, recv_seq;
	const char *sent_at, *recv_at;  /* "" when never */
	long pending_entries, pending_changes;  /* held here, not confirmed by the peer */
};

struct sync_overview {
	char office[17];
	char county[17];        /* "" when this office is the county */
	long local_entries, local_changes;
	long open_conflicts;
};

/* Calls each for every peer (county first) and fills *ov. */
enum gw_status sync_status(struct gw *gw, struct sync_overview *ov,
			   void (*each)(void *ctx, const struct sync_peer_info *p), void *ctx,
			   struct gw_err *err);

/* A conflict as sync_conflicts reports it (strings valid during the
 * callback only).  mine/theirs are JSON objects of the record's fields, or
 * NULL when that side deleted the record. */
struct sync_conflict_info {
	long long id;
	const char *at, *peer, *origin, *tbl, *record_id, *kind, *columns;
	long long package_seq;
	const char *mine, *theirs;
	const char *outcome;    /* which version the record holds now */
	const char *rule;       /* the rule that decided, "" when open */
	const char *resolution; /* NULL when open */
};

/* Lists open conflicts (all: also those decided by rule or resolved). */
enum gw_status sync_conflicts(struct gw *gw, int all,
			      void (*each)(void *ctx, const struct sync_conflict_info *c),
			      void *ctx, struct gw_err *err);

/* Settles open conflict id: keep this office's version (keep_theirs = 0)
 * or the other office's.  The choice is written as a change with a higher
 * version, so it wins at every office, and closes the same conflict there.
 * GW_ENOTFOUND, GW_ESTATE when already settled or not settleable here. */
enum gw_status sync_resolve(struct gw *gw, long long id, int keep_theirs, struct gw_err *err);

/* ---- the package file (core/sync_package.c) ---- */

struct sync_mark {
	char office[17];
	int64_t seq;
};

struct sync_header {
	uint32_t version, schema, flags;
	char sender[17], receiver[17];
	int64_t seq;
	char created_at[20];
	uint32_t nsections;
	uint64_t body_len, checksum;
	int nmarks;
	struct sync_mark marks[SYNC_MAX_MARKS]; /* what the sender holds, per origin */
	size_t header_len;      /* offset of the first section */
	long changes;           /* total row changes in the sections */
};
#define SYNC_FLAG_ALL 1u

struct sync_section {
	char origin[17];
	int64_t first_seq, last_seq;
	long changes;
	const void *data;       /* points into the package buffer */
	size_t len;
};

/* Checks a whole package in memory: magic, format version, lengths,
 * checksum, office codes, every section and every changeset in it.  Safe
 * on any bytes.  Fills *out and returns GW_OK, or GW_EREFUSED with the
 * reason (in the current language). */
enum gw_status sync_package_parse(const void *buf, size_t len, struct sync_header *out,
				  struct gw_err *err);

/* Iterates the sections of a package that sync_package_parse accepted:
 * *pos starts at 0; returns 1 and fills *sec, or 0 at the end. */
int sync_package_next(const struct sync_header *h, const void *buf, size_t *pos,
		      struct sync_section *sec);

#endif
