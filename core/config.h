/* config.h - the office's configuration, loaded once into struct config.
 *
 * Looked up in order: --config FILE, $GRIDWORK_CONFIG,
 * $XDG_CONFIG_HOME/gridwork/gridwork.cfg (or ~/.config/...),
 * /etc/gridwork/gridwork.cfg, then built-in defaults (the same values as
 * config/gridwork.cfg).  libconfig's typed look-ups fail silently, so every
 * key is checked here by name and type; a problem is reported as
 * "file:line: what is wrong". */
#ifndef GW_CONFIG_H
#define GW_CONFIG_H

#include <limits.h>
#include <stddef.h>

#include "status.h"
#include "enums.h"

#define CONFIG_MAX_DEPTS 64
#define CONFIG_MAX_DAYS 128
#define CONFIG_CATEGORIES 14

struct config_dept {
	char name[96];
	int new_employment;   /* one of the departments serving new-employment groups */
};

struct config {
	char source[PATH_MAX];          /* file loaded, or "" for built-in defaults */
	char office_code[17];
	char office_name[97];
	int office_number;
	char db_path[PATH_MAX];         /* "~" expanded */
	char operator_name[65];         /* "" means the OS user */
	struct config_dept depts[CONFIG_MAX_DEPTS];
	int ndepts;
	int limit_days[CONFIG_CATEGORIES];   /* by EN_CATEGORY index */
	int points[CONFIG_CATEGORIES];
	int daily_points_cap;
	int overdue_yellow, overdue_red;     /* working days past due */
	char holidays[CONFIG_MAX_DAYS][11];  /* YYYY-MM-DD, sorted */
	int nholidays;
	char workdays[CONFIG_MAX_DAYS][11];  /* make-up working days (调休) */
	int nworkdays;
	enum gw_lang lang;
	int colour;
};

/* Fills cfg with the built-in defaults. */
void config_defaults(struct config *cfg);

/* Loads the configuration: from path when given (it must exist), otherwise
 * the first file found in the search order, otherwise defaults.  Returns
 * GW_OK, or GW_ECONFIG with "file:line: problem" in err. */
enum gw_status config_load(struct config *cfg, const char *path, struct gw_err *err);

/* Parses configuration text (for tests and fuzzing); name is used in
 * messages. */
enum gw_status config_parse(struct config *cfg, const char *text, const char *name,
			    struct gw_err *err);

/* Whether dept names a configured department; returns its index or -1. */
int config_dept_index(const struct config *cfg, const char *dept);

/* The default database path ($XDG_DATA_HOME or ~/.local/share)/gridwork/gridwork.db. */
void config_default_db(char *out, size_t outsz);

#endif
