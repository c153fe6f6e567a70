/* test_fsguard.c - where a database may live: network filesystems are
 * refused with an explanation (checked by their statfs magic numbers,
 * since a test cannot mount NFS), a file - or its -wal / -shm - that
 * every user can write is refused and left untouched, a group-writable one
 * is accepted, and the files gridwork creates are private (0600). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "fsguard.h"
#include "gw.h"

static char tmpdir[256];
static int seq;

static int setup_dir(void **state)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/gw-test-fsguard.XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("GRIDWORK_NOW", "2026-03-02 09:30:00", 1);
	gw_set_lang(GW_LANG_ZH);
	return 0;
}

static int teardown_dir(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct gw *open_at(const char *path, int create, struct gw_err *e)
{
	struct config cfg;
	config_defaults(&cfg);
	return gw_open(&cfg, path, create, "SC", e);
}

static void new_path(char *out, size_t n)
{
	snprintf(out, n, "%s/舒城县-%d.db", tmpdir, ++seq);
}

static void assert_msg_has(const struct gw_err *e, const char *frag)
{
	if (!strstr(e->msg, frag))
		fail_msg("message \"%s\" lacks \"%s\"", e->msg, frag);
}

static unsigned mode_of(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return (unsigned)(sb.st_mode & 07777);
}

static void network_magic_numbers(void **state)
{
	assert_string_equal(fsguard_network_fs(0x6969), "NFS");
	assert_string_equal(fsguard_network_fs(0x517B), "SMB");
	assert_string_equal(fsguard_network_fs(0xFE534D42UL), "SMB2");
	assert_string_equal(fsguard_network_fs(0xFF534D42UL), "CIFS");
	assert_null(fsguard_network_fs(0xEF53));        /* ext2/3/4 */
	assert_null(fsguard_network_fs(0x01021994));    /* tmpfs */
	assert_null(fsguard_network_fs(0x58465342));    /* xfs */
	assert_null(fsguard_network_fs(0x9123683E));    /* btrfs */
	assert_null(fsguard_network_fs(0x65735546));    /* FUSE: local ones too */
}

static void network_refused_with_reason(void **state)
{
	struct gw_err e;
	gw_err_clear(&e);
	assert_int_equal(fsguard_check_fs("/mnt/县委共享/gridwork.db", 0x6969, &e), GW_EREFUSED);
	assert_msg_has(&e, "/mnt/县委共享/gridwork.db");
	assert_msg_has(&e, "网络文件系统（NFS）");
	assert_msg_has(&e, "本机磁盘");
	assert_msg_has(&e, "gridwork sync");
	assert_int_equal(fsguard_check_fs("/mnt/share/g.db", 0xFF534D42UL, &e), GW_EREFUSED);
	assert_msg_has(&e, "CIFS");
	gw_set_lang(GW_LANG_EN);
	assert_int_equal(fsguard_check_fs("/mnt/share/g.db", 0x517B, &e), GW_EREFUSED);
	assert_msg_has(&e, "network filesystem (SMB)");
	gw_set_lang(GW_LANG_ZH);
	assert_int_equal(fsguard_check_fs("/home/wf/g.db", 0xEF53, &e), GW_OK);
}

static void local_and_memory_pass(void **state)
{
	struct gw_err e;
	char p[512];
	new_path(p, sizeof p);
	assert_int_equal(fsguard_check(p, &e), GW_OK);            /* not there yet: its directory */
	assert_int_equal(fsguard_check(":memory:", &e), GW_OK);
	assert_int_equal(fsguard_check("", &e), GW_OK);
	assert_int_equal(fsguard_check("relative-舒城.db", &e), GW_OK);
}

static void new_files_are_private(void **state)
{
	char p[512], wal[520], shm[520];
	struct gw_err e;
	new_path(p, sizeof p);
	mode_t old = umask(0);     /* even from a careless shell */
	struct gw *gw = open_at(p, 1, &e);
	umask(old);
	if (!gw)
		fail_msg("gw_open: %s", e.msg);
	snprintf(wal, sizeof wal, "%s-wal", p);
	snprintf(shm, sizeof shm, "%s-shm", p);
	assert_int_equal(mode_of(p), 0600);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(mode_of(shm), 0600);
	gw_close(gw);
}

static void world_writable_refused(void **state)
{
	char p[512];
	struct gw_err e;
	new_path(p, sizeof p);
	struct gw *gw = open_at(p, 1, &e);
	assert_non_null(gw);
	gw_close(gw);
	struct stat before;
	assert_int_equal(stat(p, &before), 0);

	assert_int_equal(chmod(p, 0666), 0);
	gw_err_clear(&e);
	assert_null(open_at(p, 0, &e));
	assert_int_equal(e.code, GW_EREFUSED);
	assert_msg_has(&e, p);
	assert_msg_has(&e, "所有用户都可写");
	assert_msg_has(&e, "0666");
	assert_msg_has(&e, "chmod o-w");
	struct stat after;
	assert_int_equal(stat(p, &after), 0);
	assert_int_equal(after.st_size, before.st_size);        /* not even opened */
	assert_int_equal(after.st_mtime, before.st_mtime);

	/* Group-writable is an office sharing a group: accepted. */
	assert_int_equal(chmod(p, 0660), 0);
	gw = open_at(p, 0, &e);
	if (!gw)
		fail_msg("0660 refused: %s", e.msg);
	gw_close(gw);

	/* A journal others can write is as bad as the file. */
	assert_int_equal(chmod(p, 0600), 0);
	char wal[520];
	snprintf(wal, sizeof wal, "%s-wal", p);
	FILE *f = fopen(wal, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(chmod(wal, 0646), 0);
	assert_null(open_at(p, 0, &e));
	assert_int_equal(e.code, GW_EREFUSED);
	assert_msg_has(&e, wal);
	unlink(wal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(network_magic_numbers),
		cmocka_unit_test(network_refused_with_reason),
		cmocka_unit_test(local_and_memory_pass),
		cmocka_unit_test(new_files_are_private),
		cmocka_unit_test(world_writable_refused),
	};
	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
