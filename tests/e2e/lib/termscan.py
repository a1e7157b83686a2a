#!/usr/bin/env python3
"""termscan: does a capture of what duwen wrote hold anything that could act
on a terminal beyond what ncurses itself sends?

    termscan.py cli FILE...   plain output (--list, --dump, notes export,
                              messages): valid UTF-8; no C0 but LF, no DEL,
                              no ESC at all, no C1 (U+0080-U+009F), no bidi
                              control (U+202A-U+202E, U+2066-U+2069,
                              U+200E, U+200F, U+061C), no U+2028/U+2029
    termscan.py tui FILE...   a terminal session (script(1) typescript or a
                              pty capture): the same characters, except the
                              escape sequences ncurses emits for the cursor,
                              attributes, colours, scrolling regions and
                              modes; no OSC (ESC ]), DCS (ESC P), APC (ESC _),
                              PM (ESC ^), SOS (ESC X), no report requests
                              (CSI n, CSI c), no window operation but the
                              title stack save/restore (CSI 22/23 t)

Prints each offence with its offset and the bytes around it (escaped) and
exits 1 if there is one; with -v also the CSI shapes seen.
"""
import re
import sys

BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
# CSI final bytes of cursor motion, erasing, insert/delete, scrolling,
# attributes (m), modes (h l), scrolling region (r), repeat (b)
CSI_FINALS = set("@ABCDEFGHIJKLMPSTXZ`abdefghlmr")
# C0 controls ncurses writes itself: BEL (beep), BS, TAB, CR, SO and SI
# (the charset shifts in sgr0)
TUI_C0 = {0x07, 0x08, 0x09, 0x0D, 0x0E, 0x0F}
# ESC + one byte: charset designations take a further byte (handled below);
# save/restore cursor, keypad modes, reverse index, index, next line
ESC_SINGLE = set("78=>MDE")


def show(b):
    return "".join(chr(c) if 0x20 <= c < 0x7F and c != 0x5C else "\\x%02X" % c for c in b)


def scan(data, tui, shapes):
    bad = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append((e.start, "invalid UTF-8 (a raw 8-bit byte such as C1 0x9B?)"))
        text = data.decode("utf-8", "replace")
    i, n = 0, len(text)
    while i < n:
        c = ord(text[i])
        if c == 0x1B and tui:
            j = i + 1
            k = text[j] if j < n else ""
            if k == "[":
                j += 1
                m = re.compile(r"([\x30-\x3F]*)([\x20-\x2F]*)([\x40-\x7E])").match(text, j)
                if not m:
                    bad.append((i, "unterminated CSI"))
                    i = j
                    continue
                params, inter, final = m.group(1), m.group(2), m.group(3)
                priv = params[:1] if params[:1] in "?<=>" else ""
                shapes.add(priv + inter + final)
                ok = not inter and final in CSI_FINALS and priv in ("", "?")
                if final == "t" and not inter and params in ("22;0;0", "23;0;0"):
                    ok = True
                if priv == "?" and final not in "hl":
                    ok = False
                if not ok:
                    bad.append((i, "CSI %r not one ncurses draws with" % (params + inter + final)))
                i = m.end()
                continue
            if k in "()*+" and j + 1 < n:
                i = j + 2
                continue
            if k and k in ESC_SINGLE:
                i = j + 1
                continue
            names = {"]": "OSC", "P": "DCS", "_": "APC", "^": "PM", "X": "SOS"}
            bad.append((i, "ESC %s (%s)" % (k, names.get(k, "not an ncurses sequence"))))
            i = j
            continue
        if c < 0x20 and c != 0x0A and not (tui and c in TUI_C0):
            bad.append((i, "C0 control U+%04X" % c))
        elif c == 0x7F:
            bad.append((i, "DEL"))
        elif 0x80 <= c <= 0x9F:
            bad.append((i, "C1 control U+%04X" % c))
        elif c in BIDI:
            bad.append((i, "bidi control U+%04X" % c))
        elif c in (0x2028, 0x2029):
            bad.append((i, "line/paragraph separator U+%04X" % c))
        i += 1
    return text, bad


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    if len(args) < 2 or args[0] not in ("cli", "tui"):
        sys.stderr.write(__doc__)
        return 2
    tui = args[0] == "tui"
    status = 0
    shapes = set()
    for path in args[1:]:
        with open(path, "rb") as f:
            data = f.read()
        text, bad = scan(data, tui, shapes)
        for off, why in bad[:10]:
            ctx = text[max(0, off - 20):off + 20].encode("utf-8", "replace")
            print("%s: offset %d: %s: ...%s..." % (path, off, why, show(ctx)))
        if bad:
            status = 1
    if verbose:
        print("CSI shapes:", " ".join(sorted(shapes)))
    return status


if __name__ == "__main__":
    sys.exit(main())
