/* bench.c - in-process measurements of the quick lookup (make bench).
 *
 *   bench init DB             create an empty database
 *   bench flush DB            index what the sqlite3 shell left dirty; prints seconds
 *   bench lookup DB RUNS Q... median milliseconds of search_find per query
 *   bench like DB RUNS Q...   median ms: 2-character fragment over tickets,
 *                             index (10 hits, then every hit) vs LIKE scan
 *   bench sample DB           prints an instructor's phone, for the script
 *   bench race RUNS -- A... -- B...
 *                             median wall-clock ms of whole processes A and B,
 *                             run in turns (output to /dev/null) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gw.h"
#include "search.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int dcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, dcmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static struct gw *open_db(const char *path, int create)
{
	struct config cfg;
	struct gw_err e;
	config_defaults(&cfg);
	struct gw *gw = gw_open(&cfg, path, create, "SC", &e);
	if (!gw) {
		fprintf(stderr, "bench: %s\n", e.msg);
		exit(1);
	}
	return gw;
}

static int count_hits(struct gw *gw, const char *q, int kind, int limit, double *ms)
{
	struct search_opts o = {kind, limit};
	struct search_result r;
	struct gw_err e;
	double t0 = now_ms();
	if (search_find(gw, q, &o, &r, &e) != GW_OK) {
		fprintf(stderr, "bench: %s: %s\n", q, e.msg);
		exit(1);
	}
	*ms = now_ms() - t0;
	int n = r.n;
	search_result_free(&r);
	return n;
}

static int lookup(const char *path, int runs, char **qs, int nq)
{
	struct gw *gw = open_db(path, 0);
	double *t = calloc((size_t)runs, sizeof *t);
	for (int i = 0; i < nq; i++) {
		int n = 0;
		double ms;
		count_hits(gw, qs[i], -1, 10, &ms);  /* warm the cache */
		for (int r = 0; r < runs; r++)
			n = count_hits(gw, qs[i], -1, 10, &t[r]);
		printf("%s\t%.3f\t%d\n", qs[i], median(t, runs), n);
	}
	free(t);
	gw_close(gw);
	return 0;
}

static double like_scan(struct gw *gw, const char *frag, int *n)
{
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db_handle(gw->db),
			   "SELECT count(*) FROM ticket WHERE deleted = 0 AND (title LIKE ?1 OR reporter LIKE ?1)",
			   -1, &st, NULL);
	char pat[64];
	snprintf(pat, sizeof pat, "%%%s%%", frag);
	sqlite3_bind_text(st, 1, pat, -1, SQLITE_TRANSIENT);
	double t0 = now_ms();
	sqlite3_step(st);
	double ms = now_ms() - t0;
	*n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ms;
}

static int like(const char *path, int runs, char **qs, int nq)
{
	struct gw *gw = open_db(path, 0);
	double *a = calloc((size_t)runs, sizeof *a), *b = calloc((size_t)runs, sizeof *b),
	       *c = calloc((size_t)runs, sizeof *c);
	for (int i = 0; i < nq; i++) {
		int n10 = 0, nall = 0, nlike = 0;
		double ms;
		count_hits(gw, qs[i], SK_TICKET, 10, &ms);
		like_scan(gw, qs[i], &nlike);
		for (int r = 0; r < runs; r++) {
			n10 = count_hits(gw, qs[i], SK_TICKET, 10, &a[r]);
			nall = count_hits(gw, qs[i], SK_TICKET, 0, &b[r]);
			c[r] = like_scan(gw, qs[i], &nlike);
		}
		printf("%s\t%.3f\t%d\t%.3f\t%d\t%.3f\t%d\n", qs[i], median(a, runs), n10,
		       median(b, runs), nall, median(c, runs), nlike);
	}
	free(a);
	free(b);
	free(c);
	gw_close(gw);
	return 0;
}

static void one(struct gw *gw, const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db_handle(gw->db), sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		printf("%s\n", sqlite3_column_text(st, 0));
	else
		printf("\n");
	sqlite3_finalize(st);
}

/* Wall-clock ms of one run of argv, its output thrown away. */
static double spawn(char **argv)
{
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: %s failed\n", argv[0]);
		exit(1);
	}
	return now_ms() - t0;
}

static int race(int runs, int argc, char **argv)
{
	char **a = NULL, **b = NULL;
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			argv[i] = NULL;
			if (!a)
				a = argv + i + 1;
			else
				b = argv + i + 1;
		}
	if (!a || !b)
		return 2;
	double *ta = calloc((size_t)runs, sizeof *ta), *tb = calloc((size_t)runs, sizeof *tb);
	spawn(a);
	spawn(b);
	for (int r = 0; r < runs; r++) {
		ta[r] = spawn(a);
		tb[r] = spawn(b);
	}
	printf("%.3f\t%.3f\n", median(ta, runs), median(tb, runs));
	free(ta);
	free(tb);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "race") == 0)
		return race(atoi(argv[2]), argc - 3, argv + 3);
	if (argc < 3) {
		fprintf(stderr, "usage: bench init|flush|lookup|like|sample DB ...\n");
		return 2;
	}
	const char *cmd = argv[1], *db = argv[2];
	if (strcmp(cmd, "init") == 0) {
		unlink(db);
		gw_close(open_db(db, 1));
		return 0;
	}
	if (strcmp(cmd, "flush") == 0) {
		struct gw *gw = open_db(db, 0);
		struct gw_err e;
		double t0 = now_ms();
		if (db_begin(gw->db, &e) != GW_OK || db_commit(gw->db, &e) != GW_OK) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
		printf("%.3f\n", (now_ms() - t0) / 1e3);
		gw_close(gw);
		return 0;
	}
	if (strcmp(cmd, "sample") == 0) {
		struct gw *gw = open_db(db, 0);
		one(gw, "SELECT phone FROM instructor WHERE deleted = 0 ORDER BY id LIMIT 1 "
			"OFFSET (SELECT count(*) / 5 FROM instructor)");
		gw_close(gw);
		return 0;
	}
	if (argc < 5)
		return 2;
	int runs = atoi(argv[3]);
	if (runs < 1)
		runs = 1;
	if (strcmp(cmd, "lookup") == 0)
		return lookup(db, runs, argv + 4, argc - 4);
	if (strcmp(cmd, "like") == 0)
		return like(db, runs, argv + 4, argc - 4);
	return 2;
}
