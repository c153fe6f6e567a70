/* schema.c - the migrations, applied in order by PRAGMA user_version.
 *
 * Ids: every record's primary key `id` is 32 lowercase hex digits: 48 bits of
 * milliseconds since 1970 followed by 80 random bits from getrandom() (see
 * core/id.c).  Two township offices creating records offline cannot collide
 * (2^80 random space per millisecond), and ids sort by creation time, which
 * keeps B-tree inserts at the right edge during bulk imports.  Link tables
 * use the pair of ids as their key.  Every table declares a NOT NULL primary
 * key, because SQLite's session extension (used to merge offices' changes)
 * skips tables and rows without one.
 *
 * Rows that others refer to are deleted softly (deleted = 1) so history
 * stays.  `version` counts edits, so a save can tell that someone else
 * changed the record since it was opened.  Times are local
 * 'YYYY-MM-DD HH:MM:SS'; dates 'YYYY-MM-DD'.  Enumerated values are stored as
 * the English names of the CSV contract; lists as 'a;b' in contract order.
 */
#include "schema.h"

#include <stddef.h>

/* Columns every domain record carries. */
#define RECORD_TAIL                                                     \
	"  deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0,1)),\n" \
	"  version    INTEGER NOT NULL DEFAULT 1,\n"                      \
	"  office     TEXT NOT NULL,\n"                                   \
	"  created_at TEXT NOT NULL,\n"                                   \
	"  updated_at TEXT NOT NULL\n"

