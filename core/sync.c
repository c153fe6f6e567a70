/* sync.c - capturing changes into change_log, the tables the exchange
 * knows, peers, status and the conflict list.  Packages are written and
 * applied in sync_xfer.c, in the format of sync_package.c; conflicts are
 * handled in sync_apply.c and settled by clerks in sync_resolve.c.
 * docs/SYNC.md is the clerk's and maintainer's description. */
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "id.h"
#include "sync_int.h"

/* ---- per-handle state: gw->sync ---- */
struct sync *sync_state(struct gw *gw)
{
	return gw ? gw->sync : NULL;
}

/* Local bookkeeping, configuration-derived rows and derived indexes stay
 * home: meta and office describe this file; operator logins are per
 * office; departments come from each office's configuration (their ids
 * differ per office, tickets refer to them by name); ticket_seq counts an
 * office's own numbers.  Everything else is a record and travels, so a
 * table added later travels unless it is listed here. */
int sync_table_synced(const char *name)
{
	static const char *const local[] = {"meta", "office", "operator", "department",
					    "ticket_seq", "change_log"};
	if (strcmp(name, "sync_resolution") == 0)
		return 1;
	if (strncmp(name, "sqlite_", 7) == 0 || strncmp(name, "search_", 7) == 0 ||
	    strncmp(name, "sync_", 5) == 0)
		return 0;
	for (size_t i = 0; i < sizeof local / sizeof local[0]; i++)
		if (strcmp(name, local[i]) == 0)
			return 0;
	return 1;
}

static int table_filter(void *ctx, const char *name)
{
	(void)ctx;
	return sync_table_synced(name);
}

/* The rule class, the whole-record statement and the natural key of the
 * tables the exchange knows by name (docs/SYNC.md, "Conflict rules"). */
static const struct {
	const char *name;
	enum sync_class cls;
	int row_q, key_q;
	const char *key[2];
} known[] = {
	{"grid", SC_COUNTY, Q_SYNC_ROW_GRID, Q_SYNC_KEY_GRID, {"code", NULL}},
	{"instructor", SC_COUNTY, Q_SYNC_ROW_INSTRUCTOR, Q_SYNC_KEY_INSTRUCTOR, {"phone", NULL}},
	{"instructor_grid", SC_COUNTY, -1, -1, {NULL, NULL}},
	{"instructor_org", SC_COUNTY, -1, -1, {NULL, NULL}},
	{"org", SC_SHARED, Q_SYNC_ROW_ORG, Q_SYNC_KEY_ORG, {"credit_code", NULL}},
	{"party_member", SC_SHARED, Q_SYNC_ROW_PARTY_MEMBER, -1, {NULL, NULL}},
	{"worker", SC_SHARED, Q_SYNC_ROW_WORKER, Q_SYNC_KEY_WORKER, {"phone", NULL}},
	{"ticket", SC_TICKET, Q_SYNC_ROW_TICKET, Q_SYNC_KEY_TICKET, {"number", NULL}},
	{"ticket_department", SC_TICKET, -1, -1, {NULL, NULL}},
	{"ticket_event", SC_APPEND, Q_SYNC_ROW_TICKET_EVENT, -1, {NULL, NULL}},
	{"points_ledger", SC_APPEND, Q_SYNC_ROW_POINTS, Q_SYNC_KEY_POINTS, {"worker_id", "ticket_id"}},
	{"audit", SC_APPEND, Q_SYNC_ROW_AUDIT, -1, {NULL, NULL}},
	{"sync_resolution", SC_APPEND, -1, -1, {NULL, NULL}},
	{"station", SC_SHARED, Q_SYNC_ROW_STATION, Q_SYNC_KEY_STATION, {"name", NULL}},
	{"activity", SC_SHARED, Q_SYNC_ROW_ACTIVITY, -1, {NULL, NULL}},
	{"coop_project", SC_SHARED, Q_SYNC_ROW_COOP, -1, {NULL, NULL}},
	{"credit_grant", SC_SHARED, Q_SYNC_ROW_CREDIT, -1, {NULL, NULL}},
};

static int col_index(const struct sync_table *t, const char *name)
{
	for (int i = 0; name && i < t->ncol; i++)
		if (strcmp(t->col[i], name) == 0)
			return i;
	return -1;
}

