/* station.c - warm-heart stations: stations.csv import and export. */
#include "station.h"

#include <stdio.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
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

static void read_row(sqlite3_stmt *st, struct station_rec *s)
{
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

/* GW_OK with *out, GW_ENOTFOUND (err untouched) or a database error. */
static enum gw_status fetch(struct gw *gw, enum db_query q, const char *key,
			    struct station_rec *out, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return GW_EDB;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return GW_OK;
	return rc == SQLITE_DONE ? GW_ENOTFOUND : db_fail(gw->db, err, gw_tr("查询驿站", "station lookup"));
}

enum gw_status station_by_name(struct gw *gw, const char *name, struct station_rec *out,
			       struct gw_err *err)
{
	char norm[STATION_NAME_MAX * 4 + 1];
	enum gw_status st = valid_text(name, STATION_NAME_MAX, 1, 0, norm, sizeof norm, NULL) == GW_OK
				    ? fetch(gw, Q_STATION_BY_NAME, norm, out, err) : GW_ENOTFOUND;
	if (st == GW_ENOTFOUND)
		gw_fail(err, st, "没有名为“%s”的驿站", "no station named '%s'", name);
	return st;
}

enum gw_status station_by_id(struct gw *gw, const char *id, struct station_rec *out,
			     struct gw_err *err)
{
	enum gw_status st = fetch(gw, Q_STATION_BY_ID, id, out, err);
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

/* A stored list in Chinese joined with "、" whatever the UI language:
 * exports are read by clerks' spreadsheets. */
static void list_zh(enum gw_enum e, const char *stored, char *out, size_t outsz)
{
	size_t off = 0;
	out[0] = '\0';
	for (int i = 0; i < enum_count(e); i++)
		if (enum_list_has(e, stored, i) && off < outsz)
			off += (size_t)snprintf(out + off, outsz - off, "%s%s", off ? "、" : "", enum_zh(e, i));
}

static void to_json(const struct station_rec *s, struct strbuf *b)
{
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

static int same_rec(const struct station_rec *a, const struct station_rec *b)
{
	return !a->deleted && strcmp(a->name, b->name) == 0 && strcmp(a->grid_id, b->grid_id) == 0 &&
	       strcmp(a->address, b->address) == 0 && strcmp(a->host, b->host) == 0 &&
	       strcmp(a->services, b->services) == 0 && strcmp(a->hours, b->hours) == 0 &&
	       a->has_pos == b->has_pos && (!a->has_pos || (a->lon == b->lon && a->lat == b->lat));
}

static enum gw_status parse_row(struct gw *gw, const struct import_row *r, struct station_rec *s,
				struct gw_err *err)
{
	const char *const *v = r->val;
	memset(s, 0, sizeof *s);
	if (valid_blank(v[STATION_C_NAME]))
		return import_required(err, r, STATION_C_NAME);
	if (valid_text(v[STATION_C_NAME], STATION_NAME_MAX, 1, 0, s->name, sizeof s->name, err) != GW_OK)
		return import_col_fail(err, r, STATION_C_NAME);
	if (valid_blank(v[STATION_C_GRID]))
		return import_required(err, r, STATION_C_GRID);
	struct grid_rec g;
	enum gw_status st = grid_by_code(gw, v[STATION_C_GRID], &g, err);
	if (st == GW_OK && g.deleted)
		st = gw_fail(err, GW_EINVAL, "网格“%s”已删除", "grid '%s' has been deleted", g.code);
	if (st == GW_ENOTFOUND) {
		st = GW_EINVAL;   /* grids come before stations: no retry */
		if (err)
			err->code = st;
	}
	if (st == GW_EINVAL)
		return import_col_fail(err, r, STATION_C_GRID);
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
static void keep_absent(const struct import_row *r, struct station_rec *s, const struct station_rec *old)
{
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
}

static void bind_fields(sqlite3_stmt *st, const struct station_rec *s)
{
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

static enum gw_status station_row(struct gw *gw, const struct import_row *r,
				  enum upsert_result *res, struct gw_err *err)
{
	struct station_rec s, old;
	enum gw_status st = parse_row(gw, r, &s, err);
	if (st != GW_OK)
		return st;
	/* A form edits by id (the name may change); import matches by name. */
	st = fetch(gw, r->id ? Q_STATION_BY_ID : Q_STATION_BY_NAME, r->id ? r->id : s.name, &old, err);
	if (st != GW_OK && st != GW_ENOTFOUND)
		return st;
	char now[20];
	clock_now(now);
	struct strbuf nj = STRBUF_INIT, oj = STRBUF_INIT;
	if (st == GW_ENOTFOUND) {
		if (r->id)
			return gw_fail(err, GW_ENOTFOUND, "该驿站已被删除", "this station has been deleted");
		id_new(s.id);
		sqlite3_stmt *q = db_stmt(gw->db, Q_STATION_INSERT, err);
		if (!q)
			return GW_EDB;
		db_bind_text(q, 1, s.id);
		bind_fields(q, &s);
		db_bind_text(q, 10, gw->office);
		db_bind_text(q, 11, now);
		if ((st = db_step_done(gw->db, q, err)) != GW_OK)
			return st;
		to_json(&s, &nj);
		st = audit_record(gw, "station", s.id, "insert", NULL, sb_str(&nj), err);
		sb_free(&nj);
		*res = UPSERT_INSERTED;
		return st;
	}
	if (r->id && r->version && r->version != old.version)
		return gw_fail(err, GW_ECONFLICT, "驿站“%s”在您打开后已被他人修改",
			       "station '%s' was changed by someone else since you opened it", old.name);
	keep_absent(r, &s, &old);
	if (same_rec(&old, &s)) {
		*res = UPSERT_UNCHANGED;
		return GW_OK;
	}
	if (strcmp(old.name, s.name) != 0) {
		struct station_rec other;
		st = fetch(gw, Q_STATION_BY_NAME, s.name, &other, err);
		if (st == GW_OK) {
			gw_fail(err, GW_EINVAL, "已有名为“%s”的驿站", "there is already a station named '%s'", s.name);
			return import_col_fail(err, r, STATION_C_NAME);
		}
		if (st != GW_ENOTFOUND)
			return st;
	}
	sqlite3_stmt *q = db_stmt(gw->db, Q_STATION_UPDATE, err);
	if (!q)
		return GW_EDB;
	db_bind_text(q, 1, old.id);
	bind_fields(q, &s);
	db_bind_text(q, 10, now);
	if ((st = db_step_done(gw->db, q, err)) != GW_OK)
		return st;
	to_json(&old, &oj);
	to_json(&s, &nj);
	st = audit_record(gw, "station", old.id, "update", sb_str(&oj), sb_str(&nj), err);
	sb_free(&oj);
	sb_free(&nj);
	*res = UPSERT_UPDATED;
	return st;
}

static enum gw_status station_export(struct gw *gw, struct csv_writer *w, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_STATION_EXPORT, err);
	if (!st)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char services[256], lon[32] = "", lat[32] = "";
		const char *f[STATION_NCOLS];
		list_zh(EN_SERVICE, (const char *)sqlite3_column_text(st, 4), services, sizeof services);
		if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
			snprintf(lon, sizeof lon, "%.6f", sqlite3_column_double(st, 6));
			snprintf(lat, sizeof lat, "%.6f", sqlite3_column_double(st, 7));
		}
		for (int i = 0; i < STATION_NCOLS; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		f[STATION_C_SERVICES] = services;
		f[STATION_C_LON] = lon;
		f[STATION_C_LAT] = lat;
		if (csv_write_row(w, f, STATION_NCOLS, err) != 0) {
			sqlite3_reset(st);
			return GW_EIO;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "export");
}

const struct import_kind_ops station_ops = {
	"stations", "暖心驿站", station_cols, STATION_NCOLS, station_row, station_export,
};

enum gw_status station_delete(struct gw *gw, const char *id, struct gw_err *err)
{
	struct station_rec s;
	enum gw_status st = station_by_id(gw, id, &s, err);
	if (st != GW_OK)
		return st;
	if ((st = db_begin(gw->db, err)) != GW_OK)
		return st;
	sqlite3_stmt *q = db_stmt(gw->db, Q_STATION_HARD_DELETE, err);
	if (!q) {
		db_rollback(gw->db);
		return err ? err->code : GW_EDB;
	}
	db_bind_text(q, 1, id);
	st = db_step_done(gw->db, q, err);
	if (st == GW_OK) {
		struct strbuf oj = STRBUF_INIT;
		to_json(&s, &oj);
		st = audit_record(gw, "station", id, "delete", sb_str(&oj), NULL, err);
		sb_free(&oj);
	}
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}
