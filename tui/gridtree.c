/* gridtree.c - the grid tree pane (see gridtree.h). */
#include "gridtree.h"

#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Trees up to this many nodes start unfolded. */
#define UNFOLDED_MAX 60

static const struct grid_node *row_node(const struct gridtree *t, int row, int *idx)
{
	if (row < 0 || row >= t->nvis)
		return NULL;
	if (idx)
		*idx = t->vis[row];
	return &t->nodes[t->vis[row]];
}

static void cell_name(void *ctx, int row, char *buf, size_t sz)
{
	struct gridtree *t = ctx;
	int i;
	const struct grid_node *g = row_node(t, row, &i);
	if (!g)
		return;
	/* ASCII fold markers: an arrow would be ambiguous width. */
	const char *mark = t->kids[i] ? (t->folded[i] ? "+" : "-") : " ";
	snprintf(buf, sz, "%*s%s%s", g->depth, "", mark, g->g.name);
}

static const struct table_col columns[] = {
	{S_COL_GRID_TREE, 4, 0, 1, UI_LEFT, cell_name, NULL, 0},
};

static void rebuild(struct gridtree *t, int keep)
{
	t->nvis = 0;
	for (int i = 0; i < t->n; i++) {
		int shown = 1;
		for (int p = t->parent[i]; p >= 0; p = t->parent[p])
			if (t->folded[p]) {
				shown = 0;
				break;
			}
		if (shown)
			t->vis[t->nvis++] = i;
	}
	table_set_rows(&t->table, t->nvis);
	for (int r = 0; keep >= 0 && r < t->nvis; r++)
		if (t->vis[r] == keep) {
			table_select(&t->table, r);
			break;
		}
}

void gridtree_free(struct gridtree *t)
{
	free(t->nodes);
	free(t->parent);
	free(t->kids);
	free(t->folded);
	free(t->vis);
	memset(t, 0, sizeof *t);
}

enum gw_status gridtree_load(struct gridtree *t, struct gw *gw, const char *keep,
			     struct gw_err *err)
{
	char keep_id[GW_ID_LEN + 1] = "";
	if (keep)
		snprintf(keep_id, sizeof keep_id, "%s", keep);
	gridtree_free(t);
	table_init(&t->table, columns, 1, t);
	enum gw_status st = list_grid_tree(gw, &t->nodes, &t->n, err);
	if (st != GW_OK) {
		t->n = 0;
		return st;
	}
	size_t n = (size_t)(t->n ? t->n : 1);
	t->parent = calloc(n, sizeof *t->parent);
	t->kids = calloc(n, sizeof *t->kids);
	t->folded = calloc(n, sizeof *t->folded);
	t->vis = calloc(n, sizeof *t->vis);
	if (!t->parent || !t->kids || !t->folded || !t->vis) {
		gridtree_free(t);
		table_init(&t->table, columns, 1, t);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	int stack[64];
	for (int i = 0; i < t->n; i++) {
		int d = t->nodes[i].depth;
		d = d < 0 ? 0 : d > 63 ? 63 : d;
		t->parent[i] = d > 0 ? stack[d - 1] : -1;
		stack[d] = i;
		if (t->parent[i] >= 0)
			t->kids[t->parent[i]]++;
	}
	if (t->n > UNFOLDED_MAX)
		for (int i = 0; i < t->n; i++)
			t->folded[i] = t->nodes[i].depth >= 1 && t->kids[i];
	rebuild(t, -1);
	if (keep_id[0])
		gridtree_select_id(t, keep_id);
	return GW_OK;
}

const struct grid_node *gridtree_selected(const struct gridtree *t)
{
	return row_node(t, t->table.sel, NULL);
}

const char *gridtree_filter_id(const struct gridtree *t)
{
	int i, roots = 0;
	const struct grid_node *g = row_node(t, t->table.sel, &i);
	if (!g)
		return NULL;
	for (int k = 0; k < t->n && roots < 2; k++)
		roots += t->parent[k] < 0;
	return t->parent[i] < 0 && roots == 1 ? NULL : g->g.id;
}

int gridtree_select_id(struct gridtree *t, const char *id)
{
	for (int i = 0; i < t->n; i++) {
		if (strcmp(t->nodes[i].g.id, id) != 0)
			continue;
		for (int p = t->parent[i]; p >= 0; p = t->parent[p])
			t->folded[p] = 0;
		rebuild(t, i);
		return 1;
	}
	return 0;
}

static int set_fold(struct gridtree *t, int i, int fold)
{
	if (!t->kids[i] || t->folded[i] == fold)
		return 0;
	t->folded[i] = (unsigned char)fold;
	rebuild(t, i);
	return 1;
}

int gridtree_action(struct gridtree *t, enum action a)
{
	int before = t->table.sel;
	int r = table_on_action(&t->table, a);
	if (r >= 0)
		return t->table.sel != before ? 2 : r;
	int i;
	const struct grid_node *g = row_node(t, t->table.sel, &i);
	if (!g)
		return a == ACT_OPEN || a == ACT_EXPAND || a == ACT_COLLAPSE ? 0 : -1;
	switch (a) {
	case ACT_OPEN:
		return set_fold(t, i, !t->folded[i]);
	case ACT_EXPAND:
		return set_fold(t, i, 0);
	case ACT_COLLAPSE:
		if (set_fold(t, i, 1))
			return 1;
		for (int v = 0; t->parent[i] >= 0 && v < t->nvis; v++)
			if (t->vis[v] == t->parent[i]) {
				table_select(&t->table, v);
				return 2;
			}
		return 0;
	default:
		return -1;
	}
}

void gridtree_draw(WINDOW *w, struct gridtree *t, int y, int x, int h, int width, int focused)
{
	table_draw(w, &t->table, y, x, h, width);
	/* Unfocused, the selection gives the reverse bar to the table but
	 * still stands out, in bold. */
	int sel = t->table.sel;
	if (!focused && sel >= t->table.top && sel < t->table.top + h - 1) {
		char buf[512];
		cell_name(t, sel, buf, sizeof buf);
		ui_text(w, y + 1 + sel - t->table.top, x, width, buf, A_BOLD, UI_LEFT);
	}
}

int gridtree_draw_pane(WINDOW *w, struct gridtree *t, int y, int x, int h, int cols, int focused)
{
	int tw = cols / 6;
	tw = tw < 14 ? 14 : tw > 26 ? 26 : tw;
	gridtree_draw(w, t, y, x, h, tw, focused);
	mvwvline_set(w, y, x + tw, WACS_VLINE, h);
	return tw;
}
