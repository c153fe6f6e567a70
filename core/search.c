/* search.c - quick lookup: routing a query by its shape, ranking, and
 * what each hit shows.  The index itself is core/search_index.c.
 *
 * A query runs per kind as tiers, best rank first: phones and codes over
 * their own indexes, then FTS queries for exact, prefix and substring
 * matches of names, then for pinyin initials.  One character is a prefix
 * query over bigram tokens ("in伟"*), two a single token, longer queries
 * the AND of a few of their bigrams.  Every candidate is checked against
 * the indexed text, so ranks are exact, and a tier stops once more hits
 * of its rank or better are known than will be shown. */
#include "search_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pinyin.h"

/* Bigrams of a long query that go into the FTS query; the others are
 * checked on the candidates. */
#define QUERY_TERMS 6

const char *search_kind_name(enum search_kind k)
{
	return (unsigned)k < SK_COUNT ? search_kinds[k].name : "";
}

const char *search_kind_zh(enum search_kind k)
{
	return (unsigned)k < SK_COUNT ? search_kinds[k].zh : "";
}

int search_kind_parse(const char *s)
{
	if (!s)
		return -1;
	for (int k = 0; k < SK_COUNT; k++)
		if (strcasecmp(s, search_kinds[k].name) == 0 || strcasecmp(s, search_kinds[k].plural) == 0 ||
		    strcmp(s, search_kinds[k].zh) == 0 || strcmp(s, search_kinds[k].zh2) == 0)
			return k;
	if (strcasecmp(s, "organisation") == 0 || strcasecmp(s, "organization") == 0 ||
	    strcasecmp(s, "organisations") == 0 || strcasecmp(s, "organizations") == 0)
		return SK_ORG;
	return -1;
}

const char *search_match_name(enum search_match m)
{
	static const char *const names[] = {"exact", "prefix", "substring", "initials"};
	return (unsigned)m < 4 ? names[m] : "";
}

/* ---- the query ------------------------------------------------------------ */

struct query {
	char raw[SEARCH_QUERY_MAX * 4 + 1];  /* trimmed, as typed */
	struct search_units u;                      /* its units */
	char norm[SEARCH_UNITS_MAX * 4 + 1];        /* the units as text */
	size_t normlen;
	char code[SEARCH_QUERY_MAX + 1];     /* uppercased, when it could be a code */
	char digits[SEARCH_QUERY_MAX + 1];   /* when it could be a phone number */
	int npy;                             /* > 0 when it could be pinyin initials */
	search_lset py[SEARCH_QUERY_MAX];
};

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000;
}

