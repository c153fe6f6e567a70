/* grid.c - grid hierarchy: validation, hierarchy rules, import and export,
 * deletion and the tree.  The row handler, look-ups, export loop and
 * deletion run on record.h's skeleton; the hierarchy's rules that need
 * other stored grids (one county, children fit a changed level, no loops)
 * are its check hook, so they run only for a row that will be written. */
#include "grid.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "record.h"
#include "strbuf.h"
#include "validate.h"

static const struct import_col grid_cols[GRID_NCOLS] = {
	[GRID_C_CODE] = {"编码", "code", 1},
	[GRID_C_NAME] = {"名称", "name", 1},
	[GRID_C_LEVEL] = {"层级", "level", 1},
	[GRID_C_PARENT] = {"上级编码", "parent_code", 0},
	[GRID_C_BASIS] = {"划分依据", "basis", 0},
	[GRID_C_LON] = {"中心经度", "lon", 0},
	[GRID_C_LAT] = {"中心纬度", "lat", 0},
};

static const struct record_kind grid_kind;

/* Reads a row of GRID_COLS. */
static void read_row(sqlite3_stmt *st, void *rec)
{
	struct grid_rec *g = rec;
	memset(g, 0, sizeof *g);
	db_col_text(st, 0, g->id, sizeof g->id);
	db_col_text(st, 1, g->code, sizeof g->code);
	db_col_text(st, 2, g->name, sizeof g->name);
	db_col_text(st, 3, g->level, sizeof g->level);
	db_col_text(st, 4, g->parent_id, sizeof g->parent_id);
	db_col_text(st, 5, g->basis, sizeof g->basis);
	g->has_pos = sqlite3_column_type(st, 6) != SQLITE_NULL && sqlite3_column_type(st, 7) != SQLITE_NULL;
	g->lon = sqlite3_column_double(st, 6);
	g->lat = sqlite3_column_double(st, 7);
	g->deleted = sqlite3_column_int(st, 8);
	g->version = sqlite3_column_int(st, 9);
	db_col_text(st, 10, g->parent_code, sizeof g->parent_code);
}

static enum gw_status fetch(struct gw *gw, enum db_query q, const char *key,
			    struct grid_rec *out, struct gw_err *err)
{
	enum gw_status st = record_get(gw, &grid_kind, q, key, out, err);
	if (st != GW_ENOTFOUND)
		return st;
	return gw_fail(err, GW_ENOTFOUND, "没有编码为“%s”的网格", "no grid with code '%s'", key);
}

enum gw_status grid_by_code(struct gw *gw, const char *code, struct grid_rec *out,
			    struct gw_err *err)
{
	char norm[33];
	if (valid_grid_code(code, norm, NULL) != GW_OK)
		return gw_fail(err, GW_ENOTFOUND, "没有编码为“%s”的网格", "no grid with code '%s'", code);
	return fetch(gw, Q_GRID_BY_CODE, norm, out, err);
}

enum gw_status grid_by_id(struct gw *gw, const char *id, struct grid_rec *out,
			  struct gw_err *err)
{
	return fetch(gw, Q_GRID_BY_ID, id, out, err);
}

/* Which levels may hold which: the county holds townships and parks, a park
 * may hold parks (园中园), grids hang under a township or a park. */
static int parent_allowed(const char *level, const char *parent_level)
{
	if (strcmp(level, "township") == 0)
		return strcmp(parent_level, "county") == 0;
	if (strcmp(level, "park") == 0)
		return strcmp(parent_level, "county") == 0 || strcmp(parent_level, "park") == 0 ||
		       strcmp(parent_level, "township") == 0;
	if (strcmp(level, "grid") == 0)
		return strcmp(parent_level, "township") == 0 || strcmp(parent_level, "park") == 0;
	return 0;
}

/* Whether making parent_id the parent of id would close a loop. */
static enum gw_status would_cycle(struct gw *gw, const char *id, const char *parent_id,
				  int *cycle, struct gw_err *err)
{
	char cur[GW_ID_LEN + 1];
	snprintf(cur, sizeof cur, "%s", parent_id);
	*cycle = 0;
	for (int hops = 0; cur[0] && hops < 64; hops++) {
		if (strcmp(cur, id) == 0) {
			*cycle = 1;
			return GW_OK;
		}
		sqlite3_stmt *st = db_stmt(gw->db, Q_GRID_PARENT_OF, err);
		if (!st)
			return GW_EDB;
		db_bind_text(st, 1, cur);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			db_col_text(st, 0, cur, sizeof cur);
		else
			cur[0] = '\0';
		sqlite3_reset(st);
	}
	return GW_OK;
}

