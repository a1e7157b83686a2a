#!/bin/sh
# e2e: nothing a file, a file name or an imported note holds reaches the
# terminal as a control. Articles, file names and W3C notes carry OSC 0, 2,
# 8 and 52, CSI (ESC [2J), DCS, APC, PM, SOS, 8-bit C1 (the raw byte 0x9B
# and U+009B) and bidi overrides; every output path (--list, --dump,
# --search, --compare, notes import and export in both formats, the
# warnings, the panes) runs on them. The bytes written (files for the
# command line, script(1) for the panes) must hold no sequence ncurses
# itself does not send (lib/termscan.py), and tmux's pane title and paste
# buffers must be unchanged after each run (set-clipboard on, so that an
# OSC 52 would make a buffer).
. "$(dirname "$0")/lib/harness.sh"
export LC_ALL=C.UTF-8
scan="python3 $here/lib/termscan.py"
export DUWEN_DATA="$tmp/data"
corpus=$tmp/corpus
mkdir -p "$corpus"

# The hostile files: built in Python, which handles names as bytes.
python3 - "$tmp" <<'EOF'
import json, os, sys, urllib.parse
tmp = os.fsencode(sys.argv[1])
ESC, BEL, ST = b"\x1b", b"\x07", b"\x1b\\"
OSC0 = ESC + b"]0;PWNED-TITLE" + BEL
OSC2 = ESC + b"]2;PWNED-TITLE" + ST
OSC8 = ESC + b"]8;;http://evil.example/" + ST + b"link" + ESC + b"]8;;" + ST
OSC52 = ESC + b"]52;c;cHduZWQ=" + BEL
CSI = ESC + b"[2J" + ESC + b"[31m"
DCS = ESC + b"Pq#0;2;0;0;0" + ST
APC, PM, SOS = ESC + b"_apc" + ST, ESC + b"^pm" + ST, ESC + b"Xsos" + ST
C1RAW = b"\x9b" + b"2J"
C1UTF = "\u009b".encode() + b"31m"
BIDI = "\u202e".encode() + b"gpj.exe" + "\u2066".encode()
ALL = OSC0 + OSC2 + OSC8 + OSC52 + CSI + DCS + APC + PM + SOS + C1RAW + C1UTF + BIDI
# file names: no '/' (so no OSC 8 URL), each under 255 bytes
names = [b"a" + OSC0 + CSI + b".txt", b"b" + OSC52 + C1RAW + b".txt",
         b"c" + BIDI + C1UTF + b".txt", b"d" + DCS + APC + PM + SOS + OSC2[:-2] + BEL + b".txt"]
corpus = os.path.join(tmp, b"corpus")
paths = []
for k, n in enumerate(names):
    p = os.path.join(corpus, n)
    paths.append(p)
    with open(p, "wb") as f:
        f.write(b"title: " + "杭州".encode() + ALL + "的故事{}\n".format(k).encode() +
                b"source: " + "四川日报".encode() + OSC52 + C1RAW + b"\n" +
                b"author: " + BIDI + "记者".encode() + b"\n\n" +
                "杭州的算力".encode() + ALL + "深圳和成都也在追赶。".encode() + b"\n\n" +
                "第二段：杭州".encode() + OSC8 + "人才很多，".encode() + C1UTF +
                "深圳".encode() + DCS + "成都。".encode() + b"\n")
# an empty and a binary file: warnings naming them
open(os.path.join(corpus, b"e" + OSC0 + b".txt"), "wb").close()
with open(os.path.join(corpus, b"f" + OSC52 + b".txt"), "wb") as f:
    f.write(b"\x00\x01binary\x00" * 64)
# notes: every field hostile; an annotation with an empty source and a
# hostile id; the target as a file:// URI, since a raw 0x9B is no JSON
def s(b):
    return b.decode("utf-8", "surrogateescape")
notes = []
for k, p in enumerate(paths):
    notes.append({
        "type": "Annotation", "id": "urn:x:" + s(OSC0 + C1UTF) + str(k),
        "created": "2024-05-01T08:30:00Z" + s(CSI),
        "body": {"type": "TextualBody", "value": "笔记" + s(ALL.replace(C1RAW, b"")) + "完"},
        "target": {"source": "file://" + urllib.parse.quote(p),
                   "styleClass": "green" + s(OSC52),
                   "selector": [{"type": "TextQuoteSelector", "exact": "深圳和成都" + s(CSI),
                                 "prefix": s(BIDI) + "算力", "suffix": s(OSC0) + "也在"}]}})
