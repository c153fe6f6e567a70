/* search_index.c - the quick-lookup index: text to tokens, and the
 * pre-commit flush that keeps the index in step with the records.
 *
 * Why tokens computed here rather than SQLite's trigram tokenizer: FTS5's
 * trigram index finds nothing for 1- and 2-character Chinese queries, and a
 * separate (gram, kind, id) table costs a B-tree insert per gram, far too
 * slow for a million-ticket import.  So each record becomes one document of
 * a contentless FTS5 table (detail=none) whose "words" are computed here:
 * every character bigram of each field plus its last character alone, the
 * first and last bigrams once more with their own marks (for exact and
 * prefix matches), and the same for the pinyin initials of names.  Each
 * token starts with the kind's letter and the token class, e.g. "in张伟"
 * (instructor, name bigram).  FTS5 batches the writes of a bulk import in
 * memory.  It uses the ascii tokenizer, for which every non-ASCII byte is
 * part of a word, so a token never depends on SQLite's Unicode tables.
 * The text indexed is kept in search_doc: a contentless FTS5 table can only
 * drop a document when given the tokens it was indexed with. */
#include "search_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pinyin.h"

/* Bump when the tokens change: an index built with other tokens is rebuilt. */
#define SEARCH_FORMAT 1

const struct search_kind_info search_kinds[SK_COUNT] = {
	{"instructor", "instructors", "指导员", "党建工作指导员", 'i', Q_SEARCH_DIRTY_INSTRUCTOR,
	 {SEARCH_PY_PERSON, SEARCH_PY_NONE}},
	{"org", "orgs", "单位", "组织", 'o', Q_SEARCH_DIRTY_ORG, {SEARCH_PY_NAME, SEARCH_PY_NONE}},
	{"grid", "grids", "网格", "网格", 'g', Q_SEARCH_DIRTY_GRID, {SEARCH_PY_NAME, SEARCH_PY_NONE}},
	/* Titles are long: their pinyin would cost more than it finds. */
	{"ticket", "tickets", "工单", "问题工单", 't', Q_SEARCH_DIRTY_TICKET,
	 {SEARCH_PY_NONE, SEARCH_PY_PERSON}},
	{"worker", "workers", "新就业人员", "骑手", 'w', Q_SEARCH_DIRTY_WORKER,
	 {SEARCH_PY_PERSON, SEARCH_PY_NONE}},
	{"station", "stations", "驿站", "暖心驿站", 's', Q_SEARCH_DIRTY_STATION,
	 {SEARCH_PY_NAME, SEARCH_PY_NONE}},
};

/* ---- units ---------------------------------------------------------------- */

/* What counts in a name, as in pinyin.h: ASCII letters (lowercased) and
 * digits, fullwidth ones folded, and CJK ideographs.  Everything else -
 * spaces, punctuation, emoji - is skipped, in names and queries alike. */