/* The county is the one root: a second one would split the map (and
 * `check` reports it).  self_id: the record being written, or "". */
static enum gw_status one_county(struct gw *gw, const struct import_row *r, const char *self_id,
				 struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_GRID_OTHER_COUNTY, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, self_id);
	int rc = sqlite3_step(st);
	char other[33] = "";
	if (rc == SQLITE_ROW)
		db_col_text(st, 0, other, sizeof other);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("查询网格", "grid lookup"));
	if (!other[0])
		return GW_OK;
	gw_fail(err, GW_EINVAL, "已有县级节点“%s”，只能有一个县", "there is already a county ('%s'); there can be only one",
		other);
	return import_col_fail(err, r, GRID_C_LEVEL);
}

/* A node whose level changes must still be a fit parent for each of its
 * live children (a park holding grids cannot become a grid). */
static enum gw_status children_fit(struct gw *gw, const struct import_row *r, const char *id,
				   const char *level, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_GRID_CHILDREN, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, id);
	int rc;
	char code[33] = "", clevel[12] = "";
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_col_text(st, 1, clevel, sizeof clevel);
		if (!parent_allowed(clevel, level)) {
			db_col_text(st, 0, code, sizeof code);
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("查询网格", "grid lookup"));
	if (!code[0])
		return GW_OK;
	gw_fail(err, GW_EINVAL, "其下还有%s“%s”，不能改为%s", "it still holds the %s '%s', so it cannot become a %s",
		gw_tr(enum_zh_of(EN_LEVEL, clevel), clevel), code,
		gw_tr(enum_zh_of(EN_LEVEL, level), level));
	return import_col_fail(err, r, GRID_C_LEVEL);
}

static void to_json(const void *rec, struct strbuf *b)
{
	const struct grid_rec *g = rec;
	int first = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "code", g->code);
	sb_json_kv_str(b, &first, "name", g->name);
	sb_json_kv_str(b, &first, "level", g->level);
	sb_json_kv_str(b, &first, "parent_code", g->parent_code[0] ? g->parent_code : NULL);
	sb_json_kv_str(b, &first, "basis", g->basis[0] ? g->basis : NULL);
	if (g->has_pos)
		sb_printf(b, ",\"lon\":%.6f,\"lat\":%.6f", g->lon, g->lat);
	sb_puts(b, "}");
}

static int same_rec(const void *old, const void *rec)
{
	const struct grid_rec *a = old, *b = rec;
	return !a->deleted && strcmp(a->code, b->code) == 0 && strcmp(a->name, b->name) == 0 &&
	       strcmp(a->level, b->level) == 0 && strcmp(a->parent_id, b->parent_id) == 0 &&
	       strcmp(a->basis, b->basis) == 0 && a->has_pos == b->has_pos &&
	       (!a->has_pos || (a->lon == b->lon && a->lat == b->lat));
}

/* Turns the row's cells into a checked record (without touching the db
 * beyond looking up the parent). */
