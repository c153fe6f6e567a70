#!/usr/bin/env bash
# t_basic.sh - help, version, unknown subcommands and options, configuration
# errors (exit 2 with file:line), every subcommand's --help.
. "$(dirname "$0")/lib.sh"

gw --help
assert_rc 0 "--help exits 0"
assert_out_has "用法" "--help shows usage in Chinese"
for sub in init demo import export find check; do
	assert_out_has "gridwork $sub" "--help lists $sub"
done
assert_out_has "退出码" "--help explains exit statuses"

gw --version
assert_rc 0 "--version exits 0"
check "--version prints gridwork and a version" grep -Eq '^gridwork [0-9]+\.[0-9]+' "$tmp/out"
schema=$(sqlite3 :memory: 'select 1' >/dev/null && echo ok)
assert_eq "$schema" ok "sqlite3 shell available"

gw frobnicate
assert_rc 2 "unknown subcommand exits 2"
assert_err_has "frobnicate" "unknown subcommand is named"
assert_err_has "gridwork --help" "unknown subcommand points at --help"

for sub in init demo import export find check; do
	gw "$sub" --help
	assert_rc 0 "$sub --help exits 0"
	assert_out_has "gridwork $sub" "$sub --help shows its usage"
	assert_eq "$err" "" "$sub --help writes nothing to stderr"
done
# --help wins wherever it stands, and never touches a database.
gw import --db "$tmp/none.db" x.csv --help
assert_rc 0 "import ... --help exits 0"
assert_no_file "$tmp/none.db" "--help creates no database"

gw init --bogus
assert_rc 2 "init with an unknown option exits 2"
assert_err_has "--bogus" "the unknown option is named"
gw check --db "$tmp/x.db" extra
assert_rc 2 "check with an extra argument exits 2"
gw --db
assert_rc 2 "--db without a file exits 2"

# Configuration mistakes: exit 2, "file:line: what", nothing opened.
cfg=$tmp/syntax.cfg
printf 'office = {\n  code = "SC";\n  number = ;\n};\n' >"$cfg"
gw --config "$cfg" init --db "$tmp/a.db"
assert_rc 2 "a syntax error in the configuration exits 2"
assert_err_has "$cfg:3:" "the syntax error names file:line"
assert_no_file "$tmp/a.db" "nothing is created on a configuration error"

printf '# 本办公室\noffice = {\n  number = "三";\n};\n' >"$tmp/type.cfg"
gw init --db "$tmp/a.db" --config "$tmp/type.cfg"
assert_rc 2 "a wrong type exits 2 (--config after the subcommand)"
assert_err_has "$tmp/type.cfg:3:" "the wrong type names file:line"
assert_err_has "整数" "the wrong type says a whole number is expected"

printf 'tickets = {\n  limits = {\n    parking = 2;\n  };\n};\n' >"$tmp/cat.cfg"
gw --config="$tmp/cat.cfg" --version
assert_rc 2 "an unknown ticket category exits 2"
assert_err_has "$tmp/cat.cfg:3:" "the unknown category names file:line"
assert_err_has "parking" "the unknown category is named"

gw --config "$tmp/missing.cfg" --version
assert_rc 2 "a missing --config file exits 2"
assert_err_has "$tmp/missing.cfg" "the missing file is named"

GRIDWORK_CONFIG=$cfg gw --help
assert_rc 2 "\$GRIDWORK_CONFIG is read"
assert_err_has "$cfg:3:" "\$GRIDWORK_CONFIG errors name file:line"

mkdir -p "$XDG_CONFIG_HOME/gridwork"
printf 'ui = {\n  language = "fr";\n};\n' >"$XDG_CONFIG_HOME/gridwork/gridwork.cfg"
gw --help
assert_rc 2 "\$XDG_CONFIG_HOME/gridwork/gridwork.cfg is read"
assert_err_has "gridwork.cfg:2:" "a bad language names file:line"
# The UI language follows the configuration.
printf 'ui = {\n  language = "en";\n};\n' >"$XDG_CONFIG_HOME/gridwork/gridwork.cfg"
gw --help
assert_rc 0 "English configuration loads"
assert_out_has "usage" "messages follow the configured language"
gw frobnicate
assert_err_has "unknown subcommand" "errors in English too"
rm -rf "$XDG_CONFIG_HOME/gridwork"

done_testing
