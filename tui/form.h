/* form.h - the record forms: every kind created (n), opened ready to edit
 * (Enter) and saved through import_one(), the same checks and messages as
 * an imported file; the core's message shows next to the field it names.
 *
 * A form is a modal layer (app.h).  Its fields come in the order of the
 * kind's CSV contract (tui/formspec.h); Tab and Shift-Tab (or Down and
 * Up) move between them; Ctrl-S or F9 saves; Esc cancels, asking first
 * when something was typed.  After a new record is saved a fresh form
 * opens, keeping the grid and the kind chosen, until Esc: typing up a
 * paper register.  Unsaved input is kept in a draft file on every change
 * (tui/draft.h) and offered back on the next start.
 */
#ifndef GW_FORM_H
#define GW_FORM_H

#include "app.h"
#include "import.h"

/* Opens kind k's form for record id, or for a new record (id NULL) that
 * starts in the grid with code grid_code when that is given.  Returns CH_*
 * bits (the message line says why when the record cannot be read). */
unsigned form_open(struct app *a, enum import_kind k, const char *id, const char *grid_code);

/* At start: when a form's input was left unsaved by a program that ended
 * without saving or cancelling it, asks whether to bring it back. */
void form_recover_offer(struct app *a);

#endif
