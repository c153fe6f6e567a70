/* search_index.c - the quick-lookup index: posting lists, and the
 * pre-commit flush that keeps the index in step with the records.
 *
 * Why its own posting lists rather than FTS5: FTS5's trigram tokenizer
 * finds nothing for 1- and 2-character Chinese queries, and feeding FTS5
 * our own grams cost about 220 ns a gram here - more than the whole budget
 * of a million-ticket import; a (gram, kind, id) B-tree row per gram is
 * slower still.  Here a flush gathers the grams of every changed record in
 * a memory hash (tens of ns a gram) and writes one row per gram: the new
 * postings as one chunk of delta varints.  A gram with many chunks has
 * them merged.
 *
 * Postings are the rowids of the kind's own table, so the index needs no
 * table of its own records, and records added since the last flush are
 * simply the rowids above the last one indexed: no trigger runs on insert
 * (even an empty one cost a ticket import 4-5 us a row here).  Triggers
 * note changed names (search_dirty, by id) and deleted rows (search_gone,
 * by rowid: SQLite may give a deleted last rowid to the next record).
 * Nothing is taken out of the lists: every candidate is checked against
 * its record's current text, so a posting of an old text or a deleted
 * record costs a look-up and nothing else.  When such dead postings
 * outnumber the live records, the index is rebuilt.
 * SQLite keeps rowids (VACUUM included) unless a table is dumped and
 * reloaded with gaps; the id at each table's last rowid is kept to notice
 * that, and then the index is rebuilt too.
 *
 * The grams themselves: core/search_text.c. */
#include "search_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pinyin.h"

/* Bump when the grams change: an index built with other grams is rebuilt. */
#define SEARCH_FORMAT 3
/* A gram with this many chunks has them merged into one. */
#define CHUNKS_MAX 8
/* Postings gathered in memory before they are written. */
#define PENDING_MAX (4u << 20)

/* ---- posting lists ----------------------------------------------------------- */

static size_t put_varint(unsigned char *o, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		o[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	o[n++] = (unsigned char)v;
	return n;
}

static int list_push(struct search_list *l, uint64_t v)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		uint64_t *p = realloc(l->v, cap * sizeof *p);
		if (!p) {
			l->oom = 1;
			return 0;
		}
		l->v = p;
		l->cap = cap;
	}
	l->v[l->n++] = v;
	return 1;
}

static void list_run(struct search_list *l)
{
	if (l->nrun == l->runcap) {
		size_t cap = l->runcap ? l->runcap * 2 : 16;
		size_t *p = realloc(l->run, cap * sizeof *p);
		if (!p) {
			l->oom = 1;
			return;
		}
		l->run = p;
		l->runcap = cap;
	}
	l->run[l->nrun++] = l->n;
}

/* Appends the rowids of one chunk (delta varints) as a run. */
static void decode_chunk(const unsigned char *p, size_t n, struct search_list *l)
{
	uint64_t prev = 0;
	list_run(l);
	for (size_t i = 0; i < n && !l->oom;) {
		uint64_t v = 0;
		for (int shift = 0; i < n && shift < 64; shift += 7) {
			unsigned char c = p[i++];
			v |= (uint64_t)(c & 0x7F) << shift;
			if (!(c & 0x80))
				break;
		}
		prev += v;
		list_push(l, prev);
	}
}

enum gw_status search_list_load(struct gw *gw, uint64_t lo, uint64_t hi,
				struct search_list *l, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_SEARCH_POST_RANGE, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)lo);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)hi);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		decode_chunk(sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1), l);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("读取查找索引", "reading the search index"));
	if (l->oom)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	return GW_OK;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

void search_list_sort(struct search_list *l)
{
	int sorted = 1;
	for (size_t i = 1; i < l->n && sorted; i++)
		sorted = l->v[i - 1] < l->v[i];
	if (!sorted) {
		qsort(l->v, l->n, sizeof *l->v, u64_cmp);
		size_t w = l->n ? 1 : 0;
		for (size_t i = 1; i < l->n; i++)
			if (l->v[i] != l->v[w - 1])
				l->v[w++] = l->v[i];
		l->n = w;
	}
	l->nrun = 0;
	if (l->n) {
		size_t n = l->n;
		l->n = 0;
		list_run(l);  /* one run, from 0 */
		l->n = n;
	}
}

