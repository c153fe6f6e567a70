#!/usr/bin/env bash
# t_check.sh - `gridwork check` passes on a good database and reports what
# is wrong on one broken behind the program's back.
. "$(dirname "$0")/lib.sh"

new_db c
gw check --db "$db"
assert_rc 0 "check passes on an empty database"
assert_out_has "检查通过" "check says it passed"

gw import --db "$db" "$FIX/grids.csv" "$FIX/orgs.csv"
assert_rc 0 "fixtures import"
gw check --db "$db"
assert_rc 0 "check passes on imported data"

cp "$db" "$tmp/good.db"
sql "$db" "UPDATE grid SET basis = NULL WHERE code = 'SC-TX-G01'"
gw check --db "$db"
assert_rc 1 "a grid without a basis: exit 1"
assert_out_has "SC-TX-G01" "the grid is named"
assert_out_has "basis" "the broken rule is named"
assert_out_has "发现 1 个问题" "one problem counted"

cp "$tmp/good.db" "$db"
sql "$db" "UPDATE grid SET parent_id = (SELECT id FROM grid WHERE code='SC-CG-G01') WHERE code = 'SC-CG-G02'"
gw check --db "$db"
assert_rc 1 "a grid under a grid: exit 1"
assert_out_has "SC-CG-G02" "the misplaced grid is named"

cp "$tmp/good.db" "$db"
sql "$db" "UPDATE org SET party_org_since = NULL WHERE credit_code = '91341523MA2N000102'"
gw check --db "$db"
assert_rc 1 "a party organisation without a date: exit 1"
assert_out_has "91341523MA2N000102" "the organisation is named"

cp "$tmp/good.db" "$db"
sql "$db" "PRAGMA foreign_keys = OFF; UPDATE org SET grid_id = 'gone' WHERE credit_code = '91341523MA2N000203'"
gw check --db "$db"
assert_rc 1 "a dangling reference: exit 1"
assert_out_has "foreign key" "the foreign key problem is reported"

cp "$tmp/good.db" "$db"
sql "$db" "CREATE TABLE notes (text TEXT)"
gw check --db "$db"
assert_rc 1 "a table without a primary key: exit 1"
assert_out_has "notes" "the table is named"

cp "$tmp/good.db" "$db"
gw check --db "$db"
assert_rc 0 "the good copy still passes"

done_testing
