/* report.c - the reports' parameters, the scope's grid tree, and every
 * report but the tickets' (report_tickets.c): a few GROUP BY queries each,
 * counts rolled up the tree in C where a report shows every level. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "enums.h"
#include "grid.h"
#include "strbuf.h"
#include "validate.h"

static const char *const names[REPORT_KIND_COUNT] = {
	"coverage", "new-orgs", "roster", "tickets", "workers", "members", "stations",
	"activities", "summary",
};

const char *report_name(enum report_kind k)
{
	return (unsigned)k < REPORT_KIND_COUNT ? names[k] : NULL;
}

int report_parse(const char *name)
{
	for (int k = 0; name && k < REPORT_KIND_COUNT; k++)
		if (strcmp(name, names[k]) == 0)
			return k;
	return -1;
}

static enum gw_status oom(struct gw_err *err)
{
	return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
}

static enum gw_status dbfail(struct gw *gw, struct gw_err *err)
{
	return db_fail(gw->db, err, gw_tr("统计", "report"));
}

/* ---- parameters -------------------------------------------------------------------- */

static enum gw_status param_date(const char *s, const char *opt, char out[11], struct gw_err *err)
{
	out[0] = '\0';
	if (valid_blank(s))
		return GW_OK;
	if (valid_date(s, out, err) != GW_OK) {
		gw_err_prefix(err, "%s", opt);
		return GW_EINVAL;
	}
	return GW_OK;
}

enum gw_status report_params_init(struct gw *gw, const char *scope_code, const char *since,
				  const char *until, struct report_params *p, struct gw_err *err)
{
	memset(p, 0, sizeof *p);
	clock_today(p->today);
	if (param_date(since, "--since", p->since, err) != GW_OK ||
	    param_date(until, "--until", p->until, err) != GW_OK)
		return GW_EINVAL;
	if (p->since[0] && p->until[0] && strcmp(p->since, p->until) > 0)
		return gw_fail(err, GW_EINVAL, "--since %s 晚于 --until %s", "--since %s is after --until %s",
			       p->since, p->until);
	struct grid_rec g;
	enum gw_status st;
	if (valid_blank(scope_code)) {
		/* The county: the root of the map. */
		sqlite3_stmt *q = db_stmt(gw->db, Q_REPORT_ROOT, err);
		if (!q)
			return GW_EDB;
		int rc = sqlite3_step(q);
		if (rc == SQLITE_ROW)
			db_col_text(q, 0, g.code, sizeof g.code);
		sqlite3_reset(q);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return dbfail(gw, err);
		if (rc == SQLITE_DONE) {   /* an empty database: a county of nothing */
			p->root = 1;
			snprintf(p->scope.level, sizeof p->scope.level, "county");
			p->scope.parent = -1;
			return GW_OK;
		}
		scope_code = g.code;
	}
	st = grid_by_code(gw, scope_code, &g, err);
	if (st == GW_ENOTFOUND || (st == GW_OK && g.deleted))
		return gw_fail(err, GW_ENOTFOUND, "没有编码为“%s”的网格（--scope）",
			       "no grid with code '%s' (--scope)", scope_code);
	if (st != GW_OK)
		return st;
	snprintf(p->scope.id, sizeof p->scope.id, "%s", g.id);
	snprintf(p->scope.code, sizeof p->scope.code, "%s", g.code);
	snprintf(p->scope.name, sizeof p->scope.name, "%s", g.name);
	snprintf(p->scope.level, sizeof p->scope.level, "%s", g.level);
	snprintf(p->scope.basis, sizeof p->scope.basis, "%s", g.basis);
	p->scope.parent = -1;
	p->root = g.parent_id[0] == '\0';
	return GW_OK;
}

/* The day after d ("YYYY-MM-DD"), for "before the next day" on times. */
static void next_day(const char *d, char out[11])
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = atoi(d), m = atoi(d + 5), day = atoi(d + 8);
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (++day > mdays[m - 1] + (m == 2 && leap)) {
		day = 1;
		if (++m > 12)
			m = 1, y++;
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, day);
}