static enum gw_status parse_query(const char *in, struct query *q, struct gw_err *err)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t n = strlen((const char *)s), pos = 0, start = n, end = 0;
	int bad = 0, chars = 0;
	memset(q, 0, sizeof *q);
	while (pos < n) {
		size_t at = pos;
		uint32_t cp = search_utf8_next(s, n, &pos, &bad);
		if (!is_space(cp)) {
			if (start == n)
				start = at;
			end = pos;
		}
	}
	if (bad)
		return gw_fail(err, GW_EINVAL, "查找内容不是有效的 UTF-8 文字",
			       "the query is not valid UTF-8 text");
	if (start >= end)
		return gw_fail(err, GW_EINVAL, "请输入要查找的内容：名称片段、拼音首字母、电话或编码",
			       "type what to look for: part of a name, pinyin initials, a phone or a code");
	for (pos = start; pos < end; chars++)
		search_utf8_next(s, end, &pos, NULL);
	if (chars > SEARCH_QUERY_MAX)
		return gw_fail(err, GW_EINVAL, "查找内容太长（%d 个字符，最多 %d 个）",
			       "the query is too long (%d characters, at most %d)", chars,
			       SEARCH_QUERY_MAX);
	memcpy(q->raw, s + start, end - start);
	size_t rn = end - start;
	search_units_of(q->raw, rn, &q->u);
	q->normlen = search_units_str(&q->u, q->norm);

	/* Codes are ASCII letters, digits and hyphens; phones digits with
	 * optional spaces or hyphens. */
	int code_ok = 1, phone_ok = 1, alnum = 0;
	size_t nd = 0;
	for (size_t i = 0; i < rn; i++) {
		unsigned char c = (unsigned char)q->raw[i];
		int digit = c >= '0' && c <= '9';
		int alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		alnum |= digit || alpha;
		if (!digit && !alpha && c != '-')
			code_ok = 0;
		if (!digit && c != '-' && c != ' ')
			phone_ok = 0;
		if (digit)
			q->digits[nd++] = (char)c;
		q->code[i] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
	}
	if (!code_ok || !alnum)
		q->code[0] = '\0';
	if (!phone_ok || nd == 0)
		q->digits[0] = '\0';

	/* Initials: some ASCII letter, and every unit a letter, digit or hanzi
	 * with a reading. */
	int letters = 0;
	for (int i = 0; i < q->u.n; i++) {
		uint32_t cp = q->u.cp[i];
		search_lset m = cp < 0x80 ? search_lset_of_char((char)cp) : (search_lset)pinyin_letters(cp);
		letters |= cp >= 'a' && cp <= 'z';
		if (!m) {
			letters = 0;
			break;
		}
		q->py[i] = m;
	}
	q->npy = letters ? q->u.n : 0;
	if (!q->u.n && !q->code[0] && !q->digits[0])
		return gw_fail(err, GW_EINVAL, "“%s”中没有可查找的汉字、字母或数字",
			       "'%s' has no hanzi, letter or digit to look for", q->raw);
	return GW_OK;
}

/* The hits of one kind while they are collected. */
struct cand {
	char id[GW_ID_LEN + 1];
	int rank;
	int seq;
};

#define RANKS 6

struct collect {
	struct cand *v;
	int n, cap;
	int *slot;             /* open addressing over v by id; -1 empty */
	int nslot;
	int limit;             /* 0: all */
	int per_rank[RANKS];
	int oom;
};

static unsigned id_hash(const char *id)
{
	unsigned h = 2166136261u;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h;
}

static int seen(const struct collect *c, const char *id)
{
	if (!c->nslot)
		return 0;
	for (unsigned i = id_hash(id) & (unsigned)(c->nslot - 1);; i = (i + 1) & (unsigned)(c->nslot - 1)) {
		if (c->slot[i] < 0)
			return 0;
		if (strcmp(c->v[c->slot[i]].id, id) == 0)
			return 1;
	}
}

static void rehash(struct collect *c, int nslot)
{
	int *slot = malloc((size_t)nslot * sizeof *slot);
	if (!slot) {
		c->oom = 1;
		return;
	}
	for (int i = 0; i < nslot; i++)
		slot[i] = -1;
	for (int k = 0; k < c->n; k++) {
		unsigned i = id_hash(c->v[k].id) & (unsigned)(nslot - 1);
		while (slot[i] >= 0)
			i = (i + 1) & (unsigned)(nslot - 1);
		slot[i] = k;
	}
	free(c->slot);
	c->slot = slot;
	c->nslot = nslot;
}

static void add(struct collect *c, const char *id, int rank)
{
	if (c->oom || seen(c, id))
		return;
	if (c->n == c->cap) {
		int cap = c->cap ? c->cap * 2 : 32;
		struct cand *v = realloc(c->v, (size_t)cap * sizeof *v);
		if (!v) {
			c->oom = 1;
			return;
		}
		c->v = v;
		c->cap = cap;
	}
	struct cand *x = &c->v[c->n];
	snprintf(x->id, sizeof x->id, "%s", id);
	x->rank = rank;
	x->seq = c->n++;
	c->per_rank[rank]++;
	if (c->n * 2 > c->nslot)
		rehash(c, c->nslot ? c->nslot * 2 : 64);
}

/* Whether more hits of rank <= rank are known than will be shown: later,
 * worse tiers cannot change what is shown. */
