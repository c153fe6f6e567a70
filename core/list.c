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

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "strbuf.h"

struct sort_col {
	/* ascending, descending, over ids ascending, descending, driven by
	 * the grid node ascending, descending (db/sql_page.h) */
	enum db_query q[6];
	int numeric;             /* an INTEGER column: the first key is a number */
	int indexed;             /* an index orders the whole table by it */
};

#define QS(name) {Q_##name##_A, Q_##name##_D, Q_##name##_IA, Q_##name##_ID, Q_##name##_GA, Q_##name##_GD}
#define COL(name) {QS(name), 0, 0}
#define NUMCOL(name) {QS(name), 1, 0}
#define IXCOL(name) {QS(name), 0, 1}

static const struct sort_col instructor_cols[LI_NCOLS] = {
	[LI_NAME] = IXCOL(INSTR_PAGE_NAME),   [LI_PHONE] = IXCOL(INSTR_PAGE_PHONE),
	[LI_GENDER] = COL(INSTR_PAGE_GENDER), [LI_ROLE] = COL(INSTR_PAGE_ROLE),
	[LI_STATUS] = COL(INSTR_PAGE_STATUS), [LI_UNIT] = COL(INSTR_PAGE_UNIT),
	[LI_GRIDS] = COL(INSTR_PAGE_GRIDS),
};
static const struct sort_col org_cols[LO_NCOLS] = {
	[LO_NAME] = IXCOL(ORG_PAGE_NAME),     [LO_CODE] = IXCOL(ORG_PAGE_CODE),
	[LO_KIND] = COL(ORG_PAGE_KIND),       [LO_GRID] = COL(ORG_PAGE_GRID),
	[LO_PARTY] = COL(ORG_PAGE_PARTY),     [LO_PHONE] = COL(ORG_PAGE_PHONE),
	[LO_CONTACT] = COL(ORG_PAGE_CONTACT),
};
static const struct sort_col worker_cols[LW_NCOLS] = {
	[LW_NAME] = IXCOL(WORKER_PAGE_NAME),       [LW_PHONE] = IXCOL(WORKER_PAGE_PHONE),
	[LW_JOB] = COL(WORKER_PAGE_JOB),           [LW_PLATFORM] = COL(WORKER_PAGE_PLATFORM),
	[LW_PARTY] = NUMCOL(WORKER_PAGE_PARTY),    [LW_COMMUNITY] = COL(WORKER_PAGE_COMMUNITY),
	[LW_ROLES] = COL(WORKER_PAGE_ROLES),
};
static const struct sort_col station_cols[LS_NCOLS] = {
	[LS_NAME] = IXCOL(STATION_PAGE_NAME),       [LS_GRID] = COL(STATION_PAGE_GRID),
	[LS_HOST] = COL(STATION_PAGE_HOST),         [LS_SERVICES] = COL(STATION_PAGE_SERVICES),
	[LS_HOURS] = COL(STATION_PAGE_HOURS),       [LS_ADDRESS] = COL(STATION_PAGE_ADDRESS),
};
static const struct sort_col ticket_cols[LT_NCOLS] = {
	[LT_NUMBER] = IXCOL(TICKET_PAGE_NUMBER),   [LT_TITLE] = COL(TICKET_PAGE_TITLE),
	[LT_CATEGORY] = IXCOL(TICKET_PAGE_CATEGORY), [LT_GRID] = COL(TICKET_PAGE_GRID),
	[LT_DEPT] = COL(TICKET_PAGE_DEPT),         [LT_STATUS] = COL(TICKET_PAGE_STATUS),
	[LT_DUE] = COL(TICKET_PAGE_DUE),
};
#undef QS
#undef COL
#undef NUMCOL
#undef IXCOL

static const struct {
	const struct sort_col *cols;
	int n;
	int search_kind;
	int under, rows;         /* Q_PAGE_UNDER_*, Q_PAGE_ROWS_*; -1: always driven by the node */
} kinds[IK_COUNT] = {
	[IK_INSTRUCTOR] = {instructor_cols, LI_NCOLS, SK_INSTRUCTOR, Q_PAGE_UNDER_INSTR, Q_PAGE_ROWS_INSTR},
	[IK_ORG] = {org_cols, LO_NCOLS, SK_ORG, Q_PAGE_UNDER_ORG, Q_PAGE_ROWS_ORG},
	[IK_WORKER] = {worker_cols, LW_NCOLS, SK_WORKER, Q_PAGE_UNDER_WORKER, Q_PAGE_ROWS_WORKER},
	[IK_STATION] = {station_cols, LS_NCOLS, SK_STATION, -1, -1},
	[IK_TICKET] = {ticket_cols, LT_NCOLS, SK_TICKET, Q_PAGE_UNDER_TICKET, Q_PAGE_ROWS_TICKET},
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

/* Beyond this many records under a node, a sort of them is long anyway:
 * list_page_cost counts no further. */
#define COST_COUNT_MAX 50000

/* One number from statement qn (?1 node, ?2 limit when given); -1 on failure. */
static double one_number(struct gw *gw, int qn, const char *grid_id, long long limit,
			 struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, (enum db_query)qn, err);
	if (!st)
		return -1;
	if (grid_id) {
		db_bind_text(st, 1, grid_id);
		sqlite3_bind_int64(st, 2, limit);
	}
	int rc = sqlite3_step(st);
	double v = rc == SQLITE_ROW ? (double)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		db_fail(gw->db, err, gw_tr("读取列表", "reading a list"));
		return -1;
	}
	return v;
}

