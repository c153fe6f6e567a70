/* cli.h - the subcommands: the same core, driven from scripts.
 * Exit status: 0 success, 1 refused input, 2 usage or configuration error. */
#ifndef GW_CLI_H
#define GW_CLI_H

#include "config.h"
#include "gw.h"

#define GRIDWORK_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };

/* What every subcommand gets: the loaded configuration and the global
 * options (NULL when not given). */
struct cli {
	struct config cfg;
	const char *db_path;     /* --db, else cfg.db_path */
	const char *prog;
};

/* A subcommand: argv[0] is its name. */
struct cli_command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *usage_zh, *usage_en;  /* one line: arguments */
	const char *help_zh, *help_en;    /* one line: what it does */
};

/* The subcommand called name, or NULL. */
const struct cli_command *cli_command_named(const char *name);

/* Prints "gridwork: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the error value and returns the exit status it maps to. */
int cli_fail(const struct gw_err *err);
/* Prints the usage of cmd on stderr (to stdout when to_stdout) and returns 2. */
int cli_usage(const struct cli_command *cmd, int to_stdout);
/* Whether argv holds --help / -h. */
int cli_wants_help(int argc, char **argv);
/* Opens the database for a subcommand (must exist); prints why not. */
struct gw *cli_open(struct cli *c, int *status);
/* The exit status for a core status. */
int cli_exit_for(enum gw_status st);

/* Subcommands, one per file group. */
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_demo(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_find(struct cli *c, int argc, char **argv);      /* cli_find.c */
int cmd_report(struct cli *c, int argc, char **argv);    /* cli_report.c */
int cmd_activity(struct cli *c, int argc, char **argv);  /* cli_report.c */
int cmd_coop(struct cli *c, int argc, char **argv);      /* cli_report.c */
int cmd_credit(struct cli *c, int argc, char **argv);    /* cli_report.c */
int cmd_sync(struct cli *c, int argc, char **argv);      /* cli_sync.c */
int cmd_ticket(struct cli *c, int argc, char **argv);    /* cli_ticket.c */

/* Opens the full-screen interface on the database. */
int tui_main(struct cli *c);

#endif
