/* app.h - the state of the running interface and the hook table every
 * screen supplies (STYLE.md points 3, 5 and 10).
 *
 * Screens never call doupdate() and never draw outside their draw hook:
 * handlers return what changed (CH_* bits) and the loop in app.c draws.
 */
#ifndef GW_APP_H
#define GW_APP_H

#include <stdio.h>

#include <curses.h>

#include "actions.h"
#include "gw.h"
#include "ui.h"

/* The screens, in menu order. */
enum scr {
	SCR_GRIDS,
	SCR_INSTRUCTORS,
	SCR_TICKETS,
	SCR_ORGS,
	SCR_WORKERS,
	SCR_STATIONS,
	SCR_REPORTS,
	SCR_COUNT
};

/* What a handler changed, so the loop redraws just that. */
enum {
	CH_NONE = 0,
	CH_BODY = 1,       /* the screen's own area */
	CH_BARS = 2,       /* hint bar and status line */
	CH_MENU = 4,       /* the menu bar */
	CH_ALL = 7,
	CH_UNHANDLED = 0x100,  /* not this handler's action: pass it on */
};

/* The smallest terminal the layout is drawn for. */
#define APP_MIN_COLS 80
#define APP_MIN_ROWS 24

struct app {
	struct gw *gw;
	const char *db_path;
	enum scr cur;
	void *state[SCR_COUNT];    /* each screen's own, from its open hook */
	int opened[SCR_COUNT];
	int help, help_top;        /* the help overlay is up; its scroll */
	int quit;
	char msg[512];             /* the status line message */
	int read_errors;           /* get_wch errors in a row */
	FILE *trace;               /* $GRIDWORK_TRACE, or NULL */
	unsigned long frame;
};

struct screen_ops {
	enum ui_str title;
	unsigned scope;            /* SC_* bits of the actions it answers */
	/* Loads the screen's data into a->state[screen]; GW_OK or a status
	 * with err filled (the screen then shows the message). */
	enum gw_status (*open)(struct app *a, struct gw_err *err);
	/* Frees a->state[screen]. */
	void (*close)(struct app *a);
	/* Handles a first; CH_* bits, or CH_UNHANDLED. */
	unsigned (*on_action)(struct app *a, enum action act);
	/* Draws the screen's whole area. */
	void (*draw)(struct app *a, WINDOW *w, int y, int x, int h, int cols);
};

extern const struct screen_ops screen_grids_ops;

/* Sets the status line message (printf-style); returns CH_BARS. */
unsigned app_msg(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
