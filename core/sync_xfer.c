/* sync_xfer.c - writing a package for a peer and applying one from it.
 * The file format is in sync_package.c, conflicts in sync_apply.c. */
#include "sync.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "id.h"
#include "sync_int.h"

/* Sections combine consecutive entries of one origin (a row inserted and
 * then edited travels once) up to this much input, which bounds memory. */
#define SECTION_INPUT_MAX (64u << 20)

struct writer {
	FILE *f;
	uint64_t crc, body;
	uint32_t nsections;
	long changes;
	sqlite3_changegroup *g;
	size_t input;
	struct sync_section cur;
	int open, alone;
	struct sync_mark sent[SYNC_MAX_MARKS];  /* highest change written, per origin */
	int nsent;
};

static void note_sent(struct writer *w, const char *origin, int64_t last)
{
	for (int i = 0; i < w->nsent; i++)
		if (strcmp(w->sent[i].office, origin) == 0) {
			if (last > w->sent[i].seq)
				w->sent[i].seq = last;
			return;
		}
	if (w->nsent < SYNC_MAX_MARKS) {
		snprintf(w->sent[w->nsent].office, sizeof w->sent[0].office, "%s", origin);
		w->sent[w->nsent++].seq = last;
	}
}

static enum gw_status section_close(struct writer *w, struct gw_err *err)
{
	if (!w->open)
		return GW_OK;
	int n = 0;
	void *cs = NULL;
	w->open = 0;
	int rc = sqlite3changegroup_output(w->g, &n, &cs);
	sqlite3changegroup_delete(w->g);
	w->g = NULL;
	if (rc != SQLITE_OK)
		return gw_fail(err, GW_ENOMEM, "合并变更失败：内存不足", "combining changes failed: out of memory");
	w->cur.len = (size_t)n;
	w->cur.changes = sync_changeset_count(cs, (size_t)n);
	unsigned char hdr[SYNC_SECTION_HDR];
	sync_section_put(&w->cur, hdr);
	int ok = w->cur.changes >= 0 && fwrite(hdr, 1, sizeof hdr, w->f) == sizeof hdr &&
		 (n == 0 || fwrite(cs, 1, (size_t)n, w->f) == (size_t)n);
	w->crc = sync_crc64(w->crc, hdr, sizeof hdr);
	w->crc = sync_crc64(w->crc, cs, (size_t)n);
	w->body += sizeof hdr + (uint64_t)n;
	w->nsections++;
	w->changes += w->cur.changes;
	sqlite3_free(cs);
	return ok ? GW_OK : gw_fail(err, GW_EIO, "写入同步包失败：%s", "cannot write the package: %s",
				    strerror(errno));
}

static enum gw_status write_sections(struct gw *gw, struct writer *w, const char *to, int all,
				     struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_LOG_UNSEEN, err);
	if (!q)
		return GW_EDB;
	db_bind_text(q, 1, to);
	sqlite3_bind_int(q, 2, all ? 1 : 0);
	enum gw_status st = GW_OK;
	int rc;
	while (st == GW_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *origin = (const char *)sqlite3_column_text(q, 0);
		int64_t first = sqlite3_column_int64(q, 1), last = sqlite3_column_int64(q, 2);
		const void *cs = sqlite3_column_blob(q, 3);
		int n = sqlite3_column_bytes(q, 3);
		/* Sent before and not confirmed: the peer may hold it, so it goes
		 * alone and the peer can skip exactly what it has. */
		int alone = last <= sqlite3_column_int64(q, 5);
		if (w->open && (alone || w->alone || strcmp(origin, w->cur.origin) != 0 ||
				w->input > SECTION_INPUT_MAX))
			st = section_close(w, err);
		if (st != GW_OK)
			break;
		if (!w->open) {
			if (sqlite3changegroup_new(&w->g) != SQLITE_OK) {
				st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
				break;
			}
			w->open = 1;
			w->alone = alone;
			w->input = 0;
			snprintf(w->cur.origin, sizeof w->cur.origin, "%s", origin);
			w->cur.first_seq = first;
		}
		if (first < w->cur.first_seq)
			w->cur.first_seq = first;
		w->cur.last_seq = last;
		w->input += (size_t)n;
		note_sent(w, origin, last);
		if (n > 0 && sqlite3changegroup_add(w->g, n, (void *)cs) != SQLITE_OK)
			st = gw_fail(err, GW_EDB, "合并变更失败（%s 的第 %lld 号变更）",
				     "combining changes failed (office %s, change %lld)", origin,
				     (long long)last);
	}
	if (st == GW_OK && rc != SQLITE_DONE)
		st = db_fail(gw->db, err, "sync");
	sqlite3_reset(q);
	if (st == GW_OK)
		st = section_close(w, err);
	if (w->g)
		sqlite3changegroup_delete(w->g);
	w->g = NULL;
	return st;
}

