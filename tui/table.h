/* table.h - the table widget: columns declared as data, widths in display
 * columns (STYLE.md point 6).
 *
 * A pane declares its columns ({title, min width, grow share, align, cell
 * getter}) and its row count; the table asks for the cells of the visible
 * rows only, crops each to its column at a character boundary with the '>'
 * marker, and puts the column separators at the same display column on
 * every line.  The pane never draws rows itself.
 */
#ifndef GW_TABLE_H
#define GW_TABLE_H

#include <stddef.h>

#include <curses.h>

#include "actions.h"
#include "ui.h"

#define TABLE_MAX_COLS 16

struct table_col {
	enum ui_str title;
	int min;                /* display columns, at least the title's width */
	int min_en;             /* the same for English, when it differs (0: min) */
	int grow;               /* share of the spare width; 0 keeps min */
	enum ui_align align;
	/* Writes the text of row's cell into buf (size sz, UTF-8). */
	void (*cell)(void *ctx, int row, char *buf, size_t sz);
	/* Or, for tables whose columns are data too: the same with the
	 * column's arg (used when cell is NULL). */
	void (*cell_arg)(void *ctx, int row, int arg, char *buf, size_t sz);
	int arg;
};

struct table {
	const struct table_col *cols;
	int ncols;
	void *ctx;              /* passed to the cell getters */
	int nrows;
	int sel;                /* selected row, -1 when there are none */
	int top;                /* first row shown */
	int page;               /* rows shown at the last draw (PgUp/PgDn step) */
	int sort_col;           /* column whose title shows the sort mark, -1 none */
	int sort_desc;
	/* Extra attribute of a row (A_BOLD for an overdue ticket); may be NULL. */
	attr_t (*row_attr)(void *ctx, int row);
};

/* Sets up t over cols (static, owned by the caller) with no rows. */
void table_init(struct table *t, const struct table_col *cols, int ncols, void *ctx);

/* Sets the number of rows, keeping the selection within them. */
void table_set_rows(struct table *t, int nrows);

/* Selects row (clamped) and scrolls so that it shows. */
void table_select(struct table *t, int row);

/* Column widths for a table `width` columns wide: fills widths[] and
 * returns how many columns show (trailing columns are left out when even
 * their minimum widths do not fit; the first one is then cut to width).
 * Columns are separated by one line-drawing column. */
int table_layout(const struct table *t, int width, int *widths);

/* Draws the header line and as many rows as fit in h - 1 lines at (y, x),
 * `width` columns wide.  The selected row is shown reversed; the sort
 * column's title ends in '^' (ascending) or 'v' (descending), ASCII so
 * that it is one column in every terminal. */
void table_draw(WINDOW *w, struct table *t, int y, int x, int h, int width);

/* Moves the selection for a movement action.  Returns 1 if the selection
 * or scroll changed, 0 for a movement that changed nothing, -1 when a is
 * not a movement. */
int table_on_action(struct table *t, enum action a);

#endif
