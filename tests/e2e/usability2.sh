#!/bin/sh
# e2e: the second usability pass (copies in a narrow list, the
# comparison's passages, the command line's candidates, a shared cache):
# each section fails on the main before its fix. Every wait polls the screen.
. "$(dirname "$0")/lib/harness.sh"
export DUWEN_DATA="$tmp/data"

# 1. copies in the narrow list beside the reader (160x45): the file name of
# a copy is a column of its own at one position for every row, taking the
# space first (the title keeps 10 columns), cut in its middle where it is
# too long (it was "杭州“… · a00000_0…", the name wherever the title ended)
mkdir -p "$tmp/copies"
for f in "$texts"/*.txt; do
	cp "$f" "$tmp/copies/2024-03-01_$(basename "$f")"
	cp "$f" "$tmp/copies/2025-11-30_$(basename "$f")"
done
start_duwen e2e 160 45 "" "'$tmp/copies'"
wait_for "為什么DeepSeek成功了"
keys Enter
wait_for "约11分钟"
# the final state, not the first frame (the list redraws as rows load)
expect_lines "160x45 beside the reader: the copies' names in one column" 3,6 \
"●   杭州“開…  2024-03-01_0…_kaiyuan.txt   3605  
●   错过Deep… 2024-03-01_0…en_pinle.txt   6704  
●   DeepSeek… 2024-03-01_0…huangxin.txt   3322  
●   為什么De… 2024-03-01_0…lianghui.txt   2794  " 's/│.*//'
quit_duwen
# 40x12, the list alone: the same column
start_duwen e2e 40 12 "" "'$tmp/copies'"
wait_for "2025-11-…ghui.txt" # the last row: all ten loaded
got=$(sed -n 6p "$tmp/screen")
[ "$got" = "●   為什么De… 2024-03-…ghui.txt   2794" ] && ok "40x12: the name in its column" ||
	{ fail "40x12 copies:"; cat "$tmp/screen"; }
quit_duwen

# 4. duwen --list: copies show their file names in a column after the title
"$DUWEN" --list "$tmp/copies" "$texts/000_sichuan_ribao.txt" >"$tmp/list" 2>&1
got=$(sed -n '1p;6p;11p' "$tmp/list")
want="为什么是杭州？未来的机会又在哪儿？       2024-03-01_000_sichuan_ribao.txt       四川日报             txt   4224 字  杭州 26  深圳  3  成都 16
为什么是杭州？未来的机会又在哪儿？       2025-11-30_000_sichuan_ribao.txt       四川日报             txt   4224 字  杭州 26  深圳  3  成都 16
为什么是杭州？未来的机会又在哪儿？       000_sichuan_ribao.txt                  四川日报             txt   4224 字  杭州 26  深圳  3  成都 16"
[ "$got" = "$want" ] && ok "--list: the copies' file names" || { fail "--list copies:"; cat "$tmp/list"; }
# 2. the comparison's passages at 80x24: the rows below the last whole
# passage show the next one as far as it fits (they were blank), and the
# keys still scroll by whole passages
start_duwen e2e 80 24 "" "'$texts'"
wait_for "為什么DeepSeek成功了"
keys C
wait_for "杭州 87句 105次"
keys Enter
wait_for "杭州 × 人才: 19 passages"
wait_for "產業創新深度融合，激發科…" # the last row: the pane is drawn whole
got=$(sed -n 21,23p "$tmp/screen")
want=" 6. 杭州“開源大模型之城”是如何煉成的？
   與北京、上海等傳統科創高地不同，杭州并非單純依賴頂尖高校或科研院所的原始創
   新積累，而是以企業為主體，實現企業主導的科技創新與產業創新深度融合，激發科…"
[ "$got" = "$want" ] && ok "80x24 passages: the next passage fills the pane" ||
	{ fail "80x24 passages, rows 21-23:"; cat "$tmp/screen"; }
keys j j j j j
wait_for "6/19"
got=$(sed -n '2p;21p' "$tmp/screen")
want=" 2. 为什么是杭州？未来的机会又在哪儿？
 7. 杭州“開源大模型之城”是如何煉成的？"
[ "$got" = "$want" ] && ok "j to the sixth: one whole passage up" ||
	{ fail "after j to the sixth:"; cat "$tmp/screen"; }
quit_duwen
# 3. the command line: a Tab that finds several commands shows them on the
# row above (vim's wildmenu), the one on the line in reverse; Tab and S-Tab
# go through them; another key puts the pane's row back
start_duwen e2e 80 24 "" "'$texts/000_sichuan_ribao.txt'"
wait_for "约11分钟"
keys :
wait_for ":"
keys s Tab
wait_for ":search"
got=$(sed -n 23p "$tmp/screen")
[ "$got" = "search  search-back  search-next  search-prev  script  suspend  select         >" ] &&
	ok "80x24: Tab shows the candidates above the command line" ||
	{ fail "80x24 candidates:"; cat "$tmp/screen"; }
