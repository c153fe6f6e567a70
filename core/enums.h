/* enums.h - every enumerated value of the CSV contract, in English and
 * Chinese.  Stored values are the English names; input accepts either. */
#ifndef GW_ENUMS_H
#define GW_ENUMS_H

#include <stddef.h>

enum gw_enum {
	EN_LEVEL,          /* county township park grid */
	EN_BASIS,          /* region industry chain */
	EN_ORG_KIND,
	EN_ORG_TAG,
	EN_CHAIN,
	EN_PARTY_ORG,
	EN_GENDER,
	EN_ROLE,           /* instructor full_time part_time */
	EN_INSTR_STATUS,
	EN_CATEGORY,       /* ticket */
	EN_SOURCE,
	EN_TICKET_STATUS,
	EN_JOB,
	EN_YESNO,
	EN_WORKER_ROLE,
	EN_SERVICE,
	EN_ACTIVITY_KIND,
	EN_ENUM_COUNT
};

/* Number of values of e. */
int enum_count(enum gw_enum e);
/* English (stored) and Chinese names of value i; NULL when out of range. */
const char *enum_en(enum gw_enum e, int i);
const char *enum_zh(enum gw_enum e, int i);
/* The name in the current UI language. */
const char *enum_label(enum gw_enum e, int i);
/* Index of the value named s (English, case-insensitive, or Chinese;
 * surrounding spaces ignored); -1 when unknown. */
int enum_parse(enum gw_enum e, const char *s);
/* Index of a stored English name; -1 when unknown. */
int enum_index(enum gw_enum e, const char *en);
/* Chinese label for a stored English name, or the name itself if unknown. */
const char *enum_zh_of(enum gw_enum e, const char *en);
/* "中文 english · ..." list of every value, for messages. Static storage. */
const char *enum_choices(enum gw_enum e);

/* Parses a list cell ("a;b", "a；b", "a、b") into the canonical stored form:
 * English names joined by ';' in enum order, duplicates dropped.  Returns 0,
 * or -1 with the first unknown item copied to bad (size badsz). */
int enum_parse_list(enum gw_enum e, const char *s, char *out, size_t outsz,
		    char *bad, size_t badsz);
/* Renders a stored list in Chinese ("、" separated) or English (";"). */
void enum_list_zh(enum gw_enum e, const char *stored, char *out, size_t outsz);
/* Whether the stored list holds value i. */
int enum_list_has(enum gw_enum e, const char *stored, int i);

#endif
