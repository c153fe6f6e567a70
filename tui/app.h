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

struct app;

/* A modal layer above the screen: a form, a pick-list, a question, or the
 * filter being typed.  It gets every key first, as the raw key (text goes
 * into its fields); what it does not handle (CH_UNHANDLED) reaches only
 * the global help, redraw and quit.  It closes itself with app_pop. */
struct modal_ops {
	enum ui_str title;         /* for the help overlay */
	unsigned scope;            /* SC_* of its keys: hint bar, help, key lookup */
	unsigned (*on_key)(struct app *a, void *m, int key);
	/* Draws over the screen (rows x cols is the whole terminal); may set
	 * a->cursor_y / cursor_x to show the terminal's cursor.  NULL when the
	 * screen draws the modal's state itself (the filter line). */
	void (*draw)(struct app *a, void *m, int rows, int cols);
	void (*free)(void *m);
	/* Whether it holds input that quitting would throw away (may be NULL). */
	int (*dirty)(void *m);
	/* Throws that input away for good (its saved draft); may be NULL. */
	void (*discard)(struct app *a, void *m);
};

#define APP_MAX_MODALS 6

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
	struct {
		const struct modal_ops *ops;
		void *m;
	} modal[APP_MAX_MODALS];
	int nmodal;
	int cursor_y, cursor_x;    /* where a modal wants the cursor, -1: hidden */
	unsigned long data_gen;    /* bumped by every write: screens reload */
	unsigned long seen_gen[SCR_COUNT];   /* the data_gen each screen shows */
	char draft_dir[4096];      /* where form drafts are kept ("" none) */
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
	/* The scopes its keys mean right now (a table and its tree pane take
	 * Enter differently); NULL: scope. */
	unsigned (*scope_now)(struct app *a);
	/* Reads its data again after the database changed, keeping the
	 * clerk's place; NULL: nothing to reload. */
	void (*reload)(struct app *a);
};

extern const struct screen_ops screen_grids_ops;
/* Whether the grid screen's counts are still to come, which grids_step
 * reads between keys (giving way to any key); grids_step returns CH_*. */
int grids_busy(struct app *a);
unsigned grids_step(struct app *a);
extern const struct screen_ops screen_instructors_ops, screen_tickets_ops, screen_orgs_ops,
	screen_workers_ops, screen_stations_ops;

/* Puts a modal layer on top (it is owned from then on: freed by app_pop,
 * or at once when the stack is full).  Returns CH_ALL. */
unsigned app_push(struct app *a, const struct modal_ops *ops, void *m);
/* Closes the top modal layer (freeing it).  Returns CH_ALL. */
unsigned app_pop(struct app *a);
/* The top modal's state when it is of ops, else NULL. */
void *app_top(struct app *a, const struct modal_ops *ops);

/* Quits, asking first when a form holds unsaved input. */
unsigned app_quit(struct app *a);

/* Switches to screen s (opening it when needed); returns CH_* bits. */
unsigned app_show(struct app *a, enum scr s);

/* Notes that the database changed: screens reload what they show. */
void app_changed(struct app *a);


/* Sets the status line message (printf-style); returns CH_BARS. */
unsigned app_msg(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
