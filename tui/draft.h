/* draft.h - a form's unsaved input kept on disk, so that it survives a
 * crash or a closed SSH session and is offered back on the next start.
 *
 * One small text file per database, in $XDG_STATE_HOME/gridwork/ (or
 * ~/.local/state/gridwork/), mode 0600 (it may hold phone numbers), named
 * after the database's path.  Written whole to a temporary file and
 * renamed over the old one, so a reader sees the previous draft or the
 * new one, never half of one.  No curses. */
#ifndef GW_DRAFT_H
#define GW_DRAFT_H

#include <stddef.h>

#include "records.h"

struct draft {
	char db[4096];          /* the database it belongs to (as given) */
	int kind;               /* enum import_kind */
	char id[64];            /* the record being edited, "" for a new one */
	int version;            /* its version when the form opened */
	char at[20];            /* when the draft was written */
	struct record_vals vals;
};

/* The directory drafts go in (created, mode 0700, when missing) into out;
 * returns 0, or -1 when there is no home for it (out is then ""). */
int draft_dir(char *out, size_t outsz);

/* The draft file of the database at db_path, inside dir. */
void draft_path(const char *dir, const char *db_path, char *out, size_t outsz);

/* Writes d to path atomically, mode 0600.  Returns 0, or -1 with errno. */
int draft_save(const char *path, const struct draft *d);

/* Reads path into d (d->vals freed with records_free).  Returns 0, 1 when
 * there is no draft, -1 when the file is not a draft (it is then left). */
int draft_load(const char *path, struct draft *d);

/* Removes the draft (no error when there is none). */
void draft_remove(const char *path);

#endif
