/* listscr_read.c - reading the list screens' pages (tui/listscr.h) in a
 * way that gives way (tui/giveway.h): the first page after a new sort,
 * node or filter, the window read again after a change, and the moves that
 * fetch the next rows.
 *
 * Paging in an order an index gives is a millisecond; in an order none
 * gives (a million tickets by title), every page is a sort of the whole
 * list.  A page that list_page_cost says is large is read between keys at
 * once; any other is tried within a frame's budget first.  What does not
 * fit waits in s->pending for the loop to do between keys (listscr_step):
 * the table shows "排序中..." meanwhile, a new sort, node or filter
 * replaces the waiting read, and moves wait until it is done. */
#include <string.h>

#include "giveway.h"
#include "listscr.h"
#include "listscr_int.h"

/* A page that reads more records than this (list_page_cost) is read
 * between keys at once, without a first try within the key's frame: ten
 * thousand rows take 10-30 ms. */
#define LIST_SYNC_MAX 10000

static void report(struct app *a, const struct gw_err *err)
{
	app_msg(a, "%s", err->msg);
}

static int move_now(struct app *a, struct listscr *s, enum action act, struct giveway *g);

/* While the list is read afresh, the old rows are of another order or
 * node: none is shown. */
static void clear_rows(struct app *a, struct listscr *s)
{
	s->pager.n = 0;
	s->pager.at_start = s->pager.at_end = 1;
	s->pager.base = 0;
	table_set_rows(&s->table, 0);
	listscr_detail(a, s, 0);
}

/* Whether the list's first page reads so many records (a sort of a whole
 * large table) that trying it within a key's frame is only time lost. */
static int costly(struct app *a, struct listscr *s)
{
	struct list_req q = {
		.sort = s->sort, .desc = s->desc, .grid_id = s->grid_id[0] ? s->grid_id : NULL,
		.ids = s->ids, .limit = LIST_CHUNK_ROWS,
	};
	struct gw_err err;
	return list_page_cost(a->gw, s->pane->kind, &q, &err) > LIST_SYNC_MAX;
}

/* The list from its first row, after the tree node, filter or sort
 * changed; 0 when the read was given up (the table is left empty). */
static int requery_now(struct app *a, struct listscr *s, struct giveway *g)
{
	struct gw_err err;
	s->table.sort_col = s->sort;
	s->table.sort_desc = s->desc;
	if (pager_first(&s->pager, &err) != GW_OK) {
		if (g->stopped) {
			clear_rows(a, s);
			return 0;
		}
		report(a, &err);
	}
	table_set_rows(&s->table, s->pager.n);
	table_select(&s->table, 0);
	s->table.top = 0;
	listscr_detail(a, s, 0);
	return 1;
}

static int reload_now(struct app *a, struct listscr *s, struct giveway *g)
{
	struct gw_err err;
	int sel = s->table.sel, top = s->table.top;
	enum gw_status st = pager_reload(&s->pager, &sel, &top, &err);
	if (st != GW_OK && !g->stopped)
		report(a, &err);
	table_set_rows(&s->table, s->pager.n);
	s->table.top = top < 0 ? 0 : top;
	table_select(&s->table, sel);
	listscr_detail(a, s, 1);
	return st == GW_OK || !g->stopped;
}

/* Does (or, from a key, tries within a frame) the read op, keeping it in
 * s->pending when it did not finish.  Returns whether it finished. */
static int page_work(struct app *a, struct listscr *s, int op, enum action act, int between_keys)
{
	if (!between_keys && (op == LIST_PEND_REQUERY || op == LIST_PEND_RELOAD) && costly(a, s)) {
		if (op == LIST_PEND_REQUERY) {
			s->table.sort_col = s->sort;
			s->table.sort_desc = s->desc;
			clear_rows(a, s);
		}
		s->pending = op;
		s->pend_act = act;
		return 0;
	}
	struct giveway g;
	giveway_begin(a->gw, &g, between_keys ? 0 : GIVEWAY_FRAME, between_keys);
	int done = 1;
	if (op == LIST_PEND_REQUERY)
		done = requery_now(a, s, &g);
	else if (op == LIST_PEND_RELOAD)
		done = reload_now(a, s, &g);
	else if (op == LIST_PEND_MOVE)
		done = move_now(a, s, act, &g) != (int)CH_UNHANDLED || !g.stopped;
	giveway_end(a->gw, &g);
	s->pending = done ? LIST_PEND_NONE : op;
	s->pend_act = act;
	return done;
}

