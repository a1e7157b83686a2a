#!/bin/sh
# Loading an EPUB book beside the same text as a plain .txt file: a
# 500-chapter book made from the bundled texts' paragraphs (python3's
# zipfile), each chapter an XHTML page with a heading and 30 paragraphs
# indented with U+3000. Prints wall time and peak memory of
# `duwen --dump --width 0` (load, no layout) and `--dump --width 80` (load
# and layout) for both. Then the worst case of placing a TOC: a whole novel
# in one file (40,000 short paragraphs) with 1,000 fragment entries whose
# words are nowhere in it (each searched to the end). Needs $DUWEN and
# python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
DUWEN=${DUWEN:-$here/../build/duwen}
chapters=${1:-500}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" LC_ALL=C.UTF-8
python3 - "$here/../texts" "$tmp/book.epub" "$chapters" <<'PY'
import glob, html, sys, zipfile
texts, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
paras = [html.escape(l.strip()) for f in sorted(glob.glob(texts + '/*.txt'))
         for l in open(f, encoding='utf-8') if len(l.strip()) > 20]
items, spine, toc = [], [], []
with zipfile.ZipFile(out, 'w') as z:
    z.writestr(zipfile.ZipInfo('mimetype'), 'application/epub+zip')
    z.writestr('META-INF/container.xml', '<container><rootfiles><rootfile full-path="content.opf" '
               'media-type="application/oebps-package+xml"/></rootfiles></container>')
    for c in range(n):
        body = ''.join('<p>\u3000\u3000%s</p>' % paras[(c * 7 + i) % len(paras)] for i in range(30))
        z.writestr('c%d.xhtml' % c, '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                   '<head><title>c</title></head><body><h2>第%d章</h2>%s</body></html>' % (c + 1, body),
                   zipfile.ZIP_DEFLATED)
        items.append('<item id="c%d" href="c%d.xhtml" media-type="application/xhtml+xml"/>' % (c, c))
        spine.append('<itemref idref="c%d"/>' % c)
        toc.append('<li><a href="c%d.xhtml">第%d章</a></li>' % (c, c + 1))
    z.writestr('nav.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
               '<body><nav epub:type="toc"><ol>%s</ol></nav></body></html>' % ''.join(toc), zipfile.ZIP_DEFLATED)
    z.writestr('content.opf', '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata '
               'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>书</dc:title></metadata><manifest>'
               '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>%s'
               '</manifest><spine>%s</spine></package>' % (''.join(items), ''.join(spine)), zipfile.ZIP_DEFLATED)
PY
"$DUWEN" --dump --width 0 "$tmp/book.epub" | tail -n +4 >"$tmp/book.txt"
run() { # LABEL ARGS...: wall seconds and peak RSS of duwen ARGS
	label=$1
	shift
	python3 - "$label" "$DUWEN" "$@" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, check=True)
dt = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("%-28s %6.2f s  %6.0f MB" % (sys.argv[1], dt, rss))
PY
}
echo "book: $chapters chapters, $(wc -c <"$tmp/book.epub") bytes zipped, $(wc -m <"$tmp/book.txt") characters"
run "epub --dump --width 0" --dump --width 0 "$tmp/book.epub"
run "txt  --dump --width 0" --dump --width 0 "$tmp/book.txt"
run "epub --dump --width 80" --dump --width 80 "$tmp/book.epub"
run "txt  --dump --width 80" --dump --width 80 "$tmp/book.txt"
python3 - "$tmp/onefile.epub" <<'PY'
import sys, zipfile
paras = ''.join('<p>\u201c\u4f60\u597d%d\u3002\u201d</p>' % i for i in range(40000))
toc = ''.join('<li><a href="c.xhtml#c%d">Chapter %d</a></li>' % (i, i) for i in range(1000))
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr(zipfile.ZipInfo('mimetype'), 'application/epub+zip')
    z.writestr('META-INF/container.xml', '<container><rootfiles><rootfile full-path="content.opf" '
               'media-type="application/oebps-package+xml"/></rootfiles></container>')
    z.writestr('content.opf', '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/>'
               '<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
               '<item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>'
               '<spine><itemref idref="c"/></spine></package>')
    z.writestr('nav.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
               '<body><nav epub:type="toc"><ol>%s</ol></nav></body></html>' % toc)
    z.writestr('c.xhtml', '<html xmlns="http://www.w3.org/1999/xhtml"><body>%s</body></html>' % paras,
               zipfile.ZIP_DEFLATED)
PY
run "one file, 1,000 lost entries" --dump --width 0 "$tmp/onefile.epub"
