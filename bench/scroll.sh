#!/bin/sh
# Bytes written to the terminal per line scroll (j) and per page (Space) at
# 80x24, by duwen and by less on the same article (less gets duwen's own
# laid-out text, so both show the same lines). Needs $DUWEN and python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
DUWEN=${DUWEN:-$here/../build/duwen}
article=${1:-$here/../texts/001_hangzhou_kaiyuan.txt}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8
export TERM=xterm-256color
unset NO_COLOR LESS || true
"$DUWEN" --dump "$article" >"$tmp/article.txt"
keys="j*20,SPACE*5,k*10"
python3 "$here/ptybytes.py" --size 80x24 --keys "$keys" --quit q --label duwen -- "$DUWEN" "$article"
if command -v less >/dev/null 2>&1; then
	python3 "$here/ptybytes.py" --size 80x24 --keys "$keys" --quit q --label less -- less "$tmp/article.txt"
else
	echo "less: not installed"
fi
