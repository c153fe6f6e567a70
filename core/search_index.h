/* search_index.h - internals shared by core/search.c (the query) and
 * core/search_index.c (the index).  Nothing else includes this. */
#ifndef GW_SEARCH_INDEX_H
#define GW_SEARCH_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "search.h"
#include "strbuf.h"

/* Fields of an indexed text, joined by SEARCH_FIELD_SEP (U+001F). */
#define SEARCH_FIELD_SEP '\x1f'
#define SEARCH_NFIELDS 2
/* Characters of a field that are indexed (ticket titles stop at 100). */
#define SEARCH_UNITS_MAX 128
/* Readings combined per pinyin bigram (polyphonic characters). */
#define SEARCH_COMBOS_MAX 16

enum search_py { SEARCH_PY_NONE, SEARCH_PY_NAME, SEARCH_PY_PERSON };

struct search_kind_info {
	const char *name, *plural, *zh, *zh2;
	char tag;                  /* first letter of every token of the kind */
	enum db_query dirty;       /* its dirty records with their text */
	enum search_py py[SEARCH_NFIELDS]; /* pinyin of each field */
};
extern const struct search_kind_info search_kinds[SK_COUNT];

/* Token classes (second letter of a token).  Text: n a bigram (or a
 * field's last character), b the first bigram, e the last.  Pinyin
 * initials: p, q, z likewise. */
enum { C_GRAM = 'n', C_BEGIN = 'b', C_END = 'e', C_PGRAM = 'p', C_PBEGIN = 'q', C_PEND = 'z' };

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

/* Letter sets: bits 0-25 a-z, 26-35 digits. */
typedef uint64_t search_lset;
search_lset search_lset_of_char(char c);
/* Appends the tokens of class cls for the letter sets s[0..n) (n 1 or 2),
 * one per combination, at most SEARCH_COMBOS_MAX.  With join NULL as index
 * tokens (" tok"); otherwise as quoted query terms separated by join, each
 * followed by * when star.  Returns how many. */
int search_set_tokens(struct strbuf *b, char tag, char cls, const search_lset *s, int n,
		      int star, const char *join);

/* Whether the statement q (a SELECT EXISTS) is true; -1 on error. */
int search_exists(struct gw *gw, enum db_query q, struct gw_err *err);
/* Flushes in a transaction of its own; rebuild first queues every record. */
enum gw_status search_flush_now(struct gw *gw, int rebuild, struct gw_err *err);

#endif
