/* sync_rec.c - column values, SQLite session records and hand-built
 * changesets.  Merged rows and clerks' choices are written back through
 * sqlite3changeset_apply rather than SQL, so that core holds no SQL and the
 * same code path applies them whatever the table. */
#include "sync_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sv_free(struct sv *v)
{
	free(v->p);
	memset(v, 0, sizeof *v);
}

static void sv_set_bytes(struct sv *d, int t, const void *p, int n)
{
	d->t = t;
	d->n = n < 0 ? 0 : n;
	d->p = malloc((size_t)d->n + 1);
	if (!d->p) {            /* out of memory reads as NULL, never as garbage */
		d->t = SQLITE_NULL;
		d->n = 0;
		return;
	}
	if (d->n)
		memcpy(d->p, p, (size_t)d->n);
	d->p[d->n] = '\0';
}

void sv_from_value(struct sv *d, sqlite3_value *v)
{
	memset(d, 0, sizeof *d);
	if (!v)
		return;
	switch ((d->t = sqlite3_value_type(v))) {
	case SQLITE_INTEGER:
		d->i = sqlite3_value_int64(v);
		break;
	case SQLITE_FLOAT:
		d->r = sqlite3_value_double(v);
		break;
	case SQLITE_TEXT:
		sv_set_bytes(d, SQLITE_TEXT, sqlite3_value_text(v), sqlite3_value_bytes(v));
		break;
	case SQLITE_BLOB:
		sv_set_bytes(d, SQLITE_BLOB, sqlite3_value_blob(v), sqlite3_value_bytes(v));
		break;
	default:
		d->t = SQLITE_NULL;
	}
}

void sv_from_col(struct sv *d, sqlite3_stmt *st, int i)
{
	sv_from_value(d, sqlite3_column_value(st, i));
}

void sv_copy(struct sv *d, const struct sv *s)
{
	*d = *s;
	d->p = NULL;
	if (s->t == SQLITE_TEXT || s->t == SQLITE_BLOB)
		sv_set_bytes(d, s->t, s->p, s->n);
}

struct sv *row_new(int ncol)
{
	return calloc((size_t)(ncol > 0 ? ncol : 1), sizeof(struct sv));
}

void row_free(struct sv *row, int ncol)
{
	if (!row)
		return;
	for (int i = 0; i < ncol; i++)
		free(row[i].p);
	free(row);
}

static int is_num(const struct sv *v)
{
	return v->t == SQLITE_INTEGER || v->t == SQLITE_FLOAT;
}

static double num(const struct sv *v)
{
	return v->t == SQLITE_INTEGER ? (double)v->i : v->r;
}

int sv_eq(const struct sv *a, const struct sv *b)
{
	if (is_num(a) && is_num(b))
		return a->t == b->t ? (a->t == SQLITE_INTEGER ? a->i == b->i : a->r == b->r)
				    : num(a) == num(b);
	if (a->t != b->t)
		return 0;
	if (a->t == SQLITE_TEXT || a->t == SQLITE_BLOB)
		return a->n == b->n && memcmp(a->p, b->p, (size_t)a->n) == 0;
	return 1;
}

int sv_cmp(const struct sv *a, const struct sv *b)
{
	int ra = a->t == 0 || a->t == SQLITE_NULL ? 0 : is_num(a) ? 1 : 2;
	int rb = b->t == 0 || b->t == SQLITE_NULL ? 0 : is_num(b) ? 1 : 2;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (ra == 1) {
		if (a->t == SQLITE_INTEGER && b->t == SQLITE_INTEGER)
			return a->i < b->i ? -1 : a->i > b->i;
		return num(a) < num(b) ? -1 : num(a) > num(b);
	}
	if (ra == 2) {
		int n = a->n < b->n ? a->n : b->n;
		int c = memcmp(a->p, b->p, (size_t)n);
		return c ? (c < 0 ? -1 : 1) : (a->n < b->n ? -1 : a->n > b->n);
	}
	return 0;
}

sqlite3_int64 sv_int(const struct sv *v)
{
	return v->t == SQLITE_INTEGER ? v->i : v->t == SQLITE_FLOAT ? (sqlite3_int64)v->r : 0;
}

