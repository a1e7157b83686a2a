#!/bin/sh
# The command line: exit statuses and messages of --list/--dump and bad
# options. Run by `make e2e` from the repository root with $DUWEN set.
. "$(dirname "$0")/lib/harness.sh"

# check NAME WANT_STATUS WANT_STDERR ARGS...: run duwen, compare status and stderr.
check() {
	name=$1 want_status=$2 want_err=$3
	shift 3
	LC_ALL=C.UTF-8 "$DUWEN" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	err=$(cat "$tmp/err")
	if [ "$status" -ne "$want_status" ] || [ "$err" != "$want_err" ]; then
		fail "$name: status $status (want $want_status)"
		echo "  stderr: $err"
		echo "  want:   $want_err"
	else
		echo "ok   $name"
	fi
}

mkdir "$tmp/empty"
printf '\211PNG\r\n\032\nxx' >"$tmp/image.txt"
printf '标题\n\n正文。\n' >"$tmp/good.txt"

check "list bundled" 0 "" --list
[ "$(wc -l <"$tmp/out")" -eq 5 ] || fail "list bundled: not 5 lines"
check "list texts" 0 "" --list texts
# --list counts city mentions as --compare does: its columns add up to the
# "mentions" row, with --cities and with a config's city line alike
printf '' >"$tmp/noconfig"
list_sums() { # CONFIG ARGS...: each "NAME n" pair's n summed over --list's lines
	cfg=$1
	shift
	LC_ALL=C.UTF-8 "$DUWEN" --config "$tmp/$cfg" --list "$@" 2>/dev/null | awk '
		{ for (i = 1; i < NF && $i != "字"; i++); for (i++; i < NF; i += 2) s[$i] += $(i + 1) }
		END { for (k in s) print k, s[k] }' | sort
}
compare_mentions() { # CONFIG ARGS...: "NAME n" per city from --compare's mentions row
	cfg=$1
	shift
	LC_ALL=C.UTF-8 "$DUWEN" --config "$tmp/$cfg" --compare "$@" 2>/dev/null | awk '
		NR == 3 { for (i = 1; i <= NF; i++) name[i] = $i; n = NF }
		$1 == "mentions" { for (i = 2; i <= NF; i++) print name[i - 1], $i; exit }' | sort
}
printf 'city 杭州 杭州市 西湖\n' >"$tmp/cityconfig"
for args in "noconfig" "noconfig --cities 杭州,北京,深圳" "cityconfig"; do
	set -- $args
	got=$(list_sums "$@")
	want=$(compare_mentions "$@")
	if [ -n "$want" ] && [ "$got" = "$want" ]; then
		echo "ok   list counts = compare mentions ($args): $(echo $got)"
	else
		fail "list counts ($args): $(echo $got), compare: $(echo $want)"
	fi
done
set --
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
check "a --config that is not there" 2 "duwen: $tmp/nope.conf: --config: no such file or directory
Try 'duwen --help'." --config "$tmp/nope.conf" --list texts
check "a --config that is a directory" 0 "duwen: $tmp/empty: is a directory; config not read" \
	--config "$tmp/empty" --list texts
mkfifo "$tmp/fifo.conf"
check "a --config that is a FIFO with no writer: read as empty, no hang" 0 "" \
	--config "$tmp/fifo.conf" --list texts
check "notes import of a FIFO with no writer: empty, no hang" 1 \
	"duwen: $tmp/fifo.conf: line 1 column 1: unexpected end of input" \
	notes import "$tmp/fifo.conf"
check "unknown encoding" 2 "duwen: --encoding: unknown encoding 'NOPE'
Try 'duwen --help'." --encoding NOPE --list
check "two modes" 2 "duwen: --list and --dump cannot be used together
Try 'duwen --help'." --list --dump
check "nothing loads" 2 "duwen: $tmp/missing.txt: no such file or directory
duwen: $tmp/empty: no articles in directory (.txt, .html, .htm, .xhtml, .epub, .md or .markdown)
duwen: $tmp/image.txt: not a text file (PNG image)
duwen: no article could be loaded" --list "$tmp/missing.txt" "$tmp/empty" "$tmp/image.txt"
check "some load" 0 "duwen: $tmp/image.txt: not a text file (PNG image)" \
	--dump "$tmp/image.txt" "$tmp/good.txt"
check "help" 0 "" --help
grep -q -- '--encoding NAME' "$tmp/out" || fail "help: no --encoding"
check "version" 0 "" --version
check "dump width 0" 0 "" --dump --width 0 "$tmp/good.txt"
# no escape code, ever, in any output of the bundled texts
for w in 0 20 80; do
	LC_ALL=C.UTF-8 "$DUWEN" --dump --width $w "$texts"/*.txt >"$tmp/out" 2>&1
	if LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then
		fail "dump width $w: escape byte in output"
	fi
done
# a file name with an escape in it is not echoed raw
esc="$tmp/$(printf 'a\033[31mb').txt"
printf '\0' >"$esc"
LC_ALL=C.UTF-8 "$DUWEN" --list "$esc" 2>"$tmp/err"
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/err"; then
	fail "escape in path reached stderr"
fi
finish cli_options.sh
