#!/bin/sh
# e2e: every cell of a wide character is written or erased together
# (issue 11, friction 15). duwen runs at 160x45 with the list and the
# reading view side by side (the split from `set split`, 120 columns) in a
# pty whose output feeds a terminal model (python3-pyte, lib/widecheck.py);
# in every bundled article it pages and scrolls back and forth (b Space j k
# C-u C-d g G), highlights a sentence with a note, searches and shows the
# hits, then goes to the next article through the list. After every key no
# wide character on the model's screen may have lost a half (a narrow
# character or the border written over one half, an erase starting inside
# one) and none may start in the last column. Also at 121x30 (just split)
# and with the list focused, and with set ambiguous-wide on as a terminal
# set to CJK widths shows it.
. "$(dirname "$0")/lib/harness.sh"
export LC_ALL=C.UTF-8
py=""
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import pyte' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	fail "no python3 with pyte (python3-pyte; make deps installs it)"
	finish widechars
	exit 1
fi
export DUWEN_DATA="$tmp/data"

# the checker itself: a narrow character over the left half of 中 (what
# made pyte's Screen.display raise), 文 in the last column
if "$py" "$here/lib/widecheck.py" --size 20x3 --keys 'x' -- \
	sh -c 'printf "中文\033[1;3Hx\033[2;20H文"; read a' >"$tmp/out" 2>&1; then
	fail "widecheck found nothing in a split character:"
	cat "$tmp/out"
elif grep -q "right half alone" "$tmp/out" && grep -q "wide in last column" "$tmp/out"; then
	ok "widecheck sees a half left alone and a wide character in the last column"
else
	fail "widecheck:"
	cat "$tmp/out"
fi

# one article: open it, page, scroll back, highlight, note, search
art='ENTER SPACE*2 b*3 j*3 k*3 C-d C-u*2 G b*2 g ) a y 笔记 ENTER b / 的 ENTER n b G k g'
keys=$art
for i in 1 2 3 4; do keys="$keys TAB j $art"; done

check() { # NAME SIZE KEYS [MODEL-OPTION DUWEN-OPTION...]: run and report
	name=$1 size=$2 k=$3
	shift 3
	model=""
	[ "${1:-}" = --ambiguous-wide ] && model=$1 && shift
	if "$py" "$here/lib/widecheck.py" --settle 0.1 $model --size "$size" --keys "$k" -- \
		"$DUWEN" "$@" "$texts" >"$tmp/out" 2>&1; then
		ok "$name: $(tail -n 1 "$tmp/out")"
	else
		fail "$name:"
		cat "$tmp/out"
	fi
}

check "160x45, list and reader side by side, every article" 160x45 "$keys"
check "121x30, just split" 121x30 "ENTER SPACE*3 b*4 j*3 k*3 G b*2 TAB j ENTER b SPACE g"
# the list focused beside the reader: its rows over the reader's scrolling
check "160x45, the list focused" 160x45 "ENTER SPACE*2 TAB j*4 k*4 ENTER b TAB j ENTER G TAB k"
# set ambiguous-wide on, on a terminal set to CJK widths (“ ” · … │ two
# cells): curses must count them as the layout does, or it writes the cell
# after each over its right half (termwidth.h)
printf 'set ambiguous-wide on\n' >"$tmp/ambiguous.conf"
check "160x45, ambiguous-wide on a CJK-width terminal" 160x45 \
	"ENTER SPACE*2 b*2 j*2 TAB j ENTER b G b g / 的 ENTER n" --ambiguous-wide --config "$tmp/ambiguous.conf"

finish widechars