const struct sync_table *sync_table_get(struct sync *s, const char *name, struct gw_err *err)
{
	for (int i = 0; i < s->ntables; i++)
		if (strcmp(s->tables[i].name, name) == 0)
			return &s->tables[i];
	if (s->ntables == SYNC_MAX_TABLES || strlen(name) >= sizeof s->tables[0].name)
		goto unknown;
	struct sync_table *t = &s->tables[s->ntables];
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", name);
	if (!(t->col = calloc(64, sizeof *t->col))) {
		gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		return NULL;
	}
	sqlite3_stmt *q = db_stmt(s->gw->db, Q_SYNC_TABLE_INFO, err);
	if (!q) {
		free(t->col);  /* the slot is not taken: nothing else would free it */
		return NULL;
	}
	db_bind_text(q, 1, name);
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && t->ncol < 64) {
		db_col_text(q, 0, t->col[t->ncol], sizeof t->col[0]);
		t->pk[t->ncol] = sqlite3_column_int(q, 1) > 0;
		t->npk += t->pk[t->ncol];
		t->ncol++;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		free(t->col);
		db_fail(s->gw->db, err, "sync");
		return NULL;
	}
	if (t->ncol == 0 || t->npk == 0 || !sync_table_synced(name)) {
		free(t->col);
		goto unknown;
	}
	int idc = col_index(t, "id");
	t->c_id = idc >= 0 && t->pk[idc] && t->npk == 1 ? idc : -1;
	t->c_version = col_index(t, "version");
	t->c_updated = col_index(t, "updated_at");
	t->c_deleted = col_index(t, "deleted");
	t->c_office = col_index(t, "office");
	t->c_created = col_index(t, "created_at");
	t->cls = SC_SHARED;
	t->row_q = t->key_q = -1;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (strcmp(known[i].name, name) != 0)
			continue;
		t->cls = known[i].cls;
		t->row_q = known[i].row_q;
		t->key_q = known[i].key_q;
		for (int k = 0; k < 2 && known[i].key[k]; k++)
			if ((t->key[k] = col_index(t, known[i].key[k])) >= 0)
				t->nkey = k + 1;
		if (t->nkey == 0)
			t->key_q = -1;
	}
	s->ntables++;
	return t;
unknown:
	gw_fail(err, GW_EREFUSED,
		"同步包修改了表 %s，本办公室的数据库没有这张表或不交换它（两边需使用同一版本的 gridwork），未做任何改动",
		"the package changes table %s, which this office's database lacks or does not exchange (both offices need the same gridwork version); nothing was changed",
		name);
	return NULL;
}

/* A session recording every table that travels, into *out. */
static enum gw_status session_new(struct sync *s, sqlite3_session **out, struct gw_err *err)
{
	sqlite3 *h = db_handle(s->gw->db);
	if (sqlite3session_create(h, "main", out) != SQLITE_OK)
		return gw_fail(err, GW_ENOMEM, "无法记录变更：内存不足", "cannot record changes: out of memory");
	sqlite3session_table_filter(*out, table_filter, NULL);
	if (sqlite3session_attach(*out, NULL) != SQLITE_OK) {
		sqlite3session_delete(*out);
		*out = NULL;
		return gw_fail(err, GW_EDB, "无法记录变更", "cannot record changes");
	}
	return GW_OK;
}

enum gw_status sync_log_insert(struct sync *s, const char *origin, int64_t first, int64_t last,
				 long changes, const void *cs, int n, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(s->gw->db, Q_SYNC_LOG_INSERT, err);
	if (!q)
		return GW_EDB;
	char now[20];
	clock_now(now);
	db_bind_text(q, 1, origin);
	sqlite3_bind_int64(q, 2, first);
	sqlite3_bind_int64(q, 3, last);
	db_bind_text(q, 4, now);
	sqlite3_bind_int64(q, 5, changes);
	sqlite3_bind_blob(q, 6, n ? cs : "", n, SQLITE_STATIC);
	return db_step_done(s->gw->db, q, err);
}

/* The highest change number of origin held here. */
int64_t sync_log_hw(struct sync *s, const char *origin, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(s->gw->db, Q_SYNC_LOG_HW, err);
	if (!q)
		return -1;
	db_bind_text(q, 1, origin);
	int64_t hw = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int64(q, 0) : -1;
	sqlite3_reset(q);
	if (hw < 0)
		db_fail(s->gw->db, err, "sync");
	return hw;
}