static enum gw_status read_marks(struct gw *gw, struct sync_header *h, struct gw_err *err)
{
	sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_LOG_MARKS, err);
	if (!q)
		return GW_EDB;
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && h->nmarks < SYNC_MAX_MARKS) {
		struct sync_mark *m = &h->marks[h->nmarks];
		db_col_text(q, 0, m->office, sizeof m->office);
		m->seq = sqlite3_column_int64(q, 1);
		if (sync_office_ok(m->office))
			h->nmarks++;
	}
	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? GW_OK : db_fail(gw->db, err, "sync");
}

static enum gw_status peer_known(struct gw *gw, const char *code, struct peer_row *p,
				 struct gw_err *err)
{
	enum gw_status st = sync_peer_get(gw, code, p, err);
	if (st == GW_OK && !p->found)
		st = gw_fail(err, GW_ENOTFOUND,
			     "办公室 %s 尚未登记（先用 gridwork sync peer add %s 名称 登记）",
			     "office %s is not registered (register it first: gridwork sync peer add %s NAME)",
			     code, code);
	return st;
}

/* Writes the package for `to` into tmp: a placeholder header, the
 * sections, then the header again with lengths and checksum; synced to
 * disk.  Notes in sync_sent what went out.  *hlen gets the header size. */
static enum gw_status write_package(struct gw *gw, struct sync_header *hp, struct writer *wp,
				    const char *tmp, int all, size_t *hlen, struct gw_err *err)
{
	unsigned char *hdr = malloc(SYNC_HEADER_FIXED + SYNC_MAX_MARKS * SYNC_MARK_LEN);
	enum gw_status st = GW_OK;
	if (!hdr)
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	if (!(wp->f = fopen(tmp, "w+b")))
		st = gw_fail(err, GW_EIO, "无法写入 %s：%s", "cannot write %s: %s", tmp, strerror(errno));
	if (st == GW_OK) {
		*hlen = sync_header_put(hp, hdr);
		if (fwrite(hdr, 1, *hlen, wp->f) != *hlen)
			st = gw_fail(err, GW_EIO, "写入同步包失败：%s", "cannot write the package: %s",
				     strerror(errno));
	}
	if (st == GW_OK)
		st = write_sections(gw, wp, hp->receiver, all, err);
	for (int i = 0; st == GW_OK && i < wp->nsent; i++) {
		sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_SENT_SET, err);
		if (!q) {
			st = GW_EDB;
			break;
		}
		db_bind_text(q, 1, hp->receiver);
		db_bind_text(q, 2, wp->sent[i].office);
		sqlite3_bind_int64(q, 3, wp->sent[i].seq);
		st = db_step_done(gw->db, q, err);
	}
	if (st == GW_OK) {
		hp->nsections = wp->nsections;
		hp->body_len = wp->body;
		sync_header_put(hp, hdr);
		hp->checksum = sync_package_crc(hdr, *hlen, wp->crc);
		sync_header_put(hp, hdr);
		if (fseek(wp->f, 0, SEEK_SET) != 0 || fwrite(hdr, 1, *hlen, wp->f) != *hlen ||
		    fflush(wp->f) != 0 || fsync(fileno(wp->f)) != 0)
			st = gw_fail(err, GW_EIO, "写入同步包失败：%s", "cannot write the package: %s",
				     strerror(errno));
	}
	if (wp->f && fclose(wp->f) != 0 && st == GW_OK)
		st = gw_fail(err, GW_EIO, "写入同步包失败：%s", "cannot write the package: %s",
			     strerror(errno));
	wp->f = NULL;
	free(hdr);
	return st;
}

