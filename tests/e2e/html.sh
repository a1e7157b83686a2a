#!/bin/sh
# e2e: a saved web page in the reader (a private tmux server, 80x24): the
# title on top, the article's text, none of the navigation or footer until
# B shows the boilerplate; a directory lists the page beside a text file with
# the format column; a page piped on standard input (duwen -) opens with
# keys from the terminal.
. "$(dirname "$0")/lib/harness.sh"
page="$tmp/page.html"
cat >"$page" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>城西新建三座公园_杭州网</title>
<script>document.write("脚本文字")</script><style>p { color: red }</style></head>
<body><nav class="nav"><a href="/">首页</a> <a href="/news">导航新闻</a></nav>
<div class="article-content"><h1>城西新建三座公园</h1>
<p>杭州市政府周二宣布，将在城西新建三座公园，总面积约两百公顷，预计明年完工。</p>
<p>据介绍，新公园将以湿地和林地为主，兼顾市民休闲与生态保护，并配套建设步道。</p>
</div><div class="footer">页脚版权所有&#27;[31m</div></body></html>
HTML
start() { start_duwen e2e 80 24 "" "$@"; }

start "'$page'"
wait_for "城西新建三座公园" && ok "the page opens in the reader with its title"
wait_for "两百公顷" && ok "the article's text is shown"
screen
head -3 "$tmp/screen" | grep -q "城西新建三座公园" && ok "the title is on top" ||
	fail "the title is not in the first rows"
if grep -qE "导航新闻|页脚版权|脚本文字|color: red" "$tmp/screen"; then
	fail "navigation, footer, script or style shown"
else
	ok "no navigation, footer, script or style"
fi
keys B
wait_for "页脚版权所有" && ok "B shows the dropped footer"
wait_for "导航新闻" && ok "B shows the dropped navigation"
screen
if grep -q "31m" "$tmp/screen"; then
	fail "an escape sequence from the page reached the screen"
else
	ok "no escape sequence from the page"
fi
keys q
wait_for "Articles (1)" && ok "q goes back to the list"
keys q
wait_for "duwen exited 0" && ok "quits cleanly"

# a directory lists the page with its format
printf '正文的第一句。\n' >"$tmp/a.txt"
LC_ALL=C.UTF-8 "$DUWEN" --list "$tmp" >"$tmp/list" 2>&1
grep -q "城西新建三座公园  杭州网  html" "$tmp/list" && ok "--list: the page's title, source, format" ||
	{ fail "--list:"; cat "$tmp/list"; }
grep -q "正文的第一句 .* txt " "$tmp/list" && ok "--list: the text file's format" || fail "--list: no txt row"

# standard input: the page piped in, keys from the terminal
start_duwen in 80 24 "" "- <'$page'"
wait_for "两百公顷" in && ok "duwen - reads the page from standard input"
T send-keys -t in q
wait_for "Articles (1)" in
T send-keys -t in q
wait_for "duwen exited 0" in && ok "and quits on a key from the terminal"
finish html.sh
