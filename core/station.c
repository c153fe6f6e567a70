/* station.c - warm-heart stations: stations.csv import and export. */
#include "station.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "record.h"
#include "strbuf.h"
#include "validate.h"

static const struct import_col station_cols[STATION_NCOLS] = {
	[STATION_C_NAME] = {"名称", "name", 1},
	[STATION_C_GRID] = {"网格编码", "grid_code", 1},
	[STATION_C_ADDRESS] = {"地址", "address", 0},
	[STATION_C_HOST] = {"依托", "host", 0},
	[STATION_C_SERVICES] = {"服务", "services", 1},
	[STATION_C_HOURS] = {"开放时间", "hours", 0},
	[STATION_C_LON] = {"中心经度", "lon", 0},
	[STATION_C_LAT] = {"中心纬度", "lat", 0},
};

static const struct record_kind station_kind;

static void read_row(sqlite3_stmt *st, void *rec)
{
	struct station_rec *s = rec;
	memset(s, 0, sizeof *s);
	db_col_text(st, 0, s->id, sizeof s->id);
	db_col_text(st, 1, s->name, sizeof s->name);
	db_col_text(st, 2, s->grid_id, sizeof s->grid_id);
	db_col_text(st, 3, s->grid_code, sizeof s->grid_code);
	db_col_text(st, 4, s->address, sizeof s->address);
	db_col_text(st, 5, s->host, sizeof s->host);
	db_col_text(st, 6, s->services, sizeof s->services);
	db_col_text(st, 7, s->hours, sizeof s->hours);
	s->has_pos = sqlite3_column_type(st, 8) != SQLITE_NULL && sqlite3_column_type(st, 9) != SQLITE_NULL;
	s->lon = sqlite3_column_double(st, 8);
	s->lat = sqlite3_column_double(st, 9);
	s->deleted = sqlite3_column_int(st, 10);
	s->version = sqlite3_column_int(st, 11);
}

enum gw_status station_by_name(struct gw *gw, const char *name, struct station_rec *out,
			       struct gw_err *err)
{
	char norm[STATION_NAME_MAX * 4 + 1];
	enum gw_status st = valid_text(name, STATION_NAME_MAX, 1, 0, norm, sizeof norm, NULL) == GW_OK
				    ? record_get(gw, &station_kind, Q_STATION_BY_NAME, norm, out, err)
				    : GW_ENOTFOUND;
	if (st == GW_ENOTFOUND)
		gw_fail(err, st, "没有名为“%s”的驿站", "no station named '%s'", name);
	return st;
}

enum gw_status station_by_id(struct gw *gw, const char *id, struct station_rec *out,
			     struct gw_err *err)
{
	enum gw_status st = record_get(gw, &station_kind, Q_STATION_BY_ID, id, out, err);
	if (st == GW_ENOTFOUND)
		gw_fail(err, st, "该驿站不存在", "no such station");
	return st;
}

/* Reads H:MM or HH:MM (ASCII or full-width colon) into minutes; returns the
 * bytes read or 0. */
