#!/usr/bin/env bash
# load.sh DB DIR KIND... - loads the generator's CSV files with plain SQL
# through the sqlite3 shell (no validation, no audit): the baseline a
# database can do at best, and a stand-in where `gridwork import` of a kind
# is not available.  Ids are 32 hex digits, increasing, one letter per kind.
set -eu
db=$1 dir=$2; shift 2
for kind in "$@"; do
	case $kind in
	grids) sql="
CREATE TEMP TABLE t(code, name, level, parent_code, basis);
.import --csv --skip 1 '$dir/grids.csv' t
CREATE INDEX temp.t_code ON t(code);
INSERT INTO grid(id, code, name, level, parent_id, basis, office, created_at, updated_at)
SELECT printf('a%031x', t.rowid), t.code, t.name, t.level,
       (SELECT printf('a%031x', p.rowid) FROM t p WHERE p.code = t.parent_code),
       nullif(t.basis, ''), 'SC', '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM t ORDER BY t.rowid;" ;;
	orgs) sql="
CREATE TEMP TABLE t(credit_code, name, kind, tags, chain, grid_code, address, employees,
  party_members, party_org, party_org_since, contact, phone);
.import --csv --skip 1 '$dir/orgs.csv' t
INSERT INTO org(id, credit_code, name, kind, tags, grid_id, address, employees, party_members,
  party_org, party_org_since, contact, phone, office, created_at, updated_at)
SELECT printf('b%031x', t.rowid), credit_code, t.name, t.kind, tags, g.id, address, employees,
  party_members, party_org, nullif(party_org_since, ''), contact, phone, 'SC',
  '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM t JOIN grid g ON g.code = t.grid_code
ORDER BY t.rowid;" ;;
	instructors) sql="
CREATE TEMP TABLE t(name, phone, gender, unit, role, grid_codes, org_codes, status);
.import --csv --skip 1 '$dir/instructors.csv' t
INSERT INTO instructor(id, phone, name, gender, unit, role, status, office, created_at, updated_at)
SELECT printf('c%031x', rowid), phone, name, gender, unit, role, status, 'SC',
  '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM t ORDER BY rowid;
INSERT OR IGNORE INTO instructor_grid
SELECT printf('c%031x', t.rowid), g.id FROM t, json_each('[\"' || replace(t.grid_codes, ';', '\",\"') || '\"]') j
JOIN grid g ON g.code = j.value WHERE t.grid_codes <> '';
INSERT OR IGNORE INTO instructor_org
SELECT printf('c%031x', t.rowid), o.id FROM t, json_each('[\"' || replace(t.org_codes, ';', '\",\"') || '\"]') j
JOIN org o ON o.credit_code = j.value WHERE t.org_codes <> '';" ;;
	workers) sql="
CREATE TEMP TABLE t(name, phone, job, platform, party_member, community, roles);
.import --csv --skip 1 '$dir/workers.csv' t
INSERT INTO worker(id, phone, name, job, platform, party_member, community_id, roles, office,
  created_at, updated_at)
SELECT printf('d%031x', t.rowid), phone, t.name, job, platform, party_member = 'yes', g.id, roles,
  'SC', '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM t LEFT JOIN grid g ON g.code = t.community
ORDER BY t.rowid;" ;;
	stations) sql="
CREATE TEMP TABLE t(name, grid_code, address, host, services, hours);
.import --csv --skip 1 '$dir/stations.csv' t
INSERT INTO station(id, name, grid_id, address, host, services, hours, office, created_at, updated_at)
SELECT printf('f%031x', t.rowid), t.name, g.id, address, host, services, hours, 'SC',
  '2024-01-01 00:00:00', '2024-01-01 00:00:00' FROM t JOIN grid g ON g.code = t.grid_code
ORDER BY t.rowid;" ;;
	tickets) sql="
CREATE TEMP TABLE t(number, title, description, category, source, grid_code, org_code, reporter,
  reporter_phone, department, instructor_phone, status, created_at, resolved_at);
.import --csv --skip 1 '$dir/tickets.csv' t
INSERT INTO ticket(id, number, title, description, category, source, grid_id, org_id, reporter,
  reporter_phone, department, instructor_id, status, resolved_at, office, created_at, updated_at)
SELECT printf('e%031x', t.rowid), t.number, t.title, t.description, t.category, t.source, g.id,
  (SELECT o.id FROM org o WHERE o.credit_code = t.org_code), t.reporter, t.reporter_phone,
  nullif(t.department, ''), (SELECT i.id FROM instructor i WHERE i.phone = t.instructor_phone),
  t.status, nullif(t.resolved_at, ''), 'SC', t.created_at, t.created_at
FROM t JOIN grid g ON g.code = t.grid_code ORDER BY t.rowid;" ;;
	*) echo "load.sh: unknown kind $kind" >&2; exit 2 ;;
	esac
	printf '%s\n' "PRAGMA foreign_keys = ON;" "BEGIN;" "$sql" "DROP TABLE temp.t;" "COMMIT;" | sqlite3 -bail "$db"
done
