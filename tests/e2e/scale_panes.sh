#!/bin/sh
# e2e: the panes over a generated folder of 1,000 articles (bench/
# gencorpus.py) never wait for loading. Cold (no cache), the list is on the
# screen at once, its rows the file names until their articles load, with
# the progress (count and bar) in the status line; the search pane searches
# the articles loaded so far, says so, and opens a hit while loading goes
# on; the comparison loads the rest first and Esc stops it; Q quits at
# once, mid-load. The second start paints what the first one
# read from the cache, goes on from there, and the progress goes when every
# article is in.
. "$(dirname "$0")/lib/harness.sh"

python3 "$root/bench/gencorpus.py" "$texts" "$tmp/arts" 1000
db=$XDG_DATA_HOME/duwen/cache.db

# wait_long TEXT SECONDS: wait_for with a longer timeout (loading 1,000
# articles under the sanitizers takes a while)
wait_long() {
	n=0
	while [ "$n" -lt $(($2 * 10)) ]; do
		screen
		grep -qF -- "$1" "$tmp/screen" && return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "timed out waiting for '$1'; the screen:"
	cat "$tmp/screen"
	return 1
}
# wait_gone TEXT SECONDS: until the screen no longer shows TEXT
wait_gone() {
	n=0
	while [ "$n" -lt $(($2 * 10)) ]; do
		screen
		grep -qF -- "$1" "$tmp/screen" || return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "timed out waiting for '$1' to go; the screen:"
	cat "$tmp/screen"
	return 1
}
# progress: the "N/1000" of the status line's progress (empty if none)
progress() {
	screen
	tail -1 "$tmp/screen" | sed -n 's|^ *\([0-9]*\)/1000 \[.*|\1|p'
}

# 1. cold: the list at once, loading behind it
start_duwen e2e 120 30 "" "'$tmp/arts'"
wait_for "文章 Articles (1000)" && ok "the list of 1,000 is painted at once"
wait_for "/1000 [" && ok "the status line shows the progress (count and bar)"
screen
grep -q '^\.\.\. a00999\.txt' "$tmp/screen" ||
	{ keys G && wait_for "a00999.txt"; }
screen
grep -q '^\.\.\. a00999\.txt' "$tmp/screen" &&
	ok "a row not loaded yet shows its file name, marked ..." ||
	{ fail "no pending row:"; cat "$tmp/screen"; }
keys g
wait_for "为什么是杭州" && ok "loaded rows show their titles"

# 2. search what is loaded, open a hit, while loading goes on
keys S
wait_for "Search all:"
keys -l "鲲鹏湾"
keys Enter
wait_for "鲲鹏湾: " && wait_for "(searched " &&
	ok "the search pane searches the articles loaded so far, and says so"
keys Enter
wait_for "hit 1/" && ok "Enter opens the hit in the reader"
wait_for "鯤鵬灣" && ok "the hit's sentence is on screen"
wait_for "/1000 [" && ok "loading goes on while reading (progress in the reader's status line)"
p1=$(progress)

# the comparison needs every article: it loads the rest first, with its
# progress; Esc stops that and leaves the panes as they were
keys C
wait_for "comparison: loading every article" && ok "the comparison loads the rest first, with its progress"
keys Escape
wait_for "comparison stopped" && ok "Esc stops it"
screen
grep -q "鯤鵬灣" "$tmp/screen" && ok "the reader is still there" || fail "the panes changed"

# 3. quit mid-load: at once, and what was read is in the cache
keys Q
wait_for "duwen exited 0" && ok "Q quits mid-load"
[ -n "$p1" ] && [ "$p1" -lt 1000 ] && ok "it was still loading ($p1 of 1000)" ||
	fail "loading had finished before the quit ($p1)"
[ -s "$db" ] && ok "the cache holds what was read" || fail "no cache after the first start"

# 4. reopen: from the cache where the first start got, then the rest
start_duwen e2e 120 30 "" "'$tmp/arts'"
wait_for "文章 Articles (1000)" && ok "reopened: the list at once"
wait_for "为什么是杭州" && ok "the rows read before come from the cache"
wait_gone "/1000 [" 600 && ok "loading resumed and finished: the progress is gone"
keys G
wait_for "1000/1000"
screen
grep -q '^\.\.\. ' "$tmp/screen" && { fail "rows still pending after loading:"; cat "$tmp/screen"; } ||
	ok "the full list: the last rows have their titles"
keys Q
wait_for "duwen exited 0" && ok "Q quits again"

# 5. a third start: everything from the cache (the list's facts at once)
start_duwen e2e 120 30 "" "'$tmp/arts'"
wait_for "为什么是杭州" && ok "warm: titles at the first paint"
keys Q
wait_for "duwen exited 0"

finish "scale panes e2e"
