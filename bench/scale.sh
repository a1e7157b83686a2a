#!/bin/sh
# The scale benchmark (issue 12): generated corpora of 1,000 and 10,000
# articles (bench/gencorpus.py, from texts/) and one 64 MiB article, each
# beside the floor measured in the same run: cat of the folder to
# /dev/null and grep -r of the same word. Prints, per corpus: the first
# list paint in the panes cold (no cache) and warm, the time until all is
# loaded (--list cold), time per list key (j), search for 资本 and for a
# rare word (indexed, then the first unindexed one: --no-cache), the
# comparison, and peak memory (getrusage through /usr/bin/time or python).
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
paint() { # NAME MARKER ARGS...
	name=$1 marker=$2
	shift 2
	r=$(python3 "$here/firstpaint.py" --marker "$marker" --key j --keys 20 --quit Q -- "$DUWEN" "$@")
	printf '  %-34s %s\n' "$name" "$r"
}
floor() { # DIR
	run "floor: cat of the folder" sh -c "find '$1' -type f -exec cat {} + >/dev/null"
	run "floor: grep -r $common" grep -r -q -- "$common" "$1"
	run "floor: grep -r $rare" grep -r -l -- "$rare" "$1"
}

for n in $sizes; do
	d=$tmp/c$n
	python3 "$here/gencorpus.py" "$texts" "$d" "$n"
	echo "== $n articles, $(du -sm "$d" | cut -f1) MB"
	floor "$d"
	rm -rf "$XDG_DATA_HOME"
	paint "panes: first list paint, cold" "Articles (" "$d"
	run "--list, cold (all loaded, indexed)" "$DUWEN" --list "$d"
	run "--list, with the cache" "$DUWEN" --list "$d"
	paint "panes: first list paint, cache" "Articles (" "$d"
	run "--search $common, indexed" "$DUWEN" --search "$common" "$d"
	run "--search $rare, indexed" "$DUWEN" --search "$rare" "$d"
	run "--search $common, unindexed" "$DUWEN" --search "$common" --no-cache "$d"
	run "--compare" "$DUWEN" --compare "$d"
	echo "  cache.db: $(du -m "$XDG_DATA_HOME/duwen/cache.db" | cut -f1) MB"
	rm -rf "$d"
done

if [ "${BENCH_BIG:-1}" != 0 ]; then
	big=$tmp/big.txt
	python3 "$here/gencorpus.py" --big $((64 * 1024 * 1024 - 65536)) "$texts" "$big"
	echo "== one article of $(du -m "$big" | cut -f1) MB"
	floor "$big"
	paint "panes: first screen" "为什么是杭州" "$big"
	for m in --list --dump --compare; do
		run "$m" "$DUWEN" "$m" "$big"
	done
	run "--search $common" "$DUWEN" --search "$common" "$big"
fi
