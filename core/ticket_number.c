/* ticket_number.c - ticket numbers: the office's counter per year
 * (ticket_seq), taking the next number from it, and moving it past the
 * numbers tickets are stored with.
 *
 * Numbers are taken inside the transaction that inserts the ticket, so a
 * rolled-back insert gives its number back.  Imported and typed-in numbers
 * of this office's own form move the counter, so that numbers taken later
 * never collide with them; a million-row import would move it once a row,
 * so for the length of one file the highest number per year is kept in
 * memory (struct ticket_import) and written before the next number is
 * taken and at the end of the file. */
#include "ticket_number.h"

#include <stdio.h>
#include <string.h>

static struct ticket_import *state(const struct gw *gw)
{
	return import_state(gw, IK_TICKET);
}

int ticket_number_used(struct gw *gw, const char *number, struct gw_err *err)
{
	char id[GW_ID_LEN + 1];
	return ticket_lookup_id(gw, Q_TICKET_NUMBER_USED, number, id, NULL, err);
}

enum gw_status ticket_number_take(struct gw *gw, int year, char out[TICKET_NUMBER_BUF],
				  struct gw_err *err)
{
	struct ticket_import *ti = state(gw);
	if (ti && ti->nseq && ticket_number_flush(gw, ti, err) != GW_OK)
		return GW_EDB;
	sqlite3_stmt *st = db_stmt(gw->db, Q_TICKET_SEQ_NEXT, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, gw->office, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	int rc = sqlite3_step(st);
	long long last = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("工单编号", "ticket number"));
	snprintf(out, TICKET_NUMBER_BUF, "%s-%04d-%06lld", gw->office, year, last);
	return GW_OK;
}

enum gw_status ticket_next_number(struct gw *gw, int year, char out[TICKET_NUMBER_BUF],
				  struct gw_err *err)
{
	for (;;) {
		enum gw_status st = ticket_number_take(gw, year, out, err);
		if (st != GW_OK)
			return st;
		int used = ticket_number_used(gw, out, err);
		if (used <= 0)
			return used < 0 ? GW_EDB : GW_OK;
	}
}

/* Whether number is of this office's own form "<OFFICE>-<YEAR>-<seq>",
 * with its year and sequence. */
static int own_number(const struct gw *gw, const char *number, int *year, long long *seq)
{
	size_t n = strlen(gw->office);
	const char *p = number + n;
	if (strncmp(number, gw->office, n) != 0 || p[0] != '-')
		return 0;
	*year = 0;
	for (int i = 1; i <= 4; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		*year = *year * 10 + (p[i] - '0');
	}
	if (p[5] != '-')
		return 0;
	int digits = 0;
	*seq = 0;
	for (p += 6; *p >= '0' && *p <= '9' && digits < 15; p++, digits++)
		*seq = *seq * 10 + (*p - '0');
	return !*p && digits;
}

static enum gw_status seq_write(struct gw *gw, int year, long long seq, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_TICKET_SEQ_BUMP, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, gw->office, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, seq);
	return db_step_done(gw->db, st, err);
}

enum gw_status ticket_number_flush(struct gw *gw, struct ticket_import *ti, struct gw_err *err)
{
	enum gw_status st = GW_OK;
	for (int i = 0; i < ti->nseq && st == GW_OK; i++)
		st = seq_write(gw, ti->seq[i].year, ti->seq[i].last, err);
	if (st == GW_OK)
		ti->nseq = 0;
	return st;
}

/* Called once the ticket is written, so a rejected row moves nothing. */
enum gw_status ticket_number_bump(struct gw *gw, const char *number, struct gw_err *err)
{
	int year;
	long long seq;
	if (!own_number(gw, number, &year, &seq))
		return GW_OK;
	struct ticket_import *ti = state(gw);
	for (int i = 0; ti && i < ti->nseq; i++)
		if (ti->seq[i].year == year) {
			if (seq > ti->seq[i].last)
				ti->seq[i].last = seq;
			return GW_OK;
		}
	if (ti && ti->nseq < TICKET_SEQ_YEARS) {
		ti->seq[ti->nseq].year = year;
		ti->seq[ti->nseq++].last = seq;
		return GW_OK;
	}
	return seq_write(gw, year, seq, err);
}