enum gw_status sync_log_local(struct sync *s, const void *cs, int n, struct gw_err *err)
{
	long count = sync_changeset_count(cs, (size_t)n);
	int64_t hw = sync_log_hw(s, s->gw->office, err);
	if (hw < 0)
		return GW_EDB;
	if (count < 0)
		return gw_fail(err, GW_EDB, "变更记录无效", "invalid change record");
	return sync_log_insert(s, s->gw->office, hw + 1, hw + 1, count, cs, n, err);
}

/* Moves the session's changes into change_log (inside the transaction)
 * and starts a fresh session, so memory holds one batch at most. */
static enum gw_status capture_session(struct sync *s, struct gw_err *err);

/* The session's changes first: a bulk import's tickets may refer to
 * records the same transaction wrote before them through the session. */
static enum gw_status capture(struct sync *s, struct gw_err *err)
{
	enum gw_status st = capture_session(s, err);
	return st == GW_OK ? sync_bulk_capture(s, err) : st;
}

static enum gw_status capture_session(struct sync *s, struct gw_err *err)
{
	if (sqlite3session_isempty(s->sess))
		return GW_OK;
	int n = 0;
	void *cs = NULL;
	sqlite3_session *next = NULL;
	if (sqlite3session_changeset(s->sess, &n, &cs) != SQLITE_OK) {
		/* A session that ran out of memory stays failed for good.  This
		 * transaction rolls back (so nothing it recorded is lost), and a
		 * fresh session records the next one. */
		sqlite3_session *fresh = NULL;
		if (session_new(s, &fresh, NULL) == GW_OK) {
			int on = sqlite3session_enable(s->sess, -1);
			sqlite3session_delete(s->sess);
			s->sess = fresh;
			sqlite3session_enable(s->sess, on);
		}
		return gw_fail(err, GW_ENOMEM, "记录变更失败（内存不足），未做任何修改",
			       "recording changes failed (out of memory); nothing was changed");
	}
	enum gw_status st = n > 0 ? sync_log_local(s, cs, n, err) : GW_OK;
	sqlite3_free(cs);
	/* The new session first: should it fail, the transaction rolls back
	 * and the old one, still recording, covers the next attempt. */
	if (st == GW_OK && (st = session_new(s, &next, err)) == GW_OK) {
		int on = sqlite3session_enable(s->sess, -1);
		sqlite3session_delete(s->sess);
		s->sess = next;
		sqlite3session_enable(s->sess, on);
	}
	return st;
}

/* After a rollback the session may hold a failed state (out of memory while
 * recording) or changes that never happened: start a fresh one.  Should
 * that fail for want of memory, the old session stays (a failed one refuses
 * every later commit) and db_begin calls this again before the next
 * transaction (db_add_rollback); sync_bulk_forget is idempotent. */
static enum gw_status after_rollback(void *ctx, struct gw_err *err)
{
	struct sync *s = sync_state(ctx);
	sqlite3_session *fresh = NULL;
	if (!s)
		return GW_OK;
	sync_bulk_forget(s, 0);
	enum gw_status st = session_new(s, &fresh, err);
	if (st != GW_OK)
		return st;
	int on = sqlite3session_enable(s->sess, -1);
	sqlite3session_delete(s->sess);
	s->sess = fresh;
	sqlite3session_enable(s->sess, on);
	return GW_OK;
}

static enum gw_status precommit(void *ctx, struct gw_err *err)
{
	struct sync *s = sync_state(ctx);
	return s ? capture(s, err) : GW_OK;
}

enum gw_status sync_attach(struct gw *gw, struct gw_err *err)
{
	if (sync_state(gw))
		return GW_OK;
	struct sync *s = calloc(1, sizeof *s);
	if (!s)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	s->gw = gw;
	enum gw_status st = session_new(s, &s->sess, err);
	if (st != GW_OK) {
		free(s);
		return st;
	}
	/* The hook finds the state through the handle, so a detached state is
	 * never touched even though db hooks cannot be removed. */
	if (db_add_precommit(gw->db, precommit, gw) != 0) {
		sqlite3session_delete(s->sess);
		free(s);
		return gw_fail(err, GW_EDB, "提交钩子已满", "no free commit hook");
	}
	db_add_rollback(gw->db, after_rollback, gw);
	gw->sync = s;
	return GW_OK;
}

