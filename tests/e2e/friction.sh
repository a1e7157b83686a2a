#!/bin/sh
# e2e: the friction a new user hit (issue 11), one check per item, each in
# a fresh session of the size the item names. Every wait polls the screen.
. "$(dirname "$0")/lib/harness.sh"
start() { # start COLS ROWS ENV ARGS...
	start_duwen e2e "$@"
}
# press KEY: send it and poll until the screen changes (10 s)
press() {
	screen; cp "$tmp/screen" "$tmp/prev"
	keys "$1"
	n=0
	while [ "$n" -lt 100 ]; do
		screen
		cmp -s "$tmp/screen" "$tmp/prev" || return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "no change on the screen after $1"
}
# gone TEXT: poll until the screen no longer shows TEXT (10 s)
gone() {
	n=0
	while [ "$n" -lt 100 ]; do
		screen
		grep -qF -- "$1" "$tmp/screen" || return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "still on the screen: $1"
}
# line NUMBER (1-based) of the first screen line holding TEXT, else 0
line_of() { grep -nF -- "$1" "$tmp/screen" | head -1 | cut -d: -f1 | grep . || echo 0; }

# 1. the title first, then the facts line (as --dump), also for 003 and 002
for f in 003_deepseek_chuangxin 002_shenzhen_pinle; do
	title=$("$DUWEN" --dump "$texts/$f.txt" | sed -n 1p | sed 's/^ *//')
	start 80 24 "" "'$texts/$f.txt'"
	if wait_for "$title"; then
		t=$(line_of "$title") m=$(line_of "字 · 约")
		[ "$t" -gt 0 ] && [ "$m" -eq $((t + 1)) ] && ok "1: $f: the title (row $t), then the facts (row $m)" ||
			{ fail "1: $f: title on row $t, facts on row $m"; cat "$tmp/screen"; }
	fi
done

# 3. n after scrolling searches from where the reader is (less, vim)
start 80 24 "" "'$texts/001_hangzhou_kaiyuan.txt'"
wait_for "original"
keys -l "/杭州"
keys Enter
wait_for "hit 1/"
press Space; press Space; press Space; press Space
head -3 "$tmp/screen" >"$tmp/before"
keys n
gone "hit 1/"
got=$(grep -o "hit [0-9]*/" "$tmp/screen" | head -1 | tr -dc 0-9)
if [ "${got:-0}" -ge 3 ] && head -3 "$tmp/screen" | cmp -s - "$tmp/before"; then
	ok "3: n after four pages: hit $got on the screen shown, no jump back"
else
	fail "3: n after four pages went to hit ${got:-none}:"; cat "$tmp/screen"
fi

# 4. the status says what q does; the tabs' numbers are keys
start 80 24 "" "'$texts'"
if wait_for "文章 Articles (5)"; then
	grep -q "q quit" "$tmp/screen" && ! grep -q "q back" "$tmp/screen" &&
		ok "4: the list's status says q quit" || { fail "4: the list's status:"; tail -1 "$tmp/screen"; }
fi
keys Enter
wait_for "1 list" && wait_for "2 reader" && ok "4: the tab line numbers the panes"
keys 1
wait_for "文章 Articles (5)" && ok "4: 1 focuses the list"
keys 2
wait_for "original" && ok "4: 2 focuses the reader"
screen
grep -q "q back" "$tmp/screen" && ok "4: the reader's status says q back" || fail "4: the reader's status"

