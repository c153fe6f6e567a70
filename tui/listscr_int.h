/* listscr_int.h - what the list screens' engine (listscr.c) and its page
 * reading (listscr_read.c) share; not for the panes. */
#ifndef GW_LISTSCR_INT_H
#define GW_LISTSCR_INT_H

#include "listscr.h"

/* Rows fetched at a time. */
#define LIST_CHUNK_ROWS 60

/* Reads the selected record's detail when the selection moved to another
 * record (or always, with force). */
void listscr_detail(struct app *a, struct listscr *s, int force);

/* The list from its first row after the node, filter or sort changed;
 * when that does not fit in the key's frame, later (s->pending). */
void listscr_requery(struct app *a, struct listscr *s);

/* Moves the selection for a movement action (CH_UNHANDLED for any other),
 * fetching rows as needed; a fetch that does not fit in the frame makes
 * the move wait (s->pending).  CH_* bits. */
unsigned listscr_move(struct app *a, struct listscr *s, enum action act);

#endif
