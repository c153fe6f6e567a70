/* search.c - quick lookup: reading a query, routing it by its shape, and
 * ranking.  Grams: core/search_text.c; posting lists and keeping them in
 * step: core/search_index.c; what a hit shows: core/search_show.c.
 *
 * A query runs per kind as tiers, best rank first: phones and codes over
 * their own indexes, then the grams of names for exact, prefix and
 * substring matches, then the grams of their pinyin initials.  One
 * character reads the grams starting with it, two a single gram, longer
 * queries the AND of a few of their bigrams.  Every candidate is checked
 * against its record's current text, so ranks are exact and an old
 * posting never shows, and a tier stops once more hits of its rank or
 * better are known than will be shown. */
#include "search_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pinyin.h"

/* Bigrams of a long query whose lists are read; the others are checked
 * on the candidates. */
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
	char code[SEARCH_QUERY_MAX * 4 + 1]; /* uppercased, when it could be a code */
	char digits[SEARCH_QUERY_MAX * 4 + 1]; /* when it could be a phone number */
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
	char hi[SEARCH_QUERY_MAX * 4 + 2];
	size_t n = strlen(key);
	if (!n || n >= sizeof hi)
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

/* A tier is the AND of terms; a term the OR of gram ranges (a range: the
 * grams starting with one unit; several: the readings of polyphonic
 * characters). */
struct term {
	int n;
	uint64_t lo[SEARCH_COMBOS_MAX], hi[SEARCH_COMBOS_MAX];
};

struct tier_q {
	int n;
	struct term t[QUERY_TERMS + 2];
};

static void term_add(struct term *t, uint64_t g, int range)
{
	if (t->n >= SEARCH_COMBOS_MAX)
		return;
	t->lo[t->n] = g;
	t->hi[t->n++] = range ? g | SEARCH_UNIT_LAST : g;
}

/* One unit (two: a bigram); range: every gram starting with the unit. */
static void term_text(struct tier_q *tq, int k, int cls, const uint32_t *u, int two, int range)
{
	struct term *t = &tq->t[tq->n++];
	t->n = 0;
	term_add(t, search_gram(k, cls, u[0], two ? u[1] : 0), range);
}

