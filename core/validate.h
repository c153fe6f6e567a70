/* validate.h - checks and normalisation of the values clerks type or import.
 * Each returns GW_OK, or GW_EINVAL with a message that names what is wrong
 * (without the field name: callers prefix it). */
#ifndef GW_VALIDATE_H
#define GW_VALIDATE_H

#include <stddef.h>

#include "status.h"

/* Unified social credit code (统一社会信用代码), GB 32100-2015: 18
 * characters from 0-9 and A-Y without I O S V Z, the 17th-weighted check
 * character last.  Lower case is accepted and upper-cased into out (19). */
enum gw_status valid_credit_code(const char *s, char out[19], struct gw_err *err);

/* The check character for the first 17 characters, or 0 if any is invalid. */
char valid_credit_check_char(const char *first17);

/* Mobile 1[3-9]NNNNNNNNN, or landline 0AAA-NNNNNNN (area code 3-4 digits
 * with the 0, number 7-8 digits).  Spaces, dashes inside mobiles
 * ("138-1234-5678") and an optional +86 / 86 prefix on mobiles are removed;
 * the normalised number goes to out. */
enum gw_status valid_phone(const char *s, char *out, size_t outsz, struct gw_err *err);
/* Only a mobile number (instructors', workers' keys). */
enum gw_status valid_mobile(const char *s, char out[12], struct gw_err *err);

/* Dates: YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 (month and day may have one
 * digit), a real calendar day; normalised to YYYY-MM-DD in out (11). */
enum gw_status valid_date(const char *s, char out[11], struct gw_err *err);
/* A date with an optional " HH:MM[:SS]"; normalised to
 * "YYYY-MM-DD HH:MM:SS" in out (20).  A bare date means 00:00:00. */
enum gw_status valid_datetime(const char *s, char out[20], struct gw_err *err);

/* A whole number >= 0 (leading/trailing spaces allowed), at most max. */
enum gw_status valid_count(const char *s, long long max, long long *out, struct gw_err *err);
/* Decimal degrees within [lo, hi]. */
enum gw_status valid_degrees(const char *s, double lo, double hi, double *out, struct gw_err *err);

/* Text: valid UTF-8, no control characters except (when multiline) LF and
 * TAB, at most maxchars characters; leading/trailing spaces trimmed into out.
 * Required text must not be empty after trimming. */
enum gw_status valid_text(const char *s, size_t maxchars, int required, int multiline,
			  char *out, size_t outsz, struct gw_err *err);

/* A grid code: letters, digits and '-', 1-32 characters, upper-cased. */
enum gw_status valid_grid_code(const char *s, char out[33], struct gw_err *err);

/* Whether s is all ASCII space (or empty or NULL). */
int valid_blank(const char *s);

#endif
