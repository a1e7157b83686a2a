#!/bin/sh
# e2e: the outline pane keeps its own copy of what it lists. Opened on an
# article shown in simplified script (t), it stayed open while the reader
# opened another article and dropped the converted copy; its next draw read
# the freed blocks (SIGSEGV at 151x40, found by a random key walk under
# lib/widecheck.py). Now it goes on listing the first article's entries,
# and Enter on one reads that article there.
. "$(dirname "$0")/lib/harness.sh"

start_duwen e2e 151 40 "" "'$texts'"
wait_for "文章 Articles (5)" && ok "the list"
keys Enter
wait_for "original" && ok "the first article opens"
keys t
wait_for "simplified" && ok "t: simplified script"
keys o
wait_for "目录 Outline" && ok "o opens the outline"
wait_for "为什么是杭州？未来的机会又在哪儿？" && ok "the outline lists the first article"
# to the list, the next article, then back to the outline (3 on the tabs)
keys Tab
keys j Enter
wait_for "杭州“开源大模型之城”是如何炼成的？" && ok "the reader opens the second article"
keys j k 3
wait_for "目录 Outline" && ok "3: the outline is drawn again"
screen
if grep -q "duwen exited" "$tmp/screen"; then
	fail "duwen ended:"
	cat "$tmp/screen"
else
	ok "duwen runs on"
fi
grep -q "启示一" "$tmp/screen" && ok "the outline still lists the first article's headings" ||
	{ fail "the first article's entries are gone:"; cat "$tmp/screen"; }
finish outline