static const char migration_1[] =
	"CREATE TABLE meta (\n"
	"  key   TEXT PRIMARY KEY NOT NULL,\n"
	"  value TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE office (\n"
	"  code       TEXT PRIMARY KEY NOT NULL,\n"
	"  name       TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE operator (\n"
	"  id         TEXT PRIMARY KEY NOT NULL,\n"
	"  login      TEXT NOT NULL UNIQUE,\n"
	"  name       TEXT NOT NULL DEFAULT '',\n"
	RECORD_TAIL
	");\n"
	"CREATE TABLE grid (\n"
	"  id        TEXT PRIMARY KEY NOT NULL,\n"
	"  code      TEXT NOT NULL UNIQUE,\n"
	"  name      TEXT NOT NULL,\n"
	"  level     TEXT NOT NULL CHECK (level IN ('county','township','park','grid')),\n"
	"  parent_id TEXT REFERENCES grid(id),\n"
	"  basis     TEXT CHECK (basis IN ('region','industry','chain')),\n"
	"  lon       REAL CHECK (lon BETWEEN -180 AND 180),\n"
	"  lat       REAL CHECK (lat BETWEEN -90 AND 90),\n"
	RECORD_TAIL
	");\n"
	"CREATE INDEX grid_parent ON grid(parent_id);\n"
	"CREATE TABLE org (\n"
	"  id              TEXT PRIMARY KEY NOT NULL,\n"
	"  credit_code     TEXT NOT NULL UNIQUE,\n"
	"  name            TEXT NOT NULL,\n"
	"  kind            TEXT NOT NULL CHECK (kind IN ('enterprise','social_org','association')),\n"
	"  tags            TEXT NOT NULL DEFAULT '',\n"
	"  chain           TEXT,\n"
	"  grid_id         TEXT NOT NULL REFERENCES grid(id),\n"
	"  address         TEXT NOT NULL DEFAULT '',\n"
	"  employees       INTEGER CHECK (employees >= 0),\n"
	"  party_members   INTEGER CHECK (party_members >= 0),\n"
	"  party_org       TEXT NOT NULL DEFAULT 'none'\n"
	"                  CHECK (party_org IN ('none','standalone','joint','affiliated')),\n"
	"  party_org_since TEXT,\n"
	"  contact         TEXT NOT NULL DEFAULT '',\n"
	"  phone           TEXT NOT NULL DEFAULT '',\n"
	"  plan            TEXT NOT NULL DEFAULT '',\n"
	RECORD_TAIL
	");\n"
	"CREATE INDEX org_grid ON org(grid_id);\n"
	"CREATE TABLE instructor (\n"
	"  id     TEXT PRIMARY KEY NOT NULL,\n"
	"  phone  TEXT NOT NULL UNIQUE,\n"
	"  name   TEXT NOT NULL,\n"
	"  gender TEXT CHECK (gender IN ('male','female')),\n"
	"  unit   TEXT NOT NULL DEFAULT '',\n"
	"  role   TEXT NOT NULL CHECK (role IN ('full_time','part_time')),\n"
	"  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),\n"
	RECORD_TAIL
	");\n"
	"CREATE TABLE instructor_grid (\n"
	"  instructor_id TEXT NOT NULL REFERENCES instructor(id),\n"
	"  grid_id       TEXT NOT NULL REFERENCES grid(id),\n"
	"  PRIMARY KEY (instructor_id, grid_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX instructor_grid_by_grid ON instructor_grid(grid_id);\n"
	"CREATE TABLE instructor_org (\n"
	"  instructor_id TEXT NOT NULL REFERENCES instructor(id),\n"
	"  org_id        TEXT NOT NULL REFERENCES org(id),\n"
	"  PRIMARY KEY (instructor_id, org_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX instructor_org_by_org ON instructor_org(org_id);\n"
	"CREATE TABLE party_member (\n"
	"  id            TEXT PRIMARY KEY NOT NULL,\n"
	"  name          TEXT NOT NULL,\n"
	"  phone         TEXT NOT NULL DEFAULT '',\n"
	"  org_id        TEXT REFERENCES org(id),\n"        /* whose party org manages them */
	"  grid_id       TEXT REFERENCES grid(id),\n"
	"  works_in_park INTEGER NOT NULL DEFAULT 0 CHECK (works_in_park IN (0,1)),\n"
	"  mobile        INTEGER NOT NULL DEFAULT 0 CHECK (mobile IN (0,1)),\n" /* 流动党员 */
	"  joined_on     TEXT,\n"
	RECORD_TAIL
	");\n"
	"CREATE INDEX party_member_org ON party_member(org_id);\n"
	"CREATE TABLE department (\n"
	"  id        TEXT PRIMARY KEY NOT NULL,\n"
	"  name      TEXT NOT NULL UNIQUE,\n"
	"  new_employment INTEGER NOT NULL DEFAULT 0,\n"      /* one of the eight */
	RECORD_TAIL
	");\n"
	"CREATE TABLE worker (\n"
	"  id           TEXT PRIMARY KEY NOT NULL,\n"
	"  phone        TEXT NOT NULL UNIQUE,\n"
	"  name         TEXT NOT NULL,\n"
	"  job          TEXT NOT NULL CHECK (job IN ('delivery_rider','courier','ride_hailing','trucker','other')),\n"
	"  platform     TEXT NOT NULL DEFAULT '',\n"
	"  party_member INTEGER NOT NULL DEFAULT 0 CHECK (party_member IN (0,1)),\n"
	"  community_id TEXT REFERENCES grid(id),\n"
	"  roles        TEXT NOT NULL DEFAULT '',\n"
	RECORD_TAIL
	");\n"
	"CREATE TABLE ticket (\n"
	"  id             TEXT PRIMARY KEY NOT NULL,\n"
	"  number         TEXT NOT NULL UNIQUE,\n"
	"  title          TEXT NOT NULL,\n"
	"  description    TEXT NOT NULL DEFAULT '',\n"
	"  category       TEXT NOT NULL,\n"
	"  source         TEXT NOT NULL,\n"
	"  grid_id        TEXT NOT NULL REFERENCES grid(id),\n"
	"  org_id         TEXT REFERENCES org(id),\n"
	"  reporter       TEXT NOT NULL DEFAULT '',\n"
	"  reporter_phone TEXT NOT NULL DEFAULT '',\n"
	"  worker_id      TEXT REFERENCES worker(id),\n"
	"  department     TEXT REFERENCES department(name),\n"
	"  instructor_id  TEXT REFERENCES instructor(id),\n"
	/* Comparisons, not IN (...): SQLite evaluates an IN list of more than
	 * two constants through a temporary B-tree built anew by every INSERT
	 * and UPDATE (measured: 4 us a row, a fifth of a ticket import's insert). */
	"  status         TEXT NOT NULL DEFAULT 'new' CHECK (status = 'new' OR\n"
	"                 status = 'accepted' OR status = 'in_progress' OR status = 'on_hold' OR\n"
	"                 status = 'resolved' OR status = 'closed' OR status = 'returned'),\n"
	"  due_on         TEXT,\n"
	"  hold_since     TEXT,\n"
	"  held_days      INTEGER NOT NULL DEFAULT 0,\n"
	"  resolved_at    TEXT,\n"
	"  closed_at      TEXT,\n"
	"  satisfaction   INTEGER CHECK (satisfaction BETWEEN 1 AND 5),\n"
	"  duplicate_of   TEXT REFERENCES ticket(id),\n"
	RECORD_TAIL
	");\n"
	"CREATE INDEX ticket_grid ON ticket(grid_id, created_at);\n"
	"CREATE INDEX ticket_status ON ticket(status, due_on);\n"
	"CREATE INDEX ticket_by_department ON ticket(department, status);\n"
	"CREATE TABLE ticket_department (\n"            /* supporting departments */
	"  ticket_id  TEXT NOT NULL REFERENCES ticket(id),\n"
	"  department TEXT NOT NULL REFERENCES department(name),\n"
	"  PRIMARY KEY (ticket_id, department)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE ticket_event (\n"
	"  id          TEXT PRIMARY KEY NOT NULL,\n"
	"  ticket_id   TEXT NOT NULL REFERENCES ticket(id),\n"
	"  at          TEXT NOT NULL,\n"
	"  operator    TEXT NOT NULL,\n"
	"  action      TEXT NOT NULL,\n"
	"  from_status TEXT,\n"
	"  to_status   TEXT,\n"
	"  department  TEXT,\n"
	"  note        TEXT NOT NULL DEFAULT '',\n"
	"  office      TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX ticket_event_by_ticket ON ticket_event(ticket_id, at);\n"
	"CREATE TABLE ticket_seq (\n"
	"  office TEXT NOT NULL,\n"
	"  year   INTEGER NOT NULL,\n"
	"  last   INTEGER NOT NULL,\n"
	"  PRIMARY KEY (office, year)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE points_ledger (\n"
	"  id        TEXT PRIMARY KEY NOT NULL,\n"
	"  worker_id TEXT NOT NULL REFERENCES worker(id),\n"
	"  at        TEXT NOT NULL,\n"
	"  points    INTEGER NOT NULL,\n"           /* earned > 0, redeemed < 0 */
	"  reason    TEXT NOT NULL,\n"
	"  ticket_id TEXT REFERENCES ticket(id),\n"
	"  operator  TEXT NOT NULL,\n"
	"  office    TEXT NOT NULL\n"
	");\n"
	"CREATE UNIQUE INDEX points_once_per_ticket ON points_ledger(worker_id, ticket_id)\n"
	"  WHERE ticket_id IS NOT NULL;\n"
	"CREATE TABLE station (\n"
	"  id       TEXT PRIMARY KEY NOT NULL,\n"
	"  name     TEXT NOT NULL UNIQUE,\n"
	"  grid_id  TEXT NOT NULL REFERENCES grid(id),\n"
	"  address  TEXT NOT NULL DEFAULT '',\n"
	"  host     TEXT NOT NULL DEFAULT '',\n"
	"  services TEXT NOT NULL,\n"
	"  hours    TEXT NOT NULL DEFAULT '',\n"
	"  lon      REAL CHECK (lon BETWEEN -180 AND 180),\n"
	"  lat      REAL CHECK (lat BETWEEN -90 AND 90),\n"
	RECORD_TAIL
	");\n"
	"CREATE TABLE activity (\n"
	"  id           TEXT PRIMARY KEY NOT NULL,\n"
	"  kind         TEXT NOT NULL CHECK (kind IN ('training','secretary_day','workshop_talk',\n"
	"               'worker_council','joint_meeting','matchmaking')),\n"
	"  title        TEXT NOT NULL,\n"
	"  held_on      TEXT NOT NULL,\n"
	"  grid_id      TEXT REFERENCES grid(id),\n"
	"  organiser    TEXT NOT NULL DEFAULT '',\n"
	"  person_times INTEGER NOT NULL DEFAULT 0 CHECK (person_times >= 0),\n"
	RECORD_TAIL
	");\n"
	"CREATE TABLE coop_project (\n"
	"  id          TEXT PRIMARY KEY NOT NULL,\n"
	"  title       TEXT NOT NULL,\n"
	"  org_a       TEXT NOT NULL REFERENCES org(id),\n"
	"  org_b       TEXT NOT NULL REFERENCES org(id),\n"
	"  field       TEXT NOT NULL DEFAULT '',\n"
	"  activity_id TEXT REFERENCES activity(id),\n"
	"  signed_on   TEXT,\n"
	RECORD_TAIL
	");\n"
	"CREATE TABLE credit_grant (\n"
	"  id          TEXT PRIMARY KEY NOT NULL,\n"
	"  org_id      TEXT NOT NULL REFERENCES org(id),\n"
	"  bank        TEXT NOT NULL,\n"
	"  amount_yuan INTEGER NOT NULL CHECK (amount_yuan > 0),\n"
	"  granted_on  TEXT NOT NULL,\n"
	RECORD_TAIL
	");\n"
	"CREATE TABLE audit (\n"
	"  id        TEXT PRIMARY KEY NOT NULL,\n"
	"  at        TEXT NOT NULL,\n"
	"  operator  TEXT NOT NULL,\n"
	"  office    TEXT NOT NULL,\n"
	"  tbl       TEXT NOT NULL,\n"
	"  record_id TEXT NOT NULL,\n"
	"  action    TEXT NOT NULL,\n"     /* insert, update, delete, import, ... */
	"  old       TEXT,\n"              /* JSON object of changed fields */
	"  new       TEXT\n"
	");\n"
	"CREATE INDEX audit_record ON audit(tbl, record_id);\n";

