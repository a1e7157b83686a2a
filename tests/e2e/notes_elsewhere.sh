#!/bin/sh
# e2e: a note of an article that is not among those open (issue 11,
# friction 13): made in article A opened alone, then `duwen B` (another
# folder), the notes pane (M), Enter: A opens from its file at the note,
# not added to the list; when A's file is gone, Enter says so with the
# path and the reason. Every wait polls the screen.
. "$(dirname "$0")/lib/harness.sh"
export DUWEN_DATA="$tmp/data"

mkdir -p "$tmp/A" "$tmp/B"
cp "$texts/001_hangzhou_kaiyuan.txt" "$tmp/A/a.txt"
cp "$texts/002_shenzhen_pinle.txt" "$tmp/B/b.txt"
cp "$texts/003_deepseek_chuangxin.txt" "$tmp/B/c.txt"
title_a=$("$DUWEN" --dump "$tmp/A/a.txt" | sed -n 1p | sed 's/^ *//')

# 1. a note far into A, opened alone
start_duwen e2e 100 30 "" "'$tmp/A/a.txt'"
wait_for "$title_a"
keys Space Space Space Space Space
keys ")"
keys a
wait_for "Colour: [y]ellow"
keys g
wait_for "Note (Enter"
keys -l "远方的笔记"
keys Enter
wait_for "Highlighted in green with a note" && ok "a note in A, opened alone"
# the passage the note is on: its first characters, to find on screen later
"$DUWEN" notes export --format json | python3 -c '
import json, sys
for a in json.load(sys.stdin):
    for s in a["target"]["selector"]:
        if s["type"] == "TextQuoteSelector":
            print(s["exact"].split("\n")[0][:6])' >"$tmp/quote"
quote=$(cat "$tmp/quote")
keys Q
wait_for "duwen exited 0"

# 2. duwen B: the notes pane lists A's note as not open; Enter opens A at it
start_duwen e2e 100 30 "" "'$tmp/B'"
wait_for "Articles (2)"
keys M
wait_for "1 of 1" && wait_for "(not open)" && ok "the notes pane: A's note, not open"
keys Enter
if wait_for "not among the articles open: read from its file"; then
	grep -qF "$quote" "$tmp/screen" &&
		grep -qF "✎ 远方的笔记" "$tmp/screen" &&
		ok "Enter opens A from its file at the note ($quote…)" ||
		{ fail "Enter: not A at the note ('$quote'):"; cat "$tmp/screen"; }
fi
# the status line (after a key) names A
keys ")"
n=0
while [ "$n" -lt 100 ]; do
	screen
	tail -1 "$tmp/screen" | grep -qF "$title_a" && break
	n=$((n + 1))
	sleep 0.1
done
[ "$n" -lt 100 ] && ok "the reading view shows A" || { fail "the status line:"; tail -1 "$tmp/screen"; }
keys a
wait_for "open it with duwen to change notes" && ok "a in A read on its own: says where notes can be made"
keys j # the message gives way to the status line
n=0
while screen && grep -qF "to change notes" "$tmp/screen" && [ "$n" -lt 100 ]; do
	n=$((n + 1))
	sleep 0.1
done
keys e
wait_for "open it with duwen to change notes" && ok "e, too"
# A is read on its own: the list still has B's two; another article of
# the list replaces A in the reading view
keys 1
wait_for "Articles (2)" && ok "A was not added to the list"
keys Enter
wait_for "original" && ok "an article of the list opens after A"
# a note in B's 错过DeepSeek…: sorted by article it comes before A's 杭州…
# (pinyin cuò < háng; in code points 杭 U+676D came before 错 U+9519)
keys ")" a
wait_for "Colour: [y]ellow"
keys y
wait_for "Note (Enter"
keys -l "近处的笔记"
keys Enter
wait_for "Highlighted in yellow with a note"
keys M
wait_for "2 of 2"
keys :
keys -l "sort article"
keys Enter
if wait_for "by article"; then
	near=$(grep -nF "近处的笔记" "$tmp/screen" | head -1 | cut -d: -f1)
	far=$(grep -nF "远方的笔记" "$tmp/screen" | head -1 | cut -d: -f1)
	[ "${near:-99}" -lt "${far:-0}" ] && ok "notes by article: 错过… before 杭州… (pinyin)" ||
		{ fail "notes by article: rows $near, $far"; cat "$tmp/screen"; }
fi
keys Q
wait_for "duwen exited 0"

# 3. A's file is gone: Enter names the path and the reason
rm "$tmp/A/a.txt"
start_duwen e2e 100 30 "" "'$tmp/B'"
wait_for "Articles (2)"
keys M
wait_for "of 2"
keys :
keys -l "sort date"
keys Enter
wait_for "by date"
keys G
keys Enter
wait_for "Cannot open $tmp/A/a.txt: No such file or directory" &&
	ok "a note whose file is gone: the path and the reason"

finish notes_elsewhere
