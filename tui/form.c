/* form.c - the record forms (see form.h). */
#include "form.h"
#include "ticket.h"
#include "ticket_flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draft.h"
#include "enums.h"
#include "field.h"
#include "formspec.h"
#include "grid.h"
#include "id.h"
#include "instructor.h"
#include "org.h"
#include "picker.h"
#include "records.h"
#include "ticket.h"
#include "width.h"

/* Lines a long text shows. */
#define MULTI_LINES 4

struct ffield {
	struct field f;
	char hint[400];          /* a picked value: what it names */
	char err[512];           /* the core's message about it, column name left out */
	int touched;             /* left once: its message may show */
};

struct form {
	const struct form_spec *spec;
	const struct import_kind_ops *ops;
	char id[GW_ID_LEN + 1];  /* "" for a new record */
	int version;
	int n;
	struct ffield fld[RECORD_MAX_COLS];
	struct record_vals orig; /* as opened: anything else is unsaved */
	int cur;                 /* the focused column */
	int top;                 /* first line of the form shown */
	char name[256];          /* the record's name, for the title */
	char msg[512];           /* the line at the foot of the form */
	int saved;               /* records saved by this batch */
	char draft[4400];        /* its draft file, "" when drafts cannot be kept */
};

static const char *col_label(const struct form *f, int i)
{
	return gw_tr(f->ops->cols[i].zh, f->ops->cols[i].en);
}

static int visible(const struct form *f, int i)
{
	return f->spec->f[i].type != FF_HIDDEN;
}

static const char *val(const struct form *f, int i)
{
	return field_text(&f->fld[i].f);
}

static void vals(const struct form *f, const char **v)
{
	for (int i = 0; i < f->n; i++)
		v[i] = val(f, i);
}

static int dirty(const struct form *f)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(val(f, i), f->orig.v[i] ? f->orig.v[i] : "") != 0)
			return 1;
	return 0;
}

/* ---- the draft ----------------------------------------------------------- */

static void save_draft(struct app *a, struct form *f)
{
	if (!f->draft[0])
		return;
	struct draft *d = calloc(1, sizeof *d);
	if (!d)
		return;
	snprintf(d->db, sizeof d->db, "%s", a->db_path);
	d->kind = f->spec->kind;
	snprintf(d->id, sizeof d->id, "%s", f->id);
	d->version = f->version;
	clock_now(d->at);
	d->vals.n = f->n;
	for (int i = 0; i < f->n; i++)
		d->vals.v[i] = (char *)val(f, i);   /* borrowed: not freed below */
	if (draft_save(f->draft, d) != 0)
		app_msg(a, ui_s(S_DRAFT_FAILED), f->draft);
	free(d);
}

static void drop_draft(struct form *f)
{
	draft_remove(f->draft);
}

/* ---- values and hints ----------------------------------------------------- */

/* What a grid, organisation or instructor value names. */
static void look_up_hint(struct app *a, struct form *f, int i)
{
	struct gw_err err;
	const char *v = val(f, i);
	struct ffield *x = &f->fld[i];
	x->hint[0] = 0;
	if (!*v)
		return;
	switch (f->spec->f[i].type) {
	case FF_GRID: {
		struct grid_rec g;
		if (grid_by_code(a->gw, v, &g, &err) == GW_OK)
			snprintf(x->hint, sizeof x->hint, "%s", g.name);
		break;
	}
	case FF_ORG: {
		struct org_rec o;
		if (org_by_credit_code(a->gw, v, &o, &err) == GW_OK)
			snprintf(x->hint, sizeof x->hint, "%s", o.name);
		break;
	}
	case FF_INSTRUCTOR: {
		struct instructor_rec r;
		if (instructor_by_phone(a->gw, v, &r, &err) == GW_OK)
			snprintf(x->hint, sizeof x->hint, "%s", r.name);
		break;
	}
	default:
		break;
	}
}

static void set_val(struct app *a, struct form *f, int i, const char *s)
{
	field_set(&f->fld[i].f, s, strlen(s));
	look_up_hint(a, f, i);
}

