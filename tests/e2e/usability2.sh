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
finish usability2.sh
