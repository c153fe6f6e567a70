/* bars.h - horizontal bar charts in the terminal: a list of lines, each a
 * section heading, a note, or a bar (label, bar, figure), scrolled and
 * with one bar selected.
 *
 * Bars are drawn with '#', which is one column in every terminal (block
 * elements are ambiguous width in Chinese locales); the label column and
 * the figure column are measured in display columns with core/width.h, so
 * every bar of a chart starts and ends at the same column.
 */
#ifndef GW_BARS_H
#define GW_BARS_H

#include <curses.h>

#include "actions.h"

enum bar_kind { BAR_HEAD, BAR_NOTE, BAR_BAR };

struct bar_line {
	enum bar_kind kind;
	char label[200];
	char value[96];         /* the figure, right-aligned after the bar */
	double frac;            /* 0..1: the share of the bar's width filled */
	int tag, arg;           /* what the bar stands for (the screen's own) */
};

struct bars {
	struct bar_line *l;
	int n, cap;
	int sel;                /* the selected line (a bar), -1 when none */
	int top;                /* first line shown */
	int page;               /* lines shown at the last draw */
};

/* Empties the chart, keeping its memory and nothing else. */
void bars_clear(struct bars *b);
void bars_free(struct bars *b);

/* Adds a line (texts copied); NULL when out of memory. */
struct bar_line *bars_add(struct bars *b, enum bar_kind kind, const char *label,
			  const char *value, double frac, int tag, int arg);

/* Selects the bar with tag and arg, else the first bar (-1: none). */
void bars_select(struct bars *b, int tag, int arg);

/* The selected bar, or NULL. */
const struct bar_line *bars_selected(const struct bars *b);

/* Moves the selection from bar to bar for a movement action: 1 when it
 * changed, 0 when it could not move, -1 when a is not a movement. */
int bars_action(struct bars *b, enum action a);

/* Draws the lines that fit in h lines of cols columns at (y, x).  The
 * selected bar's label is reversed when focused, else bold. */
void bars_draw(WINDOW *w, struct bars *b, int y, int x, int h, int cols, int focused);

#endif
