/* gridtree.h - the grid tree as a narrow pane: county -> townships and
 * parks -> grids, folded and unfolded, one node selected.  The list
 * screens show it on the left and keep to the selected node and what lies
 * under it.  The tree comes whole from core list_grid_tree() (a county has at
 * most a few thousand nodes). */
#ifndef GW_GRIDTREE_H
#define GW_GRIDTREE_H

#include <curses.h>

#include "grid.h"
#include "table.h"

struct gridtree {
	struct grid_node *nodes;
	int n;
	int *parent;            /* index of the parent node, -1 at the top */
	int *kids;              /* number of direct children */
	unsigned char *folded;
	int *vis;               /* visible node indices, in order */
	int nvis;
	struct table table;     /* one column: the indented names */
};

/* Loads the tree (replacing what t held), keeping the node with id keep
 * selected when it is still there (NULL: the first).  Big trees start
 * folded below the townships.  GW_OK, or a status with err filled. */
enum gw_status gridtree_load(struct gridtree *t, struct gw *gw, const char *keep,
			     struct gw_err *err);
void gridtree_free(struct gridtree *t);

/* The selected node, or NULL when the tree is empty. */
const struct grid_node *gridtree_selected(const struct gridtree *t);

/* The id to restrict a list to: the selected node's, or NULL when that is
 * the only root (everything is under it). */
const char *gridtree_filter_id(const struct gridtree *t);

/* Selects the node with id (unfolding its ancestors); 0 when there is none. */
int gridtree_select_id(struct gridtree *t, const char *id);

/* Moves, folds or unfolds for a; returns 2 when the selected node changed,
 * 1 when only the view did, 0 for nothing, -1 when a is not the tree's. */
int gridtree_action(struct gridtree *t, enum action a);

/* Draws the tree at (y, x), h lines of `width` columns; focused shows the
 * selection reversed, else bold. */
void gridtree_draw(WINDOW *w, struct gridtree *t, int y, int x, int h, int width, int focused);
/* The tree as a screen's left pane of a sixth of cols (14 to 26 columns)
 * with its dividing line; returns the pane's width without the line. */
int gridtree_draw_pane(WINDOW *w, struct gridtree *t, int y, int x, int h, int cols, int focused);

#endif
