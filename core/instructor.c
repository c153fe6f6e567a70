/* instructor.c - the instructor roster: validation, import and export with
 * the grid and organisation links, lookups and the staffing standard. */
#include "instructor.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "org.h"
#include "record.h"
#include "strbuf.h"
#include "validate.h"

static const struct import_col instr_cols[INSTR_NCOLS] = {
	[INSTR_C_NAME] = {"姓名", "name", 1},
	[INSTR_C_PHONE] = {"手机", "phone", 1},
	[INSTR_C_GENDER] = {"性别", "gender", 0},
	[INSTR_C_UNIT] = {"工作单位", "unit", 0},
	[INSTR_C_ROLE] = {"类别", "role", 1},
	[INSTR_C_GRIDS] = {"负责网格", "grid_codes", 0},
	[INSTR_C_ORGS] = {"联系单位", "org_codes", 0},
	[INSTR_C_STATUS] = {"状态", "status", 0},
};

/* The grids or organisations one row links to, by id, sorted by code so
 * that two sets compare with one pass. */
struct link {
	char id[GW_ID_LEN + 1];
	char code[33];
};

struct link_set {
	int n;
	struct link v[INSTR_MAX_ORGS];
};

/* An instructor as the write path sees it: the fields and both link sets. */
struct instr_full {
	struct instructor_rec i;   /* first: look-ups read into either */
	struct link_set grids, orgs;
};

static const struct record_kind instr_kind;

static void read_row(sqlite3_stmt *st, void *rec)
{
	struct instructor_rec *i = rec;
	db_col_text(st, 0, i->id, sizeof i->id);
	db_col_text(st, 1, i->phone, sizeof i->phone);
	db_col_text(st, 2, i->name, sizeof i->name);
	db_col_text(st, 3, i->gender, sizeof i->gender);
	db_col_text(st, 4, i->unit, sizeof i->unit);
	db_col_text(st, 5, i->role, sizeof i->role);
	db_col_text(st, 6, i->status, sizeof i->status);
	i->deleted = sqlite3_column_int(st, 7);
	i->version = sqlite3_column_int(st, 8);
}

static enum gw_status fetch(struct gw *gw, enum db_query q, const char *key,
			    struct instructor_rec *out, struct gw_err *err)
{
	enum gw_status st = record_get(gw, &instr_kind, q, key, out, err);
	if (st != GW_ENOTFOUND)
		return st;
	if (q == Q_INSTR_BY_ID)
		return gw_fail(err, GW_ENOTFOUND, "该指导员不存在", "no such instructor");
	return gw_fail(err, GW_ENOTFOUND, "没有手机号为“%s”的指导员", "no instructor with mobile '%s'", key);
}

enum gw_status instructor_by_phone(struct gw *gw, const char *phone, struct instructor_rec *out,
				   struct gw_err *err)
{
	char norm[12];
	if (valid_mobile(phone, norm, NULL) != GW_OK)
		return gw_fail(err, GW_ENOTFOUND, "没有手机号为“%s”的指导员", "no instructor with mobile '%s'",
			       phone);
	return fetch(gw, Q_INSTR_BY_PHONE, norm, out, err);
}

enum gw_status instructor_by_id(struct gw *gw, const char *id, struct instructor_rec *out,
				struct gw_err *err)
{
	return fetch(gw, Q_INSTR_BY_ID, id, out, err);
}

/* ---- link sets -------------------------------------------------------- */

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct link *)a)->code, ((const struct link *)b)->code);
}

/* Adds a link unless present; 0, or -1 when the set is full. */
static int set_add(struct link_set *s, int max, const char *id, const char *code)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->v[i].id, id) == 0)
			return 0;
	if (s->n >= max)
		return -1;
	snprintf(s->v[s->n].id, sizeof s->v[s->n].id, "%s", id);
	snprintf(s->v[s->n].code, sizeof s->v[s->n].code, "%s", code);
	s->n++;
	return 0;
}

