/* pager.c - a window of rows over a keyset-paged list (see pager.h). */
#include "pager.h"

#include <stdlib.h>
#include <string.h>

int pager_init(struct pager *p, int cap, int chunk, pager_fetch_fn fetch, void *ctx)
{
	memset(p, 0, sizeof *p);
	if (cap < 2)
		cap = 2;
	if (chunk < 1)
		chunk = 1;
	if (chunk > cap / 2)
		chunk = cap / 2;
	p->rows = malloc((size_t)cap * sizeof *p->rows);
	p->tmp = malloc((size_t)chunk * sizeof *p->tmp);
	if (!p->rows || !p->tmp) {
		pager_free(p);
		return -1;
	}
	p->cap = cap;
	p->chunk = chunk;
	p->fetch = fetch;
	p->ctx = ctx;
	p->at_start = p->at_end = 1;
	p->base = 0;
	return 0;
}

void pager_free(struct pager *p)
{
	free(p->rows);
	free(p->tmp);
	p->rows = p->tmp = NULL;
	p->n = p->cap = 0;
}

enum gw_status pager_first(struct pager *p, struct gw_err *err)
{
	int got;
	enum gw_status st = p->fetch(p->ctx, NULL, 0, p->chunk, p->tmp, &got, err);
	if (st != GW_OK)
		return st;
	memcpy(p->rows, p->tmp, (size_t)got * sizeof *p->rows);
	p->n = got;
	p->at_start = 1;
	p->at_end = got < p->chunk;
	p->base = 0;
	return GW_OK;
}

enum gw_status pager_last(struct pager *p, struct gw_err *err)
{
	int got;
	enum gw_status st = p->fetch(p->ctx, NULL, 1, p->chunk, p->tmp, &got, err);
	if (st != GW_OK)
		return st;
	memcpy(p->rows, p->tmp, (size_t)got * sizeof *p->rows);
	p->n = got;
	p->at_end = 1;
	p->at_start = got < p->chunk;
	p->base = p->at_start ? 0 : -1;
	return GW_OK;
}

/* Drops k rows at the front. */
static void drop_front(struct pager *p, int k, int *sel, int *top, int *want)
{
	memmove(p->rows, p->rows + k, (size_t)(p->n - k) * sizeof *p->rows);
	p->n -= k;
	p->at_start = 0;
	if (p->base >= 0)
		p->base += k;
	*sel -= k;
	*top -= k;
	*want -= k;
}

/* Appends a chunk after the last row; returns how many came, -1 on error. */
static int grow_back(struct pager *p, int *sel, int *top, int *want, struct gw_err *err)
{
	int got;
	if (p->fetch(p->ctx, p->n ? &p->rows[p->n - 1] : NULL, 0, p->chunk, p->tmp, &got, err) != GW_OK)
		return -1;
	if (got < p->chunk)
		p->at_end = 1;
	if (p->n + got > p->cap)
		drop_front(p, p->n + got - p->cap, sel, top, want);
	memcpy(p->rows + p->n, p->tmp, (size_t)got * sizeof *p->rows);
	p->n += got;
	return got;
}

/* Prepends a chunk before the first row; returns how many came. */
static int grow_front(struct pager *p, int *sel, int *top, int *want, struct gw_err *err)
{
	int got;
	if (p->fetch(p->ctx, &p->rows[0], 1, p->chunk, p->tmp, &got, err) != GW_OK)
		return -1;
	if (got < p->chunk) {
		p->at_start = 1;
		if (p->base < 0)
			p->base = got;   /* now we know where we are */
	}
	if (p->n + got > p->cap) {
		p->n = p->cap - got;   /* drop rows at the back */
		p->at_end = 0;
	}
	memmove(p->rows + got, p->rows, (size_t)p->n * sizeof *p->rows);
	memcpy(p->rows, p->tmp, (size_t)got * sizeof *p->rows);
	p->n += got;
	if (p->base >= 0)
		p->base -= got;
	*sel += got;
	*top += got;
	*want += got;
	return got;
}

int pager_reach(struct pager *p, int want, int *sel, int *top, struct gw_err *err)
{
	/* A jump further than a chunk is taken one chunk at a time (PgDn
	 * moves a screenful, so this loops once or twice).  A failed fetch
	 * changes nothing, so what came before it stands. */
	while (want >= p->n && !p->at_end)
		if (grow_back(p, sel, top, &want, err) <= 0)
			break;
	while (want < 0 && !p->at_start)
		if (grow_front(p, sel, top, &want, err) <= 0)
			break;
	return want;
}

enum gw_status pager_reload(struct pager *p, int *sel, int *top, struct gw_err *err)
{
	if (p->n == 0 || *sel < 0 || *sel >= p->n)
		return pager_first(p, err);
	struct list_row *anchor = malloc(sizeof *anchor);
	if (!anchor)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	memcpy(anchor, &p->rows[*sel], sizeof *anchor);
	long long abs = pager_index(p, *sel);
	int off = *sel - *top, before, after;
	enum gw_status st = p->fetch(p->ctx, anchor, 1, p->chunk, p->tmp, &before, err);
	if (st != GW_OK)
		goto out;
	memcpy(p->rows, p->tmp, (size_t)before * sizeof *p->rows);
	p->at_start = before < p->chunk;
	st = p->fetch(p->ctx, before ? &p->rows[before - 1] : NULL, 0, p->chunk, p->tmp, &after, err);
	if (st != GW_OK) {
		p->n = before;
		goto out;
	}
	memcpy(p->rows + before, p->tmp, (size_t)after * sizeof *p->rows);
	p->n = before + after;
	p->at_end = after < p->chunk;
	p->base = p->at_start ? 0 : abs >= 0 ? abs - before : -1;
	/* The same record when it is still there, else whatever took its place. */
	*sel = before < p->n ? before : p->n - 1;
	for (int i = before; i < p->n; i++)
		if (strcmp(p->rows[i].id, anchor->id) == 0) {
			*sel = i;
			break;
		}
	*top = *sel - off;
	if (*top < 0)
		*top = 0;
out:
	free(anchor);
	return st;
}

long long pager_index(const struct pager *p, int i)
{
	return p->base >= 0 && i >= 0 ? p->base + i : -1;
}

long long pager_total(const struct pager *p, long long *at_least)
{
	if (at_least)
		*at_least = p->base >= 0 ? p->base + p->n : p->n;
	return p->at_end && p->base >= 0 ? p->base + p->n : -1;
}
