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
wait_for "為什么DeepSeek成功了" # the last row: all five loaded
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
quit_duwen

# 3. a note of an article of the list that has not loaded yet: Enter in
# the notes pane loads that article and opens it at the note (it said
# "not among the articles open" and read the file apart from the list);
# the pane marks such a note "(loading)", not "(not open)"
mkdir -p "$tmp/big"
i=0
while [ "$i" -lt 200 ]; do
	for f in "$texts"/*.txt; do
		cp "$f" "$tmp/big/a$(printf %03d "$i")_$(basename "$f")"
	done
	i=$((i + 1))
done
last=$(ls "$tmp/big" | tail -1)
title=$("$DUWEN" --dump "$tmp/big/$last" | sed -n 1p | sed 's/^ *//')
start_duwen e2e 100 30 "" "'$tmp/big/$last'"
wait_for "$title"
keys Space Space Space
keys ")"
keys a
wait_for "Colour: [y]ellow"
keys g
wait_for "Note (Enter"
keys -l "最后一篇的笔记"
keys Enter
wait_for "Highlighted in green with a note"
quit_duwen
# 1000 articles not in the cache (it had only the one): the last is far
# from loaded
start_duwen e2e 100 30 "" "'$tmp/big'"
wait_for "Articles (1000)"
keys M
wait_for "1 of 1"
grep -qF "(loading)" "$tmp/screen" && ok "the notes pane: the note's article is loading" ||
	{ fail "the notes pane does not say (loading):"; cat "$tmp/screen"; }
keys Enter
# the reading view's status line: the note, and nothing about a file apart
reader_at_note() { screen_has -F "✎ 最后一篇的笔记" '$' && ! screen_has -F "批注 Notes"; }
poll_screen 100 reader_at_note || timed_out "a reading view with the note"
grep -qF "not among the articles open" "$tmp/screen" &&
	fail "Enter: the article of the list read apart from it" ||
	ok "Enter: the article of the list, loaded at the note"
# it is the list's article, not a file read on its own: its note can be
# edited (read on its own, e says to open the file with duwen)
keys e
wait_for "Note (Enter" && ok "e edits the note: the article is the list's"
keys Escape
quit_duwen
# 4. C while the articles load: the comparison is over all of them (the
# rest load first), not over those loaded when C was pressed; 60 copies of
# each text, cold: 60 times texts/' 杭州 87句 105次
mkdir -p "$tmp/mid"
for f in "$tmp/big"/a0[0-5]*; do ln "$f" "$tmp/mid/"; done
export DUWEN_DATA="$tmp/data4"
start_duwen e2e 160 45 "" "'$tmp/mid'"
wait_for "/300 ["
keys C
wait_long "│深圳" 60 # loading 300 articles under the sanitizers
grep -qF "杭州 5220句 6300次" "$tmp/screen" && ok "C while loading: the comparison over all 300" ||
	{ fail "C while loading:"; cat "$tmp/screen"; }
quit_duwen
# 5. the status line: the message count comes before the tab numbers (it
# was read as one more tab: "1 2  3 messages"), and two blanks part the
# pane's status from what is on the right ("Messages  0/0 1 2 3 4")
mkdir -p "$tmp/bad"
cp "$texts/000_sichuan_ribao.txt" "$tmp/bad/ok.txt"
: >"$tmp/bad/empty.txt"
printf '\n\n' >"$tmp/bad/blank.txt"
start_duwen e2e 80 24 "" "'$tmp/bad'"
wait_for "2 messages (:messages)"
keys Enter
wait_for "q back"
wait_re "2 messages \(:messages\)  1 (list )?2 (reader )? F1 help  q back$" '$' &&
	ok "80x24: the count, then the tabs, then the help"
quit_duwen
start_duwen e2e 40 12 "" "'$texts'"
wait_for "文章 Article"
wait_for "為什么DeepSeek成功了" # the last row: all five loaded
keys Enter
wait_for "original"
keys o
wait_for "Outline of"
keys :
keys -l messages
keys Enter
wait_for "Messages  0/0"
wait_re "^Messages  0/0  +[^ ]" '$' && ok "40x12: the messages pane's status apart from the help"
quit_duwen
# 6. a search made while the articles load says so, and once they have
# all loaded no longer says "the rest are loading" but how to search all
export DUWEN_DATA="$tmp/data6"
start_duwen e2e 100 30 "" "'$tmp/mid'"
wait_for "/300 ["
keys S
wait_for "Search all:"
keys -l "资本"
keys Enter
wait_for ", still loading)" && ok "a search while loading says the rest are loading"
wait_gone "/300 [" 60 '$'
wait_for ": / Enter for all)" && ok "all loaded: / Enter searches all"
keys /
wait_for "Search all: 资本"
keys Enter
wait_for "资本: 960 hits in 240 articles" && ok "/ Enter: over all 300"
grep -qF "(searched" "$tmp/screen" && fail "still says (searched" || ok "no (searched … ) any more"
quit_duwen
# 7. 40 columns: the colour prompt shows every colour's key (p[u]rple and
# Enter were cut off), and a question cut with … keeps its answers (y/n)
export DUWEN_DATA="$tmp/data7"
start_duwen e2e 40 12 "" "'$texts/001_hangzhou_kaiyuan.txt'"
wait_for "original"
keys ")"
keys a
wait_for "Colour: y/g/b/p/u  Enter: yellow" && ok "40x12: every colour key in the prompt"
keys g
wait_for "Note (Enter"
keys -l "四十列"
keys Enter
wait_for "Highlighted in green with a note"
keys D
wait_for "Delete this green highlight and" && wait_for "… (y/n)" &&
	ok "40x12: the delete question cut with …, (y/n) kept"
keys n
wait_for "Not deleted"
keys c
wait_for "New colour: y/g/b/p/u  Enter: green" && ok "40x12: c shows every colour key"
keys Escape
quit_duwen
# 8. the help's status line says how to find a word in it (/), not "q:
# close" beside the "q close" every status line ends with
start_duwen e2e 80 24 "" "'$texts'"
wait_for "文章 Article"
wait_for "為什么DeepSeek成功了" # the last row: all five loaded
keys F1
wait_for "Keys  line"
tail -1 "$tmp/screen" | grep -qE "Keys  line [0-9]+/[0-9]+  /: find .*F1 help  q close$" &&
	ok "the help's status: /: find, one q close" || { fail "help status:"; tail -1 "$tmp/screen"; }
quit_duwen
# 9. the list: Esc clears the filter (it said "Esc: no such key here")
start_duwen e2e 80 24 "" "'$texts'"
wait_for "為什么DeepSeek成功了"
keys /
wait_for "Filter:"
keys -l "开源"
keys Enter
wait_for "1 of 5 articles match"
keys Escape
wait_for "Filter cleared: 5 articles" && ok "Esc clears the list's filter"
quit_duwen
# 10. the comparison at 80x24: a passage cut short ends with … and a
# blank before the next column's rule (it was "“对于…│")
start_duwen e2e 80 24 "" "'$texts'"
wait_for "為什么DeepSeek成功了"
keys C
wait_for "杭州 87句 105次"
grep -qF "…│" "$tmp/screen" && { fail "a … against the rule:"; cat "$tmp/screen"; } ||
	ok "80x24 comparison: no … against a column's rule"
quit_duwen
finish usability.sh
