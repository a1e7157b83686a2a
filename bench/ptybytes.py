#!/usr/bin/env python3
"""ptybytes: bytes a full-screen program writes per keypress.

Runs COMMAND in a new pseudo-terminal of COLSxROWS, waits until the first
screen is drawn (no output for --settle seconds after some output), then
sends each key of --keys one at a time and counts the bytes that come back
before the output goes quiet again. Prints one line per key group:
    LABEL KEY n=N mean=M min=A max=B total=T

    ptybytes.py --size 80x24 --keys j*20,SPACE*5 --quit q --label duwen -- CMD ARG...
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

NAMES = {"SPACE": b" ", "ENTER": b"\r", "ESC": b"\x1b", "PGDN": b"\x1b[6~",
         "PGUP": b"\x1b[5~", "DOWN": b"\x1b[B", "UP": b"\x1b[A", "CD": b"\x04",
         "CU": b"\x15"}


def drain(fd, settle, first_timeout=5.0):
    """Read until no byte arrives for settle seconds (after the first)."""
    got = 0
    deadline = time.monotonic() + first_timeout
    while True:
        wait = settle if got else max(0.0, deadline - time.monotonic())
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            return got
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return got
        if not chunk:
            return got
        got += len(chunk)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--keys", default="j*20,SPACE*5")
    ap.add_argument("--quit", default="q")
    ap.add_argument("--label", default="cmd")
    ap.add_argument("--settle", type=float, default=0.25)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    cols, rows = (int(x) for x in a.size.split("x"))
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    initial = drain(fd, max(a.settle, 0.5))
    print(f"{a.label} initial-paint bytes={initial}")
    for group in a.keys.split(","):
        key, _, n = group.partition("*")
        n = int(n or 1)
        data = NAMES.get(key, key.encode())
        counts = []
        for _ in range(n):
            os.write(fd, data)
            counts.append(drain(fd, a.settle, first_timeout=a.settle * 4))
        print(f"{a.label} {key} n={n} mean={sum(counts)/n:.1f} min={min(counts)} "
              f"max={max(counts)} total={sum(counts)}")
    os.write(fd, a.quit.encode())
    drain(fd, a.settle, 1.0)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


if __name__ == "__main__":
    sys.exit(main())
