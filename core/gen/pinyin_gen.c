/* pinyin_gen.c - build-time tool: reads Unicode's Unihan_Readings.txt on
 * stdin and writes build/gen/pinyin_data.c, the table core/pinyin.c looks
 * hanzi initials up in.  Host program, plain C11, no dependencies.
 *
 * Only the Mandarin fields count: kMandarin, kHanyuPinyin, kXHC1983 and
 * kTGHZ2013.  kHanyuPinlu is left out on purpose: its few extra "readings"
 * are erhua and corpus noise (儿 as "r"), not readings a clerk would type.
 *
 * Encoding (see core/pinyin_data.h): one character per codepoint inside a
 * few dense blocks - '.' no reading, 'a'..'z' the only initial, 'A'..'Z' the
 * primary initial of a character whose readings start with several letters,
 * whose full mask then sits in a sorted side table.  Three quarters of the
 * hanzi have a single initial, so this stays around 200 KB of source where
 * a uint32 per codepoint would be three times that. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCP 0x110000u
/* A run of this many codepoints without readings ends a block: a block
 * header costs about as much source as that many '.' characters. */
#define BLOCK_GAP 48u
#define CODES_PER_LINE 64u

static uint32_t mask[NCP];
/* Primary initial as letter index + 1 (0 = none yet); PRIM_MANDARIN marks
 * one taken from kMandarin, which no other field may replace. */
static unsigned char prim[NCP];
#define PRIM_MANDARIN 0x80u

static char version[64] = "unknown";
static unsigned long lineno;

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "pinyin_gen: line %lu: %s%s%s\n", lineno, what,
		detail ? ": " : "", detail ? detail : "");
	exit(1);
}

static uint32_t utf8_first(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80)
		return p[0];
	if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80)
		return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 &&
	    (p[2] & 0xC0) == 0x80)
		return (uint32_t)(p[0] & 0x0F) << 12 |
		       (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	return 0;
}

/* The letter a reading starts with, tone mark dropped.  Only the toned
 * vowels and syllabic m/n that Unihan actually puts first are listed; an
 * unknown one stops the build so a new Unicode release cannot silently drop
 * readings. */
static int initial_of(const char *reading)
{
	static const struct { uint32_t cp; char letter; } toned[] = {
		{0x00E0, 'a'}, {0x00E1, 'a'}, {0x0101, 'a'}, {0x01CE, 'a'},
		{0x00E8, 'e'}, {0x00E9, 'e'}, {0x00EA, 'e'}, {0x0113, 'e'},
		{0x011B, 'e'}, {0x1EBF, 'e'}, {0x1EC1, 'e'},
		{0x00EC, 'i'}, {0x00ED, 'i'}, {0x012B, 'i'}, {0x01D0, 'i'},
		{0x00F2, 'o'}, {0x00F3, 'o'}, {0x014D, 'o'}, {0x01D2, 'o'},
		{0x00F9, 'u'}, {0x00FA, 'u'}, {0x016B, 'u'}, {0x01D4, 'u'},
		/* ü never starts a syllable in pinyin (it is written yu);
		 * should Unihan ever do so, the typed initial is y. */
		{0x00FC, 'y'}, {0x01D6, 'y'}, {0x01D8, 'y'}, {0x01DA, 'y'},
		{0x01DC, 'y'},
		{0x0144, 'n'}, {0x0148, 'n'}, {0x01F9, 'n'}, {0x1E3F, 'm'},
	};
	uint32_t cp = utf8_first(reading);
	if (cp >= 'a' && cp <= 'z')
		return (int)cp;
	if (cp >= 'A' && cp <= 'Z')
		return (int)(cp - 'A' + 'a');
	for (size_t i = 0; i < sizeof toned / sizeof toned[0]; i++)
		if (toned[i].cp == cp)
			return toned[i].letter;
	die("reading starts with an unknown letter", reading);
	return 0;
}

static void add_reading(uint32_t cp, const char *reading, int mandarin_first)
{
	int letter = initial_of(reading) - 'a';
	mask[cp] |= 1u << letter;
	if (mandarin_first)
		prim[cp] = (unsigned char)(PRIM_MANDARIN | (letter + 1));
	else if (!prim[cp])
		prim[cp] = (unsigned char)(letter + 1);
}

/* Values look like "qiū" / "hǎo hào" (kMandarin) or
 * "0442.080:háng 0443.050:hàng" / "20811.060:háng,xìng" (the dictionary
 * fields): space-separated entries, an optional location before the last
 * ':', readings separated by ','. */
