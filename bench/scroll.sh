#!/bin/sh
# Bytes written to the terminal per line scroll (j, k) and per page (Space,
# b) at 80x24, by duwen and by less on the same article, side by side: less
# on the file as it is (what a less user sees: pinyin, raw lines) and less on
# duwen's own laid-out text at the reading view's width, 79 columns (the
# reader never writes the last column), the closest like-for-like.
# Needs $DUWEN and python3; bench/ptybytes.py drives a pseudo-terminal.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
DUWEN=${DUWEN:-$here/../build/duwen}
article=${1:-$here/../texts/001_hangzhou_kaiyuan.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8
export TERM=xterm-256color
unset NO_COLOR LESS || true
"$DUWEN" --dump --width 79 "$article" >"$tmp/article.txt"
keys="j*20,SPACE*5,k*10,b*3"
python3 "$here/ptybytes.py" --size 80x24 --keys "$keys" --quit q --label duwen -- "$DUWEN" "$article" |
	tee "$tmp/duwen.out"
if command -v less >/dev/null 2>&1; then
	python3 "$here/ptybytes.py" --size 80x24 --keys "$keys" --quit q --label less -- less "$tmp/article.txt" |
		tee "$tmp/less.out"
	python3 "$here/ptybytes.py" --size 80x24 --keys "$keys" --quit q --label less-file -- less "$article" |
		tee "$tmp/lessfile.out"
	echo "bytes per key at 80x24, TERM=$TERM, $(basename "$article"):"
	printf '  %-6s %8s %12s %12s\n' key duwen 'less(file)' 'less(laid)'
	for k in j k SPACE b; do
		d=$(awk -v k="$k" '$2 == k { sub("mean=", "", $4); print $4 }' "$tmp/duwen.out")
		l=$(awk -v k="$k" '$2 == k { sub("mean=", "", $4); print $4 }' "$tmp/less.out")
		f=$(awk -v k="$k" '$2 == k { sub("mean=", "", $4); print $4 }' "$tmp/lessfile.out")
		printf '  %-6s %8s %12s %12s\n' "$k" "$d" "$f" "$l"
	done
else
	echo "less: not installed"
fi