enum gw_status sync_export(struct gw *gw, const char *to, int all, const char *path,
			   struct sync_summary *out, struct gw_err *err)
{
	memset(out, 0, sizeof *out);
	struct peer_row peer;
	enum gw_status st = sync_attach(gw, err);
	if (st == GW_OK)
		st = peer_known(gw, to, &peer, err);
	if (st != GW_OK)
		return st;
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return gw_fail(err, GW_EINVAL, "文件名过长", "file name too long");
	struct sync_header *hp = calloc(1, sizeof *hp);   /* large: the marks */
	struct writer *wp = calloc(1, sizeof *wp);
	if (!hp || !wp)
		st = gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	/* This office's latest changes, committed on their own: they must
	 * not depend on the package being written. */
	if (st == GW_OK)
		st = sync_flush(gw, err);
	if (st == GW_OK && (st = db_begin(gw->db, err)) == GW_OK) {
		hp->version = SYNC_FORMAT_VERSION;
		hp->schema = (uint32_t)db_schema_version();
		hp->flags = all ? SYNC_FLAG_ALL : 0;
		snprintf(hp->sender, sizeof hp->sender, "%s", gw->office);
		snprintf(hp->receiver, sizeof hp->receiver, "%s", to);
		hp->seq = peer.sent_seq + 1;
		clock_now(hp->created_at);
		size_t hlen = 0;
		st = read_marks(gw, hp, err);
		if (st == GW_OK)
			st = write_package(gw, hp, wp, tmp, all, &hlen, err);
		sqlite3_stmt *q = st == GW_OK ? db_stmt(gw->db, Q_SYNC_PEER_SENT, err) : NULL;
		if (st == GW_OK && !q)
			st = GW_EDB;
		if (st == GW_OK) {
			db_bind_text(q, 1, to);
			sqlite3_bind_int64(q, 2, hp->seq);
			db_bind_text(q, 3, hp->created_at);
			st = db_step_done(gw->db, q, err);
		}
		if (st == GW_OK)
			st = sync_record_package(gw, "out", to, hp->seq, path, (long long)(hlen + wp->body),
						 (int)wp->nsections, wp->changes, 0, hp->checksum, err);
		if (st == GW_OK)
			st = db_commit(gw->db, err);
		else
			db_rollback(gw->db);
		/* Only a committed package appears under its name. */
		if (st == GW_OK && rename(tmp, path) != 0)
			st = gw_fail(err, GW_EIO, "无法写入 %s：%s", "cannot write %s: %s", path,
				     strerror(errno));
		if (st == GW_OK) {
			snprintf(out->peer, sizeof out->peer, "%s", to);
			out->seq = hp->seq;
			out->sections = (int)wp->nsections;
			out->changes = wp->changes;
			out->bytes = (long long)(hlen + wp->body);
		} else {
			unlink(tmp);
		}
	}
	free(wp);
	free(hp);
	return st;
}

/* ---- import ---- */

/* Maps the package file (copy-on-write: never written back), so a large
 * package costs page cache rather than heap.  Unmap with unmap_file. */
static enum gw_status map_file(const char *path, unsigned char **buf, size_t *len,
			       struct gw_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	*buf = NULL;
	*len = 0;
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return gw_fail(err, GW_EIO, "无法读取 %s：%s", "cannot read %s: %s", path,
			       fd >= 0 ? gw_tr("不是普通文件", "not a regular file") : strerror(e));
	}
	*len = (size_t)sb.st_size;
	if (*len == 0) {        /* nothing to map; the parser refuses it */
		close(fd);
		*buf = (unsigned char *)"";
		return GW_OK;
	}
	void *m = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return gw_fail(err, GW_EIO, "无法读取 %s：%s", "cannot read %s: %s", path, strerror(errno));
	*buf = m;
	return GW_OK;
}

static void unmap_file(unsigned char *buf, size_t len)
{
	if (len)
		munmap(buf, len);
}