enum gw_status sync_flush(struct gw *gw, struct gw_err *err)
{
	struct sync *s = sync_state(gw);
	if (!s)
		return GW_OK;
	if (db_in_tx(gw->db))
		return capture(s, err);
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	st = capture(s, err);
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}

void sync_detach(struct gw *gw)
{
	struct sync *s = sync_state(gw);
	if (!s)
		return;
	if (!db_in_tx(gw->db)) {
		struct gw_err e;
		sync_flush(gw, &e);
	}
	sqlite3session_delete(s->sess);
	sync_bulk_forget(s, 1);
	for (int i = 0; i < s->ntables; i++)
		free(s->tables[i].col);
	gw->sync = NULL;
	free(s);
}

/* ---- peers ---- */

enum gw_status sync_county(struct gw *gw, char out[17], struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_PEER_COUNTY, err);
	if (!q)
		return GW_EDB;
	int rc = sqlite3_step(q);
	out[0] = '\0';
	if (rc == SQLITE_ROW)
		db_col_text(q, 0, out, 17);
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "sync");
}

enum gw_status sync_peer_add(struct gw *gw, const char *code, const char *name, int county,
			     struct gw_err *err)
{
	if (!code || !sync_office_ok(code))
		return gw_fail(err, GW_EINVAL, "办公室编码“%s”无效：应为 1-16 位大写字母或数字",
			       "office code '%s' is invalid: 1-16 capital letters or digits",
			       code ? code : "");
	if (strcmp(code, gw->office) == 0)
		return gw_fail(err, GW_EINVAL, "%s 是本办公室自己的编码", "%s is this office's own code",
			       code);
	if (!name || !*name || strlen(name) > 96 * 3)
		return gw_fail(err, GW_EINVAL, "办公室名称不能为空，最多 96 个字",
			       "the office name must not be empty (at most 96 characters)");
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	char have[17];
	if (county && (st = sync_county(gw, have, err)) == GW_OK && have[0])
		st = gw_fail(err, GW_EEXIST, "已登记 %s 为县级办公室", "%s is already registered as the county",
			     have);
	sqlite3_stmt *q = st == GW_OK ? db_stmt(gw->db, Q_SYNC_PEER_ADD, err) : NULL;
	if (st == GW_OK && !q)
		st = GW_EDB;
	if (st == GW_OK) {
		char now[20];
		clock_now(now);
		db_bind_text(q, 1, code);
		db_bind_text(q, 2, name);
		sqlite3_bind_int(q, 3, county ? 1 : 0);
		db_bind_text(q, 4, now);
		st = db_step_done(gw->db, q, err);
		if (st == GW_EEXIST)
			gw_fail(err, GW_EEXIST, "办公室 %s 已登记", "office %s is already registered", code);
	}
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}

enum gw_status sync_peer_get(struct gw *gw, const char *code, struct peer_row *p,
			       struct gw_err *err)
{
	memset(p, 0, sizeof *p);
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_PEER_GET, err);
	if (!q)
		return GW_EDB;
	db_bind_text(q, 1, code);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		p->found = 1;
		db_col_text(q, 0, p->code, sizeof p->code);
		db_col_text(q, 1, p->name, sizeof p->name);
		p->county = sqlite3_column_int(q, 2);
		p->sent_seq = sqlite3_column_int64(q, 3);
		db_col_text(q, 4, p->sent_at, sizeof p->sent_at);
		p->recv_seq = sqlite3_column_int64(q, 5);
		db_col_text(q, 6, p->recv_at, sizeof p->recv_at);
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "sync");
}

enum gw_status sync_record_package(struct gw *gw, const char *dir, const char *peer,
				     long long seq, const char *path, long long bytes, int sections,
				     long changes, long conflicts, uint64_t crc, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_PACKAGE_INSERT, err);
	if (!q)
		return GW_EDB;
	char now[20], hex[17];
	clock_now(now);
	snprintf(hex, sizeof hex, "%016llx", (unsigned long long)crc);
	db_bind_text(q, 1, dir);
	db_bind_text(q, 2, peer);
	sqlite3_bind_int64(q, 3, seq);
	db_bind_text(q, 4, now);
	db_bind_text(q, 5, gw->operator_name);
	db_bind_text(q, 6, path);
	sqlite3_bind_int64(q, 7, bytes);
	sqlite3_bind_int(q, 8, sections);
	sqlite3_bind_int64(q, 9, changes);
	sqlite3_bind_int64(q, 10, conflicts);
	db_bind_text(q, 11, hex);
	return db_step_done(gw->db, q, err);
}