/* Whether a page of kind k's records under the node grid_id should start
 * from the node (the _G statements) rather than walk the sort column's
 * index testing each record's grid.  Walking reads about limit * rows /
 * under records to find a page, starting from the node reads all `under`
 * records and sorts them: the node wins while under^2 < limit * rows (about
 * 7,700 of a million tickets for a page of 60), so counting stops there
 * (a millisecond of the grid column's index).  *cost (when not NULL) gets
 * the records the chosen way reads.  -1 on failure. */
static int from_node(struct gw *gw, enum import_kind k, const struct sort_col *c, const char *grid_id,
		     int limit, double *cost, struct gw_err *err)
{
	if (cost)
		*cost = limit;
	/* Without an index the node drives the page anyway: count only to
	 * tell the cost. */
	if (kinds[k].under < 0 || (!c->indexed && !cost))
		return 1;
	double rows = one_number(gw, kinds[k].rows, NULL, 0, err);
	if (rows < 0)
		return -1;
	long long cap = (long long)sqrt((double)limit * rows) + 1;
	double under = one_number(gw, kinds[k].under, grid_id, c->indexed ? cap : COST_COUNT_MAX, err);
	if (under < 0)
		return -1;
	int node = !c->indexed || under < (double)cap;
	if (cost)
		*cost = node ? under : under > 0 ? (double)limit * rows / under : rows;
	return node;
}

long long list_page_cost(struct gw *gw, enum import_kind k, const struct list_req *q,
			 struct gw_err *err)
{
	if (list_ncols(k) == 0 || q->sort < 0 || q->sort >= kinds[k].n)
		return q->limit;
	const struct sort_col *c = &kinds[k].cols[q->sort];
	if (q->ids)
		return LIST_FILTER_MAX;
	double cost;
	if (q->grid_id) {
		if (from_node(gw, k, c, q->grid_id, q->limit, &cost, err) < 0)
			return -1;
		return (long long)cost;
	}
	if (c->indexed || kinds[k].rows < 0)
		return q->limit;
	double rows = one_number(gw, kinds[k].rows, NULL, 0, err);
	return rows < 0 ? -1 : (long long)rows;
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
	int variant = 0;   /* the whole table, the grid node's test on each record */
	if (q->ids) {
		variant = 2;   /* the filter's hits drive the page, LIST_FILTER_MAX at most */
	} else if (q->grid_id) {
		int g = from_node(gw, k, c, q->grid_id, q->limit, NULL, err);
		if (g < 0)
			return err ? err->code : GW_EDB;
		variant = g ? 4 : 0;
	}
	sqlite3_stmt *st = db_stmt(gw->db, c->q[variant + down], err);
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
	char (*hits)[GW_ID_LEN + 1];
	int nhits;
	enum gw_status st = search_ids(gw, query, (enum search_kind)kinds[k].search_kind, LIST_FILTER_MAX,
				       &hits, &nhits, more, err);
	if (st != GW_OK)
		return st;
	struct strbuf b = STRBUF_INIT;
	sb_puts(&b, "[");
	for (int i = 0; i < nhits; i++) {
		if (i)
			sb_puts(&b, ",");
		sb_json_str(&b, hits[i]);
	}
	sb_puts(&b, "]");
	free(hits);
	if (b.oom) {
		sb_free(&b);
		*more = 0;
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	*count = nhits;
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

/* ---- the grid tree's counts --------------------------------------------- */

static int by_node_id(const void *a, const void *b)
{
	const struct grid_node *const *x = a, *const *y = b;
	return strcmp((*x)->g.id, (*y)->g.id);
}

/* Adds each row's two counts (columns 1 and 2) to the node of its grid
 * (column 0) in the index by id; a grid not in the tree (deleted) is
 * skipped.  They are organisations, or instructors when `instructors`. */
static enum gw_status add_counts(struct gw *gw, enum db_query qn, struct grid_node **byid, int n,
				 int instructors, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, qn, err);
	if (!st)
		return err ? err->code : GW_EDB;
	int rc;
	struct grid_node key, *kp = &key;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		db_col_text(st, 0, key.g.id, sizeof key.g.id);
		struct grid_node **hit = bsearch(&kp, byid, (size_t)n, sizeof *byid, by_node_id);
		if (!hit)
			continue;
		int a = sqlite3_column_int(st, 1), b = sqlite3_column_int(st, 2);
		if (instructors) {
			(*hit)->full_time = a;
			(*hit)->part_time = b;
		} else {
			(*hit)->orgs = a;
			(*hit)->orgs_covered = b;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, gw_tr("统计网格", "counting the grids"));
}

enum gw_status list_grid_counts(struct gw *gw, struct grid_node *nodes, int n, struct gw_err *err)
{
	for (int i = 0; i < n; i++)
		nodes[i].orgs = nodes[i].orgs_covered = nodes[i].full_time = nodes[i].part_time = 0;
	if (n <= 0)
		return GW_OK;
	struct grid_node **byid = malloc((size_t)n * sizeof *byid);
	if (!byid)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	for (int i = 0; i < n; i++)
		byid[i] = &nodes[i];
	qsort(byid, (size_t)n, sizeof *byid, by_node_id);
	enum gw_status st = add_counts(gw, Q_LIST_GRID_ORG_COUNTS, byid, n, 0, err);
	if (st == GW_OK)
		st = add_counts(gw, Q_LIST_GRID_INSTR_COUNTS, byid, n, 1, err);
	free(byid);
	if (st != GW_OK)
		for (int i = 0; i < n; i++)
			nodes[i].orgs = nodes[i].orgs_covered = nodes[i].full_time = nodes[i].part_time = 0;
	return st;
}
