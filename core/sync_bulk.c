/* sync_bulk.c - bulk capture: the tickets a bulk import inserts, written
 * to change_log from the table rather than through the session (sync.h).
 *
 * The notes are rowid ranges: a bulk import appends, so a million rows are
 * usually one range, and memory does not grow with the file.  A rowid
 * noted twice (a savepoint rolled back and SQLite handed it out again) is
 * covered once; a noted rowid whose row is gone is simply not found by the
 * scan.  Each change_log entry holds at most BULK_ENTRY_ROWS rows, so a
 * package section and the applier's memory stay bounded as well. */
#include <stdlib.h>
#include <string.h>

#include "id.h"
#include "sync_int.h"

#define BULK_ENTRY_ROWS 10000

struct range {
	int64_t first, last;
};

struct sync_bulk {
	struct range *r;
	size_t n, cap;
};

int sync_bulk_pause(struct gw *gw)
{
	struct sync *s = sync_state(gw);
	if (!s)
		return 0;
	int was = sqlite3session_enable(s->sess, -1);
	sqlite3session_enable(s->sess, 0);
	return was;
}

enum gw_status sync_bulk_note(struct gw *gw, int paused, int64_t rowid, struct gw_err *err)
{
	struct sync *s = sync_state(gw);
	if (!s)
		return GW_OK;
	sqlite3session_enable(s->sess, paused);
	if (!s->bulk && !(s->bulk = calloc(1, sizeof *s->bulk)))
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	struct sync_bulk *b = s->bulk;
	if (b->n) {
		struct range *last = &b->r[b->n - 1];
		if (rowid >= last->first && rowid <= last->last + 1) {
			if (rowid > last->last)
				last->last = rowid;
			return GW_OK;
		}
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 16;
		struct range *r = realloc(b->r, cap * sizeof *r);
		if (!r)
			return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		b->r = r;
		b->cap = cap;
	}
	b->r[b->n++] = (struct range){rowid, rowid};
	return GW_OK;
}

int sync_bulk_pending(struct gw *gw)
{
	struct sync *s = sync_state(gw);
	return s && s->bulk && s->bulk->n > 0;
}

void sync_bulk_forget(struct sync *s, int release)
{
	if (!s->bulk)
		return;
	s->bulk->n = 0;
	if (release) {
		free(s->bulk->r);
		free(s->bulk);
		s->bulk = NULL;
	}
}

/* Writes the rows of rowids first..last, BULK_ENTRY_ROWS to an entry. */
static enum gw_status capture_range(struct sync *s, const struct sync_table *t, int64_t first,
				    int64_t last, struct gw_err *err)
{
	struct strbuf b = STRBUF_INIT;
	enum gw_status st = GW_OK;
	for (int64_t lo = first; st == GW_OK && lo <= last; lo += BULK_ENTRY_ROWS) {
		int64_t hi = last - lo >= BULK_ENTRY_ROWS ? lo + BULK_ENTRY_ROWS - 1 : last;
		sqlite3_stmt *q = db_stmt(s->gw->db, Q_SYNC_BULK_TICKET, err);
		if (!q) {
			st = GW_EDB;
			break;
		}
		if (sqlite3_column_count(q) != t->ncol) {
			st = gw_fail(err, GW_EDB, "工单表的列与变更记录不符", "the ticket table's columns do not match the change record");
			break;
		}
		sqlite3_bind_int64(q, 1, lo);
		sqlite3_bind_int64(q, 2, hi);
		sb_reset(&b);
		cs_table(&b, t);
		size_t head = b.len;
		long rows = 0;
		int rc, lost = 0;
		while (!lost && (rc = sqlite3_step(q)) == SQLITE_ROW) {
			static const char insert[2] = {SQLITE_INSERT, 0};
			sb_add(&b, insert, 2);
			lost = rec_put_stmt(&b, q, t->ncol) != 0;
			rows++;
		}
		sqlite3_reset(q);
		if (!lost && rc != SQLITE_DONE)
			st = db_fail(s->gw->db, err, gw_tr("记录变更", "recording changes"));
		else if (lost || b.oom)
			st = gw_fail(err, GW_ENOMEM, "记录变更失败（内存不足），未做任何修改",
				     "recording changes failed (out of memory); nothing was changed");
		else if (rows > 0 && b.len > head) {
			int64_t hw = sync_log_hw(s, s->gw->office, err);
			st = hw < 0 ? GW_EDB
				    : sync_log_insert(s, s->gw->office, hw + 1, hw + 1, rows, b.s,
						      (int)b.len, err);
		}
	}
	sb_free(&b);
	return st;
}

enum gw_status sync_bulk_capture(struct sync *s, struct gw_err *err)
{
	if (!s->bulk || !s->bulk->n)
		return GW_OK;
	const struct sync_table *t = sync_table_get(s, "ticket", err);
	if (!t)
		return GW_EDB;
	enum gw_status st = GW_OK;
	for (size_t i = 0; st == GW_OK && i < s->bulk->n; i++)
		st = capture_range(s, t, s->bulk->r[i].first, s->bulk->r[i].last, err);
	/* Kept on failure: the transaction rolls back, and the rollback
	 * forgets them. */
	if (st == GW_OK)
		s->bulk->n = 0;
	return st;
}