void sv_bind(sqlite3_stmt *st, int idx, const struct sv *v)
{
	switch (v->t) {
	case SQLITE_INTEGER:
		sqlite3_bind_int64(st, idx, v->i);
		break;
	case SQLITE_FLOAT:
		sqlite3_bind_double(st, idx, v->r);
		break;
	case SQLITE_TEXT:
		sqlite3_bind_text(st, idx, v->p, v->n, SQLITE_TRANSIENT);
		break;
	case SQLITE_BLOB:
		sqlite3_bind_blob(st, idx, v->p, v->n, SQLITE_TRANSIENT);
		break;
	default:
		sqlite3_bind_null(st, idx);
	}
}

void sv_text(const struct sv *v, char *out, size_t outsz)
{
	if (!outsz)
		return;
	switch (v->t) {
	case SQLITE_INTEGER:
		snprintf(out, outsz, "%lld", (long long)v->i);
		break;
	case SQLITE_FLOAT:
		snprintf(out, outsz, "%.17g", v->r);
		break;
	case SQLITE_TEXT:
	case SQLITE_BLOB:
		snprintf(out, outsz, "%.*s", v->n, v->p);
		break;
	default:
		out[0] = '\0';
	}
}

/* SQLite's varint: 7 bits a byte, high bit set on all but the last. */
static void put_varint(struct strbuf *b, uint64_t v)
{
	unsigned char tmp[10];
	int n = 0;
	do {
		tmp[n++] = (unsigned char)(v & 0x7f);
		v >>= 7;
	} while (v && n < 8);
	unsigned char out[10];
	for (int i = 0; i < n; i++)
		out[i] = (unsigned char)(tmp[n - 1 - i] | (i < n - 1 ? 0x80 : 0));
	sb_add(b, (const char *)out, (size_t)n);
}

static int get_varint(const unsigned char *p, size_t avail, uint64_t *v)
{
	*v = 0;
	for (size_t i = 0; i < avail && i < 8; i++) {
		*v = (*v << 7) | (p[i] & 0x7f);
		if (!(p[i] & 0x80))
			return (int)i + 1;
	}
	return -1;      /* lengths above 2^56 never occur here */
}

static void put_be64(struct strbuf *b, uint64_t v)
{
	unsigned char o[8];
	for (int i = 0; i < 8; i++)
		o[i] = (unsigned char)(v >> (56 - 8 * i));
	sb_add(b, (const char *)o, 8);
}

void rec_put(struct strbuf *b, const struct sv *row, int ncol)
{
	for (int i = 0; i < ncol; i++) {
		const struct sv *v = &row[i];
		unsigned char t = (unsigned char)v->t;
		sb_add(b, (const char *)&t, 1);
		if (v->t == SQLITE_INTEGER) {
			put_be64(b, (uint64_t)v->i);
		} else if (v->t == SQLITE_FLOAT) {
			uint64_t u;
			memcpy(&u, &v->r, 8);
			put_be64(b, u);
		} else if (v->t == SQLITE_TEXT || v->t == SQLITE_BLOB) {
			put_varint(b, (uint64_t)v->n);
			sb_add(b, v->p, (size_t)v->n);
		}
	}
}

int rec_put_stmt(struct strbuf *b, sqlite3_stmt *st, int ncol)
{
	for (int i = 0; i < ncol; i++) {
		int t = sqlite3_column_type(st, i);
		unsigned char tb = (unsigned char)t;
		sb_add(b, (const char *)&tb, 1);
		if (t == SQLITE_INTEGER) {
			put_be64(b, (uint64_t)sqlite3_column_int64(st, i));
		} else if (t == SQLITE_FLOAT) {
			double r = sqlite3_column_double(st, i);
			uint64_t u;
			memcpy(&u, &r, 8);
			put_be64(b, u);
		} else if (t == SQLITE_TEXT || t == SQLITE_BLOB) {
			const void *p = t == SQLITE_TEXT ? (const void *)sqlite3_column_text(st, i)
							 : sqlite3_column_blob(st, i);
			int n = sqlite3_column_bytes(st, i);
			/* NULL for a text, or for a blob with bytes, is SQLite out of
			 * memory: the record would carry a wrong value. */
			if (!p && (t == SQLITE_TEXT || n > 0))
				return -1;
			put_varint(b, (uint64_t)n);
			if (n > 0)
				sb_add(b, p, (size_t)n);
		}
	}
	return 0;
}

