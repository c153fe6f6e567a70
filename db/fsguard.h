/* fsguard.h - where a database file may live.
 *
 * SQLite keeps a file consistent across processes with POSIX locks and a
 * shared-memory index beside it; on a network filesystem (NFS, SMB/CIFS,
 * ...) those locks do not hold between machines, so two offices opening
 * one shared file can corrupt it (sqlite.org/useovernet.html).  A file that
 * other users of the PC can write could be altered outside gridwork, past
 * its checks and its audit log.  db_open refuses both; gridwork itself
 * creates files private (umask 077, see gw_open). */
#ifndef GW_FSGUARD_H
#define GW_FSGUARD_H

#include "status.h"

/* The name ("NFS", "SMB", "CIFS", ...) of the network filesystem whose
 * statfs(2) f_type is magic; NULL for any other (local) filesystem. */
const char *fsguard_network_fs(unsigned long magic);

/* Checks the database at path before it is opened: the filesystem it is on
 * (the directory it would be created in, when it does not exist yet) must
 * be local, and neither the file nor its -wal / -shm companions may be
 * writable by others (o+w; group-writable is allowed, for an office whose
 * clerks share a group).  ":memory:" and "" (temporary) pass.  Returns
 * GW_OK, or GW_EREFUSED with a message saying why and what to do.  A path
 * that cannot be examined passes: opening it reports the real error. */
enum gw_status fsguard_check(const char *path, struct gw_err *err);

/* The refusal fsguard_check gives for path on a filesystem of type magic
 * (GW_OK when the type is local); separate so tests can check it without
 * a network mount. */
enum gw_status fsguard_check_fs(const char *path, unsigned long magic, struct gw_err *err);

#endif
