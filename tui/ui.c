/* ui.c - the string catalogue and the shared drawing primitives. */
#include "ui.h"

#include <string.h>

#include "status.h"
#include "width.h"

static const char *const strings[S_COUNT][2] = {
#define UI_X_DEF(id, zh, en) [id] = {zh, en},
	UI_STRINGS(UI_X_DEF)
#undef UI_X_DEF
};

const char *ui_s(enum ui_str id)
{
	if ((int)id < 0 || id >= S_COUNT)
		return "";
	return gw_tr(strings[id][0], strings[id][1]);
}

/* Widest cell we ever draw; wider requests are cut to it. */
#define UI_MAX_COLS 512

void ui_text(WINDOW *w, int y, int x, int cols, const char *s, attr_t attr, enum ui_align al)
{
	static char out[WIDTH_CROP_BUFSZ(UI_MAX_COLS)];
	if (cols <= 0)
		return;
	if (cols > UI_MAX_COLS)
		cols = UI_MAX_COLS;
	if (!s)
		s = "";
	if (al == UI_RIGHT)
		width_crop_right(s, strlen(s), cols, out, sizeof out);
	else
		width_crop(s, strlen(s), cols, 1, out, sizeof out);
	wattrset(w, attr);
	mvwaddstr(w, y, x, out);
	wattrset(w, A_NORMAL);
}

void ui_clear(WINDOW *w, int y, int x, int h, int cols)
{
	for (int i = 0; i < h; i++)
		ui_text(w, y + i, x, cols, "", A_NORMAL, UI_LEFT);
}

void ui_box(WINDOW *w, int y, int x, int h, int cols, const char *title)
{
	if (h < 2 || cols < 2)
		return;
	ui_clear(w, y + 1, x + 1, h - 2, cols - 2);
	mvwadd_wch(w, y, x, WACS_ULCORNER);
	mvwhline_set(w, y, x + 1, WACS_HLINE, cols - 2);
	mvwadd_wch(w, y, x + cols - 1, WACS_URCORNER);
	mvwvline_set(w, y + 1, x, WACS_VLINE, h - 2);
	mvwvline_set(w, y + 1, x + cols - 1, WACS_VLINE, h - 2);
	mvwadd_wch(w, y + h - 1, x, WACS_LLCORNER);
	mvwhline_set(w, y + h - 1, x + 1, WACS_HLINE, cols - 2);
	mvwadd_wch(w, y + h - 1, x + cols - 1, WACS_LRCORNER);
	if (title && *title && cols > 6) {
		int tw = width_str(title, strlen(title));
		if (tw > cols - 6)
			tw = cols - 6;
		ui_text(w, y, x + 2, 1, "", A_NORMAL, UI_LEFT);
		ui_text(w, y, x + 3, tw, title, A_BOLD, UI_LEFT);
		ui_text(w, y, x + 3 + tw, 1, "", A_NORMAL, UI_LEFT);
	}
}

size_t ui_wrap(const char *s, size_t n, int cols, size_t *next)
{
	size_t off = 0, brk = 0;
	int used = 0;
	if (cols < 1)
		cols = 1;
	while (off < n) {
		wchar_t wc;
		size_t k = width_decode(s + off, n - off, &wc);
		int cw = width_char(wc);
		if (used + cw > cols && off > 0)
			break;
		used += cw;
		off += k;
		if (wc == ' ')
			brk = off;
	}
	size_t end = off;
	/* Break at the last space when it keeps at least half the line. */
	if (off < n && brk > 0 && width_str(s, brk) * 2 >= cols)
		end = brk;
	size_t nx = end;
	while (nx < n && s[nx] == ' ')
		nx++;
	*next = nx;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	return end;
}
