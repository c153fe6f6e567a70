/* input.c - the text-input box (see input.h). */
#include "input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "width.h"

struct input {
	struct input_opts o;
	char title[160], about[600], prompt[96];
	struct field f;
	struct input_item items[INPUT_MAX_ITEMS];
	int n, sel;
	char note[512];          /* why nothing is listed, or that text is required */
};

static int cols_of(const char *s)
{
	return width_str(s, strlen(s));
}

static int blank(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0';
}

static void refill(struct app *a, struct input *in)
{
	in->n = 0;
	in->sel = 0;
	in->note[0] = 0;
	if (in->o.suggest)
		in->n = in->o.suggest(a, in->o.ctx, field_text(&in->f), in->items, INPUT_MAX_ITEMS,
				      in->note, sizeof in->note);
	if (in->n < 0)
		in->n = 0;
}

/* Closes the box, then answers, so that done may open another layer. */
static unsigned answer(struct app *a, struct input *in)
{
	char *text = strdup(in->n ? in->items[in->sel].value : field_text(&in->f));
	void (*done)(struct app *, void *, const char *) = in->o.done;
	void *ctx = in->o.ctx;
	if (!text)
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	app_pop(a);
	if (done)
		done(a, ctx, text);
	free(text);
	return CH_ALL;
}

int input_printable(int key)
{
	return !KEY_IS_CODE(key) && key >= 32 && key != 127;
}

int input_edit_key(struct field *f, int key, unsigned flags)
{
	if (key == KC(KEY_BACKSPACE) || key == 127 || key == 8)
		return field_backspace(f) ? ED_CHANGED : ED_STILL;
	if (key == KC(KEY_DC))
		return field_delete(f) ? ED_CHANGED : ED_STILL;
	int home = ((flags & EDIT_HOME_END) && key == KC(KEY_HOME)) ||
		   ((flags & EDIT_CTRL_AE) && key == KEY_CTRL('a'));
	int end = ((flags & EDIT_HOME_END) && key == KC(KEY_END)) ||
		  ((flags & EDIT_CTRL_AE) && key == KEY_CTRL('e'));
	int moved;
	if (key == KC(KEY_LEFT))
		moved = field_left(f);
	else if (key == KC(KEY_RIGHT))
		moved = field_right(f);
	else if (home)
		moved = field_home(f);
	else if (end)
		moved = field_end(f);
	else
		return -1;
	return moved ? ED_MOVED : ED_STILL;
}

static unsigned input_key(struct app *a, void *m, int key)
{
	struct input *in = m;
	int changed = 0;
	int ed;
	if (input_printable(key)) {
		int r = field_insert_wc(&in->f, (wchar_t)key);
		if (r < 0)
			return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
		if (r == 0 && in->o.max_chars && field_chars(&in->f) >= (size_t)in->o.max_chars) {
			snprintf(in->note, sizeof in->note, ui_s(S_FORM_FULL), in->o.max_chars);
			return CH_BODY;
		}
		changed = r > 0;
	} else if ((ed = input_edit_key(&in->f, key, EDIT_CTRL_AE | EDIT_HOME_END)) >= 0) {
		if (ed != ED_CHANGED)
			return ed == ED_MOVED ? CH_BODY : CH_NONE;
		changed = 1;
	} else if (key == KC(KEY_UP) || key == KC(KEY_DOWN)) {
		int sel = in->sel + (key == KC(KEY_UP) ? -1 : 1);
		if (sel < 0 || sel >= in->n)
			return CH_NONE;
		in->sel = sel;
		return CH_BODY;
	} else {
		switch (action_for_key_in(key, SC_FILTER | SC_GLOBAL)) {
		case ACT_CHOOSE:
			if (in->o.required && !in->n && blank(field_text(&in->f))) {
				snprintf(in->note, sizeof in->note, "%s", ui_s(S_INPUT_REQUIRED));
				return CH_BODY;
			}
			return answer(a, in);
		case ACT_BACK:
			return app_pop(a);
		case ACT_HELP:
		case ACT_REDRAW:
		case ACT_QUIT:
			return CH_UNHANDLED;
		default:
			return CH_NONE;
		}
	}
	if (!changed)
		return CH_NONE;
	if (in->o.suggest)
		refill(a, in);
	else
		in->note[0] = 0;
	return CH_BODY;
}

/* The lines `about` wraps to in cols (at most max); their starts and lengths. */
static int wrap_about(const char *s, int cols, size_t *start, size_t *len, int max)
{
	size_t n = strlen(s), off = 0;
	int k = 0;
	while (off < n && k < max) {
		size_t nx, l = ui_wrap(s + off, n - off, cols, &nx);
		start[k] = off;
		len[k++] = l;
		off += nx;
	}
	return k;
}

