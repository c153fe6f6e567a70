/* records.c - stored records as contract cells (see records.h). */
#include "records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "instructor.h"
#include "org.h"
#include "station.h"
#include "strbuf.h"
#include "ticket.h"
#include "worker.h"

void records_free(struct record_vals *r)
{
	for (int i = 0; i < RECORD_MAX_COLS; i++) {
		free(r->v[i]);
		r->v[i] = NULL;
	}
	r->n = 0;
}

int records_set(struct record_vals *r, int col, const char *s)
{
	if (col < 0 || col >= RECORD_MAX_COLS)
		return -1;
	char *c = strdup(s ? s : "");
	if (!c)
		return -1;
	free(r->v[col]);
	r->v[col] = c;
	return 0;
}

int records_empty(enum import_kind k, struct record_vals *out)
{
	const struct import_kind_ops *ops = import_ops(k);
	memset(out, 0, sizeof *out);
	if (!ops || ops->ncols > RECORD_MAX_COLS)
		return -1;
	out->n = ops->ncols;
	for (int i = 0; i < out->n; i++)
		if (records_set(out, i, "") < 0) {
			records_free(out);
			return -1;
		}
	return 0;
}

/* The label of a stored enum value in the UI language ("" stays ""). */
static const char *label(enum gw_enum e, const char *stored)
{
	int i = enum_index(e, stored);
	return i < 0 ? stored : enum_label(e, i);
}

static void put(struct record_vals *r, int col, const char *s, int *oom)
{
	if (records_set(r, col, s) < 0)
		*oom = 1;
}

static void put_enum(struct record_vals *r, int col, enum gw_enum e, const char *stored, int *oom)
{
	put(r, col, label(e, stored), oom);
}

static void put_list(struct record_vals *r, int col, enum gw_enum e, const char *stored, int *oom)
{
	char buf[512];
	enum_list_zh(e, stored, buf, sizeof buf);
	put(r, col, buf, oom);
}

static void put_num(struct record_vals *r, int col, long long v, int *oom)
{
	char buf[32] = "";
	if (v >= 0)
		snprintf(buf, sizeof buf, "%lld", v);
	put(r, col, buf, oom);
}

/* Degrees as typed in: %.15g gives back the same double. */
static void put_pos(struct record_vals *r, int lon_col, int has, double lon, double lat, int *oom)
{
	char a[40] = "", b[40] = "";
	if (has) {
		snprintf(a, sizeof a, "%.15g", lon);
		snprintf(b, sizeof b, "%.15g", lat);
	}
	put(r, lon_col, a, oom);
	put(r, lon_col + 1, b, oom);
}

/* Codes of an instructor's live links, joined with ';'. */
static int add_link(void *ctx, const struct instructor_link *l)
{
	struct strbuf *b = ctx;
	if (l->deleted)
		return 0;   /* a deleted grid or unit cannot be named again */
	if (b->len)
		sb_puts(b, ";");
	sb_puts(b, l->code);
	return 0;
}

static enum gw_status load_instructor(struct gw *gw, const char *id, struct record_vals *r,
				      int *oom, struct gw_err *err)
{
	struct instructor_rec i;
	enum gw_status st = instructor_by_id(gw, id, &i, err);
	if (st != GW_OK)
		return st;
	struct strbuf g = STRBUF_INIT, o = STRBUF_INIT;
	st = instructor_grids(gw, id, add_link, &g, err);
	if (st == GW_OK)
		st = instructor_orgs(gw, id, add_link, &o, err);
	put(r, INSTR_C_NAME, i.name, oom);
	put(r, INSTR_C_PHONE, i.phone, oom);
	put_enum(r, INSTR_C_GENDER, EN_GENDER, i.gender, oom);
	put(r, INSTR_C_UNIT, i.unit, oom);
	put_enum(r, INSTR_C_ROLE, EN_ROLE, i.role, oom);
	put(r, INSTR_C_GRIDS, sb_str(&g), oom);
	put(r, INSTR_C_ORGS, sb_str(&o), oom);
	put_enum(r, INSTR_C_STATUS, EN_INSTR_STATUS, i.status, oom);
	*oom |= g.oom || o.oom;
	sb_free(&g);
	sb_free(&o);
	r->version = i.version;
	snprintf(r->name, sizeof r->name, "%s", i.name);
	return st;
}

