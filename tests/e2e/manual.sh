#!/bin/sh
# e2e: a hard-wrapped Chinese technical manual (tests/data/) in a real
# terminal: its numbered code listing is shown line for line with its
# indentation, its list items are reflowed under their markers, and a URL
# too long for the row is broken after a '/', not between letters.
. "$(dirname "$0")/lib/harness.sh"
manual=$root/tests/data/manual-gentoo-zh_CN.txt

# row TEXT: the screen has a row that is exactly TEXT (trailing blanks aside)
row() { sed 's/ *$//' "$tmp/screen" | grep -qxF -- "$1"; }

start_duwen e2e 60 150 "" "'$manual'"
wait_for "代码清单 2-1：/etc/conf.d/net"
for r in '     1  # 静态地址配置，适用于 OpenRC' \
	'     2  config_enp1s0="192.168.0.2/24"' \
	'     3  routes_enp1s0="default via 192.168.0.1"' \
	'     5  # Gentoo lets the user choose between netifrc and' \
	'     7  modules_enp1s0="!plug"'; do
	row "$r" && ok "listing row verbatim: $r" || fail "no row '$r'"
done
# the long wget line: broken after the '/' that fills the row
next=$(sed 's/ *$//' "$tmp/screen" | awk -v r='     2  $ wget https://distfiles.gentoo.org/releases/amd64/' \
	'found { print; exit } $0 == r { found = 1 }')
if [ "$(echo "$next" | sed 's/^ *//')" = "autobuilds/latest-iso.txt" ]; then
	ok "a long URL breaks after '/'"
else
	fail "the wget URL is not broken after '/'"
fi
# a list item and its continuation: one item, hanging under its text
row '1. 进入一个可以安装 Gentoo 的环境。这个环境通常是从安装光盘' &&
	row '   或 U 盘启动的最小系统，它提供了分区、格式化和下载所需的' &&
	ok "list item reflowed with a hanging indent" || fail "list item rows"
# the table of contents keeps its indentation
row '       1.1  简介 ..........................................' &&
	ok "TOC indentation kept" || fail "TOC row"
keys Q
wait_for "duwen exited 0" && ok "quits cleanly"

# A manual page saved without col -b (`man ls > ls.txt` as man writes it to a
# pipe with its formatting kept): bold and underline are overstruck with
# backspaces. Its title comes from the header and NAME, the header and
# footer lines are not shown, an option's text hangs under it.
b() { printf '%s' "$1" | sed 's/./&\x08&/g'; }
{
	printf 'LS(1)                           User Commands                            LS(1)\n\n'
	printf '%b\n       ls - list directory contents\n\n' "$(b NAME)"
	printf '%b\n' "$(b DESCRIPTION)"
	printf '       List  information  about  the _\b%s (the current directory by default).\n' FILEs
	printf '       Sort entries alphabetically if none of -cftuvSUX nor --sort  is  speci\342\200\220\n'
	printf '       fied.\n'
	printf '\n       %b\n\t      do not ignore entries starting with .\n\n' "$(b -a,) $(b --all)"
	printf '       -c     with -lt: sort by, and show, ctime (time of last modification of\n'
	printf '              file status information); with -l: show ctime and sort by  name;\n'
	printf '              otherwise: sort by ctime, newest first\n\n'
	printf 'GNU coreutils 9.1                     September 2022                     LS(1)\n'
} >"$tmp/ls.txt"
start_duwen e2e 80 24 "" "'$tmp/ls.txt'"
wait_for "sort by ctime, newest first"
row '                        ls(1) — list directory contents' &&
	ok "man page: the title from its header and NAME" || fail "man page title row"
for r in 'NAME' 'DESCRIPTION' \
	'List  information  about  the FILEs (the current directory by default). Sort' \
	'entries alphabetically if none of -cftuvSUX nor --sort  is  specified.' '-a, --all' '       do not ignore entries starting with .' \
	'-c     with -lt: sort by, and show, ctime (time of last modification of file' \
	'       status information); with -l: show ctime and sort by  name; otherwise:' \
	'       sort by ctime, newest first'; do
	row "$r" && ok "man page row: $r" || fail "no man page row '$r'"
done
# a tag alone on its line has its text on the very next row, no blank between
next=$(sed 's/ *$//' "$tmp/screen" | awk 'found { print; exit } $0 == "-a, --all" { found = 1 }')
[ "$next" = '       do not ignore entries starting with .' ] &&
	ok "man page: the option's text right under its tag" || fail "man page: under the tag: '$next'"
if grep -q 'LS(1)\|GNU coreutils\|NNAAMMEE\|__' "$tmp/screen"; then
	fail "man page: header, footer or overstrike shown"
	cat "$tmp/screen"
else
	ok "man page: no header, footer or overstrike on screen"
fi
keys Q
wait_for "duwen exited 0" && ok "man page: quits cleanly"
finish manual.sh
