#!/bin/sh
# e2e: the third usability pass (issue 12's screens: big counts, loading,
# progress): each section fails on the main before its fix. Every wait
# polls the screen.
. "$(dirname "$0")/lib/harness.sh"
export DUWEN_DATA="$tmp/data"

# 1. the list's number columns are as wide as their widest value: a city
# named 105,001 times showed as "1050", run together with the next count
# ("105010500  2100"), at every size
mkdir -p "$tmp/num"
python3 -c 'import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("杭州计数\n\n")
    for i in range(2100):
        f.write("杭州" * 50 + "，深圳深圳深圳深圳深圳，成都。\n\n")' "$tmp/num/many.txt"
cp "$texts/000_sichuan_ribao.txt" "$tmp/num/"
start_duwen e2e 80 24 "" "'$tmp/num'"
wait_for "  241504  105001"
got=$(sed -n 1,3p "$tmp/screen")
want="    标题                        来源            字数      杭     深     成  注
●   为什么是杭州？未来的机会又… 四川日报        4224      26      3     16   0
●   杭州计数                                  241504  105001  10500   2100   0"
[ "$got" = "$want" ] && ok "80x24: the counts in columns as wide as 105001" ||
	{ fail "80x24 counts:"; cat "$tmp/screen"; }
keys Q
wait_for "duwen exited 0"
start_duwen e2e 40 12 "" "'$tmp/num'"
wait_for "  241504   0"
got=$(sed -n 1,3p "$tmp/screen")
want="    标题                      字数  注
●   为什么是杭州？未来的机…   4224   0
●   杭州计数                241504   0"
[ "$got" = "$want" ] && ok "40x12: 字数 as wide as 241504, the counts left out" ||
	{ fail "40x12 counts:"; cat "$tmp/screen"; }
keys Q
wait_for "duwen exited 0"
# 160x45: the list alone, then beside the reader (narrow: 字数 whole)
start_duwen e2e 160 45 "" "'$tmp/num'"
wait_for "  241504  105001"
got=$(sed -n 3p "$tmp/screen")
want="●   杭州计数                                                                                                                  241504  105001  10500   2100   0"
[ "$got" = "$want" ] && ok "160x45: the counts whole" || { fail "160x45 counts:"; cat "$tmp/screen"; }
keys Enter
wait_for "约11分钟"
screen
got=$(sed -n 1,3p "$tmp/screen" | sed 's/│.*//')
want="    标题                              字数  注  
●   为什么是杭州？未来的机会又在哪…   4224   0  
●   杭州计数                        241504   0  "
[ "$got" = "$want" ] && ok "160x45 beside the reader: 字数 whole" ||
	{ fail "160x45 beside the reader:"; cat "$tmp/screen"; }
keys Q
wait_for "duwen exited 0"

finish usability3
