/* id.h - globally unique record ids and the clock.
 *
 * An id is 32 lowercase hex digits: 48 bits of milliseconds since 1970, then
 * 80 random bits (getrandom).  Offices never coordinate, yet two ids collide
 * only if made in the same millisecond with the same 80 random bits; and ids
 * sort by creation time, which keeps bulk inserts at the B-tree's edge. */
#ifndef GW_ID_H
#define GW_ID_H

#define GW_ID_LEN 32

/* Writes a new id and its NUL into out. */
void id_new(char out[GW_ID_LEN + 1]);

/* Current local time "YYYY-MM-DD HH:MM:SS".  $GRIDWORK_NOW, when set to such
 * a time, fixes the clock (tests and the deterministic demo). */
void clock_now(char out[20]);
/* Today's date "YYYY-MM-DD" by the same clock. */
void clock_today(char out[11]);

#endif