/* Migration 2: the quick-lookup index (core/search_index.c).  The program
 * brings the index up to date just before each commit, so it commits with
 * the records whoever wrote them (forms, imports, sync, or the sqlite3
 * shell, whose changes the next search picks up).  Postings are the rowids
 * of each kind's own table.  New records need no trigger: every rowid above
 * the last one indexed is new (a trigger on every insert would cost a
 * million-ticket import several seconds).  Triggers, plain SQL so the file
 * stays editable without the program, note the rest: records whose indexed
 * text or liveness changed in search_dirty, hard-deleted rowids (which
 * SQLite may hand out again) in search_gone.
 *
 * search_post: posting lists.  gram is a character, bigram or pinyin-initial
 * gram of one kind's names packed into an integer (kind as enum
 * search_kind: 0 instructor, 1 org, 2 grid, 3 ticket, 4 worker,
 * 5 station); docs the rowids of the kind's table having it, as delta
 * varints, one chunk per flush (seq counts flushes).
 * Phones and codes need no grams: expression indexes on the last four
 * digits, and range scans of the existing UNIQUE indexes.
 *
 * The search tables are derived and local: sync must not carry them.
 * NOT EXISTS rather than INSERT OR IGNORE: a trigger's conflict clause is
 * overridden by the firing statement's (an UPDATE OR FAIL would then fail
 * on a record changed twice in one transaction). */
