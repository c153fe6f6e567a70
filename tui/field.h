/* field.h - the editing model of a single-line text field, without curses.
 *
 * ncurses' libformw mishandles double-width text (issue 5), so forms use
 * this instead.  The text is UTF-8; for each character the field keeps its
 * byte offset and display column (STYLE.md point 7), so the cursor moves by
 * character, Backspace and Delete remove one whole character (a base with
 * its combining marks), and a field narrower than its text scrolls by
 * display columns without ever showing half of a double-width character.
 * Limits are in characters; the buffer grows in bytes as needed.
 * Invalid bytes in text given to field_set are kept, one character each,
 * and shown as '?'; control characters cannot be typed in, except line
 * feeds in a field with multiline set (the form wraps those itself).
 */
#ifndef GW_FIELD_H
#define GW_FIELD_H

#include <stddef.h>
#include <wchar.h>

struct field_ch {
	size_t byte;            /* offset of the character in buf */
	int col;                /* display column where it starts */
};

struct field {
	char *buf;              /* NUL-terminated UTF-8 */
	size_t len, cap;
	struct field_ch *ch;    /* nch characters, then ch[nch] = {len, width} */
	size_t nch, chcap;
	size_t cur;             /* cursor: index of the character it stands before */
	int scroll;             /* display column shown at the field's left edge */
	size_t max_chars;       /* 0: no limit */
	int multiline;          /* line feeds may be typed in (a long text) */
};

/* Sets up an empty field holding at most max_chars characters (0: no
 * limit).  Returns 0, or -1 when out of memory.  Free with field_free. */
int field_init(struct field *f, size_t max_chars);
void field_free(struct field *f);

/* Replaces the text with s (n bytes) and puts the cursor at the end.
 * Characters beyond the limit are dropped (returns 1 then).  Returns 0, or
 * -1 when out of memory (the field is then unchanged). */
int field_set(struct field *f, const char *s, size_t n);

/* The text (owned by the field, valid until the next change). */
const char *field_text(const struct field *f);

/* Characters in the field, and its width in display columns. */
size_t field_chars(const struct field *f);
int field_width(const struct field *f);

/* Inserts the UTF-8 text s (n bytes) at the cursor, which moves past it.
 * Control characters and invalid bytes are skipped, and so is what would
 * go beyond the limit.  Returns the number of characters inserted, or -1
 * when out of memory. */
int field_insert(struct field *f, const char *s, size_t n);

/* Inserts one character typed as a wide character (from get_wch). */
int field_insert_wc(struct field *f, wchar_t wc);

/* Editing and movement.  Each returns 1 when the text or the cursor
 * changed, 0 when there was nothing to do. */
int field_backspace(struct field *f);
int field_delete(struct field *f);
int field_left(struct field *f);
int field_right(struct field *f);
int field_home(struct field *f);
int field_end(struct field *f);

/* Display column of the cursor from the start of the text. */
int field_cursor_col(const struct field *f);

/* What a field `cols` display columns wide shows: adjusts the scroll so the
 * cursor is visible, writes exactly cols columns (text, then spaces) to out
 * (size outsz: 4 * cols + 1 bytes hold any text without combining marks;
 * with less room the view stops at the last whole character that fits),
 * and sets *cursor_x to the cursor's column within the field.  A double-width
 * character that would straddle either edge is not shown (a space stands
 * in).  Returns the number of bytes written. */
size_t field_view(struct field *f, int cols, char *out, size_t outsz, int *cursor_x);

/* A long text (multiline) shown in lines of cols display columns: writes
 * where each line starts (character indexes) into starts, breaking after
 * a line feed and before a character that would pass cols, and returns
 * the number of lines, at least 1 and at most max.  The line feeds
 * themselves are not shown; a line holding the cursor is the last one
 * whose start is at most f->cur. */
int field_wrap(const struct field *f, int cols, size_t *starts, int max);

#endif
