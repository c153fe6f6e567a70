/* list.c - pages of records for the workbench's tables (see list.h).
 *
 * Each sortable column has four statements (db/sql_page.h): ascending and
 * descending, over the table or over a set of ids.  Reading backwards is
 * reading the opposite order after the same key, then turning the rows
 * round.  The first page binds a key beyond every value instead of a
 * separate statement: '' sorts before any text (every key column is text
 * or coalesced to it, never NULL), a blob after any text or number.
 */
#include "list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "strbuf.h"

struct sort_col {
	enum db_query q[4];      /* ascending, descending, ids ascending, ids descending */
	int numeric;             /* an INTEGER column: the first key is a number */
};

#define COL(name) {{Q_##name##_A, Q_##name##_D, Q_##name##_IA, Q_##name##_ID}, 0}
#define NUMCOL(name) {{Q_##name##_A, Q_##name##_D, Q_##name##_IA, Q_##name##_ID}, 1}

static const struct sort_col instructor_cols[LI_NCOLS] = {
	[LI_NAME] = COL(INSTR_PAGE_NAME),     [LI_PHONE] = COL(INSTR_PAGE_PHONE),
	[LI_GENDER] = COL(INSTR_PAGE_GENDER), [LI_ROLE] = COL(INSTR_PAGE_ROLE),
	[LI_STATUS] = COL(INSTR_PAGE_STATUS), [LI_UNIT] = COL(INSTR_PAGE_UNIT),
	[LI_GRIDS] = COL(INSTR_PAGE_GRIDS),
};
static const struct sort_col org_cols[LO_NCOLS] = {
	[LO_NAME] = COL(ORG_PAGE_NAME),       [LO_CODE] = COL(ORG_PAGE_CODE),
	[LO_KIND] = COL(ORG_PAGE_KIND),       [LO_GRID] = COL(ORG_PAGE_GRID),
	[LO_PARTY] = COL(ORG_PAGE_PARTY),     [LO_PHONE] = COL(ORG_PAGE_PHONE),
	[LO_CONTACT] = COL(ORG_PAGE_CONTACT),
};
static const struct sort_col worker_cols[LW_NCOLS] = {
	[LW_NAME] = COL(WORKER_PAGE_NAME),         [LW_PHONE] = COL(WORKER_PAGE_PHONE),
	[LW_JOB] = COL(WORKER_PAGE_JOB),           [LW_PLATFORM] = COL(WORKER_PAGE_PLATFORM),
	[LW_PARTY] = NUMCOL(WORKER_PAGE_PARTY),    [LW_COMMUNITY] = COL(WORKER_PAGE_COMMUNITY),
	[LW_ROLES] = COL(WORKER_PAGE_ROLES),
};
static const struct sort_col station_cols[LS_NCOLS] = {
	[LS_NAME] = COL(STATION_PAGE_NAME),         [LS_GRID] = COL(STATION_PAGE_GRID),
	[LS_HOST] = COL(STATION_PAGE_HOST),         [LS_SERVICES] = COL(STATION_PAGE_SERVICES),
	[LS_HOURS] = COL(STATION_PAGE_HOURS),       [LS_ADDRESS] = COL(STATION_PAGE_ADDRESS),
};
static const struct sort_col ticket_cols[LT_NCOLS] = {
	[LT_NUMBER] = COL(TICKET_PAGE_NUMBER),     [LT_TITLE] = COL(TICKET_PAGE_TITLE),
	[LT_CATEGORY] = COL(TICKET_PAGE_CATEGORY), [LT_GRID] = COL(TICKET_PAGE_GRID),
	[LT_DEPT] = COL(TICKET_PAGE_DEPT),         [LT_STATUS] = COL(TICKET_PAGE_STATUS),
	[LT_DUE] = COL(TICKET_PAGE_DUE),
};
#undef COL
#undef NUMCOL

static const struct {
	const struct sort_col *cols;
	int n;
	int search_kind;
} kinds[IK_COUNT] = {
	[IK_INSTRUCTOR] = {instructor_cols, LI_NCOLS, SK_INSTRUCTOR},
	[IK_ORG] = {org_cols, LO_NCOLS, SK_ORG},
	[IK_WORKER] = {worker_cols, LW_NCOLS, SK_WORKER},
	[IK_STATION] = {station_cols, LS_NCOLS, SK_STATION},
	[IK_TICKET] = {ticket_cols, LT_NCOLS, SK_TICKET},
};

