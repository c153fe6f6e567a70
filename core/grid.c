/* grid.c - grid hierarchy: validation, hierarchy rules, import and export. */
#include "grid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
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

static void read_row(sqlite3_stmt *st, struct grid_rec *g)
{
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
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_row(st, out);
		sqlite3_reset(st);
		return GW_OK;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("查询网格", "grid lookup"));
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

static void to_json(const struct grid_rec *g, struct strbuf *b)
{
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

static int same_rec(const struct grid_rec *a, const struct grid_rec *b)
{
	return !a->deleted && strcmp(a->code, b->code) == 0 && strcmp(a->name, b->name) == 0 &&
	       strcmp(a->level, b->level) == 0 && strcmp(a->parent_id, b->parent_id) == 0 &&
	       strcmp(a->basis, b->basis) == 0 && a->has_pos == b->has_pos &&
	       (!a->has_pos || (a->lon == b->lon && a->lat == b->lat));
}

/* Turns the row's cells into a checked record (without touching the db
 * beyond looking up the parent). */
static enum gw_status parse_row(struct gw *gw, const struct import_row *r, struct grid_rec *g,
				struct gw_err *err)
{
	const char *const *v = r->val;
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

static void bind_fields(sqlite3_stmt *st, const struct grid_rec *g)
{
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

static enum gw_status grid_row(struct gw *gw, const struct import_row *r,
			       enum upsert_result *res, struct gw_err *err)
{
	struct grid_rec g, old;
	enum gw_status st = parse_row(gw, r, &g, err);
	if (st != GW_OK)
		return st;
	/* A form edits by id (the code may change); import matches by code. */
	st = r->id ? grid_by_id(gw, r->id, &old, err) : grid_by_code(gw, g.code, &old, err);
	if (st != GW_OK && st != GW_ENOTFOUND)
		return st;
	char now[20];
	clock_now(now);
	struct strbuf nj = STRBUF_INIT, oj = STRBUF_INIT;
	to_json(&g, &nj);
	if (st == GW_ENOTFOUND) {
		if (r->id) {
			st = gw_fail(err, GW_ENOTFOUND, "该网格已被删除", "this grid has been deleted");
			goto out;
		}
		if (strcmp(g.level, "county") == 0 && (st = one_county(gw, r, "", err)) != GW_OK)
			goto out;
		id_new(g.id);
		sqlite3_stmt *q = db_stmt(gw->db, Q_GRID_INSERT, err);
		if (!q)
			goto fail;
		db_bind_text(q, 1, g.id);
		bind_fields(q, &g);
		db_bind_text(q, 9, gw->office);
		db_bind_text(q, 10, now);
		if ((st = db_step_done(gw->db, q, err)) != GW_OK)
			goto out;
		st = audit_record(gw, "grid", g.id, "insert", NULL, sb_str(&nj), err);
		*res = UPSERT_INSERTED;
		goto out;
	}
	if (r->id && r->version && r->version != old.version) {
		st = gw_fail(err, GW_ECONFLICT, "网格“%s”在您打开后已被他人修改", "grid '%s' was changed by someone else since you opened it", old.code);
		goto out;
	}
	if (same_rec(&old, &g)) {
		*res = UPSERT_UNCHANGED;   /* also a row repeating an earlier one exactly */
		st = GW_OK;
		goto out;
	}
	long first = r->id ? 0 : import_claimed(gw, old.id);
	if (first) {
		st = import_repeated(err, first, "网格", "grid", old.code);
		goto out;
	}
	if (strcmp(g.level, "county") == 0 && (st = one_county(gw, r, old.id, err)) != GW_OK)
		goto out;
	if (strcmp(g.level, old.level) != 0 && (st = children_fit(gw, r, old.id, g.level, err)) != GW_OK)
		goto out;
	if (g.parent_id[0]) {
		int cycle;
		if ((st = would_cycle(gw, old.id, g.parent_id, &cycle, err)) != GW_OK)
			goto out;
		if (cycle) {
			gw_fail(err, GW_EINVAL, "不能隶属于自己的下级“%s”", "cannot belong to its own descendant '%s'",
				g.parent_code);
			st = import_col_fail(err, r, GRID_C_PARENT);
			goto out;
		}
	}
	sqlite3_stmt *q = db_stmt(gw->db, Q_GRID_UPDATE, err);
	if (!q)
		goto fail;
	db_bind_text(q, 1, old.id);
	bind_fields(q, &g);
	/* bind_fields leaves 7/8 NULL when there is no position. */
	db_bind_text(q, 9, now);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK)
		goto out;
	to_json(&old, &oj);
	st = audit_record(gw, "grid", old.id, "update", sb_str(&oj), sb_str(&nj), err);
	*res = UPSERT_UPDATED;
	goto out;
fail:
	st = err ? err->code : GW_EDB;
out:
	if (st == GW_OK && !r->id && import_claim(gw, *res == UPSERT_INSERTED ? g.id : old.id, r->row) < 0)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	sb_free(&nj);
	sb_free(&oj);
	return st;
}

enum gw_status grid_delete(struct gw *gw, const char *id, struct gw_err *err)
{
	struct grid_rec g;
	enum gw_status st = grid_by_id(gw, id, &g, err);
	if (st != GW_OK)
		return st;
	sqlite3_stmt *q = db_stmt(gw->db, Q_GRID_REFERENCED, err);
	if (!q)
		return GW_EDB;
	db_bind_text(q, 1, id);
	int referenced = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	if ((st = db_begin(gw->db, err)) != GW_OK)
		return st;
	char now[20];
	clock_now(now);
	q = db_stmt(gw->db, referenced ? Q_GRID_SOFT_DELETE : Q_GRID_HARD_DELETE, err);
	if (!q) {
		db_rollback(gw->db);
		return GW_EDB;
	}
	db_bind_text(q, 1, id);
	if (referenced)
		db_bind_text(q, 2, now);
	struct strbuf oj = STRBUF_INIT;
	to_json(&g, &oj);
	st = db_step_done(gw->db, q, err);
	if (st == GW_OK)
		st = audit_record(gw, "grid", id, "delete", sb_str(&oj), NULL, err);
	sb_free(&oj);
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}

static enum gw_status grid_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_GRID_EXPORT, err);
	if (!st)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char lon[32] = "", lat[32] = "";
		const char *f[GRID_NCOLS];
		const char *level = (const char *)sqlite3_column_text(st, 2);
		const char *basis = (const char *)sqlite3_column_text(st, 4);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
			snprintf(lon, sizeof lon, "%.6f", sqlite3_column_double(st, 5));
			snprintf(lat, sizeof lat, "%.6f", sqlite3_column_double(st, 6));
		}
		f[GRID_C_CODE] = (const char *)sqlite3_column_text(st, 0);
		f[GRID_C_NAME] = (const char *)sqlite3_column_text(st, 1);
		f[GRID_C_LEVEL] = enum_zh_of(EN_LEVEL, level);
		f[GRID_C_PARENT] = (const char *)sqlite3_column_text(st, 3);
		f[GRID_C_BASIS] = basis ? enum_zh_of(EN_BASIS, basis) : "";
		f[GRID_C_LON] = lon;
		f[GRID_C_LAT] = lat;
		if (csv_write_row(w, f, GRID_NCOLS, err) != 0) {
			sqlite3_reset(st);
			return GW_EIO;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "export");
}