static enum gw_status parse_row(struct gw *gw, const struct import_row *r, void *rec,
				struct gw_err *err)
{
	const char *const *v = r->val;
	struct grid_rec *g = rec;
	memset(g, 0, sizeof *g);
	if (valid_blank(v[GRID_C_CODE]))
		return import_required(err, r, GRID_C_CODE);
	if (valid_grid_code(v[GRID_C_CODE], g->code, err) != GW_OK)
		return import_col_fail(err, r, GRID_C_CODE);
	if (valid_text(v[GRID_C_NAME], 64, 1, 0, g->name, sizeof g->name, err) != GW_OK)
		return import_col_fail(err, r, GRID_C_NAME);
	if (valid_blank(v[GRID_C_LEVEL]))
		return import_required(err, r, GRID_C_LEVEL);
	int lv = enum_parse(EN_LEVEL, v[GRID_C_LEVEL]);
	if (lv < 0) {
		gw_fail(err, GW_EINVAL, "“%s”不是有效层级，可选：%s", "'%s' is not a level; one of: %s",
			v[GRID_C_LEVEL], enum_choices(EN_LEVEL));
		return import_col_fail(err, r, GRID_C_LEVEL);
	}
	snprintf(g->level, sizeof g->level, "%s", enum_en(EN_LEVEL, lv));
	int is_grid = strcmp(g->level, "grid") == 0;
	if (!valid_blank(v[GRID_C_BASIS])) {
		int b = enum_parse(EN_BASIS, v[GRID_C_BASIS]);
		if (b < 0) {
			gw_fail(err, GW_EINVAL, "“%s”不是有效的划分依据，可选：%s",
				"'%s' is not a basis; one of: %s", v[GRID_C_BASIS], enum_choices(EN_BASIS));
			return import_col_fail(err, r, GRID_C_BASIS);
		}
		if (!is_grid) {
			gw_fail(err, GW_EINVAL, "只有网格才有划分依据", "only grids have a basis");
			return import_col_fail(err, r, GRID_C_BASIS);
		}
		snprintf(g->basis, sizeof g->basis, "%s", enum_en(EN_BASIS, b));
	} else if (is_grid) {
		return import_required(err, r, GRID_C_BASIS);
	}
	int has_lon = !valid_blank(v[GRID_C_LON]), has_lat = !valid_blank(v[GRID_C_LAT]);
	if (has_lon != has_lat) {
		gw_fail(err, GW_EINVAL, "经度和纬度须同时填写", "give both longitude and latitude, or neither");
		return import_col_fail(err, r, has_lon ? GRID_C_LAT : GRID_C_LON);
	}
	if (has_lon) {
		if (valid_degrees(v[GRID_C_LON], -180, 180, &g->lon, err) != GW_OK)
			return import_col_fail(err, r, GRID_C_LON);
		if (valid_degrees(v[GRID_C_LAT], -90, 90, &g->lat, err) != GW_OK)
			return import_col_fail(err, r, GRID_C_LAT);
		g->has_pos = 1;
	}
	if (strcmp(g->level, "county") == 0) {
		if (!valid_blank(v[GRID_C_PARENT])) {
			gw_fail(err, GW_EINVAL, "县没有上级", "the county has no parent");
			return import_col_fail(err, r, GRID_C_PARENT);
		}
		return GW_OK;
	}
	if (valid_blank(v[GRID_C_PARENT]))
		return import_required(err, r, GRID_C_PARENT);
	struct grid_rec parent;
	enum gw_status st = grid_by_code(gw, v[GRID_C_PARENT], &parent, err);
	if (st == GW_ENOTFOUND) {
		/* May come later in the same file: the driver retries the row. */
		import_col_fail(err, r, GRID_C_PARENT);
		return GW_ENOTFOUND;
	}
	if (st != GW_OK)
		return st;
	if (parent.deleted) {
		gw_fail(err, GW_EINVAL, "上级“%s”已删除", "parent '%s' has been deleted", parent.code);
		return import_col_fail(err, r, GRID_C_PARENT);
	}
	if (!parent_allowed(g->level, parent.level)) {
		gw_fail(err, GW_EINVAL, "%s不能隶属于%s“%s”", "a %s cannot belong to a %s ('%s')",
			gw_tr(enum_zh_of(EN_LEVEL, g->level), g->level),
			gw_tr(enum_zh_of(EN_LEVEL, parent.level), parent.level), parent.code);
		return import_col_fail(err, r, GRID_C_PARENT);
	}
	snprintf(g->parent_id, sizeof g->parent_id, "%s", parent.id);
	snprintf(g->parent_code, sizeof g->parent_code, "%s", parent.code);
	return GW_OK;
}

/* Binds ?2..?8 of GRID_INSERT and GRID_UPDATE, which share that order;
 * without a position 7 and 8 stay NULL. */
static void bind_fields(sqlite3_stmt *st, const void *rec)
{
	const struct grid_rec *g = rec;
	db_bind_text(st, 2, g->code);
	db_bind_text(st, 3, g->name);
	db_bind_text(st, 4, g->level);
	db_bind_text_null(st, 5, g->parent_id);
	db_bind_text_null(st, 6, g->basis);
	if (g->has_pos) {
		sqlite3_bind_double(st, 7, g->lon);
		sqlite3_bind_double(st, 8, g->lat);
	}
}

static enum gw_status find(struct gw *gw, const char *id, const void *rec, void *out,
			   struct gw_err *err)
{
	const struct grid_rec *g = rec;
	return id ? grid_by_id(gw, id, out, err) : grid_by_code(gw, g->code, out, err);
}

/* The code: what the audit and the messages name a grid by. */
static const char *label(const void *rec)
{
	return ((const struct grid_rec *)rec)->code;
}

static enum gw_status code_taken(struct gw_err *err, const struct import_row *r, const void *rec,
				 const void *other)
{
	gw_fail(err, GW_EEXIST, "已有网格“%s”使用此编码", "grid '%s' already has this code",
		((const struct grid_rec *)other)->name);
	return import_col_fail(err, r, GRID_C_CODE);
}

