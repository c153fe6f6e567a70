/* gw.c - opening the context: database, office, operator, departments. */
#include "gw.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "id.h"
#include "search.h"
#include "sync.h"

int gw_db_exists(const char *path)
{
	struct stat st;
	return path && stat(path, &st) == 0;
}

static void os_user(char *out, size_t outsz)
{
	const struct passwd *pw = getpwuid(geteuid());
	const char *u = pw ? pw->pw_name : getenv("USER");
	snprintf(out, outsz, "%s", u && *u ? u : "unknown");
}

enum gw_status gw_meta_get(struct gw *gw, const char *key, char *out, size_t outsz,
			   struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_META_GET, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		db_col_text(st, 0, out, outsz);
	else if (outsz)
		out[0] = '\0';
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, "meta");
}

enum gw_status gw_meta_set(struct gw *gw, const char *key, const char *value,
			   struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_META_SET, err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return db_step_done(gw->db, st, err);
}

/* A short fingerprint of the configured departments, so that opening the
 * database only writes when the configuration changed. */
static void dept_fingerprint(const struct config *cfg, char out[17])
{
	unsigned long long h = 1469598103934665603ULL;
	for (int i = 0; i < cfg->ndepts; i++) {
		for (const char *p = cfg->depts[i].name; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		h = (h ^ (unsigned)(cfg->depts[i].new_employment + 1)) * 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", h);
}

/* Marks deleted the departments the configuration no longer lists: tickets
 * keep naming them, but they can no longer be chosen and `check` flags open
 * tickets still sent to them. */
static enum gw_status retire_departments(struct gw *gw, const char *now, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_DEPT_LIST, err);
	if (!q)
		return err ? err->code : GW_EDB;
	char (*gone)[96] = NULL;
	size_t n = 0, cap = 0;
	int rc;
	enum gw_status st = GW_OK;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(q, 0);
		if (!name || config_dept_index(&gw->cfg, name) >= 0)
			continue;
		if (n == cap) {
			void *nb = realloc(gone, (cap = cap ? cap * 2 : 8) * sizeof *gone);
			if (!nb) {
				st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
				break;
			}
			gone = nb;
		}
		snprintf(gone[n++], sizeof gone[0], "%s", name);
	}
	if (st == GW_OK && rc != SQLITE_DONE)
		st = db_fail(gw->db, err, "departments");
	sqlite3_reset(q);
	for (size_t i = 0; st == GW_OK && i < n; i++) {
		if (!(q = db_stmt(gw->db, Q_DEPT_RETIRE, err))) {
			st = err ? err->code : GW_EDB;
			break;
		}
		db_bind_text(q, 1, gone[i]);
		db_bind_text(q, 2, now);
		st = db_step_done(gw->db, q, err);
	}
	free(gone);
	return st;
}

static enum gw_status sync_departments(struct gw *gw, struct gw_err *err)
{
	char want[17], have[33];
	dept_fingerprint(&gw->cfg, want);
	enum gw_status st = gw_meta_get(gw, "departments", have, sizeof have, err);
	if (st != GW_OK || strcmp(want, have) == 0)
		return st;
	if ((st = db_begin(gw->db, err)) != GW_OK)
		return st;
	char now[20];
	clock_now(now);
	for (int i = 0; st == GW_OK && i < gw->cfg.ndepts; i++) {
		sqlite3_stmt *q = db_stmt(gw->db, Q_DEPT_UPSERT, err);
		if (!q) {
			st = err ? err->code : GW_EDB;
			break;
		}
		char id[GW_ID_LEN + 1];
		id_new(id);
		db_bind_text(q, 1, id);
		db_bind_text(q, 2, gw->cfg.depts[i].name);
		sqlite3_bind_int(q, 3, gw->cfg.depts[i].new_employment);
		db_bind_text(q, 4, gw->office);
		db_bind_text(q, 5, now);
		st = db_step_done(gw->db, q, err);
	}
	if (st == GW_OK)
		st = retire_departments(gw, now, err);
	if (st == GW_OK)
		st = gw_meta_set(gw, "departments", want, err);
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}

