#!/bin/sh
# e2e: the panes over a generated folder of 1,000 articles (bench/
# gencorpus.py). The first start reads every file (a progress bar on the
# terminal before the panes) and fills the cache; the search pane finds the
# rare word in both scripts and opens a hit; after quitting, the second
# start comes from the cache (nothing read again) with the same list.
# XXX: the panes still wait for every article before the first paint
# (see docs/scale.md); a test of searching while loading goes with that.
. "$(dirname "$0")/lib/harness.sh"

python3 "$root/bench/gencorpus.py" "$texts" "$tmp/arts" 1000
db=$XDG_DATA_HOME/duwen/cache.db

# wait_long TEXT SECONDS: wait_for with a longer timeout (a cold start of
# 1,000 articles under the sanitizers takes a while)
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

start_duwen e2e 120 30 "DUWEN_PROGRESS_DELAY_MS=0" "'$tmp/arts'"
wait_long "文章 Articles (1000)" 600 && ok "1,000 articles listed"
[ -s "$db" ] && ok "the first start filled the cache" || fail "no cache after the first start"
keys S
wait_for "Search all:"
keys -l "鲲鹏湾"
keys Enter
wait_for "鲲鹏湾: 2 hits in 2 articles" && ok "the search pane finds 鲲鹏湾 and 鯤鵬灣"
keys Enter
wait_for "hit 1/" && ok "Enter opens the hit in the reader"
wait_for "鯤鵬灣" && ok "the hit's sentence is on screen"
keys Q
wait_for "duwen exited 0" && ok "Q quits"

# the second start: from the cache, the same list, the reading place kept
start_duwen e2e 120 30 "" "'$tmp/arts'"
wait_long "文章 Articles (1000)" 60 && ok "reopened: 1,000 articles from the cache"
keys Q
wait_for "duwen exited 0" && ok "Q quits again"

finish "scale panes e2e"
