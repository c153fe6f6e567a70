/* gw.h - the context every core call takes: the open database, the loaded
 * configuration, this office and the operator (STYLE.md point 10). */
#ifndef GW_GW_H
#define GW_GW_H

#include "config.h"
#include "db.h"
#include "status.h"

struct sync;
struct import_run;

struct gw {
	struct db *db;
	struct sync *sync;      /* change capture for office exchange (core/sync.c) */
	struct config cfg;
	char office[17];        /* the office this database belongs to */
	char operator_name[65]; /* recorded in the audit log */
	struct import_run *import; /* the file import_files is importing, else NULL */
};

/* Opens (create: creates) the database at path (NULL: cfg->db_path) with a
 * copy of cfg.  A new database takes its office from office (NULL: from the
 * configuration); an existing one keeps the office it was initialised with.
 * Configured departments are brought into the database.  Returns NULL with
 * err filled on failure; free with gw_close. */
struct gw *gw_open(const struct config *cfg, const char *path, int create,
		   const char *office, struct gw_err *err);
void gw_close(struct gw *gw);

/* Whether a database file exists at path. */
int gw_db_exists(const char *path);

/* Records one write in the audit log: table, record id, action ("insert",
 * "update", "delete", "import", ...) and JSON of old and new values (either
 * may be NULL).  Part of the caller's transaction. */
enum gw_status audit_record(struct gw *gw, const char *tbl, const char *record_id,
			    const char *action, const char *old_json, const char *new_json,
			    struct gw_err *err);

/* A meta value by key into out ("" when absent). */
enum gw_status gw_meta_get(struct gw *gw, const char *key, char *out, size_t outsz,
			   struct gw_err *err);
enum gw_status gw_meta_set(struct gw *gw, const char *key, const char *value,
			   struct gw_err *err);

#endif