static enum gw_status load_ticket(struct gw *gw, const char *id, struct record_vals *r, int *oom,
				  struct gw_err *err)
{
	struct ticket_rec *t = malloc(sizeof *t);
	if (!t)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	enum gw_status st = ticket_by_id(gw, id, t, err);
	if (st == GW_OK) {
		put(r, TICKET_C_NUMBER, t->number, oom);
		put(r, TICKET_C_TITLE, t->title, oom);
		put(r, TICKET_C_DESC, t->description, oom);
		put_enum(r, TICKET_C_CATEGORY, EN_CATEGORY, t->category, oom);
		put_enum(r, TICKET_C_SOURCE, EN_SOURCE, t->source, oom);
		put(r, TICKET_C_GRID, t->grid_code, oom);
		put(r, TICKET_C_ORG, t->org_code, oom);
		put(r, TICKET_C_REPORTER, t->reporter, oom);
		put(r, TICKET_C_REPORTER_PHONE, t->reporter_phone, oom);
		put(r, TICKET_C_DEPT, t->department, oom);
		put(r, TICKET_C_INSTRUCTOR, t->instructor_phone, oom);
		put_enum(r, TICKET_C_STATUS, EN_TICKET_STATUS, t->status, oom);
		put(r, TICKET_C_CREATED, t->created_at, oom);
		put(r, TICKET_C_RESOLVED, t->resolved_at, oom);
		r->version = t->version;
		snprintf(r->name, sizeof r->name, "%s %s", t->number, t->title);
	}
	free(t);
	return st;
}

enum gw_status records_load(struct gw *gw, enum import_kind k, const char *id,
			    struct record_vals *out, struct gw_err *err)
{
	if (records_empty(k, out) < 0)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	int oom = 0;
	enum gw_status st = GW_OK;
	switch (k) {
	case IK_GRID: {
		struct grid_rec g;
		if ((st = grid_by_id(gw, id, &g, err)) != GW_OK)
			break;
		put(out, GRID_C_CODE, g.code, &oom);
		put(out, GRID_C_NAME, g.name, &oom);
		put_enum(out, GRID_C_LEVEL, EN_LEVEL, g.level, &oom);
		put(out, GRID_C_PARENT, g.parent_code, &oom);
		put_enum(out, GRID_C_BASIS, EN_BASIS, g.basis, &oom);
		put_pos(out, GRID_C_LON, g.has_pos, g.lon, g.lat, &oom);
		out->version = g.version;
		snprintf(out->name, sizeof out->name, "%s", g.name);
		break;
	}
	case IK_ORG: {
		struct org_rec o;
		if ((st = org_by_id(gw, id, &o, err)) != GW_OK)
			break;
		put(out, ORG_C_CREDIT, o.credit_code, &oom);
		put(out, ORG_C_NAME, o.name, &oom);
		put_enum(out, ORG_C_KIND, EN_ORG_KIND, o.kind, &oom);
		put_list(out, ORG_C_TAGS, EN_ORG_TAG, o.tags, &oom);
		put_enum(out, ORG_C_CHAIN, EN_CHAIN, o.chain, &oom);
		put(out, ORG_C_GRID, o.grid_code, &oom);
		put(out, ORG_C_ADDRESS, o.address, &oom);
		put_num(out, ORG_C_EMPLOYEES, o.employees, &oom);
		put_num(out, ORG_C_PARTY_MEMBERS, o.party_members, &oom);
		put_enum(out, ORG_C_PARTY_ORG, EN_PARTY_ORG, o.party_org, &oom);
		put(out, ORG_C_PARTY_SINCE, o.party_org_since, &oom);
		put(out, ORG_C_CONTACT, o.contact, &oom);
		put(out, ORG_C_PHONE, o.phone, &oom);
		out->version = o.version;
		snprintf(out->name, sizeof out->name, "%s", o.name);
		break;
	}
	case IK_INSTRUCTOR:
		st = load_instructor(gw, id, out, &oom, err);
		break;
	case IK_WORKER: {
		struct worker_rec w;
		if ((st = worker_by_id(gw, id, &w, err)) != GW_OK)
			break;
		put(out, WORKER_C_NAME, w.name, &oom);
		put(out, WORKER_C_PHONE, w.phone, &oom);
		put_enum(out, WORKER_C_JOB, EN_JOB, w.job, &oom);
		put(out, WORKER_C_PLATFORM, w.platform, &oom);
		put_enum(out, WORKER_C_PARTY, EN_YESNO, w.party_member ? "yes" : "no", &oom);
		put(out, WORKER_C_COMMUNITY, w.community_code, &oom);
		put_list(out, WORKER_C_ROLES, EN_WORKER_ROLE, w.roles, &oom);
		out->version = w.version;
		snprintf(out->name, sizeof out->name, "%s", w.name);
		break;
	}
	case IK_STATION: {
		struct station_rec s;
		if ((st = station_by_id(gw, id, &s, err)) != GW_OK)
			break;
		put(out, STATION_C_NAME, s.name, &oom);
		put(out, STATION_C_GRID, s.grid_code, &oom);
		put(out, STATION_C_ADDRESS, s.address, &oom);
		put(out, STATION_C_HOST, s.host, &oom);
		put_list(out, STATION_C_SERVICES, EN_SERVICE, s.services, &oom);
		put(out, STATION_C_HOURS, s.hours, &oom);
		put_pos(out, STATION_C_LON, s.has_pos, s.lon, s.lat, &oom);
		out->version = s.version;
		snprintf(out->name, sizeof out->name, "%s", s.name);
		break;
	}
	case IK_TICKET:
		st = load_ticket(gw, id, out, &oom, err);
		break;
	default:
		st = gw_fail(err, GW_EUSAGE, "未知的数据类别", "unknown kind of data");
	}
	if (st == GW_OK && oom)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	if (st != GW_OK)
		records_free(out);
	return st;
}

