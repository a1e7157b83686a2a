#!/bin/sh
# e2e: annotating in a real terminal (a private tmux server, 100x30): move
# the passage cursor, select by sentence and by character, highlight with a
# note typed in Chinese, quit, reopen: the highlight (its colour, read back
# with capture-pane -e) and the note are there, in the status line and in
# the notes pane; a second duwen process sees a note the first one writes;
# delete asks and U brings it back; `duwen notes export` prints it.
# Every wait polls the screen until the text shows or a timeout passes.
. "$(dirname "$0")/lib/harness.sh"
export DUWEN_DATA="$tmp/data" LC_ALL=C.UTF-8
# the SGR parameters in force at the first character of TEXT on the screen
# of SESSION (capture-pane -e), e.g. "4" or "30;42"
attrs_at() {
	screen "${2:-e2e}" -e
	python3 - "$tmp/screen" "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
i = text.find(sys.argv[2])
if i < 0:
    print("missing"); sys.exit()
line_start = 0  # attributes carry over from line to line
cur = []
for m in re.finditer(r"\x1b\[([0-9;]*)m", text[line_start:i]):
    for c in (m.group(1) or "0").split(";"):
        cur = [] if c in ("0", "") else cur + [c]
print(";".join(cur))
PY
}
# the characters drawn underlined anywhere on the screen (capture-pane -e;
# colour parameters such as 38;5;4 are not taken for underline)
underlined() {
	screen "${1:-e2e}" -e
	python3 - "$tmp/screen" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
ul, out, pos = False, [], 0
for m in re.finditer(r"\x1b\[([0-9;:]*)m", text):
    if ul:
        out.append(re.sub(r"\s", "", text[pos:m.start()]))
    p = (m.group(1) or "0").split(";")
    i = 0
    while i < len(p):
        c = p[i].split(":")[0]
        if c in ("38", "48", "58"):
            i += 3 if i + 1 < len(p) and p[i + 1] == "5" else 5
            continue
        if c in ("0", ""):
            ul = False
        elif c == "4":
            ul = True
        elif c == "24":
            ul = False
        i += 1
    pos = m.end()
if ul:
    out.append(re.sub(r"\s", "", text[pos:]))
print("".join(out))
PY
}
# no_underline WHAT: poll (5 s) until nothing on the screen is underlined
no_underline() {
	n=0
	while [ -n "$(underlined)" ] && [ "$n" -lt 50 ]; do n=$((n + 1)); sleep 0.1; done
	[ -z "$(underlined)" ] && ok "$1" || fail "$1: underlined: $(underlined)"
}
has_attr() { # has_attr TEXT CODE [SESSION]
	case ";$(attrs_at "$1" "${3:-e2e}");" in *";$2;"*) return 0 ;; esac
	return 1
}
start() { # start SESSION ARGS...
	s=$1
	shift
	start_duwen "$s" 100 30 "" "$@"
}

# 1. open the first article: plain reading, nothing underlined; a passage
# key shows the passage cursor (passage mode), a plain scroll hides it
start e2e "'$texts'"
wait_for "文章 Articles (5)" && ok "the list"
keys Enter
wait_for "4224字" && ok "the article opens"
no_underline "reading: no passage cursor drawn"
keys ")" ")"
n=0
until has_attr "人工智能火出了圈" 4 || [ "$n" -ge 50 ]; do n=$((n + 1)); sleep 0.1; done
has_attr "人工智能火出了圈" 4 && ok ") moves the passage cursor (underlined sentence)" ||
	fail "the cursor sentence is not underlined: $(attrs_at 人工智能火出了圈)"
u1=$(underlined)
case "$u1" in
*人工智能火出了圈*。*。*) fail "more than the cursor sentence is underlined: $u1" ;;
*人工智能火出了圈*) ok "only the cursor sentence is underlined" ;;
*) fail "underlined: $u1" ;;
esac
keys j
no_underline "j scrolls without the passage cursor"
keys k "("
wait_for "人工智能火出了圈"
n=0
until [ -n "$(underlined)" ] || [ "$n" -ge 50 ]; do n=$((n + 1)); sleep 0.1; done
[ -n "$(underlined)" ] && ! has_attr "人工智能火出了圈" 4 && ok "( shows the cursor again, one sentence back" ||
	fail "after (: underlined: $(underlined)"
keys ")"
n=0
until has_attr "人工智能火出了圈" 4 || [ "$n" -ge 50 ]; do n=$((n + 1)); sleep 0.1; done
has_attr "人工智能火出了圈" 4 && ok ") underlines the sentence again" ||
	fail "the cursor sentence is not underlined: $(attrs_at 人工智能火出了圈)"