/* Sets the office of a database that has none yet (a new file). */
static enum gw_status claim_office(struct gw *gw, const char *office, struct gw_err *err)
{
	char have[sizeof gw->office];
	enum gw_status st = gw_meta_get(gw, "office", have, sizeof have, err);
	if (st != GW_OK)
		return st;
	if (have[0]) {
		snprintf(gw->office, sizeof gw->office, "%s", have);
		return GW_OK;
	}
	snprintf(gw->office, sizeof gw->office, "%s", office);
	char now[20];
	clock_now(now);
	if ((st = db_begin(gw->db, err)) != GW_OK)
		return st;
	st = gw_meta_set(gw, "office", gw->office, err);
	if (st == GW_OK)
		st = gw_meta_set(gw, "created_at", now, err);
	if (st == GW_OK) {
		sqlite3_stmt *q = db_stmt(gw->db, Q_OFFICE_UPSERT, err);
		if (!q)
			st = GW_EDB;
		else {
			db_bind_text(q, 1, gw->office);
			db_bind_text(q, 2, strcmp(office, gw->cfg.office_code) == 0 ? gw->cfg.office_name : office);
			db_bind_text(q, 3, now);
			st = db_step_done(gw->db, q, err);
		}
	}
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}

struct gw *gw_open(const struct config *cfg, const char *path, int create,
		   const char *office, struct gw_err *err)
{
	struct gw *gw = calloc(1, sizeof *gw);
	if (!gw) {
		gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		return NULL;
	}
	gw->cfg = *cfg;
	if (!path)
		path = cfg->db_path;
	if (create) {
		/* Records of a county office are not for other users of the PC. */
		char dir[PATH_MAX];
		snprintf(dir, sizeof dir, "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash && slash != dir) {
			*slash = '\0';
			struct stat sb;
			if (stat(dir, &sb) != 0) {
				gw_fail(err, GW_EIO, "目录 %s 不存在", "directory %s does not exist", dir);
				free(gw);
				return NULL;
			}
		}
	}
	mode_t old = umask(077);
	gw->db = db_open(path, create, err);
	umask(old);
	if (!gw->db) {
		free(gw);
		return NULL;
	}
	if (cfg->operator_name[0])
		snprintf(gw->operator_name, sizeof gw->operator_name, "%s", cfg->operator_name);
	else
		os_user(gw->operator_name, sizeof gw->operator_name);
	if (claim_office(gw, office && *office ? office : cfg->office_code, err) != GW_OK ||
	    sync_departments(gw, err) != GW_OK) {
		gw_close(gw);
		return NULL;
	}
	/* Derived data and the exchange log are written by commit hooks: the
	 * search index first, then the capture of everything committed. */
	search_attach(gw);
	if (sync_attach(gw, err) != GW_OK) {
		gw_close(gw);
		return NULL;
	}
	return gw;
}

void gw_close(struct gw *gw)
{
	if (!gw)
		return;
	sync_detach(gw);
	db_close(gw->db);
	free(gw);
}

enum gw_status audit_record(struct gw *gw, const char *tbl, const char *record_id,
			    const char *action, const char *old_json, const char *new_json,
			    struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_AUDIT_INSERT, err);
	if (!st)
		return err ? err->code : GW_EDB;
	char id[GW_ID_LEN + 1], now[20];
	id_new(id);
	clock_now(now);
	db_bind_text(st, 1, id);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, gw->operator_name);
	db_bind_text(st, 4, gw->office);
	db_bind_text(st, 5, tbl);
	db_bind_text(st, 6, record_id);
	db_bind_text(st, 7, action);
	db_bind_text_null(st, 8, old_json);
	db_bind_text_null(st, 9, new_json);
	return db_step_done(gw->db, st, err);
}