/* Everything about the package that can be refused before writing. */
static enum gw_status admit(struct gw *gw, const struct sync_header *h, struct peer_row *peer,
			    struct gw_err *err)
{
	if (strcmp(h->receiver, gw->office) != 0)
		return gw_fail(err, GW_EREFUSED,
			       "这个同步包是发给办公室 %s 的，不是本办公室（%s），未做任何改动",
			       "this package is addressed to office %s, not to this office (%s); nothing was changed",
			       h->receiver, gw->office);
	if (strcmp(h->sender, gw->office) == 0)
		return gw_fail(err, GW_EREFUSED, "这个同步包是本办公室自己写的，未做任何改动",
			       "this package was written by this office itself; nothing was changed");
	if (h->schema != (uint32_t)db_schema_version())
		return gw_fail(err, GW_EREFUSED,
			       "同步包来自数据库版本 %u，本办公室为版本 %d，未做任何改动（两边需使用同一版本的 gridwork）",
			       "the package comes from database version %u, this office has version %d; nothing was changed (both offices need the same gridwork version)",
			       (unsigned)h->schema, db_schema_version());
	enum gw_status st = sync_peer_get(gw, h->sender, peer, err);
	if (st != GW_OK)
		return st;
	if (!peer->found)
		return gw_fail(err, GW_EREFUSED,
			       "同步包来自未登记的办公室 %s，未做任何改动（确认来源后用 gridwork sync peer add %s 名称 登记）",
			       "the package comes from office %s, which is not registered here; nothing was changed (check where it came from, then: gridwork sync peer add %s NAME)",
			       h->sender, h->sender);
	if (h->seq == peer->recv_seq)
		return gw_fail(err, GW_EREFUSED,
			       "%s 的第 %lld 号同步包已于 %s 导入过，不能重复导入，未做任何改动",
			       "the package from %s numbered %lld was already applied (%s); it cannot be applied twice; nothing was changed",
			       h->sender, (long long)h->seq, peer->recv_at);
	if (h->seq < peer->recv_seq)
		return gw_fail(err, GW_EREFUSED,
			       "%s 的第 %lld 号同步包比已导入的第 %lld 号旧（其内容已包含在后者中），未做任何改动",
			       "the package from %s numbered %lld is older than package %lld already applied (which carried everything in it); nothing was changed",
			       h->sender, (long long)h->seq, peer->recv_seq);
	return GW_OK;
}

static enum gw_status apply_sections(struct sync *s, const struct sync_header *h,
				     const unsigned char *buf, struct sync_summary *out,
				     struct sync_apply_info *ai, struct gw_err *err)
{
	size_t pos = 0;
	struct sync_section sec;
	enum gw_status st = GW_OK;
	while (st == GW_OK && sync_package_next(h, buf, &pos, &sec)) {
		int64_t hw = strcmp(sec.origin, s->gw->office) == 0 ? INT64_MAX
								      : sync_log_hw(s, sec.origin, err);
		if (hw < 0)
			return GW_EDB;
		if (sec.last_seq <= hw) {
			out->skipped += sec.changes;
			continue;
		}
		if (sec.first_seq > hw + 1)
			return gw_fail(err, GW_EREFUSED,
				       "同步包缺少办公室 %s 的第 %lld 至 %lld 号变更（本办公室从未收到），未做任何改动；请 %s 用 gridwork sync export --all 重新导出完整的同步包",
				       "the package lacks office %s's changes %lld to %lld, which this office never received; nothing was changed; ask %s for a complete package (gridwork sync export --all)",
				       sec.origin, (long long)(hw + 1), (long long)(sec.first_seq - 1),
				       h->sender);
		ai->origin = sec.origin;
		if (sec.len > 0)
			st = sync_apply_section(s, ai, sec.data, sec.len, err);
		if (st == GW_OK)
			st = sync_log_insert(s, sec.origin, sec.first_seq, sec.last_seq, sec.changes,
					sec.data, (int)sec.len, err);
		out->applied += sec.changes;
	}
	return st;
}

static enum gw_status finish_import(struct gw *gw, const struct sync_header *h, const char *path,
				    size_t len, struct sync_summary *out, struct gw_err *err)
{
	enum gw_status st = GW_OK;
	for (int i = 0; st == GW_OK && i < h->nmarks; i++) {
		sqlite3_stmt *q = db_stmt(gw->db, Q_SYNC_ACK_SET, err);
		if (!q)
			return GW_EDB;
		db_bind_text(q, 1, h->sender);
		db_bind_text(q, 2, h->marks[i].office);
		sqlite3_bind_int64(q, 3, h->marks[i].seq);
		st = db_step_done(gw->db, q, err);
	}
	sqlite3_stmt *q = st == GW_OK ? db_stmt(gw->db, Q_SYNC_PEER_RECV, err) : NULL;
	if (st == GW_OK && !q)
		return GW_EDB;
	if (st == GW_OK) {
		char now[20];
		clock_now(now);
		db_bind_text(q, 1, h->sender);
		sqlite3_bind_int64(q, 2, h->seq);
		db_bind_text(q, 3, now);
		st = db_step_done(gw->db, q, err);
	}
	if (st == GW_OK)
		st = sync_record_package(gw, "in", h->sender, h->seq, path, (long long)len,
				    (int)h->nsections, h->changes,
				    out->conflicts_rule + out->conflicts_open, h->checksum, err);
	return st;
}