void search_list_free(struct search_list *l)
{
	free(l->v);
	free(l->run);
	memset(l, 0, sizeof *l);
}

/* The postings of a flush, gathered per gram before they are written. */
struct pending {
	uint64_t gram;
	uint64_t *v;
	uint32_t n, cap;
	int sorted;
};

struct builder {
	struct pending *e;     /* open addressing, gram 0 = empty (no gram is 0) */
	size_t nslot, n, postings;
	long long seq;         /* chunk number of this flush */
	int oom;
};

static size_t slot_of(uint64_t gram, size_t nslot)
{
	return (size_t)((gram * 0x9E3779B97F4A7C15ULL) >> 24) & (nslot - 1);
}

static int builder_grow(struct builder *b)
{
	size_t nslot = b->nslot ? b->nslot * 2 : 4096;
	struct pending *e = calloc(nslot, sizeof *e);
	if (!e)
		return 0;
	for (size_t i = 0; i < b->nslot; i++) {
		if (!b->e[i].gram)
			continue;
		size_t j = slot_of(b->e[i].gram, nslot);
		while (e[j].gram)
			j = (j + 1) & (nslot - 1);
		e[j] = b->e[i];
	}
	free(b->e);
	b->e = e;
	b->nslot = nslot;
	return 1;
}

static void builder_add(struct builder *b, uint64_t gram, uint64_t rowid)
{
	if (b->oom)
		return;
	if ((b->n + 1) * 2 > b->nslot && !builder_grow(b)) {
		b->oom = 1;
		return;
	}
	size_t i = slot_of(gram, b->nslot);
	while (b->e[i].gram && b->e[i].gram != gram)
		i = (i + 1) & (b->nslot - 1);
	struct pending *p = &b->e[i];
	if (!p->gram) {
		p->gram = gram;
		p->sorted = 1;
		b->n++;
	} else if (p->v[p->n - 1] == rowid) {
		return;  /* the same gram twice in one text */
	}
	if (p->n == p->cap) {
		uint32_t cap = p->cap ? p->cap * 2 : 4;
		uint64_t *v = realloc(p->v, cap * sizeof *v);
		if (!v) {
			b->oom = 1;
			return;
		}
		p->v = v;
		p->cap = cap;
	}
	if (p->n && rowid < p->v[p->n - 1])
		p->sorted = 0;
	p->v[p->n++] = rowid;
	b->postings++;
}

/* Frees the first n entries' postings (all slots before builder_write
 * compacts them) and the table. */
static void builder_free_n(struct builder *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(b->e[i].v);
	free(b->e);
	long long seq = b->seq;
	memset(b, 0, sizeof *b);
	b->seq = seq;
}

static int pending_cmp(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	return x->gram < y->gram ? -1 : x->gram > y->gram;
}

static enum gw_status step_done(struct gw *gw, sqlite3_stmt *st, struct gw_err *err)
{
	return db_step_done(gw->db, st, err);
}

/* Encodes ascending rowids as delta varints into a buffer of n * 10 bytes. */
static size_t encode(const uint64_t *v, size_t n, unsigned char *out)
{
	size_t len = 0;
	uint64_t prev = 0;
	for (size_t i = 0; i < n; i++) {
		len += put_varint(out + len, v[i] - prev);
		prev = v[i];
	}
	return len;
}

static enum gw_status post_insert(struct gw *gw, uint64_t gram, long long seq, const uint64_t *v,
				  size_t n, struct gw_err *err)
{
	unsigned char small[4096], *buf = n * 10 <= sizeof small ? small : malloc(n * 10);
	if (!buf)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	size_t len = encode(v, n, buf);
	enum gw_status st = GW_EDB;
	sqlite3_stmt *q = db_stmt(gw->db, Q_SEARCH_POST_INSERT, err);
	if (q) {
		sqlite3_bind_int64(q, 1, (sqlite3_int64)gram);
		sqlite3_bind_int64(q, 2, seq);
		sqlite3_bind_blob(q, 3, buf, (int)len, SQLITE_STATIC);
		st = step_done(gw, q, err);
	}
	if (buf != small)
		free(buf);
	return st;
}

