#!/bin/sh
# e2e: what a new user saw wrong going through every pane at 80x24, 160x45
# and 40x12 (the usability pass): each section fails on the main before
# its fix. Every wait polls the screen.
. "$(dirname "$0")/lib/harness.sh"
export DUWEN_DATA="$tmp/data"

# 1. 40x12, the search pane: hit 1 is the first row of hits, and the title
# of its article (the row above it) is shown too, as at 80x24
start_duwen e2e 40 12 "" "'$texts'"
wait_for "文章 Article"
keys S
wait_for "Search all:"
keys -l "资本"
keys Enter
wait_for "hit 1/16"
sed -n 2p "$tmp/screen" | grep -qF "杭州“開源大模型之城”是如何煉成的？ (9)" &&
	ok "40x12 search: hit 1 under its article's title" ||
	{ fail "40x12 search: row 2 is not the first article's title:"; cat "$tmp/screen"; }
# down to the next article and back up: its title comes back with hit 1
keys j j j j j j
wait_for "hit 7/16"
keys k k k k k k
wait_for "hit 1/16"
sed -n 2p "$tmp/screen" | grep -qF "杭州“開源大模型之城”" &&
	ok "back at hit 1, the title shows again" || { fail "back at hit 1:"; cat "$tmp/screen"; }

# 2. 40 columns: a prompt wider than half the row (K's) is cut with "…",
# and what is typed stays apart from it
keys K
wait_for "Highlight (again: …"
keys -l "算力"
wait_for "Highlight (again: … 算力" && ok "40x12: the K prompt is cut with … and a blank"
keys Escape
wait_for "hit 1/16"
keys Q
wait_for "duwen exited 0"

finish usability.sh
