/* colwidth.c - for screen tests: reads captured screen lines on stdin and
 * prints, for each, its display width and the display columns (from 0) of
 * every column separator (U+2502, the line-drawing vertical):
 *     <width> [<col> ...]
 * capture-pane writes a double-width character once with no padding cell,
 * so columns must be counted with wcwidth(), never with characters or
 * bytes.  Exits 1 (printing "invalid UTF-8 on line N") if a line is not
 * valid UTF-8, or holds a character that has no width (a control). */
#define _XOPEN_SOURCE 700   /* wcwidth */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "colwidth: no C.UTF-8 locale\n");
		return 2;
	}
	char line[65536];
	int ln = 0, bad = 0;
	while (fgets(line, sizeof line, stdin)) {
		size_t n = strcspn(line, "\n");
		line[n] = 0;
		ln++;
		mbstate_t ms;
		memset(&ms, 0, sizeof ms);
		int col = 0, seps[1024], ns = 0;
		for (size_t off = 0; off < n;) {
			wchar_t wc;
			size_t k = mbrtowc(&wc, line + off, n - off, &ms);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
				printf("invalid UTF-8 on line %d\n", ln);
				bad = 1;
				break;
			}
			int w = wcwidth(wc);
			if (w < 0) {
				printf("control character U+%04X on line %d\n", (unsigned)wc, ln);
				bad = 1;
				break;
			}
			if (wc == 0x2502 && ns < 1024)
				seps[ns++] = col;
			col += w;
			off += k;
		}
		printf("%d", col);
		for (int i = 0; i < ns; i++)
			printf(" %d", seps[i]);
		putchar('\n');
	}
	return bad;
}