#define SEARCH_TRIGGERS(k, tbl, cols, changed)                                  \
	"CREATE TRIGGER search_" tbl "_upd AFTER UPDATE OF id, deleted, " cols     \
	" ON " tbl " WHEN OLD.id IS NOT NEW.id OR OLD.deleted IS NOT NEW.deleted OR " \
	changed " BEGIN\n"                                                          \
	"  INSERT INTO search_dirty(kind, id) SELECT " k ", NEW.id WHERE NOT EXISTS\n" \
	"    (SELECT 1 FROM search_dirty WHERE kind = " k " AND id = NEW.id);\n"     \
	"END;\n"                                                                    \
	"CREATE TRIGGER search_" tbl "_del AFTER DELETE ON " tbl " BEGIN\n"          \
	"  INSERT INTO search_gone(kind, rid) SELECT " k ", OLD.rowid WHERE NOT EXISTS\n" \
	"    (SELECT 1 FROM search_gone WHERE kind = " k " AND rid = OLD.rowid);\n"  \
	"END;\n"

static const char migration_2[] =
	"CREATE TABLE search_dirty (\n"
	"  kind INTEGER NOT NULL,\n"
	"  id   TEXT NOT NULL,\n"
	"  PRIMARY KEY (kind, id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE search_gone (\n"
	"  kind INTEGER NOT NULL,\n"
	"  rid  INTEGER NOT NULL,\n"
	"  PRIMARY KEY (kind, rid)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE search_post (\n"
	"  gram INTEGER NOT NULL,\n"
	"  seq  INTEGER NOT NULL,\n"
	"  docs BLOB NOT NULL,\n"
	"  PRIMARY KEY (gram, seq)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX search_instructor_phone4 ON instructor(substr(phone, -4));\n"
	"CREATE INDEX search_worker_phone4 ON worker(substr(phone, -4));\n"
	"CREATE INDEX search_org_phone4 ON org(substr(phone, -4)) WHERE phone <> '';\n"
	SEARCH_TRIGGERS("0", "instructor", "name", "OLD.name IS NOT NEW.name")
	SEARCH_TRIGGERS("1", "org", "name", "OLD.name IS NOT NEW.name")
	SEARCH_TRIGGERS("2", "grid", "name", "OLD.name IS NOT NEW.name")
	SEARCH_TRIGGERS("3", "ticket", "title, reporter",
			"OLD.title IS NOT NEW.title OR OLD.reporter IS NOT NEW.reporter")
	SEARCH_TRIGGERS("4", "worker", "name", "OLD.name IS NOT NEW.name")
	SEARCH_TRIGGERS("5", "station", "name", "OLD.name IS NOT NEW.name");

/* Migration 3: the office-to-office exchange (db/schema_sync.c). */
extern const char migration_sync[];
/* Migrations 4 and 5: indexes for the workbench's pages and for counting
 * one category of tickets (db/schema_index.c). */
extern const char migration_index[];
extern const char migration_ticket_category[];

static const char *const migrations[] = {
	migration_1,
	migration_2,
	migration_sync,
	migration_index,
	migration_ticket_category,
};

int schema_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *schema_migration(int version)
{
	if (version < 1 || version > schema_count())
		return NULL;
	return migrations[version - 1];
}