# 2. select two sentences, then one character less
keys v ")"
wait_for "SELECT" && ok "v starts a selection"
screen
n1=$(grep -o "SELECT [0-9]*字" "$tmp/screen" | grep -o "[0-9]*")
keys h
n=0
while [ "$n" -lt 50 ]; do
	screen
	n2=$(grep -o "SELECT [0-9]*字" "$tmp/screen" | grep -o "[0-9]*")
	[ "$n2" != "$n1" ] && break
	n=$((n + 1))
	sleep 0.1
done
[ -n "$n1" ] && [ "$n2" = "$((n1 - 1))" ] && ok "h takes one character off the end ($n1 -> $n2)" ||
	fail "selection by character: $n1 -> $n2"
has_attr "人工智能火出了圈" 7 && ok "the selection shows in reverse video" || fail "selection not reversed"

# 3. highlight in green with a note in Chinese
keys a
wait_for "Colour: [y]ellow" && ok "a asks for a colour"
keys g
wait_for "Note (Enter" && ok "then for a note"
keys -l "很重要的观点"
wait_for "很重要的观点"
keys Enter
wait_for "Highlighted in green with a note" && ok "saved"
has_attr "人工智能火出了圈" 42 && ok "the passage is highlighted green" ||
	fail "no green highlight: $(attrs_at 人工智能火出了圈)"
[ -n "$(underlined)" ] && ok "the passage cursor stays shown after annotating" ||
	fail "no passage cursor after annotating"
keys Escape
no_underline "Esc hides the passage cursor"
has_attr "人工智能火出了圈" 42 && ok "the highlight stays" || fail "highlight gone after Esc"

# 4. quit, reopen: the highlight and the note are there
keys Q
wait_for "duwen exited 0" && ok "quit"
start e2e "'$texts'"
wait_for "文章 Articles (5)"
screen
grep "为什么是杭州" "$tmp/screen" | head -1 | grep -q " 1 *$" && ok "the list counts one note" ||
	fail "note count: $(grep "为什么是杭州" "$tmp/screen" | head -1)"
keys Enter
wait_for "4224字"
n=0
until has_attr "人工智能火出了圈" 42 || [ "$n" -ge 50 ]; do n=$((n + 1)); sleep 0.1; done
has_attr "人工智能火出了圈" 42 && ok "the highlight is there after reopening" ||
	fail "no highlight after reopening: $(attrs_at 人工智能火出了圈)"
keys ")" ")"
wait_for "✎ 很重要的观点" && ok "the note shows for the passage under the cursor"

# 5. the notes pane lists it; Enter reads it
keys M
wait_for "1 of 1" && wait_for "很重要的观点" && ok "the notes pane lists the note"
# the quote and the title with the reader's punctuation: ，not , between
# Chinese (below the tab line, which is the screen's)
screen
tail -n +2 "$tmp/screen" >"$tmp/pane"
if grep -q "火出了圈" "$tmp/pane" && grep -q "，" "$tmp/pane" &&
	! grep -qP '[^\x00-\x7f][,:?(][^\x00-\x7f]' "$tmp/pane"; then
	ok "the notes pane shows full-width punctuation as the reader does"
else
	fail "ASCII punctuation between Chinese in the notes pane: $(grep -P '[^\x00-\x7f][,:?(][^\x00-\x7f]' "$tmp/pane")"
fi
keys Enter
wait_for "✎ 很重要的观点" && ok "Enter jumps to the passage"

# 6. a second process writes a note; the first sees it
start e2e2 "'$texts'"
wait_for "文章 Articles (5)" e2e2
T send-keys -t e2e2 Enter
wait_for "4224字" e2e2
T send-keys -t e2e2 G a y
wait_for "Note (Enter" e2e2
T send-keys -t e2e2 -l "第二个窗口"
T send-keys -t e2e2 Enter
wait_for "Highlighted in yellow" e2e2 && ok "a second process highlights"
keys M
wait_for "2 of 2" && wait_for "第二个窗口" && ok "the first process sees the second's note"
T send-keys -t e2e2 Q
wait_for "duwen exited 0" e2e2

# 7. delete asks; U brings it back
keys g
wait_for "很重要的观点"
screen
keys D
wait_for "(y/n)" && ok "delete asks"
keys y
wait_for "Deleted (U brings it back)" && wait_for "1 of 1" && ok "deleted"
keys U
wait_for "2 of 2" && ok "U brings it back"
keys Q
wait_for "duwen exited 0"

# 8. export
"$DUWEN" notes export --format markdown >"$tmp/md" 2>&1
grep -q "很重要的观点" "$tmp/md" && grep -q "人工智能火出了圈" "$tmp/md" && grep -q "第二个窗口" "$tmp/md" &&
	ok "notes export --format markdown shows both notes" || { fail "export:"; cat "$tmp/md"; }

finish "notes e2e"