/* Binds the parameters every statement shares (see sql_report.h). */
static void bind_params(sqlite3_stmt *st, const struct report_params *p)
{
	int n = sqlite3_bind_parameter_count(st);
	if (n >= 1 && !p->root)
		db_bind_text(st, 1, p->scope.id);
	if (n >= 2)
		db_bind_text_null(st, 2, p->since);
	if (n >= 3)
		db_bind_text_null(st, 3, p->until);
	if (n >= 4 && p->until[0]) {
		char next[11];
		next_day(p->until, next);
		sqlite3_bind_text(st, 4, next, -1, SQLITE_TRANSIENT);
	}
}

static sqlite3_stmt *prepare(struct gw *gw, enum db_query q, const struct report *r,
			     struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (st)
		bind_params(st, &r->p);
	return st;
}

/* Grows a malloc'd array to hold n + 1 items of size sz. */
static int grow(void **a, int *cap, int n, size_t sz)
{
	if (n < *cap)
		return 0;
	int nc = *cap ? *cap * 2 : 16;
	void *na = realloc(*a, (size_t)nc * sz);
	if (!na)
		return -1;
	*a = na;
	*cap = nc;
	return 0;
}

static void col(sqlite3_stmt *st, int i, char *out, size_t n) { db_col_text(st, i, out, n); }

/* ---- the grid tree ------------------------------------------------------------------ */

struct gnode {
	struct report_node n;
	char parent_id[GW_ID_LEN + 1];
	int parent, first, last, next;   /* tree links by index into the loaded array */
};

static int by_id_cmp(const void *a, const void *b, void *nodes)
{
	const struct report_node *n = nodes;
	return strcmp(n[*(const int *)a].id, n[*(const int *)b].id);
}

