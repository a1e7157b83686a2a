#!/bin/sh
# e2e: the lead's defects of 2026-12-03 (/work/team/DEFECTS.md): each
# section fails on the main before its fix. Every wait polls the screen.
. "$(dirname "$0")/lib/harness.sh"
export DUWEN_DATA="$tmp/data"

# 300 articles and a file that is not one
mkdir -p "$tmp/many"
for i in $(seq 10 69); do
	for f in "$texts"/*.txt; do cp "$f" "$tmp/many/${i}_$(basename "$f")"; done
done
head -c 3000 /dev/urandom >"$tmp/many/40_binary.txt"

# tty_has PATTERN: does what the terminal got hold PATTERN (grep -E)?
tty_has() { grep -qE -- "$1" "$tmp/tty"; }
# bars WHAT: each state of the stderr bar of WHAT ("searching") the
# terminal got, a line each (the bar redraws itself after a \r)
bars() { tr '\r' '\n' <"$tmp/tty" | sed 's/\x1b\[K$//' | grep -a "^duwen: $1 "; }

# 2. --search's progress says what it counts (it said "300/300 files" of
# the 300 articles it searched in a folder of 301 files): from the cache,
# reading counts the files, then searching the articles; without one, the
# files are searched as they are read, and counted as files
for cache in --no-cache ""; do
	record_duwen 80 24 "DUWEN_PROGRESS_DELAY_MS=0" --search 资本 $cache "'$tmp/many'" ">/dev/null"
	wait_long "duwen exited 0"
	poll_screen 100 tty_has "duwen exited 0" || fail "the terminal's bytes end early"
	got=$(bars searching | grep -avE '^duwen: searching \[[#-]{30}\] ([0-9]+/301 files|[0-9]+/300 articles)( [0-9]+ s)?$')
	[ -n "$(bars searching)" ] && [ -z "$got" ] &&
		ok "--search $cache: the searching bar counts files as files, articles as articles" ||
		{ fail "--search $cache: the searching bar:"; bars searching | head -3; }
done
# (from the cache: the last bar, the articles)
bars searching | tail -1 | grep -aqE '^duwen: searching \[#{30}\] 300/300 articles( [0-9]+ s)?$' &&
	ok "--search: searching the cache counts the 300 articles" ||
	{ fail "--search: the last searching bar:"; bars searching | tail -1; }
got=$(bars reading | grep -avE '^duwen: reading \[[#-]{30}\] [0-9]+/301 files( [0-9]+ s)?$')
[ -n "$(bars reading)" ] && [ -z "$got" ] && ok "--search: reading counts the 301 files" ||
	{ fail "--search: the reading bar:"; bars reading | head -3; }
# the list reads the files: they stay files
record_duwen 80 24 "DUWEN_PROGRESS_DELAY_MS=0" --list --no-cache "'$tmp/many'" ">/dev/null"
wait_long "duwen exited 0"
poll_screen 100 tty_has "duwen exited 0" || fail "the terminal's bytes end early"
bars reading | grep -aqE '^duwen: reading \[#{30}\] 301/301 files$' &&
	ok "--list: the bar counts the 301 files" || { fail "--list: the bar:"; bars reading | tail -3; }

# 1. at 40x12 the status line of a loading list or reader keeps what fits
# whole and what matters: the count and the bar (it read "197/300
# [######----]  文章 Ar…  F1 help"), the reader's count and place, or what
# the thread reading a large file does (it read "..     original  loading
# the …  F1 help"); never a word cut
mkdir -p "$tmp/k1"
for i in $(seq 100 299); do
	for f in "$texts"/*.txt; do cp "$f" "$tmp/k1/${i}_$(basename "$f")"; done
done
# (a 16 MiB file first keeps the loading going however fast the rest is)
python3 "$root/bench/gencorpus.py" --big $((16 * 1024 * 1024)) "$texts" "$tmp/k1/000_big.txt"
start_duwen e2e 40 12 "DUWEN_DATA=$tmp/data1" "'$tmp/k1'"
wait_re '^[0-9]+/1001 \[[#-]{10}\] +F1 help$' '$' && ok "40x12 loading list: the count and the bar, whole"
# the second row, an article read
keys j Enter
wait_for "四川日报"
wait_re '^[0-9]+/1001 \[[#-]{10}\](  [0-9]+%)? +1 2  F1 help$' '$' &&
	ok "40x12 reader while the list loads: the count, the bar and the place if it fits"
quit_duwen
start_duwen e2e 40 12 "DUWEN_DATA=$tmp/data1b" "'$tmp/k1/000_big.txt'"
wait_re '^\.\.      loading the rest: (reading|indexing|caching) [0-9]+ s$' '$' &&
	ok "40x12 reader of a large file: what its thread does, whole"
quit_duwen

# a search made before any article is in says it is over none of them
# so far (it said " 资本: 0 hits in 0 articles", as if that were all;
# under the sanitizers usability3's search while loading met it)
mkdir -p "$tmp/two"
cp "$tmp/k1/000_big.txt" "$tmp/two/a.txt"
cp "$tmp/k1/000_big.txt" "$tmp/two/b.txt"
start_duwen e2e 80 24 "DUWEN_DATA=$tmp/data1c" "'$tmp/two'"
wait_re '^0/2 \[' '$'
keys S
wait_for "Search all:"
keys -l "资本"
keys Enter
expect_lines "a search before any article is in: searched 0 of 2, still loading" 1 \
	" 资本: 0 hits in 0 articles (searched 0 of 2, still loading)"
quit_duwen

# 3. U+00B7 MIDDLE DOT (East Asian Ambiguous) is one column in the layout,
# in ncurses (our wcwidth, as glibc's) and in tmux: in the comparison the
# row of a passage holding one ends where the others do. ("黑神话· 悟空"
# in the comparison of texts/ is the article's own blank after the dot:
# 002's bytes are c2 b7 20.)
mkdir -p "$tmp/dot"
printf '游戏\n\n深圳有《黑神话·悟空》和机器人。\n' >"$tmp/dot/game.txt"
start_duwen e2e 80 24 "DUWEN_DATA=$tmp/data3" "'$tmp/dot'"
wait_for "18字"
keys C
wait_for "产业 1"
expect_lines "80x24 comparison: the dot takes one column, the row ends at the rule" 16,18 \
"产业 0                    │产业 1                    │产业 0
                          │· 深圳有《黑神话·悟空》   │
                          │  和机器人。              │"
quit_duwen
grep -c '话· 悟空' "$texts/002_shenzhen_pinle.txt" | grep -qx 1 &&
	ok "002 has the blank after the dot itself" || fail "002's 黑神话· 悟空 is not the article's"

finish usability4