static void parse_value(uint32_t cp, char *value, int is_mandarin)
{
	int first = 1;
	for (char *tok = strtok(value, " "); tok; tok = strtok(NULL, " ")) {
		char *colon = strrchr(tok, ':');
		char *r = colon ? colon + 1 : tok;
		while (r && *r) {
			char *comma = strchr(r, ',');
			if (comma)
				*comma = '\0';
			if (*r) {
				add_reading(cp, r, is_mandarin && first);
				first = 0;
			}
			r = comma ? comma + 1 : NULL;
		}
	}
}

static void read_input(void)
{
	static char line[1 << 16];
	while (fgets(line, sizeof line, stdin)) {
		lineno++;
		size_t len = strlen(line);
		if (len && line[len - 1] != '\n' && !feof(stdin))
			die("line too long", NULL);
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (line[0] == '#') {
			const char *v = strstr(line, "Unicode version:");
			if (v) {
				v += strlen("Unicode version:");
				while (*v == ' ')
					v++;
				snprintf(version, sizeof version, "%s", v);
			}
			continue;
		}
		if (strncmp(line, "U+", 2) != 0)
			continue;
		char *field = strchr(line, '\t');
		char *value = field ? strchr(field + 1, '\t') : NULL;
		if (!value)
			die("malformed line", line);
		*field++ = '\0';
		*value++ = '\0';
		int is_mandarin = strcmp(field, "kMandarin") == 0;
		if (!is_mandarin && strcmp(field, "kHanyuPinyin") != 0 &&
		    strcmp(field, "kXHC1983") != 0 &&
		    strcmp(field, "kTGHZ2013") != 0)
			continue;
		char *end;
		unsigned long cp = strtoul(line + 2, &end, 16);
		if (*end || cp >= NCP)
			die("bad codepoint", line);
		parse_value((uint32_t)cp, value, is_mandarin);
	}
	if (ferror(stdin))
		die("read error", NULL);
}

static const char *const licence[] = {
	"UNICODE LICENSE V3",
	"",
	"COPYRIGHT AND PERMISSION NOTICE",
	"",
	"Copyright (c) 1991-2022 Unicode, Inc.",
	"",
	"NOTICE TO USER: Carefully read the following legal agreement. BY",
	"DOWNLOADING, INSTALLING, COPYING OR OTHERWISE USING DATA FILES, AND/OR",
	"SOFTWARE, YOU UNEQUIVOCALLY ACCEPT, AND AGREE TO BE BOUND BY, ALL OF THE",
	"TERMS AND CONDITIONS OF THIS AGREEMENT. IF YOU DO NOT AGREE, DO NOT",
	"DOWNLOAD, INSTALL, COPY, DISTRIBUTE OR USE THE DATA FILES OR SOFTWARE.",
	"",
	"Permission is hereby granted, free of charge, to any person obtaining a",
	"copy of data files and any associated documentation (the \"Data Files\") or",
	"software and any associated documentation (the \"Software\") to deal in the",
	"Data Files or Software without restriction, including without limitation",
	"the rights to use, copy, modify, merge, publish, distribute, and/or sell",
	"copies of the Data Files or Software, and to permit persons to whom the",
	"Data Files or Software are furnished to do so, provided that either (a)",
	"this copyright and permission notice appear with all copies of the Data",
	"Files or Software, or (b) this copyright and permission notice appear in",
	"associated Documentation.",
	"",
	"THE DATA FILES AND SOFTWARE ARE PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY",
	"KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF",
	"MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT OF",
	"THIRD PARTY RIGHTS.",
	"",
	"IN NO EVENT SHALL THE COPYRIGHT HOLDER OR HOLDERS INCLUDED IN THIS NOTICE",
	"BE LIABLE FOR ANY CLAIM, OR ANY SPECIAL INDIRECT OR CONSEQUENTIAL DAMAGES,",
	"OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS,",
	"WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION,",
	"ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THE DATA",
	"FILES OR SOFTWARE.",
	"",
	"Except as contained in this notice, the name of a copyright holder shall",
	"not be used in advertising or otherwise to promote the sale, use or other",
	"dealings in these Data Files or Software without prior written",
	"authorization of the copyright holder.",
};