/* The first shown field that holds a name (for titles and messages). */
static const char *name_of(const struct form *f)
{
	for (int i = 0; i < f->n; i++)
		if (f->spec->f[i].type == FF_TEXT)
			return val(f, i);
	return "";
}

static int first_field(const struct form *f)
{
	for (int i = 0; i < f->n; i++)
		if (visible(f, i))
			return i;
	return 0;
}

/* The column a core message names ("名称: 必填，不能为空"): the longest
 * column name it starts with; -1 when none.  *rest gets what follows. */
static int col_of(const struct form *f, const char *msg, const char **rest)
{
	int best = -1;
	size_t bestlen = 0;
	for (int i = 0; i < f->n; i++) {
		const char *l = col_label(f, i);
		size_t n = strlen(l);
		if (n > bestlen && strncmp(msg, l, n) == 0 && msg[n] == ':') {
			best = i;
			bestlen = n;
		}
	}
	*rest = best >= 0 ? msg + bestlen + (msg[bestlen + 1] == ' ' ? 2 : 1) : msg;
	return best;
}

/* ---- checking and saving --------------------------------------------------- */

/* Shows err (a failed save or check) at the field it names, when the clerk
 * has been there; otherwise on the form's own line when `loud`.  Returns the
 * column, or -1. */
static int show_error(struct form *f, const struct gw_err *err, int loud)
{
	const char *rest;
	int col = col_of(f, err->msg, &rest);
	for (int i = 0; i < f->n; i++)
		if (f->fld[i].touched)
			f->fld[i].err[0] = 0;
	if (col >= 0 && visible(f, col) && (f->fld[col].touched || loud)) {
		snprintf(f->fld[col].err, sizeof f->fld[col].err, "%s", rest);
		return col;
	}
	if (loud)
		snprintf(f->msg, sizeof f->msg, "%s", err->msg);
	return -1;
}

/* The record's checks without writing it: import_one inside a transaction
 * that is rolled back, so the messages are exactly the save's. */
static void check(struct app *a, struct form *f)
{
	const char *v[RECORD_MAX_COLS];
	struct gw_err err;
	enum upsert_result res;
	vals(f, v);
	int taken = records_key_taken(a->gw, f->spec->kind, v, f->id[0] ? f->id : NULL, &err);
	if (taken == 0) {
		if (db_begin(a->gw->db, &err) != GW_OK)
			return;
		enum gw_status st = import_one(a->gw, f->spec->kind, v, f->id[0] ? f->id : NULL,
					       f->version, &res, &err);
		db_rollback(a->gw->db);
		if (st == GW_OK) {
			for (int i = 0; i < f->n; i++)
				f->fld[i].err[0] = 0;
			return;
		}
	} else if (taken < 0) {
		return;
	}
	show_error(f, &err, 0);
}

static void reset_new(struct app *a, struct form *f, int keep);

/* A new ticket takes this office's next number, a "register" event and its
 * instructor, exactly as at the counter (ticket new), not an import. */
static enum gw_status register_ticket(struct gw *gw, const char *const *v, struct gw_err *err)
{
	struct ticket_new n = {v[TICKET_C_TITLE], v[TICKET_C_CATEGORY], v[TICKET_C_SOURCE],
			       v[TICKET_C_GRID], v[TICKET_C_ORG], v[TICKET_C_REPORTER],
			       v[TICKET_C_REPORTER_PHONE], v[TICKET_C_DEPT], v[TICKET_C_DESC]};
	struct ticket_rec *t = malloc(sizeof *t);
	if (!t)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	enum gw_status st = ticket_register(gw, &n, t, err);
	free(t);
	return st;
}