# 5. warnings: a count on the status line, every one in :messages
mkdir -p "$tmp/five"
printf '%s\n\n%s\n' "甲" "第一篇。" >"$tmp/five/a.txt"
printf '%s\n\n%s\n' "乙" "第二篇。" >"$tmp/five/b.txt"
printf 'not a zip at all' >"$tmp/five/c.epub"
printf 'set nosuch 1\nbind reader X nosuch-action\n' >"$tmp/five.conf"
start 100 24 "" --config "'$tmp/five.conf'" "'$tmp/five'"
wait_for "five.conf:1:" && ok "5: the first bad line on the message line"
keys j # the message line gives way to the status line
wait_for "3 messages (:messages)" && ok "5: the status line counts the three warnings"
keys :
wait_for ":"
keys -l "messages"
keys Enter
if wait_for "Messages (3)"; then
	grep -q "c.epub" "$tmp/screen" && grep -q "five.conf:1:" "$tmp/screen" &&
		grep -q "five.conf:2:" "$tmp/screen" &&
		ok "5: :messages lists the unread file and both bad lines" ||
		{ fail "5: :messages:"; cat "$tmp/screen"; }
fi

# the list filter uses the one matcher: 开源 finds 開源 (and 深圳 深圳)
start 100 24 "" "'$texts'"
wait_for "Articles (5)"
keys /
wait_for "Filter"
keys -l "开源"
keys Enter
# the title is on screen before the filter too: wait for its message
wait_for "articles match"
wait_for "開源大模型之城" && ok "filter: 开源 finds the title with 開源"
screen
grep -q "错过DeepSeek" "$tmp/screen" && fail "filter: 开源 keeps an article without it" ||
	ok "filter: the others are filtered out"

# 14. the Markdown export shows what the reader shows (full-width ，：？
# among Chinese); the JSON export keeps the stored quote exact
mkdir -p "$tmp/fourteen"
art14="$tmp/fourteen/p.txt"
printf '%s\n\n%s\n' "西湖:笔记?" "第一句。我们,在西湖边写笔记:好吗?第三句。" >"$art14"
cat >"$tmp/n14.json" <<JSON
[{"type": "Annotation", "body": {"type": "TextualBody", "value": "看"},
  "target": {"source": "$art14", "styleClass": "yellow",
    "selector": [{"type": "TextQuoteSelector", "exact": "我们,在西湖边写笔记:好吗?"}]}}]
JSON
if "$DUWEN" notes import "$tmp/n14.json" "$art14" >/dev/null 2>&1; then
	"$DUWEN" notes export "$art14" >"$tmp/n14.md" 2>&1
	grep -qF "> 我们，在西湖边写笔记：好吗？" "$tmp/n14.md" && grep -qF "## 西湖：笔记？" "$tmp/n14.md" &&
		ok "14: Markdown: quote and title with the reader's punctuation" ||
		{ fail "14: Markdown export:"; cat "$tmp/n14.md"; }
	"$DUWEN" notes export --format json "$art14" >"$tmp/n14.out" 2>&1
	grep -qF '我们,在西湖边写笔记:好吗?' "$tmp/n14.out" && ok "14: JSON keeps the exact quote" ||
		{ fail "14: JSON export:"; cat "$tmp/n14.out"; }
else
	fail "14: notes import"
fi

# 6. too small: the size and the minimum
start 80 24 "" "'$texts'"
wait_for "文章 Articles (5)"
T resize-window -t e2e -x 39 -y 11
wait_for "39x11, need 40x12" && ok "6: too small says the size and the minimum"
T resize-window -t e2e -x 80 -y 11
wait_for "terminal too small: 80x11, need 40x12" && ok "6: 80x11, as the issue has it"

# 7. the corpus search: a sentence once, however many hits it holds; a row
# cut at the right edge ends with …
mkdir -p "$tmp/seven"
printf '%s\n\n%s\n' "开源三次" \
	"开源的模型，开源的数据，开源的社区一起让这座城市的人工智能产业在过去两年里走得比所有人预料的都要快得多。第二句话没有那个词。" \
	>"$tmp/seven/a.txt"