static void set_sort(struct link_set *s)
{
	qsort(s->v, (size_t)s->n, sizeof s->v[0], by_code);
}

static int set_same(const struct link_set *a, const struct link_set *b)
{
	if (a->n != b->n)
		return 0;
	for (int i = 0; i < a->n; i++)
		if (strcmp(a->v[i].id, b->v[i].id) != 0)
			return 0;
	return 1;
}

/* Codes joined by sep ("" for an empty set). */
static void set_join(const struct link_set *s, const char *sep, struct strbuf *b)
{
	for (int i = 0; i < s->n; i++) {
		if (i)
			sb_puts(b, sep);
		sb_puts(b, s->v[i].code);
	}
}

/* Loads the stored links of INSTR_GRIDS or INSTR_ORGS. */
static enum gw_status set_load(struct gw *gw, enum db_query q, const char *instructor_id,
			       struct link_set *s, struct gw_err *err)
{
	s->n = 0;
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, instructor_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && s->n < INSTR_MAX_ORGS) {
		db_col_text(st, 0, s->v[s->n].id, sizeof s->v[s->n].id);
		db_col_text(st, 1, s->v[s->n].code, sizeof s->v[s->n].code);
		s->n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("读取指导员的联系", "reading an instructor's links"));
	set_sort(s);
	return GW_OK;
}

/* Replaces the stored links with s. */
static enum gw_status set_store(struct gw *gw, enum db_query clear, enum db_query add,
				const char *instructor_id, const struct link_set *s,
				struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, clear, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, instructor_id);
	enum gw_status rc = db_step_done(gw->db, st, err);
	for (int i = 0; rc == GW_OK && i < s->n; i++) {
		if (!(st = db_stmt(gw->db, add, err)))
			return err ? err->code : GW_EDB;
		db_bind_text(st, 1, instructor_id);
		db_bind_text(st, 2, s->v[i].id);
		rc = db_step_done(gw->db, st, err);
	}
	return rc;
}

/* Splits a list cell at ';', '；' and '、'; each call copies the next
 * non-empty item (spaces, ASCII and full-width, trimmed) into item and
 * returns the rest, or NULL when the list is done.  *toolong is set when an
 * item does not fit. */
static const char *next_item(const char *s, char *item, size_t itemsz, int *toolong)
{
	static const char *const seps[] = {";", "\xef\xbc\x9b", "\xe3\x80\x81"};
	*toolong = 0;
	while (s && *s) {
		const char *end = s;
		size_t seplen = 0;
		for (; *end && !seplen; end += seplen ? 0 : 1)
			for (size_t k = 0; k < sizeof seps / sizeof seps[0] && !seplen; k++)
				if (strncmp(end, seps[k], strlen(seps[k])) == 0)
					seplen = strlen(seps[k]);
		const char *a = s, *z = end;
		for (;;) {
			if (a < z && (*a == ' ' || *a == '\t'))
				a++;
			else if (z - a >= 3 && memcmp(a, "\xe3\x80\x80", 3) == 0)
				a += 3;
			else
				break;
		}
		for (;;) {
			if (z > a && (z[-1] == ' ' || z[-1] == '\t'))
				z--;
			else if (z - a >= 3 && memcmp(z - 3, "\xe3\x80\x80", 3) == 0)
				z -= 3;
			else
				break;
		}
		s = *end ? end + seplen : end;
		if (z == a)
			continue;
		size_t n = (size_t)(z - a);
		if (n >= itemsz) {
			*toolong = 1;
			n = itemsz - 1;
		}
		memcpy(item, a, n);
		item[n] = '\0';
		return s;
	}
	return NULL;
}

