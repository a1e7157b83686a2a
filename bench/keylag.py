#!/usr/bin/env python3
"""keylag: how long keys wait in duwen's panes while another duwen shares
the data directory and writes to its cache (both loading cold).

Starts OTHER (a duwen on one folder) and, once it has painted, MINE (a
duwen on another folder) in pseudo-terminals of COLSxROWS with the same
environment (set DUWEN_DATA or XDG_DATA_HOME before), then sends KEY to
MINE every GAP seconds for SECONDS seconds and times each key until the
first byte of output after it. Prints one line:
    keys=N median_ms=M p95_ms=P max_ms=X over_100ms=K
Both are ended with Q (killed after 5 s).

    keylag.py --seconds 10 -- DUWEN DIR_OTHER DIR_MINE
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
import threading
import time


def spawn(cmd, cols, rows):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = os.environ.get("TERM", "xterm-256color")
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def wait_for(fd, marker, timeout):
    buf, t0 = b"", time.monotonic()
    while time.monotonic() - t0 < timeout:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                d = os.read(fd, 65536)
            except OSError:
                return False
            buf = (buf + d)[-65536:]
            if marker in buf:
                return True
    return False


def drain_forever(fd, stop):
    while not stop.is_set():
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                if not os.read(fd, 65536):
                    return
            except OSError:
                return


def end(pid, fd):
    try:
        os.write(fd, b"Q")
    except OSError:
        pass
    t = time.monotonic()
    while time.monotonic() - t < 5:
        p, _ = os.waitpid(pid, os.WNOHANG)
        if p:
            return
        select.select([fd], [], [], 0.1)
        try:
            os.read(fd, 65536)
        except OSError:
            pass
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", default="80x24")
    ap.add_argument("--marker", default="Articles (")
    ap.add_argument("--key", default="j")
    ap.add_argument("--gap", type=float, default=0.1)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    duwen, other_dir, my_dir = cmd
    cols, rows = (int(x) for x in a.size.split("x"))
    opid, ofd = spawn([duwen, other_dir], cols, rows)
    if not wait_for(ofd, a.marker.encode(), 60):
        print("other: no paint")
        return 1
    stop = threading.Event()
    th = threading.Thread(target=drain_forever, args=(ofd, stop))
    th.start()
    mpid, mfd = spawn([duwen, my_dir], cols, rows)
    if not wait_for(mfd, a.marker.encode(), 60):
        print("mine: no paint")
        return 1
    times = []
    t_end = time.monotonic() + a.seconds
    while time.monotonic() < t_end:
        # what was written before the key is not its answer
        while select.select([mfd], [], [], 0)[0]:
            os.read(mfd, 65536)
        t = time.monotonic()
        os.write(mfd, a.key.encode())
        r, _, _ = select.select([mfd], [], [], 10)
        if r:
            times.append(time.monotonic() - t)
            os.read(mfd, 65536)
        time.sleep(a.gap)
    end(mpid, mfd)
    stop.set()
    th.join()
    end(opid, ofd)
    ms = sorted(x * 1000 for x in times)
    if not ms:
        print("keys=0")
        return 1
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print("keys=%d median_ms=%.1f p95_ms=%.1f max_ms=%.1f over_100ms=%d" %
          (len(ms), statistics.median(ms), p95, ms[-1], sum(1 for x in ms if x > 100)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
