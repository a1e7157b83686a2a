#!/usr/bin/env python3
"""bigload: how long keys wait while the panes load a huge article, and
the peak memory once the whole of it is in.

Runs COMMAND (duwen FILE) in a new pseudo-terminal of COLSxROWS, waits
until the output holds MARKER (the first screen), then presses j and k in
turn, one at a time, each as soon as the previous one was answered plus
--every seconds, and times each from its sending to the first byte written
after it (the screen's answer: while the main thread is busy nothing is
written). Every --probe seconds it presses G and then g instead: once the
whole article is in, G goes to its end and the status line shows 100%;
then --after more keys are timed, QUIT is sent and the peak memory of the
program (getrusage of the child) is read. Prints one line:

    paint=S loaded=S keys=N median_ms=M max_ms=M max_at=S slow=N quiet=N peak_mib=M

paint: seconds until MARKER; loaded: until the first G answered with
100%; max_ms: the longest wait of a key, max_at: when it was sent
(seconds from the start); quiet: a G or g that changed nothing on the
screen within 2 s (not timed); slow: keys that waited over 100 ms (each
listed before the line with BIGLOAD_SLOW=1 in the environment).

    bigload.py --marker 为什么是杭州 -- duwen big.txt
"""
import argparse
import fcntl
import os
import pty
import resource
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
    # the status line's 100% (curses may leave out a leading 1 unchanged)
    ap.add_argument("--done", default="00%")
    ap.add_argument("--every", type=float, default=0.1)
    ap.add_argument("--probe", type=float, default=1.0)
    ap.add_argument("--after", type=int, default=20)
    ap.add_argument("--quit", default="Q")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    cols, rows = (int(x) for x in a.size.split("x"))
    marker = a.marker.encode()
    done = a.done.encode()
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = os.environ.get("TERM", "xterm-256color")
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def read(timeout):
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return None
        try:
            return os.read(fd, 65536)
        except OSError:
            return b""

    def drain(quiet):
        """Read until quiet seconds pass with no output; return it."""
        out = b""
        while True:
            d = read(quiet)
            if not d:
                return out
            out += d

    buf = b""
    paint = None
    while time.monotonic() - t0 < a.timeout:
        d = read(0.5)
        if d is None:
            continue
        if not d:
            break
        buf = (buf + d)[-65536:]
        if marker in buf:
            paint = time.monotonic() - t0
            break

    waits = []  # (sent at, seconds)
    loaded = None
    after = 0
    quiet = 0  # G or g answered with nothing within 2 s (nothing moved)
    last_probe = time.monotonic()
    n = 0

    def press(key, limit):
        """Send key; (seconds to the first byte after it, the output), or
        None if nothing came within limit seconds."""
        sent = time.monotonic()
        os.write(fd, key)
        d = read(limit)
        if not d:
            return None
        got = time.monotonic()
        waits.append((sent - t0, got - sent))
        return got - t0, d + drain(0.05)

    if paint is not None:
        drain(0.2)
        while time.monotonic() - t0 < a.timeout:
            if loaded is None and time.monotonic() - last_probe >= a.probe:
                # G: to the end (100% once all is in; while loading the
                # end of what is in, or a message), then g back to the
                # top, where j then k always move the view. Either may
                # change nothing on the screen (the same message again).
                r = press(b"G", 2)
                if r is None:
                    quiet += 1
                elif done in r[1]:
                    loaded = r[0]
                if press(b"g", 2) is None:
                    quiet += 1
                last_probe = time.monotonic()
                n = 0
                continue
            key = b"j" if n % 2 == 0 else b"k"
            n += 1
            sent = time.monotonic()
            if press(key, 120) is None:  # no answer in two minutes
                waits.append((sent - t0, time.monotonic() - sent))
                break
            if loaded is not None:
                after += 1
                if after >= a.after:
                    break
            time.sleep(a.every)
    os.write(fd, a.quit.encode())
    end = time.monotonic()
    status = None
    while time.monotonic() - end < 10:
        p, st = os.waitpid(pid, os.WNOHANG)
        if p:
            status = st
            break
        drain(0.1)
    else:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    ms = [w * 1000 for _, w in waits]
    worst = max(waits, key=lambda x: x[1]) if waits else (0, 0)
    if os.environ.get("BIGLOAD_SLOW"):  # every key over 100 ms: when, how long
        for at, w in waits:
            if w > 0.1:
                print("  slow key at %.1f s: %.0f ms" % (at, w * 1000))
    print("paint=%s loaded=%s keys=%d median_ms=%s max_ms=%.0f max_at=%.1f slow=%d quiet=%d peak_mib=%d%s" % (
        "%.2f" % paint if paint is not None else "timeout",
        "%.1f" % loaded if loaded is not None else "timeout",
        len(ms), "%.1f" % statistics.median(ms) if ms else "-", worst[1] * 1000, worst[0],
        sum(1 for m in ms if m > 100), quiet, peak, "" if status is not None else " (killed)"))


if __name__ == "__main__":
    sys.exit(main())
