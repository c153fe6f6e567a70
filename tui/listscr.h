/* listscr.h - the list screens (F3 instructors, F4 tickets, F5
 * organisations, F6 gig workers, F7 stations): the grid tree on the left
 * keeps the table to the selected node and everything under it; the table
 * is keyset-paged from SQLite (tui/pager.h), sorted by any column, filtered
 * as the clerk types; rows can be tagged for a bulk action; the detail of
 * the selected row shows on the right or below, by width.
 *
 * One engine, five panes: each tui/pane_*.c supplies its columns, its
 * detail, its bulk actions and an optional first look at every action
 * (the ticket desk's workflow keys), and ends in one const pane_ops.
 */
#ifndef GW_LISTSCR_H
#define GW_LISTSCR_H

#include "app.h"
#include "field.h"
#include "gridtree.h"
#include "import.h"
#include "list.h"
#include "pager.h"
#include "table.h"

/* How a column shows a stored cell. */
struct pane_col {
	enum ui_str title;
	int min, min_en, grow;     /* as struct table_col */
	enum ui_align align;
	int en;                    /* an enums.h value: shown by its label; -1 plain text */
	int list;                  /* the cell is a stored list 'a;b' of en */
	/* Or its own formatting (used when not NULL). */
	void (*fmt)(const struct list_row *r, int col, char *buf, size_t sz);
};

/* The detail pane's text: lines separated by '\n', the first in bold. */
#define DETAIL_MAX 8192
struct detail {
	char text[DETAIL_MAX];
	size_t len;
};

/* Appends one line (printf-style); too much text is cut. */
void detail_line(struct detail *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

struct listscr;

/* An action on every tagged row (the selected row when none is tagged). */
struct bulk_op {
	enum ui_str label;
	/* Applies to the n records ids, all or none; GW_OK or err filled. */
	enum gw_status (*run)(struct app *a, const char *const *ids, int n, struct gw_err *err);
};

struct pane_ops {
	enum import_kind kind;
	enum scr scr;
	enum ui_str title;
	const struct pane_col *cols;   /* list_ncols(kind) of them */
	int default_sort;
	/* Fills the detail of row r (d is empty). */
	void (*detail)(struct app *a, const struct list_row *r, struct detail *d);
	/* Deletes a record (softly where referenced); NULL: not deletable here. */
	enum gw_status (*del)(struct gw *gw, const char *id, struct gw_err *err);
	const struct bulk_op *bulk;
	int nbulk;
	/* SC_* bits of the pane's own actions (the ticket desk's), added to
	 * the screen's while the table has the focus. */
	unsigned scope;
	/* Sees every action first; CH_UNHANDLED passes it on.  May be NULL. */
	unsigned (*on_action)(struct app *a, struct listscr *s, enum action act);
	/* Extra attribute of a row (an overdue ticket in bold); may be NULL. */
	attr_t (*row_attr)(const struct list_row *r);
};

extern const struct pane_ops pane_instructors, pane_tickets, pane_orgs, pane_workers,
	pane_stations;

#define LIST_MAX_TAGS 10000

struct listscr {
	const struct pane_ops *pane;
	struct gridtree tree;
	int tree_focus;
	struct pager pager;
	struct table table;
	struct table_col cols[TABLE_MAX_COLS];
	int sort, desc;
	char grid_id[GW_ID_LEN + 1];   /* the tree node the table keeps to, "" all */
	char query[256];               /* the filter as typed */
	char *ids;                     /* its hits as JSON (list_filter), NULL: none */
	int nids, more;
	struct field filter;           /* the filter being typed */
	int filtering;
	char (*tags)[GW_ID_LEN + 1];   /* ids of the tagged rows */
	int ntags, tagcap;
	struct detail detail;
	char detail_id[GW_ID_LEN + 1];
	int detail_version;
	int pending;                   /* LIST_PEND_*: a read still to finish */
	enum action pend_act;          /* the move of LIST_PEND_MOVE */
};

/* A read of pages that did not fit in its key's frame (see listscr.c). */
enum { LIST_PEND_NONE, LIST_PEND_REQUERY, LIST_PEND_RELOAD, LIST_PEND_MOVE };

/* The selected row, or NULL. */
const struct list_row *listscr_selected(struct listscr *s);

/* Reads the list again after a change, keeping the selection's place. */
void listscr_reload(struct app *a, struct listscr *s);

/* Whether the current screen is a list with a read still to finish, which
 * listscr_step does between keys (giving way to any key); listscr_step
 * returns CH_* bits. */
int listscr_busy(struct app *a);
unsigned listscr_step(struct app *a);

/* The list screen state of screen scr when it is open, else NULL. */
struct listscr *listscr_of(struct app *a, enum scr scr);

/* Shows screen scr with its table kept to the one record id and that
 * record selected, as a filter named label that Esc clears (the quick
 * lookup's jump to a record).  Returns CH_* bits. */
unsigned listscr_goto(struct app *a, enum scr scr, const char *id, const char *label);

#endif
