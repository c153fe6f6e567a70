/* schema.h - the ordered list of schema migrations. */
#ifndef GW_SCHEMA_H
#define GW_SCHEMA_H

/* Number of migrations; the newest schema version. */
int schema_count(void);

/* The SQL that upgrades version-1 to version (1-based); NULL out of range. */
const char *schema_migration(int version);

#endif
