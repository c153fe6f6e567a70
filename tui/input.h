/* input.h - a line of text asked for in a box over the screen: the reason
 * for a move, a note, the ticket a duplicate merges into.  A modal layer
 * (app.h) on the field model (field.h), so Chinese is typed, moved
 * through and deleted by whole characters and a long text scrolls.
 *
 * It may offer what the text typed so far finds (a list under the line;
 * Up and Down pick one, Enter takes it), as the merge asks for a ticket
 * by number or title.
 *
 * And a notice: a message too long for the status line (the core's
 * refusal of a move, which lists the moves allowed) in a box of its own.
 */
#ifndef GW_INPUT_H
#define GW_INPUT_H

#include <stddef.h>

#include "app.h"

/* Most suggestions listed at once. */
#define INPUT_MAX_ITEMS 8

struct input_item {
	char value[64];          /* what Enter hands over */
	char label[400];         /* what the list shows */
};

struct input_opts {
	const char *title;       /* in the top border */
	const char *about;       /* a line or two above the prompt; may be NULL */
	const char *prompt;      /* before the field ("退回原因：") */
	const char *initial;     /* the text to start with; may be NULL */
	int max_chars;           /* 0: no limit */
	int required;            /* Enter on blank text says so instead of answering */
	/* Fills at most max items from text; returns how many (0 when none,
	 * after writing why into note, size notesz, if it likes).  NULL: no
	 * list. */
	int (*suggest)(struct app *a, void *ctx, const char *text, struct input_item *items, int max,
		       char *note, size_t notesz);
	/* Runs after the box has closed, with the text (or the value of the
	 * item chosen); ctx must outlive the box.  Esc closes it without. */
	void (*done)(struct app *a, void *ctx, const char *text);
	void *ctx;
};

struct field;

/* The keys every one-line text box shares (this box, the table filter,
 * the lookup, the pickers): input_printable tells a key that types a
 * character; input_edit_key applies Backspace, Delete, Left and Right to
 * f, and with EDIT_CTRL_AE also Ctrl-A / Ctrl-E, with EDIT_HOME_END also
 * Home / End (where a box's list does not use those).  Returns -1 when
 * key is none of them, else ED_STILL, ED_MOVED (the cursor) or
 * ED_CHANGED (the text). */
enum { EDIT_CTRL_AE = 1, EDIT_HOME_END = 2 };
enum { ED_STILL, ED_MOVED, ED_CHANGED };
int input_printable(int key);
int input_edit_key(struct field *f, int key, unsigned flags);

/* Opens the box as a modal layer (the strings are copied); CH_* bits. */
unsigned input_open(struct app *a, const struct input_opts *o);

/* Shows text (copied) wrapped in a box under title until the next key,
 * which only closes it; the status line gets text too.  CH_* bits. */
unsigned input_notice(struct app *a, const char *title, const char *text);

#endif
