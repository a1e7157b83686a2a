#!/usr/bin/python3
"""widecheck: does a full-screen program ever leave half of a wide character
on the terminal?

    widecheck.py [--size 160x45] [--term xterm-256color] [--redraw C-l]
                 [--raw FILE] --keys 'TOKENS' -- COMMAND [ARG...]

Runs COMMAND in a pseudo-terminal of the given size, feeds everything it
writes to a terminal model (python3-pyte, with the REP, SU and SD sequences
pyte lacks added), sends the keys one at a time and, whenever the output has
gone quiet, checks every row of the model:

  - a wide character (two cells) must be followed by its stub cell: a narrow
    character or a border written over the right half, or an erase that
    starts in the middle, leaves the left half alone ("left half alone");
  - a stub cell must follow a wide character: a narrow character written
    over the left half leaves the right half behind ("right half alone"; the
    case that made pyte's Screen.display raise IndexError);
  - no wide character starts in the last column ("wide in last column").

With --redraw KEY, after every key the screen is also compared with the one
KEY (the program's full repaint, C-l) draws, but for the bottom row (a
message lasts until the next key): a cell the program meant to erase or
rewrite but left behind differs ("stale").

Tokens: whitespace-separated KEY or KEY*N; KEY is a literal character, a
name (SPACE ENTER TAB ESC BS UP DOWN LEFT RIGHT PGUP PGDN F1..F7), C-x for
control-x, or \\xNN escapes. The token WAIT=S waits S seconds.

Prints each finding (key number, key, row, column, the row) and a summary
line; exits 1 if anything was found, 2 on a usage or model error.
"""
import argparse
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

try:
    import pyte
    from pyte.screens import Char
    from wcwidth import wcwidth
except ImportError as e:  # python3-pyte brings python3-wcwidth
    print("widecheck: needs python3-pyte (%s)" % e, file=sys.stderr)
    sys.exit(2)

NAMED = {
    'SPACE': b' ', 'ENTER': b'\r', 'TAB': b'\t', 'ESC': b'\x1b', 'BS': b'\x7f',
    'UP': b'\x1b[A', 'DOWN': b'\x1b[B', 'RIGHT': b'\x1b[C', 'LEFT': b'\x1b[D',
    'PGUP': b'\x1b[5~', 'PGDN': b'\x1b[6~', 'HOME': b'\x1b[H', 'END': b'\x1b[F',
    'F1': b'\x1bOP', 'F2': b'\x1bOQ', 'F3': b'\x1bOR', 'F4': b'\x1bOS',
    'F5': b'\x1b[15~', 'F6': b'\x1b[17~', 'F7': b'\x1b[18~',
}


def parse_key(name):
    if name in NAMED:
        return NAMED[name]
    if len(name) == 3 and name.startswith('C-'):
        return bytes([ord(name[2].lower()) & 0x1f])
    if '\\x' in name:
        return bytes(int(h, 16) for h in re.findall(r'\\x([0-9a-fA-F]{2})', name))
    return name.encode('utf-8')


def parse_keys(script):
    out = []
    for tok in script.split():
        if tok.startswith('WAIT='):
            out.append((tok, None, float(tok[5:])))
            continue
        m = re.fullmatch(r'(.+?)\*(\d+)', tok)
        name, n = (m.group(1), int(m.group(2))) if m else (tok, 1)
        out.extend([(name, parse_key(name), 0)] * n)
    return out


class Screen(pyte.Screen):
    """pyte's screen plus what ncurses sends for xterm that pyte drops:
    REP (CSI n b: the last character n more times), SU and SD (CSI n S,
    CSI n T: scroll the region up or down)."""

    def __init__(self, cols, rows):
        super().__init__(cols, rows)
        self.last_char = None

    def draw(self, data):
        super().draw(data)
        if data:
            self.last_char = data[-1]

    def repeat_last(self, count=None):
        if self.last_char is not None:
            super().draw(self.last_char * (count or 1))

    def _scroll(self, n, up):
        top, bottom = self.margins or pyte.screens.Margins(0, self.lines - 1)
        for _ in range(n or 1):
            if up:
                for y in range(top, bottom):
                    self.buffer[y] = self.buffer[y + 1]
                self.buffer.pop(bottom, None)
            else:
                for y in range(bottom, top, -1):
                    self.buffer[y] = self.buffer[y - 1]
                self.buffer.pop(top, None)
        self.dirty.update(range(top, bottom + 1))

    def scroll_up(self, count=None, *args, **kwargs):
        self._scroll(count, True)

    def scroll_down(self, count=None, *args, **kwargs):
        self._scroll(count, False)

    def select_graphic_rendition(self, *attrs, **kwargs):
        # pyte 0.8 rejects some colon forms; attributes do not matter here
        try:
            super().select_graphic_rendition(*attrs, **kwargs)
        except (KeyError, IndexError, ValueError):
            pass


class Stream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, b='repeat_last', S='scroll_up', T='scroll_down')


