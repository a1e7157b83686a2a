#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses: OUTDIR/NAME/ for each harness, made
from the bundled texts/ and from generated hostile text (escape sequences,
C1 controls, bidi overrides, lone marks, wide clusters, odd encodings).
Deterministic; rewrites its own files and leaves what libFuzzer added.
Usage: seeds.py OUTDIR"""
import glob
import io
import json
import os
import sys
import zipfile
from xml.sax.saxutils import escape

HOSTILE = [
    "\x1b]52;c;aGVsbG8=\x07", "\x1b]0;title\x07", "\x1b]2;t\x1b\\", "\x1b]8;;http://x\x1b\\link",
    "\x1b[2J", "\x1b[31m", "\x1bP1$r\x1b\\", "\x1b_apc\x1b\\", "\x1b^pm\x1b\\", "\x1bXsos\x1b\\",
    "\u009b31m", "\u009d0;t\u009c", "\u202e", "\u2066", "\u200f", "\u2062\u0301", "\u0301",
    "\u0903\u0903", "\u1100\u1100\u1100", "\uff76\uff9e\uff9e", "\U0001F468\u200d\U0001F469",
    "\U0001F1E8\U0001F1F3", "\ufeff", "\u00a0", "\u3000", "\r\n", "\t", "\ue000", "\ufffd",
    "中", "。", "，", "（", "）", "「", "」", "“", "”", "——", "……",
]


def write(d, name, data):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def texts(root):
    out = []
    for p in sorted(glob.glob(os.path.join(root, "texts", "*.txt"))):
        with open(p, "rb") as f:
            out.append((os.path.basename(p), f.read()))
    return out


def hostile_text(i):
    parts = []
    for k in range(24):
        parts.append(HOSTILE[(i * 7 + k * k) % len(HOSTILE)])
        parts.append("杭州开源" if k % 3 else "DeepSeek ")
    return "".join(parts)


def epub(title, paras):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        z.writestr("META-INF/container.xml",
                   '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
                   'opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/'
                   'content.opf" media-type="application/oebps-package+xml"/></rootfiles>'
                   '</container>')
        items = "".join('<item id="c%d" href="c%d.xhtml" media-type="application/xhtml+xml"/>'
                        % (i, i) for i in range(len(paras)))
        spine = "".join('<itemref idref="c%d"/>' % i for i in range(len(paras)))
        toc = "".join('<li><a href="c%d.xhtml">第%d章</a></li>' % (i, i + 1)
                      for i in range(len(paras)))
        z.writestr("OEBPS/content.opf",
                   '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" '
                   'version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/'
                   'dc/elements/1.1/"><dc:title>%s</dc:title><dc:creator>作者</dc:creator>'
                   '<dc:identifier id="id">x</dc:identifier></metadata><manifest><item id="nav"'
                   ' href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>%s'
                   '</manifest><spine>%s</spine></package>' % (escape(title), items, spine))
        z.writestr("OEBPS/nav.xhtml",
                   '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" '
                   'xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>'
                   '%s</ol></nav></body></html>' % toc)
        for i, p in enumerate(paras):
            z.writestr("OEBPS/c%d.xhtml" % i,
                       '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
                       '<h1>第%d章</h1><p>%s</p></body></html>' % (i + 1, escape(p)))
    return b.getvalue()


def main():
    out = sys.argv[1]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    tx = texts(root)
    # article: the files themselves, re-encoded, and hostile ones
    d = os.path.join(out, "article")
    for name, data in tx:
        write(d, name, data)
        s = data.decode("utf-8")[:1500]
        write(d, name + ".utf16le-bom", b"\xff\xfe" + s.encode("utf-16-le"))
        write(d, name + ".utf16be", s.encode("utf-16-be"))
        write(d, name + ".utf16le-stray", s.encode("utf-16-le")[:-1] + b"\x00\xd8" + b"x")
        write(d, name + ".utf32", s.encode("utf-32"))
        write(d, name + ".gb18030", s.encode("gb18030"))
        write(d, name + ".big5", s.encode("big5", errors="replace"))
        write(d, name + ".utf8-bom", b"\xef\xbb\xbf" + s.encode("utf-8"))
        write(d, name + ".crlf", s.replace("\n", "\r\n").encode("utf-8"))
    for i in range(16):
        write(d, "hostile-%02d.txt" % i, ("title: " + hostile_text(i + 1)[:40] + "\n\n" +
                                          hostile_text(i)).encode("utf-8"))
    # layout: 4 option bytes, then a paragraph
    d = os.path.join(out, "layout")
    n = 0
    for name, data in tx:
        for para in data.decode("utf-8").split("\n\n"):
            para = para.strip("\n")
            if not para:
                continue
            hdr = bytes([n % 4, (n * 5) % 17, (n * 3) % 10, (n * 37) % 200])
            write(d, "%s-%03d" % (name, n), hdr + para.encode("utf-8")[:2000])
            n += 1
    for i in range(32):
        hdr = bytes([i % 4, i % 17, i % 10, (i * 13) % 200])
        write(d, "hostile-%02d" % i, hdr + hostile_text(i).encode("utf-8"))
    # notes: W3C Web Annotation documents quoting the texts
    d = os.path.join(out, "notes")
    for k, (name, data) in enumerate(tx):
        s = data.decode("utf-8")
        items = []
        for j in range(6):
            a = (len(s) * (j + 1)) // 8
            items.append({
                "type": "Annotation",
                "created": "2024-05-0%dT08:30:00Z" % (j + 1),
                "body": [{"type": "TextualBody", "value": hostile_text(j + k)[:30]}],
                "target": {
                    "source": ("file://" + os.path.join(root, "texts", name)) if j % 2
                    else ("texts/" + name if j % 3 else "/duwen-fuzz/a.txt"),
                    "styleClass": ["yellow", "green", "blue", "pink", "purple", "red"][j],
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": s[a:a + 6],
                         "prefix": s[max(0, a - 8):a], "suffix": s[a + 6:a + 14]},
                        {"type": "TextPositionSelector", "start": a, "end": a + 6},
                    ],
                },
            })
        doc = items if k % 2 else {"type": "AnnotationCollection", "first": {"items": items}}
        write(d, name + ".json", json.dumps(doc, ensure_ascii=bool(k % 2)).encode("utf-8"))
    # config: settings, bindings, colours, cities, themes, and hostile words
    d = os.path.join(out, "config")
    conf = ("set measure 60\nset split 140\nset boilerplate on\nset color off\n"
            "bind reader J line-down\nbind list C-x none\ncolor search black yellow bold\n"
            "highlight 资本 red\ncity 杭州 杭城\ncity 深圳\ntheme 开源 开源 \"open source\"\n")
    write(d, "readme.conf", conf.encode("utf-8"))
    for i in range(8):
        h = hostile_text(i)
        write(d, "hostile-%d.conf" % i,
              ("set %s %s\ncity \"%s\" x\ntheme t \"%s\\\"\" \\\\\n# %s\n" %
               (h[:5], h[5:12], h[12:20], h[20:30], h)).encode("utf-8"))
    # page: web pages and EPUB books made of the texts
    d = os.path.join(out, "page")
    for k, (name, data) in enumerate(tx):
        s = data.decode("utf-8")
        paras = [p for p in s.split("\n\n") if p.strip()][:12]
        body = "".join("<p>%s</p>\n" % p.replace("&", "&amp;").replace("<", "&lt;") for p in paras)
        h = hostile_text(k).replace("&", "&amp;").replace("<", "&lt;")
        page = ("<!DOCTYPE html><html><head><meta charset=\"%s\"><title>%s</title></head><body>"
                "<nav><a href=\"/\">首页</a> | <a href=\"/x\">新闻</a></nav><article><h1>%s</h1>"
                "<p class=\"byline\">记者 张三 2025-03-05</p>%s<p>%s</p></article>"
                "<footer>版权所有 &copy; 2025</footer></body></html>") % (
                    "gb2312" if k % 2 else "utf-8", paras[0][:30], paras[0][:30], body, h)
        write(d, name + ".html", page.encode("gb18030" if k % 2 else "utf-8"))
        write(d, name + ".epub", epub(paras[0][:20], paras))
    # match: flags, range, patterns, NUL, text
    d = os.path.join(out, "match")
    pats = "杭州\n深圳市\n成都\nAI\n開源\n资本\nDeepSeek"
    for k, (name, data) in enumerate(tx):
        hdr = bytes([k % 4, 0, 255])
        write(d, name, hdr + pats.encode("utf-8") + b"\x00" + data[:4000])
    for i in range(8):
        write(d, "hostile-%d" % i, bytes([i % 4, 10, 250]) + hostile_text(i)[:20].encode("utf-8") +
              b"\n" + "杭\n州".encode("utf-8") + b"\x00" + hostile_text(i + 3).encode("utf-8"))


if __name__ == "__main__":
    main()
