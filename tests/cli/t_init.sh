#!/usr/bin/env bash
# t_init.sh - init creates a database (schema version, office, WAL) and
# refuses an existing file; bad office codes; newer-than-known files.
. "$(dirname "$0")/lib.sh"

gw --version
version=$(sed -n 's/.*schema \([0-9]*\).*/\1/p' "$tmp/out")

db=$tmp/县/新库.db
gw init --db "$db"
assert_rc 0 "init exits 0"
assert_file "$db" "init creates the file (and its directory)"
assert_out_has "$db" "init says where"
assert_eq "$(sql "$db" 'PRAGMA user_version')" "${version:-?}" "user_version is the schema version --version reports"
check "user_version is at least 1" test "$(sql "$db" 'PRAGMA user_version')" -ge 1
assert_eq "$(sql "$db" "SELECT value FROM meta WHERE key='office'")" "SC" "the office comes from the configuration"
assert_eq "$(sql "$db" 'PRAGMA journal_mode')" "wal" "the file is in WAL mode"
assert_eq "$(sql "$db" "SELECT name FROM office")" "舒城县委社会工作部" "the office row carries the configured name"
assert_eq "$(sql "$db" "SELECT count(*) FROM department WHERE deleted=0")" "16" "the configured departments are in"
assert_eq "$(sql "$db" "SELECT count(*) FROM grid")" "0" "the database is empty"
assert_eq "$(stat -c %a "$db")" "600" "the file is private to the user"

sum=$(sha256sum "$db")
gw init --db "$db"
assert_rc 1 "init refuses an existing file"
assert_err_has "已存在" "init says the file exists"
assert_eq "$(sha256sum "$db")" "$sum" "the existing file is untouched"

gw init --db "$tmp/hb.db" --office HB
assert_rc 0 "init --office HB"
assert_eq "$(sql "$tmp/hb.db" "SELECT value FROM meta WHERE key='office'")" "HB" "--office sets the office"
gw init --db "$tmp/bad.db" --office 'bad!'
assert_rc 2 "init --office bad! exits 2"
assert_err_has "bad!" "the bad office code is named"
assert_no_file "$tmp/bad.db" "no file for a bad office code"
gw init --db "$tmp/bad.db" --office hb
assert_rc 2 "a lower-case office code exits 2"
gw init --db "$tmp/bad.db" --office ABCDEFGHIJKLMNOPQ
assert_rc 2 "a 17-character office code exits 2"
assert_no_file "$tmp/bad.db" "still no file"

# Without --db: the configured default under $XDG_DATA_HOME / ~/.local/share.
gw init
assert_rc 0 "init without --db"
assert_file "$HOME/.local/share/gridwork/gridwork.db" "the default database path is used"

# An office from a configuration file.
printf 'office = { code = "QRQ"; name = "千人桥镇党建办"; };\n' >"$tmp/qrq.cfg"
gw --config "$tmp/qrq.cfg" init --db "$tmp/qrq.db"
assert_rc 0 "init with a configured office"
assert_eq "$(sql "$tmp/qrq.db" "SELECT code||' '||name FROM office")" "QRQ 千人桥镇党建办" "the configured office is claimed"

# A file from a newer gridwork is refused with a clear message.
sql "$tmp/hb.db" "PRAGMA user_version = 999"
sum=$(sha256sum "$tmp/hb.db")
gw check --db "$tmp/hb.db"
assert_rc 1 "a newer database is refused"
assert_err_has "更新版本" "the refusal says a newer gridwork wrote it"
assert_err_has "999" "the refusal gives the file's version"
assert_eq "$(sha256sum "$tmp/hb.db")" "$sum" "the newer file is untouched"

# Not a database at all.
cp "$FIX/grids.csv" "$tmp/not.db"
gw check --db "$tmp/not.db"
assert_rc 1 "a file that is not a database is refused"
assert_err_has "不是 gridwork 数据库" "it says so"

gw check --db "$tmp/nothere.db"
assert_rc 1 "a missing database is refused"
assert_err_has "不存在" "it says the database does not exist"
assert_no_file "$tmp/nothere.db" "check does not create a database"

done_testing