def wide_ambiguous():
    """East Asian Ambiguous characters take two cells, in the model and in
    the checks."""
    import unicodedata
    import pyte.screens
    global wcwidth
    narrow = wcwidth

    def w(c):
        n = narrow(c)
        return 2 if n == 1 and unicodedata.east_asian_width(c) == 'A' else n
    wcwidth = w
    pyte.screens.wcwidth = w


def cell_text(c):
    return c.data if isinstance(c, Char) else str(c)


def findings(screen):
    """(row, col, what, row text) for every wide character left split."""
    out = []
    cols = screen.columns
    for y in range(screen.lines):
        line = screen.buffer[y]
        x = 0
        while x < cols:
            d = line[x].data
            if d == '':
                out.append((y, x, 'right half alone'))
                x += 1
                continue
            if wcwidth(d[0]) == 2:
                if x + 1 >= cols:
                    out.append((y, x, 'wide in last column'))
                elif line[x + 1].data != '':
                    out.append((y, x, 'left half alone'))
                    x += 1
                    continue
                x += 2
                continue
            x += 1
    return [(y, x, what, row_text(screen, y)) for y, x, what in out]


def row_text(screen, y):
    line = screen.buffer[y]
    return ''.join(line[x].data or '·' for x in range(screen.columns)).rstrip()


def snapshot(screen):
    return [[screen.buffer[y][x].data for x in range(screen.columns)]
            for y in range(screen.lines)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--size', default='160x45')
    ap.add_argument('--term', default='xterm-256color')
    ap.add_argument('--keys', required=True)
    ap.add_argument('--redraw', default=None, help='key of a full repaint (C-l)')
    ap.add_argument('--settle', type=float, default=0.25)
    ap.add_argument('--raw', default=None, help='save every byte written here')
    ap.add_argument('--max', type=int, default=20, help='findings printed')
    ap.add_argument('--ambiguous-wide', action='store_true',
                    help='model a terminal set to CJK widths (East Asian Ambiguous: 2)')
    ap.add_argument('cmd', nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == '--' else a.cmd
    if not cmd:
        ap.error('no command')
    cols, rows = (int(v) for v in a.size.split('x'))
    if a.ambiguous_wide:
        wide_ambiguous()
    keys = parse_keys(a.keys)
    redraw = parse_key(a.redraw) if a.redraw else None

    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = a.term
        os.environ['LC_ALL'] = 'C.UTF-8'
        os.environ['COLUMNS'], os.environ['LINES'] = str(cols), str(rows)
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    screen = Screen(cols, rows)
    stream = Stream(screen)
    raw = open(a.raw, 'wb') if a.raw else None
    total = 0
    dead = False

    def drain(settle, first=8.0):
        """Read until nothing comes for settle seconds (after some bytes,
        or first seconds of nothing)."""
        nonlocal total, dead
        got = 0
        deadline = time.monotonic() + first
        while True:
            wait = settle if got else max(0.0, deadline - time.monotonic())
            r, _, _ = select.select([fd], [], [], wait)
            if not r:
                return got
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b''
            if not chunk:
                dead = True  # the program has ended
                return got
            got += len(chunk)
            total += len(chunk)
            if raw:
                raw.write(chunk)
            stream.feed(chunk)

    def check():
        """Findings that last: a burst still being written is given time."""
        f = findings(screen)
        if f:
            drain(1.0, first=1.0)
            f = findings(screen)
        return f

    found = []
    nkeys = 0
    pid_done = False

    def report(k, label, fs):
        for y, x, what, text in fs:
            found.append((k, label, y, x, what, text))

    drain(a.settle, first=10.0)
    report(0, '(first screen)', check())
    for label, data, wait in keys:
        if dead:
            _, st = os.waitpid(pid, 0)
            pid_done = True
            found.append((nkeys, label, 0, 0, 'the program ended before its keys (%s)' %
                          ('signal %d' % os.WTERMSIG(st) if os.WIFSIGNALED(st)
                           else 'status %d' % os.WEXITSTATUS(st)), ''))
            break
        if data is None:
            time.sleep(wait)
            drain(a.settle, first=0.05)
            continue
        nkeys += 1
        os.write(fd, data)
        drain(a.settle, first=2.0)
        fs = check()
        report(nkeys, label, fs)
        if redraw is not None and not fs:
            before = snapshot(screen)
            os.write(fd, redraw)
            drain(a.settle, first=2.0)
            after = snapshot(screen)
            for y in range(rows - 1):  # the bottom row's message goes
                diff = [x for x in range(cols) if before[y][x] != after[y][x]]
                if diff:
                    found.append((nkeys, label, y, diff[0],
                                  'stale (%d cells differ from a repaint: was %r)' %
                                  (len(diff), ''.join(before[y][x] or '·' for x in diff[:8])),
                                  row_text(screen, y)))
    if not pid_done:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            drain(0.2, first=1.0)
        except Exception:
            pass
        os.waitpid(pid, 0)
    if raw:
        raw.close()
    for k, label, y, x, what, text in found[:a.max]:
        print('key %d (%s): row %d col %d: %s: %s' % (k, label, y, x, what, text))
    print('widecheck: %d keys, %d bytes, %d findings' % (nkeys, total, len(found)))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