static int enough(const struct collect *c, int rank)
{
	if (c->limit <= 0)
		return 0;
	int n = 0;
	for (int r = 0; r <= rank && r < RANKS; r++)
		n += c->per_rank[r];
	return n > c->limit;
}

/* ---- phones and codes ---------------------------------------------------- */

/* Steps a statement whose rows are (id[, is_exact]) and collects them. */
static enum gw_status collect_rows(struct gw *gw, sqlite3_stmt *st, struct collect *c,
				   int exact_rank, int other_rank, int only_exact,
				   struct gw_err *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int exact = sqlite3_column_count(st) > 1 && sqlite3_column_int(st, 1);
		if (only_exact && !exact)
			continue;
		add(c, (const char *)sqlite3_column_text(st, 0), exact ? exact_rank : other_rank);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, gw_tr("查找", "search"));
}

/* Rows of a [key, key+1) range statement: exact rank 0, the rest prefix 1. */
static enum gw_status range(struct gw *gw, enum db_query qn, const char *key, int only_exact,
			    struct collect *c, struct gw_err *err)
{
	char hi[SEARCH_QUERY_MAX + 2];
	size_t n = strlen(key);
	if (!n)
		return GW_OK;
	memcpy(hi, key, n + 1);
	hi[n - 1]++;  /* ASCII: never wraps */
	sqlite3_stmt *st = db_stmt(gw->db, qn, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, key, (int)n, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi, (int)n, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, c->limit > 0 ? c->limit + 1 : -1);
	return collect_rows(gw, st, c, 0, 1, only_exact, err);
}

/* Phone numbers' last four digits: substring rank.  For organisations,
 * whose phones are not unique, a whole number is matched through its last
 * four digits too. */
static enum gw_status tail4(struct gw *gw, enum db_query qn, const struct query *q, int org,
			    struct collect *c, struct gw_err *err)
{
	size_t nd = strlen(q->digits);
	if (nd < 4 || (!org && nd != 4))
		return GW_OK;
	sqlite3_stmt *st = db_stmt(gw->db, qn, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, q->digits + nd - 4, 4, SQLITE_TRANSIENT);
	if (org) {
		db_bind_text(st, 2, nd == 4 ? "" : q->digits);
		sqlite3_bind_int(st, 3, c->limit > 0 ? c->limit + 1 : -1);
	} else {
		sqlite3_bind_int(st, 2, c->limit > 0 ? c->limit + 1 : -1);
	}
	return collect_rows(gw, st, c, 0, 2, org && nd != 4, err);
}

static enum gw_status codes(struct gw *gw, enum search_kind k, const struct query *q,
			    struct collect *c, struct gw_err *err)
{
	size_t nd = strlen(q->digits), nc = strlen(q->code);
	/* A phone's start needs five digits: four are its end. */
	const char *phone = nd >= 5 ? q->digits : "";
	enum gw_status st = GW_OK;
	switch (k) {
	case SK_INSTRUCTOR:
		if ((st = range(gw, Q_SEARCH_INSTR_PHONE, phone, 0, c, err)) == GW_OK)
			st = tail4(gw, Q_SEARCH_INSTR_PHONE4, q, 0, c, err);
		break;
	case SK_WORKER:
		if ((st = range(gw, Q_SEARCH_WORKER_PHONE, phone, 0, c, err)) == GW_OK)
			st = tail4(gw, Q_SEARCH_WORKER_PHONE4, q, 0, c, err);
		break;
	case SK_ORG:
		if ((st = range(gw, Q_SEARCH_ORG_CODE, q->code, nc < 2, c, err)) == GW_OK)
			st = tail4(gw, Q_SEARCH_ORG_PHONE4, q, 1, c, err);
		break;
	case SK_GRID:
		st = range(gw, Q_SEARCH_GRID_CODE, q->code, nc < 2, c, err);
		break;
	case SK_TICKET:
		st = range(gw, Q_SEARCH_TICKET_NUMBER, q->code, nc < 2, c, err);
		break;
	default:
		break;
	}
	return st;
}

/* ---- names ----------------------------------------------------------------- */