static void write_header(unsigned long nchars, unsigned long nmulti)
{
	printf("/* pinyin_data.c - GENERATED by core/gen/pinyin_gen.c; do not edit.\n"
	       " *\n"
	       " * Hanzi pinyin initials derived (modified: reduced to the set of\n"
	       " * initial letters per character) from Unihan_Readings.txt of the\n"
	       " * Unicode Character Database, Unicode version %s, fields\n"
	       " * kMandarin, kHanyuPinyin, kXHC1983 and kTGHZ2013.\n"
	       " * %lu characters, %lu of them with several initials.\n"
	       " *\n"
	       " * The data is used under the Unicode License v3 (SPDX Unicode-3.0;\n"
	       " * the same terms Unicode published as Unicode-DFS-2016 up to 15.0):\n"
	       " *\n", version, nchars, nmulti);
	for (size_t i = 0; i < sizeof licence / sizeof licence[0]; i++)
		printf(" *%s%s\n", licence[i][0] ? " " : "", licence[i]);
	printf(" */\n#include \"pinyin_data.h\"\n\n");
}

static int code_of(uint32_t cp)
{
	if (!mask[cp])
		return '.';
	int p = (prim[cp] & ~PRIM_MANDARIN) - 1;
	return (mask[cp] & (mask[cp] - 1)) ? 'A' + p : 'a' + p;
}

int main(void)
{
	read_input();

	unsigned long nchars = 0, nmulti = 0;
	for (uint32_t cp = 0; cp < NCP; cp++) {
		if (!mask[cp])
			continue;
		nchars++;
		if (mask[cp] & (mask[cp] - 1))
			nmulti++;
	}
	/* An empty or cut-off input (bzcat failing upstream of a pipe) must
	 * not turn into a quietly empty table. */
	if (nchars < 20000) {
		fprintf(stderr, "pinyin_gen: only %lu characters with readings; "
			"is stdin Unihan_Readings.txt?\n", nchars);
		return 1;
	}

	write_header(nchars, nmulti);

	/* Blocks: [first, last] spans of codepoints, gaps under BLOCK_GAP
	 * filled with '.'. */
	static uint32_t bfirst[4096], blast[4096];
	size_t nb = 0;
	for (uint32_t cp = 0; cp < NCP; cp++) {
		if (!mask[cp])
			continue;
		if (nb && cp - blast[nb - 1] <= BLOCK_GAP) {
			blast[nb - 1] = cp;
			continue;
		}
		if (nb == sizeof bfirst / sizeof bfirst[0]) {
			fprintf(stderr, "pinyin_gen: too many blocks\n");
			return 1;
		}
		bfirst[nb] = blast[nb] = cp;
		nb++;
	}

	printf("const char pinyin_codes[] =\n");
	unsigned long off = 0;
	for (size_t b = 0; b < nb; b++) {
		printf("/* U+%04X..U+%04X */\n", (unsigned)bfirst[b],
		       (unsigned)blast[b]);
		for (uint32_t cp = bfirst[b]; cp <= blast[b]; cp++) {
			if ((cp - bfirst[b]) % CODES_PER_LINE == 0)
				printf("\"");
			putchar(code_of(cp));
			off++;
			if ((cp - bfirst[b]) % CODES_PER_LINE == CODES_PER_LINE - 1 ||
			    cp == blast[b])
				printf("\"\n");
		}
	}
	printf(";\n\nconst struct pinyin_block pinyin_blocks[] = {\n");
	off = 0;
	for (size_t b = 0; b < nb; b++) {
		unsigned long count = blast[b] - bfirst[b] + 1;
		printf("\t{0x%05X, %lu, %lu},\n", (unsigned)bfirst[b], count, off);
		off += count;
	}
	printf("};\nconst size_t pinyin_nblocks = %zu;\n\n", nb);

	printf("const struct pinyin_multi pinyin_multi[] = {\n");
	unsigned long col = 0;
	for (uint32_t cp = 0; cp < NCP; cp++) {
		if (!(mask[cp] & (mask[cp] - 1)))
			continue;
		printf("%s{0x%X,0x%X},", col == 0 ? "\t" : "", (unsigned)cp,
		       (unsigned)mask[cp]);
		if (++col == 4) {
			printf("\n");
			col = 0;
		}
	}
	printf("%s};\nconst size_t pinyin_nmulti = %lu;\n", col ? "\n" : "",
	       nmulti);

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "pinyin_gen: write error\n");
		return 1;
	}
	return 0;
}
