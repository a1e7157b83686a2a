#!/usr/bin/env python3
"""firstpaint: how long a full-screen program takes to show something, and
how long it then takes to answer a key.

Runs COMMAND in a new pseudo-terminal of COLSxROWS and prints one line:
    paint=S key_ms=M keys=N
paint: seconds until the output holds MARKER (UTF-8); key_ms: the median
time from sending KEY until the output after it goes quiet (less the quiet
time itself), over N presses. Sends QUIT at the end and kills the program
if it has not left after 5 s. "paint=timeout" if MARKER never shows.
With --idle S, also loaded=T: the time until the program's CPU time stops
growing for S seconds (the panes load articles after the first paint),
and the keys are timed after that.

    firstpaint.py --marker 'Articles (' --key j --keys 20 --quit Q -- duwen DIR
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="120x40")
    ap.add_argument("--marker", required=True)
    ap.add_argument("--key", default="j")
    ap.add_argument("--keys", type=int, default=20)
    ap.add_argument("--quit", default="Q")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--quiet", type=float, default=0.05)
    ap.add_argument("--idle", type=float, default=0)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    cols, rows = (int(x) for x in a.size.split("x"))
    marker = a.marker.encode()
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = os.environ.get("TERM", "xterm-256color")
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    buf = b""
    paint = None
    while time.monotonic() - t0 < a.timeout:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r:
            continue
        try:
            d = os.read(fd, 65536)
        except OSError:
            break
        if not d:
            break
        buf = (buf + d)[-65536:]
        if marker in buf:
            paint = time.monotonic() - t0
            break

    def drain(quiet):
        """Read until quiet seconds pass with no output; return the time
        of the last byte (or None)."""
        last = None
        while True:
            r, _, _ = select.select([fd], [], [], quiet)
            if not r:
                return last
            try:
                d = os.read(fd, 65536)
            except OSError:
                return last
            if not d:
                return last
            last = time.monotonic()

    def cpu():
        """The child's user and system time, in clock ticks."""
        try:
            with open("/proc/%d/stat" % pid) as f:
                v = f.read().rsplit(")", 1)[1].split()
            return int(v[11]) + int(v[12])
        except (OSError, IndexError, ValueError):
            return None

    loaded = None
    if paint is not None and a.idle > 0:
        last_cpu, last_t = cpu(), time.monotonic()
        while time.monotonic() - t0 < a.timeout:
            drain(0.1)
            c = cpu()
            if c is None:
                break
            if c > last_cpu + 1:
                last_cpu, last_t = c, time.monotonic()
            elif time.monotonic() - last_t >= a.idle:
                loaded = last_t - t0
                break

    times = []
    if paint is not None:
        drain(0.3)
        for _ in range(a.keys):
            t = time.monotonic()
            os.write(fd, a.key.encode())
            last = drain(a.quiet)
            if last is not None:
                times.append(last - t)
    os.write(fd, a.quit.encode())
    end = time.monotonic()
    while time.monotonic() - end < 5:
        p, _ = os.waitpid(pid, os.WNOHANG)
        if p:
            break
        drain(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    ks = "%.1f" % (statistics.median(times) * 1000) if times else "-"
    ps = "%.2f" % paint if paint is not None else "timeout"
    ls = (" loaded=%s" % ("%.2f" % loaded if loaded is not None else "timeout")
          if a.idle > 0 else "")
    print("paint=%s%s key_ms=%s keys=%d" % (ps, ls, ks, len(times)))


if __name__ == "__main__":
    sys.exit(main())
