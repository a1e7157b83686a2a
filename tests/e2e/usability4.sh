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

finish usability4
