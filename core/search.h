/* search.h - quick lookup (查找): instructors, organisations, grids,
 * tickets, workers and stations found from any fragment a clerk knows.
 *
 * A query may be part of a name (one character or more: 伟, 张伟, 精密),
 * pinyin initials of a name (zw finds 张伟, sc 舒城县, mixed 张w), a phone
 * number whole or its last four digits, a credit code or grid code or
 * ticket number whole or its start.  Matches are ranked exact > prefix >
 * substring > initials, grouped by kind with instructors first.
 *
 * The index lives in the search_* tables of migration 2.  search_flush, run
 * by the database just before every commit, brings it up to date inside
 * that same transaction: records added since (rowids above the last one
 * indexed), and those that triggers noted changed or deleted.  A search
 * first indexes what other programs (the sqlite3 shell) changed. */
#ifndef GW_SEARCH_H
#define GW_SEARCH_H

#include "gw.h"
#include "id.h"

/* The kinds, in the order results are grouped (values are stored in the
 * search tables: never renumber). */
enum search_kind { SK_INSTRUCTOR, SK_ORG, SK_GRID, SK_TICKET, SK_WORKER, SK_STATION, SK_COUNT };

enum search_match { SM_EXACT, SM_PREFIX, SM_SUBSTRING, SM_INITIALS };

/* English name ("instructor", "org", ...) and Chinese label of a kind. */
const char *search_kind_name(enum search_kind k);
const char *search_kind_zh(enum search_kind k);
/* The kind named s (English singular or plural, or Chinese); -1 if none. */
int search_kind_parse(const char *s);
/* "exact", "prefix", "substring", "initials". */
const char *search_match_name(enum search_match m);

/* Longest query accepted, in characters. */
#define SEARCH_QUERY_MAX 64
/* Most results per kind a caller may ask for. */
#define SEARCH_LIMIT_MAX 1000
/* Related records kept per hit; nrefs counts them all. */
#define SEARCH_REFS_MAX 24

enum search_rel {
	SR_GRID,             /* an instructor's grid */
	SR_ORG,              /* an instructor's organisation */
	SR_INSTRUCTOR,       /* an organisation's or grid's instructor */
	SR_GRID_INSTRUCTOR,  /* an organisation without its own: its grid's instructor */
	SR_PARENT,           /* a grid's ancestors, the county first */
};

struct search_ref {
	enum search_rel rel;
	char code[41];       /* grid code or credit code; "" for a person */
	char name[301];
	char phone[24];      /* instructors */
	char role[12];       /* instructors: full_time part_time */
};

/* One record found.  Text fields are "" when the kind has none; enumerated
 * values are the stored English names (see enums.h for labels). */
struct search_hit {
	enum search_kind kind;
	enum search_match match;
	int rank;            /* 0 best; see search_find */
	char id[GW_ID_LEN + 1];
	char name[401];      /* name; a ticket's title */
	char code[41];       /* grid code, credit code, ticket number */
	char phone[24];      /* instructor, worker, organisation */
	char role[16];       /* instructor role; worker job; grid level */
	char status[16];     /* instructor status; ticket status; org party_org */
	char date[11];       /* ticket due_on; org party_org_since */
	char unit[401];      /* instructor unit; worker platform; ticket reporter;
			      * station host */
	char services[160];  /* station services, stored list 'a;b' */
	char hours[64];      /* station opening hours */
	char grid_code[33];  /* the grid of an org, ticket, station; a worker's community */
	char grid_name[301];
	int full_time, part_time; /* grid: instructors on duty */
	int meets;           /* grid: 1 full-time + 2 part-time met (1/0); -1 above grid level */
	int nrefs;           /* related records; refs holds the first SEARCH_REFS_MAX */
	struct search_ref refs[SEARCH_REFS_MAX];
};

struct search_opts {
	int kind;            /* enum search_kind, or -1 for every kind */
	int limit;           /* results per kind, 1..SEARCH_LIMIT_MAX; 0 = all */
};

struct search_result {
	struct search_hit *hits; /* grouped by kind, best first; owned, see search_result_free */
	int n;
	int shown[SK_COUNT];     /* hits per kind */
	int more[SK_COUNT];      /* 1 when the kind had more matches than shown */
	int searched[SK_COUNT];  /* the kinds looked at */
};

/* Looks query up.  Ranks: 0 exact (the whole name, phone, code or number),
 * 1 prefix, 2 substring (also a phone's last four digits), 3-5 initials
 * (whole name, its start, inside it: pinyin_match 3, 2, 1; a single letter
 * only at the start).  Within a rank the most recently added record comes
 * first (phones and codes in their order).  Spaces, punctuation and emoji
 * in a query are skipped like in names; five digits or more are only a
 * phone or a code.  Brings the index up to date first when records were
 * changed by another program.  An empty, too long, invalid UTF-8 query, or
 * one without any hanzi, letter or digit, gives GW_EINVAL with a message
 * saying so; a bad kind or limit GW_EUSAGE.  On success *out holds the
 * hits (free with search_result_free); on failure it is empty. */
enum gw_status search_find(struct gw *gw, const char *query, const struct search_opts *o,
			   struct search_result *out, struct gw_err *err);
void search_result_free(struct search_result *r);

/* The same look-up for one kind, giving only the ids of the best `limit`
 * hits (1..SEARCH_LIMIT_MAX), best first - what a filtered table needs,
 * without fetching what each hit shows (a thousand hits' worth: tens of
 * milliseconds and 10 MB).  *ids is malloc'd (the caller frees it) with
 * *n ids; *more is 1 when there were more matches.  Failures as
 * search_find's, with *ids NULL. */
enum gw_status search_ids(struct gw *gw, const char *query, enum search_kind kind, int limit,
			  char (**ids)[GW_ID_LEN + 1], int *n, int *more, struct gw_err *err);

/* Makes every commit of gw's database bring the index up to date (adds
 * search_flush to the database's pre-commit hooks).  gw_open calls it;
 * call it once per handle. */
void search_attach(struct gw *gw);

/* The pre-commit hook (ctx is the struct gw): indexes the records added
 * since the last flush and those noted changed or deleted (search_dirty,
 * search_gone, then emptied), inside the open transaction.  Rebuilds the
 * whole index when it was built with other grams, when rowids were
 * renumbered, or when old postings outnumber the live records.  Returns
 * GW_OK or a database error (the commit is then rolled back). */
enum gw_status search_flush(void *ctx, struct gw_err *err);

/* Rebuilds the whole index in its own transaction. */
enum gw_status search_rebuild(struct gw *gw, struct gw_err *err);

/* The grams indexed for a text of kind k (fields separated by U+001F) as
 * readable tokens into b (" in张伟": instructor, bigram anywhere); for
 * tests.  Returns the number of grams. */
struct strbuf;
int search_tokens(enum search_kind k, const char *body, struct strbuf *b);

#endif
