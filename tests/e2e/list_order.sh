#!/bin/sh
# e2e: the list sorted by title follows pinyin (issue 11, friction 10):
# numbers by value, Latin before Han, Han by syllable and tone, 重庆 as
# chóng, 長沙 (traditional) as 长沙 cháng; copies (one title, two files)
# show their file names.
. "$(dirname "$0")/lib/harness.sh"

mkdir -p "$tmp/c"
mk() { printf '%s\n\n%s\n' "$2" "正文在这里，说了一些事情。" >"$tmp/c/$1.txt"; }
mk a "深圳的夜"
mk b "北京的秋天"
mk c "重庆火锅"
mk d "杭州西湖"
mk e "成都茶馆"
mk f "長沙臭豆腐"
mk g "2024年终总结"
mk h "10个问题"
mk i "Apple发布会"
cp "$tmp/c/b.txt" "$tmp/c/b-copy.txt"

start_duwen e2e 100 24 "" "'$tmp/c'"
wait_for "Articles (10)"
keys :
wait_for ":"
keys -l "sort title"
keys Enter
if wait_for "sorted by title"; then
	got=$(sed -n '2,11p' "$tmp/screen" | sed 's/^[^ ]* *//; s/ .*//' | tr '\n' ' ')
	want="10个问题 2024年终总结 Apple发布会 北京的秋天 北京的秋天 長沙臭豆腐 成都茶馆 重庆火锅 杭州西湖 深圳的夜 "
	[ "$got" = "$want" ] && ok "sort title: pinyin order ($got)" ||
		{ fail "sort title: got '$got', want '$want'"; cat "$tmp/screen"; }
fi
# the two copies of 北京的秋天 say which file they are; the others do not
grep -q "北京的秋天 \+b\.txt " "$tmp/screen" && grep -q "北京的秋天 \+b-copy\.txt " "$tmp/screen" &&
	ok "copies: each shows its file name" || { fail "copies: no file names"; cat "$tmp/screen"; }
grep "深圳的夜" "$tmp/screen" | grep -q "a\.txt" && fail "a title that is not repeated shows its file name" ||
	ok "a title of its own shows no file name"
# the same at 40x12: the title column is narrow, the names are cut, not the rows
start_duwen e2e 40 12 "" "'$tmp/c'"
wait_for "Articles (10)"
keys -l ":sort title"
keys Enter
wait_for "sorted by title" && wait_for "北京的" && ok "40x12: the sorted list draws"

finish list_order
