#!/bin/sh
# e2e: a generated folder of 120 articles through the cache (DIR/cache.db):
# --list and --search give the same output cold, warm and with --no-cache,
# edits are seen, and the progress bar goes to stderr only on a terminal.
. "$(dirname "$0")/lib/harness.sh"

python3 "$root/bench/gencorpus.py" "$texts" "$tmp/arts" 120
db=$XDG_DATA_HOME/duwen/cache.db

LC_ALL=C.UTF-8 "$DUWEN" --list --no-cache "$tmp/arts" >"$tmp/plain" 2>&1
[ ! -e "$db" ] && ok "--no-cache writes no cache" || fail "--no-cache made $db"
[ "$(wc -l <"$tmp/plain")" -eq 120 ] && ok "--list: 120 lines" || fail "--list: $(wc -l <"$tmp/plain") lines"
LC_ALL=C.UTF-8 "$DUWEN" --list "$tmp/arts" >"$tmp/cold" 2>&1
[ -s "$db" ] && ok "the first --list makes the cache" || fail "no $db"
LC_ALL=C.UTF-8 "$DUWEN" --list "$tmp/arts" >"$tmp/warm" 2>&1
cmp -s "$tmp/plain" "$tmp/cold" && cmp -s "$tmp/plain" "$tmp/warm" &&
	ok "--list: the same cold, warm and without the cache" || fail "--list outputs differ"

for q in 资本 開源 鲲鹏湾 AI 杭; do
	LC_ALL=C.UTF-8 "$DUWEN" --search "$q" --no-cache "$tmp/arts" >"$tmp/s1" 2>&1
	LC_ALL=C.UTF-8 "$DUWEN" --search "$q" "$tmp/arts" >"$tmp/s2" 2>&1
	cmp -s "$tmp/s1" "$tmp/s2" && ok "--search $q: the index gives what a full scan gives" ||
		fail "--search $q: $(head -1 "$tmp/s1") vs $(head -1 "$tmp/s2")"
done

# --search reads the cache with two threads, each over half the articles,
# and the files the cache has no usable copy of after them: the output
# stays in article order. Some copies taken away (no blob: read from the
# file) or damaged (refused: read from the file), in both halves.
python3 - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ids = lambda pat: [r[0] for r in db.execute("SELECT id FROM file WHERE path LIKE ?", (pat,))]
for i in ids('%/a0001_.txt') + ids('%/a0009_.txt'):
    db.execute("DELETE FROM body WHERE id = ?", (i,))
for i in ids('%/a0005_.txt') + ids('%/a0011_.txt'):
    db.execute("UPDATE body SET blob = x'00' WHERE id = ?", (i,))
db.commit()
PY
for q in 资本 AI 杭 開源; do
	LC_ALL=C.UTF-8 "$DUWEN" --search "$q" --no-cache "$tmp/arts" >"$tmp/s1" 2>&1
	LC_ALL=C.UTF-8 "$DUWEN" --search "$q" "$tmp/arts" >"$tmp/s2" 2>&1
	cmp -s "$tmp/s1" "$tmp/s2" && ok "--search $q, some copies missing or damaged: as a full scan" ||
		fail "--search $q with copies missing: $(diff "$tmp/s1" "$tmp/s2" | head -3)"
done

# an edit is seen: a new title in one file, another file gone
printf 'title: 新的标题\n\n鲲鹏湾的故事。\n' >"$tmp/arts/a00007.txt"
rm "$tmp/arts/a00008.txt"
LC_ALL=C.UTF-8 "$DUWEN" --list "$tmp/arts" >"$tmp/warm" 2>&1
LC_ALL=C.UTF-8 "$DUWEN" --list --no-cache "$tmp/arts" >"$tmp/plain" 2>&1
cmp -s "$tmp/plain" "$tmp/warm" && grep -q "^新的标题" "$tmp/warm" &&
	[ "$(wc -l <"$tmp/warm")" -eq 119 ] && ok "an edited and a deleted file are seen" ||
	fail "after an edit: $(diff "$tmp/plain" "$tmp/warm" | head -3)"
LC_ALL=C.UTF-8 "$DUWEN" --search 鲲鹏湾 "$tmp/arts" 2>&1 | head -1 >"$tmp/s"
grep -qxF "鲲鹏湾: 2 hits in 2 articles" "$tmp/s" && ok "the index knows the edit" ||
	fail "search after the edit: $(cat "$tmp/s")"

# a corrupt cache is moved aside and rebuilt; the output does not change
printf 'garbage garbage garbage garbage garbage garbage garbage garbage' >"$db"
rm -f "$db-wal" "$db-shm"
LC_ALL=C.UTF-8 "$DUWEN" --list "$tmp/arts" >"$tmp/warm" 2>"$tmp/err"
cmp -s "$tmp/plain" "$tmp/warm" && [ ! -s "$tmp/err" ] && [ -e "$db.bad" ] &&
	ok "a corrupt cache is set aside and rebuilt" || fail "corrupt cache: $(cat "$tmp/err")"

# progress: never on a file or pipe; on a terminal once the work is slow
# (DUWEN_PROGRESS_DELAY_MS=0 makes every scan slow enough)
LC_ALL=C.UTF-8 DUWEN_PROGRESS_DELAY_MS=0 "$DUWEN" --list --no-cache "$tmp/arts" >/dev/null 2>"$tmp/err"
[ ! -s "$tmp/err" ] && ok "no progress on stderr when it is not a terminal" ||
	fail "progress on a file: $(head -c 80 "$tmp/err")"
LC_ALL=C.UTF-8 DUWEN_PROGRESS_DELAY_MS=0 script -qec \
	"'$DUWEN' --list --no-cache '$tmp/arts' >/dev/null" /dev/null >"$tmp/tty" 2>&1
grep -qF "duwen: reading [" "$tmp/tty" && grep -qF "119/119 files" "$tmp/tty" &&
	ok "a progress bar on a terminal" || fail "no progress bar: $(head -c 120 "$tmp/tty")"
# the same for --search (reading, then searching) and --compare (from the
# cache and without it): on the terminal's stderr only, never in the
# output, and nothing when stderr is a file
for args in "--search 资本" "--search 资本 --no-cache" "--compare" "--compare --no-cache"; do
	LC_ALL=C.UTF-8 DUWEN_PROGRESS_DELAY_MS=0 "$DUWEN" $args "$tmp/arts" >"$tmp/out1" 2>"$tmp/err"
	[ ! -s "$tmp/err" ] && ok "$args: no progress when stderr is a file" ||
		fail "$args: progress on a file: $(head -c 80 "$tmp/err")"
	LC_ALL=C.UTF-8 DUWEN_PROGRESS_DELAY_MS=0 script -qec \
		"'$DUWEN' $args '$tmp/arts' >'$tmp/out2'" /dev/null >"$tmp/tty" 2>&1
	want="duwen: reading ["
	case $args in --search*) want="duwen: searching [" ;; esac
	grep -qF "$want" "$tmp/tty" && grep -qF "119/119 files" "$tmp/tty" &&
		ok "$args: a progress bar on a terminal" ||
		fail "$args: no progress bar: $(head -c 120 "$tmp/tty")"
	cmp -s "$tmp/out1" "$tmp/out2" && ok "$args: the output is the same with a terminal" ||
		fail "$args: the output differs when stderr is a terminal"
done

finish "scale e2e"