int rec_get(const void *p, size_t n, struct sv *row, int ncol)
{
	const unsigned char *b = p;
	size_t pos = 0;
	for (int i = 0; i < ncol; i++)
		sv_free(&row[i]);
	for (int i = 0; i < ncol; i++) {
		if (pos >= n)
			return -1;
		int t = b[pos++];
		struct sv *v = &row[i];
		if (t == 0 || t == SQLITE_NULL) {
			v->t = t;
		} else if (t == SQLITE_INTEGER || t == SQLITE_FLOAT) {
			if (n - pos < 8)
				return -1;
			uint64_t u = 0;
			for (int k = 0; k < 8; k++)
				u = (u << 8) | b[pos + (size_t)k];
			pos += 8;
			v->t = t;
			if (t == SQLITE_INTEGER)
				v->i = (sqlite3_int64)u;
			else
				memcpy(&v->r, &u, 8);
		} else if (t == SQLITE_TEXT || t == SQLITE_BLOB) {
			uint64_t len;
			int k = get_varint(b + pos, n - pos, &len);
			if (k < 0 || len > n - pos - (size_t)k || len > 0x7fffffff)
				return -1;
			pos += (size_t)k;
			sv_set_bytes(v, t, b + pos, (int)len);
			pos += (size_t)len;
		} else {
			return -1;
		}
	}
	return pos == n ? 0 : -1;
}

void cs_table(struct strbuf *b, const struct sync_table *t)
{
	sb_add(b, "T", 1);
	put_varint(b, (uint64_t)t->ncol);
	for (int i = 0; i < t->ncol; i++) {
		char f = t->pk[i] ? 1 : 0;
		sb_add(b, &f, 1);
	}
	sb_add(b, t->name, strlen(t->name) + 1);
}

void cs_change(struct strbuf *b, int op, const struct sv *oldr, const struct sv *newr, int ncol)
{
	char hdr[2] = {(char)op, 0};
	sb_add(b, hdr, 2);
	if (op != SQLITE_INSERT)
		rec_put(b, oldr, ncol);
	if (op != SQLITE_DELETE)
		rec_put(b, newr, ncol);
}

void row_json(struct strbuf *b, const struct sync_table *t, const struct sv *row)
{
	int first = 1;
	sb_puts(b, "{");
	for (int i = 0; i < t->ncol; i++) {
		const struct sv *v = &row[i];
		if (v->t == 0)
			continue;
		if (v->t == SQLITE_INTEGER) {
			sb_json_kv_int(b, &first, t->col[i], v->i);
		} else if (v->t == SQLITE_TEXT) {
			sb_json_kv_str(b, &first, t->col[i], v->p);
		} else if (v->t == SQLITE_NULL) {
			sb_json_kv_str(b, &first, t->col[i], NULL);
		} else {
			char num[40];
			if (v->t == SQLITE_FLOAT)
				snprintf(num, sizeof num, "%.17g", v->r);
			else
				snprintf(num, sizeof num, "\"(%d bytes)\"", v->n);
			sb_puts(b, first ? "" : ",");
			first = 0;
			sb_json_str(b, t->col[i]);
			sb_puts(b, ":");
			sb_puts(b, num);
		}
	}
	sb_puts(b, "}");
}

void row_key_text(const struct sync_table *t, const struct sv *row, char *out, size_t outsz)
{
	if (t->c_id >= 0) {
		sv_text(&row[t->c_id], out, outsz);
		return;
	}
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < t->ncol && len + 1 < outsz; i++) {
		if (!t->pk[i])
			continue;
		char v[128];
		sv_text(&row[i], v, sizeof v);
		len += (size_t)snprintf(out + len, outsz - len, "%s%s", len ? "|" : "", v);
	}
}
