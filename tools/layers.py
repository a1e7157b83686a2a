#!/usr/bin/env python3
"""layers: the house's dependency rules, checked over the built tree.

Usage: layers.py BUILD_DIR   (run from the top of the repository, after the
objects of src/ and ui/ are built; `make layers` does both)

The graph's nodes are the files of src/ and ui/. File A depends on B when A
includes B (#include "..." lines), or when A is a .c file whose object uses
a symbol that B's object defines (nm -P: undefined in A.o, defined in B.o).
Fails, naming the files and the reason for each edge, on:
  - any circle of files anywhere in src/ and ui/;
  - src/ depending on ui/, or including curses;
  - ui/screen/ depending on ui/panes/ or on the app files of ui/ (the screen
    layer knows no pane: panes and the app register with it);
  - a file outside ui/screen/ including the screen manager's private
    header (pane_int.h).
Exit 0 and one summary line when the house is clean, 1 otherwise."""
import os
import re
import subprocess
import sys

INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SYSINC = re.compile(r'^\s*#\s*include\s+<(n?curses[^>]*)>', re.M)


def sources():
    out = []
    for top in ("src", "ui"):
        for d, _, fs in os.walk(top):
            for f in fs:
                if f.endswith((".c", ".h")):
                    out.append(os.path.normpath(os.path.join(d, f)))
    return sorted(out)


def module(path):
    return os.path.splitext(path)[0]


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    build = sys.argv[1]
    edges = {}      # (a, b) -> reason
    problems = []
    files = sources()
    mods = list(files)

    def add(a, b, why):
        if a != b:
            edges.setdefault((a, b), why)

    for f in files:
        text = open(f, encoding="utf-8", errors="replace").read()
        for inc in INC.findall(text):
            t = os.path.normpath(os.path.join(os.path.dirname(f), inc))
            if os.path.exists(t):
                add(f, t, "%s includes %s" % (f, inc))
        if f.startswith("src/") and SYSINC.search(text):
            problems.append("%s: src/ includes curses" % f)

    defined, undefined = {}, {}
    for f in files:
        if not f.endswith(".c"):
            continue
        obj = os.path.join(build, module(f) + ".o")
        if not os.path.exists(obj):
            problems.append("%s: no object %s (build first)" % (f, obj))
            continue
        out = subprocess.run(["nm", "-P", obj], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            p = line.split()
            if len(p) < 2:
                continue
            name, kind = p[0], p[1]
            if kind == "U":
                undefined.setdefault(f, set()).add(name)
            elif kind in "TDBRCGSV":
                defined.setdefault(name, f)
    for m, names in undefined.items():
        for n in sorted(names):
            if n in defined:
                add(m, defined[n], "%s uses %s" % (m, n))

    graph = {m: [] for m in mods}
    for (a, b) in sorted(edges):
        graph.setdefault(a, []).append(b)
        graph.setdefault(b, [])

    for (a, b), why in sorted(edges.items()):
        if a.startswith("src/") and b.startswith("ui/"):
            problems.append("src/ depends on ui/: " + why)
        if a.startswith("ui/screen/") and not b.startswith(("ui/screen/", "src/")) \
                and b != "ui/app.h":
            problems.append("screen layer depends on %s: %s" % (b, why))
        if not a.startswith("ui/screen/") and b == "ui/screen/pane_int.h":
            problems.append("outside the screen layer, includes its private header: " + why)

    # circles: strongly connected components (Tarjan, iterative)
    index, low, onstack, stack, sccs = {}, {}, set(), [], []
    counter = [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter[0]; counter[0] += 1
        stack.append(root); onstack.add(root)
        while work:
            v, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]; counter[0] += 1
                    stack.append(nxt); onstack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                elif nxt in onstack:
                    low[v] = min(low[v], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop(); onstack.discard(w); comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    sccs.append(sorted(comp))
    for comp in sccs:
        inside = set(comp)
        problems.append("circle of %d files: %s" % (len(comp), " ".join(comp)))
        for (a, b), why in sorted(edges.items()):
            if a in inside and b in inside:
                problems.append("    " + why)

    for p in problems:
        print("layers: " + p)
    print("layers: %d modules, %d dependencies, %d circles, %s" % (
        len(graph), len(edges), len(sccs), "FAILED" if problems else "clean"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