notes.append({"type": "Annotation", "id": "urn:evil:" + s(OSC2 + OSC52 + BIDI),
              "target": {"source": "", "selector": {"type": "TextQuoteSelector", "exact": "杭州"}}})
# an orphan: its file is gone, its name shows in the exports and panes
notes.append({"type": "Annotation", "body": "孤儿" + s(OSC52),
              "target": {"source": s(os.path.join(tmp, b"gone" + OSC0 + b".txt")),
                         "selector": {"type": "TextQuoteSelector", "exact": "不见了" + s(OSC2)}}})
doc = json.dumps(notes, ensure_ascii=True).encode()
with open(os.path.join(tmp, b"notes" + OSC0 + C1RAW + b".json"), "wb") as f:
    f.write(doc)
EOF
json=$(printf '%s\n' "$tmp"/notes*.json)
esc=$(printf '\033')
bad_name=$tmp/missing${esc}]52\;c\;cHduZWQ=$(printf '\007')$(printf '\233')2J
bad_dir=$tmp/empty${esc}[2J$(printf '\342\200\256')
mkdir -p "$bad_dir"

# 1. the command line: stdout and stderr to files, scanned
n=0
run() {
	n=$((n + 1))
	"$DUWEN" "$@" >"$tmp/out.$n" 2>"$tmp/err.$n"
	echo "$*" | tr -c '[:print:]\n' '?' >"$tmp/cmd.$n"
}
run --list "$corpus" "$bad_name" "$bad_dir"
run --dump "$corpus"/*.txt
run --dump --width 0 "$corpus"/*.txt
run --search 杭州 "$corpus"
run --search "杭州${esc}]0;PWNED$(printf '\007')" "$corpus"
run --compare "$corpus"
run --width "${esc}]0;PWNED$(printf '\007')" "$corpus"
run "--${esc}[2Jx"
run --encoding "${esc}]52;c;cHduZWQ=$(printf '\007')" "$corpus"
run "$bad_name"
run notes import "$json" "$corpus"
run notes import "$bad_name"
run notes export "$corpus"
run notes export --format json "$corpus"
run notes export --article "$corpus"/a*.txt "$corpus"
i=1
while [ "$i" -le "$n" ]; do
	if $scan cli "$tmp/out.$i" "$tmp/err.$i" >"$tmp/scan" 2>&1; then
		ok "duwen $(cat "$tmp/cmd.$i"): nothing that acts on a terminal"
	else
		fail "duwen $(cat "$tmp/cmd.$i"):"
		cat "$tmp/scan"
	fi
	i=$((i + 1))
done

# what the outputs should still say: file names escaped, notes imported
grep -qF 'imported 5 notes' "$tmp/out.11" && ok "notes import: the usable notes imported" ||
	fail "notes import: $(cat "$tmp/out.11" "$tmp/err.11")"
grep -qF 'annotation 5 (id urn:evil:\x1B]2;PWNED-TITLE\x1B\\\x1B]52;c;cHduZWQ=\x07\u202Egpj.exe\u2066): no target source' "$tmp/err.11" &&
	ok "notes import names the unusable annotation, its id escaped" ||
	{ fail "notes import warning:"; cat "$tmp/err.11"; }
grep -qF "notes\\x1B]0;PWNED-TITLE\\x07\\x9B2J.json: annotation 5" "$tmp/err.11" &&
	ok "notes import names the file, escaped" || fail "notes import: the file name: $(cat "$tmp/err.11")"
grep -qF 'missing\x1B]52;c;cHduZWQ=\x07\x9B2J: no such file or directory' "$tmp/err.1" &&
	ok "--list: a missing file's name escaped" || fail "--list warnings: $(cat "$tmp/err.1")"
grep -qF 'empty\x1B[2J\u202E: no ' "$tmp/err.1" &&
	ok "--list: an empty directory's name escaped" || fail "--list warnings: $(cat "$tmp/err.1")"
grep -qF 'f\x1B]52;c;cHduZWQ=\x07.txt: not a text file' "$tmp/err.1" &&
	ok "--list: a binary file's name escaped" || fail "--list warnings: $(cat "$tmp/err.1")"
grep -qF 'File: `' "$tmp/out.13" && grep -qF 'a\x1B]0;PWNED-TITLE\x07\x1B[2J\x1B[31m.txt`' "$tmp/out.13" &&
	ok "notes export: file names escaped" || { fail "notes export:"; head -20 "$tmp/out.13"; }
grep -qF '笔记' "$tmp/out.13" && grep -qF '孤儿' "$tmp/out.13" &&
	ok "notes export: the notes and the orphan are there" || fail "notes export lacks notes"
# (a file name is kept as it is, to find the file: escaped in "source")
grep -v '"source":' "$tmp/out.14" | grep -qiF -e '\u001b' -e '\u009b' -e '\u202e' &&
	fail "JSON export: a control was stored (the import should have dropped it)" ||
	ok "JSON export: no control was stored but in file names"

# 2. the same commands on a terminal (tmux): the pane title and the paste
# buffers stay as they were
T has-session -t h-keep 2>/dev/null || T new-session -d -s h-keep "sleep 600"
T set -g set-clipboard on
T new-session -d -s e2e -x 160 -y 50 "env PS1='$ ' sh"
T select-pane -t e2e -T e2e-title
i=1
: >"$tmp/all.sh"
while [ "$i" -le "$n" ]; do
	printf 'cat "%s" "%s"\n' "$tmp/out.$i" "$tmp/err.$i" >>"$tmp/all.sh"
	i=$((i + 1))
done
echo 'echo all-shown' >>"$tmp/all.sh"
keys "sh '$tmp/all.sh'" Enter
wait_for "all-shown" && ok "the command-line outputs shown in tmux"
title=$(T display -p -t e2e '#{pane_title}')
[ "$title" = e2e-title ] && ok "pane title unchanged by the outputs" || fail "pane title now '$title'"
bufs=$(T list-buffers)
[ -z "$bufs" ] && ok "no paste buffer made by the outputs" || fail "paste buffers: $bufs"

# 3. the panes, recorded by script(1): list, reader, outline, notes,
# comparison, search, help (title and buffers as they were first)
T select-pane -t e2e -T e2e-title
while T delete-buffer 2>/dev/null; do :; done
keys "clear; script -q -c \"'$DUWEN' '$corpus'\" '$tmp/tui.raw'; echo tui-done" Enter
wait_for "文章 Articles" && ok "the article list"
keys Enter
wait_for "杭州的算力" && ok "the reading view"
keys o
wait_for "的故事" && keys Escape
keys M
wait_for "笔记" && ok "the notes pane"
keys C
wait_for "杭州" && ok "the comparison"
keys S
keys 杭州 Enter
wait_for "人才很多" && ok "the search pane"
keys F1
wait_for "Keys  line"
keys g # F1 opens at the focused pane's keys; g: the top
wait_for "Show the keys" && ok "the help"
keys Q
wait_for "tui-done" && ok "quit"
title=$(T display -p -t e2e '#{pane_title}')
[ "$title" = e2e-title ] && ok "pane title unchanged by the panes" || fail "pane title now '$title'"
bufs=$(T list-buffers)
[ -z "$bufs" ] && ok "no paste buffer made by the panes" || fail "paste buffers: $bufs"
if $scan tui "$tmp/tui.raw" >"$tmp/scan" 2>&1; then
	ok "the panes wrote no sequence ncurses does not ($(wc -c <"$tmp/tui.raw") bytes)"
else
	fail "the panes:"
	cat "$tmp/scan"
fi

# 4. a terminal that cannot move the cursor (TERM=dumb): refused with a
# message, not drawn with its rows run together; a TERM that is a control
# sequence is named without its controls (the pane title stays)
start_duwen dumb 80 24 "TERM=dumb" "'$corpus'"
wait_for "duwen exited 1" dumb &&
	grep -qF "duwen: terminal type 'dumb' cannot move the cursor" "$tmp/screen" &&
	! grep -qF "文章 Articles" "$tmp/screen" &&
	ok "TERM=dumb: refused with a message" || { fail "TERM=dumb:"; cat "$tmp/screen"; }
printf '\033]2;PWNED\033\\' >"$tmp/term" # read by the session's shell: tmux drops ESC
start_duwen badterm 80 24 "TERM=\"\$(cat '$tmp/term')\"" "'$corpus'"
wait_for "duwen exited 1" badterm &&
	grep -qF "cannot use terminal type ']2;PWNED\\'" "$tmp/screen" &&
	[ "$(T display -p -t badterm '#{pane_title}')" != PWNED ] &&
	ok "a TERM holding OSC 2: named, the title unchanged" || { fail "TERM holding OSC 2:"; cat "$tmp/screen"; }

finish "termsafe e2e"
