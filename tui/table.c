/* table.c - the table widget (see table.h). */
#include "table.h"

#include <stdio.h>
#include <string.h>

#include "status.h"

void table_init(struct table *t, const struct table_col *cols, int ncols, void *ctx)
{
	memset(t, 0, sizeof *t);
	t->cols = cols;
	t->ncols = ncols > TABLE_MAX_COLS ? TABLE_MAX_COLS : ncols;
	t->ctx = ctx;
	t->sel = -1;
	t->page = 1;
	t->sort_col = -1;
}

/* Keeps top so that sel is within the page of the last draw. */
static void scroll_to_sel(struct table *t)
{
	int page = t->page > 0 ? t->page : 1;
	if (t->sel < 0) {
		t->top = 0;
		return;
	}
	if (t->sel < t->top)
		t->top = t->sel;
	if (t->sel >= t->top + page)
		t->top = t->sel - page + 1;
	if (t->top > t->nrows - page)
		t->top = t->nrows - page;
	if (t->top < 0)
		t->top = 0;
}

void table_set_rows(struct table *t, int nrows)
{
	t->nrows = nrows < 0 ? 0 : nrows;
	if (t->nrows == 0)
		t->sel = -1;
	else if (t->sel < 0)
		t->sel = 0;
	else if (t->sel >= t->nrows)
		t->sel = t->nrows - 1;
	scroll_to_sel(t);
}

void table_select(struct table *t, int row)
{
	if (t->nrows == 0)
		return;
	if (row < 0)
		row = 0;
	if (row >= t->nrows)
		row = t->nrows - 1;
	t->sel = row;
	scroll_to_sel(t);
}

/* Values differ in width by language (县 / county), so may the minimum. */
static int col_min(const struct table_col *c)
{
	return gw_lang() == GW_LANG_EN && c->min_en ? c->min_en : c->min;
}

int table_layout(const struct table *t, int width, int *widths)
{
	int n = 0, used = 0, grow = 0;
	for (int i = 0; i < t->ncols; i++) {
		int need = col_min(&t->cols[i]) + (i > 0);
		if (used + need > width)
			break;
		widths[i] = col_min(&t->cols[i]);
		used += need;
		grow += t->cols[i].grow;
		n++;
	}
	if (n == 0) {
		if (t->ncols == 0 || width <= 0)
			return 0;
		widths[0] = width;
		return 1;
	}
	int spare = width - used, given = 0, first = -1;
	for (int i = 0; i < n && grow > 0; i++) {
		if (!t->cols[i].grow)
			continue;
		int add = spare * t->cols[i].grow / grow;
		widths[i] += add;
		given += add;
		if (first < 0)
			first = i;
	}
	if (first >= 0)
		widths[first] += spare - given;
	return n;
}

/* One line: each cell cropped to its column, separators between. */
static void draw_line(WINDOW *w, const struct table *t, int row, int y, int x, int n,
		      const int *widths, attr_t attr)
{
	char buf[1024];
	int cx = x;
	for (int i = 0; i < n; i++) {
		if (i > 0) {
			wattrset(w, attr);
			mvwadd_wch(w, y, cx, WACS_VLINE);
			wattrset(w, A_NORMAL);
			cx++;
		}
		const char *text = "";
		enum ui_align al = t->cols[i].align;
		if (row < 0) {
			text = ui_s(t->cols[i].title);
			if (i == t->sort_col) {
				snprintf(buf, sizeof buf, "%s%s", text, t->sort_desc ? "v" : "^");
				text = buf;
			}
		} else if (row < t->nrows && (t->cols[i].cell || t->cols[i].cell_arg)) {
			buf[0] = 0;
			if (t->cols[i].cell)
				t->cols[i].cell(t->ctx, row, buf, sizeof buf);
			else
				t->cols[i].cell_arg(t->ctx, row, t->cols[i].arg, buf, sizeof buf);
			text = buf;
		}
		ui_text(w, y, cx, widths[i], text, attr, al);
		cx += widths[i];
	}
}

void table_draw(WINDOW *w, struct table *t, int y, int x, int h, int width)
{
	int widths[TABLE_MAX_COLS];
	if (h <= 0 || width <= 0)
		return;
	int n = table_layout(t, width, widths);
	ui_clear(w, y, x, h, width);
	draw_line(w, t, -1, y, x, n, widths, A_BOLD);
	t->page = h - 1 > 0 ? h - 1 : 1;
	scroll_to_sel(t);
	for (int i = 0; i < h - 1; i++) {
		int row = t->top + i;
		if (row >= t->nrows) {
			/* Separators run on down the empty lines: the table's
			 * shape does not depend on how many rows it has. */
			draw_line(w, t, t->nrows, y + 1 + i, x, n, widths, A_NORMAL);
			continue;
		}
		attr_t extra = t->row_attr ? t->row_attr(t->ctx, row) : A_NORMAL;
		draw_line(w, t, row, y + 1 + i, x, n, widths, (row == t->sel ? A_REVERSE : A_NORMAL) | extra);
	}
}

int table_on_action(struct table *t, enum action a)
{
	int sel = t->sel, top = t->top;
	int page = t->page > 1 ? t->page - 1 : 1;   /* keep one row of context */
	switch (a) {
	case ACT_UP:
		table_select(t, t->sel - 1);
		break;
	case ACT_DOWN:
		table_select(t, t->sel + 1);
		break;
	case ACT_PAGE_UP:
		table_select(t, t->sel - page);
		break;
	case ACT_PAGE_DOWN:
		table_select(t, t->sel + page);
		break;
	case ACT_TOP:
		table_select(t, 0);
		break;
	case ACT_BOTTOM:
		table_select(t, t->nrows - 1);
		break;
	default:
		return -1;
	}
	return t->sel != sel || t->top != top;
}
