/* ticket_import.c - the references and due dates a tickets.csv import
 * remembers for one file (ticket_import.h).
 *
 * A file names the same grids, organisations, instructors and riders over
 * and over.  Looking each up costs a statement and, at a million rows, often
 * a page read (the records' pages compete with the tickets' for the cache):
 * measured here about 12 us a look-up, a tenth of the import.  So a bulk
 * file reads the keys and ids of every organisation, instructor and rider
 * once into hash maps, and other files remember look-ups in direct-mapped
 * tables (a newer key takes the slot): either way memory is set by the
 * tables, not by the length of the file.  Nothing a ticket row writes
 * changes a reference, and the files of those kinds are imported before
 * the tickets. */
#include "ticket_import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db_index.h"
#include "enums.h"
#include "ticket.h"

/* ---- remembered look-ups ------------------------------------------------------ */

#define SLOT_KEY_MAX 32
/* Slots per kind (powers of two): a county has about a thousand grids; the
 * others are mostly served by the maps of bulk files. */
static const unsigned slots_of[TREF_KINDS] = {4096, 16384, 16384, 16384};

struct slot {
	char key[SLOT_KEY_MAX + 1];
	char id[GW_ID_LEN + 1];
	unsigned char used, found, deleted;
};

/* ---- whole tables, for bulk files -------------------------------------------- */

/* Keys are credit codes (18) and phones (11); a table holding a longer key
 * or more records than MAP_MAX is looked up row by row instead. */
#define MAP_KEY 24
#define MAP_MAX (1u << 22)

struct map {
	char (*key)[MAP_KEY];
	char (*id)[GW_ID_LEN + 1];
	uint32_t *slot;         /* entry + 1; 0 empty */
	size_t n, cap, mask;
	int loaded;
};

/* Due dates by registration day and working days allowed. */
#define DUE_SLOTS 4096
struct due {
	char day[11];
	char on[11];
	int days;
};

struct ticket_refs {
	struct slot *slot[TREF_KINDS];
	struct map map[TREF_KINDS];
	struct due due[DUE_SLOTS];
};

static const enum db_query one_q[TREF_KINDS] = {Q_TICKET_GRID_ID, Q_TICKET_ORG_ID,
						Q_TICKET_INSTRUCTOR_ID, Q_TICKET_WORKER_ID};
static const int all_q[TREF_KINDS] = {-1, Q_TICKET_ORG_KEYS, Q_TICKET_INSTRUCTOR_KEYS,
				      Q_TICKET_WORKER_KEYS};

static size_t hash_str(const char *s, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return (size_t)(h ^ h >> 29);
}

static void map_free(struct map *m)
{
	free(m->key);
	free(m->id);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static int map_add(struct map *m, const char *key, size_t n, const char *id, size_t idn)
{
	if (n >= MAP_KEY || idn > GW_ID_LEN || m->n == MAP_MAX)
		return 0;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 4096;
		void *k = realloc(m->key, cap * sizeof *m->key);
		if (k)
			m->key = k;
		void *i = k ? realloc(m->id, cap * sizeof *m->id) : NULL;
		if (!i)
			return 0;
		m->id = i;
		m->cap = cap;
	}
	memcpy(m->key[m->n], key, n);
	m->key[m->n][n] = '\0';
	memcpy(m->id[m->n], id, idn);
	m->id[m->n][idn] = '\0';
	m->n++;
	return 1;
}

static int map_index(struct map *m)
{
	size_t nslot = 1024;
	while (nslot < 2 * m->n)
		nslot *= 2;
	if (!(m->slot = calloc(nslot, sizeof *m->slot)))
		return 0;
	m->mask = nslot - 1;
	for (size_t e = 0; e < m->n; e++) {
		size_t i = hash_str(m->key[e], strlen(m->key[e])) & m->mask;
		while (m->slot[i])
			i = (i + 1) & m->mask;
		m->slot[i] = (uint32_t)(e + 1);
	}
	return 1;
}

/* Reads every key and id of kind r.  A table the map cannot hold (or a
 * lack of memory) leaves it unloaded: its rows are then looked up one by
 * one.  Only a database error fails. */
static enum gw_status map_load(struct gw *gw, struct map *m, enum ticket_ref r, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, (enum db_query)all_q[r], err);
	if (!st)
		return GW_EDB;
	int rc, ok = 1;
	while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW)
		ok = map_add(m, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0),
			     (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1));
	sqlite3_reset(st);
	if (ok && rc != SQLITE_DONE)
		return db_fail(gw->db, err, gw_tr("查询", "lookup"));
	if (ok && map_index(m))
		m->loaded = 1;
	else
		map_free(m);
	return GW_OK;
}