/* Index of the node with id among r->grids.nodes, or -1. */
static int node_of(const struct report_grids *g, const char *id)
{
	if (!id)
		return -1;
	int lo = 0, hi = g->nnodes;
	while (lo < hi) {
		int mid = (lo + hi) / 2, c = strcmp(g->nodes[g->by_id[mid]].id, id);
		if (c == 0)
			return g->by_id[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int node_of_col(const struct report_grids *g, sqlite3_stmt *st, int i)
{
	return node_of(g, (const char *)sqlite3_column_text(st, i));
}

/* Finds a loaded node by id (the array is in code order, so search all). */
static int find_loaded(const struct gnode *a, const int *ids, int n, const char *id)
{
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = (lo + hi) / 2, c = strcmp(a[ids[mid]].n.id, id);
		if (c == 0)
			return ids[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int gnode_cmp(const void *a, const void *b, void *all)
{
	const struct gnode *g = all;
	return strcmp(g[*(const int *)a].n.id, g[*(const int *)b].n.id);
}

/* Copies the subtree under node i into out depth-first (children by code).
 * seen guards against a loop in the map (check reports those). */
static void place(const struct gnode *a, int i, int parent, int depth, char *seen,
		  struct report_node *out, int *k)
{
	seen[i] = 1;
	int me = (*k)++;
	out[me] = a[i].n;
	out[me].depth = depth;
	out[me].parent = parent;
	for (int c = a[i].first; c >= 0; c = a[c].next)
		if (!seen[c])
			place(a, c, me, depth + 1, seen, out, k);
}

enum gw_status report_load_grids(struct gw *gw, struct report *r, struct gw_err *err)
{
	struct report_grids *g = &r->grids;
	sqlite3_stmt *st = db_stmt(gw->db, Q_REPORT_GRIDS, err);
	if (!st)
		return GW_EDB;
	struct gnode *a = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&a, &cap, n, sizeof *a) < 0)
			break;
		struct gnode *x = &a[n++];
		memset(x, 0, sizeof *x);
		col(st, 0, x->n.id, sizeof x->n.id);
		col(st, 1, x->n.code, sizeof x->n.code);
		col(st, 2, x->n.name, sizeof x->n.name);
		col(st, 3, x->n.level, sizeof x->n.level);
		col(st, 4, x->parent_id, sizeof x->parent_id);
		col(st, 5, x->n.basis, sizeof x->n.basis);
		x->n.deleted = sqlite3_column_int(st, 6);
		x->first = x->last = x->next = x->parent = -1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(a);
		return rc == SQLITE_ROW ? oom(err) : dbfail(gw, err);
	}
	size_t sz = (size_t)(n ? n : 1);
	int *ids = malloc(sz * sizeof *ids);
	char *seen = calloc(sz, 1);
	g->nodes = calloc(sz, sizeof *g->nodes);
	g->by_id = malloc(sz * sizeof *g->by_id);
	if (!ids || !seen || !g->nodes || !g->by_id) {
		free(a), free(ids), free(seen);
		return oom(err);
	}
	for (int i = 0; i < n; i++)
		ids[i] = i;
	qsort_r(ids, (size_t)n, sizeof *ids, gnode_cmp, a);
	/* Children in code order: the rows came sorted by code. */
	for (int i = 0; i < n; i++) {
		int p = a[i].parent_id[0] ? find_loaded(a, ids, n, a[i].parent_id) : -1;
		if (p < 0)
			continue;
		if (a[p].last >= 0)
			a[a[p].last].next = i;
		else
			a[p].first = i;
		a[p].last = i;
	}
	int scope = r->p.scope.id[0] ? find_loaded(a, ids, n, r->p.scope.id) : -1;
	int k = 0;
	if (scope >= 0)
		place(a, scope, -1, 0, seen, g->nodes, &k);
	free(a);
	free(ids);
	free(seen);
	g->nnodes = k;
	for (int i = 0; i < k; i++)
		g->by_id[i] = i;
	qsort_r(g->by_id, (size_t)k, sizeof *g->by_id, by_id_cmp, g->nodes);
	for (int i = 0; i < k; i++) {
		const struct report_node *x = &g->nodes[i];
		if (x->deleted)
			continue;
		if (strcmp(x->level, "grid") == 0) {
			g->total++;
			int b = enum_index(EN_BASIS, x->basis);
			if (b >= 0)
				g->by_basis[b]++;
		} else if (strcmp(x->level, "township") == 0) {
			g->townships++;
		} else if (strcmp(x->level, "park") == 0) {
			g->parks++;
		}
	}
	if (k)
		r->p.scope = g->nodes[0];
	return GW_OK;
}

/* ---- coverage ----------------------------------------------------------------------- */

enum gw_status report_coverage(struct gw *gw, struct report *r, struct gw_err *err)
{
	struct report_coverage *c = &r->coverage;
	int nn = r->grids.nnodes;
	c->cell = calloc((size_t)(nn ? nn : 1) * RK_KINDS, sizeof *c->cell);
	if (!c->cell)
		return oom(err);
	c->nnodes = nn;
	sqlite3_stmt *st = prepare(gw, Q_REPORT_COVERAGE, r, err);
	if (!st)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int node = node_of_col(&r->grids, st, 0);
		int kind = enum_index(EN_ORG_KIND, (const char *)sqlite3_column_text(st, 1));
		int form = enum_index(EN_PARTY_ORG, (const char *)sqlite3_column_text(st, 2));
		if (node < 0 || kind < 0 || form < 0)
			continue;
		/* Covered as of the period's last day: an organisation founded
		 * later did not cover the unit yet. */
		const char *since = (const char *)sqlite3_column_text(st, 3);
		if (form > 0 && r->p.until[0] && since && strcmp(since, r->p.until) > 0)
			form = 0;
		struct report_cov *x = &c->cell[node * RK_KINDS + kind];
		x->total++;
		x->by_form[form]++;
		if (form > 0)
			x->covered++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dbfail(gw, err);
	/* Children come after their parents: add each node into its parent. */
	for (int i = nn - 1; i > 0; i--) {
		int p = r->grids.nodes[i].parent;
		for (int k = 0; p >= 0 && k < RK_KINDS; k++) {
			struct report_cov *to = &c->cell[p * RK_KINDS + k], *from = &c->cell[i * RK_KINDS + k];
			to->total += from->total;
			to->covered += from->covered;
			for (int f = 0; f < RK_FORMS; f++)
				to->by_form[f] += from->by_form[f];
		}
	}
	return GW_OK;
}

/* ---- new party organisations ------------------------------------------------------------ */

enum gw_status report_new_orgs(struct gw *gw, struct report *r, struct gw_err *err)
{
	struct report_new_orgs *o = &r->new_orgs;
	/* The list also gives the counts; a summary asks for the counts alone. */
	sqlite3_stmt *st = prepare(gw, r->detail ? Q_REPORT_NEW_ORGS : Q_REPORT_NEW_ORG_COUNTS, r, err);
	if (!st)
		return GW_EDB;
	int rc, cap = 0, kc = r->detail ? 3 : 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int kind = enum_index(EN_ORG_KIND, (const char *)sqlite3_column_text(st, kc));
		int form = enum_index(EN_PARTY_ORG, (const char *)sqlite3_column_text(st, kc + 1));
		if (kind < 0 || form <= 0)
			continue;
		o->by_kind[kind][form]++;
		o->kind_total[kind]++;
		o->total++;
		if (!r->detail)
			continue;
		if (grow((void **)&o->list, &cap, o->nlist, sizeof *o->list) < 0) {
			sqlite3_reset(st);
			return oom(err);
		}
		struct report_new_org *x = &o->list[o->nlist++];
		col(st, 0, x->since, sizeof x->since);
		col(st, 1, x->credit_code, sizeof x->credit_code);
		col(st, 2, x->name, sizeof x->name);
		col(st, 3, x->kind, sizeof x->kind);
		col(st, 4, x->form, sizeof x->form);
		col(st, 5, x->grid_code, sizeof x->grid_code);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : dbfail(gw, err);
}

/* ---- roster ---------------------------------------------------------------------------- */

enum gw_status report_roster(struct gw *gw, struct report *r, struct gw_err *err)
{
	struct report_roster *o = &r->roster;
	sqlite3_stmt *st = prepare(gw, Q_REPORT_ROLES, r, err);
	if (!st)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *role = (const char *)sqlite3_column_text(st, 0);
		int n = sqlite3_column_int(st, 1);
		o->total += n;
		if (role && strcmp(role, "full_time") == 0)
			o->full_time += n;
		else if (role && strcmp(role, "part_time") == 0)
			o->part_time += n;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dbfail(gw, err);

	int nn = r->grids.nnodes, *slot = malloc((size_t)(nn ? nn : 1) * sizeof *slot);
	o->grids = calloc((size_t)(nn ? nn : 1), sizeof *o->grids);
	if (!slot || !o->grids) {
		free(slot);
		return oom(err);
	}
	for (int i = 0; i < nn; i++) {
		const struct report_node *x = &r->grids.nodes[i];
		slot[i] = -1;
		if (x->deleted || strcmp(x->level, "grid") != 0)
			continue;
		slot[i] = o->ngrids;
		o->grids[o->ngrids++].node = i;
	}
	if (!(st = prepare(gw, Q_REPORT_STAFFING, r, err))) {
		free(slot);
		return GW_EDB;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int node = node_of_col(&r->grids, st, 0);
		const char *role = (const char *)sqlite3_column_text(st, 1);
		if (node < 0 || slot[node] < 0 || !role)
			continue;
		struct report_staffing *s = &o->grids[slot[node]];
		if (strcmp(role, "full_time") == 0)
			s->full_time += sqlite3_column_int(st, 2);
		else
			s->part_time += sqlite3_column_int(st, 2);
	}
	sqlite3_reset(st);
	free(slot);
	if (rc != SQLITE_DONE)
		return dbfail(gw, err);
	/* Grids in code order, as a clerk scans a list. */
	for (int i = 1; i < o->ngrids; i++)
		for (int j = i; j > 0 && strcmp(r->grids.nodes[o->grids[j - 1].node].code,
						r->grids.nodes[o->grids[j].node].code) > 0; j--) {
			struct report_staffing t = o->grids[j];
			o->grids[j] = o->grids[j - 1];
			o->grids[j - 1] = t;
		}
	o->grids_total = o->ngrids;
	for (int i = 0; i < o->ngrids; i++) {
		struct report_staffing *s = &o->grids[i];
		s->meets = s->full_time >= 1 && s->part_time >= 2;
		o->grids_meeting += s->meets;
	}

	if (!r->detail) {
		if (!(st = prepare(gw, Q_REPORT_UNSTAFFED_COUNT, r, err)))
			return GW_EDB;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			o->units_without = sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		return rc == SQLITE_ROW ? GW_OK : dbfail(gw, err);
	}
	if (!(st = prepare(gw, Q_REPORT_UNSTAFFED, r, err)))
		return GW_EDB;
	int cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->units_without++;
		if (grow((void **)&o->units, &cap, o->nunits, sizeof *o->units) < 0) {
			sqlite3_reset(st);
			return oom(err);
		}
		struct report_unit *u = &o->units[o->nunits++];
		col(st, 0, u->credit_code, sizeof u->credit_code);
		col(st, 1, u->name, sizeof u->name);
		col(st, 2, u->kind, sizeof u->kind);
		col(st, 3, u->grid_code, sizeof u->grid_code);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : dbfail(gw, err);
}

/* ---- workers ---------------------------------------------------------------------------- */

enum gw_status report_workers(struct gw *gw, struct report *r, struct gw_err *err)
{
	struct report_workers *w = &r->workers;
	sqlite3_stmt *st = prepare(gw, Q_REPORT_WORKERS, r, err);
	if (!st)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int job = enum_index(EN_JOB, (const char *)sqlite3_column_text(st, 0));
		int party = sqlite3_column_int(st, 1);
		const char *roles = (const char *)sqlite3_column_text(st, 2);
		w->total++;
		if (job >= 0)
			w->by_job[job]++;
		w->party_members += party != 0;
		if (!roles || !roles[0])
			continue;
		for (int k = 0; k < RK_WROLES; k++)
			w->roles[k] += enum_list_has(EN_WORKER_ROLE, roles, k);
		w->party_grid_workers += party && enum_list_has(EN_WORKER_ROLE, roles, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dbfail(gw, err);
	if (!(st = prepare(gw, Q_REPORT_POINTS, r, err)))
		return GW_EDB;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		w->points_earned = sqlite3_column_int64(st, 0);
		w->points_redeemed = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? GW_OK : dbfail(gw, err);
}

/* ---- party members -------------------------------------------------------------------- */

enum gw_status report_members(struct gw *gw, struct report *r, struct gw_err *err)
{
	struct report_members *m = &r->members;
	int nn = r->grids.nnodes;
	struct report_member_area *per = calloc((size_t)(nn ? nn : 1), sizeof *per);
	if (!per)
		return oom(err);
	sqlite3_stmt *st = prepare(gw, Q_REPORT_MEMBERS, r, err);
	if (!st) {
		free(per);
		return GW_EDB;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int node = node_of_col(&r->grids, st, 0);
		int in_park = sqlite3_column_int(st, 1), mobile = sqlite3_column_int(st, 2);
		int managed = sqlite3_column_int(st, 3), n = sqlite3_column_int(st, 4);
		if (node < 0 && !(r->p.root && sqlite3_column_type(st, 0) == SQLITE_NULL))
			continue;
		m->total += n;
		m->in_parks += in_park ? n : 0;
		m->in_parks_managed += in_park && managed ? n : 0;
		m->mobile += mobile ? n : 0;
		m->unmanaged += managed ? 0 : n;
		if (node < 0)
			continue;
		per[node].total += n;
		per[node].in_parks += in_park ? n : 0;
		per[node].mobile += mobile ? n : 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(per);
		return dbfail(gw, err);
	}
	for (int i = nn - 1; i > 0; i--) {
		int p = r->grids.nodes[i].parent;
		if (p < 0)
			continue;
		per[p].total += per[i].total;
		per[p].in_parks += per[i].in_parks;
		per[p].mobile += per[i].mobile;
	}
	/* The areas: the scope's children, the level a reader compares. */
	for (int i = 0; i < nn; i++) {
		if (r->grids.nodes[i].depth != 1 || r->grids.nodes[i].deleted)
			continue;
		per[m->nareas] = per[i];
		per[m->nareas++].node = i;
	}
	m->areas = per;
	if (!r->detail)
		return GW_OK;
	if (!(st = prepare(gw, Q_REPORT_MEMBER_ORGS, r, err)))
		return GW_EDB;
	int cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&m->orgs, &cap, m->norgs, sizeof *m->orgs) < 0) {
			sqlite3_reset(st);
			return oom(err);
		}
		struct report_member_org *o = &m->orgs[m->norgs++];
		col(st, 0, o->credit_code, sizeof o->credit_code);
		col(st, 1, o->name, sizeof o->name);
		col(st, 2, o->kind, sizeof o->kind);
		o->total = sqlite3_column_int(st, 3);
		o->mobile = sqlite3_column_int(st, 4);
		o->in_parks = sqlite3_column_int(st, 5);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : dbfail(gw, err);
}

/* ---- stations ----------------------------------------------------------------------------- */

static int host_cmp(const void *a, const void *b)
{
	const struct report_host *x = a, *y = b;
	return x->count != y->count ? y->count - x->count : strcmp(x->host, y->host);
}

enum gw_status report_stations(struct gw *gw, struct report *r, struct gw_err *err)
{
	struct report_stations *s = &r->stations;
	int nn = r->grids.nnodes, *per = calloc((size_t)(nn ? nn : 1), sizeof *per);
	if (!per)
		return oom(err);
	sqlite3_stmt *st = prepare(gw, Q_REPORT_STATIONS, r, err);
	if (!st) {
		free(per);
		return GW_EDB;
	}
	int rc, hcap = 0;
	enum gw_status ret = GW_OK;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int node = node_of_col(&r->grids, st, 0);
		if (node < 0)
			continue;
		const char *host = (const char *)sqlite3_column_text(st, 1);
		const char *services = (const char *)sqlite3_column_text(st, 2);
		s->total++;
		per[node]++;
		for (int k = 0; k < RK_SERVICES; k++)
			s->by_service[k] += enum_list_has(EN_SERVICE, services, k);
		if (!r->detail)
			continue;
		int h = 0;
		while (h < s->nhosts && strcmp(s->hosts[h].host, host ? host : "") != 0)
			h++;
		if (h == s->nhosts) {
			if (grow((void **)&s->hosts, &hcap, s->nhosts, sizeof *s->hosts) < 0) {
				ret = oom(err);
				break;
			}
			snprintf(s->hosts[h].host, sizeof s->hosts[h].host, "%s", host ? host : "");
			s->hosts[h].count = 0;
			s->nhosts++;
		}
		s->hosts[h].count++;
	}
	sqlite3_reset(st);
	if (ret == GW_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ret = dbfail(gw, err);
	if (ret == GW_OK && r->detail) {
		qsort(s->hosts, (size_t)s->nhosts, sizeof *s->hosts, host_cmp);
		int cap = 0;
		for (int i = 0; i < nn && ret == GW_OK; i++) {
			if (!per[i])
				continue;
			if (grow((void **)&s->grids, &cap, s->ngrids, sizeof *s->grids) < 0)
				ret = oom(err);
			else
				s->grids[s->ngrids++] = (struct report_station_grid){i, per[i]};
		}
	}
	free(per);
	return ret;
}

/* ---- activities, projects, credit --------------------------------------------------------- */

enum gw_status report_activities(struct gw *gw, struct report *r, struct gw_err *err)
{
	struct report_activities *a = &r->activities;
	sqlite3_stmt *st = prepare(gw, Q_REPORT_ACTIVITIES, r, err);
	if (!st)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = enum_index(EN_ACTIVITY_KIND, (const char *)sqlite3_column_text(st, 0));
		if (k < 0)
			continue;
		a->sessions[k] += sqlite3_column_int(st, 1);
		a->person_times[k] += sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dbfail(gw, err);
	if (!(st = prepare(gw, Q_REPORT_COOP, r, err)))
		return GW_EDB;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		a->coop_projects = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return dbfail(gw, err);
	if (!(st = prepare(gw, Q_REPORT_CREDIT, r, err)))
		return GW_EDB;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a->credit_enterprises = sqlite3_column_int(st, 0);
		a->credit_grants = sqlite3_column_int(st, 1);
		a->credit_yuan = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return dbfail(gw, err);
	if (!r->detail)
		return GW_OK;
	if (!(st = prepare(gw, Q_REPORT_CREDIT_BANKS, r, err)))
		return GW_EDB;
	int cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&a->banks, &cap, a->nbanks, sizeof *a->banks) < 0) {
			sqlite3_reset(st);
			return oom(err);
		}
		struct report_bank *b = &a->banks[a->nbanks++];
		col(st, 0, b->bank, sizeof b->bank);
		b->enterprises = sqlite3_column_int(st, 1);
		b->grants = sqlite3_column_int(st, 2);
		b->amount_yuan = sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : dbfail(gw, err);
}

