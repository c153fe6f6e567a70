/* pinyin.h - pinyin initials of hanzi, for looking people and companies up
 * the way clerks type them: "zw" finds 张伟, "sc" finds 舒城县, "张w" too.
 *
 * The per-character data is generated at build time from Unicode's
 * Unihan_Readings.txt (core/gen/pinyin_gen.c), used under the Unicode
 * License v3 (SPDX Unicode-3.0); the full notice is at the top of the
 * generated build/gen/pinyin_data.c and must travel with the program's
 * documentation.  On top of it sits a small hand-made table of surname
 * readings (单 is Shàn, 曾 Zēng, 尉迟 Yùchí ...).
 *
 * Text is UTF-8 given as pointer + byte length; it is decoded here, never
 * through the locale.  Invalid bytes are skipped.  A "unit" is one
 * character that counts: an ASCII letter or digit (fullwidth ones are folded
 * to ASCII, letters lowercased) or a CJK ideograph.  Spaces, punctuation and
 * every other character are ignored, so "舒城县（经开区）" has six units. */
#ifndef GW_PINYIN_H
#define GW_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* Enough for pinyin_variants of any name a clerk enters. */
#define PINYIN_VARIANTS_MAX 8

/* The set of initials of cp's Mandarin readings, bit 0 = 'a' .. bit 25 =
 * 'z'; zh/ch/sh count as z/c/s.  0 when cp is not a hanzi with a reading. */
unsigned pinyin_letters(uint32_t cp);

/* The initial of cp's most common reading (its first kMandarin reading),
 * 'a'..'z', or 0 when cp has no reading. */
char pinyin_primary(uint32_t cp);

/* The primary initials of a name: each hanzi gives its primary initial,
 * ASCII letters (lowercased) and digits are kept, everything else - hanzi
 * without a reading included - is dropped.  With person set, a leading
 * surname is read as a surname (单雄信 -> "sxx", not "dxx").
 * Writes at most outsz - 1 characters and a NUL (nothing when outsz is 0);
 * outsz = n + 1 always suffices.  Returns the length written. */
size_t pinyin_abbrev(const char *utf8, size_t n, int person, char *out,
		     size_t outsz);

/* Every distinct initials string the name's readings give, separated by
 * single spaces, for indexing: pinyin_abbrev's string first, then those
 * differing in one character, then in two, and so on, left to right; at
 * most max of them (max < 1 counts as 1), and only the first 32 polyphonic
 * units vary.  银行 gives "yx yh".  A variant that does not fit whole is
 * left out, except the first, which is truncated like pinyin_abbrev's.
 * Returns the length written. */
size_t pinyin_variants(const char *utf8, size_t n, int person, char *out,
		       size_t outsz, int max);

/* How query matches name unit by unit: an ASCII letter matches a hanzi
 * having that initial in any reading (or the same ASCII letter, any case),
 * a digit the same digit, a hanzi only itself.  Returns
 *   3  the query covers the whole name,
 *   2  it matches the name's first units,
 *   1  it matches units starting further in ("jk" in 舒城县经开区),
 *   0  no match, or a query without units.
 * person applies surname readings as pinyin_abbrev does. */
int pinyin_match(const char *query, size_t qn, const char *name, size_t nn,
		 int person);

#endif