enum gw_status sync_import(struct gw *gw, const char *path, struct sync_summary *out,
			   struct gw_err *err)
{
	memset(out, 0, sizeof *out);
	unsigned char *buf;
	size_t len = 0;
	enum gw_status st = map_file(path, &buf, &len, err);
	if (st != GW_OK)
		return st;
	struct sync_header *h = malloc(sizeof *h);
	struct peer_row peer;
	if (!h) {
		unmap_file(buf, len);
		return gw_fail(err, GW_ENOMEM, "内存不足", "out of memory");
	}
	st = sync_package_parse(buf, len, h, err);
	if (st == GW_OK)
		st = admit(gw, h, &peer, err);
	if (st == GW_OK)
		st = sync_attach(gw, err);
	/* Changes made here before the package are this office's own,
	 * committed whatever becomes of the package. */
	if (st == GW_OK)
		st = sync_flush(gw, err);
	struct sync *s = sync_state(gw);
	int began = 0;
	if (st == GW_OK && (st = db_begin(gw->db, err)) == GW_OK)
		began = 1;
	sqlite3_stmt *q = st == GW_OK ? db_stmt(gw->db, Q_SYNC_DEFER_FK, err) : NULL;
	if (st == GW_OK)
		st = q ? db_step_done(gw->db, q, err) : GW_EDB;
	char county[17] = "";
	if (st == GW_OK)
		st = sync_county(gw, county, err);
	struct sync_apply_info ai = {h->sender, h->seq, NULL, county, 0, 0, 0};
	if (st == GW_OK) {
		snprintf(out->peer, sizeof out->peer, "%s", h->sender);
		out->seq = h->seq;
		out->sections = (int)h->nsections;
		out->changes = h->changes;
		out->bytes = (long long)len;
		if (h->seq > peer.recv_seq + 1)
			out->gap_from = peer.recv_seq + 1;
		sqlite3session_enable(s->sess, 0);
		st = apply_sections(s, h, buf, out, &ai, err);
		if (st == GW_OK)
			st = sync_apply_finish(s, &ai, err);
		out->conflicts_rule = ai.conflicts_rule;
		out->conflicts_open = ai.conflicts_open;
	}
	if (st == GW_OK)
		st = finish_import(gw, h, path, len, out, err);
	if (st == GW_OK) {
		/* Written with capture off: a package's arrival is this office's
		 * own history; sent on, it would make every exchange answer with
		 * one more change, and "nothing pending" would never be reached. */
		struct strbuf j = STRBUF_INIT;
		int first = 1;
		char rid[40];
		snprintf(rid, sizeof rid, "%s-%lld", h->sender, (long long)h->seq);
		sb_puts(&j, "{");
		sb_json_kv_str(&j, &first, "from", h->sender);
		sb_json_kv_int(&j, &first, "package", h->seq);
		sb_json_kv_str(&j, &first, "file", path);
		sb_json_kv_int(&j, &first, "changes", out->changes);
		sb_json_kv_int(&j, &first, "applied", out->applied);
		sb_json_kv_int(&j, &first, "already_held", out->skipped);
		sb_json_kv_int(&j, &first, "conflicts_by_rule", out->conflicts_rule);
		sb_json_kv_int(&j, &first, "conflicts_open", out->conflicts_open);
		sb_puts(&j, "}");
		st = j.oom ? gw_fail(err, GW_ENOMEM, "内存不足", "out of memory")
			   : audit_record(gw, "sync_package", rid, "sync_import", NULL, sb_str(&j), err);
		sb_free(&j);
	}
	if (s)
		sqlite3session_enable(s->sess, 1);
	if (began) {
		if (st == GW_OK)
			st = db_commit(gw->db, err);
		else
			db_rollback(gw->db);
	}
	free(h);
	unmap_file(buf, len);
	if (st != GW_OK)
		memset(out, 0, sizeof *out);
	return st;
}

