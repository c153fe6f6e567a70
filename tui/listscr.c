/* listscr.c - the list screens' engine (see listscr.h). */
#include "listscr.h"
#include "listscr_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "enums.h"
#include "form.h"
#include "input.h"
#include "width.h"

/* Rows the window holds (fetched LIST_CHUNK_ROWS at a time). */
#define WINDOW_ROWS 240

/* Wide terminals put the detail on the right, narrow ones below. */
#define DETAIL_RIGHT_MIN_COLS 120
#define DETAIL_COLS 40
#define DETAIL_ROWS 7

static const struct pane_ops *const panes[SCR_COUNT] = {
	[SCR_INSTRUCTORS] = &pane_instructors, [SCR_TICKETS] = &pane_tickets,
	[SCR_ORGS] = &pane_orgs,               [SCR_WORKERS] = &pane_workers,
	[SCR_STATIONS] = &pane_stations,
};

struct listscr *listscr_of(struct app *a, enum scr scr)
{
	return panes[scr] && a->opened[scr] ? a->state[scr] : NULL;
}

void detail_line(struct detail *d, const char *fmt, ...)
{
	if (d->len + 2 >= sizeof d->text)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(d->text + d->len, sizeof d->text - d->len - 1, fmt, ap);
	va_end(ap);
	if (w < 0)
		return;
	d->len += (size_t)w < sizeof d->text - d->len - 1 ? (size_t)w : sizeof d->text - d->len - 2;
	d->text[d->len++] = '\n';
	d->text[d->len] = '\0';
}

const struct list_row *listscr_selected(struct listscr *s)
{
	int i = s->table.sel;
	return i >= 0 && i < s->pager.n ? &s->pager.rows[i] : NULL;
}

/* ---- rows ------------------------------------------------------------- */

static enum gw_status fetch(void *ctx, const struct list_row *from, int backward, int limit,
			    struct list_row *out, int *n, struct gw_err *err);

struct fetch_ctx {
	struct app *a;
	struct listscr *s;
};

static int tagged(const struct listscr *s, const char *id)
{
	for (int i = 0; i < s->ntags; i++)
		if (strcmp(s->tags[i], id) == 0)
			return i;
	return -1;
}

static void cell(void *ctx, int row, int col, char *buf, size_t sz)
{
	struct listscr *s = ctx;
	if (row < 0 || row >= s->pager.n)
		return;
	const struct list_row *r = &s->pager.rows[row];
	const struct pane_col *c = &s->pane->cols[col];
	char text[LIST_TEXT_MAX];
	const char *v = list_cell(r, col);
	if (c->fmt) {
		text[0] = 0;
		c->fmt(r, col, text, sizeof text);
		v = text;
	} else if (c->en >= 0 && c->list) {
		enum_list_zh((enum gw_enum)c->en, v, text, sizeof text);
		v = text;
	} else if (c->en >= 0) {
		int i = enum_index((enum gw_enum)c->en, v);
		v = i < 0 ? v : enum_label((enum gw_enum)c->en, i);
	}
	/* The first column carries the tag mark, the same width on every row. */
	if (col == 0)
		snprintf(buf, sz, "%s%s", tagged(s, r->id) >= 0 ? "*" : " ", v);
	else
		snprintf(buf, sz, "%s", v);
}

static attr_t row_attr(void *ctx, int row)
{
	struct listscr *s = ctx;
	if (!s->pane->row_attr || row < 0 || row >= s->pager.n)
		return A_NORMAL;
	return s->pane->row_attr(&s->pager.rows[row]);
}

static void report(struct app *a, const struct gw_err *err)
{
	app_msg(a, "%s", err->msg);
}

/* The selected record's detail, read when the selection moved to another. */
void listscr_detail(struct app *a, struct listscr *s, int force)
{
	const struct list_row *r = listscr_selected(s);
	if (!r) {
		s->detail.len = 0;
		s->detail.text[0] = 0;
		s->detail_id[0] = 0;
		return;
	}
	if (!force && strcmp(r->id, s->detail_id) == 0 && r->version == s->detail_version)
		return;
	snprintf(s->detail_id, sizeof s->detail_id, "%s", r->id);
	s->detail_version = r->version;
	s->detail.len = 0;
	s->detail.text[0] = 0;
	s->pane->detail(a, r, &s->detail);
}