static unsigned save(struct app *a, struct form *f)
{
	const char *v[RECORD_MAX_COLS];
	struct gw_err err;
	enum upsert_result res;
	for (int i = 0; i < f->n; i++)
		f->fld[i].touched = visible(f, i);
	f->msg[0] = 0;
	vals(f, v);
	enum gw_status st = GW_OK;
	int taken = records_key_taken(a->gw, f->spec->kind, v, f->id[0] ? f->id : NULL, &err);
	if (taken != 0)
		st = err.code;
	else if (f->spec->kind == IK_TICKET && !f->id[0])
		st = register_ticket(a->gw, v, &err);
	else
		st = import_one(a->gw, f->spec->kind, v, f->id[0] ? f->id : NULL, f->version, &res, &err);
	if (st != GW_OK) {
		int col = show_error(f, &err, 1);
		if (col >= 0) {
			f->cur = col;
			snprintf(f->msg, sizeof f->msg, "%s", ui_s(S_FORM_NOT_SAVED));
		}
		return CH_BODY;
	}
	for (int i = 0; i < f->n; i++)
		f->fld[i].err[0] = 0;
	drop_draft(f);
	char name[256];
	snprintf(name, sizeof name, "%s", name_of(f));
	if (f->id[0]) {
		app_msg(a, ui_s(S_FORM_SAVED), name);
		app_pop(a);
		app_changed(a);
		return CH_ALL;
	}
	/* Batch entry: the next record, keeping the grid and the kind. */
	f->saved++;
	reset_new(a, f, 1);
	snprintf(f->msg, sizeof f->msg, ui_s(S_FORM_SAVED_NEXT), name);
	app_msg(a, ui_s(S_FORM_SAVED), name);
	app_changed(a);
	return CH_ALL;
}

/* ---- opening and closing ---------------------------------------------------- */

static void form_free(void *m)
{
	struct form *f = m;
	for (int i = 0; i < RECORD_MAX_COLS; i++)
		field_free(&f->fld[i].f);
	records_free(&f->orig);
	free(f);
}

static int form_dirty(void *m)
{
	return dirty(m);
}

static void form_discard(struct app *a, void *m)
{
	(void)a;
	drop_draft(m);
}

/* The values of a new record: empty but for what the batch keeps. */
static void reset_new(struct app *a, struct form *f, int keep)
{
	for (int i = 0; i < f->n; i++) {
		if (!(keep && f->spec->f[i].keep)) {
			field_set(&f->fld[i].f, "", 0);
			f->fld[i].hint[0] = 0;
		}
		f->fld[i].err[0] = 0;
		f->fld[i].touched = 0;
		records_set(&f->orig, i, val(f, i));
	}
	(void)a;
	f->cur = first_field(f);
	f->top = 0;
}

static struct form *form_new(struct app *a, enum import_kind k)
{
	const struct form_spec *spec = form_spec(k);
	if (!spec)
		return NULL;
	struct form *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->spec = spec;
	f->ops = import_ops(k);
	f->n = spec->n;
	for (int i = 0; i < f->n; i++) {
		int max = spec->f[i].max;
		if (field_init(&f->fld[i].f, max > 0 ? (size_t)max : 0) < 0) {
			form_free(f);
			return NULL;
		}
		f->fld[i].f.multiline = spec->f[i].type == FF_MULTI;
	}
	if (records_empty(k, &f->orig) < 0) {
		form_free(f);
		return NULL;
	}
	if (a->draft_dir[0])
		draft_path(a->draft_dir, a->db_path, f->draft, sizeof f->draft);
	f->cur = first_field(f);
	return f;
}

static const struct modal_ops form_ops;

unsigned form_open(struct app *a, enum import_kind k, const char *id, const char *grid_code)
{
	struct form *f = form_new(a, k);
	if (!f)
		return app_msg(a, "%s", ui_s(S_FORM_NONE));
	if (id) {
		struct gw_err err;
		records_free(&f->orig);
		if (records_load(a->gw, k, id, &f->orig, &err) != GW_OK) {
			form_free(f);
			return app_msg(a, "%s", err.msg);
		}
		snprintf(f->id, sizeof f->id, "%s", id);
		f->version = f->orig.version;
		snprintf(f->name, sizeof f->name, "%s", f->orig.name);
		for (int i = 0; i < f->n; i++)
			set_val(a, f, i, f->orig.v[i]);
	} else if (grid_code) {
		for (int i = 0; i < f->n; i++)
			if (f->spec->f[i].type == FF_GRID || f->spec->f[i].type == FF_GRID_LIST) {
				/* The parent of a new grid, or where a new record is. */
				set_val(a, f, i, grid_code);
				records_set(&f->orig, i, grid_code);
				break;
			}
	}
	return app_push(a, &form_ops, f);
}