enum gw_status records_set_column(struct gw *gw, enum import_kind k, const char *const *ids, int n,
				  int col, const char *value, struct gw_err *err)
{
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	for (int i = 0; i < n && st == GW_OK; i++) {
		struct record_vals r;
		if ((st = records_load(gw, k, ids[i], &r, err)) != GW_OK)
			break;
		if (records_set(&r, col, value) < 0) {
			records_free(&r);
			st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
			break;
		}
		enum upsert_result res;
		st = import_one(gw, k, (const char *const *)r.v, ids[i], r.version, &res, err);
		if (st != GW_OK)
			gw_err_prefix(err, "%s", r.name);
		records_free(&r);
	}
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}

int records_key_taken(struct gw *gw, enum import_kind k, const char *const *vals, const char *id,
		      struct gw_err *err)
{
	const struct import_kind_ops *ops = import_ops(k);
	enum gw_status st;
	char found[GW_ID_LEN + 1] = "";
	int deleted = 0, col;
	struct gw_err e;
	switch (k) {
	case IK_GRID: {
		struct grid_rec g;
		col = GRID_C_CODE;
		st = grid_by_code(gw, vals[col], &g, &e);
		if (st == GW_OK) {
			snprintf(found, sizeof found, "%s", g.id);
			deleted = g.deleted;
		}
		break;
	}
	case IK_ORG: {
		struct org_rec o;
		col = ORG_C_CREDIT;
		st = org_by_credit_code(gw, vals[col], &o, &e);
		if (st == GW_OK) {
			snprintf(found, sizeof found, "%s", o.id);
			deleted = o.deleted;
		}
		break;
	}
	case IK_INSTRUCTOR: {
		struct instructor_rec i;
		col = INSTR_C_PHONE;
		st = instructor_by_phone(gw, vals[col], &i, &e);
		if (st == GW_OK) {
			snprintf(found, sizeof found, "%s", i.id);
			deleted = i.deleted;
		}
		break;
	}
	case IK_WORKER: {
		struct worker_rec w;
		col = WORKER_C_PHONE;
		st = worker_by_phone(gw, vals[col], &w, &e);
		if (st == GW_OK) {
			snprintf(found, sizeof found, "%s", w.id);
			deleted = w.deleted;
		}
		break;
	}
	case IK_STATION: {
		struct station_rec s;
		col = STATION_C_NAME;
		st = station_by_name(gw, vals[col], &s, &e);
		if (st == GW_OK) {
			snprintf(found, sizeof found, "%s", s.id);
			deleted = s.deleted;
		}
		break;
	}
	default:
		return 0;
	}
	if (st == GW_ENOTFOUND || st == GW_EINVAL)
		return 0;   /* free, or not a valid key: the save's checks say so */
	if (st != GW_OK) {
		if (err)
			*err = e;
		return -1;
	}
	/* A deleted record with the key comes back to life when saved again. */
	if (deleted || (id && strcmp(found, id) == 0))
		return 0;
	gw_fail(err, GW_EEXIST, "已有记录使用“%s”", "'%s' is already used by another record", vals[col]);
	gw_err_prefix(err, "%s", gw_tr(ops->cols[col].zh, ops->cols[col].en));
	return 1;
}
