/* search_show.c - what a quick-lookup hit shows: for an instructor the
 * grids and organisations, for an organisation its instructors (else its
 * grid's), for a grid its parent chain, instructors and the 1 full-time +
 * 2 part-time standard; tickets, workers and stations their own fields. */
#include "search_index.h"

#include <stdio.h>
#include <string.h>

/* ---- what a hit shows ------------------------------------------------------ */

static void col(sqlite3_stmt *st, int i, char *out, size_t outsz)
{
	db_col_text(st, i, out, outsz);
}

static void add_ref(struct search_hit *h, enum search_rel rel, const char *code,
		    const char *name, const char *phone, const char *role)
{
	if (h->nrefs++ >= SEARCH_REFS_MAX)
		return;
	struct search_ref *r = &h->refs[h->nrefs - 1];
	r->rel = rel;
	snprintf(r->code, sizeof r->code, "%s", code ? code : "");
	snprintf(r->name, sizeof r->name, "%s", name ? name : "");
	snprintf(r->phone, sizeof r->phone, "%s", phone ? phone : "");
	snprintf(r->role, sizeof r->role, "%s", role ? role : "");
}

/* Adds a ref per row of q(id): (code, name) rows, or people (name, phone,
 * role) when person.  Returns the number of rows, -1 on error. */
static int refs(struct gw *gw, enum db_query qn, const char *id, enum search_rel rel,
		struct search_hit *h, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, qn, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, id);
	int rc, n = 0, person = rel == SR_INSTRUCTOR || rel == SR_GRID_INSTRUCTOR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);
		const char *b = (const char *)sqlite3_column_text(st, 1);
		if (person)
			add_ref(h, rel, "", a, b, (const char *)sqlite3_column_text(st, 2));
		else
			add_ref(h, rel, a, b, "", "");
		if (person && rel != SR_PARENT) {
			const char *role = (const char *)sqlite3_column_text(st, 2);
			if (role && strcmp(role, "full_time") == 0)
				h->full_time++;
			else
				h->part_time++;
		}
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(gw->db, err, gw_tr("查找", "search"));
		return -1;
	}
	return n;
}

enum gw_status search_show(struct gw *gw, struct search_hit *h, struct gw_err *err)
{
	static const enum db_query q[SK_COUNT] = {
		Q_SEARCH_SHOW_INSTRUCTOR, Q_SEARCH_SHOW_ORG, Q_SEARCH_SHOW_GRID,
		Q_SEARCH_SHOW_TICKET, Q_SEARCH_SHOW_WORKER, Q_SEARCH_SHOW_STATION,
	};
	sqlite3_stmt *st = db_stmt(gw->db, q[h->kind], err);
	if (!st)
		return GW_EDB;
	db_bind_text(st, 1, h->id);
	int rc = sqlite3_step(st);
	char grid_id[GW_ID_LEN + 1] = "";
	h->meets = -1;
	if (rc == SQLITE_ROW) {
		switch (h->kind) {
		case SK_INSTRUCTOR:
			col(st, 0, h->name, sizeof h->name);
			col(st, 1, h->phone, sizeof h->phone);
			col(st, 2, h->role, sizeof h->role);
			col(st, 3, h->unit, sizeof h->unit);
			col(st, 4, h->status, sizeof h->status);
			break;
		case SK_ORG:
			col(st, 0, h->name, sizeof h->name);
			col(st, 1, h->code, sizeof h->code);
			col(st, 2, h->phone, sizeof h->phone);
			col(st, 3, h->status, sizeof h->status);
			col(st, 4, h->date, sizeof h->date);
			col(st, 5, h->grid_code, sizeof h->grid_code);
			col(st, 6, h->grid_name, sizeof h->grid_name);
			col(st, 7, grid_id, sizeof grid_id);
			break;
		case SK_GRID:
			col(st, 0, h->code, sizeof h->code);
			col(st, 1, h->name, sizeof h->name);
			col(st, 2, h->role, sizeof h->role);
			break;
		case SK_TICKET:
			col(st, 0, h->code, sizeof h->code);
			col(st, 1, h->name, sizeof h->name);
			col(st, 2, h->status, sizeof h->status);
			col(st, 3, h->date, sizeof h->date);
			col(st, 4, h->unit, sizeof h->unit);
			col(st, 5, h->grid_code, sizeof h->grid_code);
			col(st, 6, h->grid_name, sizeof h->grid_name);
			break;
		case SK_WORKER:
			col(st, 0, h->name, sizeof h->name);
			col(st, 1, h->phone, sizeof h->phone);
			col(st, 2, h->role, sizeof h->role);
			col(st, 3, h->unit, sizeof h->unit);
			col(st, 4, h->grid_code, sizeof h->grid_code);
			col(st, 5, h->grid_name, sizeof h->grid_name);
			break;
		case SK_STATION:
			col(st, 0, h->name, sizeof h->name);
			col(st, 1, h->unit, sizeof h->unit);
			col(st, 2, h->services, sizeof h->services);
			col(st, 3, h->hours, sizeof h->hours);
			col(st, 4, h->grid_code, sizeof h->grid_code);
			col(st, 5, h->grid_name, sizeof h->grid_name);
			break;
		default:
			break;
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return gw_fail(err, GW_ENOTFOUND, "记录 %s 已不存在", "record %s no longer exists", h->id);
	if (rc != SQLITE_ROW)
		return db_fail(gw->db, err, gw_tr("查找", "search"));
	int n = 0;
	switch (h->kind) {
	case SK_INSTRUCTOR:
		if ((n = refs(gw, Q_SEARCH_INSTR_GRIDS, h->id, SR_GRID, h, err)) >= 0)
			n = refs(gw, Q_SEARCH_INSTR_ORGS, h->id, SR_ORG, h, err);
		break;
	case SK_ORG:
		/* The counter question: its own instructors, else its grid's. */
		n = refs(gw, Q_SEARCH_ORG_INSTRUCTORS, h->id, SR_INSTRUCTOR, h, err);
		if (n == 0 && grid_id[0])
			n = refs(gw, Q_SEARCH_GRID_INSTRUCTORS, grid_id, SR_GRID_INSTRUCTOR, h, err);
		h->full_time = h->part_time = 0;
		break;
	case SK_GRID:
		if ((n = refs(gw, Q_SEARCH_GRID_CHAIN, h->id, SR_PARENT, h, err)) >= 0)
			n = refs(gw, Q_SEARCH_GRID_INSTRUCTORS, h->id, SR_INSTRUCTOR, h, err);
		if (strcmp(h->role, "grid") == 0)
			h->meets = h->full_time >= 1 && h->part_time >= 2;
		break;
	default:
		break;
	}
	return n < 0 ? GW_EDB : GW_OK;
}
