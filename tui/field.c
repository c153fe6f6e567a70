/* field.c - the text field's editing model (see field.h).  No curses: the
 * form draws what field_view() returns and puts the cursor at *cursor_x. */
#include "field.h"

#include <stdlib.h>
#include <string.h>

#include "width.h"

/* Whether the character of k bytes at s is shown inert (a control or an
 * invalid byte): width.c decides, so a field and a table agree. */
static int inert(const char *s, size_t k)
{
	char out[8];
	size_t w = width_sanitize(s, k, out, sizeof out);
	return w == 1 && out[0] == '?' && !(k == 1 && s[0] == '?');
}

static int reserve(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 16;
	while (nc < need)
		nc *= 2;
	void *np = realloc(*p, nc * elem);
	if (!np)
		return -1;
	*p = np;
	*cap = nc;
	return 0;
}

/* Rebuilds the character index: a zero-width character joins the one
 * before it, so that one keystroke never leaves a mark on its own. */
static int reindex(struct field *f)
{
	size_t off = 0, n = 0;
	int col = 0;
	while (off < f->len) {
		wchar_t wc;
		size_t k = width_decode(f->buf + off, f->len - off, &wc);
		int w = width_char(wc);
		if (w == 0 && n > 0 && !inert(f->buf + off, k)) {
			off += k;
			continue;
		}
		if (reserve((void **)&f->ch, &f->chcap, n + 2, sizeof *f->ch) < 0)
			return -1;
		f->ch[n].byte = off;
		f->ch[n].col = col;
		n++;
		col += w;
		off += k;
	}
	if (reserve((void **)&f->ch, &f->chcap, n + 1, sizeof *f->ch) < 0)
		return -1;
	f->ch[n].byte = f->len;
	f->ch[n].col = col;
	f->nch = n;
	if (f->cur > n)
		f->cur = n;
	return 0;
}

int field_init(struct field *f, size_t max_chars)
{
	memset(f, 0, sizeof *f);
	f->max_chars = max_chars;
	if (reserve((void **)&f->buf, &f->cap, 16, 1) < 0)
		return -1;
	f->buf[0] = 0;
	return reindex(f);
}

void field_free(struct field *f)
{
	free(f->buf);
	free(f->ch);
	memset(f, 0, sizeof *f);
}

const char *field_text(const struct field *f)
{
	return f->buf ? f->buf : "";
}

size_t field_chars(const struct field *f)
{
	return f->nch;
}

int field_width(const struct field *f)
{
	return f->ch ? f->ch[f->nch].col : 0;
}

int field_cursor_col(const struct field *f)
{
	return f->ch ? f->ch[f->cur].col : 0;
}

int field_set(struct field *f, const char *s, size_t n)
{
	if (reserve((void **)&f->buf, &f->cap, n + 1, 1) < 0)
		return -1;
	memcpy(f->buf, s, n);
	f->buf[n] = 0;
	f->len = n;
	f->cur = 0;
	f->scroll = 0;
	if (reindex(f) < 0)
		return -1;
	int cut = 0;
	if (f->max_chars && f->nch > f->max_chars) {
		f->len = f->ch[f->max_chars].byte;
		f->buf[f->len] = 0;
		cut = 1;
		if (reindex(f) < 0)
			return -1;
	}
	f->cur = f->nch;
	return cut;
}

/* The index of the first character starting at or after byte off. */
static size_t char_at(const struct field *f, size_t off)
{
	size_t i = 0;
	while (i < f->nch && f->ch[i].byte < off)
		i++;
	return i;
}

int field_insert(struct field *f, const char *s, size_t n)
{
	int added = 0;
	size_t off = 0;
	while (off < n) {
		wchar_t wc;
		size_t k = width_decode(s + off, n - off, &wc);
		const char *c = s + off;
		off += k;
		if (inert(c, k) && !(f->multiline && k == 1 && *c == '\n'))
			continue;
		/* A mark with nothing before it would combine with whatever
		 * the screen shows left of the field. */
		if (width_char(wc) == 0 && f->cur == 0)
			continue;
		if (width_char(wc) != 0 && f->max_chars && f->nch >= f->max_chars)
			break;
		if (reserve((void **)&f->buf, &f->cap, f->len + k + 1, 1) < 0)
			return -1;
		size_t at = f->ch[f->cur].byte;
		memmove(f->buf + at + k, f->buf + at, f->len - at + 1);
		memcpy(f->buf + at, c, k);
		f->len += k;
		if (reindex(f) < 0)
			return -1;
		f->cur = char_at(f, at + k);
		if (width_char(wc) != 0)
			added++;
	}
	return added;
}

