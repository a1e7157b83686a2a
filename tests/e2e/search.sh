#!/bin/sh
# e2e: corpus-wide search in a real terminal (a private tmux server): S
# asks for a query, the hits are grouped by article with counts, Enter opens
# the reading view at the hit with the reader's hit counter set so that n
# moves on; K highlights a keyword. Also the plain-text --search output.
. "$(dirname "$0")/lib/harness.sh"

# 0. plain text: counts (pinned in tests/test_search.c), traditional hits
LC_ALL=C.UTF-8 "$DUWEN" --search 资本 "$texts" >"$tmp/out" 2>&1
head -1 "$tmp/out" | grep -qxF "资本: 16 hits in 4 articles" && ok "--search summary line" ||
	fail "--search: $(head -1 "$tmp/out")"
grep -qF "杭州國有⟨資本⟩直投" "$tmp/out" && ok "--search finds 資本 for 资本" ||
	fail "--search: no traditional hit"
LC_ALL=C.UTF-8 "$DUWEN" --search "" "$texts" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && ok "an empty query is a usage error" || fail "empty query: $(cat "$tmp/err")"

# 1. the pane
start_duwen e2e 120 30 "" "'$texts'"
wait_for "文章 Articles (5)"
# the last row's title: every article has loaded (in order), so the search
# is over all five
wait_for "為什么DeepSeek成功了"
keys S
wait_for "Search all:"
keys -l "资本"
keys Enter
wait_for "资本: 16 hits in 4 articles" && ok "the search pane counts the hits"
wait_for "错过DeepSeek，深圳拼了 (1)" && ok "hits are grouped by article with counts"

# 2. the second row (hits 2 and 3: one sentence, one row) opens in the
# reader at its first hit, and the reader knows the hits
keys j Enter
wait_for "hit 2/" && ok "Enter opens the reader at the row's first hit (hit 2/N)"
wait_for "州形成了多元開放的資本圈" && ok "the hit's sentence is on screen"
keys n
wait_for "hit 3/" && ok "n moves to the next hit"

# 3. back to the results, at the same row
keys q
wait_for "hit 2/16" && ok "back returns to the same hit"

# 4. K highlights a word in every article
keys K
wait_for "Highlight"
keys -l "算力"
keys Enter
wait_for "highlighting 算力" && ok "K adds a keyword"

keys Q
wait_for "duwen exited 0" && ok "quits cleanly"
finish search.sh
