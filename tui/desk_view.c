/* desk_view.c - a ticket's detail over the whole screen: every field, the
 * supporting departments, the instructor, the time limit and how late it
 * is, and the full history, oldest first; j/k and the page keys scroll,
 * the move keys work as in the queue, Esc goes back (see desk.h). */
#include "desk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "id.h"
#include "instructor.h"
#include "lookup.h"
#include "org.h"
#include "strbuf.h"
#include "ticket_flow.h"
#include "width.h"

/* A line starting with this byte is drawn bold (the byte is not shown). */
#define BOLD_MARK '\001'

struct view {
	char id[GW_ID_LEN + 1];
	struct ticket_rec t;       /* about 10 KB */
	int loaded;
	struct strbuf text;        /* the lines, '\n' between */
	int top, page, total;      /* in wrapped screen lines */
};

static const char *label(enum gw_enum e, const char *stored)
{
	int i = enum_index(e, stored);
	return i < 0 ? stored : enum_label(e, i);
}

static void line(struct view *v, int bold, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void line(struct view *v, int bold, const char *fmt, ...)
{
	char buf[8192];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (bold)
		sb_add(&v->text, "\001", 1);
	sb_puts(&v->text, buf);
	sb_puts(&v->text, "\n");
}

/* s cut or padded to exactly cols display columns (for the history's
 * columns, which hold Chinese names). */
static const char *pad(const char *s, int cols, char *out, size_t sz)
{
	width_crop(s, strlen(s), cols, 1, out, sz);
	return out;
}

static int add_dept(void *ctx, const char *d)
{
	struct strbuf *b = ctx;
	if (b->len)
		sb_puts(b, gw_tr("、", ", "));
	sb_puts(b, d);
	return 0;
}

struct events {
	struct strbuf b;
	int n;
};

static int add_event(void *ctx, const struct ticket_event_rec *e)
{
	struct events *ev = ctx;
	char who[WIDTH_CROP_BUFSZ(10)], what[WIDTH_CROP_BUFSZ(12)], move[80];
	if (e->from[0] && strcmp(e->from, e->to) != 0)
		snprintf(move, sizeof move, "%s -> %s", label(EN_TICKET_STATUS, e->from),
			 label(EN_TICKET_STATUS, e->to));
	else
		snprintf(move, sizeof move, "%s", e->to[0] ? label(EN_TICKET_STATUS, e->to) : "");
	sb_printf(&ev->b, "%.16s  %s  %s  %s%s%s\n", e->at, pad(e->operator_name, 10, who, sizeof who),
		  pad(ticket_event_label(e->action), 12, what, sizeof what), move,
		  e->department[0] ? "  " : "", e->department);
	if (e->note[0])
		sb_printf(&ev->b, "      %s%s\n", ui_s(S_V_NOTE), e->note);
	ev->n++;
	return 0;
}

static void load(struct app *a, struct view *v)
{
	struct gw_err err;
	struct ticket_rec *t = &v->t;
	sb_reset(&v->text);
	v->loaded = 0;
	if (ticket_by_id(a->gw, v->id, t, &err) != GW_OK) {
		line(v, 1, "%s", err.msg);
		return;
	}
	v->loaded = 1;
	line(v, 1, "%s  %s", t->number, t->title);
	line(v, 0, ui_s(S_D_TICKET_LINE), label(EN_CATEGORY, t->category), label(EN_SOURCE, t->source),
	     label(EN_TICKET_STATUS, t->status));
	struct grid_rec g;
	line(v, 0, ui_s(S_D_GRID), t->grid_code,
	     grid_by_id(a->gw, t->grid_id, &g, &err) == GW_OK ? g.name : "");
	if (t->org_id[0]) {
		struct org_rec *o = malloc(sizeof *o);
		if (o && org_by_id(a->gw, t->org_id, o, &err) == GW_OK)
			line(v, 0, ui_s(S_V_ORG), t->org_code, o->name);
		free(o);
	}
	if (t->reporter[0] || t->reporter_phone[0])
		line(v, 0, ui_s(S_D_REPORTER), t->reporter, t->reporter_phone);
	struct strbuf sup = STRBUF_INIT;
	if (ticket_supporting(a->gw, t->id, add_dept, &sup, &err) != GW_OK)
		line(v, 0, "%s", err.msg);
	line(v, 0, ui_s(S_V_DEPTS), t->department[0] ? t->department : ui_s(S_D_NONE),
	     sup.len ? sb_str(&sup) : ui_s(S_D_NONE));
	sb_free(&sup);
	struct instructor_rec ins;
	if (t->instructor_id[0] && instructor_by_id(a->gw, t->instructor_id, &ins, &err) == GW_OK)
		line(v, 0, ui_s(S_V_INSTRUCTOR), ins.name, ins.phone);
	char today[11], late[160] = "";
	int days = 0;
	clock_today(today);
	enum ticket_grade grade = ticket_overdue(a->gw, t, today, &days);
	if (days > 0) {
		char gr[40] = "";
		if (grade != TG_NONE)
			snprintf(gr, sizeof gr, "%s%s", gw_tr("，", ", "),
				 gw_tr(ticket_grade_zh(grade), ticket_grade_en(grade)));
		snprintf(late, sizeof late, ui_s(S_V_LATE), days, gr);
	}
	line(v, 0, ui_s(S_V_TIMES), t->created_at, t->due_on[0] ? t->due_on : "-", late);
	if (t->hold_since[0] || t->held_days)
		line(v, 0, ui_s(S_V_HOLD), t->held_days, t->hold_since[0] ? t->hold_since : "-");
	if (t->resolved_at[0] || t->closed_at[0]) {
		char sat[16] = "-";
		if (t->satisfaction)
			snprintf(sat, sizeof sat, "%d/5", t->satisfaction);
		line(v, 0, ui_s(S_V_DONE), t->resolved_at[0] ? t->resolved_at : "-",
		     t->closed_at[0] ? t->closed_at : "-", sat);
	}
	if (t->duplicate_of[0]) {
		struct ticket_rec *d = malloc(sizeof *d);
		if (d && ticket_by_id(a->gw, t->duplicate_of, d, &err) == GW_OK)
			line(v, 0, ui_s(S_V_DUP), d->number, d->title);
		free(d);
	}
	if (t->description[0])
		line(v, 0, ui_s(S_V_DESC), t->description);
	line(v, 0, "%s", "");
	struct events ev = {STRBUF_INIT, 0};
	enum gw_status st = ticket_events(a->gw, t->id, add_event, &ev, &err);
	line(v, 1, ui_s(S_V_HISTORY), ev.n);
	if (ev.b.len)
		sb_puts(&v->text, sb_str(&ev.b));
	if (st != GW_OK)
		line(v, 0, "%s", err.msg);
	sb_free(&ev.b);
	if (v->text.oom) {
		sb_reset(&v->text);
		v->text.oom = 0;
		line(v, 1, "%s", gw_status_text(GW_ENOMEM));
	}
}

/* ---- drawing -------------------------------------------------------------- */

/* Calls put(y, line, len, bold) for each wrapped screen line of the text
 * in cols columns; returns how many there are. */
static int each_row(struct view *v, int cols, void (*put)(void *ctx, int row, const char *s, size_t n, int bold),
		    void *ctx)
{
	const char *p = v->text.s ? v->text.s : "";
	int row = 0;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		int bold = len && *p == BOLD_MARK;
		const char *s = bold ? p + 1 : p;
		size_t n = bold ? len - 1 : len, off = 0;
		do {
			size_t nx, l = n ? ui_wrap(s + off, n - off, cols, &nx) : 0;
			if (put)
				put(ctx, row, s + off, l, bold);
			row++;
			off = n ? off + nx : 1;
		} while (off < n);
		p = nl ? nl + 1 : p + len;
	}
	return row;
}