/* Replaces every chunk of a gram by one holding them all plus p's. */
static enum gw_status merge_chunks(struct gw *gw, const struct pending *p, long long seq,
				   struct gw_err *err)
{
	struct search_list l = {0};
	enum gw_status st = search_list_load(gw, p->gram, p->gram, &l, err);
	for (uint32_t i = 0; i < p->n && st == GW_OK; i++)
		if (!list_push(&l, p->v[i]))
			st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	if (st == GW_OK) {
		search_list_sort(&l);
		sqlite3_stmt *q = db_stmt(gw->db, Q_SEARCH_POST_DROP, err);
		if (!q)
			st = GW_EDB;
		else {
			sqlite3_bind_int64(q, 1, (sqlite3_int64)p->gram);
			st = step_done(gw, q, err);
		}
	}
	if (st == GW_OK)
		st = post_insert(gw, p->gram, seq, l.v, l.n, err);
	search_list_free(&l);
	return st;
}

/* Writes what the builder gathered as one chunk per gram, in gram order
 * (B-tree order), and empties it. */
static enum gw_status builder_write(struct gw *gw, struct builder *b, struct gw_err *err)
{
	enum gw_status st = b->oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory") : GW_OK;
	size_t n = 0;
	for (size_t i = 0; i < b->nslot; i++)
		if (b->e[i].gram)
			b->e[n++] = b->e[i];
	if (n > 1)
		qsort(b->e, n, sizeof *b->e, pending_cmp);
	b->seq++;
	for (size_t i = 0; i < n && st == GW_OK; i++) {
		struct pending *p = &b->e[i];
		if (!p->sorted) {
			qsort(p->v, p->n, sizeof *p->v, u64_cmp);
			uint32_t w = 1;
			for (uint32_t j = 1; j < p->n; j++)
				if (p->v[j] != p->v[w - 1])
					p->v[w++] = p->v[j];
			p->n = w;
		}
		sqlite3_stmt *q = db_stmt(gw->db, Q_SEARCH_POST_INFO, err);
		if (!q) {
			st = GW_EDB;
			break;
		}
		sqlite3_bind_int64(q, 1, (sqlite3_int64)p->gram);
		int rc = sqlite3_step(q), chunks = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
		sqlite3_reset(q);
		if (rc != SQLITE_ROW)
			st = db_fail(gw->db, err, gw_tr("更新查找索引", "updating the search index"));
		else if (chunks + 1 >= CHUNKS_MAX)
			st = merge_chunks(gw, p, b->seq, err);
		else
			st = post_insert(gw, p->gram, b->seq, p->v, p->n, err);
	}
	builder_free_n(b, n);
	return st;
}

/* ---- keeping the index in step ------------------------------------------- */

/* What the grams depend on besides this file: the pinyin data of the
 * build.  A sample of common and polyphonic characters stands for it. */
static void format_id(char out[32])
{
	/* A function of constant data: worked out once per process. */
	static char id[32];
	if (id[0]) {
		memcpy(out, id, sizeof id);
		return;
	}
	static const char sample[] =
		"张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
		"苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
		"单解仇朴区查乐盖缪翟宁秘重种覃车长召华繁员隗柏薄阚洗冼都句过能祭牟黑蕃应便佴粘折"
		"蔚藏行银都朝调还传尉迟万俟澹台舒城县经开区网格指导员伟芳娜敏静丽强磊军洋勇艳杰涛";
	unsigned long long h = 1469598103934665603ULL;
	size_t pos = 0;
	while (pos < sizeof sample - 1)
		h = (h ^ pinyin_letters(search_utf8_next((const unsigned char *)sample,
							 sizeof sample - 1, &pos, NULL))) *
		    1099511628211ULL;
	char v[sizeof sample];
	size_t n = pinyin_abbrev(sample, sizeof sample - 1, 1, v, sizeof v);  /* surname rules */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)v[i]) * 1099511628211ULL;
	snprintf(id, sizeof id, "%d-%016llx", SEARCH_FORMAT, h);
	memcpy(out, id, sizeof id);
}

static enum gw_status run(struct gw *gw, enum db_query q, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	return st ? step_done(gw, st, err) : GW_EDB;
}