static enum gw_status parse_grids(struct gw *gw, const struct import_row *r, struct link_set *s,
				  struct gw_err *err)
{
	char item[64];
	int toolong;
	s->n = 0;
	for (const char *p = r->val[INSTR_C_GRIDS]; (p = next_item(p, item, sizeof item, &toolong));) {
		struct grid_rec g;
		enum gw_status st = toolong ? GW_ENOTFOUND : grid_by_code(gw, item, &g, err);
		if (st == GW_ENOTFOUND)
			gw_fail(err, GW_EINVAL, "没有编码为“%s”的网格", "no grid with code '%s'", item);
		else if (st != GW_OK)
			return st;
		else if (g.deleted)
			gw_fail(err, GW_EINVAL, "网格“%s”已删除", "grid '%s' has been deleted", g.code);
		else if (set_add(s, INSTR_MAX_GRIDS, g.id, g.code) != 0)
			gw_fail(err, GW_EINVAL, "最多 %d 个网格", "at most %d grids", INSTR_MAX_GRIDS);
		else
			continue;
		return import_col_fail(err, r, INSTR_C_GRIDS);
	}
	set_sort(s);
	return GW_OK;
}

static enum gw_status parse_orgs(struct gw *gw, const struct import_row *r, struct link_set *s,
				 struct gw_err *err)
{
	char item[64], code[19];
	int toolong;
	s->n = 0;
	for (const char *p = r->val[INSTR_C_ORGS]; (p = next_item(p, item, sizeof item, &toolong));) {
		struct org_rec o;
		if (toolong || valid_credit_code(item, code, err) != GW_OK) {
			if (toolong)
				gw_fail(err, GW_EINVAL, "统一社会信用代码应为 18 位", "a credit code has 18 characters");
			gw_err_prefix(err, "“%s”", item);
			return import_col_fail(err, r, INSTR_C_ORGS);
		}
		enum gw_status st = org_by_credit_code(gw, code, &o, err);
		if (st == GW_ENOTFOUND)
			gw_fail(err, GW_EINVAL, "没有统一社会信用代码为“%s”的单位",
				"no organisation with credit code '%s'", code);
		else if (st != GW_OK)
			return st;
		else if (o.deleted)
			gw_fail(err, GW_EINVAL, "单位“%s”（%s）已删除", "organisation '%s' (%s) has been deleted",
				o.name, o.credit_code);
		else if (set_add(s, INSTR_MAX_ORGS, o.id, o.credit_code) != 0)
			gw_fail(err, GW_EINVAL, "最多 %d 个单位", "at most %d organisations", INSTR_MAX_ORGS);
		else
			continue;
		return import_col_fail(err, r, INSTR_C_ORGS);
	}
	set_sort(s);
	return GW_OK;
}

/* ---- the row handler -------------------------------------------------- */

static void to_json(const void *rec, struct strbuf *b)
{
	const struct instr_full *x = rec;
	const struct instructor_rec *i = &x->i;
	int first = 1;
	struct strbuf list = STRBUF_INIT;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "phone", i->phone);
	sb_json_kv_str(b, &first, "name", i->name);
	sb_json_kv_str(b, &first, "gender", i->gender[0] ? i->gender : NULL);
	sb_json_kv_str(b, &first, "unit", i->unit);
	sb_json_kv_str(b, &first, "role", i->role);
	sb_json_kv_str(b, &first, "status", i->status);
	set_join(&x->grids, ";", &list);
	sb_json_kv_str(b, &first, "grid_codes", sb_str(&list));
	sb_reset(&list);
	set_join(&x->orgs, ";", &list);
	sb_json_kv_str(b, &first, "org_codes", sb_str(&list));
	sb_free(&list);
	sb_puts(b, "}");
}

static int same_rec(const void *old, const void *rec)
{
	const struct instr_full *x = old, *y = rec;
	const struct instructor_rec *a = &x->i, *b = &y->i;
	return !a->deleted && strcmp(a->phone, b->phone) == 0 && strcmp(a->name, b->name) == 0 &&
	       strcmp(a->gender, b->gender) == 0 && strcmp(a->unit, b->unit) == 0 &&
	       strcmp(a->role, b->role) == 0 && strcmp(a->status, b->status) == 0 &&
	       set_same(&x->grids, &y->grids) && set_same(&x->orgs, &y->orgs);
}