const struct import_kind_ops grid_ops = {
	"grids", "网格", grid_cols, GRID_NCOLS, grid_row, grid_export,
};

/* Orders nodes depth-first from the roots, children by code (the query
 * already sorts by code, so a stable walk keeps that). */
static void place(struct grid_node *all, int n, int *used, const char *parent, int depth,
		  struct grid_node *out, int *k)
{
	for (int i = 0; i < n; i++) {
		if (used[i] || strcmp(all[i].g.parent_id, parent) != 0)
			continue;
		used[i] = 1;
		out[*k] = all[i];
		out[*k].depth = depth;
		(*k)++;
		place(all, n, used, all[i].g.id, depth + 1, out, k);
	}
}

enum gw_status grid_tree(struct gw *gw, struct grid_node **out, int *n, struct gw_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(gw->db, Q_GRID_TREE, err);
	if (!st)
		return GW_EDB;
	struct grid_node *all = NULL;
	int cap = 0, cnt = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			struct grid_node *na = realloc(all, (size_t)cap * sizeof *all);
			if (!na) {
				free(all);
				sqlite3_reset(st);
				return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
			}
			all = na;
		}
		struct grid_node *g = &all[cnt++];
		memset(g, 0, sizeof *g);
		db_col_text(st, 0, g->g.id, sizeof g->g.id);
		db_col_text(st, 1, g->g.code, sizeof g->g.code);
		db_col_text(st, 2, g->g.name, sizeof g->g.name);
		db_col_text(st, 3, g->g.level, sizeof g->g.level);
		db_col_text(st, 4, g->g.parent_id, sizeof g->g.parent_id);
		db_col_text(st, 5, g->g.basis, sizeof g->g.basis);
		g->orgs = sqlite3_column_int(st, 6);
		g->orgs_covered = sqlite3_column_int(st, 7);
		g->full_time = sqlite3_column_int(st, 8);
		g->part_time = sqlite3_column_int(st, 9);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(all);
		return db_fail(gw->db, err, "grid tree");
	}
	struct grid_node *sorted = malloc((size_t)(cnt ? cnt : 1) * sizeof *sorted);
	int *used = calloc((size_t)(cnt ? cnt : 1), sizeof *used);
	if (!sorted || !used) {
		free(all), free(sorted), free(used);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	int k = 0;
	place(all, cnt, used, "", 0, sorted, &k);
	/* Nodes whose parent was deleted still show, at the top level. */
	for (int i = 0; i < cnt; i++)
		if (!used[i]) {
			sorted[k] = all[i];
			sorted[k++].depth = 0;
		}
	free(all);
	free(used);
	*out = sorted;
	*n = k;
	return GW_OK;
}
