#!/bin/sh
# e2e: one reading position (issue 11, friction 2). G in the reader shows
# 100% and ✓, the list then shows ✓ for that article; :goto 50 shows 50% in
# the reader and the list shows the same 50%; a restart keeps both; at 80x24
# and 160x45. Every wait polls the screen.
. "$(dirname "$0")/lib/harness.sh"
export DUWEN_DATA="$tmp/data"
# the reader's status line (the last row) starts with TEXT
status_is() {
	n=0
	while [ "$n" -lt 100 ]; do
		screen
		tail -1 "$tmp/screen" | grep -q "^$1" && return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "the status line does not start with '$1':"
	cat "$tmp/screen"
	return 1
}
# the list row of the title starting with TITLE shows MARK in its first column
row_is() {
	n=0
	while [ "$n" -lt 100 ]; do
		screen
		grep -q "^$2 *$1" "$tmp/screen" && return 0
		n=$((n + 1))
		sleep 0.1
	done
	fail "the list row of $1 does not show '$2':"
	cat "$tmp/screen"
	return 1
}
goto() {
	keys -l ":goto $1"
	keys Enter
}

hz="杭州“開源大模型之" ds="DeepSeek爆火引全球" sc="为什么是杭州"
start_duwen e2e 80 24 "" "'$texts'"
wait_for "文章 Articles (5)"
row_is "$hz" "●"
# 001 to its end: 100% and ✓ in the reader, ✓ in the list
keys j Enter
status_is "[0-9]*% *original" && ok "80x24: 001 open"
keys G
status_is "100% ✓ original" && ok "80x24: G shows 100% ✓"
keys q
row_is "$hz" "✓" && ok "80x24: the list shows ✓ for the article read to its end"
# 003 to 50%: 50% in the reader and in the list, not finished
keys j j Enter
status_is "[0-9]*% *original"
goto 50
status_is "50%    original" && ok "80x24: :goto 50 shows 50%, no ✓"
keys q
row_is "$ds" "50%" && ok "80x24: the list shows the reader's 50%"
# finished stays finished: back to 001, to its middle, and out
keys k k Enter
status_is "100% ✓ original" && ok "80x24: 001 reopens at its end"
goto 50
status_is "50%  ✓ original" && ok "80x24: :goto 50 in a read article: 50% and ✓"
keys q
row_is "$hz" "✓"
keys q
wait_for "duwen exited 0"

# a restart keeps ✓ and 50%
start_duwen e2e 80 24 "" "'$texts'"
wait_for "文章 Articles (5)"
row_is "$hz" "✓" && ok "restart: ✓ kept"
row_is "$ds" "50%" && ok "restart: 50% kept"
row_is "$sc" "●" && ok "restart: the unopened article is still unread"
keys q
wait_for "duwen exited 0"

# 160x45, the list and the reader side by side: 000 to 50%, then to its end
start_duwen e2e 160 45 "" "'$texts'"
wait_for "文章 Articles (5)"
keys Enter
status_is "[0-9]*% *original"
goto 50
status_is "50%    original" && ok "160x45: :goto 50 shows 50%"
keys q
row_is "$sc" "50%" && ok "160x45: the list shows 50%"
keys Enter
status_is "50%    original"
keys G
status_is "100% ✓ original" && ok "160x45: G shows 100% ✓"
keys q
row_is "$sc" "✓" && ok "160x45: the list shows ✓"
keys q
wait_for "duwen exited 0"
finish positions