static enum gw_status parse_enum(const struct import_row *r, int col, enum gw_enum e,
				 const char *what_zh, const char *what_en, char *out, size_t outsz,
				 struct gw_err *err)
{
	int i = enum_parse(e, r->val[col]);
	if (i < 0) {
		gw_fail(err, GW_EINVAL, "“%s”不是有效的%s，可选：%s", "'%s' is not a valid %s; one of: %s",
			r->val[col], gw_tr(what_zh, what_en), enum_choices(e));
		return import_col_fail(err, r, col);
	}
	snprintf(out, outsz, "%s", enum_en(e, i));
	return GW_OK;
}

static enum gw_status parse_row(const struct import_row *r, struct instructor_rec *i,
				struct gw_err *err)
{
	const char *const *v = r->val;
	memset(i, 0, sizeof *i);
	if (valid_text(v[INSTR_C_NAME], INSTR_NAME_MAX, 1, 0, i->name, sizeof i->name, err) != GW_OK)
		return import_col_fail(err, r, INSTR_C_NAME);
	if (valid_blank(v[INSTR_C_PHONE]))
		return import_required(err, r, INSTR_C_PHONE);
	if (valid_mobile(v[INSTR_C_PHONE], i->phone, err) != GW_OK)
		return import_col_fail(err, r, INSTR_C_PHONE);
	if (!valid_blank(v[INSTR_C_GENDER]) &&
	    parse_enum(r, INSTR_C_GENDER, EN_GENDER, "性别", "gender", i->gender, sizeof i->gender,
		       err) != GW_OK)
		return GW_EINVAL;
	if (valid_text(v[INSTR_C_UNIT], INSTR_UNIT_MAX, 0, 0, i->unit, sizeof i->unit, err) != GW_OK)
		return import_col_fail(err, r, INSTR_C_UNIT);
	if (valid_blank(v[INSTR_C_ROLE]))
		return import_required(err, r, INSTR_C_ROLE);
	if (parse_enum(r, INSTR_C_ROLE, EN_ROLE, "类别", "role", i->role, sizeof i->role, err) != GW_OK)
		return GW_EINVAL;
	/* The contract's default for an empty status. */
	snprintf(i->status, sizeof i->status, "active");
	if (!valid_blank(v[INSTR_C_STATUS]) &&
	    parse_enum(r, INSTR_C_STATUS, EN_INSTR_STATUS, "状态", "status", i->status,
		       sizeof i->status, err) != GW_OK)
		return GW_EINVAL;
	return GW_OK;
}

static enum gw_status parse_full(struct gw *gw, const struct import_row *r, void *rec,
				 struct gw_err *err)
{
	struct instr_full *x = rec;
	x->grids.n = x->orgs.n = 0;
	enum gw_status st = parse_row(r, &x->i, err);
	if (st == GW_OK && r->present[INSTR_C_GRIDS])
		st = parse_grids(gw, r, &x->grids, err);
	if (st == GW_OK && r->present[INSTR_C_ORGS])
		st = parse_orgs(gw, r, &x->orgs, err);
	return st;
}

/* The stored instructor with the links. */
static enum gw_status find(struct gw *gw, const char *id, const void *rec, void *out,
			   struct gw_err *err)
{
	const struct instr_full *x = rec;
	struct instr_full *o = out;
	enum gw_status st = id ? instructor_by_id(gw, id, &o->i, err)
			       : instructor_by_phone(gw, x->i.phone, &o->i, err);
	if (st == GW_OK && (st = set_load(gw, Q_INSTR_GRIDS, o->i.id, &o->grids, err)) == GW_OK)
		st = set_load(gw, Q_INSTR_ORGS, o->i.id, &o->orgs, err);
	return st;
}