keys Tab
wait_for ":search-back"
screen e2e -e
sed -n 23p "$tmp/screen" | grep -qF "search  $(printf '\033')[7msearch-back$(printf '\033')[0m" &&
	ok "Tab again: the next, in reverse" || { fail "the second candidate is not marked:"; sed -n 23p "$tmp/screen" | cat -v; }
keys BTab
expect_lines "S-Tab: the one before" 24 ":search"
keys Space
# the text's row again
wait_line 23 "考”。" && ok "a key that is not Tab: the pane's row back"
keys Escape
# 40x12: pages of candidates, "<" and ">" where more are before and after
start_duwen e2e 40 12 "" "'$texts/000_sichuan_ribao.txt'"
wait_for "original"
keys :
wait_for ":"
keys Tab Tab Tab Tab Tab Tab
wait_for ":page-down"
got=$(sed -n 11p "$tmp/screen")
[ "$got" = "< half-up  page-down  page-up  top     >" ] && ok "40x12: the page of candidates with page-down" ||
	{ fail "40x12 candidates:"; cat "$tmp/screen"; }
keys Escape
quit_duwen
# D1 (the lead's pass). 80x24 with four panes open: the tab line gives way
# first (numbers, the focused pane named), so that the reader's status
# keeps its title's start and the selection's count in full (they were
# "为什么是…" and "SELECT 9…")
start_duwen e2e 80 24 "" "'$texts'"
wait_for "為什么DeepSeek成功了"
keys Enter
wait_for "original"
keys 1 C
wait_for "杭州 87句 105次"
keys S
wait_for "Search all:"
keys -l "资本"
keys Enter
wait_for "hit 1/16"
keys 2
wait_for "original"
expect_lines "80x24, four panes: the tabs give way to the title" '$' \
	"9%     original  为什么是杭州？未来的机会又在…  1 2 reader 3 4  F1 help  q back"
keys v l l l l
wait_for "SELECT 94字"
# (the hints after it give way whole: it read "a: annotate  Es…")
expect_lines "80x24, four panes: the selection's count in full" '$' \
	"9%     original  SELECT 94字  a: annotate       1 2 reader 3 4  F1 help  q back"
screen e2e -e
tail -1 "$tmp/screen" | grep -qF "$(printf '\033')[1;7m2 reader" &&
	ok "the focused pane's tab in reverse" || { fail "the focused tab:"; tail -1 "$tmp/screen" | cat -v; }
keys Escape
quit_duwen
# 40x12: the count in full, the tabs gone for it
start_duwen e2e 40 12 "" "'$texts/000_sichuan_ribao.txt'"
wait_for "original"
keys v l l
wait_for "SELECT 92字"
got=$(tail -1 "$tmp/screen")
case "$got" in
"2%     original  SELECT 92字 "*"F1 help") ok "40x12: the selection's count in full" ;;
*) fail "40x12 selection: $got" ;;
esac
keys Escape
quit_duwen
# D2. :messages at 160x45 beside the list, four bad config lines: in the
# order of the lines (it was 2, 4, 1, 3: commands before settings), the
# first on the message line, and a long one wraps onto indented rows (it
# was cut: the valid settings it lists could not be read)
mkdir -p "$tmp/cfg/duwen"
printf 'set bogus 1\ncities 杭州\nset width abc\nhighlight\n' >"$tmp/cfg/duwen/config"
start_duwen e2e 160 45 "XDG_CONFIG_HOME='$tmp/cfg'" "'$texts'"
wait_for "config:1: unknown setting 'bogus'" && ok "the message line: the first bad line"
keys Enter
wait_for "original"
keys :
wait_for ":"
keys -l messages
keys Enter
wait_for "Messages (4)"
sed -n 2,8p "$tmp/screen" | sed 's/^.*│ //' >"$tmp/rows"
c=$tmp/cfg/duwen/config
# each message from its line's start, its rest on indented rows, nothing cut
for k in 1 2 3 4; do
	grep -n "^$c:$k: " "$tmp/rows" | cut -d: -f1
done | tr '\n' ' ' >"$tmp/at"
joined=$(awk 'NR > 1 && /^  [^ ]/ { sub(/^  /, " "); printf "%s", $0; next } NR > 1 { printf "\n" } { printf "%s", $0 } END { printf "\n" }' "$tmp/rows")
want="$c:1: unknown setting 'bogus' (measure, indent, split, escdelay, fullwidth-punct, ambiguous-wide, boilerplate, blank-lines, color, cities); line skipped
$c:2: unknown command 'cities' (set, bind, color, highlight, city, theme); line skipped
$c:3: unknown setting 'width' (measure, indent, split, escdelay, fullwidth-punct, ambiguous-wide, boilerplate, blank-lines, color, cities); line skipped
$c:4: usage: highlight WORD [COLOR]; line skipped"
[ "$(cat "$tmp/at")" = "1 3 5 7 " ] && [ "$joined" = "$want" ] &&
	ok "160x45 :messages: in line order, wrapped whole" ||
	{ fail "160x45 :messages: rows $(cat "$tmp/at"):"; echo "$joined"; cat "$tmp/screen"; }
quit_duwen
finish usability2.sh
