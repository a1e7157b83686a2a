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
screen
got=$(sed -n 3,6p "$tmp/screen" | sed 's/│.*//')
want="●   杭州“開…  2024-03-01_0…_kaiyuan.txt   3605  
●   错过Deep… 2024-03-01_0…en_pinle.txt   6704  
●   DeepSeek… 2024-03-01_0…huangxin.txt   3322  
●   為什么De… 2024-03-01_0…lianghui.txt   2794  "
[ "$got" = "$want" ] && ok "160x45 beside the reader: the copies' names in one column" ||
	{ fail "160x45 copies:"; echo "$got"; }
keys Q
wait_for "duwen exited 0"
# 40x12, the list alone: the same column
start_duwen e2e 40 12 "" "'$tmp/copies'"
wait_for "2025-11-…ghui.txt" # the last row: all ten loaded
got=$(sed -n 6p "$tmp/screen")
[ "$got" = "●   為什么De… 2024-03-…ghui.txt   2794" ] && ok "40x12: the name in its column" ||
	{ fail "40x12 copies:"; cat "$tmp/screen"; }
keys Q
wait_for "duwen exited 0"

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
keys Q
wait_for "duwen exited 0"
finish usability2.sh
