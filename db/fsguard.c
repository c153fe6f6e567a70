/* fsguard.c - refusing network filesystems and files others can write. */
#include "fsguard.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>

/* From linux/magic.h and the filesystems' sources (not all are in the
 * installed header, so they are spelled out here). */
static const struct {
	unsigned long magic;
	const char *name;
} network_fs[] = {
	{0x6969UL, "NFS"},
	{0x517BUL, "SMB"},
	{0xFE534D42UL, "SMB2"},
	{0xFF534D42UL, "CIFS"},
	{0x564CUL, "NCP"},
	{0x5346414FUL, "AFS"},
	{0x6B414653UL, "AFS"},
	{0x73757245UL, "Coda"},
	{0x00C36400UL, "Ceph"},
	{0x01021997UL, "9P"},
};

const char *fsguard_network_fs(unsigned long magic)
{
	for (size_t i = 0; i < sizeof network_fs / sizeof network_fs[0]; i++)
		if (network_fs[i].magic == magic)
			return network_fs[i].name;
	return NULL;
}

enum gw_status fsguard_check_fs(const char *path, unsigned long magic, struct gw_err *err)
{
	const char *fs = fsguard_network_fs(magic);
	if (!fs)
		return GW_OK;
	return gw_fail(err, GW_EREFUSED,
		       "数据库 %s 位于网络文件系统（%s）上，已拒绝打开：网络共享上的文件锁不可靠，"
		       "几台电脑同时使用会损坏数据。请把数据库放在本机磁盘上，办公室之间用 gridwork sync 交换记录",
		       "refusing the database %s on a network filesystem (%s): file locks do not hold "
		       "on network shares, so several PCs using it at once would corrupt it. Keep the "
		       "database on a local disk and exchange records between offices with gridwork sync",
		       path, fs);
}

/* Refuses path when it exists and others may write it. */
static enum gw_status not_public(const char *db, const char *path, struct gw_err *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || !(sb.st_mode & S_IWOTH))
		return GW_OK;
	return gw_fail(err, GW_EREFUSED,
		       "数据库 %s 已拒绝打开：文件 %s 所有用户都可写（权限 %04o），记录可能被绕过本程序篡改。"
		       "请先执行 chmod o-w %s",
		       "refusing the database %s: the file %s is writable by every user (mode %04o), "
		       "so its records could be altered outside gridwork. Run chmod o-w %s first",
		       db, path, (unsigned)(sb.st_mode & 07777), path);
}

enum gw_status fsguard_check(const char *path, struct gw_err *err)
{
	if (!path || !*path || strcmp(path, ":memory:") == 0)
		return GW_OK;
	char where[PATH_MAX];
	struct stat sb;
	if (stat(path, &sb) == 0) {
		snprintf(where, sizeof where, "%s", path);
	} else {
		/* Not there yet: the directory it would be created in. */
		snprintf(where, sizeof where, "%s", path);
		char *slash = strrchr(where, '/');
		if (!slash)
			snprintf(where, sizeof where, ".");
		else if (slash == where)
			where[1] = '\0';
		else
			*slash = '\0';
	}
	struct statfs fs;
	if (statfs(where, &fs) == 0) {
		enum gw_status st = fsguard_check_fs(path, (unsigned long)fs.f_type, err);
		if (st != GW_OK)
			return st;
	}
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char p[PATH_MAX + 8];
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		enum gw_status st = not_public(path, p, err);
		if (st != GW_OK)
			return st;
	}
	return GW_OK;
}