static void term_py(struct tier_q *tq, int k, int cls, const search_lset *s, int two, int range)
{
	struct term *t = &tq->t[tq->n++];
	t->n = 0;
	for (search_lset a = s[0]; a; a &= a - 1) {
		uint32_t ua = search_lset_unit(__builtin_ctzll(a));
		if (!two) {
			term_add(t, search_gram(k, cls, ua, 0), range);
			continue;
		}
		for (search_lset b = s[1]; b; b &= b - 1)
			term_add(t, search_gram(k, cls, ua, search_lset_unit(__builtin_ctzll(b))), 0);
	}
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

static void term_of(struct tier_q *tq, int py, const struct query *q, int k, int cls, int at,
		    int two, int range)
{
	if (py)
		term_py(tq, k, cls, q->py + at, two, range);
	else
		term_text(tq, k, cls, q->u.cp + at, two, range);
}

/* The terms of a tier (ranks 0-2 text, 3-5 initials); none when the tier
 * does not apply to this query.  A one-unit query: exact is a one-unit
 * field's own gram, prefix the first grams starting with the unit,
 * substring any gram starting with it.  Longer: the first and last
 * bigram (exact), the first (prefix), and some bigrams between. */
static void tier_terms(const struct query *q, int k, int rank, struct tier_q *tq)
{
	int pos[QUERY_TERMS], np = 0, py = rank >= 3, m = py ? q->npy : q->u.n;
	int begin = py ? GC_PY_BEGIN : GC_BEGIN, end = py ? GC_PY_END : GC_END;
	int any = py ? GC_PY_ANY : GC_ANY, r = rank % 3;
	tq->n = 0;
	if (m == 0 || (py && m == 1 && r == 2))
		return;  /* one letter inside names matches nearly everything */
	if (m == 1) {
		term_of(tq, py, q, k, r == 2 ? any : begin, 0, 0, r > 0);
		return;
	}
	if (r <= 1)
		term_of(tq, py, q, k, begin, 0, 1, 0);
	if (r == 0)
		term_of(tq, py, q, k, end, m - 2, 1, 0);
	np = r == 0 ? spread(1, m - 3, pos) : r == 1 ? spread(1, m - 2, pos) : spread(0, m - 2, pos);
	for (int i = 0; i < np; i++)
		term_of(tq, py, q, k, any, pos[i], 1, 0);
}

/* Loads the union of a term's ranges into l, as runs. */
static enum gw_status term_load(struct gw *gw, const struct term *t, struct search_list *l,
				struct gw_err *err)
{
	l->n = l->nrun = 0;
	for (int i = 0; i < t->n; i++) {
		enum gw_status st = search_list_load(gw, t->lo[i], t->hi[i], l, err);
		if (st != GW_OK)
			return st;
	}
	return GW_OK;
}

/* a = a AND b, both ascending. */
static void intersect(struct search_list *a, const struct search_list *b)
{
	size_t i = 0, j = 0, w = 0;
	while (i < a->n && j < b->n) {
		if (a->v[i] < b->v[j])
			i++;
		else if (a->v[i] > b->v[j])
			j++;
		else {
			a->v[w++] = a->v[i];
			i++;
			j++;
		}
	}
	a->n = w;
}

/* Walks the runs of a list from the largest rowid down, each once: a heap
 * over the runs' current ends, so a one-character query over a million
 * tickets reads its lists but sorts nothing. */
struct desc {
	const struct search_list *l;
	size_t *at;            /* per run: elements left (its next is at[r] - 1 + start) */
	int *heap, nh;
	uint64_t prev;
	int any;
};

static uint64_t desc_val(const struct desc *d, int r)
{
	return d->l->v[d->l->run[r] + d->at[r] - 1];
}

static void desc_sift(struct desc *d, int i)
{
	for (;;) {
		int a = 2 * i + 1, b = a + 1, m = i;
		if (a < d->nh && desc_val(d, d->heap[a]) > desc_val(d, d->heap[m]))
			m = a;
		if (b < d->nh && desc_val(d, d->heap[b]) > desc_val(d, d->heap[m]))
			m = b;
		if (m == i)
			return;
		int t = d->heap[i];
		d->heap[i] = d->heap[m];
		d->heap[m] = t;
		i = m;
	}
}

static int desc_init(struct desc *d, const struct search_list *l)
{
	memset(d, 0, sizeof *d);
	d->l = l;
	d->at = malloc((l->nrun + 1) * sizeof *d->at);
	d->heap = malloc((l->nrun + 1) * sizeof *d->heap);
	if (!d->at || !d->heap)
		return 0;
	for (size_t r = 0; r < l->nrun; r++) {
		size_t end = r + 1 < l->nrun ? l->run[r + 1] : l->n;
		d->at[r] = end - l->run[r];
		if (d->at[r])
			d->heap[d->nh++] = (int)r;
	}
	for (int i = d->nh / 2 - 1; i >= 0; i--)
		desc_sift(d, i);
	return 1;
}

/* The next rowid, largest first; 0 when none is left. */
static uint64_t desc_next(struct desc *d)
{
	while (d->nh) {
		int r = d->heap[0];
		uint64_t v = desc_val(d, r);
		if (--d->at[r] == 0)
			d->heap[0] = d->heap[--d->nh];
		desc_sift(d, 0);
		if (!d->any || v != d->prev) {
			d->any = 1;
			d->prev = v;
			return v;
		}
	}
	return 0;
}

static void desc_free(struct desc *d)
{
	free(d->at);
	free(d->heap);
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

/* Checks one candidate rowid of kind k; adds it when it has the tier's
 * rank.  Returns -1 on a database error. */
static int check(struct gw *gw, enum search_kind k, const struct query *q, int rank,
		 uint64_t rowid, struct collect *c, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, search_kinds[k].text, err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)rowid);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_int(st, 2)) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		const char *text = (const char *)sqlite3_column_text(st, 1);
		if (id && !seen(c, id) && verify(q, k, text ? text : "", rank >= 3) == rank)
			add(c, id, rank);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_fail(gw->db, err, gw_tr("查找", "search"));
		return -1;
	}
	return 0;
}

/* Runs one tier: candidates newest (largest rowid) first, each checked
 * against its record's text and kept when it has exactly this tier's rank
 * (better ones were found by earlier tiers). */
static enum gw_status tier(struct gw *gw, enum search_kind k, const struct query *q, int rank,
			   struct collect *c, struct search_list *l, struct search_list *tmp,
			   struct gw_err *err)
{
	struct tier_q tq;
	tier_terms(q, k, rank, &tq);
	if (!tq.n || enough(c, rank))
		return GW_OK;
	enum gw_status st = term_load(gw, &tq.t[0], l, err);
	if (st == GW_OK && tq.n > 1)
		search_list_sort(l);
	for (int i = 1; i < tq.n && st == GW_OK && l->n; i++)
		if ((st = term_load(gw, &tq.t[i], tmp, err)) == GW_OK) {
			search_list_sort(tmp);
			intersect(l, tmp);
			l->nrun = l->n ? 1 : 0;
		}
	if (st != GW_OK || !l->n)
		return st;
	struct desc d;
	if (!desc_init(&d, l)) {
		desc_free(&d);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	for (uint64_t rowid; (rowid = desc_next(&d)) != 0 && !enough(c, rank);)
		if (check(gw, k, q, rank, rowid, c, err) < 0) {
			st = GW_EDB;
			break;
		}
	desc_free(&d);
	return st;
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return x->seq - y->seq;
}

/* ---- search_find ------------------------------------------------------------ */

/* Collects the hits of kind k into c. */
static enum gw_status find_kind(struct gw *gw, enum search_kind k, const struct query *q,
				struct collect *c, struct search_list *l, struct search_list *tmp,
				struct gw_err *err)
{
	enum gw_status st = codes(gw, k, q, c, err);
	/* Five digits or more are a phone number or a code, not a name: the
	 * whole-process phone look-up stays as quick as the sqlite3 shell's. */
	int number = q->digits[0] && strlen(q->digits) >= 5 && strspn(q->raw, "0123456789 -") ==
		     strlen(q->raw);
	for (int rank = 0; rank < RANKS && st == GW_OK && !number; rank++)
		st = tier(gw, k, q, rank, c, l, tmp, err);
	if (st == GW_OK && c->oom)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	return st;
}

static enum gw_status append_hits(struct gw *gw, enum search_kind k, struct collect *c,
				  struct search_result *out, struct gw_err *err)
{
	if (c->n > 1)
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
		enum gw_status st = search_show(gw, x, err);
		if (st == GW_ENOTFOUND)
			continue;
		if (st != GW_OK)
			return st;
		out->n++;
		out->shown[k]++;
	}
	return GW_OK;
}