static int is_ideograph(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Strict UTF-8; a byte that starts no valid sequence comes back alone as
 * U+FFFD (*bad set when bad is not NULL). */
uint32_t search_utf8_next(const unsigned char *s, size_t n, size_t *pos, int *bad)
{
	size_t i = *pos, len;
	unsigned c = s[i];
	uint32_t cp, min;
	if (c < 0x80) {
		*pos = i + 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, cp = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, cp = c & 0x07, min = 0x10000;
	else
		goto fail;
	if (n - i < len)
		goto fail;
	for (size_t k = 1; k < len; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			goto fail;
		cp = cp << 6 | (s[i + k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		goto fail;
	*pos = i + len;
	return cp;
fail:
	if (bad)
		*bad = 1;
	*pos = i + 1;
	return 0xFFFD;
}

static uint32_t fold(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF5A)  /* fullwidth ０-ｚ */
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

static int is_unit(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || is_ideograph(cp);
}

/* The units of s[0..n), at most SEARCH_UNITS_MAX. */
void search_units_of(const char *s, size_t n, struct search_units *u)
{
	size_t pos = 0;
	u->n = 0;
	while (pos < n && u->n < SEARCH_UNITS_MAX) {
		uint32_t cp = fold(search_utf8_next((const unsigned char *)s, n, &pos, NULL));
		if (is_unit(cp))
			u->cp[u->n++] = cp;
	}
}

size_t search_put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The units as one UTF-8 string (what ranks compare); out needs
 * 4 * SEARCH_UNITS_MAX + 1 bytes.  Returns its length. */
size_t search_units_str(const struct search_units *u, char *out)
{
	size_t len = 0;
	for (int i = 0; i < u->n; i++)
		len += search_put_utf8(out + len, u->cp[i]);
	out[len] = '\0';
	return len;
}

/* ---- tokens --------------------------------------------------------------- */

/* Appends one token: tag, class, then cp[0..n). */
static void put_token(struct strbuf *b, char tag, char cls, const uint32_t *cp, int n)
{
	char t[2 + 8 + 1];
	size_t len = 0;
	t[len++] = ' ';
	t[len++] = tag;
	t[len++] = cls;
	for (int i = 0; i < n; i++)
		len += search_put_utf8(t + len, cp[i]);
	sb_add(b, t, len);
}

static int text_tokens(struct strbuf *b, char tag, const struct search_units *u)
{
	int n = u->n;
	if (n == 0)
		return 0;
	for (int i = 0; i < n; i++)
		put_token(b, tag, C_GRAM, u->cp + i, i + 1 < n ? 2 : 1);
	put_token(b, tag, C_BEGIN, u->cp, n >= 2 ? 2 : 1);
	put_token(b, tag, C_END, u->cp + (n >= 2 ? n - 2 : 0), n >= 2 ? 2 : 1);
	return n + 2;
}

search_lset search_lset_of_char(char c)
{
	if (c >= 'a' && c <= 'z')
		return (search_lset)1 << (c - 'a');
	if (c >= '0' && c <= '9')
		return (search_lset)1 << (26 + c - '0');
	return 0;
}

static char lset_char(int bit)
{
	return bit < 26 ? (char)('a' + bit) : (char)('0' + bit - 26);
}

/* Every token of class cls for positions i and i+1 (n = 1 or 2) of the
 * letter sets, one per combination of readings, at most SEARCH_COMBOS_MAX. */
int search_set_tokens(struct strbuf *b, char tag, char cls, const search_lset *s, int n, int star,
		      const char *join)
{
	int count = 0;
	for (search_lset a = s[0]; a && count < SEARCH_COMBOS_MAX; a &= a - 1) {
		search_lset second = n == 2 ? s[1] : 1;
		for (search_lset c = second; c && count < SEARCH_COMBOS_MAX; c &= c - 1) {
			char t[8];
			size_t len = 0;
			if (join && count)
				sb_puts(b, join);
			t[len++] = join ? '"' : ' ';
			t[len++] = tag;
			t[len++] = cls;
			t[len++] = lset_char(__builtin_ctzll(a));
			if (n == 2)
				t[len++] = lset_char(__builtin_ctzll(c));
			if (join)
				t[len++] = '"';
			if (join && star)
				t[len++] = '*';
			sb_add(b, t, len);
			count++;
		}
	}
	return count;
}

/* The initials of a name as a letter set per position: the union of all
 * its readings (pinyin_variants, surname readings for persons). */
static int initials_of(const char *s, size_t n, int person, search_lset *sets)
{
	char buf[4096];
	size_t len = pinyin_variants(s, n, person, buf, sizeof buf, 64);
	size_t m = strcspn(buf, " ");
	if (m > SEARCH_UNITS_MAX)
		m = SEARCH_UNITS_MAX;
	memset(sets, 0, m * sizeof *sets);
	for (size_t v = 0; v < len;) {
		size_t vl = strcspn(buf + v, " ");
		for (size_t i = 0; i < vl && i < m; i++)
			sets[i] |= search_lset_of_char(buf[v + i]);
		v += vl + 1;
	}
	return (int)m;
}

static int pinyin_tokens(struct strbuf *b, char tag, const char *s, size_t n, int person)
{
	search_lset sets[SEARCH_UNITS_MAX];
	int m = initials_of(s, n, person, sets), count = 0;
	if (m == 0)
		return 0;
	for (int i = 0; i < m; i++)
		count += search_set_tokens(b, tag, C_PGRAM, sets + i, i + 1 < m ? 2 : 1, 0, NULL);
	count += search_set_tokens(b, tag, C_PBEGIN, sets, m >= 2 ? 2 : 1, 0, NULL);
	count += search_set_tokens(b, tag, C_PEND, sets + (m >= 2 ? m - 2 : 0), m >= 2 ? 2 : 1, 0, NULL);
	return count;
}

int search_tokens(enum search_kind k, const char *body, struct strbuf *b)
{
	const struct search_kind_info *ki = &search_kinds[k];
	int count = 0;
	const char *f = body;
	for (int i = 0; i < SEARCH_NFIELDS && f; i++) {
		const char *end = strchr(f, SEARCH_FIELD_SEP);
		size_t n = end ? (size_t)(end - f) : strlen(f);
		struct search_units u;
		search_units_of(f, n, &u);
		count += text_tokens(b, ki->tag, &u);
		if (ki->py[i] != SEARCH_PY_NONE && u.n)
			count += pinyin_tokens(b, ki->tag, f, n, ki->py[i] == SEARCH_PY_PERSON);
		f = end ? end + 1 : NULL;
	}
	return count;
}

/* ---- keeping the index in step --------------------------------------------- */

/* What the tokens depend on besides this file: the pinyin data of the
 * build.  A sample of common and polyphonic characters stands for it. */
static void format_id(char out[32])
{
	static const char sample[] =
		"张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
		"苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
		"单解仇朴区查乐盖缪翟宁秘重种覃车长召华繁员隗柏薄阚洗冼都句过能祭牟黑蕃应便佴粘折"
		"蔚藏行银都朝调还传尉迟万俟澹台舒城县经开区网格指导员伟芳娜敏静丽强磊军洋勇艳杰涛";
	char v[2048];
	size_t n = pinyin_variants(sample, sizeof sample - 1, 1, v, sizeof v, 64);
	unsigned long long h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)v[i]) * 1099511628211ULL;
	snprintf(out, 32, "%d-%016llx", SEARCH_FORMAT, h);
}

static enum gw_status step_done(struct gw *gw, sqlite3_stmt *st, struct gw_err *err)
{
	return db_step_done(gw->db, st, err);
}

static enum gw_status fts_write(struct gw *gw, enum db_query q, sqlite3_int64 docid,
				const struct strbuf *tokens, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return GW_EDB;
	sqlite3_bind_int64(st, 1, docid);
	sqlite3_bind_text(st, 2, tokens->s ? tokens->s : "", (int)tokens->len, SQLITE_STATIC);
	return step_done(gw, st, err);
}

struct flush_bufs {
	struct strbuf id, body, old, tokens;
};

static void copy_col(struct strbuf *b, sqlite3_stmt *st, int col)
{
	sb_reset(b);
	const char *s = (const char *)sqlite3_column_text(st, col);
	sb_add(b, s ? s : "", s ? (size_t)sqlite3_column_bytes(st, col) : 0);
}

/* Brings one dirty record of kind k into the index. */
static enum gw_status index_row(struct gw *gw, enum search_kind k, sqlite3_stmt *row,
				struct flush_bufs *fb, struct gw_err *err)
{
	int live = sqlite3_column_int(row, 1);
	int indexed = sqlite3_column_type(row, 3) != SQLITE_NULL;
	sqlite3_int64 docid = sqlite3_column_int64(row, 3);
	copy_col(&fb->id, row, 0);
	copy_col(&fb->body, row, 2);
	copy_col(&fb->old, row, 4);
	enum gw_status st = GW_OK;
	if (live && indexed && strcmp(fb->body.s, fb->old.s) == 0)
		return GW_OK;
	if (getenv("NOWRITE")) { if (getenv("TOK")) {sb_reset(&fb->tokens); search_tokens(k, fb->body.s, &fb->tokens);} return GW_OK; }
	if (indexed) {
		sb_reset(&fb->tokens);
		search_tokens(k, fb->old.s, &fb->tokens);
		if ((st = fts_write(gw, Q_SEARCH_FTS_DELETE, docid, &fb->tokens, err)) != GW_OK)
			return st;
	}
	sqlite3_stmt *q;
	if (!live) {
		if (!indexed)
			return GW_OK;
		if (!(q = db_stmt(gw->db, Q_SEARCH_DOC_DELETE, err)))
			return GW_EDB;
		sqlite3_bind_int64(q, 1, docid);
		return step_done(gw, q, err);
	}
	if (indexed) {
		if (!(q = db_stmt(gw->db, Q_SEARCH_DOC_UPDATE, err)))
			return GW_EDB;
		sqlite3_bind_int64(q, 1, docid);
		sqlite3_bind_text(q, 2, fb->body.s, (int)fb->body.len, SQLITE_STATIC);
		st = step_done(gw, q, err);
	} else {
		if (!(q = db_stmt(gw->db, Q_SEARCH_DOC_INSERT, err)))
			return GW_EDB;
		sqlite3_bind_int(q, 1, k);
		sqlite3_bind_text(q, 2, fb->id.s, (int)fb->id.len, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, fb->body.s, (int)fb->body.len, SQLITE_STATIC);
		st = step_done(gw, q, err);
		docid = sqlite3_last_insert_rowid(db_handle(gw->db));
	}
	if (st != GW_OK)
		return st;
	sb_reset(&fb->tokens);
	search_tokens(k, fb->body.s, &fb->tokens);
	if (getenv("NOFTS")) return GW_OK;
	return fts_write(gw, Q_SEARCH_FTS_INSERT, docid, &fb->tokens, err);
}

static enum gw_status run(struct gw *gw, enum db_query q, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	return st ? step_done(gw, st, err) : GW_EDB;
}

/* Whether the statement q (SELECT EXISTS ...) is true; -1 on error. */
int search_exists(struct gw *gw, enum db_query q, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return -1;
	int rc = sqlite3_step(st), any = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		db_fail(gw->db, err, "search");
		return -1;
	}
	return any;
}

/* An index built with other tokens is emptied and every record queued.
 * An empty index needs nothing: whatever made it empty (a new file,
 * migration 2, search_rebuild) queued every record already. */
static enum gw_status check_format(struct gw *gw, struct gw_err *err)
{
	char want[32], have[32];
	enum gw_status st = gw_meta_get(gw, "search_format", have, sizeof have, err);
	if (st != GW_OK)
		return st;
	format_id(want);
	if (strcmp(have, want) == 0)
		return GW_OK;
	int any = search_exists(gw, Q_SEARCH_DOC_ANY, err);
	if (any < 0)
		return GW_EDB;
	if (any && ((st = run(gw, Q_SEARCH_FTS_CLEAR, err)) != GW_OK ||
		    (st = run(gw, Q_SEARCH_DOC_CLEAR, err)) != GW_OK ||
		    (st = run(gw, Q_SEARCH_DIRTY_ALL, err)) != GW_OK))
		return st;
	return gw_meta_set(gw, "search_format", want, err);
}

enum gw_status search_flush(void *ctx, struct gw_err *err)
{
	struct gw *gw = ctx;
	int any = search_exists(gw, Q_SEARCH_DIRTY_ANY, err);
	if (any <= 0)
		return any < 0 ? GW_EDB : GW_OK;
	enum gw_status st = check_format(gw, err);
	struct flush_bufs fb = {STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT};
	for (int k = 0; k < SK_COUNT && st == GW_OK; k++) {
		sqlite3_stmt *row = db_stmt(gw->db, search_kinds[k].dirty, err);
		if (!row) {
			st = GW_EDB;
			break;
		}
		int rc;
		while (st == GW_OK && (rc = sqlite3_step(row)) == SQLITE_ROW)
			st = index_row(gw, (enum search_kind)k, row, &fb, err);
		if (st == GW_OK && rc != SQLITE_DONE)
			st = db_fail(gw->db, err, gw_tr("更新查找索引", "updating the search index"));
		sqlite3_reset(row);
		if (fb.id.oom || fb.body.oom || fb.old.oom || fb.tokens.oom)
			st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	if (st == GW_OK)
		st = run(gw, Q_SEARCH_DIRTY_CLEAR, err);
	sb_free(&fb.id);
	sb_free(&fb.body);
	sb_free(&fb.old);
	sb_free(&fb.tokens);
	return st;
}

void search_attach(struct gw *gw)
{
	db_set_precommit(gw->db, search_flush, gw);
}

/* Runs the flush in a transaction of its own (without search_attach,
 * db_commit would not run it); rebuild first queues every record. */
enum gw_status search_flush_now(struct gw *gw, int rebuild, struct gw_err *err)
{
	enum gw_status st = db_begin(gw->db, err);
	if (st != GW_OK)
		return st;
	if (rebuild && (st = gw_meta_set(gw, "search_format", "", err)) == GW_OK)
		st = run(gw, Q_SEARCH_DIRTY_ALL, err);
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