static void input_draw(struct app *a, void *m, int rows, int cols)
{
	struct input *in = m;
	int w = cols - 8 < 72 ? cols - 8 : 72;
	int inner = w - 4;
	size_t st[3], ln[3];
	int nabout = wrap_about(in->about, inner, st, ln, 3);
	int nlist = in->o.suggest ? INPUT_MAX_ITEMS : 0;
	int h = 2 + nabout + (nabout ? 1 : 0) + 1 + 1 + nlist + 1;
	if (h > rows - 3)
		h = rows - 3;
	int y = 1 + (rows - 3 - h) / 2, x = (cols - w) / 2, line = y + 1;
	ui_box(stdscr, y, x, h, w, in->title);
	for (int i = 0; i < nabout; i++) {
		char one[600];
		snprintf(one, sizeof one, "%.*s", (int)ln[i], in->about + st[i]);
		ui_text(stdscr, line++, x + 2, inner, one, A_NORMAL, UI_LEFT);
	}
	if (nabout)
		line++;
	int pw = cols_of(in->prompt);
	if (pw > inner / 2)
		pw = inner / 2;
	char view[4 * 80 + 1];
	int cx;
	field_view(&in->f, inner - pw, view, sizeof view, &cx);
	ui_text(stdscr, line, x + 2, pw, in->prompt, A_BOLD, UI_LEFT);
	ui_text(stdscr, line, x + 2 + pw, inner - pw, view, A_UNDERLINE, UI_LEFT);
	a->cursor_y = line;
	a->cursor_x = x + 2 + pw + cx;
	line += 2;
	int last = y + h - 2;   /* the note's line */
	for (int i = 0; i < in->n && line < last; i++)
		ui_text(stdscr, line++, x + 2, inner, in->items[i].label,
			i == in->sel ? A_REVERSE : A_NORMAL, UI_LEFT);
	ui_text(stdscr, last, x + 2, inner, in->note, A_BOLD, UI_LEFT);
}

static void input_free(void *m)
{
	struct input *in = m;
	field_free(&in->f);
	free(in);
}

/* Quitting asks first when a reason has been typed. */
static int input_dirty(void *m)
{
	struct input *in = m;
	return !blank(field_text(&in->f));
}

static const struct modal_ops input_ops = {
	.title = S_INPUT_HELP, .scope = SC_FILTER, .on_key = input_key, .draw = input_draw,
	.free = input_free, .dirty = input_dirty,
};

unsigned input_open(struct app *a, const struct input_opts *o)
{
	struct input *in = calloc(1, sizeof *in);
	if (!in || field_init(&in->f, o->max_chars > 0 ? (size_t)o->max_chars : 0) < 0) {
		free(in);
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	}
	in->o = *o;
	snprintf(in->title, sizeof in->title, "%s", o->title ? o->title : "");
	snprintf(in->about, sizeof in->about, "%s", o->about ? o->about : "");
	snprintf(in->prompt, sizeof in->prompt, "%s", o->prompt ? o->prompt : "");
	in->o.title = in->title;
	in->o.about = in->about;
	in->o.prompt = in->prompt;
	in->o.initial = NULL;
	if (o->initial && *o->initial && field_set(&in->f, o->initial, strlen(o->initial)) < 0) {
		input_free(in);
		return app_msg(a, "%s", gw_status_text(GW_ENOMEM));
	}
	if (o->suggest)
		refill(a, in);
	return app_push(a, &input_ops, in);
}

/* ---- notices ---------------------------------------------------------------- */

struct notice {
	char title[160];
	char text[1024];
};

static unsigned notice_key(struct app *a, void *m, int key)
{
	(void)m;
	switch (action_for_key_in(key, SC_GLOBAL)) {
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_QUIT:
		return CH_UNHANDLED;
	default:
		return app_pop(a);
	}
}

static void notice_draw(struct app *a, void *m, int rows, int cols)
{
	struct notice *n = m;
	(void)a;
	int w = cols - 8 < 64 ? cols - 8 : 64;
	int inner = w - 4;
	size_t st[8], ln[8];
	int k = wrap_about(n->text, inner, st, ln, 8);
	int h = k + 4;
	int y = 1 + (rows - 3 - h) / 2, x = (cols - w) / 2;
	ui_box(stdscr, y, x, h, w, n->title);
	for (int i = 0; i < k; i++) {
		char one[1024];
		snprintf(one, sizeof one, "%.*s", (int)ln[i], n->text + st[i]);
		ui_text(stdscr, y + 1 + i, x + 2, inner, one, A_NORMAL, UI_LEFT);
	}
	const char *foot = ui_s(S_NOTICE_FOOT);
	int fw = cols_of(foot);
	ui_text(stdscr, y + h - 2, x + w - 2 - fw, fw, foot, A_BOLD, UI_LEFT);
}

static void notice_free(void *m)
{
	free(m);
}

static const struct modal_ops notice_ops = {
	.title = S_NOTICE_HELP, .scope = 0, .on_key = notice_key, .draw = notice_draw,
	.free = notice_free,
};

unsigned input_notice(struct app *a, const char *title, const char *text)
{
	struct notice *n = calloc(1, sizeof *n);
	app_msg(a, "%s", text);
	if (!n)
		return CH_BARS;
	snprintf(n->title, sizeof n->title, "%s", title ? title : "");
	snprintf(n->text, sizeof n->text, "%s", text);
	return app_push(a, &notice_ops, n) | CH_BARS;
}
