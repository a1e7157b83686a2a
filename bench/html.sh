#!/bin/sh
# Web-page extraction speed: pages per second of `duwen --dump --width 0`
# over the saved pages of ../shared/html-dev (en and zh, read at bench time,
# never copied into the repository), beside `w3m -dump` on the same pages in
# the same run: one process per page for both, then duwen given all pages
# at once (parsing and extraction without process start-up). Best of 3.
# Skips with a message when the pages or w3m are absent.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
DUWEN=${DUWEN:-$here/../build/duwen}
dev=${HTML_DEV:-$(cd "$here/../.." && pwd)/shared/html-dev}
if [ ! -d "$dev" ]; then
	echo "html.sh: skipped: no saved pages at $dev"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8
n=0
bytes=0
for f in "$dev"/*/*.html.gz; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	gzip -dc "$f" >"$tmp/$n.html"
	bytes=$((bytes + $(wc -c <"$tmp/$n.html")))
done
if [ "$n" -eq 0 ]; then
	echo "html.sh: skipped: no .html.gz pages under $dev"
	exit 0
fi
now() { date +%s.%N; }
# best [LABEL] CMD...: the best of three timed runs of CMD over every page
# (CMD gets the page as its last argument; "ALL" runs it once on all pages)
best() {
	label=$1
	shift
	b=""
	for r in 1 2 3; do
		t0=$(now)
		if [ "$label" = "duwen-one-process" ]; then
			"$@" "$tmp"/*.html >/dev/null 2>&1 || true
		else
			i=1
			while [ "$i" -le "$n" ]; do
				"$@" "$tmp/$i.html" >/dev/null 2>&1 || true
				i=$((i + 1))
			done
		fi
		t1=$(now)
		b=$(echo "$t0 $t1 $b" | awk '{ d = $2 - $1; if ($3 == "" || d < $3) print d; else print $3 }')
	done
	echo "$b" | awk -v n="$n" -v l="$label" -v kb="$bytes" \
		'{ printf "  %-20s %7.1f pages/s  %6.1f MB/s  (%.2f s for %d pages)\n", l, n / $1, kb / 1e6 / $1, $1, n }'
}
echo "html.sh: $n saved pages, $((bytes / 1024)) KiB, from $dev"
best duwen "$DUWEN" --dump --width 0
if command -v w3m >/dev/null 2>&1; then
	best w3m w3m -dump -T text/html -O UTF-8 -cols 10000
else
	echo "  w3m                  skipped: w3m is not installed"
fi
best duwen-one-process "$DUWEN" --dump --width 0