/* The hierarchy's rules against the other stored grids (old NULL for a new
 * one): parse_row has checked the parent's level already. */
static enum gw_status check_tree(struct gw *gw, const struct import_row *r, const void *stored,
				 const void *rec, struct gw_err *err)
{
	const struct grid_rec *old = stored, *g = rec;
	enum gw_status st;
	if (strcmp(g->level, "county") == 0 && (st = one_county(gw, r, old ? old->id : "", err)) != GW_OK)
		return st;
	if (!old)
		return GW_OK;
	if (strcmp(g->level, old->level) != 0 &&
	    (st = children_fit(gw, r, old->id, g->level, err)) != GW_OK)
		return st;
	if (!g->parent_id[0])
		return GW_OK;
	int cycle;
	if ((st = would_cycle(gw, old->id, g->parent_id, &cycle, err)) != GW_OK || !cycle)
		return st;
	gw_fail(err, GW_EINVAL, "不能隶属于自己的下级“%s”", "cannot belong to its own descendant '%s'",
		g->parent_code);
	return import_col_fail(err, r, GRID_C_PARENT);
}

static const struct record_kind grid_kind = {
	.table = "grid", .size = sizeof(struct grid_rec),
	.id_at = offsetof(struct grid_rec, id), .version_at = offsetof(struct grid_rec, version),
	.lookup_zh = "查询网格", .lookup_en = "grid lookup",
	.what_zh = "网格", .what_en = "grid",
	.insert = Q_GRID_INSERT, .update = Q_GRID_UPDATE, .tail = 9,
	.gone = GW_ENOTFOUND, .gone_zh = "该网格已被删除", .gone_en = "this grid has been deleted",
	.conflict_zh = "网格“%s”在您打开后已被他人修改",
	.conflict_en = "grid '%s' was changed by someone else since you opened it",
	.del = RECORD_DEL_SOFT_IF_REFERENCED, .del_referenced = Q_GRID_REFERENCED,
	.del_soft = Q_GRID_SOFT_DELETE, .del_hard = Q_GRID_HARD_DELETE,
	.del_zh = "删除网格", .del_en = "deleting a grid",
	.read = read_row, .parse = parse_row, .find = find, .same = same_rec, .bind = bind_fields,
	.to_json = to_json, .label = label, .taken = code_taken, .check = check_tree,
};

static enum gw_status grid_row(struct gw *gw, const struct import_row *r,
			       enum upsert_result *res, struct gw_err *err)
{
	struct grid_rec recs[3];
	struct record_req q = {r, 0, NULL};
	return record_upsert(gw, &grid_kind, &q, recs, res, err);
}

enum gw_status grid_delete(struct gw *gw, const char *id, struct gw_err *err)
{
	struct grid_rec g;
	enum gw_status st = grid_by_id(gw, id, &g, err);
	return st != GW_OK ? st : record_delete(gw, &grid_kind, id, &g, err);
}

/* Export scratch: the position, the cells that are not stored text. */
struct export_cells {
	char lon[32], lat[32];
};

static enum gw_status export_cells(struct gw *gw, sqlite3_stmt *st, void *ctx, const char **f,
				   struct gw_err *err)
{
	struct export_cells *x = ctx;
	const char *level = (const char *)sqlite3_column_text(st, 2);
	const char *basis = (const char *)sqlite3_column_text(st, 4);
	x->lon[0] = x->lat[0] = '\0';
	if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
		snprintf(x->lon, sizeof x->lon, "%.6f", sqlite3_column_double(st, 5));
		snprintf(x->lat, sizeof x->lat, "%.6f", sqlite3_column_double(st, 6));
	}
	f[GRID_C_CODE] = (const char *)sqlite3_column_text(st, 0);
	f[GRID_C_NAME] = (const char *)sqlite3_column_text(st, 1);
	f[GRID_C_LEVEL] = enum_zh_of(EN_LEVEL, level);
	f[GRID_C_PARENT] = (const char *)sqlite3_column_text(st, 3);
	f[GRID_C_BASIS] = basis ? enum_zh_of(EN_BASIS, basis) : "";
	f[GRID_C_LON] = x->lon;
	f[GRID_C_LAT] = x->lat;
	return GW_OK;
}

/* Parents before children (the query's order), so the file imports in one
 * pass; always Chinese, like every export. */
static enum gw_status grid_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	struct export_cells x;
	return record_export(gw, w, Q_GRID_EXPORT, GRID_NCOLS, export_cells, &x, err);
}

const struct import_kind_ops grid_ops = {
	"grids", "网格", grid_cols, GRID_NCOLS, grid_row, grid_export,
};
