/* pager.h - a window of rows over a keyset-paged list (STYLE.md point 6).
 *
 * A table over a million tickets holds only a few hundred rows around the
 * selection: moving past either end of the window fetches the next chunk
 * after (or before) the row at that end and drops rows far behind.  The
 * table widget's selection and scroll are indexes into the window; the
 * pager shifts them when rows come in or go at the front.  Nothing counts
 * the whole list: the row's absolute number is known while the window has
 * been reached from the start, the total once the end has been seen too.
 * No curses; the fetch function is the list's (core/list.h) or a test's.
 */
#ifndef GW_PAGER_H
#define GW_PAGER_H

#include "list.h"

/* Reads up to limit rows after `from` (backward: before it), in display
 * order, into out; from NULL means from the start (backward: the last
 * rows).  Fewer than limit rows means that end was reached. */
typedef enum gw_status (*pager_fetch_fn)(void *ctx, const struct list_row *from, int backward,
					 int limit, struct list_row *out, int *n,
					 struct gw_err *err);

struct pager {
	struct list_row *rows;  /* the window: n rows of cap */
	int n, cap, chunk;
	int at_start, at_end;   /* nothing before rows[0] / after rows[n - 1] */
	long long base;         /* index in the whole list of rows[0]; -1 unknown */
	struct list_row *tmp;   /* chunk rows of scratch */
	pager_fetch_fn fetch;
	void *ctx;
};

/* Sets up an empty pager holding at most cap rows, fetching chunk at a
 * time (chunk <= cap / 2).  Returns 0, or -1 when out of memory.  Free with
 * pager_free. */
int pager_init(struct pager *p, int cap, int chunk, pager_fetch_fn fetch, void *ctx);
void pager_free(struct pager *p);

/* Replaces the window with the first rows / the last rows of the list. */
enum gw_status pager_first(struct pager *p, struct gw_err *err);
enum gw_status pager_last(struct pager *p, struct gw_err *err);

/* Makes window index want exist if the list has such a row, fetching
 * forwards (want >= n) or backwards (want < 0).  *sel and *top (window
 * indexes the caller keeps, e.g. a table's selection and first row shown)
 * and the return value (want, moved the same way) follow the rows when
 * rows are added or dropped at the front.  A fetch that fails leaves the
 * window as the fetches before it made it, with err filled (the caller
 * compares err->code with GW_OK after gw_err_clear). */
int pager_reach(struct pager *p, int want, int *sel, int *top, struct gw_err *err);

/* Reads the window again around row *sel (after an edit elsewhere, or a
 * row deleted), keeping that row at the same place on the screen when it
 * is still there.  *sel and *top are updated. */
enum gw_status pager_reload(struct pager *p, int *sel, int *top, struct gw_err *err);

/* Where row i of the window is in the whole list (0-based), or -1 when not
 * known; the size of the list, or -1 when not known (then *at_least gets
 * how many rows are known to exist). */
long long pager_index(const struct pager *p, int i);
long long pager_total(const struct pager *p, long long *at_least);

#endif
