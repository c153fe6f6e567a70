/* csv_int.h - what the CSV reader (csv.c) shares with the writer
 * (csv_write.c); not for other modules, which use csv.h. */
#ifndef GW_CSV_INT_H
#define GW_CSV_INT_H

#include <stddef.h>

#include "status.h"

/* Fills err with "out of memory". */
void csv_oom(struct gw_err *err);

/* Grows *p to hold at least need bytes, doubling; *p and *cap are updated
 * and *p stays the caller's to free.  -1 when out of memory (*p unchanged). */
int csv_grow(char **p, size_t *cap, size_t need);

/* Offset of the first byte of s[0..n) that is NUL or not valid UTF-8, or n.
 * Strict: no overlong forms, surrogates or code points past U+10FFFF. */
size_t csv_utf8_check(const unsigned char *s, size_t n);

#endif
