#!/bin/sh
# e2e: a huge article (16 MiB made here from texts/ by bench/gencorpus.py,
# a last paragraph of its own added) opens at its first screen while the
# rest is read in a thread (ui/bigload.c): the title and the first lines
# show at once with "loading the rest" in the status line; once it is in,
# G reaches the last paragraph, a search finds it, q then Enter reopens
# the article; the cache holds the city counts of --list (made in the
# thread); opened again, the list's row (with those counts) shows at
# once; a UTF-16 file (no first part) says it is loading until it is in;
# Q while it loads quits. Not timed: it waits as long as loading takes.
. "$(dirname "$0")/lib/harness.sh"

big=$tmp/big.txt
python3 "$root/bench/gencorpus.py" --big $((16 * 1024 * 1024)) "$texts" "$big"
printf '\n鲸落全文完，这是最后一段。\n' >>"$big"

# wait_long TEXT SECONDS KEYS...: wait_for with a longer timeout, sending
# KEYS (if any) before each look (G until the end is in)
wait_long() {
	w_text=$1 w_secs=$2
	shift 2
	n=0
	while [ "$n" -lt $((w_secs * 10)) ]; do
		[ $# -gt 0 ] && keys "$@"
		screen
		grep -qF -- "$w_text" "$tmp/screen" && return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "timed out waiting for '$w_text'; the screen:"
	cat "$tmp/screen"
	return 1
}

start_duwen e2e 100 30 "" "'$big'"
wait_for "为什么是杭州" && ok "the first screen shows before the rest is read"
wait_for "loading the rest" && ok "the status line says the rest is loading"
# G while loading goes to the end of what is in; once all is in, to the end
wait_long "鲸落全文完" 600 G && ok "G reaches the last paragraph once it is in"
screen
grep -qF "loading the rest" "$tmp/screen" && fail "still loading at the end" || ok "loading is done"
keys g
wait_for "为什么是杭州" && ok "g goes back to the start"
keys /
keys -l "鲸落全文"
keys Enter
wait_long "hit 1/1" 300 && ok "a search finds the last paragraph"
keys q
wait_for "文章 Articles (1)" && ok "q goes back to the list"
# the row once all is in (its counts made in the loading thread)
row() { screen; grep -F "为什么是杭州" "$tmp/screen" | head -n 1 | sed 's/^[^ ]* *//'; }
loaded_row=$(row)
keys Enter
wait_for "鲸落全文完" && ok "Enter reopens it where it was"
keys Q
wait_for "duwen exited 0" && ok "Q quits"

# the cache entry the thread wrote: the city counts of --list (the
# one-shot path, without the cache)
counts=$(LC_ALL=C.UTF-8 "$DUWEN" --list --no-cache "$big" | sed 's/.*字//' | grep -o '[0-9][0-9]*' | paste -sd, -)
cached=$(python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(";".join(r[0] for r in c.execute("SELECT counts FROM file")))' "$XDG_DATA_HOME/duwen/cache.db")
[ -n "$counts" ] && [ "$cached" = "$counts" ] && ok "the cache holds the counts of --list: $counts" ||
	fail "the cache holds '$cached', --list counts '$counts'"
# opened again: the list's row at once as it was once all was in (the
# entry's counts), while the text is read again (no copy of a file this
# large is cached)
start_duwen e2e 100 30 "" "'$big'"
wait_for "loading the rest" && keys q
wait_for "文章 Articles (1)"
again=$(row)
[ "$again" = "$loaded_row" ] && ok "opened again, the list's row comes from the cache at once" ||
	fail "opened again, the row is '$again', was '$loaded_row'"
keys Enter
wait_long "鲸落全文完" 600 G && ok "opened again, G reaches the last paragraph once it is in"
keys Q
wait_for "duwen exited 0"
cached=$(python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(";".join(r[0] for r in c.execute("SELECT counts FROM file")))' "$XDG_DATA_HOME/duwen/cache.db")
[ "$cached" = "$counts" ] && ok "the entry keeps its counts" || fail "the cache now holds '$cached'"

# a file with no first part to show (UTF-16 text) says it is loading
# instead of a blank page, then shows the article once it is in
python3 -c 'import sys
t = open(sys.argv[1], encoding="utf-8").read(1200000)
open(sys.argv[2], "w", encoding="utf-16").write(t)' "$big" "$tmp/wide.txt"
start_duwen e2e 100 30 "" "'$tmp/wide.txt'"
wait_for "Loading… it shows once the whole file is read" && ok "UTF-16: the reading view says it is loading"
wait_long "为什么是杭州" 600 && ok "UTF-16: the article shows once it is in"
screen
grep -qF "Loading…" "$tmp/screen" && fail "UTF-16: still says Loading… once it is in" ||
	ok "UTF-16: the loading line is gone"
keys Q
wait_for "duwen exited 0"

# quitting while the rest is read does not wait for it, nor fail
rm -rf "$XDG_DATA_HOME"
start_duwen e2e 100 30 "" "'$big'"
wait_for "loading the rest" && keys Q
wait_for "duwen exited 0" && ok "Q while loading quits at once"

finish "bigfile e2e"
