#!/bin/sh
# e2e: notes.db where the user cannot write it, and files that are not
# duwen's. A healthy database in a read-only directory (as uid 65534 when
# run as root, since chmod does not stop root): the panes say the session
# is read-only and why, the notes pane lists every note, `notes export`
# prints them all; an empty notes.db and another program's SQLite file are
# refused by name and reason. Each time every file is left byte-identical
# and nothing is added beside it.
. "$(dirname "$0")/lib/harness.sh"
export LC_ALL=C.UTF-8
chmod 711 "$tmp"
ro=$tmp/ro
mkdir -p "$ro/data" "$tmp/home/.config"
chmod 755 "$ro" "$ro/data" "$tmp/home" "$tmp/home/.config"
art=$(cd "$texts" && pwd)/000_sichuan_ribao.txt
cat >"$tmp/notes.json" <<EOF
[
 {"type":"Annotation","body":{"type":"TextualBody","value":"只读笔记一"},
  "target":{"source":"$art","selector":{"type":"TextQuoteSelector","exact":"深度求索"}}},
 {"type":"Annotation","body":{"type":"TextualBody","value":"只读笔记二"},
  "target":{"source":"$art","selector":{"type":"TextQuoteSelector","exact":"人工智能"}}},
 {"type":"Annotation","body":{"type":"TextualBody","value":"只读笔记三"},
  "target":{"source":"/nowhere/gone.txt","selector":{"type":"TextQuoteSelector","exact":"不见了"}}}
]
EOF
out=$("$DUWEN" notes import --data "$ro/data" "$tmp/notes.json" 2>&1)
case $out in "imported 3 notes"*) ok "three notes imported" ;; *) fail "import: $out" ;; esac

# image DIR: every file's name and checksum
image() { (cd "$1" && for f in * .[!.]*; do [ -e "$f" ] && sha256sum "$f"; done) }
# As whom the read-only session runs: nobody when we are root.
if [ "$(id -u)" = 0 ]; then
	as=$tmp/as-nobody
	printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"\n' >"$as"
	chmod 755 "$as"
	chmod 755 "$ro/data"
else
	as=env
	chmod 555 "$ro/data"
fi
before=$(image "$ro/data")
msg="$ro/data/notes.db: the directory $ro/data is not writable (Permission denied); notes are read-only this session"

# notes export: every note, and the reason on stderr
"$as" env DUWEN_DATA="$ro/data" "$DUWEN" notes export >"$tmp/export.md" 2>"$tmp/export.err"
st=$?
[ "$st" -eq 0 ] && ok "export exits 0" || fail "export exit status $st"
for n in 只读笔记一 只读笔记二 只读笔记三; do
	grep -qF "$n" "$tmp/export.md" && ok "export lists $n" || fail "export lacks $n"
done
[ "$(cat "$tmp/export.err")" = "duwen: $msg" ] && ok "export says why it is read-only" ||
	fail "export stderr: $(cat "$tmp/export.err")"

# the panes: the message line says so; M lists every note
printf '#!/bin/sh\nexec "%s" env DUWEN_DATA="%s" "%s" "$@"\n' "$as" "$ro/data" "$DUWEN" >"$tmp/duwen-ro"
chmod 755 "$tmp/duwen-ro"
DUWEN=$tmp/duwen-ro start_duwen e2e 220 30 "" "'$texts'"
wait_for "notes are read-only this session" && ok "the message line says the session is read-only"
screen
grep -qF "the directory $ro/data is not writable" "$tmp/screen" && ok "and why" || fail "no reason shown"
grep -qF "corrupt" "$tmp/screen" && fail "a healthy database called corrupt"
keys M
wait_for 只读笔记一 && wait_for 只读笔记二 && wait_for 只读笔记三 && ok "the notes pane lists every note"
keys Q
wait_for "duwen exited 0" && ok "quits cleanly"
[ "$(image "$ro/data")" = "$before" ] && ok "read-only data directory unchanged" ||
	fail "the read-only data directory changed"
chmod 755 "$ro/data"

# files that are not duwen's: refused by name and reason, never written
mkdir -p "$tmp/empty" "$tmp/other"
: >"$tmp/empty/notes.db"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma application_id=12345'); c.execute('create table t(x)'); c.commit()" "$tmp/other/notes.db"
for d in empty other; do
	before=$(image "$tmp/$d")
	"$DUWEN" notes import --data "$tmp/$d" "$tmp/notes.json" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$st" -eq 1 ] && ok "$d: import fails" || fail "$d: import exit status $st"
	case $d in
	empty) why="an empty file, not a duwen database" ;;
	other) why="not a duwen database (another program's: application_id 0x00003039)" ;;
	esac
	grep -qF "duwen: $tmp/$d/notes.db: $why; duwen will not write it" "$tmp/err" &&
		ok "$d: says what the file is" || fail "$d: stderr: $(cat "$tmp/err")"
	grep -qF "newer" "$tmp/err" && fail "$d: called a newer duwen's"
	[ "$(image "$tmp/$d")" = "$before" ] && ok "$d: left byte-identical, nothing added" ||
		fail "$d: the directory changed"
done
finish store_faults