int list_ncols(enum import_kind k)
{
	return (unsigned)k < IK_COUNT ? kinds[k].n : 0;
}

const char *list_cell(const struct list_row *r, int col)
{
	if (col < 0 || col >= r->ncells)
		return "";
	return r->text + r->off[col];
}

/* Copies the statement's cells (from column 3) into r; a cell that does not
 * fit is cut at a character boundary. */
static void read_row(sqlite3_stmt *st, int ncells, struct list_row *r)
{
	r->rowid = sqlite3_column_int64(st, 0);
	db_col_text(st, 1, r->id, sizeof r->id);
	r->version = sqlite3_column_int(st, 2);
	r->ncells = ncells;
	size_t used = 0;
	for (int i = 0; i < ncells; i++) {
		const char *s = (const char *)sqlite3_column_text(st, 3 + i);
		size_t n = s ? (size_t)sqlite3_column_bytes(st, 3 + i) : 0;
		size_t room = sizeof r->text - used - 1 - (size_t)(ncells - 1 - i);
		if (n > room) {
			n = room;
			while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
				n--;
		}
		r->off[i] = (unsigned short)used;
		if (n)
			memcpy(r->text + used, s, n);
		used += n;
		r->text[used++] = '\0';
	}
}

static void reverse(struct list_row *rows, int n)
{
	struct list_row tmp;
	for (int i = 0, j = n - 1; i < j; i++, j--) {
		memcpy(&tmp, &rows[i], sizeof tmp);
		memcpy(&rows[i], &rows[j], sizeof tmp);
		memcpy(&rows[j], &tmp, sizeof tmp);
	}
}

enum gw_status list_page(struct gw *gw, enum import_kind k, const struct list_req *q,
			 struct list_row *out, int *n, struct gw_err *err)
{
	*n = 0;
	if (list_ncols(k) == 0 || q->sort < 0 || q->sort >= kinds[k].n || q->limit < 1)
		return gw_fail(err, GW_EUSAGE, "无法列出此类记录", "this kind of record has no list");
	const struct sort_col *c = &kinds[k].cols[q->sort];
	/* Backwards in one order is forwards in the other. */
	int down = !!q->desc != !!q->backward;
	sqlite3_stmt *st = db_stmt(gw->db, c->q[(q->ids ? 2 : 0) + down], err);
	if (!st)
		return err ? err->code : GW_EDB;
	db_bind_text_null(st, 1, q->grid_id);
	if (q->ids)
		db_bind_text(st, 2, q->ids);
	if (q->from) {
		const char *key = list_cell(q->from, q->sort);
		if (c->numeric)
			sqlite3_bind_int64(st, 3, strtoll(key, NULL, 10));
		else
			sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, q->from->rowid);
	} else if (down) {
		static const unsigned char top[] = {0xFF, 0xFF};
		sqlite3_bind_blob(st, 3, top, sizeof top, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, 0);
	} else {
		if (c->numeric)
			sqlite3_bind_int64(st, 3, -(1LL << 62));
		else
			sqlite3_bind_text(st, 3, "", 0, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, -1);
	}
	sqlite3_bind_int(st, 5, q->limit);
	int rc = SQLITE_DONE, got = 0;  /* a limit <= 0 reads nothing */
	while (got < q->limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, kinds[k].n, &out[got++]);
	if (got == q->limit)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("读取列表", "reading a list"));
	if (q->backward)
		reverse(out, got);
	*n = got;
	return GW_OK;
}