struct draw_ctx {
	struct view *v;
	int y, x, cols;
};

static void put_row(void *ctx, int row, const char *s, size_t n, int bold)
{
	struct draw_ctx *d = ctx;
	if (row < d->v->top || row >= d->v->top + d->v->page)
		return;
	char one[8192];
	snprintf(one, sizeof one, "%.*s", (int)n, s);
	ui_text(stdscr, d->y + row - d->v->top, d->x, d->cols, one, bold ? A_BOLD : A_NORMAL, UI_LEFT);
}

static void clamp(struct view *v)
{
	if (v->top > v->total - v->page)
		v->top = v->total - v->page;
	if (v->top < 0)
		v->top = 0;
}

static void view_draw(struct app *a, void *m, int rows, int cols)
{
	struct view *v = m;
	(void)a;
	int y = 1, h = rows - 3, x = 0, w = cols;
	char title[200];
	snprintf(title, sizeof title, ui_s(S_V_TITLE), v->loaded ? v->t.number : "");
	ui_box(stdscr, y, x, h, w, title);
	struct draw_ctx d = {v, y + 1, x + 2, w - 4};
	v->page = h - 2;
	v->total = each_row(v, d.cols, NULL, NULL);
	clamp(v);
	each_row(v, d.cols, put_row, &d);
	if (v->total > v->page) {
		char where[80];
		int last = v->top + v->page < v->total ? v->top + v->page : v->total;
		snprintf(where, sizeof where, ui_s(S_V_LINES), v->top + 1, last, v->total);
		int ww = width_str(where, strlen(where));
		ui_text(stdscr, y + h - 1, x + w - ww - 4, 1, "", A_NORMAL, UI_LEFT);
		ui_text(stdscr, y + h - 1, x + w - ww - 3, ww, where, A_NORMAL, UI_LEFT);
		ui_text(stdscr, y + h - 1, x + w - 3, 1, "", A_NORMAL, UI_LEFT);
	}
}

