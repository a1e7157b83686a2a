#!/bin/sh
# e2e: the highlight priority in the reading view (match.h, duwen(1)), in
# a real terminal (a private tmux server, 100x30), read back with
# capture-pane -e: a city name (西湖) inside a yellow note keeps the note's
# background in colour; without colour (NO_COLOR, TERM=vt100) each character
# shows its highest kind only: the city bold, the note reverse and
# underlined, a search hit reverse and bold. And the article list counts
# city mentions as --compare does (深圳 98 in 错过DeepSeek，深圳拼了); the
# help shows each key with its action at 80 columns.
# Every wait polls the screen until the text shows or a timeout passes.
. "$(dirname "$0")/lib/harness.sh"
export DUWEN_DATA="$tmp/data" LC_ALL=C.UTF-8
# attrs_at TEXT [K]: the SGR attributes in force at character K (default 0)
# of the first TEXT on the screen (escapes taken out to find it), sorted and
# joined by ";" (e.g. "1;4;7" or "1;31;43")
attrs_at() {
	screen e2e -e
	python3 - "$tmp/screen" "$1" "${2:-0}" <<'PY'
import re, sys
raw = open(sys.argv[1], encoding="utf-8").read()
plain, at, cur = [], [], set()
for m in re.finditer(r"\x1b\[([0-9;]*)m|(.)", raw, re.S):
    if m.group(2) is not None:
        plain.append(m.group(2)); at.append(";".join(sorted(cur))); continue
    p = (m.group(1) or "0").split(";")
    k = 0
    while k < len(p):
        c = p[k]
        if c in ("0", ""):
            cur = set()
        elif c in ("38", "48"):  # 38;5;N
            cur = {a for a in cur if not a.startswith(c)}
            cur.add(c + ":" + p[k + 2]); k += 2
        elif c in ("22", "24", "25", "27"):
            cur.discard({"22": "1", "24": "4", "25": "5", "27": "7"}[c])
        elif c in ("39", "49"):
            cur = {a for a in cur if not (a[0] == c[0] and (len(a) == 2 or a.startswith(c[0] + "8")))}
        else:
            if len(c) == 2 and c[0] in "34":  # a colour replaces the old one
                cur = {a for a in cur if not (len(a) == 2 and a[0] == c[0])}
            cur.add(c)
        k += 1
i = "".join(plain).find(sys.argv[2])
print("missing" if i < 0 else at[i + int(sys.argv[3])])
PY
}
# want_attrs TEXT K WANT WHAT: poll until the attributes at character K of
# TEXT are WANT
want_attrs() {
	n=0
	got=$(attrs_at "$1" "$2")
	while [ "$got" != "$3" ] && [ "$n" -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
		got=$(attrs_at "$1" "$2")
	done
	[ "$got" = "$3" ] && ok "$4 ($3)" || fail "$4: '$got', want '$3'"
}
start() { # start TERM NO_COLOR ARGS...
	term=$1 nc=$2
	shift 2
	start_duwen e2e 100 30 "TERM=$term NO_COLOR=$nc" "$@"
}

# a session that outlives the others keeps the server up between runs
T new-session -d -s keep "sleep 600"

art="$tmp/xihu.txt"
printf '西湖笔记\n\n第一句话在这里。我们在西湖边写笔记，人工智能很好。第三句话。\n' >"$art"
cat >"$tmp/note.json" <<JSON
[{"type": "Annotation", "body": {"type": "TextualBody", "value": "看这里"},
  "target": {"source": "$art", "styleClass": "yellow",
    "selector": [{"type": "TextQuoteSelector", "exact": "我们在西湖边写笔记"}]}}]
JSON
"$DUWEN" notes import "$tmp/note.json" "$art" >/dev/null && ok "a yellow note on 我们在西湖边写笔记" ||
	fail "notes import"

# 1. colour: 西湖 in the note is red (city 1) on the note's yellow
start xterm-256color "" "'$art'"
wait_for "写笔记"
want_attrs "们在西湖边" 2 "31;43" "colour: the city keeps the note's background"
want_attrs "边写笔记" 1 "30;43" "colour: the rest of the note"
T send-keys -t e2e "/" ; wait_for "/"
T send-keys -t e2e "笔记" Enter
wait_for "hit 1/"
# hit 1 is in the title; the one in the note is another hit: bold and
# underlined black on yellow, unlike the note's plain black on yellow
want_attrs "写笔记" 1 "1;30;4;43" "colour: a search hit in the note keeps its own look"
T send-keys -t e2e Q
wait_for "duwen exited 0"

# 2. no colour on a vt100: one kind per character
start vt100 1 "'$art'"
wait_for "写笔记"
want_attrs "们在西湖边" 2 "1" "vt100: the city in the note shows as a city"
want_attrs "边写笔记" 1 "4;7" "vt100: the note is reverse and underlined"
T send-keys -t e2e "/" ; wait_for "/"
T send-keys -t e2e "人工" Enter
wait_for "hit 1/"
want_attrs "，人工智能" 1 "1;4;7" "vt100: the current search hit"
T send-keys -t e2e Q
wait_for "duwen exited 0"

# 3. the article list's city counts are --compare's
start xterm-256color "" "'$texts'"
wait_for "错过DeepSeek" # the row, once its article has loaded
line=$(grep "错过DeepSeek" "$tmp/screen" | head -1)
case "$line" in *" 98 "*) ok "the list counts 深圳 98 in 错过DeepSeek，深圳拼了" ;;
*) fail "list counts: $line" ;; esac
# 4. the help (F1) at 80 columns: human headings, each key with its action
T resize-window -t e2e -x 80 -y 24 2>/dev/null
T send-keys -t e2e F1
wait_for "Article list (list)" # F1 opens at the focused pane's keys
T send-keys -t e2e g
wait_for "Everywhere (global)"
grep -q "^  F1  *Show the keys (help)" "$tmp/screen" && ok "help: keys with their actions at 80 columns" ||
	fail "help: no action beside F1: $(grep "F1" "$tmp/screen" | head -1)"
n=0
until grep -qF "Reading view: passages and notes (annotate)" "$tmp/screen" || [ "$n" -ge 8 ]; do
	T send-keys -t e2e Space
	sleep 0.3
	screen
	n=$((n + 1))
done
wait_for "Reading view: passages and notes (annotate)" && ok "help: the note keys' heading"
T send-keys -t e2e q
T send-keys -t e2e Q
wait_for "duwen exited 0"

finish "highlight e2e"
