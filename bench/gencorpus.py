#!/usr/bin/env python3
"""gencorpus: a large corpus made from the bundled texts, for benchmarks
and the scale tests.

    gencorpus.py TEXTS_DIR OUT_DIR N           N distinct articles
    gencorpus.py --big BYTES TEXTS_DIR FILE    one article of about BYTES

Article i is bundled text i % 5 with its paragraphs rotated by i, a title
line naming i and one sentence unique to it, so no two files are equal
and every file still looks like a real article (same scripts, pinyin,
garbled spans, boilerplate). Every 500th article also holds the rare word
鲲鹏湾 (in its traditional form 鯤鵬灣 every 1000th), so a rare-word search
has a known answer. Deterministic: the same arguments give the same bytes.
"""
import os
import sys

RARE_S = "鲲鹏湾"
RARE_T = "鯤鵬灣"
DIGITS = "〇一二三四五六七八九"


def han_number(i):
    return "".join(DIGITS[int(d)] for d in str(i))


def load(texts):
    names = sorted(n for n in os.listdir(texts) if n.endswith(".txt"))
    out = []
    for n in names:
        with open(os.path.join(texts, n), encoding="utf-8") as f:
            out.append(f.read().split("\n"))
    return out


def article(bases, i):
    lines = bases[i % len(bases)]
    k = len(lines)
    # keep the first lines (title, header) in place, rotate the body
    head, body = lines[:3], lines[3:]
    r = (i * 7) % max(1, len(body))
    body = body[r:] + body[:r]
    extra = "第%s号样本：本文编号%d，记录于档案馆第%s卷。" % (han_number(i), i, han_number(i % 97))
    if i % 1000 == 0:
        extra += "文中提到" + RARE_T + "的規劃。"
    elif i % 500 == 0:
        extra += "文中提到" + RARE_S + "的规划。"
    _ = k
    return "\n".join(head + [extra] + body) + "\n"


def main(argv):
    if len(argv) == 5 and argv[1] == "--big":
        size, texts, path = int(argv[2]), argv[3], argv[4]
        bases = load(texts)
        parts, total, i = [], 0, 0
        first = "\n".join(bases[0]) + "\n"
        parts.append(first)
        total += len(first.encode())
        while True:
            body = "\n".join(bases[i % len(bases)][3:]) + "\n"
            b = len(body.encode())
            if total + b > size:
                break
            parts.append(body)
            total += b
            i += 1
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(parts))
        return 0
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    texts, out, n = argv[1], argv[2], int(argv[3])
    bases = load(texts)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        with open(os.path.join(out, "a%05d.txt" % i), "w", encoding="utf-8") as f:
            f.write(article(bases, i))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