/* ---- keys ------------------------------------------------------------------ */

/* Moves to the next (dir 1) or previous (-1) shown field, checking the one
 * left. */
static unsigned go(struct app *a, struct form *f, int dir)
{
	f->fld[f->cur].touched = 1;
	check(a, f);
	int i = f->cur;
	do
		i = (i + dir + f->n) % f->n;
	while (!visible(f, i) && i != f->cur);
	f->cur = i;
	return CH_BODY;
}

static void picked(struct app *a, void *ctx, const char *value, const char *hint)
{
	struct form *f = ctx;
	int i = f->cur;
	enum ff_type t = f->spec->f[i].type;
	field_set(&f->fld[i].f, value, strlen(value));
	f->fld[i].hint[0] = 0;
	if (t == FF_GRID || t == FF_ORG || t == FF_INSTRUCTOR)
		look_up_hint(a, f, i);
	(void)hint;
	/* A ticket about an organisation is in its grid unless told otherwise. */
	if (f->spec->kind == IK_TICKET && i == TICKET_C_ORG && *value && !*val(f, TICKET_C_GRID)) {
		struct org_rec o;
		struct gw_err err;
		if (org_by_credit_code(a->gw, value, &o, &err) == GW_OK)
			set_val(a, f, TICKET_C_GRID, o.grid_code);
	}
	save_draft(a, f);
	go(a, f, 1);
}

static unsigned open_picker(struct app *a, struct form *f, const char *seed)
{
	const struct ff_spec *s = &f->spec->f[f->cur];
	struct pick_opts o = {0};
	o.en = s->en;
	o.multi = s->type == FF_ENUM_LIST || s->type == FF_GRID_LIST || s->type == FF_ORG_LIST;
	o.optional = !f->ops->cols[f->cur].required;
	o.title = col_label(f, f->cur);
	o.current = val(f, f->cur);
	o.seed = seed;
	o.done = picked;
	o.ctx = f;
	switch (s->type) {
	case FF_ENUM:
	case FF_ENUM_LIST:
		o.src = PK_ENUM;
		break;
	case FF_DEPT:
		o.src = PK_DEPT;
		break;
	case FF_GRID:
	case FF_GRID_LIST:
		o.src = PK_GRID;
		break;
	case FF_ORG:
	case FF_ORG_LIST:
		o.src = PK_ORG;
		break;
	case FF_INSTRUCTOR:
		o.src = PK_INSTRUCTOR;
		break;
	default:
		return CH_NONE;
	}
	return picker_open(a, &o);
}