void listscr_requery(struct app *a, struct listscr *s)
{
	page_work(a, s, LIST_PEND_REQUERY, ACT_NONE, 0);
}

void listscr_reload(struct app *a, struct listscr *s)
{
	/* A list still to be read from its start is read afresh anyway. */
	page_work(a, s, s->pending == LIST_PEND_REQUERY ? LIST_PEND_REQUERY : LIST_PEND_RELOAD,
		  ACT_NONE, 0);
}

static struct listscr *current(struct app *a)
{
	return listscr_of(a, a->cur);
}

int listscr_busy(struct app *a)
{
	struct listscr *s = current(a);
	return s && s->pending != LIST_PEND_NONE;
}

unsigned listscr_step(struct app *a)
{
	struct listscr *s = current(a);
	if (!s || s->pending == LIST_PEND_NONE)
		return CH_NONE;
	return page_work(a, s, s->pending, s->pend_act, 1) ? CH_BODY | CH_BARS : CH_NONE;
}

/* ---- moving ----------------------------------------------------------- */

/* Moves the selection; CH_UNHANDLED for an action that is no move, and for
 * a move whose read was given up (g->stopped). */
static int move_now(struct app *a, struct listscr *s, enum action act, struct giveway *g)
{
	struct table *t = &s->table;
	struct gw_err err;
	int page = t->page > 1 ? t->page - 1 : 1, want;
	int sel = t->sel, top = t->top;
	const char *id_before = listscr_selected(s) ? listscr_selected(s)->id : "";
	char before[GW_ID_LEN + 1];
	snprintf(before, sizeof before, "%s", id_before);
	gw_err_clear(&err);
	switch (act) {
	case ACT_UP:
		want = t->sel - 1;
		break;
	case ACT_DOWN:
		want = t->sel + 1;
		break;
	case ACT_PAGE_UP:
		want = t->sel - page;
		break;
	case ACT_PAGE_DOWN:
		want = t->sel + page;
		break;
	case ACT_TOP:
		if (!s->pager.at_start && pager_first(&s->pager, &err) != GW_OK) {
			if (g->stopped)
				return CH_UNHANDLED;
			report(a, &err);
		}
		table_set_rows(t, s->pager.n);
		want = 0;
		break;
	case ACT_BOTTOM:
		if (!s->pager.at_end && pager_last(&s->pager, &err) != GW_OK) {
			if (g->stopped)
				return CH_UNHANDLED;
			report(a, &err);
		}
		table_set_rows(t, s->pager.n);
		want = s->pager.n - 1;
		break;
	default:
		return CH_UNHANDLED;
	}
	if (act != ACT_TOP && act != ACT_BOTTOM) {
		want = pager_reach(&s->pager, want, &t->sel, &t->top, &err);
		if (err.code != GW_OK && g->stopped) {
			/* What came before the stop stays; the move waits. */
			table_set_rows(t, s->pager.n);
			return CH_UNHANDLED;
		}
		if (err.code != GW_OK)
			report(a, &err);
		table_set_rows(t, s->pager.n);
	}
	table_select(t, want);
	listscr_detail(a, s, 0);
	const struct list_row *r = listscr_selected(s);
	if (t->sel == sel && t->top == top && r && strcmp(r->id, before) == 0)
		return CH_NONE;
	return CH_BODY | CH_BARS;
}

static int is_move(enum action act)
{
	return act == ACT_UP || act == ACT_DOWN || act == ACT_PAGE_UP || act == ACT_PAGE_DOWN ||
	       act == ACT_TOP || act == ACT_BOTTOM;
}

/* A move from a key: while a read waits, the rows shown are not the list's
 * (or are about to move), so the key waits for it to finish. */
unsigned listscr_move(struct app *a, struct listscr *s, enum action act)
{
	if (!is_move(act))
		return CH_UNHANDLED;
	if (s->pending != LIST_PEND_NONE)
		return CH_NONE;
	struct giveway g;
	giveway_begin(a->gw, &g, GIVEWAY_FRAME, 0);
	int ch = move_now(a, s, act, &g);
	giveway_end(a->gw, &g);
	if (ch == (int)CH_UNHANDLED) {
		s->pending = LIST_PEND_MOVE;
		s->pend_act = act;
		return CH_BODY | CH_BARS;
	}
	return (unsigned)ch;
}
