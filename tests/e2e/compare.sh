#!/bin/sh
# e2e: the comparison pane in a real terminal (a private tmux server):
# open it, check the counts in the header, move to a cell (深圳 × 资本),
# list its passages, open one and check the sentence is on screen and
# highlighted, come back to the same cell, and resize between the wide
# (side by side) and narrow (one city at a time) arrangements. Also the
# plain-text --compare table. Every wait polls the screen.
. "$(dirname "$0")/lib/harness.sh"

# 0. the plain-text table (counts pinned in tests/test_compare.c)
LC_ALL=C.UTF-8 "$DUWEN" --compare "$texts" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -qxF "资本          6     4     1" "$tmp/out" && [ ! -s "$tmp/err" ] &&
	! grep -q "$(printf '\033')" "$tmp/out"; then
	ok "--compare prints the table"
else
	fail "--compare output"; head -20 "$tmp/out" "$tmp/err"
fi
LC_ALL=C.UTF-8 "$DUWEN" --compare --cities 杭州 "$texts" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF "give 2 to 4 cities, not 1" "$tmp/err" && ok "--cities with one city is refused" ||
	fail "--cities 杭州: $(cat "$tmp/err")"

# 1. wide: all three cities side by side
start_duwen e2e 160 40 "" "'$texts'"
wait_for "文章 Articles (5)"
keys C
wait_for "杭州 87句 105次" && wait_for "深圳 68句 106次" && wait_for "成都 15句 17次" &&
	ok "wide: three columns with sentences and mentions"

# 2. move to 深圳 × 资本 (right, down twice) and list its passages
keys l j j
wait_for "深圳 × 资本: 4" && ok "the status names the cell"
keys Enter
wait_for "深圳 × 资本: 4 passages" && ok "Enter lists the cell's passages"

# 3. the second passage opens in the reader, highlighted
keys j Enter
wait_for "中国新闻周刊" && ok "the passage opens its article"
esc=$(printf '\033')
wait_for "${esc}[7m有" e2e -e && ok "the sentence is on screen, highlighted (reverse)"
screen e2e -e
grep -qF "${esc}[32m深圳" "$tmp/screen" && ok "深圳 in its city colour" || fail "no city colour"

# 4. back: the passages, then the table, at the same cell
keys q
wait_for "深圳 × 资本  2/4" && ok "back returns to the same passage"
keys q
wait_for "深圳 × 资本: 4  ▁▅█" && ok "back again returns to the same cell"

# 5. narrow: one city at a time with the others' counts for the row
T resize-window -t e2e -x 60 -y 30
wait_for "◀ 深圳 68句 106次 ▶" && ok "narrow: one city with arrows"
wait_for "杭州 6 · 成都 1" && ok "narrow: the other cities' counts for 资本"
keys l
wait_for "◀ 成都 15句 17次 ▶" && ok "→ shows the next city"
T resize-window -t e2e -x 160 -y 40
wait_for "杭州 87句 105次" && wait_for "深圳 68句 106次" && ok "wide again: side by side"

keys Q
wait_for "duwen exited 0" && ok "quits cleanly"
finish compare.sh