/* ---- status and conflicts ---- */

static enum gw_status count2(struct gw *gw, enum db_query qn, const char *arg, long *a, long *b,
			     struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, qn, err);
	if (!q)
		return GW_EDB;
	if (arg)
		db_bind_text(q, 1, arg);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*a = (long)sqlite3_column_int64(q, 0);
		if (b)
			*b = (long)sqlite3_column_int64(q, 1);
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? GW_OK : db_fail(gw->db, err, "sync");
}

enum gw_status sync_status(struct gw *gw, struct sync_overview *ov,
			   void (*each)(void *ctx, const struct sync_peer_info *p), void *ctx,
			   struct gw_err *err)
{
	memset(ov, 0, sizeof *ov);
	snprintf(ov->office, sizeof ov->office, "%s", gw->office);
	enum gw_status st = sync_flush(gw, err);
	if (st == GW_OK)
		st = sync_county(gw, ov->county, err);
	if (st == GW_OK)
		st = count2(gw, Q_SYNC_LOG_LOCAL, gw->office, &ov->local_entries, &ov->local_changes, err);
	if (st == GW_OK)
		st = count2(gw, Q_SYNC_CONFLICT_OPEN, NULL, &ov->open_conflicts, NULL, err);
	if (st != GW_OK)
		return st;
	/* Peers first into memory: the pending counts use other statements. */
	struct peer_row *rows = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_PEER_LIST, err);
	if (!q)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (n == cap) {
			void *nr = realloc(rows, (cap = cap ? cap * 2 : 8) * sizeof *rows);
			if (!nr) {
				st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
				break;
			}
			rows = nr;
		}
		struct peer_row *p = &rows[n++];
		memset(p, 0, sizeof *p);
		db_col_text(q, 0, p->code, sizeof p->code);
		db_col_text(q, 1, p->name, sizeof p->name);
		p->county = sqlite3_column_int(q, 2);
		p->sent_seq = sqlite3_column_int64(q, 3);
		db_col_text(q, 4, p->sent_at, sizeof p->sent_at);
		p->recv_seq = sqlite3_column_int64(q, 5);
		db_col_text(q, 6, p->recv_at, sizeof p->recv_at);
	}
	if (st == GW_OK && rc != SQLITE_DONE)
		st = db_fail(gw->db, err, "sync");
	sqlite3_reset(q);
	for (size_t i = 0; st == GW_OK && i < n; i++) {
		struct sync_peer_info pi = {rows[i].code, rows[i].name, rows[i].county,
					    rows[i].sent_seq, rows[i].recv_seq, rows[i].sent_at,
					    rows[i].recv_at, 0, 0};
		st = count2(gw, Q_SYNC_LOG_PENDING, rows[i].code, &pi.pending_entries,
			    &pi.pending_changes, err);
		if (st == GW_OK && each)
			each(ctx, &pi);
	}
	free(rows);
	return st;
}

enum gw_status sync_conflicts(struct gw *gw, int all,
			      void (*each)(void *ctx, const struct sync_conflict_info *c),
			      void *ctx, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_CONFLICT_LIST, err);
	if (!q)
		return GW_EDB;
	sqlite3_bind_int(q, 1, all ? 1 : 0);
	int rc;
#define T(i) ((const char *)sqlite3_column_text(q, i))
#define S(i) (T(i) ? T(i) : "")
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct sync_conflict_info c = {
			sqlite3_column_int64(q, 0), S(1), S(2), S(4), S(5), S(6), S(7), S(8),
			sqlite3_column_int64(q, 3), T(9), T(10), S(11), S(12), T(13)};
		if (each)
			each(ctx, &c);
	}
#undef S
#undef T
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "sync");
}

enum gw_status sync_resolve(struct gw *gw, long long id, int keep_theirs, struct gw_err *err)
{
	enum gw_status st = sync_attach(gw, err);
	return st == GW_OK ? sync_resolve_one(sync_state(gw), id, keep_theirs, err) : st;
}
