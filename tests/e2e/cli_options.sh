#!/bin/sh
# The command line: exit statuses and messages of --list/--dump and bad
# options. Run by `make e2e` from the repository root with $DUWEN set.
set -u
: "${DUWEN:?set DUWEN to the duwen binary}"
tmp=$(mktemp -d /tmp/duwen-e2e-cli.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0

# check NAME WANT_STATUS WANT_STDERR ARGS...: run duwen, compare status and stderr.
check() {
	name=$1 want_status=$2 want_err=$3
	shift 3
	LC_ALL=C.UTF-8 "$DUWEN" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	err=$(cat "$tmp/err")
	if [ "$status" -ne "$want_status" ] || [ "$err" != "$want_err" ]; then
		echo "FAIL $name: status $status (want $want_status)"
		echo "  stderr: $err"
		echo "  want:   $want_err"
		fails=$((fails + 1))
	else
		echo "ok   $name"
	fi
}

mkdir "$tmp/empty"
printf '\211PNG\r\n\032\nxx' >"$tmp/image.txt"
printf '标题\n\n正文。\n' >"$tmp/good.txt"

check "list bundled" 0 "" --list
[ "$(wc -l <"$tmp/out")" -eq 5 ] || { echo "FAIL list bundled: not 5 lines"; fails=$((fails + 1)); }
check "list texts" 0 "" --list texts
check "unknown long option" 2 "duwen: unknown option '--bogus'
Try 'duwen --help'." --bogus
check "unknown short option" 2 "duwen: unknown option '-x'
Try 'duwen --help'." -lx
check "missing value" 2 "duwen: option '--width' needs a value
Try 'duwen --help'." --dump --width
check "bad width" 2 "duwen: --width: '-1' is not a number of columns from 0 to 100000
Try 'duwen --help'." --width=-1
check "bad width text" 2 "duwen: --width: '8x' is not a number of columns from 0 to 100000
Try 'duwen --help'." -w 8x
check "unknown encoding" 2 "duwen: --encoding: unknown encoding 'NOPE'
Try 'duwen --help'." --encoding NOPE --list
check "two modes" 2 "duwen: --list and --dump cannot be used together
Try 'duwen --help'." --list --dump
check "nothing loads" 2 "duwen: $tmp/missing.txt: no such file or directory
duwen: $tmp/empty: no .txt articles in directory
duwen: $tmp/image.txt: not a text file (PNG image)
duwen: no article could be loaded" --list "$tmp/missing.txt" "$tmp/empty" "$tmp/image.txt"
check "some load" 0 "duwen: $tmp/image.txt: not a text file (PNG image)" \
	--dump "$tmp/image.txt" "$tmp/good.txt"
check "help" 0 "" --help
grep -q -- '--encoding NAME' "$tmp/out" || { echo "FAIL help: no --encoding"; fails=$((fails + 1)); }
check "version" 0 "" --version
check "dump width 0" 0 "" --dump --width 0 "$tmp/good.txt"
# no escape code, ever, in any output of the bundled texts
for w in 0 20 80; do
	LC_ALL=C.UTF-8 "$DUWEN" --dump --width $w texts/*.txt >"$tmp/out" 2>&1
	if LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then
		echo "FAIL dump width $w: escape byte in output"
		fails=$((fails + 1))
	fi
done
# a file name with an escape in it is not echoed raw
esc="$tmp/$(printf 'a\033[31mb').txt"
printf '\0' >"$esc"
LC_ALL=C.UTF-8 "$DUWEN" --list "$esc" 2>"$tmp/err"
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/err"; then
	echo "FAIL escape in path reached stderr"
	fails=$((fails + 1))
fi
[ "$fails" -eq 0 ]
