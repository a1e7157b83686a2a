#!/bin/sh
# e2e: duwen's panes in a real terminal (a private tmux server, 100x30):
# open an article from the list, scroll, search and check the hit count,
# resize and check the text re-flows with no line wider than the pane,
# switch the script, quit and reopen at the same place.
# Every wait polls the screen until the text shows or a timeout passes.
. "$(dirname "$0")/lib/harness.sh"
# widest line of the last capture, in terminal columns
widest() {
	python3 - "$tmp/screen" <<'PY'
import sys, unicodedata
w = 0
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in line)
    w = max(w, cols)
print(w)
PY
}
start() { # start ARGS...: run duwen in a fresh session, then say when it exits
	start_duwen e2e 100 30 "" "$@"
}

# the length the reading view's header shows: --dump's facts line has it
chars=$("$DUWEN" --dump "$texts/001_hangzhou_kaiyuan.txt" | sed -n 2p | grep -o '[0-9]* 字' | tr -d ' ')

# 1. the list, then open 001 (the second article)
start "'$texts'"
wait_for "文章 Articles (5)" && ok "the list shows five articles"
keys j Enter
wait_for "$chars" && ok "Enter opens the article with its header ($chars)"
wait_for "original" && ok "the status line shows the script"

# 2. scroll: G to the end, g back
keys G
wait_for "100%" && ok "G goes to the end (100%)"
keys g
wait_for "隨著DeepSeek" && ok "g goes back to the start"

# 3. search: the hit count matches the article's occurrences
# (--dump's first two lines are its own header: title and facts)
expect=$("$DUWEN" --dump --width 0 "$texts/001_hangzhou_kaiyuan.txt" | tail -n +3 | grep -o "杭州" | wc -l | tr -d ' ')
keys -l "/杭州"
keys Enter
if wait_for "hit 1/"; then
	got=$(grep -o "hit 1/[0-9]*" "$tmp/screen" | head -1 | cut -d/ -f2)
	[ "$got" = "$expect" ] && ok "search shows hit 1/$got" || fail "search: hit count $got, expected $expect"
fi
keys n
wait_for "hit 2/$expect" && ok "n goes to hit 2/$expect"
keys N N
wait_for "wrapped around" && ok "N past the first hit wraps around with a notice"

# 4. resize: re-flow with no line wider than the pane
T resize-window -t e2e -x 60 -y 20
n=0
while [ "$n" -lt 50 ]; do
	screen
	[ "$(wc -l <"$tmp/screen")" -le 20 ] && [ "$(widest)" -le 60 ] && grep -q "original" "$tmp/screen" && break
	n=$((n + 1))
	sleep 0.1
done
w=$(widest)
[ "$w" -le 60 ] && ok "after resizing to 60x20 the widest line is $w columns" || fail "a line is $w columns wide in a 60-column pane"
# the text re-flowed to the new measure: a long line fills most of it
[ "$w" -ge 50 ] && ok "the text re-flowed to the narrower pane" || fail "no line near the new width ($w)"
T resize-window -t e2e -x 100 -y 30
wait_for "浙江財經大學" && ok "back to 100x30"

# 5. switch the script: traditional 001 shown simplified
keys t
wait_for "simplified" && ok "t switches to simplified"
sed -n '1,29p' "$tmp/screen" >"$tmp/text"
grep -q "开源" "$tmp/text" && ! grep -q "開源" "$tmp/text" && ok "the text is simplified" || fail "the text is not simplified"
keys t t
wait_for " original" && ok "t t goes back to the original"

# 6. quit and reopen at the same place
keys d d
wait_for "%"
sleep 0.2 # let the half-page redraws land before reading the screen
screen
text_rows() { sed -n '1,29p' "$tmp/screen" | tr -d ' \n'; }
before=$(text_rows)
keys Q
wait_for "duwen exited 0" && ok "Q quits with status 0"
start "'$texts/001_hangzhou_kaiyuan.txt'"
wait_for "original" && ok "a single FILE opens straight in the reading view"
after=$(text_rows)
n=0
while [ "$after" != "$before" ] && [ "$n" -lt 30 ]; do sleep 0.1; screen; after=$(text_rows); n=$((n + 1)); done
[ -n "$before" ] && [ "$after" = "$before" ] && ok "reopened at the same place" ||
	fail "reopened elsewhere"
keys Tab
wait_for "文章 Articles" && ok "Tab reaches the list"
keys F1
wait_for "Keys  line"
keys g # F1 opens at the focused pane's keys; g: the top
wait_for "Everywhere" && ok "F1 shows the help from the key table"
keys q q q
wait_for "duwen exited 0" && ok "q backs out, then quits"

# 7. too small, then back
start "'$texts/000_sichuan_ribao.txt'"
wait_for "约"
T resize-window -t e2e -x 30 -y 10
wait_for "too small: 30x10, need 40x12" && ok "30x10 says the terminal is too small, its size and the minimum"
T resize-window -t e2e -x 40 -y 12
wait_for "original"
screen
[ "$(widest)" -le 40 ] && ok "40x12 draws within 40 columns" || fail "40x12: a line wider than 40 columns"
keys Q
wait_for "duwen exited 0"

finish "e2e panes"