printf '%s\n\n%s\n' "别的" "这一篇没有那个词。" >"$tmp/seven/b.txt"
start 80 24 "" "'$tmp/seven'"
wait_for "Articles (2)"
keys S
wait_for "Search all"
keys -l "开源"
keys Enter
if wait_for "开源: 4 hits in 1 article"; then # the title's, the sentence's three
	rows=$(grep -c "开源的模型" "$tmp/screen")
	[ "$rows" -eq 1 ] && ok "7: three hits in one sentence: one row" ||
		{ fail "7: the sentence shows on $rows rows"; cat "$tmp/screen"; }
	grep "开源的模型" "$tmp/screen" | grep -q "…\s*$" && ok "7: the row cut at the right ends with …" ||
		{ fail "7: no … at the right"; grep "开源的模型" "$tmp/screen"; }
fi

# 8. help: opens at the pane's own keys, / finds, one description column
start 80 24 "" "'$texts'"
wait_for "Articles (5)"
keys Enter
wait_for "original"
keys F1
if wait_for "Reading view (reader)"; then
	head -1 "$tmp/screen" | grep -q "Reading view (reader)" &&
		ok "8: F1 in the reader opens at the reader's keys" || { fail "8: F1 opens at:"; head -2 "$tmp/screen"; }
	down=$(awk '{ i = index($0, "Scroll one line down"); if (i) print i }' "$tmp/screen")
	up=$(awk '{ i = index($0, "Scroll one line up"); if (i) print i }' "$tmp/screen")
	[ -n "$down" ] && [ "$down" = "$up" ] && ok "8: descriptions in one column ($down)" ||
		fail "8: line-down's description at column '$down', line-up's at '$up'"
fi
keys /
wait_for "/"
keys -l "suspend"
keys Enter
n=0
while [ "$n" -lt 100 ]; do
	screen
	head -1 "$tmp/screen" | grep -q "Suspend" && break
	n=$((n + 1)); sleep 0.1
done
head -1 "$tmp/screen" | grep -q "Suspend" && ok "8: / in the help finds suspend" ||
	{ fail "8: / suspend in the help:"; head -3 "$tmp/screen"; }

# 9. ':' completes command names with Tab and keeps a history (Up)
start 80 24 "" "'$texts'"
wait_for "Articles (5)"
keys :
wait_for ":"
keys -l "so"
keys Tab
if wait_for ":sort"; then
	keys -l "length"
	keys Enter
	wait_for "sorted by length" && ok "9: Tab completes :so to :sort"
fi
keys :
wait_for ":"
keys Up
wait_for ":sort length" && ok "9: Up brings the last command back"
keys Escape
for k in Enter F1 C M; do # ':' in every pane
	keys "$k"
	keys :
	wait_for ":"
	keys -l "list"
	keys Enter
	wait_for "Articles (5)" && ok "9: :list from the pane after $k"
done

# 11. the comparison: the bars have a legend; passages one blank row apart
start 100 30 "" "'$texts'"
wait_for "Articles (5)"
keys C
wait_for "sentences per article" && ok "11: the status line says what the bars count"
keys Enter
if wait_for "杭州 × 人才: 19 passages"; then
	bad=$(awk 'NR > 2 && /^ [0-9]+\. / && !(prev == "" && prev2 != "") { print NR }
		{ prev2 = prev; prev = $0 }' "$tmp/screen" | head -1)
	[ -z "$bad" ] && ok "11: every passage after the first follows one blank row" ||
		{ fail "11: the spacing before row $bad:"; cat "$tmp/screen"; }
fi

# 12. TERM=vt100: theme words and garbled text never blink
start 80 24 "TERM=vt100" "'$texts'"
wait_for "文章 Articles (5)"
keys C
esc=$(printf '\033')
if wait_for "$esc[4m" e2e -e; then
	if grep -q "$esc\[\([0-9;]*;\)\?5[;m]" "$tmp/screen"; then
		fail "12: something blinks on a vt100 (SGR 5)"
	else
		ok "12: theme words underlined, nothing blinks"
	fi
fi

finish friction
