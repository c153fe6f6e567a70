/* draft.c - form drafts on disk (see draft.h). */
#include "draft.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "id.h"

#define MAGIC "gridwork-draft 1"

static int mkdir_p(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		int r = mkdir(path, 0700);
		*p = '/';
		if (r != 0 && errno != EEXIST)
			return -1;
	}
	return mkdir(path, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int draft_dir(char *out, size_t outsz)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	int n;
	if (state && state[0] == '/')
		n = snprintf(out, outsz, "%s/gridwork", state);
	else if (home && home[0] == '/')
		n = snprintf(out, outsz, "%s/.local/state/gridwork", home);
	else
		n = -1;
	if (n < 0 || (size_t)n >= outsz || mkdir_p(out) != 0) {
		if (outsz)
			out[0] = 0;
		return -1;
	}
	return 0;
}

void draft_path(const char *dir, const char *db_path, char *out, size_t outsz)
{
	char real[PATH_MAX];
	const char *p = realpath(db_path, real) ? real : db_path;
	/* FNV-1a of the path: one file per database, short and fixed. */
	unsigned long long h = 1469598103934665603ULL;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	snprintf(out, outsz, "%s/draft-%016llx.txt", dir, h);
}

static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static void unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			*o++ = *s;
			continue;
		}
		s++;
		*o++ = *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s == 't' ? '\t' : *s;
	}
	*o = 0;
}

int draft_save(const char *path, const struct draft *d)
{
	char tmp[PATH_MAX + 16];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	fprintf(f, "%s\ndb ", MAGIC);
	put_escaped(f, d->db);
	fprintf(f, "\nkind %d\nid %s\nversion %d\nat %s\n", d->kind, d->id, d->version, d->at);
	for (int i = 0; i < d->vals.n; i++) {
		fprintf(f, "val %d ", i);
		put_escaped(f, d->vals.v[i] ? d->vals.v[i] : "");
		fputc('\n', f);
	}
	/* No fsync: the file has to outlive the process (killed, or its SSH
	 * session gone), which the page cache gives; a sync on every
	 * keystroke would cost more than a keystroke may take. */
	int bad = ferror(f);
	if (fclose(f) != 0 || bad) {
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		return -1;
	}
	return 0;
}

int draft_load(const char *path, struct draft *d)
{
	memset(d, 0, sizeof *d);
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? 1 : -1;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int ok = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = 0;
		if (!ok) {
			if (strcmp(line, MAGIC) != 0)
				break;
			ok = 1;
			continue;
		}
		char *sp = strchr(line, ' ');
		char *val = sp ? sp + 1 : line + len;
		if (sp)
			*sp = 0;
		if (strcmp(line, "db") == 0) {
			unescape(val);
			snprintf(d->db, sizeof d->db, "%s", val);
		} else if (strcmp(line, "kind") == 0) {
			d->kind = atoi(val);
		} else if (strcmp(line, "id") == 0) {
			snprintf(d->id, sizeof d->id, "%s", val);
		} else if (strcmp(line, "version") == 0) {
			d->version = atoi(val);
		} else if (strcmp(line, "at") == 0) {
			snprintf(d->at, sizeof d->at, "%s", val);
		} else if (strcmp(line, "val") == 0) {
			char *end;
			long i = strtol(val, &end, 10);
			if (*end != ' ' || i < 0 || i >= RECORD_MAX_COLS) {
				ok = 0;
				break;
			}
			unescape(end + 1);
			if (records_set(&d->vals, (int)i, end + 1) < 0) {
				ok = 0;
				break;
			}
			if (i + 1 > d->vals.n)
				d->vals.n = (int)i + 1;
		}
	}
	free(line);
	fclose(f);
	if (!ok || d->vals.n == 0) {
		records_free(&d->vals);
		return -1;
	}
	/* Columns the file skipped are empty, never NULL. */
	for (int i = 0; i < d->vals.n; i++)
		if (!d->vals.v[i] && records_set(&d->vals, i, "") < 0) {
			records_free(&d->vals);
			return -1;
		}
	return 0;
}

void draft_remove(const char *path)
{
	if (path && *path)
		unlink(path);
}