int search_exists(struct gw *gw, enum db_query q, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return -1;
	int rc = sqlite3_step(st), any = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		db_fail(gw->db, err, gw_tr("查找索引", "search index"));
		return -1;
	}
	return any;
}

/* The index's own numbers live in meta: search_format, search_seq (chunks
 * written), search_dead (dead postings' records since the last rebuild),
 * search_last ("rowid:id" of each table's last row at the last flush). */
struct state {
	long long seq, dead;
	long long last[SK_COUNT];
	char last_id[SK_COUNT][GW_ID_LEN + 1];
};

static enum gw_status state_load(struct gw *gw, struct state *s, struct gw_err *err)
{
	char v[SK_COUNT * 64];
	memset(s, 0, sizeof *s);
	enum gw_status st = gw_meta_get(gw, "search_seq", v, sizeof v, err);
	if (st == GW_OK) {
		s->seq = atoll(v);
		st = gw_meta_get(gw, "search_dead", v, sizeof v, err);
	}
	if (st == GW_OK) {
		s->dead = atoll(v);
		st = gw_meta_get(gw, "search_last", v, sizeof v, err);
	}
	if (st != GW_OK)
		return st;
	const char *p = v;
	static const char alnum[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	for (int k = 0; k < SK_COUNT && *p; k++) {
		/* "rowid:id", the id empty for a kind without records: a %[
		 * conversion fails on that and would leave p where it was. */
		int used = 0;
		if (sscanf(p, "%lld:%n", &s->last[k], &used) < 1 || !used)
			break;
		p += used;
		size_t n = strspn(p, alnum);
		memcpy(s->last_id[k], p, n < GW_ID_LEN ? n : GW_ID_LEN);
		s->last_id[k][n < GW_ID_LEN ? n : GW_ID_LEN] = '\0';
		p += n;
		while (*p == ' ')
			p++;
	}
	return GW_OK;
}

static enum gw_status state_save(struct gw *gw, const struct state *s, struct gw_err *err)
{
	char v[SK_COUNT * 64], n[32];
	size_t len = 0;
	for (int k = 0; k < SK_COUNT; k++)
		len += (size_t)snprintf(v + len, sizeof v - len, "%s%lld:%s", k ? " " : "", s->last[k],
					s->last_id[k]);
	enum gw_status st;
	snprintf(n, sizeof n, "%lld", s->seq);
	if ((st = gw_meta_set(gw, "search_seq", n, err)) != GW_OK)
		return st;
	snprintf(n, sizeof n, "%lld", s->dead);
	if ((st = gw_meta_set(gw, "search_dead", n, err)) != GW_OK)
		return st;
	return gw_meta_set(gw, "search_last", v, err);
}

/* Each table's last rowid now, with its id. */
static enum gw_status state_last(struct gw *gw, struct state *s, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, Q_SEARCH_LAST, err);
	if (!st)
		return GW_EDB;
	int rc = sqlite3_step(st);
	for (int k = 0; k < SK_COUNT && rc == SQLITE_ROW; k++) {
		s->last[k] = sqlite3_column_int64(st, 2 * k);
		db_col_text(st, 2 * k + 1, s->last_id[k], sizeof s->last_id[k]);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? GW_OK : db_fail(gw->db, err, gw_tr("更新查找索引", "updating the search index"));
}

/* 1 when no table's rowids were renumbered: each table's remembered last
 * rowid still holds the same id, or that record is gone altogether (hard
 * deleted; its rowid may since be reused). */
static int rowids_ok(struct gw *gw, const struct state *s, struct gw_err *err)
{
	sqlite3_stmt *at = db_stmt(gw->db, Q_SEARCH_AT, err);
	if (!at)
		return -1;
	for (int k = 0; k < SK_COUNT; k++)
		sqlite3_bind_int64(at, k + 1, s->last[k]);
	int rc = sqlite3_step(at), moved[SK_COUNT], any = 0;
	for (int k = 0; k < SK_COUNT && rc == SQLITE_ROW; k++) {
		const char *id = (const char *)sqlite3_column_text(at, k);
		moved[k] = s->last[k] > 0 && !(id && strcmp(id, s->last_id[k]) == 0);
		any |= moved[k];
	}
	sqlite3_reset(at);
	if (rc != SQLITE_ROW) {
		db_fail(gw->db, err, gw_tr("查找索引", "search index"));
		return -1;
	}
	if (!any)
		return 1;
	sqlite3_stmt *has = db_stmt(gw->db, Q_SEARCH_HAS, err);
	if (!has)
		return -1;
	for (int k = 0; k < SK_COUNT; k++)
		sqlite3_bind_text(has, k + 1, s->last_id[k], -1, SQLITE_STATIC);
	rc = sqlite3_step(has);
	int ok = rc == SQLITE_ROW;
	for (int k = 0; k < SK_COUNT && ok; k++)
		ok = !(moved[k] && sqlite3_column_int(has, k));
	sqlite3_reset(has);
	if (rc != SQLITE_ROW) {
		db_fail(gw->db, err, gw_tr("查找索引", "search index"));
		return -1;
	}
	return ok;
}

/* Whether anything changed since the last flush: records noted changed or
 * deleted, or a table's last rowid moved (records added; or renumbered).
 * Loads *s. */
static int pending(struct gw *gw, struct state *s, struct gw_err *err)
{
	if (state_load(gw, s, err) != GW_OK)
		return -1;
	int any = search_exists(gw, Q_SEARCH_DIRTY_ANY, err);
	if (any != 0)
		return any;
	struct state now;
	if (state_last(gw, &now, err) != GW_OK)
		return -1;
	for (int k = 0; k < SK_COUNT; k++)
		if (now.last[k] != s->last[k] || strcmp(now.last_id[k], s->last_id[k]) != 0)
			return 1;
	return 0;
}

int search_pending(struct gw *gw, struct gw_err *err)
{
	struct state s;
	return pending(gw, &s, err);
}

/* Empties the index: every record counts as added since. */
static enum gw_status clear_all(struct gw *gw, struct state *s, struct gw_err *err)
{
	enum gw_status st;
	if ((st = run(gw, Q_SEARCH_POST_CLEAR, err)) != GW_OK ||
	    (st = run(gw, Q_SEARCH_DIRTY_CLEAR, err)) != GW_OK ||
	    (st = run(gw, Q_SEARCH_GONE_CLEAR, err)) != GW_OK)
		return st;
	s->dead = 0;
	memset(s->last, 0, sizeof s->last);
	memset(s->last_id, 0, sizeof s->last_id);
	return GW_OK;
}

/* The index must be rebuilt when it was built with other grams (or never:
 * then it is empty, and every record counts as added) or when rowids were
 * renumbered. */
static enum gw_status check_index(struct gw *gw, struct state *s, struct gw_err *err)
{
	char want[32], have[32];
	enum gw_status st = gw_meta_get(gw, "search_format", have, sizeof have, err);
	if (st != GW_OK)
		return st;
	format_id(want);
	int fresh = strcmp(have, want) == 0;
	int ok = fresh ? rowids_ok(gw, s, err) : 0;
	if (ok < 0)
		return GW_EDB;
	if (ok)
		return GW_OK;
	int any = search_exists(gw, Q_SEARCH_POST_ANY, err);
	if (any < 0)
		return GW_EDB;
	if ((any || !fresh) && (st = clear_all(gw, s, err)) != GW_OK)
		return st;
	return fresh ? GW_OK : gw_meta_set(gw, "search_format", want, err);
}

enum scan { SCAN_NEW, SCAN_DIRTY, SCAN_GONE };

/* Gathers the grams of kind k's records of one scan.  Rowids up to
 * s->last[k] were indexed before: their old postings are now dead; a
 * deleted rowid held again is a new record; rowids above it come with the
 * new records' scan. */
static enum gw_status scan_kind(struct gw *gw, enum search_kind k, enum scan how,
				struct state *s, struct builder *b, struct search_grams *g,
				struct gw_err *err)
{
	const struct search_kind_info *ki = &search_kinds[k];
	sqlite3_stmt *row = db_stmt(gw->db, how == SCAN_NEW ? ki->fresh : how == SCAN_DIRTY ? ki->dirty
									   : ki->gone, err);
	if (!row)
		return GW_EDB;
	if (how == SCAN_NEW)
		sqlite3_bind_int64(row, 1, s->last[k]);
	int off = how == SCAN_GONE;  /* its extra column: a record holds the rowid */
	enum gw_status st = GW_OK;
	int rc;
	while (st == GW_OK && (rc = sqlite3_step(row)) == SQLITE_ROW) {
		long long rowid = sqlite3_column_int64(row, 0);
		int old = how != SCAN_NEW && rowid <= s->last[k];
		if (how != SCAN_NEW && !old)
			continue;
		s->dead += old;
		if ((off && !sqlite3_column_int(row, 1)) || !sqlite3_column_int(row, 1 + off))
			continue;
		const char *text = (const char *)sqlite3_column_text(row, 2 + off);
		g->n = 0;
		search_grams_of(k, text ? text : "", g);
		for (int i = 0; i < g->n; i++)
			builder_add(b, g->v[i], (uint64_t)rowid);
		if (g->oom || b->oom)
			st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		else if (b->postings > PENDING_MAX)
			st = builder_write(gw, b, err);
	}
	if (st == GW_OK && rc != SQLITE_DONE)
		st = db_fail(gw->db, err, gw_tr("更新查找索引", "updating the search index"));
	sqlite3_reset(row);
	return st;
}

/* Indexes everything added, changed or deleted since the last flush. */
static enum gw_status flush_queue(struct gw *gw, struct state *s, struct gw_err *err)
{
	struct builder b = {.seq = s->seq};
	struct search_grams g = {0};
	enum gw_status st = GW_OK;
	for (int k = 0; k < SK_COUNT && st == GW_OK; k++)
		for (int how = SCAN_NEW; how <= SCAN_GONE && st == GW_OK; how++)
			st = scan_kind(gw, (enum search_kind)k, (enum scan)how, s, &b, &g, err);
	free(g.v);
	if (st == GW_OK)
		st = builder_write(gw, &b, err);
	else
		builder_free_n(&b, b.nslot);
	s->seq = b.seq;
	if (st == GW_OK)
		st = run(gw, Q_SEARCH_DIRTY_CLEAR, err);
	if (st == GW_OK)
		st = run(gw, Q_SEARCH_GONE_CLEAR, err);
	if (st == GW_OK)
		st = state_last(gw, s, err);
	return st;
}

/* Dead postings make every list longer; past the live records, start
 * afresh.  Returns 1 to rebuild, -1 on error. */
static int worth_rebuilding(struct gw *gw, long long dead, struct gw_err *err)
{
	if (dead < 10000)
		return 0;
	sqlite3_stmt *st = db_stmt(gw->db, Q_SEARCH_LIVE, err);
	if (!st)
		return -1;
	long long live = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return dead > live;
}

enum gw_status search_flush(void *ctx, struct gw_err *err)
{
	struct gw *gw = ctx;
	struct state s;
	int any = pending(gw, &s, err);
	if (any <= 0)
		return any < 0 ? GW_EDB : GW_OK;
	enum gw_status st = check_index(gw, &s, err);
	if (st == GW_OK)
		st = flush_queue(gw, &s, err);
	int again = st == GW_OK ? worth_rebuilding(gw, s.dead, err) : 0;
	if (again < 0)
		st = GW_EDB;
	if (again > 0 && (st = clear_all(gw, &s, err)) == GW_OK)
		st = flush_queue(gw, &s, err);
	if (st == GW_OK)
		st = state_save(gw, &s, err);
	return st;
}

void search_attach(struct gw *gw)
{
	db_add_precommit(gw->db, search_flush, gw);
}

enum gw_status search_flush_now(struct gw *gw, int rebuild, struct gw_err *err)
{
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	if (rebuild) {
		struct state s;
		if ((st = state_load(gw, &s, err)) == GW_OK && (st = clear_all(gw, &s, err)) == GW_OK)
			st = state_save(gw, &s, err);
	}
	if (st == GW_OK)
		st = search_flush(gw, err);
	if (st != GW_OK) {
		db_rollback(gw->db);
		return st;
	}
	return db_commit(gw->db, err);
}

enum gw_status search_rebuild(struct gw *gw, struct gw_err *err)
{
	return search_flush_now(gw, 1, err);
}