static enum gw_status fetch(void *ctx, const struct list_row *from, int backward, int limit,
			    struct list_row *out, int *n, struct gw_err *err)
{
	struct fetch_ctx *fc = ctx;
	struct listscr *s = fc->s;
	struct list_req q = {
		.sort = s->sort, .desc = s->desc, .grid_id = s->grid_id[0] ? s->grid_id : NULL,
		.ids = s->ids, .from = from, .backward = backward, .limit = limit,
	};
	return list_page(fc->a->gw, s->pane->kind, &q, out, n, err);
}

/* ---- open, close, refresh --------------------------------------------- */

static void set_grid(struct listscr *s)
{
	const char *id = gridtree_filter_id(&s->tree);
	snprintf(s->grid_id, sizeof s->grid_id, "%s", id ? id : "");
}

static void free_state(struct listscr *s)
{
	if (!s)
		return;
	gridtree_free(&s->tree);
	free(s->pager.ctx);
	pager_free(&s->pager);
	field_free(&s->filter);
	free(s->ids);
	free(s->tags);
	free(s);
}

static enum gw_status list_open(struct app *a, struct gw_err *err)
{
	const struct pane_ops *p = panes[a->cur];
	struct listscr *s = calloc(1, sizeof *s);
	struct fetch_ctx *fc = malloc(sizeof *fc);
	if (!s || !fc || field_init(&s->filter, 64) < 0 ||
	    pager_init(&s->pager, WINDOW_ROWS, LIST_CHUNK_ROWS, fetch, fc) < 0) {
		free(fc);
		if (s)
			s->pager.ctx = NULL;
		free_state(s);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	fc->a = a;
	fc->s = s;
	s->pane = p;
	a->state[a->cur] = s;
	int n = list_ncols(p->kind);
	for (int i = 0; i < n && i < TABLE_MAX_COLS; i++) {
		/* The first column is one wider: it carries the tag mark. */
		const struct pane_col *c = &p->cols[i];
		int extra = i == 0;
		s->cols[i] = (struct table_col){c->title, c->min + extra, c->min_en ? c->min_en + extra : 0,
						c->grow, c->align, NULL, cell, i};
	}
	table_init(&s->table, s->cols, n, s);
	s->table.row_attr = row_attr;
	s->sort = p->default_sort;
	if (gridtree_load(&s->tree, a->gw, NULL, err) != GW_OK)
		app_msg(a, "%s", err->msg);
	set_grid(s);
	listscr_requery(a, s);
	return GW_OK;
}

static void list_close(struct app *a)
{
	free_state(a->state[a->cur]);
	a->state[a->cur] = NULL;
}

static void list_refresh(struct app *a)
{
	struct listscr *s = a->state[a->cur];
	if (!s)
		return;
	struct gw_err err;
	const struct grid_node *g = gridtree_selected(&s->tree);
	char keep[GW_ID_LEN + 1];
	snprintf(keep, sizeof keep, "%s", g ? g->g.id : "");
	if (gridtree_load(&s->tree, a->gw, keep[0] ? keep : NULL, &err) != GW_OK)
		report(a, &err);
	char before[GW_ID_LEN + 1];
	snprintf(before, sizeof before, "%s", s->grid_id);
	set_grid(s);
	if (strcmp(before, s->grid_id) != 0)
		listscr_requery(a, s);
	else
		listscr_reload(a, s);
}

/* ---- filter ------------------------------------------------------------ */

static void apply_filter(struct app *a, struct listscr *s, const char *query)
{
	struct gw_err err;
	char *ids = NULL;
	int count = 0, more = 0;
	snprintf(s->query, sizeof s->query, "%s", query);
	if (list_filter(a->gw, s->pane->kind, query, &ids, &count, &more, &err) != GW_OK) {
		report(a, &err);
		return;
	}
	free(s->ids);
	s->ids = ids;
	s->nids = count;
	s->more = more;
	listscr_requery(a, s);
}

unsigned listscr_goto(struct app *a, enum scr scr, const char *id, const char *label)
{
	if (!panes[scr])
		return CH_NONE;
	unsigned ch = app_show(a, scr) | CH_ALL;
	struct listscr *s = listscr_of(a, scr);
	char *ids = malloc(GW_ID_LEN + 8);
	if (!s || !ids) {
		free(ids);
		return ch;
	}
	/* Ids are hex digits: nothing to escape. */
	snprintf(ids, GW_ID_LEN + 8, "[\"%.*s\"]", GW_ID_LEN, id);
	free(s->ids);
	s->ids = ids;
	s->nids = 1;
	s->more = 0;
	snprintf(s->query, sizeof s->query, "%s", label ? label : "");
	field_set(&s->filter, s->query, strlen(s->query));
	s->tree_focus = 0;
	/* From the whole county, so the record shows wherever it is. */
	if (s->tree.nvis) {
		table_select(&s->tree.table, 0);
		set_grid(s);
	}
	listscr_requery(a, s);
	return ch;
}

static void clear_filter(struct app *a, struct listscr *s)
{
	field_set(&s->filter, "", 0);
	if (s->query[0] || s->ids)
		apply_filter(a, s, "");
}

static unsigned filter_key(struct app *a, void *m, int key)
{
	struct listscr *s = m;
	int changed = 0;
	int ed;
	if (input_printable(key)) {
		changed = field_insert_wc(&s->filter, (wchar_t)key) > 0;
	} else if ((ed = input_edit_key(&s->filter, key, EDIT_CTRL_AE | EDIT_HOME_END)) >= 0) {
		if (ed != ED_CHANGED)
			return ed == ED_MOVED ? CH_BODY : CH_NONE;
		changed = 1;
	} else {
		enum action act = action_for_key_in(key, SC_FILTER | SC_GLOBAL);
		switch (act) {
		case ACT_CHOOSE:
			s->filtering = 0;
			return app_pop(a) | CH_BARS;
		case ACT_BACK:
			s->filtering = 0;
			clear_filter(a, s);
			return app_pop(a) | CH_BARS;
		case ACT_HELP:
		case ACT_REDRAW:
		case ACT_QUIT:
			return CH_UNHANDLED;
		default:
			break;
		}
		/* Arrows and pages still move through what the filter left. */
		act = action_for_key_in(key, SC_LIST);
		if (act != ACT_NONE && act != ACT_TOP && act != ACT_BOTTOM) {
			unsigned ch = listscr_move(a, s, act);
			return ch == CH_UNHANDLED ? CH_NONE : ch;
		}
		return CH_NONE;
	}
	if (!changed)
		return CH_NONE;
	apply_filter(a, s, field_text(&s->filter));
	return CH_BODY | CH_BARS;
}

static const struct modal_ops filter_ops = {
	.title = S_FILTER_TITLE, .scope = SC_FILTER, .on_key = filter_key,
};

/* ---- tags and bulk actions -------------------------------------------- */

static unsigned toggle_tag(struct app *a, struct listscr *s)
{
	const struct list_row *r = listscr_selected(s);
	if (!r)
		return CH_NONE;
	int i = tagged(s, r->id);
	if (i >= 0) {
		memmove(s->tags[i], s->tags[i + 1], (size_t)(s->ntags - i - 1) * sizeof s->tags[0]);
		s->ntags--;
	} else {
		if (s->ntags == LIST_MAX_TAGS)
			return app_msg(a, ui_s(S_TAGS_FULL), LIST_MAX_TAGS);
		if (s->ntags == s->tagcap) {
			int nc = s->tagcap ? s->tagcap * 2 : 32;
			void *p = realloc(s->tags, (size_t)nc * sizeof s->tags[0]);
			if (!p)
				return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
			s->tags = p;
			s->tagcap = nc;
		}
		snprintf(s->tags[s->ntags++], sizeof s->tags[0], "%s", r->id);
	}
	/* On to the next row, as a clerk ticks down a list. */
	listscr_move(a, s, ACT_DOWN);
	return CH_BODY | CH_BARS;
}

static void bulk_pick(struct app *a, void *ctx, int i)
{
	struct listscr *s = ctx;
	const struct bulk_op *op = &s->pane->bulk[i];
	const struct list_row *r = listscr_selected(s);
	int n = s->ntags ? s->ntags : r ? 1 : 0;
	const char **ids = malloc((size_t)(n ? n : 1) * sizeof *ids);
	if (!ids) {
		app_msg(a, "%s", gw_status_text(GW_ENOMEM));
		return;
	}
	for (int k = 0; k < n; k++)
		ids[k] = s->ntags ? s->tags[k] : r->id;
	struct gw_err err;
	enum gw_status st = op->run(a, ids, n, &err);
	free(ids);
	if (st != GW_OK) {
		report(a, &err);
		return;
	}
	app_msg(a, ui_s(S_BULK_DONE), ui_s(op->label), n);
	s->ntags = 0;
	app_changed(a);
}

static unsigned bulk(struct app *a, struct listscr *s)
{
	if (!s->pane->nbulk)
		return app_msg(a, "%s", ui_s(S_BULK_NONE));
	if (!s->ntags && !listscr_selected(s))
		return CH_NONE;
	const char *items[16];
	int n = s->pane->nbulk < 16 ? s->pane->nbulk : 16;
	for (int i = 0; i < n; i++)
		items[i] = ui_s(s->pane->bulk[i].label);
	char title[160];
	if (s->ntags)
		snprintf(title, sizeof title, ui_s(S_BULK_TITLE_TAGS), s->ntags);
	else
		snprintf(title, sizeof title, "%s", ui_s(S_BULK_TITLE_ONE));
	return dialog_menu(a, title, items, n, bulk_pick, s);
}

/* ---- records ----------------------------------------------------------- */

static void delete_yes(struct app *a, void *ctx)
{
	struct listscr *s = ctx;
	const struct list_row *r = listscr_selected(s);
	if (!r)
		return;
	struct gw_err err;
	char name[LIST_TEXT_MAX];
	snprintf(name, sizeof name, "%s", list_cell(r, 0));
	if (s->pane->del(a->gw, r->id, &err) != GW_OK) {
		report(a, &err);
		return;
	}
	app_msg(a, ui_s(S_DELETED), name);
	app_changed(a);
}

static unsigned delete_ask(struct app *a, struct listscr *s)
{
	const struct list_row *r = listscr_selected(s);
	if (!r)
		return CH_NONE;
	if (!s->pane->del)
		return app_msg(a, "%s", ui_s(S_NO_DELETE));
	char q[600];
	snprintf(q, sizeof q, ui_s(S_ASK_DELETE), ui_s(s->pane->title), list_cell(r, 0));
	return dialog_confirm(a, q, delete_yes, NULL, s);
}

/* A new record starts in the grid selected in the tree, when it is one. */
static const char *tree_grid_code(struct listscr *s)
{
	const struct grid_node *g = gridtree_selected(&s->tree);
	return g && strcmp(g->g.level, "grid") == 0 ? g->g.code : NULL;
}

static unsigned list_on_action(struct app *a, enum action act)
{
	struct listscr *s = a->state[a->cur];
	if (!s)
		return CH_UNHANDLED;
	if (s->pane->on_action) {
		unsigned ch = s->pane->on_action(a, s, act);
		if (!(ch & CH_UNHANDLED))
			return ch;
	}
	if (act == ACT_FOCUS) {
		s->tree_focus = !s->tree_focus;
		return CH_BODY | CH_BARS;
	}
	if (s->tree_focus) {
		if (act == ACT_BACK) {
			s->tree_focus = 0;
			return CH_BODY | CH_BARS;
		}
		int r = gridtree_action(&s->tree, act);
		if (r == 2) {
			set_grid(s);
			listscr_requery(a, s);
			return CH_BODY | CH_BARS;
		}
		if (r >= 0)
			return r ? CH_BODY : CH_NONE;
	}
	unsigned ch = listscr_move(a, s, act);
	if (ch != CH_UNHANDLED)
		return ch;
	const struct list_row *r = listscr_selected(s);
	switch (act) {
	case ACT_EDIT:
		return r ? form_open(a, s->pane->kind, r->id, NULL) : CH_NONE;
	case ACT_NEW:
		return form_open(a, s->pane->kind, NULL, tree_grid_code(s));
	case ACT_DELETE:
		return delete_ask(a, s);
	case ACT_FILTER:
		s->filtering = 1;
		field_end(&s->filter);
		return app_push(a, &filter_ops, s);
	case ACT_SORT:
	case ACT_SORT_REVERSE:
		if (act == ACT_SORT) {
			s->sort = (s->sort + 1) % list_ncols(s->pane->kind);
			s->desc = 0;
		} else {
			s->desc = !s->desc;
		}
		listscr_requery(a, s);
		return CH_BODY | CH_BARS;
	case ACT_TAG:
		return toggle_tag(a, s);
	case ACT_BULK:
		return bulk(a, s);
	case ACT_BACK:
		if (s->query[0] || s->ids) {
			clear_filter(a, s);
			return CH_BODY | CH_BARS;
		}
		if (s->ntags) {
			s->ntags = 0;
			return CH_BODY | CH_BARS;
		}
		return CH_UNHANDLED;
	default:
		return CH_UNHANDLED;
	}
}

static unsigned list_scope_now(struct app *a)
{
	struct listscr *s = a->state[a->cur];
	/* In the tree Enter folds; records are opened from the table. */
	if (!s)
		return SC_LIST;
	return s->tree_focus ? SC_LIST | SC_TREE | SC_RECORDS
			     : SC_LIST | SC_EDIT | SC_RECORDS | s->pane->scope;
}

/* ---- drawing ------------------------------------------------------------ */

static void draw_detail(struct listscr *s, WINDOW *w, int y, int x, int h, int cols)
{
	ui_clear(w, y, x, h, cols);
	const char *t = s->detail.text;
	int row = 0;
	for (int first = 1; *t && row < h; first = 0) {
		const char *nl = strchr(t, '\n');
		size_t len = nl ? (size_t)(nl - t) : strlen(t), off = 0;
		do {
			size_t nx, line = ui_wrap(t + off, len - off, cols, &nx);
			char one[1024];
			snprintf(one, sizeof one, "%.*s", (int)line, t + off);
			ui_text(w, y + row++, x, cols, one, first ? A_BOLD : A_NORMAL, UI_LEFT);
			off += nx;
		} while (off < len && row < h);
		t = nl ? nl + 1 : t + len;
	}
}

/* The line under the table: where the selection is, the filter, the tags;
 * or the filter being typed, with the cursor. */
static void draw_info(struct app *a, struct listscr *s, WINDOW *w, int y, int x, int cols)
{
	char line[1024], part[256];
	size_t len = 0;
	line[0] = 0;
	if (s->filtering) {
		const char *label = ui_s(S_FILTER_PROMPT);
		int lw = width_str(label, strlen(label));
		char view[4 * 64 + 1];
		int cx;
		int fw = cols - lw - 16;
		if (fw < 8)
			fw = 8;
		field_view(&s->filter, fw, view, sizeof view, &cx);
		ui_text(w, y, x, cols, "", A_NORMAL, UI_LEFT);
		ui_text(w, y, x, lw, label, A_BOLD, UI_LEFT);
		ui_text(w, y, x + lw, fw, view, A_UNDERLINE, UI_LEFT);
		if (s->pending != LIST_PEND_NONE)
			snprintf(part, sizeof part, "%s", ui_s(S_SORTING));
		else if (s->ids)
			snprintf(part, sizeof part, ui_s(s->more ? S_FILTER_MORE : S_FILTER_COUNT), s->nids);
		else
			part[0] = 0;
		ui_text(w, y, x + lw + fw + 1, cols - lw - fw - 1, part, A_NORMAL, UI_LEFT);
		a->cursor_y = y;
		a->cursor_x = x + lw + cx;
		return;
	}
	long long at_least, total = pager_total(&s->pager, &at_least);
	long long idx = pager_index(&s->pager, s->table.sel);
	if (s->pending != LIST_PEND_NONE)
		snprintf(part, sizeof part, "%s", ui_s(S_SORTING));
	else if (s->pager.n == 0)
		snprintf(part, sizeof part, "%s", ui_s(s->ids ? S_NO_MATCH : S_NO_ROWS));
	else if (idx >= 0 && total >= 0)
		snprintf(part, sizeof part, ui_s(S_ROW_OF), (int)idx + 1, (int)total);
	else if (idx >= 0)
		snprintf(part, sizeof part, ui_s(S_ROW_OF_MORE), (int)idx + 1, (int)at_least);
	else
		snprintf(part, sizeof part, ui_s(S_ROW_FROM_END), s->pager.n - s->table.sel);
	len += (size_t)snprintf(line + len, sizeof line - len, "%s", part);
	if (s->ids) {
		snprintf(part, sizeof part, ui_s(S_FILTER_SHOWN), s->query);
		len += (size_t)snprintf(line + len, sizeof line - len, "  %s", part);
	}
	if (s->ntags) {
		snprintf(part, sizeof part, ui_s(S_TAGGED), s->ntags);
		len += (size_t)snprintf(line + len, sizeof line - len, "  %s", part);
	}
	ui_text(w, y, x, cols, line, A_NORMAL, UI_LEFT);
}

static void list_draw(struct app *a, WINDOW *w, int y, int x, int h, int cols)
{
	struct listscr *s = a->state[a->cur];
	ui_clear(w, y, x, h, cols);
	if (!s)
		return;
	int tw = gridtree_draw_pane(w, &s->tree, y, x, h, cols, s->tree_focus);
	int rx = x + tw + 1, rw = cols - tw - 1;
	s->table.row_attr = row_attr;
	if (cols >= DETAIL_RIGHT_MIN_COLS) {
		int lw = rw - DETAIL_COLS - 1;
		table_draw(w, &s->table, y, rx, h - 1, lw);
		draw_info(a, s, w, y + h - 1, rx, lw);
		mvwvline_set(w, y, rx + lw, WACS_VLINE, h);
		ui_text(w, y, rx + lw + 2, DETAIL_COLS - 2, ui_s(S_DETAIL), A_BOLD, UI_LEFT);
		draw_detail(s, w, y + 1, rx + lw + 2, h - 1, DETAIL_COLS - 2);
		return;
	}
	int th = h - DETAIL_ROWS - 2;
	table_draw(w, &s->table, y, rx, th, rw);
	draw_info(a, s, w, y + th, rx, rw);
	mvwhline_set(w, y + th + 1, rx, WACS_HLINE, rw);
	const char *dt = ui_s(S_DETAIL);
	int dw = width_str(dt, strlen(dt));
	ui_text(w, y + th + 1, rx + 2, 1, "", A_NORMAL, UI_LEFT);
	ui_text(w, y + th + 1, rx + 3, dw, dt, A_BOLD, UI_LEFT);
	ui_text(w, y + th + 1, rx + 3 + dw, 1, "", A_NORMAL, UI_LEFT);
	draw_detail(s, w, y + th + 2, rx + 1, DETAIL_ROWS, rw - 2);
}

#define LIST_SCREEN(t)                                                                   \
	{                                                                                \
		.title = t, .scope = SC_LIST | SC_TREE | SC_EDIT | SC_RECORDS, .open = list_open,   \
		.close = list_close, .on_action = list_on_action, .draw = list_draw,     \
		.scope_now = list_scope_now, .reload = list_refresh,                     \
	}
const struct screen_ops screen_instructors_ops = LIST_SCREEN(S_SCR_INSTRUCTORS);
const struct screen_ops screen_tickets_ops = LIST_SCREEN(S_SCR_TICKETS);
const struct screen_ops screen_orgs_ops = LIST_SCREEN(S_SCR_ORGS);
const struct screen_ops screen_workers_ops = LIST_SCREEN(S_SCR_WORKERS);
const struct screen_ops screen_stations_ops = LIST_SCREEN(S_SCR_STATIONS);