/* Appends `"<tag><cls><units>"` (with * for a prefix) to an AND list. */
static void q_token(struct strbuf *b, char tag, char cls, const uint32_t *cp, int n, int star)
{
	if (b->len)
		sb_puts(b, " AND ");
	char t[16];
	size_t len = 0;
	t[len++] = '"';
	t[len++] = tag;
	t[len++] = cls;
	for (int i = 0; i < n; i++)
		len += search_put_utf8(t + len, cp[i]);
	t[len++] = '"';
	if (star)
		t[len++] = '*';
	sb_add(b, t, len);
}

/* Appends (a OR b ...) of the readings of positions i, i+1 (n of them). */
static void q_sets(struct strbuf *b, char tag, char cls, const search_lset *s, int n, int star)
{
	if (b->len)
		sb_puts(b, " AND ");
	sb_puts(b, "(");
	search_set_tokens(b, tag, cls, s, n, star, " OR ");
	sb_puts(b, ")");
}

/* Up to QUERY_TERMS bigram positions spread over [lo, hi]. */
static int spread(int lo, int hi, int *pos)
{
	int n = hi - lo + 1;
	if (n <= 0)
		return 0;
	if (n <= QUERY_TERMS) {
		for (int i = 0; i < n; i++)
			pos[i] = lo + i;
		return n;
	}
	for (int i = 0; i < QUERY_TERMS; i++)
		pos[i] = lo + i * (n - 1) / (QUERY_TERMS - 1);
	return QUERY_TERMS;
}

/* The FTS query of a tier (ranks 0-2 text, 3-5 initials); "" when the tier
 * does not apply to this query. */
static void tier_expr(const struct query *q, char tag, int rank, struct strbuf *b)
{
	int pos[QUERY_TERMS], np = 0;
	sb_reset(b);
	if (rank <= 2) {
		const uint32_t *u = q->u.cp;
		int m = q->u.n;
		if (m == 0)
			return;
		if (m == 1) {
			q_token(b, tag, rank == 2 ? C_GRAM : C_BEGIN, u, 1, rank > 0);
			return;
		}
		if (rank == 0) {
			q_token(b, tag, C_BEGIN, u, 2, 0);
			q_token(b, tag, C_END, u + m - 2, 2, 0);
			np = spread(1, m - 3, pos);
		} else if (rank == 1) {
			q_token(b, tag, C_BEGIN, u, 2, 0);
			np = spread(1, m - 2, pos);
		} else {
			np = spread(0, m - 2, pos);
		}
		for (int i = 0; i < np; i++)
			q_token(b, tag, C_GRAM, u + pos[i], 2, 0);
		return;
	}
	int m = q->npy;
	if (m == 0 || (m == 1 && rank == 5))
		return;
	if (m == 1) {
		q_sets(b, tag, C_PBEGIN, q->py, 1, rank == 4);
		return;
	}
	if (rank == 3) {
		q_sets(b, tag, C_PBEGIN, q->py, 2, 0);
		q_sets(b, tag, C_PEND, q->py + m - 2, 2, 0);
		np = spread(1, m - 3, pos);
	} else if (rank == 4) {
		q_sets(b, tag, C_PBEGIN, q->py, 2, 0);
		np = spread(1, m - 2, pos);
	} else {
		np = spread(0, m - 2, pos);
	}
	for (int i = 0; i < np; i++)
		q_sets(b, tag, C_PGRAM, q->py + pos[i], 2, 0);
}

/* The rank of the indexed text body for the query, -1 when it does not
 * match: 0-2 by the text of a field, 3-5 by its initials. */