/* Whether a typed character suits the field; upper-cases codes. */
static int accept(enum ff_type t, int *key)
{
	int c = *key;
	switch (t) {
	case FF_NUMBER:
		return c >= '0' && c <= '9';
	case FF_DECIMAL:
		return (c >= '0' && c <= '9') || c == '.' || c == '-';
	case FF_PHONE:
		return (c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '+';
	case FF_CREDIT:
	case FF_CODE:
		if (c >= 'a' && c <= 'z')
			*key = c - 'a' + 'A';
		return (c >= '0' && c <= '9') || (*key >= 'A' && *key <= 'Z') || (t == FF_CODE && c == '-');
	default:
		return 1;
	}
}

/* The UTF-8 of code point c into out (room for 5 bytes). */
static void utf8(int c, char *out)
{
	unsigned u = (unsigned)c;
	if (u < 0x80) {
		*out++ = (char)u;
	} else if (u < 0x800) {
		*out++ = (char)(0xC0 | u >> 6);
		*out++ = (char)(0x80 | (u & 0x3F));
	} else if (u < 0x10000) {
		*out++ = (char)(0xE0 | u >> 12);
		*out++ = (char)(0x80 | (u >> 6 & 0x3F));
		*out++ = (char)(0x80 | (u & 0x3F));
	} else if (u < 0x110000) {
		*out++ = (char)(0xF0 | u >> 18);
		*out++ = (char)(0x80 | (u >> 12 & 0x3F));
		*out++ = (char)(0x80 | (u >> 6 & 0x3F));
		*out++ = (char)(0x80 | (u & 0x3F));
	}
	*out = 0;
}

static void cancel_yes(struct app *a, void *ctx)
{
	drop_draft(ctx);
	app_pop(a);
}

static unsigned form_key(struct app *a, void *m, int key)
{
	struct form *f = m;
	struct ffield *x = &f->fld[f->cur];
	enum ff_type t = f->spec->f[f->cur].type;
	int text = !ff_is_pick(t);
	int changed = 0, moved = 0;
	if (!KEY_IS_CODE(key) && key >= 32 && key != 127) {
		if (!text) {
			char seed[8] = "";
			if (key != ' ')
				utf8(key, seed);
			return open_picker(a, f, seed);
		}
		if (!accept(t, &key))
			return app_msg(a, "%s", ui_s(S_FORM_BAD_CHAR)) | CH_BODY;
		changed = field_insert_wc(&x->f, (wchar_t)key) > 0;
		if (!changed)
			return app_msg(a, ui_s(S_FORM_FULL), (int)x->f.max_chars) | CH_BODY;
	} else if (key == KC(KEY_BACKSPACE) || key == 127 || key == 8 || key == KC(KEY_DC)) {
		if (!text) {
			changed = *val(f, f->cur) != 0;
			field_set(&x->f, "", 0);
			x->hint[0] = 0;
		} else {
			changed = key == KC(KEY_DC) ? field_delete(&x->f) : field_backspace(&x->f);
		}
	} else if (key == KC(KEY_LEFT)) {
		moved = field_left(&x->f);
	} else if (key == KC(KEY_RIGHT)) {
		moved = field_right(&x->f);
	} else if (key == KC(KEY_HOME) || key == KEY_CTRL('a')) {
		moved = field_home(&x->f);
	} else if (key == KC(KEY_END) || key == KEY_CTRL('e')) {
		moved = field_end(&x->f);
	} else {
		switch (action_for_key_in(key, SC_FORM | SC_GLOBAL)) {
		case ACT_NEXT_FIELD:
			return go(a, f, 1);
		case ACT_PREV_FIELD:
			return go(a, f, -1);
		case ACT_PICK:
			if (!text)
				return open_picker(a, f, NULL);
			if (t == FF_MULTI) {
				changed = field_insert(&x->f, "\n", 1) > 0;
				break;
			}
			return go(a, f, 1);
		case ACT_SAVE:
			return save(a, f);
		case ACT_BACK:
			if (dirty(f))
				return dialog_confirm(a, ui_s(S_ASK_DISCARD), cancel_yes, NULL, f);
			cancel_yes(a, f);
			return CH_ALL;
		case ACT_HELP:
		case ACT_REDRAW:
		case ACT_QUIT:
			return CH_UNHANDLED;
		default:
			return CH_NONE;
		}
	}
	if (changed) {
		x->touched = 1;
		f->msg[0] = 0;
		save_draft(a, f);
	}
	return changed || moved ? CH_BODY : CH_NONE;
}

/* ---- drawing ------------------------------------------------------------------ */

static int field_lines(const struct form *f, int i)
{
	return (f->spec->f[i].type == FF_MULTI ? MULTI_LINES : 1) + (f->fld[i].err[0] ? 1 : 0);
}

static void draw_multi(struct app *a, struct form *f, int i, int y, int x, int w, int focused)
{
	struct field *fl = &f->fld[i].f;
	size_t starts[512];
	int n = field_wrap(fl, w, starts, 512), cl = 0;
	for (int k = 0; k < n; k++)
		if (starts[k] <= fl->cur)
			cl = k;
	int first = cl - MULTI_LINES + 1 > 0 ? cl - MULTI_LINES + 1 : 0;
	for (int k = 0; k < MULTI_LINES; k++) {
		int line = first + k;
		char text[4096];
		size_t len = 0;
		if (line < n) {
			size_t end = line + 1 < n ? starts[line + 1] : fl->nch;
			for (size_t c = starts[line]; c < end && len + 8 < sizeof text; c++) {
				size_t b = fl->ch[c].byte, e = fl->ch[c + 1].byte;
				if (fl->buf[b] == '\n')
					continue;
				memcpy(text + len, fl->buf + b, e - b);
				len += e - b;
			}
		}
		text[len] = 0;
		ui_text(stdscr, y + k, x, w, text, focused ? A_REVERSE : A_UNDERLINE, UI_LEFT);
	}
	if (focused) {
		a->cursor_y = y + cl - first;
		a->cursor_x = x + fl->ch[fl->cur].col - fl->ch[starts[cl]].col;
	}
}

static void draw_value(struct app *a, struct form *f, int i, int y, int x, int w)
{
	struct ffield *ff = &f->fld[i];
	int focused = i == f->cur;
	enum ff_type t = f->spec->f[i].type;
	if (t == FF_MULTI) {
		draw_multi(a, f, i, y, x, w, focused);
		return;
	}
	if (ff_is_pick(t)) {
		char text[1024];
		snprintf(text, sizeof text, "%s%s%s", val(f, i), ff->hint[0] ? "  " : "", ff->hint);
		ui_text(stdscr, y, x, w, text, focused ? A_REVERSE : A_UNDERLINE, UI_LEFT);
		return;
	}
	if (!focused) {
		ui_text(stdscr, y, x, w, val(f, i), A_UNDERLINE, UI_LEFT);
		return;
	}
	char view[4 * 512 + 1];
	int cx;
	field_view(&ff->f, w < 512 ? w : 512, view, sizeof view, &cx);
	ui_text(stdscr, y, x, w, view, A_REVERSE, UI_LEFT);
	a->cursor_y = y;
	a->cursor_x = x + cx;
}

static void form_draw(struct app *a, void *m, int rows, int cols)
{
	struct form *f = m;
	char title[600];
	const char *kind = ui_s(f->spec->title);
	if (f->id[0])
		snprintf(title, sizeof title, ui_s(S_FORM_EDIT), kind, f->name);
	else if (f->saved)
		snprintf(title, sizeof title, ui_s(S_FORM_NEW_BATCH), kind, f->saved);
	else
		snprintf(title, sizeof title, ui_s(S_FORM_NEW), kind);
	int by = 1, bh = rows - 3, bx = 0, bw = cols;
	ui_box(stdscr, by, bx, bh, bw, title);
	int labelw = 0;
	for (int i = 0; i < f->n; i++)
		if (visible(f, i)) {
			const char *l = col_label(f, i);
			int lw = width_str(l, strlen(l)) + 1;
			if (lw > labelw)
				labelw = lw;
		}
	if (labelw > bw / 3)
		labelw = bw / 3;
	int vx = bx + 2 + labelw + 2, vw = bw - (vx - bx) - 2;
	int area = bh - 3;   /* lines for fields; the last inner line is the message's */
	/* Scroll so that the whole focused field shows. */
	int line = 0, cur_line = 0;
	for (int i = 0; i < f->n; i++) {
		if (!visible(f, i))
			continue;
		if (i == f->cur)
			cur_line = line;
		line += field_lines(f, i);
	}
	if (cur_line < f->top)
		f->top = cur_line;
	if (cur_line + field_lines(f, f->cur) > f->top + area)
		f->top = cur_line + field_lines(f, f->cur) - area;
	line = 0;
	for (int i = 0; i < f->n; i++) {
		if (!visible(f, i))
			continue;
		int nl = field_lines(f, i);
		int y = by + 1 + line - f->top;
		line += nl;
		if (y < by + 1 || y + nl - 1 > by + area)
			continue;
		char label[300];
		snprintf(label, sizeof label, "%s%s", col_label(f, i), f->ops->cols[i].required ? "*" : "");
		ui_text(stdscr, y, bx + 2, labelw, label, i == f->cur ? A_BOLD : A_NORMAL, UI_LEFT);
		draw_value(a, f, i, y, vx, vw);
		if (f->fld[i].err[0]) {
			char e[600];
			snprintf(e, sizeof e, "! %s", f->fld[i].err);
			ui_text(stdscr, y + nl - 1, vx, vw, e, A_BOLD, UI_LEFT);
		}
	}
	const char *foot = f->msg[0] ? f->msg : ui_s(S_FORM_FOOT);
	ui_text(stdscr, by + bh - 2, bx + 2, bw - 4, foot, f->msg[0] ? A_BOLD : A_NORMAL, UI_LEFT);
}

static const struct modal_ops form_ops = {
	.title = S_FORM_HELP, .scope = SC_FORM, .on_key = form_key, .draw = form_draw,
	.free = form_free, .dirty = form_dirty, .discard = form_discard,
};

/* ---- recovery ----------------------------------------------------------------- */

/* The draft found at start; the interface is single-threaded and there is
 * at most one. */
static struct draft recovered;
static char recovered_path[4400];

static void recover_yes(struct app *a, void *ctx)
{
	(void)ctx;
	const struct form_spec *spec = form_spec((enum import_kind)recovered.kind);
	app_show(a, spec->scr);
	struct form *f = form_new(a, spec->kind);
	if (!f) {
		app_msg(a, "%s", gw_status_text(GW_ENOMEM));
		return;
	}
	if (recovered.id[0]) {
		struct gw_err err;
		records_free(&f->orig);
		if (records_load(a->gw, spec->kind, recovered.id, &f->orig, &err) != GW_OK) {
			/* The record is gone: the edit has nothing left to apply to. */
			app_msg(a, "%s", err.msg);
			records_free(&recovered.vals);
			draft_remove(recovered_path);
			form_free(f);
			return;
		}
		snprintf(f->id, sizeof f->id, "%s", recovered.id);
		snprintf(f->name, sizeof f->name, "%s", f->orig.name);
		/* The version it was opened at: a change by someone else since
		 * is refused on saving, not overwritten. */
		f->version = recovered.version;
	}
	for (int i = 0; i < f->n && i < recovered.vals.n; i++)
		set_val(a, f, i, recovered.vals.v[i] ? recovered.vals.v[i] : "");
	records_free(&recovered.vals);
	app_msg(a, "%s", ui_s(S_RECOVERED));
	app_push(a, &form_ops, f);
	save_draft(a, f);
}

static void recover_no(struct app *a, void *ctx)
{
	(void)a;
	(void)ctx;
	records_free(&recovered.vals);
	draft_remove(recovered_path);
}

void form_recover_offer(struct app *a)
{
	if (draft_dir(a->draft_dir, sizeof a->draft_dir) != 0)
		return;
	draft_path(a->draft_dir, a->db_path, recovered_path, sizeof recovered_path);
	if (draft_load(recovered_path, &recovered) != 0)
		return;
	const struct form_spec *spec = form_spec((enum import_kind)recovered.kind);
	const struct import_kind_ops *ops = import_ops((enum import_kind)recovered.kind);
	if (!spec || !ops || recovered.vals.n != ops->ncols) {
		records_free(&recovered.vals);
		return;
	}
	const char *name = "";
	for (int i = 0; i < spec->n; i++)
		if (spec->f[i].type == FF_TEXT) {
			name = recovered.vals.v[i];
			break;
		}
	char q[1024];
	snprintf(q, sizeof q, ui_s(recovered.id[0] ? S_ASK_RECOVER_EDIT : S_ASK_RECOVER_NEW),
		 ui_s(spec->title), name, recovered.at);
	dialog_confirm(a, q, recover_yes, recover_no, NULL);
}
