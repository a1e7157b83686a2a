#!/bin/sh
# e2e: Esc and Ctrl-C stop a long corpus search or comparison in the
# panes, leaving the screen as it was (the list, or the results of the
# search before), and the panes answer keys at once after. The work is
# made long by DUWEN_TEST_SLOW_MS (each step of 64 articles searched, or
# 16 compared, waits that long); DUWEN_PROGRESS_DELAY_MS=0 shows its
# progress on the bottom row from the first step.
. "$(dirname "$0")/lib/harness.sh"

python3 "$root/bench/gencorpus.py" "$texts" "$tmp/arts" 200

# wait_long TEXT SECONDS: wait_for with a longer timeout (a cold start of
# 200 articles under the sanitizers takes a while)
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
# same_above NAME: the screen but its bottom row is the one saved as NAME
same_above() {
	screen
	head -n -1 "$tmp/screen" >"$tmp/now"
	if cmp -s "$tmp/$1" "$tmp/now"; then
		ok "$2"
	else
		fail "$2: the screen changed"
		diff "$tmp/$1" "$tmp/now" | head -20
	fi
}
save_above() { screen; head -n -1 "$tmp/screen" >"$tmp/$1"; }

start_duwen e2e 100 30 "DUWEN_PROGRESS_DELAY_MS=0 DUWEN_TEST_SLOW_MS=1000" "'$tmp/arts'"
wait_long "文章 Articles (200)" 300 && ok "200 articles listed"
# the articles load after the first paint (ui/load.c): until the progress
# leaves the status line, rows fill in and the screen changes
wait_gone "/200 [" 300
save_above list

# a first search, stopped by Esc: the list as it was
keys S
wait_for "Search all:"
keys -l "资本"
keys Enter
wait_for "searching 资本 [" && ok "a long search shows its progress"
keys Escape
wait_for "search for 资本 stopped" && ok "Esc stops the search"
same_above list "after Esc the list is as it was"
keys j
wait_for "2/200" && ok "the list answers j at once"
save_above list

# the same with Ctrl-C
keys S
wait_for "Search all:"
keys -l "资本"
keys Enter
wait_for "searching 资本 [" && keys C-c
wait_for "search for 资本 stopped" && ok "Ctrl-C stops the search"
same_above list "after Ctrl-C the list is as it was"

# a search that ends; then a second one stopped: the first one's results stay
keys S
wait_for "Search all:"
keys -l "鲲鹏湾"
keys Enter
wait_for "鲲鹏湾: 1 hit in 1 article" && ok "a search left alone ends"
save_above results
keys /
wait_for "Search all:"
keys C-u
keys -l "资本"
keys Enter
wait_for "searching 资本 [" && keys Escape
wait_for "search for 资本 stopped" && ok "Esc stops a second search"
same_above results "the results of the search before are still shown"
keys q
wait_for "2/200" && ok "q goes back to the list"
save_above list

# the comparison, stopped by Esc and by Ctrl-C
for k in Escape C-c; do
	keys C
	wait_for "comparing [" && ok "a long comparison shows its progress"
	keys "$k"
	wait_for "comparison stopped" && ok "$k stops the comparison"
	same_above list "after $k the screen is as it was"
done
keys j
wait_for "3/200" && ok "the list answers j after the comparison stopped"
keys Q
wait_for "duwen exited 0" && ok "Q quits"

finish "cancel e2e"
