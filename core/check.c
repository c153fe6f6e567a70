/* check.c - integrity and invariants. */
#include "check.h"

#include <stdio.h>

struct pk_ctx {
	void (*report)(void *, const char *);
	void *ctx;
};

static void pk_report(void *p, const char *table)
{
	struct pk_ctx *c = p;
	char line[256];
	snprintf(line, sizeof line, gw_tr("表 %s 没有声明非空主键（同步会跳过它）",
					  "table %s has no declared NOT NULL primary key (sync would skip it)"),
		 table);
	if (c->report)
		c->report(c->ctx, line);
}

int check_all(struct gw *gw, void (*report)(void *ctx, const char *line), void *ctx,
	      struct gw_err *err)
{
	static const enum db_query rules[] = {
		Q_CHECK_ONE_COUNTY, Q_CHECK_GRID_PARENT, Q_CHECK_GRID_BASIS, Q_CHECK_LIVE_UNDER_DELETED,
		Q_CHECK_PARTY_ORG_DATE, Q_CHECK_TICKET_RESOLVED, Q_CHECK_TICKET_DEPT,
	};
	int n = db_check(gw->db, report, ctx, err);
	if (n < 0)
		return -1;
	struct pk_ctx pc = {report, ctx};
	int k = db_check_primary_keys(gw->db, pk_report, &pc, err);
	if (k < 0)
		return -1;
	n += k;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		sqlite3_stmt *st = db_stmt(gw->db, rules[i], err);
		if (!st)
			return -1;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			char line[512];
			snprintf(line, sizeof line, "%s %s: %s", sqlite3_column_text(st, 0),
				 sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
			if (report)
				report(ctx, line);
			n++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			db_fail(gw->db, err, "check");
			return -1;
		}
	}
	return n;
}