/* ---- running ------------------------------------------------------------------------------ */

/* A read transaction, so that every part counts the same records. */
static enum gw_status read_tx(struct gw *gw, enum db_query q, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	return st ? db_step_done(gw->db, st, err) : GW_EDB;
}

void report_free(struct report *r)
{
	if (!r)
		return;
	free(r->grids.nodes);
	free(r->grids.by_id);
	free(r->coverage.cell);
	free(r->new_orgs.list);
	free(r->roster.grids);
	free(r->roster.units);
	free(r->members.areas);
	free(r->members.orgs);
	free(r->stations.grids);
	free(r->stations.hosts);
	free(r->activities.banks);
	memset(r, 0, sizeof *r);
}

enum gw_status report_run(struct gw *gw, enum report_kind k, const struct report_params *p,
			  struct report *out, struct gw_err *err)
{
	static enum gw_status (*const parts[])(struct gw *, struct report *, struct gw_err *) = {
		[REPORT_COVERAGE] = report_coverage, [REPORT_NEW_ORGS] = report_new_orgs,
		[REPORT_ROSTER] = report_roster,     [REPORT_TICKETS] = report_tickets,
		[REPORT_WORKERS] = report_workers,   [REPORT_MEMBERS] = report_members,
		[REPORT_STATIONS] = report_stations, [REPORT_ACTIVITIES] = report_activities,
	};
	memset(out, 0, sizeof *out);
	if ((unsigned)k >= REPORT_KIND_COUNT)
		return gw_fail(err, GW_EUSAGE, "未知的报表", "unknown report");
	out->kind = k;
	out->p = *p;
	out->detail = k != REPORT_SUMMARY;
	/* One read transaction: every part sees the same records. */
	int own_tx = !db_in_tx(gw->db) && sqlite3_get_autocommit(db_handle(gw->db));
	if (own_tx && read_tx(gw, Q_REPORT_READ_BEGIN, err) != GW_OK)
		return GW_EDB;
	enum gw_status st = report_load_grids(gw, out, err);
	for (int i = 0; st == GW_OK && i < REPORT_SUMMARY; i++)
		if (k == REPORT_SUMMARY || (int)k == i)
			st = parts[i](gw, out, err);
	if (own_tx)
		read_tx(gw, Q_REPORT_READ_END, NULL);
	if (st != GW_OK)
		report_free(out);
	return st;
}
