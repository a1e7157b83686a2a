#!/bin/sh
# `make memcheck`: duwen under valgrind's memcheck, clean means no error and
# no definite leak (--error-exitcode). The plain-text modes (--list, --dump,
# --search, --compare, notes import and export), then the panes in a private
# tmux server: open an article, read, highlight a sentence with a note, the
# notes pane, quit. Not part of `make check` (valgrind is slow).
. "$(dirname "$0")/e2e/lib/harness.sh"
# the harness finds the tree from tests/e2e/; this script is one level up
root=$(cd "$(dirname "$0")/.." && pwd)
texts=$root/texts
[ -x "$DUWEN" ] || DUWEN=$root/build/duwen
export DUWEN_DATA="$tmp/data" LC_ALL=C.UTF-8
log=$tmp/vg
VG="valgrind --error-exitcode=99 --leak-check=full --show-leak-kinds=definite
 --errors-for-leak-kinds=definite --track-origins=yes --log-file=$log.%p"
art=$texts/000_sichuan_ribao.txt
# vg NAME ARGS...: duwen ARGS under valgrind; exit status and report checked
vg() {
	name=$1
	shift
	rm -f "$log".*
	$VG "$DUWEN" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -eq 99 ] || grep -q "ERROR SUMMARY: [1-9]" "$log".* ||
		grep -q "definitely lost: [1-9]" "$log".*; then
		fail "$name: memcheck reports errors or leaks:"
		cat "$log".*
	elif [ "$st" -ne 0 ]; then
		fail "$name: exit status $st: $(head -3 "$tmp/err")"
	else
		ok "$name: clean ($(grep -ho "in use at exit: [0-9,]* bytes" "$log".* | head -1))"
	fi
}
vg "--list" --list "$texts"
vg "--dump" --dump --width 40 "$art"
vg "--search" --search 杭州 "$texts"
vg "--compare" --compare "$texts"
cat >"$tmp/notes.json" <<EOF
[{"type":"Annotation","body":{"type":"TextualBody","value":"记一笔"},
  "target":{"source":"$art","selector":[{"type":"TextQuoteSelector","exact":"深度求索"},
  {"type":"TextPositionSelector","start":20,"end":24}]}},
 {"type":"Annotation","body":"孤儿","target":{"source":"/nowhere.txt",
  "selector":{"type":"TextQuoteSelector","exact":"不见"}}}]
EOF
vg "notes import" notes import "$tmp/notes.json"
vg "notes export" notes export
vg "notes export --format json" notes export --format json "$texts"

# the panes; valgrind makes each step slow, so waits are long
wait_long() {
	n=0
	while [ "$n" -lt 1200 ]; do
		screen
		grep -qF -- "$1" "$tmp/screen" && return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "timed out waiting for '$1'; the screen:"
	cat "$tmp/screen"
	return 1
}
rm -f "$log".*
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$(echo $VG)" "$DUWEN" >"$tmp/duwen-vg"
chmod 755 "$tmp/duwen-vg"
DUWEN=$tmp/duwen-vg start_duwen e2e 100 30 "" "'$texts'"
wait_long "文章 Articles (5)" && ok "panes: the list shows"
keys Enter
wait_long "4224字" && ok "panes: the article opens"
keys j j d
keys ")" ")"
keys a
wait_long "Colour: [y]ellow" && keys y
wait_long "Note (Enter" && keys -l "内存检查" && keys Enter
wait_long "Highlighted in yellow with a note" && ok "panes: a note is saved"
keys M
wait_long "内存检查" && ok "panes: the notes pane lists it"
keys q Q
wait_long "duwen exited" && ok "panes: quit"
screen
if grep -q "duwen exited 0" "$tmp/screen" && ! grep -q "ERROR SUMMARY: [1-9]" "$log".* &&
	! grep -q "definitely lost: [1-9]" "$log".*; then
	ok "panes: clean ($(grep -ho "in use at exit: [0-9,]* bytes" "$log".* | head -1))"
else
	fail "panes: memcheck reports errors or leaks:"
	cat "$log".*
fi
finish memcheck
