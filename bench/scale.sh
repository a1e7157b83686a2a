#!/bin/sh
# The scale benchmark (issue 12): generated corpora of 1,000 and 10,000
# articles (bench/gencorpus.py, from texts/) and one 64 MiB article, each
# beside the floor measured in the same run: cat of the folder to
# /dev/null and grep -r of the same word. Prints, per corpus: the first
# paint of the panes cold (no cache: also the time until all is loaded)
# and with the cache, the time per list key (j, median of 20), search for
# 资本 and for a rare word from the cache (each label says how: the
# trigram index, or a scan of the cached folded text for a query under
# three characters), the first unindexed search
# (--no-cache), the comparison, and peak memory (getrusage of the child);
# for the big file, the panes until the whole article is in
# (bench/bigload.py: the longest wait of a key while it loads, the peak).
# BENCH_SIZES="1000 10000" picks the corpora; BENCH_BIG=0 skips the big file.
# Needs $DUWEN and python3. Not a test: it prints figures, checks nothing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
DUWEN=${DUWEN:-$here/../build/duwen}
texts=$here/../texts
sizes=${BENCH_SIZES:-1000 10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export LC_ALL=C.UTF-8 TERM=xterm-256color
mkdir -p "$HOME"
rare=鲲鹏湾
common=资本

# run NAME CMD...: seconds and peak KiB of CMD (output discarded)
run() {
	name=$1
	shift
	python3 - "$@" <<'PY' >"$tmp/run"
import resource, subprocess, sys, time
t = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
dt = time.monotonic() - t
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print("%.2f %d" % (dt, kb))
PY
	read -r secs kib <"$tmp/run"
	printf '  %-34s %8s s %9s MiB\n' "$name" "$secs" "$((kib / 1024))"
}
paint() { # NAME MARKER [--idle S] ARGS...
	name=$1 marker=$2 idle=
	shift 2
	[ "$1" = --idle ] && { idle="--idle $2"; shift 2; }
	r=$(python3 "$here/firstpaint.py" --marker "$marker" $idle --key j --keys 20 --quit Q -- "$DUWEN" "$@")
	printf '  %-34s %s\n' "$name" "$r"
}
# The floor for search is grep -r printing every matching line, as
# --search prints every hit, into a file: GNU grep stops at the first
# match when its output is /dev/null, as -q does. grep -r -q (the first
# match) and grep -r -l (the first match per file) do less and are only
# labelled beside it.
floor() { # DIR
	run "floor: cat of the folder" sh -c "find '$1' -type f -exec cat {} + >/dev/null"
	run "floor: grep -r $common (every line)" sh -c "grep -r -- '$common' '$1' >'$tmp/grep.out'"
	run "floor: grep -r $rare (every line)" sh -c "grep -r -- '$rare' '$1' >'$tmp/grep.out'"
	run "  (grep -r -q $common: first match)" grep -r -q -- "$common" "$1"
	run "  (grep -r -l $rare: one per file)" grep -r -l -- "$rare" "$1"
}

# How a search from the cache finds its articles: the trigram index
# answers three characters or more; a shorter query is a scan of every
# article's cached folded text (src/cache.c, cache_search_indexed).
how() {
	if [ "$(printf '%s' "$1" | python3 -c 'import sys; print(len(sys.stdin.read()))')" -ge 3 ]; then
		echo "cache, trigram index"
	else
		echo "cache, scan of folded text"
	fi
}

for n in $sizes; do
	d=$tmp/c$n
	python3 "$here/gencorpus.py" "$texts" "$d" "$n"
	echo "== $n articles, $(du -sm "$d" | cut -f1) MB"
	floor "$d"
	rm -rf "$XDG_DATA_HOME"
	# the panes paint the list at once and load the articles after it
	# (loaded: until duwen's CPU time stops growing for 2 s; cold, that is
	# also when the cache is built); the keys are timed after that
	paint "panes: first paint, cold" "Articles (" --idle 2 "$d"
	paint "panes: first paint, cache" "Articles (" --idle 2 "$d"
	run "panes: peak, cache, all loaded" sh -c "python3 '$here/firstpaint.py' --marker 'Articles (' --idle 2 --keys 0 --quit Q -- '$DUWEN' '$d'"
	run "--list, cache" "$DUWEN" --list "$d"
	run "--search $common, $(how "$common")" "$DUWEN" --search "$common" "$d"
	run "--search $rare, $(how "$rare")" "$DUWEN" --search "$rare" "$d"
	run "--compare, cache" "$DUWEN" --compare "$d"
	run "--search $common, unindexed (--no-cache)" "$DUWEN" --search "$common" --no-cache "$d"
	echo "  cache.db: $(du -m "$XDG_DATA_HOME/duwen/cache.db" | cut -f1) MB"
	rm -rf "$d"
done

if [ "${BENCH_BIG:-1}" != 0 ]; then
	big=$tmp/big.txt
	python3 "$here/gencorpus.py" --big $((64 * 1024 * 1024 - 65536)) "$texts" "$big"
	echo "== one article of $(du -m "$big" | cut -f1) MB"
	floor "$big"
	rm -rf "$XDG_DATA_HOME"
	paint "panes: first screen, cold" "为什么是杭州" "$big"
	# the whole article in: j and k pressed while it loads (the longest
	# wait of a key), G until the status line says 100%, then the peak
	r=$(python3 "$here/bigload.py" --marker 为什么是杭州 -- "$DUWEN" "$big")
	printf '  %-34s %s\n' "panes: all in, cold (cache built)" "$r"
	r=$(python3 "$here/bigload.py" --marker 为什么是杭州 -- "$DUWEN" "$big")
	printf '  %-34s %s\n' "panes: all in, again" "$r"
	for m in --list --dump --compare; do
		run "$m" "$DUWEN" "$m" "$big"
	done
	run "--search $common" "$DUWEN" --search "$common" "$big"
	run "--search $common --no-cache" "$DUWEN" --search "$common" --no-cache "$big"
fi
