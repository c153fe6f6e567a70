/* changeset.h - a strict reader of SQLite's changeset format (the session
 * extension's, which sync packages carry).  SQLite 3.40.1's own iterator
 * trusts its input: some malformed changesets make sqlite3changeset_next
 * loop for ever (fuzz findings sync/timeout-*), so a changeset from outside
 * is walked here first and SQLite only ever sees well-formed ones. */
#ifndef GW_CHANGESET_H
#define GW_CHANGESET_H

#include <stddef.h>

/* The most columns a table may have in a changeset gridwork reads (the
 * widest table has far fewer; sync keeps 64 per table). */
#define CHANGESET_MAX_COLS 64

/* Whether the n bytes at p are a well-formed changeset (not a patchset):
 * one or more table groups, each a header - 'T', a varint column count
 * 1..CHANGESET_MAX_COLS, one primary-key byte per column (0, or the
 * column's 1-based place in the key: 1..k for a k-column key, each once,
 * k >= 1), a non-empty NUL-terminated name - followed by one or more
 * changes: op byte 18 INSERT, 9 DELETE or 23 UPDATE, indirect byte 0 or 1,
 * then one record (INSERT, DELETE) or two (UPDATE: old, new) of one value
 * per column.  A value is a type byte: 1 integer and 2 real followed by 8
 * bytes, 3 text and 4 blob by a varint length and that many bytes, 5 NULL,
 * and 0 "undefined" only in an UPDATE's records (never for a key column of
 * the old record).  Every length must stay inside the n bytes, and the
 * last change must end exactly at p + n.  n == 0 is an empty changeset.
 * Returns 1 and the number of changes in *changes (when changes is not
 * NULL), or 0 (and *changes 0) when malformed.  Linear in n, no
 * allocation; safe on any bytes. */
int changeset_valid(const void *p, size_t n, long *changes);

#endif
