/* schema_sync.c - the tables of the office-to-office exchange (core/sync*.c,
 * docs/SYNC.md).  They are this office's bookkeeping, which the exchange
 * does not carry (core/sync.c filters change_log and sync_* tables), except
 * sync_resolution.
 *
 * change_log: every change this office holds, in the order it happened
 * here, as SQLite session changesets.  origin is the office where the
 * change was made; first_seq..last_seq its numbers in that office's own
 * count (a local commit takes one number; a section received from a
 * package may cover several).  A package to a peer is every entry the
 * peer has not acknowledged, so a lost package needs no re-sending.
 *
 * sync_peer: offices this one exchanges with, registered by a clerk (a
 * package from an office not registered is refused).  sent_seq/recv_seq
 * number the packages of each direction; recv_seq refuses old and repeated
 * packages.  county marks the county office, whose rule is that it owns
 * the grid map and the instructor roster.
 *
 * sync_ack: what each peer is known to hold, per origin office (from the
 * high-water marks in the peer's packages).
 *
 * sync_sent: the highest change of each origin already sent to each peer.
 * Entries sent before but not yet confirmed travel again one by one, so a
 * peer that holds some of them skips exactly those; entries never sent
 * are combined (a row inserted and then edited travels once).
 *
 * sync_package: the history of packages written and applied.
 *
 * sync_conflict: every case where two offices changed the same record:
 * decided by a rule (resolution 'rule', kept for traceability) or left open
 * for a clerk (resolution NULL), with both versions as JSON for people and
 * as session records (mine_rec/theirs_rec) for writing the chosen one back.
 *
 * sync_resolution: a clerk's choice on a conflict.  Unlike the other
 * tables it travels to every office, where it closes the same conflict
 * (the chosen values travel as an ordinary change with a higher version).
 *
 * sync_alias: records registered at two offices under the same natural key
 * (a credit code, a phone): the older id is kept and the other one's
 * references are moved to it, here and in later packages. */

const char migration_sync[] =
	"CREATE TABLE change_log (\n"
	"  seq        INTEGER PRIMARY KEY NOT NULL,\n"
	"  origin     TEXT NOT NULL,\n"
	"  first_seq  INTEGER NOT NULL,\n"
	"  last_seq   INTEGER NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  changes    INTEGER NOT NULL,\n"
	"  changeset  BLOB NOT NULL\n"
	");\n"
	"CREATE INDEX change_log_origin ON change_log(origin, last_seq);\n"
	"CREATE TABLE sync_peer (\n"
	"  code     TEXT PRIMARY KEY NOT NULL,\n"
	"  name     TEXT NOT NULL,\n"
	"  county   INTEGER NOT NULL DEFAULT 0 CHECK (county IN (0,1)),\n"
	"  added_at TEXT NOT NULL,\n"
	"  sent_seq INTEGER NOT NULL DEFAULT 0,\n"
	"  sent_at  TEXT,\n"
	"  recv_seq INTEGER NOT NULL DEFAULT 0,\n"
	"  recv_at  TEXT\n"
	");\n"
	"CREATE TABLE sync_ack (\n"
	"  peer   TEXT NOT NULL REFERENCES sync_peer(code),\n"
	"  origin TEXT NOT NULL,\n"
	"  seq    INTEGER NOT NULL,\n"
	"  PRIMARY KEY (peer, origin)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE sync_sent (\n"
	"  peer   TEXT NOT NULL REFERENCES sync_peer(code),\n"
	"  origin TEXT NOT NULL,\n"
	"  seq    INTEGER NOT NULL,\n"
	"  PRIMARY KEY (peer, origin)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE sync_package (\n"
	"  id        INTEGER PRIMARY KEY NOT NULL,\n"
	"  direction TEXT NOT NULL CHECK (direction IN ('out','in')),\n"
	"  peer      TEXT NOT NULL,\n"
	"  seq       INTEGER NOT NULL,\n"
	"  at        TEXT NOT NULL,\n"
	"  operator  TEXT NOT NULL,\n"
	"  file      TEXT NOT NULL,\n"
	"  bytes     INTEGER NOT NULL,\n"
	"  sections  INTEGER NOT NULL,\n"
	"  changes   INTEGER NOT NULL,\n"
	"  conflicts INTEGER NOT NULL DEFAULT 0,\n"
	"  checksum  TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE sync_conflict (\n"
	"  id          INTEGER PRIMARY KEY NOT NULL,\n"
	"  at          TEXT NOT NULL,\n"
	"  peer        TEXT NOT NULL,\n"
	"  package_seq INTEGER NOT NULL,\n"
	"  origin      TEXT NOT NULL,\n"
	"  tbl         TEXT NOT NULL,\n"
	"  record_id   TEXT NOT NULL,\n"
	"  kind        TEXT NOT NULL,\n"
	"  columns     TEXT NOT NULL DEFAULT '',\n"
	"  mine        TEXT,\n"
	"  theirs      TEXT,\n"
	"  mine_rec    BLOB,\n"
	"  theirs_rec  BLOB,\n"
	"  outcome     TEXT NOT NULL,\n"
	"  rule        TEXT NOT NULL DEFAULT '',\n"
	"  resolution  TEXT,\n"
	"  resolved_at TEXT,\n"
	"  resolved_by TEXT\n"
	");\n"
	"CREATE INDEX sync_conflict_open ON sync_conflict(resolution, id);\n"
	"CREATE INDEX sync_conflict_record ON sync_conflict(tbl, record_id);\n"
	"CREATE TABLE sync_resolution (\n"
	"  id        TEXT PRIMARY KEY NOT NULL,\n"
	"  tbl       TEXT NOT NULL,\n"
	"  record_id TEXT NOT NULL,\n"
	"  keep      TEXT NOT NULL CHECK (keep IN ('mine','theirs')),\n"
	"  columns   TEXT NOT NULL DEFAULT '',\n"
	"  office    TEXT NOT NULL,\n"
	"  operator  TEXT NOT NULL,\n"
	"  at        TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE sync_alias (\n"
	"  tbl    TEXT NOT NULL,\n"
	"  loser  TEXT NOT NULL,\n"
	"  winner TEXT NOT NULL,\n"
	"  PRIMARY KEY (tbl, loser)\n"
	") WITHOUT ROWID;\n";