int field_insert_wc(struct field *f, wchar_t wc)
{
	char u[4];
	size_t k;
	unsigned c = (unsigned)wc;
	if (c >= 0xD800 && c <= 0xDFFF)
		return 0;
	if (c < 0x80) {
		u[0] = (char)c;
		k = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3F));
		k = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | c >> 12);
		u[1] = (char)(0x80 | (c >> 6 & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		k = 3;
	} else if (c < 0x110000) {
		u[0] = (char)(0xF0 | c >> 18);
		u[1] = (char)(0x80 | (c >> 12 & 0x3F));
		u[2] = (char)(0x80 | (c >> 6 & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		k = 4;
	} else {
		return 0;
	}
	return field_insert(f, u, k);
}

/* Removes character i (with its marks). */
static void remove_char(struct field *f, size_t i)
{
	size_t a = f->ch[i].byte, b = f->ch[i + 1].byte;
	memmove(f->buf + a, f->buf + b, f->len - b + 1);
	f->len -= b - a;
	/* Shrinking never allocates, so reindex cannot fail here. */
	(void)reindex(f);
}

int field_backspace(struct field *f)
{
	if (f->cur == 0)
		return 0;
	f->cur--;
	remove_char(f, f->cur);
	return 1;
}

int field_delete(struct field *f)
{
	if (f->cur >= f->nch)
		return 0;
	remove_char(f, f->cur);
	return 1;
}

int field_left(struct field *f)
{
	if (f->cur == 0)
		return 0;
	f->cur--;
	return 1;
}

int field_right(struct field *f)
{
	if (f->cur >= f->nch)
		return 0;
	f->cur++;
	return 1;
}

int field_home(struct field *f)
{
	if (f->cur == 0)
		return 0;
	f->cur = 0;
	return 1;
}

int field_end(struct field *f)
{
	if (f->cur == f->nch)
		return 0;
	f->cur = f->nch;
	return 1;
}

/* The first character boundary at or after column col. */
static int snap_up(const struct field *f, int col)
{
	for (size_t i = 0; i <= f->nch; i++)
		if (f->ch[i].col >= col)
			return f->ch[i].col;
	return f->ch[f->nch].col;
}

size_t field_view(struct field *f, int cols, char *out, size_t outsz, int *cursor_x)
{
	size_t o = 0;
	if (outsz == 0)
		return 0;
	out[0] = 0;
	if (cols <= 0) {
		*cursor_x = 0;
		return 0;
	}
	int cc = f->ch[f->cur].col;
	int cw = f->cur < f->nch ? f->ch[f->cur + 1].col - cc : 1;
	if (cw < 1)
		cw = 1;
	int total = f->ch[f->nch].col;
	/* Show as much as fits, keeping the cursor (and the whole character
	 * under it, or the free cell after the end) inside. */
	if (total + 1 <= cols)
		f->scroll = 0;
	else if (f->scroll > total + 1 - cols)
		f->scroll = snap_up(f, total + 1 - cols);
	if (cc < f->scroll)
		f->scroll = cc;
	if (cc + cw > f->scroll + cols)
		f->scroll = snap_up(f, cc + cw - cols);
	if (f->scroll > cc)   /* a field narrower than the character */
		f->scroll = cc;
	f->scroll = snap_up(f, f->scroll);

	int x = 0;
	for (size_t i = 0; i < f->nch; i++) {
		if (f->ch[i].col < f->scroll)
			continue;
		int w = f->ch[i + 1].col - f->ch[i].col;
		if (f->ch[i].col - f->scroll + w > cols)
			break;
		const char *c = f->buf + f->ch[i].byte;
		size_t k = f->ch[i + 1].byte - f->ch[i].byte;
		char tmp[64];
		/* A pile of marks beyond what a cell holds: show the base. */
		if (k >= sizeof tmp)
			k = width_decode(c, k, NULL);
		k = width_sanitize(c, k, tmp, sizeof tmp);
		c = tmp;
		if (o + k + 1 > outsz)
			break;
		memcpy(out + o, c, k);
		o += k;
		x = f->ch[i + 1].col - f->scroll;
	}
	while (x < cols && o + 2 <= outsz) {
		out[o++] = ' ';
		x++;
	}
	out[o] = 0;
	*cursor_x = cc - f->scroll;
	return o;
}

int field_wrap(const struct field *f, int cols, size_t *starts, int max)
{
	int n = 0, w = 0;
	if (max < 1)
		return 0;
	starts[n++] = 0;
	for (size_t i = 0; i < f->nch; i++) {
		int cw = f->ch[i + 1].col - f->ch[i].col;
		if (f->buf[f->ch[i].byte] == '\n') {
			if (n == max)
				break;
			starts[n++] = i + 1;
			w = 0;
			continue;
		}
		if (w + cw > cols && w > 0) {
			if (n == max)
				break;
			starts[n++] = i;
			w = 0;
		}
		w += cw;
	}
	return n;
}