/* 1 with id set when the map holds key (n < MAP_KEY), else 0. */
static int map_find(const struct map *m, const char *key, size_t n, char id[GW_ID_LEN + 1])
{
	for (size_t i = hash_str(key, n) & m->mask; m->slot[i]; i = (i + 1) & m->mask) {
		const char *k = m->key[m->slot[i] - 1];
		if (memcmp(k, key, n + 1) == 0) {
			memcpy(id, m->id[m->slot[i] - 1], GW_ID_LEN + 1);
			return 1;
		}
	}
	return 0;
}

struct ticket_import *ticket_import_new(struct gw *gw, int bulk, struct gw_err *err)
{
	struct ticket_import *ti = calloc(1, sizeof *ti);
	struct ticket_refs *refs = ti ? calloc(1, sizeof *refs) : NULL;
	size_t n = 0;
	for (int k = 0; k < TREF_KINDS; k++)
		n += slots_of[k];
	struct slot *slots = refs ? calloc(n, sizeof *slots) : NULL;
	if (!slots) {
		free(refs);
		free(ti);
		gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
		return NULL;
	}
	ti->refs = refs;
	ti->bulk = bulk;
	for (int k = 0; k < TREF_KINDS; k++) {
		refs->slot[k] = slots;
		slots += slots_of[k];
	}
	for (int k = 0; bulk && k < TREF_KINDS; k++)
		if (all_q[k] >= 0 && map_load(gw, &refs->map[k], (enum ticket_ref)k, err) != GW_OK) {
			ticket_import_free(ti);
			return NULL;
		}
	return ti;
}

void ticket_import_free(struct ticket_import *ti)
{
	if (!ti)
		return;
	if (ti->refs) {
		for (int k = 0; k < TREF_KINDS; k++)
			map_free(&ti->refs->map[k]);
		free(ti->refs->slot[0]);
		free(ti->refs);
	}
	db_index_forget(ti->indexes);
	free(ti);
}

int ticket_lookup_id(struct gw *gw, enum db_query q, const char *key, char id[GW_ID_LEN + 1],
		     int *deleted, struct gw_err *err)
{
	sqlite3_stmt *st = db_stmt(gw->db, q, err);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		db_col_text(st, 0, id, GW_ID_LEN + 1);
		if (deleted)
			*deleted = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	db_fail(gw->db, err, gw_tr("查询", "lookup"));
	return -1;
}

int ticket_ref_id(struct gw *gw, struct ticket_import *ti, enum ticket_ref r, const char *key,
		  char id[GW_ID_LEN + 1], int *deleted, struct gw_err *err)
{
	size_t n = strlen(key);
	struct slot *s = NULL;
	if (ti) {
		struct ticket_refs *refs = ti->refs;
		if (refs->map[r].loaded && n < MAP_KEY)
			return map_find(&refs->map[r], key, n, id);
		if (n <= SLOT_KEY_MAX) {
			s = &refs->slot[r][hash_str(key, n) & (slots_of[r] - 1)];
			if (s->used && memcmp(s->key, key, n + 1) == 0) {
				if (s->found)
					memcpy(id, s->id, GW_ID_LEN + 1);
				if (deleted)
					*deleted = s->deleted;
				return s->found;
			}
		}
	}
	int found = ticket_lookup_id(gw, one_q[r], key, id, deleted, err);
	if (s && found >= 0) {
		memcpy(s->key, key, n + 1);
		s->used = 1;
		s->found = (unsigned char)found;
		s->deleted = found && deleted && *deleted;
		if (found)
			memcpy(s->id, id, GW_ID_LEN + 1);
	}
	return found;
}

enum gw_status ticket_import_due(const struct gw *gw, struct ticket_import *ti,
				 const char *created_at, const char *category, int held_days,
				 char out[11])
{
	int k = enum_index(EN_CATEGORY, category);
	if (!ti || k < 0 || k >= CONFIG_CATEGORIES || strlen(created_at) < 10)
		return ticket_due_on(gw, created_at, category, held_days, out);
	int days = gw->cfg.limit_days[k] + held_days;
	struct due *d = &ti->refs->due[(hash_str(created_at, 10) + (size_t)days * 40503u) & (DUE_SLOTS - 1)];
	if (d->day[0] && d->days == days && memcmp(d->day, created_at, 10) == 0) {
		memcpy(out, d->on, 11);
		return GW_OK;
	}
	enum gw_status st = ticket_due_on(gw, created_at, category, held_days, out);
	if (st == GW_OK) {
		memcpy(d->day, created_at, 10);
		d->day[10] = '\0';
		d->days = days;
		memcpy(d->on, out, 11);
	}
	return st;
}