/* A file without an optional column says nothing about it. */
static enum gw_status keep_absent(struct gw *gw, const struct import_row *r, const void *stored,
				  void *rec, struct gw_err *err)
{
	const struct instr_full *old = stored;
	struct instr_full *x = rec;
	if (!old)
		return GW_OK;
	if (!r->present[INSTR_C_GENDER])
		memcpy(x->i.gender, old->i.gender, sizeof x->i.gender);
	if (!r->present[INSTR_C_UNIT])
		memcpy(x->i.unit, old->i.unit, sizeof x->i.unit);
	if (!r->present[INSTR_C_STATUS])
		memcpy(x->i.status, old->i.status, sizeof x->i.status);
	if (!r->present[INSTR_C_GRIDS])
		x->grids = old->grids;
	if (!r->present[INSTR_C_ORGS])
		x->orgs = old->orgs;
	return GW_OK;
}

/* Replaces the stored links a column of the file gives, when they differ
 * (old NULL: a new instructor). */
static enum gw_status write_links(struct gw *gw, const struct import_row *r, const void *rec,
				  const void *stored, struct gw_err *err)
{
	const struct instr_full *x = rec, *old = stored;
	enum gw_status st = GW_OK;
	if (r->present[INSTR_C_GRIDS] && (old ? !set_same(&x->grids, &old->grids) : x->grids.n > 0))
		st = set_store(gw, Q_INSTR_GRID_CLEAR, Q_INSTR_GRID_ADD, x->i.id, &x->grids, err);
	if (st == GW_OK && r->present[INSTR_C_ORGS] &&
	    (old ? !set_same(&x->orgs, &old->orgs) : x->orgs.n > 0))
		st = set_store(gw, Q_INSTR_ORG_CLEAR, Q_INSTR_ORG_ADD, x->i.id, &x->orgs, err);
	return st;
}

static void bind_fields(sqlite3_stmt *q, const void *rec)
{
	const struct instructor_rec *i = rec;
	db_bind_text(q, 2, i->phone);
	db_bind_text(q, 3, i->name);
	db_bind_text_null(q, 4, i->gender);
	db_bind_text(q, 5, i->unit);
	db_bind_text(q, 6, i->role);
	db_bind_text(q, 7, i->status);
}

static const char *label(const void *rec)
{
	return ((const struct instructor_rec *)rec)->name;
}

static enum gw_status phone_taken(struct gw_err *err, const struct import_row *r, const void *rec,
				  const void *other)
{
	gw_fail(err, GW_EEXIST, "指导员“%s”已使用此手机号", "instructor '%s' already has this mobile",
		label(other));
	return import_col_fail(err, r, INSTR_C_PHONE);
}

/* A deletion keeps the links: the audit names the instructor only. */
static void delete_json(const void *rec, struct strbuf *b)
{
	const struct instructor_rec *i = rec;
	int first = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "phone", i->phone);
	sb_json_kv_str(b, &first, "name", i->name);
	sb_json_kv_str(b, &first, "role", i->role);
	sb_json_kv_str(b, &first, "status", i->status);
	sb_puts(b, "}");
}

static const struct record_kind instr_kind = {
	.table = "instructor", .size = sizeof(struct instr_full),
	.id_at = offsetof(struct instr_full, i.id), .version_at = offsetof(struct instr_full, i.version),
	.lookup_zh = "查询指导员", .lookup_en = "instructor lookup",
	.what_zh = "指导员", .what_en = "instructor",
	.insert = Q_INSTR_INSERT, .update = Q_INSTR_UPDATE, .tail = 8,
	.gone = GW_EINVAL, .gone_zh = "该指导员已被删除", .gone_en = "this instructor has been deleted",
	.conflict_zh = "指导员“%s”在您打开后已被他人修改",
	.conflict_en = "instructor '%s' was changed by someone else since you opened it",
	.del = RECORD_DEL_SOFT, .del_soft = Q_INSTR_SOFT_DELETE,
	.read = read_row, .parse = parse_full, .find = find, .merge = keep_absent, .same = same_rec,
	.bind = bind_fields, .to_json = to_json, .label = label, .taken = phone_taken,
	.after = write_links, .del_json = delete_json,
};

