/* width.h - display-width arithmetic for UTF-8 text on a terminal.
 *
 * All width maths lives here (STYLE.md point 7): Chinese characters take two
 * columns, combining marks none, and invalid bytes are shown as one-column
 * U+FFFD so a bad byte can never misalign a table.  Control characters
 * (C0, DEL, C1, ESC sequences) are never passed through: they are shown
 * inert, as one column each ('?' replacement via width_sanitize).  No curses.
 *
 * Independent of the process locale: the UTF-8 decoder and the Unicode 15
 * width table are our own, so a row lines up the same under C, C.UTF-8 or
 * zh_CN.UTF-8.  Ambiguous-width characters (●, —, …) count one column (see
 * STYLE.md "Keep out of the chrome").  Invalid means: a stray or unexpected
 * byte, an overlong form, a surrogate, anything above U+10FFFF or a sequence
 * cut short; each such byte is one character of its own.  Besides C0, DEL
 * and C1, U+2028/2029 and the bidi embeddings, overrides and isolates
 * (U+202A-202E, U+2066-2069) count as controls, since they can break or
 * reorder a row.  All functions are pure and take n bytes (no NUL needed).
 */
#ifndef GW_WIDTH_H
#define GW_WIDTH_H

#include <stddef.h>
#include <wchar.h>

/* width_crop keeps at most this many zero-width characters after each
 * character, as ncurses does per cell; the rest are dropped. */
#define WIDTH_MAX_MARKS 4

/* An output buffer this size always holds a crop to `cols` columns whole:
 * a column costs at most a 4-byte character plus WIDTH_MAX_MARKS 4-byte
 * marks. */
#define WIDTH_CROP_BUFSZ(cols) ((size_t)(cols) * 4 * (1 + WIDTH_MAX_MARKS) + 1)

/* Decodes one UTF-8 character at s (at most n bytes).  Returns the number of
 * bytes consumed (1 for an invalid byte, with *wc = 0xFFFD) and 0 at n == 0
 * (with *wc = 0).  wc may be NULL. */
size_t width_decode(const char *s, size_t n, wchar_t *wc);

/* Display columns of one character: 0, 1 or 2. Controls count 1 (shown as
 * replacement), invalid / unprintable count 1. */
int width_char(wchar_t wc);

/* Display columns of a UTF-8 string of n bytes. */
int width_str(const char *s, size_t n);

/* Copies s (n bytes) into out (size outsz, always NUL-terminated), cropped to
 * at most `cols` display columns.  When it does not fit, the text is cut at a
 * character boundary and ends with the marker '>' (one column), and a
 * double-width character that would straddle the edge is dropped and the
 * space padded, so the result is exactly within cols.  Controls and invalid
 * bytes become '?'.  When pad is set the result is padded with spaces to
 * exactly `cols` columns.  Returns the display width written.
 *
 * Precisely: text that fits (width_str(s, n) <= cols) is copied whole, and
 * only pad adds trailing spaces.  Text that does not fit always comes out
 * exactly cols wide, pad or not: the longest prefix of at most cols - 1
 * columns, spaces up to column cols - 1, then '>' in the last column, so
 * markers line up down a table column.  "舒城县" in 5 columns is "舒城>",
 * in 4 columns "舒 >", in 1 column ">".  cols <= 0 gives "".  A zero-width
 * character with nothing before it in the output is dropped (it would
 * combine with whatever is drawn to the left of the cell), as are marks
 * beyond WIDTH_MAX_MARKS.  If outsz is too small the output stops at the
 * last whole character that fits (a marker or padding may then be missing);
 * WIDTH_CROP_BUFSZ(cols) is always enough.  The return value is the width
 * of what is in out, never more than cols; with outsz == 0 out is untouched. */
int width_crop(const char *s, size_t n, int cols, int pad, char *out, size_t outsz);

/* Same, right-aligned within cols (pads on the left): the result is always
 * exactly cols wide unless outsz is too small. */
int width_crop_right(const char *s, size_t n, int cols, char *out, size_t outsz);

/* Copies s into out replacing control characters and invalid bytes with '?'
 * (ESC, BEL, CR, LF, TAB included); returns bytes written (excluding NUL).
 * Each invalid byte becomes its own '?'.  Nothing else is changed or dropped;
 * if outsz is too small the copy stops at a character boundary.  Output
 * never exceeds n bytes. */
size_t width_sanitize(const char *s, size_t n, char *out, size_t outsz);

/* Byte offset of the character boundary before / after byte offset off in s
 * (n bytes).  For text fields: one keystroke moves or deletes one character.
 * An invalid byte is one character.  width_prev(0) is 0; width_next at or
 * past n is n.  Both agree with decoding forward from the start. */
size_t width_prev(const char *s, size_t n, size_t off);
size_t width_next(const char *s, size_t n, size_t off);

/* Number of characters (not bytes, not columns) in s. */
size_t width_chars(const char *s, size_t n);

#endif
