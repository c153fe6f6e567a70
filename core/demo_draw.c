/* demo_draw.c - the demo builder's draws (see demo_int.h): the splitmix64
 * stream a seed starts, civil dates counted from a fixed base, the grid
 * map's lookups, and names and phone numbers not used yet.  What the other
 * demo files choose, they choose through these, so a seed gives the same
 * county every time. */
#include "calendar.h"
#include "demo_int.h"

#include <stdio.h>
#include <string.h>

/* ---- randomness, dates ---------------------------------------------------- */

static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Days since 1970-01-01 of a civil date, and back: the calendar's. */
long demo_day_of(int y, int m, int d)
{
	return calendar_day_number(y, m, d);
}

void demo_civil(long z, int *y, int *m, int *d)
{
	long ly;
	calendar_civil(z, &ly, m, d);
	*y = (int)ly;
}

/* The demo's "today" (2026-11-20): no record is later. */
long demo_today(void) { return demo_day_of(2026, 11, 20); }

void demo_fmt_date(long day, char out[11])
{
	int y, m, d;
	demo_civil(day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

long demo_weekday(long day)
{
	int wd = (int)((day + 4) % 7);   /* 1970-01-01 was a Thursday; 0 = Sunday */
	return day + (wd == 6 ? 2 : wd == 0 ? 1 : 0);
}

/* ---- the grid map ---------------------------------------------------------- */

int demo_grid_in_park(int g) { return g < DEMO_NPARK_GRIDS; }

int demo_grid_index(const char *code)
{
	for (int g = 0; g < DEMO_NGRIDS; g++)
		if (strcmp(demo_grids[g].code, code) == 0)
			return g;
	return 0;
}

/* The township name a grid lies in ("舒城经济开发区" for park grids). */
const char *demo_grid_place(int g)
{
	if (demo_grid_in_park(g))
		return "舒城经济开发区";
	for (int i = 0; i < DEMO_NTOWNS; i++)
		if (strcmp(demo_towns[i].code, demo_grids[g].parent) == 0)
			return demo_towns[i].name;
	return "城关镇";
}

/* ---- draws ------------------------------------------------------------------ */

int demo_rnd(struct demo *d, int lo, int hi)
{
	return lo + (int)(next(&d->rs) % (uint64_t)(hi - lo + 1));
}

int demo_chance(struct demo *d, int pct) { return demo_rnd(d, 0, 99) < pct; }

void demo_shuffle(struct demo *d, int *a, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = demo_rnd(d, 0, i), t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

/* The k-th (3-byte) character of a string of CJK characters. */
static const char *pick_char(struct demo *d, const char *chars, char out[4])
{
	int n = (int)strlen(chars) / 3, k = demo_rnd(d, 0, n - 1);
	memcpy(out, chars + 3 * k, 3);
	out[3] = '\0';
	return out;
}

const char *demo_pick(struct demo *d, const char *const *list, int n)
{
	return list[demo_rnd(d, 0, n - 1)];
}

/* ---- people ---------------------------------------------------------------- */

/* Adds s to the n entries of width bytes at seen unless it is there already
 * (or seen is full): 1 when added, 0 to draw again. */
static int remember(char *seen, size_t width, int *n, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(seen + (size_t)i * width, s) == 0)
			return 0;
	if (*n >= MAX_PEOPLE)
		return 0;
	memcpy(seen + (size_t)(*n)++ * width, s, width);
	return 1;
}

/* A realistic name not used yet in the demo (so searches find one person). */
void demo_new_name(struct demo *d, int female, char out[16])
{
	for (;;) {
		char s[4], m[4], g[4];
		pick_char(d, demo_chance(d, 45) ? demo_common_surnames : demo_surnames, s);
		pick_char(d, female ? demo_female_given : demo_male_given, g);
		if (demo_chance(d, 30))
			snprintf(out, 16, "%s%s", s, g);
		else
			snprintf(out, 16, "%s%s%s", s,
				 pick_char(d, female ? demo_female_middle : demo_male_middle, m), g);
		if (remember(d->names[0], sizeof d->names[0], &d->nnames, out))
			return;
	}
}

/* A mobile number not used yet; instructors' come from the 13x/15x/18x
 * ranges, everyone else's from any. */
void demo_new_phone(struct demo *d, int classic, char out[12])
{
	for (;;) {
		const char *p = classic || demo_chance(d, 70)
					? DEMO_PICK(d, demo_mobile_prefixes_classic)
					: DEMO_PICK(d, demo_mobile_prefixes_new);
		snprintf(out, 12, "%s%04d%04d", p, demo_rnd(d, 0, 9999), demo_rnd(d, 0, 9999));
		if (remember(d->phones[0], sizeof d->phones[0], &d->nphones, out))
			return;
	}
}

/* ---- organisations ---------------------------------------------------------- */

/* A random enterprise, from the park in park_pct percent of draws. */
const struct dorg *demo_some_enterprise(struct demo *d, int park_pct, int min_employees)
{
	int park = demo_chance(d, park_pct);
	for (;;) {
		const struct dorg *o = &d->org[demo_rnd(d, 0, d->norg - 1)];
		if (o->kind == 0 && demo_grid_in_park(o->grid) == park && o->employees >= min_employees)
			return o;
	}
}