static enum gw_status instr_row(struct gw *gw, const struct import_row *r,
				enum upsert_result *res, struct gw_err *err)
{
	/* Six link sets are too big for the stack of a deep caller. */
	struct instr_full *recs = calloc(3, sizeof *recs);
	if (!recs)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	struct record_req q = {r, 0, NULL};
	enum gw_status st = record_upsert(gw, &instr_kind, &q, recs, res, err);
	free(recs);
	return st;
}

/* ---- deletion, lists, the standard ------------------------------------ */

enum gw_status instructor_delete(struct gw *gw, const char *id, struct gw_err *err)
{
	struct instructor_rec i;
	enum gw_status st = instructor_by_id(gw, id, &i, err);
	if (st != GW_OK || i.deleted)
		return st;
	return record_delete(gw, &instr_kind, id, &i, err);
}

static enum gw_status each_link(struct gw *gw, enum db_query qn, const char *instructor_id,
				int (*cb)(void *ctx, const struct instructor_link *l), void *ctx,
				struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, qn, err);
	if (!q)
		return err ? err->code : GW_EDB;
	db_bind_text(q, 1, instructor_id);
	struct instructor_link l;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		db_col_text(q, 0, l.id, sizeof l.id);
		db_col_text(q, 1, l.code, sizeof l.code);
		db_col_text(q, 2, l.name, sizeof l.name);
		l.deleted = sqlite3_column_int(q, 3);
		if (cb(ctx, &l))
			break;
	}
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GW_OK
						   : db_fail(gw->db, err, gw_tr("读取指导员的联系", "reading an instructor's links"));
}

enum gw_status instructor_grids(struct gw *gw, const char *instructor_id,
				int (*cb)(void *ctx, const struct instructor_link *l), void *ctx,
				struct gw_err *err)
{
	return each_link(gw, Q_INSTR_GRIDS, instructor_id, cb, ctx, err);
}

enum gw_status instructor_orgs(struct gw *gw, const char *instructor_id,
			       int (*cb)(void *ctx, const struct instructor_link *l), void *ctx,
			       struct gw_err *err)
{
	return each_link(gw, Q_INSTR_ORGS, instructor_id, cb, ctx, err);
}

/* Runs a statement of INSTR_COLS rows with ?1 bound to key (or, for
 * paging, with the bindings the caller made), passing each to cb. */
static enum gw_status each_instr(struct gw *gw, sqlite3_stmt *q,
				 int (*cb)(void *ctx, const struct instructor_rec *i), void *ctx,
				 int *n, struct gw_err *err)
{
	struct instructor_rec i;
	int rc, k = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		read_row(q, &i);
		k++;
		if (cb(ctx, &i))
			break;
	}
	sqlite3_reset(q);
	if (n)
		*n = k;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GW_OK
						   : db_fail(gw->db, err, gw_tr("列出指导员", "listing instructors"));
}

/* each_instr over look-up statement q with ?1 bound to key. */
static enum gw_status each_instr_of(struct gw *gw, enum db_query q, const char *key,
				    int (*cb)(void *ctx, const struct instructor_rec *i), void *ctx,
				    struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, key);
	return each_instr(gw, st, cb, ctx, NULL, err);
}

enum gw_status grid_instructors(struct gw *gw, const char *grid_id,
				int (*cb)(void *ctx, const struct instructor_rec *i), void *ctx,
				struct gw_err *err)
{
	return each_instr_of(gw, Q_INSTR_OF_GRID, grid_id, cb, ctx, err);
}

enum gw_status org_instructors(struct gw *gw, const char *org_id,
			       int (*cb)(void *ctx, const struct instructor_rec *i), void *ctx,
			       struct gw_err *err)
{
	return each_instr_of(gw, Q_INSTR_OF_ORG, org_id, cb, ctx, err);
}

