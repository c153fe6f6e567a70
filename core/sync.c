/* sync.c - capturing changes, peers, writing and applying packages, status.
 * The file format is in sync_package.c, conflict handling in sync_apply.c;
 * docs/SYNC.md is the clerk's and maintainer's description. */
#include "sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "id.h"
#include "sync_int.h"

/* ---- per-handle state ----
 * struct gw has no slot for the exchange yet, so handles are looked up in
 * a small table; a database is rarely open more than a few times. */
#define SYNC_MAX_HANDLES 16
static struct {
	struct gw *gw;
	struct sync *s;
} handles[SYNC_MAX_HANDLES];

struct sync *sync_state(struct gw *gw)
{
	for (int i = 0; i < SYNC_MAX_HANDLES; i++)
		if (handles[i].gw == gw && handles[i].s)
			return handles[i].s;
	return NULL;
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
	if (!q)
		return NULL;
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

static enum gw_status session_new(struct sync *s, struct gw_err *err)
{
	sqlite3 *h = db_handle(s->gw->db);
	if (sqlite3session_create(h, "main", &s->sess) != SQLITE_OK)
		return gw_fail(err, GW_ENOMEM, "无法记录变更：内存不足", "cannot record changes: out of memory");
	sqlite3session_table_filter(s->sess, table_filter, NULL);
	if (sqlite3session_attach(s->sess, NULL) != SQLITE_OK) {
		sqlite3session_delete(s->sess);
		s->sess = NULL;
		return gw_fail(err, GW_EDB, "无法记录变更", "cannot record changes");
	}
	return GW_OK;
}

static enum gw_status log_insert(struct sync *s, const char *origin, int64_t first, int64_t last,
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
static int64_t log_hw(struct sync *s, const char *origin, struct gw_err *err)
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
	int64_t hw = log_hw(s, s->gw->office, err);
	if (hw < 0)
		return GW_EDB;
	if (count < 0)
		return gw_fail(err, GW_EDB, "变更记录无效", "invalid change record");
	return log_insert(s, s->gw->office, hw + 1, hw + 1, count, cs, n, err);
}

/* Moves the session's changes into change_log (inside the transaction)
 * and starts a fresh session, so memory holds one batch at most. */
static enum gw_status capture(struct sync *s, struct gw_err *err)
{
	if (!s->sess || sqlite3session_isempty(s->sess))
		return GW_OK;
	int n = 0;
	void *cs = NULL;
	if (sqlite3session_changeset(s->sess, &n, &cs) != SQLITE_OK)
		return db_fail(s->gw->db, err, gw_tr("记录变更", "recording changes"));
	enum gw_status st = n > 0 ? sync_log_local(s, cs, n, err) : GW_OK;
	sqlite3_free(cs);
	if (st != GW_OK)
		return st;
	sqlite3session_delete(s->sess);
	s->sess = NULL;
	return session_new(s, err);
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
	int slot = -1;
	for (int i = 0; i < SYNC_MAX_HANDLES && slot < 0; i++)
		if (!handles[i].s)
			slot = i;
	if (slot < 0)
		return gw_fail(err, GW_ENOMEM, "打开的数据库过多", "too many open databases");
	struct sync *s = calloc(1, sizeof *s);
	if (!s)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	s->gw = gw;
	enum gw_status st = session_new(s, err);
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
	handles[slot].gw = gw;
	handles[slot].s = s;
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
	if (s->sess)
		sqlite3session_delete(s->sess);
	for (int i = 0; i < s->ntables; i++)
		free(s->tables[i].col);
	for (int i = 0; i < SYNC_MAX_HANDLES; i++)
		if (handles[i].s == s)
			handles[i].gw = NULL, handles[i].s = NULL;
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

struct peer_row {
	char code[17], name[300], sent_at[20], recv_at[20];
	int county, found;
	long long sent_seq, recv_seq;
};

static enum gw_status peer_get(struct gw *gw, const char *code, struct peer_row *p,
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

static enum gw_status record_package(struct gw *gw, const char *dir, const char *peer,
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

/* ---- export ---- */

/* Sections combine consecutive entries of one origin (a row inserted and
 * then edited travels once) up to this much input, which bounds memory. */
#define SECTION_INPUT_MAX (64u << 20)

struct writer {
	FILE *f;
	uint64_t crc, body;
	uint32_t nsections;
	long changes;
	sqlite3_changegroup *g;
	size_t input;
	struct sync_section cur;
	int open, alone;
	struct sync_mark sent[SYNC_MAX_MARKS];  /* highest change written, per origin */
	int nsent;
};

static void note_sent(struct writer *w, const char *origin, int64_t last)
{
	for (int i = 0; i < w->nsent; i++)
		if (strcmp(w->sent[i].office, origin) == 0) {
			if (last > w->sent[i].seq)
				w->sent[i].seq = last;
			return;
		}
	if (w->nsent < SYNC_MAX_MARKS) {
		snprintf(w->sent[w->nsent].office, sizeof w->sent[0].office, "%s", origin);
		w->sent[w->nsent++].seq = last;
	}
}

static enum gw_status section_close(struct writer *w, struct gw_err *err)
{
	if (!w->open)
		return GW_OK;
	int n = 0;
	void *cs = NULL;
	w->open = 0;
	int rc = sqlite3changegroup_output(w->g, &n, &cs);
	sqlite3changegroup_delete(w->g);
	w->g = NULL;
	if (rc != SQLITE_OK)
		return gw_fail(err, GW_ENOMEM, "合并变更失败：内存不足", "combining changes failed: out of memory");
	w->cur.len = (size_t)n;
	w->cur.changes = sync_changeset_count(cs, (size_t)n);
	unsigned char hdr[SYNC_SECTION_HDR];
	sync_section_put(&w->cur, hdr);
	int ok = w->cur.changes >= 0 && fwrite(hdr, 1, sizeof hdr, w->f) == sizeof hdr &&
		 (n == 0 || fwrite(cs, 1, (size_t)n, w->f) == (size_t)n);
	w->crc = sync_crc64(w->crc, hdr, sizeof hdr);
	w->crc = sync_crc64(w->crc, cs, (size_t)n);
	w->body += sizeof hdr + (uint64_t)n;
	w->nsections++;
	w->changes += w->cur.changes;
	sqlite3_free(cs);
	return ok ? GW_OK : gw_fail(err, GW_EIO, "写入同步包失败：%s", "cannot write the package: %s",
				    strerror(errno));
}

static enum gw_status write_sections(struct gw *gw, struct writer *w, const char *to, int all,
				     struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_LOG_UNSEEN, err);
	if (!q)
		return GW_EDB;
	db_bind_text(q, 1, to);
	sqlite3_bind_int(q, 2, all ? 1 : 0);
	enum gw_status st = GW_OK;
	int rc;
	while (st == GW_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *origin = (const char *)sqlite3_column_text(q, 0);
		int64_t first = sqlite3_column_int64(q, 1), last = sqlite3_column_int64(q, 2);
		const void *cs = sqlite3_column_blob(q, 3);
		int n = sqlite3_column_bytes(q, 3);
		/* Sent before and not confirmed: the peer may hold it, so it goes
		 * alone and the peer can skip exactly what it has. */
		int alone = last <= sqlite3_column_int64(q, 5);
		if (w->open && (alone || w->alone || strcmp(origin, w->cur.origin) != 0 ||
				w->input > SECTION_INPUT_MAX))
			st = section_close(w, err);
		if (st != GW_OK)
			break;
		if (!w->open) {
			if (sqlite3changegroup_new(&w->g) != SQLITE_OK) {
				st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
				break;
			}
			w->open = 1;
			w->alone = alone;
			w->input = 0;
			snprintf(w->cur.origin, sizeof w->cur.origin, "%s", origin);
			w->cur.first_seq = first;
		}
		if (first < w->cur.first_seq)
			w->cur.first_seq = first;
		w->cur.last_seq = last;
		w->input += (size_t)n;
		note_sent(w, origin, last);
		if (n > 0 && sqlite3changegroup_add(w->g, n, (void *)cs) != SQLITE_OK)
			st = gw_fail(err, GW_EDB, "合并变更失败（%s 的第 %lld 号变更）",
				     "combining changes failed (office %s, change %lld)", origin,
				     (long long)last);
	}
	if (st == GW_OK && rc != SQLITE_DONE)
		st = db_fail(gw->db, err, "sync");
	sqlite3_reset(q);
	if (st == GW_OK)
		st = section_close(w, err);
	if (w->g)
		sqlite3changegroup_delete(w->g);
	w->g = NULL;
	return st;
}

static enum gw_status read_marks(struct gw *gw, struct sync_header *h, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_LOG_MARKS, err);
	if (!q)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && h->nmarks < SYNC_MAX_MARKS) {
		struct sync_mark *m = &h->marks[h->nmarks];
		db_col_text(q, 0, m->office, sizeof m->office);
		m->seq = sqlite3_column_int64(q, 1);
		if (sync_office_ok(m->office))
			h->nmarks++;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? GW_OK : db_fail(gw->db, err, "sync");
}

static enum gw_status peer_known(struct gw *gw, const char *code, struct peer_row *p,
				 struct gw_err *err)
{
	enum gw_status st = peer_get(gw, code, p, err);
	if (st == GW_OK && !p->found)
		st = gw_fail(err, GW_ENOTFOUND,
			     "办公室 %s 尚未登记（先用 gridwork sync peer add %s 名称 登记）",
			     "office %s is not registered (register it first: gridwork sync peer add %s NAME)",
			     code, code);
	return st;
}

enum gw_status sync_export(struct gw *gw, const char *to, int all, const char *path,
			   struct sync_summary *out, struct gw_err *err)
{
	memset(out, 0, sizeof *out);
	struct peer_row peer;
	enum gw_status st = sync_attach(gw, err);
	if (st == GW_OK)
		st = peer_known(gw, to, &peer, err);
	if (st != GW_OK)
		return st;
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return gw_fail(err, GW_EINVAL, "文件名过长", "file name too long");
	if ((st = db_begin(gw->db, err)) != GW_OK)
		return st;
	struct sync *s = sync_state(gw);
	struct sync_header *hp = calloc(1, sizeof *hp);   /* large: the marks */
	if (!hp) {
		db_rollback(gw->db);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	hp->version = SYNC_FORMAT_VERSION;
	hp->schema = (uint32_t)db_schema_version();
	hp->flags = all ? SYNC_FLAG_ALL : 0;
	snprintf(hp->sender, sizeof hp->sender, "%s", gw->office);
	snprintf(hp->receiver, sizeof hp->receiver, "%s", to);
	hp->seq = peer.sent_seq + 1;
	clock_now(hp->created_at);
	struct writer *wp = calloc(1, sizeof *wp);
	if (!wp) {
		free(hp);
		db_rollback(gw->db);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	st = capture(s, err);
	if (st == GW_OK)
		st = read_marks(gw, hp, err);
	unsigned char *hdr = malloc(SYNC_HEADER_FIXED + SYNC_MAX_MARKS * SYNC_MARK_LEN);
	if (st == GW_OK && !hdr)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	if (st == GW_OK && !(wp->f = fopen(tmp, "w+b")))
		st = gw_fail(err, GW_EIO, "无法写入 %s：%s", "cannot write %s: %s", tmp, strerror(errno));
	size_t hlen = 0;
	if (st == GW_OK) {
		hlen = sync_header_put(hp, hdr);   /* a placeholder until the body is known */
		if (fwrite(hdr, 1, hlen, wp->f) != hlen)
			st = gw_fail(err, GW_EIO, "写入同步包失败：%s", "cannot write the package: %s",
				     strerror(errno));
	}
	if (st == GW_OK)
		st = write_sections(gw, wp, to, all, err);
	for (int i = 0; st == GW_OK && i < wp->nsent; i++) {
		sqlite3_stmt *sq = db_stmt(gw->db, Q_SYNC_SENT_SET, err);
		if (!sq) {
			st = GW_EDB;
			break;
		}
		db_bind_text(sq, 1, to);
		db_bind_text(sq, 2, wp->sent[i].office);
		sqlite3_bind_int64(sq, 3, wp->sent[i].seq);
		st = db_step_done(gw->db, sq, err);
	}
	if (st == GW_OK) {
		hp->nsections = wp->nsections;
		hp->body_len = wp->body;
		sync_header_put(hp, hdr);
		hp->checksum = sync_package_crc(hdr, hlen, wp->crc);
		sync_header_put(hp, hdr);
		if (fseek(wp->f, 0, SEEK_SET) != 0 || fwrite(hdr, 1, hlen, wp->f) != hlen ||
		    fflush(wp->f) != 0 || fsync(fileno(wp->f)) != 0)
			st = gw_fail(err, GW_EIO, "写入同步包失败：%s", "cannot write the package: %s",
				     strerror(errno));
	}
	if (wp->f && fclose(wp->f) != 0 && st == GW_OK)
		st = gw_fail(err, GW_EIO, "写入同步包失败：%s", "cannot write the package: %s",
			     strerror(errno));
	free(hdr);
	sqlite3_stmt *q = st == GW_OK ? db_stmt(gw->db, Q_SYNC_PEER_SENT, err) : NULL;
	if (st == GW_OK && !q)
		st = GW_EDB;
	if (st == GW_OK) {
		db_bind_text(q, 1, to);
		sqlite3_bind_int64(q, 2, hp->seq);
		db_bind_text(q, 3, hp->created_at);
		st = db_step_done(gw->db, q, err);
	}
	if (st == GW_OK)
		st = record_package(gw, "out", to, hp->seq, path, (long long)(hlen + wp->body),
				    (int)wp->nsections, wp->changes, 0, hp->checksum, err);
	if (st == GW_OK)
		st = db_commit(gw->db, err);
	else
		db_rollback(gw->db);
	if (st == GW_OK && rename(tmp, path) != 0)
		st = gw_fail(err, GW_EIO, "无法写入 %s：%s", "cannot write %s: %s", path, strerror(errno));
	if (st == GW_OK) {
		snprintf(out->peer, sizeof out->peer, "%s", to);
		out->seq = hp->seq;
		out->sections = (int)wp->nsections;
		out->changes = wp->changes;
		out->bytes = (long long)(hlen + wp->body);
	} else {
		unlink(tmp);
	}
	free(wp);
	free(hp);
	return st;
}

/* ---- import ---- */

static enum gw_status read_file(const char *path, unsigned char **buf, size_t *len,
				struct gw_err *err)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	*buf = NULL;
	if (!f || fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
		int e = errno;
		if (f)
			fclose(f);
		return gw_fail(err, GW_EIO, "无法读取 %s：%s", "cannot read %s: %s", path,
			       f ? gw_tr("不是普通文件", "not a regular file") : strerror(e));
	}
	*len = (size_t)sb.st_size;
	*buf = malloc(*len ? *len : 1);
	if (!*buf) {
		fclose(f);
		return gw_fail(err, GW_ENOMEM, "内存不足，无法读取 %s", "out of memory reading %s", path);
	}
	size_t got = fread(*buf, 1, *len, f);
	fclose(f);
	if (got != *len) {
		free(*buf);
		*buf = NULL;
		return gw_fail(err, GW_EIO, "无法读取 %s", "cannot read %s", path);
	}
	return GW_OK;
}

/* Everything about the package that can be refused before writing. */
static enum gw_status admit(struct gw *gw, const struct sync_header *h, struct peer_row *peer,
			    struct gw_err *err)
{
	if (strcmp(h->receiver, gw->office) != 0)
		return gw_fail(err, GW_EREFUSED,
			       "这个同步包是发给办公室 %s 的，不是本办公室（%s），未做任何改动",
			       "this package is addressed to office %s, not to this office (%s); nothing was changed",
			       h->receiver, gw->office);
	if (strcmp(h->sender, gw->office) == 0)
		return gw_fail(err, GW_EREFUSED, "这个同步包是本办公室自己写的，未做任何改动",
			       "this package was written by this office itself; nothing was changed");
	if (h->schema != (uint32_t)db_schema_version())
		return gw_fail(err, GW_EREFUSED,
			       "同步包来自数据库版本 %u，本办公室为版本 %d，未做任何改动（两边需使用同一版本的 gridwork）",
			       "the package comes from database version %u, this office has version %d; nothing was changed (both offices need the same gridwork version)",
			       (unsigned)h->schema, db_schema_version());
	enum gw_status st = peer_get(gw, h->sender, peer, err);
	if (st != GW_OK)
		return st;
	if (!peer->found)
		return gw_fail(err, GW_EREFUSED,
			       "同步包来自未登记的办公室 %s，未做任何改动（确认来源后用 gridwork sync peer add %s 名称 登记）",
			       "the package comes from office %s, which is not registered here; nothing was changed (check where it came from, then: gridwork sync peer add %s NAME)",
			       h->sender, h->sender);
	if (h->seq == peer->recv_seq)
		return gw_fail(err, GW_EREFUSED,
			       "%s 的第 %lld 号同步包已于 %s 导入过，不能重复导入，未做任何改动",
			       "the package from %s numbered %lld was already applied (%s); it cannot be applied twice; nothing was changed",
			       h->sender, (long long)h->seq, peer->recv_at);
	if (h->seq < peer->recv_seq)
		return gw_fail(err, GW_EREFUSED,
			       "%s 的第 %lld 号同步包比已导入的第 %lld 号旧（其内容已包含在后者中），未做任何改动",
			       "the package from %s numbered %lld is older than package %lld already applied (which carried everything in it); nothing was changed",
			       h->sender, (long long)h->seq, peer->recv_seq);
	return GW_OK;
}

static enum gw_status apply_sections(struct sync *s, const struct sync_header *h,
				     const unsigned char *buf, struct sync_summary *out,
				     struct sync_apply_info *ai, struct gw_err *err)
{
	size_t pos = 0;
	struct sync_section sec;
	enum gw_status st = GW_OK;
	while (st == GW_OK && sync_package_next(h, buf, &pos, &sec)) {
		int64_t hw = strcmp(sec.origin, s->gw->office) == 0 ? INT64_MAX
								      : log_hw(s, sec.origin, err);
		if (hw < 0)
			return GW_EDB;
		if (sec.last_seq <= hw) {
			out->skipped += sec.changes;
			continue;
		}
		if (sec.first_seq > hw + 1)
			return gw_fail(err, GW_EREFUSED,
				       "同步包缺少办公室 %s 的第 %lld 至 %lld 号变更（本办公室从未收到），未做任何改动；请 %s 用 gridwork sync export --all 重新导出完整的同步包",
				       "the package lacks office %s's changes %lld to %lld, which this office never received; nothing was changed; ask %s for a complete package (gridwork sync export --all)",
				       sec.origin, (long long)(hw + 1), (long long)(sec.first_seq - 1),
				       h->sender);
		ai->origin = sec.origin;
		if (sec.len > 0)
			st = sync_apply_section(s, ai, sec.data, sec.len, err);
		if (st == GW_OK)
			st = log_insert(s, sec.origin, sec.first_seq, sec.last_seq, sec.changes,
					sec.data, (int)sec.len, err);
		out->applied += sec.changes;
	}
	return st;
}

static enum gw_status finish_import(struct gw *gw, const struct sync_header *h, const char *path,
				    size_t len, struct sync_summary *out, struct gw_err *err)
{
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < h->nmarks; i++) {
		sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_ACK_SET, err);
		if (!q)
			return GW_EDB;
		db_bind_text(q, 1, h->sender);
		db_bind_text(q, 2, h->marks[i].office);
		sqlite3_bind_int64(q, 3, h->marks[i].seq);
		st = db_step_done(gw->db, q, err);
	}
	sqlite3_stmt *q = st == GW_OK ? db_stmt(gw->db, Q_SYNC_PEER_RECV, err) : NULL;
	if (st == GW_OK && !q)
		return GW_EDB;
	if (st == GW_OK) {
		char now[20];
		clock_now(now);
		db_bind_text(q, 1, h->sender);
		sqlite3_bind_int64(q, 2, h->seq);
		db_bind_text(q, 3, now);
		st = db_step_done(gw->db, q, err);
	}
	if (st == GW_OK)
		st = record_package(gw, "in", h->sender, h->seq, path, (long long)len,
				    (int)h->nsections, h->changes,
				    out->conflicts_rule + out->conflicts_open, h->checksum, err);
	return st;
}

enum gw_status sync_import(struct gw *gw, const char *path, struct sync_summary *out,
			   struct gw_err *err)
{
	memset(out, 0, sizeof *out);
	unsigned char *buf;
	size_t len = 0;
	enum gw_status st = read_file(path, &buf, &len, err);
	if (st != GW_OK)
		return st;
	struct sync_header *h = malloc(sizeof *h);
	struct peer_row peer;
	if (!h) {
		free(buf);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	st = sync_package_parse(buf, len, h, err);
	if (st == GW_OK)
		st = admit(gw, h, &peer, err);
	if (st == GW_OK)
		st = sync_attach(gw, err);
	struct sync *s = sync_state(gw);
	int began = 0;
	if (st == GW_OK && (st = db_begin(gw->db, err)) == GW_OK)
		began = 1;
	/* Changes made here before the package are this office's own. */
	if (st == GW_OK)
		st = capture(s, err);
	sqlite3_stmt *q = st == GW_OK ? db_stmt(gw->db, Q_SYNC_DEFER_FK, err) : NULL;
	if (st == GW_OK)
		st = q ? db_step_done(gw->db, q, err) : GW_EDB;
	char county[17] = "";
	if (st == GW_OK)
		st = sync_county(gw, county, err);
	struct sync_apply_info ai = {h->sender, h->seq, NULL, county, 0, 0, 0};
	if (st == GW_OK) {
		snprintf(out->peer, sizeof out->peer, "%s", h->sender);
		out->seq = h->seq;
		out->sections = (int)h->nsections;
		out->changes = h->changes;
		out->bytes = (long long)len;
		if (h->seq > peer.recv_seq + 1)
			out->gap_from = peer.recv_seq + 1;
		sqlite3session_enable(s->sess, 0);
		st = apply_sections(s, h, buf, out, &ai, err);
		if (st == GW_OK)
			st = sync_apply_finish(s, &ai, err);
		out->conflicts_rule = ai.conflicts_rule;
		out->conflicts_open = ai.conflicts_open;
	}
	if (st == GW_OK)
		st = finish_import(gw, h, path, len, out, err);
	if (st == GW_OK) {
		/* Written with capture off: a package's arrival is this office's
		 * own history; sent on, it would make every exchange answer with
		 * one more change, and "nothing pending" would never be reached. */
		struct strbuf j = STRBUF_INIT;
		int first = 1;
		char rid[40];
		snprintf(rid, sizeof rid, "%s-%lld", h->sender, (long long)h->seq);
		sb_puts(&j, "{");
		sb_json_kv_str(&j, &first, "from", h->sender);
		sb_json_kv_int(&j, &first, "package", h->seq);
		sb_json_kv_str(&j, &first, "file", path);
		sb_json_kv_int(&j, &first, "changes", out->changes);
		sb_json_kv_int(&j, &first, "applied", out->applied);
		sb_json_kv_int(&j, &first, "already_held", out->skipped);
		sb_json_kv_int(&j, &first, "conflicts_by_rule", out->conflicts_rule);
		sb_json_kv_int(&j, &first, "conflicts_open", out->conflicts_open);
		sb_puts(&j, "}");
		st = j.oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory")
			   : audit_record(gw, "sync_package", rid, "sync_import", NULL, sb_str(&j), err);
		sb_free(&j);
	}
	if (s)
		sqlite3session_enable(s->sess, 1);
	if (began) {
		if (st == GW_OK)
			st = db_commit(gw->db, err);
		else
			db_rollback(gw->db);
	}
	free(h);
	free(buf);
	if (st != GW_OK)
		memset(out, 0, sizeof *out);
	return st;
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
