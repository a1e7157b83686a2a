#!/bin/sh
# Regenerate the KEYS section of man/duwen.1 from the key table:
#   sh man/update-keys.sh [DUWEN]   (default: build/duwen)
# The section sits between ".Sh KEYS" and the next ".Sh"; it is inserted
# before ".Sh LOADING ARTICLES" (else before ".Sh EXIT STATUS") if missing.
# tests/test_ui_keys.c fails when the page and the table disagree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
duwen=${1:-$here/../build/duwen}
page=$here/duwen.1
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.keys"' EXIT
"$duwen" --keys-man >"$tmp.keys"
awk -v keys="$tmp.keys" '
function put(   l) { while ((getline l < keys) > 0) print l; done = 1 }
/^\.Sh KEYS/ { put(); skip = 1; next }
/^\.Sh / && skip { skip = 0 }
/^\.Sh (LOADING ARTICLES|EXIT STATUS)/ && !done { put() }
!skip { print }
' "$page" >"$tmp"
cat "$tmp" >"$page"