enum gw_status instructor_list(struct gw *gw, const char *after_name, const char *after_id,
			       int limit, int (*cb)(void *ctx, const struct instructor_rec *i),
			       void *ctx, int *n, struct gw_err *err)
{
	if (n)
		*n = 0;
	sqlite3_stmt *q = db_stmt(gw->db, Q_INSTR_LIST, err);
	if (!q)
		return err ? err->code : GW_EDB;
	if (after_name) {
		db_bind_text(q, 1, after_name);
		db_bind_text(q, 2, after_id ? after_id : "");
	}
	sqlite3_bind_int(q, 3, limit);
	return each_instr(gw, q, cb, ctx, n, err);
}

int grid_meets_standard(struct gw *gw, const char *grid_id, int *ft, int *pt,
			struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_INSTR_GRID_COUNTS, err);
	if (!q)
		return -1;
	db_bind_text(q, 1, grid_id);
	int rc = sqlite3_step(q), f = 0, p = 0;
	if (rc == SQLITE_ROW) {
		f = sqlite3_column_int(q, 0);
		p = sqlite3_column_int(q, 1);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW) {
		db_fail(gw->db, err, gw_tr("统计网格指导员", "counting a grid's instructors"));
		return -1;
	}
	if (ft)
		*ft = f;
	if (pt)
		*pt = p;
	return f >= 1 && p >= 2;
}

/* ---- export ----------------------------------------------------------- */

/* The non-deleted links' codes joined with "、": a deleted grid or
 * organisation is not exported, so naming it would break the round trip. */
static enum gw_status export_links(struct gw *gw, enum db_query qn, const char *id,
				   struct strbuf *b, struct gw_err *err)
{
	sb_reset(b);
	sqlite3_stmt *q = db_stmt(gw->db, qn, err);
	if (!q)
		return err ? err->code : GW_EDB;
	db_bind_text(q, 1, id);
	int rc, k = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (sqlite3_column_int(q, 3))
			continue;
		if (k++)
			sb_puts(b, "、");
		sb_puts(b, (const char *)sqlite3_column_text(q, 1));
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "export");
}

/* Export scratch: the record and its links' cells. */
struct export_cells {
	struct instructor_rec i;
	struct strbuf grids, orgs;
};

static enum gw_status export_cells(struct gw *gw, sqlite3_stmt *st, void *ctx, const char **f,
				   struct gw_err *err)
{
	struct export_cells *x = ctx;
	struct instructor_rec *i = &x->i;
	enum gw_status res;
	read_row(st, i);
	if ((res = export_links(gw, Q_INSTR_GRIDS, i->id, &x->grids, err)) != GW_OK ||
	    (res = export_links(gw, Q_INSTR_ORGS, i->id, &x->orgs, err)) != GW_OK)
		return res;
	f[INSTR_C_NAME] = i->name;
	f[INSTR_C_PHONE] = i->phone;
	f[INSTR_C_GENDER] = i->gender[0] ? enum_zh_of(EN_GENDER, i->gender) : "";
	f[INSTR_C_UNIT] = i->unit;
	f[INSTR_C_ROLE] = enum_zh_of(EN_ROLE, i->role);
	f[INSTR_C_GRIDS] = sb_str(&x->grids);
	f[INSTR_C_ORGS] = sb_str(&x->orgs);
	f[INSTR_C_STATUS] = enum_zh_of(EN_INSTR_STATUS, i->status);
	return GW_OK;
}

static enum gw_status instr_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	struct export_cells x = {.grids = STRBUF_INIT, .orgs = STRBUF_INIT};
	enum gw_status st = record_export(gw, w, Q_INSTR_EXPORT, INSTR_NCOLS, export_cells, &x, err);
	sb_free(&x.grids);
	sb_free(&x.orgs);
	return st;
}

const struct import_kind_ops instructor_ops = {
	"instructors", "指导员", instr_cols, INSTR_NCOLS, instr_row, instr_export,
};
