/* search_index.h - internals shared by core/search.c (the query),
 * core/search_text.c (texts to grams), core/search_index.c (posting lists
 * and the flush) and core/search_show.c (what a hit shows).  Nothing else
 * includes this. */
#ifndef GW_SEARCH_INDEX_H
#define GW_SEARCH_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "search.h"
#include "strbuf.h"

/* Fields of an indexed text are joined by U+001F. */
#define SEARCH_FIELD_SEP '\x1f'
#define SEARCH_NFIELDS 2
/* Characters of a field that are indexed (ticket titles stop at 100). */
#define SEARCH_UNITS_MAX 128
/* Readings combined per pinyin gram (polyphonic characters). */
#define SEARCH_COMBOS_MAX 16

enum search_py { SEARCH_PY_NONE, SEARCH_PY_NAME, SEARCH_PY_PERSON };

struct search_kind_info {
	const char *name, *plural, *zh, *zh2;
	enum db_query fresh;               /* records added since the last flush */
	enum db_query dirty;               /* records noted changed */
	enum db_query gone;                /* rowids noted deleted */
	enum db_query text;                /* a record's id, text, liveness by rowid */
	enum search_py py[SEARCH_NFIELDS]; /* pinyin of each field */
};
extern const struct search_kind_info search_kinds[SK_COUNT];

/* Gram classes: a character or bigram anywhere in a field, at its start,
 * at its end; the same over the field's pinyin initials. */
enum search_cls { GC_ANY, GC_BEGIN, GC_END, GC_PY_ANY, GC_PY_BEGIN, GC_PY_END };

/* A gram packed into an integer: kind, class and one or two units
 * (b = 0 for one).  Units are code points; pinyin units are the ASCII
 * letters and digits of the initials.  The grams starting with unit a are
 * the range [search_gram(k, c, a, 0), search_gram(k, c, a, 0x1FFFFF)]. */
#define SEARCH_UNIT_LAST 0x1FFFFF
static inline uint64_t search_gram(int kind, int cls, uint32_t a, uint32_t b)
{
	return (uint64_t)(kind * 8 + cls) << 42 | (uint64_t)a << 21 | b;
}

/* The units of a text (see pinyin.h): ASCII letters lowercased, digits,
 * fullwidth forms folded, CJK ideographs; all else skipped. */
struct search_units {
	int n;
	uint32_t cp[SEARCH_UNITS_MAX];
};
void search_units_of(const char *s, size_t n, struct search_units *u);
/* The units as UTF-8 into out (4 * SEARCH_UNITS_MAX + 1 bytes); returns
 * the length. */
size_t search_units_str(const struct search_units *u, char *out);
/* Strict UTF-8 decoding of one code point at *pos; an invalid byte comes
 * back alone as U+FFFD and sets *bad (when bad is not NULL). */
uint32_t search_utf8_next(const unsigned char *s, size_t n, size_t *pos, int *bad);
size_t search_put_utf8(char *o, uint32_t cp);

/* Letter sets of pinyin units: bits 0-25 a-z, 26-35 digits. */
typedef uint64_t search_lset;
search_lset search_lset_of_char(char c);
uint32_t search_lset_unit(int bit);

/* A growable array of grams. */
struct search_grams {
	uint64_t *v;
	int n, cap;
	int oom;
};
/* Appends the grams of an indexed text of kind k. */
void search_grams_of(enum search_kind k, const char *body, struct search_grams *g);

/* Rowids from posting lists, as runs: each chunk is ascending, chunks of
 * different flushes need not be in order with each other. */
struct search_list {
	uint64_t *v;
	size_t n, cap;
	size_t *run;           /* where each run starts */
	size_t nrun, runcap;
	int oom;
};
/* Appends every chunk of the grams in [lo, hi] as runs. */
enum gw_status search_list_load(struct gw *gw, uint64_t lo, uint64_t hi,
				struct search_list *l, struct gw_err *err);
/* Makes l one ascending run without repeats. */
void search_list_sort(struct search_list *l);
void search_list_free(struct search_list *l);

/* Fills the display fields of h (kind and id set).  GW_ENOTFOUND when the
 * record is gone (edited away since it was indexed). */
enum gw_status search_show(struct gw *gw, struct search_hit *h, struct gw_err *err);

/* Whether the statement q (a SELECT EXISTS) is true; -1 on error. */
int search_exists(struct gw *gw, enum db_query q, struct gw_err *err);
/* Flushes in a transaction of its own; rebuild first empties the index. */
enum gw_status search_flush_now(struct gw *gw, int rebuild, struct gw_err *err);
/* Whether records changed since the last flush (by another program, or in
 * the open transaction): 1 yes, 0 no, -1 error. */
int search_pending(struct gw *gw, struct gw_err *err);

#endif