/* Indexes what changed without the program (the sqlite3 shell), and
 * rebuilds an index whose rowids were renumbered (a dumped and reloaded
 * file).  A failure (a read-only file, a long import holding the lock) is
 * not the searcher's problem: the search goes on with the index as it is. */
static void catch_up(struct gw *gw)
{
	struct gw_err e;
	if (search_pending(gw, &e) <= 0)
		return;
	if (db_in_tx(gw->db))
		search_flush(gw, &e);
	else
		search_flush_now(gw, 0, &e);
}

/* A search_find's or search_ids's query and find_kind's reused lists. */
struct search_run {
	struct query *q;
	struct search_list l, tmp;
};

/* The start the two share: query parsed into a new r->q (NULL, and
 * GW_ENOMEM, when there is no memory), and the index brought up to date
 * first when the query is good.  run_end frees r whatever this returns. */
static enum gw_status run_start(struct gw *gw, const char *query, struct search_run *r,
				struct gw_err *err)
{
	memset(r, 0, sizeof *r);
	r->q = malloc(sizeof *r->q);
	if (!r->q)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	enum gw_status st = parse_query(query, r->q, err);
	if (st == GW_OK)
		catch_up(gw);
	return st;
}

static void run_end(struct search_run *r)
{
	search_list_free(&r->l);
	search_list_free(&r->tmp);
	free(r->q);
}

enum gw_status search_find(struct gw *gw, const char *query, const struct search_opts *o,
			   struct search_result *out, struct gw_err *err)
{
	memset(out, 0, sizeof *out);
	int kind = o ? o->kind : -1, limit = o ? o->limit : 10;
	if (kind >= SK_COUNT || kind < -1 || limit < 0 || limit > SEARCH_LIMIT_MAX)
		return gw_fail(err, GW_EUSAGE, "查找参数无效", "invalid search options");
	struct search_run run;
	enum gw_status st = run_start(gw, query, &run, err);
	if (!run.q)
		return st;
	for (int k = 0; k < SK_COUNT && st == GW_OK; k++) {
		if (kind >= 0 && k != kind)
			continue;
		struct collect c = {.limit = limit};
		out->searched[k] = 1;
		st = find_kind(gw, (enum search_kind)k, run.q, &c, &run.l, &run.tmp, err);
		if (st == GW_OK)
			st = append_hits(gw, (enum search_kind)k, &c, out, err);
		free(c.v);
		free(c.slot);
	}
	run_end(&run);
	if (st != GW_OK)
		search_result_free(out);
	return st;
}

enum gw_status search_ids(struct gw *gw, const char *query, enum search_kind kind, int limit,
			  char (**ids)[GW_ID_LEN + 1], int *n, int *more, struct gw_err *err)
{
	*ids = NULL;
	*n = *more = 0;
	if ((unsigned)kind >= SK_COUNT || limit < 1 || limit > SEARCH_LIMIT_MAX)
		return gw_fail(err, GW_EUSAGE, "查找参数无效", "invalid search options");
	struct search_run run;
	enum gw_status st = run_start(gw, query, &run, err);
	if (!run.q)
		return st;
	struct collect c = {.limit = limit};
	if (st == GW_OK)
		st = find_kind(gw, kind, run.q, &c, &run.l, &run.tmp, err);
	if (st == GW_OK) {
		if (c.n > 1)
			qsort(c.v, (size_t)c.n, sizeof *c.v, cand_cmp);
		int k = c.n > limit ? limit : c.n;
		*ids = malloc((size_t)(k ? k : 1) * sizeof **ids);
		if (!*ids) {
			st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		} else {
			for (int i = 0; i < k; i++)
				memcpy((*ids)[i], c.v[i].id, sizeof (*ids)[i]);
			*n = k;
			*more = k < c.n;
		}
	}
	free(c.v);
	free(c.slot);
	run_end(&run);
	return st;
}

void search_result_free(struct search_result *r)
{
	if (!r)
		return;
	free(r->hits);
	memset(r, 0, sizeof *r);
}