static int verify(const struct query *q, enum search_kind k, const char *body, int initials)
{
	int best = -1;
	const char *f = body;
	for (int i = 0; i < SEARCH_NFIELDS && f; i++) {
		const char *end = strchr(f, SEARCH_FIELD_SEP);
		size_t n = end ? (size_t)(end - f) : strlen(f);
		int r = -1;
		if (!initials) {
			struct search_units u;
			char s[SEARCH_UNITS_MAX * 4 + 1];
			search_units_of(f, n, &u);
			size_t sn = search_units_str(&u, s);
			if (sn == q->normlen && memcmp(s, q->norm, sn) == 0)
				r = 0;
			else if (sn >= q->normlen && memcmp(s, q->norm, q->normlen) == 0)
				r = 1;
			else if (memmem(s, sn, q->norm, q->normlen))
				r = 2;
		} else if (search_kinds[k].py[i] != SEARCH_PY_NONE) {
			int m = pinyin_match(q->raw, strlen(q->raw), f, n,
					     search_kinds[k].py[i] == SEARCH_PY_PERSON);
			r = m ? 6 - m : -1;
		}
		if (r >= 0 && (best < 0 || r < best))
			best = r;
		f = end ? end + 1 : NULL;
	}
	return best;
}

/* Runs one tier: candidates newest first, each checked, kept when it has
 * exactly this tier's rank (better ones were found by earlier tiers). */