enum gw_status list_filter(struct gw *gw, enum import_kind k, const char *query, char **ids,
			   int *count, int *more, struct gw_err *err)
{
	*ids = NULL;
	*count = 0;
	*more = 0;
	if (list_ncols(k) == 0)
		return gw_fail(err, GW_EUSAGE, "无法列出此类记录", "this kind of record has no list");
	const char *p = query ? query : "";
	while (*p == ' ')
		p++;
	if (!*p)
		return GW_OK;
	struct search_opts o = {kinds[k].search_kind, SEARCH_LIMIT_MAX};
	struct search_result res;
	enum gw_status st = search_find(gw, query, &o, &res, err);
	if (st != GW_OK)
		return st;
	struct strbuf b = STRBUF_INIT;
	sb_puts(&b, "[");
	for (int i = 0; i < res.n; i++) {
		if (res.hits[i].kind != (enum search_kind)kinds[k].search_kind)
			continue;
		if (*count)
			sb_puts(&b, ",");
		sb_json_str(&b, res.hits[i].id);
		(*count)++;
	}
	sb_puts(&b, "]");
	*more = res.more[kinds[k].search_kind];
	search_result_free(&res);
	if (b.oom) {
		sb_free(&b);
		*count = 0;
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	*ids = b.s;   /* the buffer's text, handed over */
	return GW_OK;
}

/* ---- the grid tree ---------------------------------------------------- */

static int by_id(const void *a, const void *b)
{
	const struct grid_node *const *x = a, *const *y = b;
	return strcmp((*x)->g.id, (*y)->g.id);
}

enum gw_status list_grid_tree(struct gw *gw, struct grid_node **out, int *n, struct gw_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = db_stmt(gw->db, Q_LIST_GRID_NODES, err);
	if (!st)
		return err ? err->code : GW_EDB;
	struct grid_node *all = NULL;
	int cnt = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			struct grid_node *na = realloc(all, (size_t)cap * sizeof *all);
			if (!na) {
				free(all);
				sqlite3_reset(st);
				return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
			}
			all = na;
		}
		struct grid_node *g = &all[cnt++];
		memset(g, 0, sizeof *g);
		db_col_text(st, 0, g->g.id, sizeof g->g.id);
		db_col_text(st, 1, g->g.code, sizeof g->g.code);
		db_col_text(st, 2, g->g.name, sizeof g->g.name);
		db_col_text(st, 3, g->g.level, sizeof g->g.level);
		db_col_text(st, 4, g->g.parent_id, sizeof g->g.parent_id);
		db_col_text(st, 5, g->g.basis, sizeof g->g.basis);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(all);
		return db_fail(gw->db, err, gw_tr("读取网格", "reading the grids"));
	}
	size_t sz = (size_t)(cnt ? cnt : 1);
	struct grid_node **ids = malloc(sz * sizeof *ids);
	int *parent = malloc(sz * sizeof *parent), *first = malloc(sz * sizeof *first);
	int *next = malloc(sz * sizeof *next), *stack = malloc(sz * sizeof *stack);
	struct grid_node *sorted = malloc(sz * sizeof *sorted);
	if (!ids || !parent || !first || !next || !stack || !sorted) {
		free(all), free(ids), free(parent), free(first), free(next), free(stack), free(sorted);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	for (int i = 0; i < cnt; i++)
		ids[i] = &all[i];
	qsort(ids, (size_t)cnt, sizeof *ids, by_id);
	/* Children lists in code order: the rows came by code, so prepending
	 * while walking backwards keeps that order.  A node whose parent is
	 * gone (deleted) stands at the top. */
	for (int i = 0; i < cnt; i++)
		first[i] = -1;
	int roots = -1;
	for (int i = cnt - 1; i >= 0; i--) {
		struct grid_node key, *kp = &key, **hit = NULL;
		snprintf(key.g.id, sizeof key.g.id, "%s", all[i].g.parent_id);
		if (key.g.id[0])
			hit = bsearch(&kp, ids, (size_t)cnt, sizeof *ids, by_id);
		parent[i] = hit ? (int)(*hit - all) : -1;
		if (parent[i] == i)
			parent[i] = -1;
		int *head = parent[i] >= 0 ? &first[parent[i]] : &roots;
		next[i] = *head;
		*head = i;
	}
	/* Depth first, without recursion: a county is shallow, but a cycle
	 * written by hand in the file must not hang the screen. */
	int k = 0, top = 0;
	for (int r = roots; r >= 0; r = next[r]) {
		stack[top++] = r;
		all[r].depth = 0;
		while (top > 0 && k < cnt) {
			int i = stack[--top];
			sorted[k++] = all[i];
			/* Push children in reverse so the first comes out first. */
			int kids = 0;
			for (int c = first[i]; c >= 0; c = next[c])
				kids++;
			for (int j = kids - 1; j >= 0 && top < cnt; j--) {
				int c = first[i];
				for (int t = 0; t < j; t++)
					c = next[c];
				all[c].depth = all[i].depth + 1;
				stack[top++] = c;
			}
		}
	}
	free(all), free(ids), free(parent), free(first), free(next), free(stack);
	*out = sorted;
	*n = k;
	return GW_OK;
}