static int read_time(const char *s, int *minutes)
{
	const char *p = s;
	int h = 0, m = 0, n = 0;
	while (*p >= '0' && *p <= '9' && n < 2)
		h = h * 10 + (*p++ - '0'), n++;
	if (!n)
		return 0;
	if (*p == ':')
		p++;
	else if (strncmp(p, "：", 3) == 0)
		p += 3;
	else
		return 0;
	if (!(p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9'))
		return 0;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	if (m > 59 || h > 24 || (h == 24 && m))
		return 0;
	*minutes = h * 60 + m;
	return (int)(p + 2 - s);
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

enum gw_status station_valid_hours(const char *s, char out[12], struct gw_err *err)
{
	static const char *const seps[] = {"-", "~", "～", "—", "–", "至"};
	const char *p = skip_spaces(s);
	size_t len = strlen(p);
	while (len && p[len - 1] == ' ')
		len--;
	if ((len == 6 && strncmp(p, "全天", 6) == 0) || (len == 8 && strncmp(p, "24小时", 8) == 0)) {
		strcpy(out, "00:00-24:00");
		return GW_OK;
	}
	int a, b, n = read_time(p, &a);
	if (!n || a == 24 * 60)
		goto bad;
	p = skip_spaces(p + n);
	size_t sl = 0;
	for (size_t i = 0; i < sizeof seps / sizeof seps[0] && !sl; i++)
		if (strncmp(p, seps[i], strlen(seps[i])) == 0)
			sl = strlen(seps[i]);
	if (!sl)
		goto bad;
	p = skip_spaces(p + sl);
	if (!(n = read_time(p, &b)) || *skip_spaces(p + n))
		goto bad;
	if (a == b)
		return gw_fail(err, GW_EINVAL, "开门和关门时间相同（%s）", "opening and closing times are the same (%s)", s);
	snprintf(out, 12, "%02d:%02d-%02d:%02d", a / 60, a % 60, b / 60, b % 60);
	return GW_OK;
bad:
	return gw_fail(err, GW_EINVAL, "“%s”不是有效的开放时间（如 08:00-20:00）",
		       "'%s' is not opening hours (e.g. 08:00-20:00)", s);
}

static void to_json(const void *rec, struct strbuf *b)
{
	const struct station_rec *s = rec;
	int first = 1;
	sb_puts(b, "{");
	sb_json_kv_str(b, &first, "name", s->name);
	sb_json_kv_str(b, &first, "grid_code", s->grid_code);
	sb_json_kv_str(b, &first, "address", s->address[0] ? s->address : NULL);
	sb_json_kv_str(b, &first, "host", s->host[0] ? s->host : NULL);
	sb_json_kv_str(b, &first, "services", s->services);
	sb_json_kv_str(b, &first, "hours", s->hours[0] ? s->hours : NULL);
	if (s->has_pos)
		sb_printf(b, ",\"lon\":%.6f,\"lat\":%.6f", s->lon, s->lat);
	sb_puts(b, "}");
}

static int same_rec(const void *old, const void *rec)
{
	const struct station_rec *a = old, *b = rec;
	return !a->deleted && strcmp(a->name, b->name) == 0 && strcmp(a->grid_id, b->grid_id) == 0 &&
	       strcmp(a->address, b->address) == 0 && strcmp(a->host, b->host) == 0 &&
	       strcmp(a->services, b->services) == 0 && strcmp(a->hours, b->hours) == 0 &&
	       a->has_pos == b->has_pos && (!a->has_pos || (a->lon == b->lon && a->lat == b->lat));
}

static enum gw_status parse_row(struct gw *gw, const struct import_row *r, void *rec,
				struct gw_err *err)
{
	const char *const *v = r->val;
	struct station_rec *s = rec;
	memset(s, 0, sizeof *s);
	if (valid_blank(v[STATION_C_NAME]))
		return import_required(err, r, STATION_C_NAME);
	if (valid_text(v[STATION_C_NAME], STATION_NAME_MAX, 1, 0, s->name, sizeof s->name, err) != GW_OK)
		return import_col_fail(err, r, STATION_C_NAME);
	if (valid_blank(v[STATION_C_GRID]))
		return import_required(err, r, STATION_C_GRID);
	struct grid_rec g;
	enum gw_status st = record_grid_cell(gw, r, STATION_C_GRID, &g, err);
	if (st != GW_OK)
		return st;
	snprintf(s->grid_id, sizeof s->grid_id, "%s", g.id);
	snprintf(s->grid_code, sizeof s->grid_code, "%s", g.code);
	if (valid_text(v[STATION_C_ADDRESS], STATION_ADDRESS_MAX, 0, 0, s->address, sizeof s->address,
		       err) != GW_OK)
		return import_col_fail(err, r, STATION_C_ADDRESS);
	if (valid_text(v[STATION_C_HOST], STATION_HOST_MAX, 0, 0, s->host, sizeof s->host, err) != GW_OK)
		return import_col_fail(err, r, STATION_C_HOST);
	if (valid_blank(v[STATION_C_SERVICES]))
		return import_required(err, r, STATION_C_SERVICES);
	char bad[64];
	if (enum_parse_list(EN_SERVICE, v[STATION_C_SERVICES], s->services, sizeof s->services, bad,
			    sizeof bad) != 0) {
		gw_fail(err, GW_EINVAL, "“%s”不是有效的服务，可选：%s", "'%s' is not a service; one of: %s",
			bad, enum_choices(EN_SERVICE));
		return import_col_fail(err, r, STATION_C_SERVICES);
	}
	if (!s->services[0]) {
		gw_fail(err, GW_EINVAL, "至少填写一项服务，可选：%s", "give at least one service; one of: %s",
			enum_choices(EN_SERVICE));
		return import_col_fail(err, r, STATION_C_SERVICES);
	}
	if (!valid_blank(v[STATION_C_HOURS]) &&
	    station_valid_hours(v[STATION_C_HOURS], s->hours, err) != GW_OK)
		return import_col_fail(err, r, STATION_C_HOURS);
	int has_lon = !valid_blank(v[STATION_C_LON]), has_lat = !valid_blank(v[STATION_C_LAT]);
	if (has_lon != has_lat) {
		gw_fail(err, GW_EINVAL, "经度和纬度须同时填写", "give both longitude and latitude, or neither");
		return import_col_fail(err, r, has_lon ? STATION_C_LAT : STATION_C_LON);
	}
	if (has_lon) {
		if (valid_degrees(v[STATION_C_LON], -180, 180, &s->lon, err) != GW_OK)
			return import_col_fail(err, r, STATION_C_LON);
		if (valid_degrees(v[STATION_C_LAT], -90, 90, &s->lat, err) != GW_OK)
			return import_col_fail(err, r, STATION_C_LAT);
		s->has_pos = 1;
	}
	return GW_OK;
}

/* Fills the columns the file lacks from the stored record. */
static enum gw_status keep_absent(struct gw *gw, const struct import_row *r, const void *stored,
				  void *rec, struct gw_err *err)
{
	const struct station_rec *old = stored;
	struct station_rec *s = rec;
	if (!old)
		return GW_OK;
	if (!r->present[STATION_C_ADDRESS])
		memcpy(s->address, old->address, sizeof s->address);
	if (!r->present[STATION_C_HOST])
		memcpy(s->host, old->host, sizeof s->host);
	if (!r->present[STATION_C_HOURS])
		memcpy(s->hours, old->hours, sizeof s->hours);
	if (!r->present[STATION_C_LON] && !r->present[STATION_C_LAT]) {
		s->has_pos = old->has_pos;
		s->lon = old->lon;
		s->lat = old->lat;
	}
	return GW_OK;
}

static void bind_fields(sqlite3_stmt *st, const void *rec)
{
	const struct station_rec *s = rec;
	db_bind_text(st, 2, s->name);
	db_bind_text(st, 3, s->grid_id);
	db_bind_text(st, 4, s->address);
	db_bind_text(st, 5, s->host);
	db_bind_text(st, 6, s->services);
	db_bind_text(st, 7, s->hours);
	if (s->has_pos) {
		sqlite3_bind_double(st, 8, s->lon);
		sqlite3_bind_double(st, 9, s->lat);
	}
}

static enum gw_status find(struct gw *gw, const char *id, const void *rec, void *out,
			   struct gw_err *err)
{
	const struct station_rec *s = rec;
	return record_get(gw, &station_kind, id ? Q_STATION_BY_ID : Q_STATION_BY_NAME, id ? id : s->name,
			  out, err);
}

static const char *label(const void *rec)
{
	return ((const struct station_rec *)rec)->name;
}

static enum gw_status name_taken(struct gw_err *err, const struct import_row *r, const void *rec,
				 const void *other)
{
	gw_fail(err, GW_EINVAL, "已有名为“%s”的驿站", "there is already a station named '%s'", label(rec));
	return import_col_fail(err, r, STATION_C_NAME);
}

static const struct record_kind station_kind = {
	.table = "station", .size = sizeof(struct station_rec),
	.id_at = offsetof(struct station_rec, id), .version_at = offsetof(struct station_rec, version),
	.lookup_zh = "查询驿站", .lookup_en = "station lookup",
	.what_zh = "驿站", .what_en = "station",
	.insert = Q_STATION_INSERT, .update = Q_STATION_UPDATE, .tail = 10,
	.gone = GW_ENOTFOUND, .gone_zh = "该驿站已被删除", .gone_en = "this station has been deleted",
	.conflict_zh = "驿站“%s”在您打开后已被他人修改",
	.conflict_en = "station '%s' was changed by someone else since you opened it",
	.del = RECORD_DEL_HARD, .del_hard = Q_STATION_HARD_DELETE,
	.read = read_row, .parse = parse_row, .find = find, .merge = keep_absent, .same = same_rec,
	.bind = bind_fields, .to_json = to_json, .label = label, .taken = name_taken,
};

static enum gw_status station_row(struct gw *gw, const struct import_row *r,
				  enum upsert_result *res, struct gw_err *err)
{
	struct station_rec recs[3];
	struct record_req q = {r, 0, NULL};
	return record_upsert(gw, &station_kind, &q, recs, res, err);
}

/* Export scratch: the cells that are not stored text. */
struct export_cells {
	char services[256], lon[32], lat[32];
};

static enum gw_status export_cells(struct gw *gw, sqlite3_stmt *st, void *ctx, const char **f,
				   struct gw_err *err)
{
	struct export_cells *x = ctx;
	record_list_zh(EN_SERVICE, (const char *)sqlite3_column_text(st, 4), x->services, sizeof x->services);
	x->lon[0] = x->lat[0] = '\0';
	if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
		snprintf(x->lon, sizeof x->lon, "%.6f", sqlite3_column_double(st, 6));
		snprintf(x->lat, sizeof x->lat, "%.6f", sqlite3_column_double(st, 7));
	}
	for (int i = 0; i < STATION_NCOLS; i++)
		f[i] = (const char *)sqlite3_column_text(st, i);
	f[STATION_C_SERVICES] = x->services;
	f[STATION_C_LON] = x->lon;
	f[STATION_C_LAT] = x->lat;
	return GW_OK;
}

static enum gw_status station_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	struct export_cells x;
	return record_export(gw, w, Q_STATION_EXPORT, STATION_NCOLS, export_cells, &x, err);
}

const struct import_kind_ops station_ops = {
	"stations", "暖心驿站", station_cols, STATION_NCOLS, station_row, station_export,
};

enum gw_status station_delete(struct gw *gw, const char *id, struct gw_err *err)
{
	struct station_rec s;
	enum gw_status st = station_by_id(gw, id, &s, err);
	return st != GW_OK ? st : record_delete(gw, &station_kind, id, &s, err);
}
