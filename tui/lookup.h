/* lookup.h - the quick lookup (Ctrl-F or ':' from any screen): a box over
 * the screen that finds records as the clerk types - part of a name,
 * pinyin initials, a phone or its last four digits, a code or a ticket
 * number (core/search.h) - grouped by kind, instructors first.  An
 * organisation's row shows the instructors who look after it, with their
 * phones, without opening it.  Enter jumps to the record on its screen
 * (listscr_goto: the table kept to that record, Esc there clears it); a
 * grid opens the roster kept to that grid in the tree.  Esc closes.
 */
#ifndef GW_LOOKUP_H
#define GW_LOOKUP_H

#include "app.h"

/* Opens the lookup as a modal layer; CH_* bits. */
unsigned lookup_open(struct app *a);

/* Whether Ctrl-F means the lookup now: on a screen, in a ticket's detail,
 * or in the lookup (which it closes); a box being typed in keeps it. */
int lookup_offered(struct app *a);

#endif