static enum gw_status tier(struct gw *gw, enum search_kind k, const struct query *q, int rank,
			   struct collect *c, struct strbuf *expr, struct gw_err *err)
{
	tier_expr(q, search_kinds[k].tag, rank, expr);
	if (!expr->len || enough(c, rank))
		return GW_OK;
	sqlite3_stmt *st = db_stmt(gw->db, Q_SEARCH_MATCH, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_text(st, 1, expr->s, (int)expr->len, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		if (!id || seen(c, id))
			continue;
		const char *body = (const char *)sqlite3_column_text(st, 1);
		if (verify(q, k, body ? body : "", rank >= 3) != rank)
			continue;
		add(c, id, rank);
		if (enough(c, rank)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? GW_OK : db_fail(gw->db, err, gw_tr("查找", "search"));
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return x->seq - y->seq;
}

/* ---- what a hit shows ------------------------------------------------------ */

static void col(sqlite3_stmt *st, int i, char *out, size_t outsz)
{
	db_col_text(st, i, out, outsz);
}

static void add_ref(struct search_hit *h, enum search_rel rel, const char *code,
		    const char *name, const char *phone, const char *role)
{
	if (h->nrefs++ >= SEARCH_REFS_MAX)
		return;
	struct search_ref *r = &h->refs[h->nrefs - 1];
	r->rel = rel;
	snprintf(r->code, sizeof r->code, "%s", code ? code : "");
	snprintf(r->name, sizeof r->name, "%s", name ? name : "");
	snprintf(r->phone, sizeof r->phone, "%s", phone ? phone : "");
	snprintf(r->role, sizeof r->role, "%s", role ? role : "");
}

/* Adds a ref per row of q(id): (code, name) rows, or people (name, phone,
 * role) when person.  Returns the number of rows, -1 on error. */
static int refs(struct gw *gw, enum db_query qn, const char *id, enum search_rel rel,
		struct search_hit *h, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, qn, err);
	if (!st)
		return -1;
	db_bind_text(st, 1, id);
	int rc, n = 0, person = rel == SR_INSTRUCTOR || rel == SR_GRID_INSTRUCTOR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(st, 0);
		const char *b = (const char *)sqlite3_column_text(st, 1);
		if (person)
			add_ref(h, rel, "", a, b, (const char *)sqlite3_column_text(st, 2));
		else
			add_ref(h, rel, a, b, "", "");
		if (person && rel != SR_PARENT) {
			const char *role = (const char *)sqlite3_column_text(st, 2);
			if (role && strcmp(role, "full_time") == 0)
				h->full_time++;
			else
				h->part_time++;
		}
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(gw->db, err, gw_tr("查找", "search"));
		return -1;
	}
	return n;
}

/* Fills the display fields of h (kind and id set).  GW_ENOTFOUND when the
 * record vanished between index and read (cannot happen in one snapshot,
 * but a hand-edited file may lack it). */
static enum gw_status show(struct gw *gw, struct search_hit *h, struct gw_err *err)
{
	static const enum db_query q[SK_COUNT] = {
		Q_SEARCH_SHOW_INSTRUCTOR, Q_SEARCH_SHOW_ORG, Q_SEARCH_SHOW_GRID,
		Q_SEARCH_SHOW_TICKET, Q_SEARCH_SHOW_WORKER, Q_SEARCH_SHOW_STATION,
	};
	sqlite3_stmt *st = db_stmt(gw->db, q[h->kind], err);
	if (!st)
		return GW_EDB;
	db_bind_text(st, 1, h->id);
	int rc = sqlite3_step(st);
	char grid_id[GW_ID_LEN + 1] = "";
	h->meets = -1;
	if (rc == SQLITE_ROW) {
		switch (h->kind) {
		case SK_INSTRUCTOR:
			col(st, 0, h->name, sizeof h->name);
			col(st, 1, h->phone, sizeof h->phone);
			col(st, 2, h->role, sizeof h->role);
			col(st, 3, h->unit, sizeof h->unit);
			col(st, 4, h->status, sizeof h->status);
			break;
		case SK_ORG:
			col(st, 0, h->name, sizeof h->name);
			col(st, 1, h->code, sizeof h->code);
			col(st, 2, h->phone, sizeof h->phone);
			col(st, 3, h->status, sizeof h->status);
			col(st, 4, h->date, sizeof h->date);
			col(st, 5, h->grid_code, sizeof h->grid_code);
			col(st, 6, h->grid_name, sizeof h->grid_name);
			col(st, 7, grid_id, sizeof grid_id);
			break;
		case SK_GRID:
			col(st, 0, h->code, sizeof h->code);
			col(st, 1, h->name, sizeof h->name);
			col(st, 2, h->role, sizeof h->role);
			break;
		case SK_TICKET:
			col(st, 0, h->code, sizeof h->code);
			col(st, 1, h->name, sizeof h->name);
			col(st, 2, h->status, sizeof h->status);
			col(st, 3, h->date, sizeof h->date);
			col(st, 4, h->unit, sizeof h->unit);
			col(st, 5, h->grid_code, sizeof h->grid_code);
			col(st, 6, h->grid_name, sizeof h->grid_name);
			break;
		case SK_WORKER:
			col(st, 0, h->name, sizeof h->name);
			col(st, 1, h->phone, sizeof h->phone);
			col(st, 2, h->role, sizeof h->role);
			col(st, 3, h->unit, sizeof h->unit);
			col(st, 4, h->grid_code, sizeof h->grid_code);
			col(st, 5, h->grid_name, sizeof h->grid_name);
			break;
		case SK_STATION:
			col(st, 0, h->name, sizeof h->name);
			col(st, 1, h->unit, sizeof h->unit);
			col(st, 2, h->services, sizeof h->services);
			col(st, 3, h->hours, sizeof h->hours);
			col(st, 4, h->grid_code, sizeof h->grid_code);
			col(st, 5, h->grid_name, sizeof h->grid_name);
			break;
		default:
			break;
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return gw_fail(err, GW_ENOTFOUND, "记录 %s 已不存在", "record %s no longer exists", h->id);
	if (rc != SQLITE_ROW)
		return db_fail(gw->db, err, gw_tr("查找", "search"));
	int n = 0;
	switch (h->kind) {
	case SK_INSTRUCTOR:
		if ((n = refs(gw, Q_SEARCH_INSTR_GRIDS, h->id, SR_GRID, h, err)) >= 0)
			n = refs(gw, Q_SEARCH_INSTR_ORGS, h->id, SR_ORG, h, err);
		break;
	case SK_ORG:
		/* The counter question: its own instructors, else its grid's. */
		n = refs(gw, Q_SEARCH_ORG_INSTRUCTORS, h->id, SR_INSTRUCTOR, h, err);
		if (n == 0 && grid_id[0])
			n = refs(gw, Q_SEARCH_GRID_INSTRUCTORS, grid_id, SR_GRID_INSTRUCTOR, h, err);
		h->full_time = h->part_time = 0;
		break;
	case SK_GRID:
		if ((n = refs(gw, Q_SEARCH_GRID_CHAIN, h->id, SR_PARENT, h, err)) >= 0)
			n = refs(gw, Q_SEARCH_GRID_INSTRUCTORS, h->id, SR_INSTRUCTOR, h, err);
		if (strcmp(h->role, "grid") == 0)
			h->meets = h->full_time >= 1 && h->part_time >= 2;
		break;
	default:
		break;
	}
	return n < 0 ? GW_EDB : GW_OK;
}

/* ---- search_find ------------------------------------------------------------ */

/* Collects the hits of kind k into c. */
static enum gw_status find_kind(struct gw *gw, enum search_kind k, const struct query *q,
				struct collect *c, struct strbuf *expr, struct gw_err *err)
{
	enum gw_status st = codes(gw, k, q, c, err);
	for (int rank = 0; rank < RANKS && st == GW_OK; rank++)
		st = tier(gw, k, q, rank, c, expr, err);
	if (st == GW_OK && c->oom)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	return st;
}

static enum gw_status append_hits(struct gw *gw, enum search_kind k, struct collect *c,
				  struct search_result *out, struct gw_err *err)
{
	qsort(c->v, (size_t)c->n, sizeof *c->v, cand_cmp);
	int n = c->limit > 0 && c->n > c->limit ? c->limit : c->n;
	out->more[k] = n < c->n;
	if (n == 0)
		return GW_OK;
	struct search_hit *h = realloc(out->hits, (size_t)(out->n + n) * sizeof *h);
	if (!h)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	out->hits = h;
	for (int i = 0; i < n; i++) {
		struct search_hit *x = &out->hits[out->n];
		memset(x, 0, sizeof *x);
		x->kind = k;
		x->rank = c->v[i].rank;
		x->match = x->rank >= 3 ? SM_INITIALS : (enum search_match)x->rank;
		snprintf(x->id, sizeof x->id, "%s", c->v[i].id);
		enum gw_status st = show(gw, x, err);
		if (st == GW_ENOTFOUND)
			continue;
		if (st != GW_OK)
			return st;
		out->n++;
		out->shown[k]++;
	}
	return GW_OK;
}

/* Indexes what others left dirty (edits made with the sqlite3 shell).  A
 * failure (a read-only file, a long import holding the lock) is not the
 * searcher's problem: the search goes on with the index as it is. */
static void catch_up(struct gw *gw)
{
	struct gw_err e;
	if (db_in_tx(gw->db)) {
		search_flush(gw, &e);
		return;
	}
	if (search_exists(gw, Q_SEARCH_DIRTY_ANY, &e) > 0)
		search_flush_now(gw, 0, &e);
}

enum gw_status search_find(struct gw *gw, const char *query, const struct search_opts *o,
			   struct search_result *out, struct gw_err *err)
{
	memset(out, 0, sizeof *out);
	int kind = o ? o->kind : -1, limit = o ? o->limit : 10;
	if (kind >= SK_COUNT || kind < -1 || limit < 0 || limit > SEARCH_LIMIT_MAX)
		return gw_fail(err, GW_EUSAGE, "查找参数无效", "invalid search options");
	struct query *q = malloc(sizeof *q);
	if (!q)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	enum gw_status st = parse_query(query, q, err);
	if (st == GW_OK)
		catch_up(gw);
	struct strbuf expr = STRBUF_INIT;
	for (int k = 0; k < SK_COUNT && st == GW_OK; k++) {
		if (kind >= 0 && k != kind)
			continue;
		struct collect c = {.limit = limit};
		out->searched[k] = 1;
		st = find_kind(gw, (enum search_kind)k, q, &c, &expr, err);
		if (st == GW_OK)
			st = append_hits(gw, (enum search_kind)k, &c, out, err);
		free(c.v);
		free(c.slot);
	}
	sb_free(&expr);
	free(q);
	if (st != GW_OK)
		search_result_free(out);
	return st;
}

void search_result_free(struct search_result *r)
{
	if (!r)
		return;
	free(r->hits);
	memset(r, 0, sizeof *r);
}