/* ---- keys --------------------------------------------------------------------- */

static unsigned scroll_to(struct view *v, int to)
{
	int before = v->top;
	v->top = to;
	clamp(v);
	return v->top == before ? CH_NONE : CH_BODY;
}

static unsigned view_key(struct app *a, void *m, int key)
{
	struct view *v = m;
	int page = v->page > 1 ? v->page - 1 : 1;
	enum action act = action_for_key_in(key, SC_DESK | SC_LIST | SC_GLOBAL);
	switch (act) {
	case ACT_UP:
		return scroll_to(v, v->top - 1);
	case ACT_DOWN:
		return scroll_to(v, v->top + 1);
	case ACT_PAGE_UP:
		return scroll_to(v, v->top - page);
	case ACT_PAGE_DOWN:
		return scroll_to(v, v->top + page);
	case ACT_TOP:
		return scroll_to(v, 0);
	case ACT_BOTTOM:
		return scroll_to(v, v->total);
	case ACT_BACK:
		return app_pop(a);
	case ACT_LOOKUP:
		return lookup_open(a);
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_QUIT:
		return CH_UNHANDLED;
	default:
		break;
	}
	if (!v->loaded)
		return CH_NONE;
	struct desk_ticket t = {v->t.id, v->t.number, v->t.status, v->t.department, v->t.version};
	unsigned ch = desk_move(a, &t, act);
	return ch == CH_UNHANDLED ? CH_NONE : ch;
}

static void view_free(void *m)
{
	struct view *v = m;
	sb_free(&v->text);
	free(v);
}

static const struct modal_ops view_ops = {
	.title = S_V_HELP, .scope = SC_DESK | SC_LIST, .on_key = view_key, .draw = view_draw,
	.free = view_free,
};

unsigned desk_view_open(struct app *a, const char *id)
{
	struct view *v = calloc(1, sizeof *v);
	if (!v)
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	snprintf(v->id, sizeof v->id, "%s", id);
	load(a, v);
	return app_push(a, &view_ops, v) | CH_BARS;
}

const struct ticket_rec *desk_view_ticket(struct app *a)
{
	struct view *v = app_top(a, &view_ops);
	return v && v->loaded ? &v->t : NULL;
}

void desk_view_reload(struct app *a)
{
	struct view *v = app_top(a, &view_ops);
	if (v)
		load(a, v);
}
