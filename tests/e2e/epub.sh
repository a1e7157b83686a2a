#!/bin/sh
# e2e: an EPUB book in a real terminal (a private tmux server, 100x30).
# The test writes its books with python3's zipfile: a Chinese novel (EPUB 3
# nav, U+3000 indents, ruby, an image) beside a plain article in a folder,
# a broken one and a DRM one. The folder lists both; the book opens as one
# article whose outline (o) is its table of contents; Enter on a chapter
# jumps there; the place is remembered across a restart; --dump has no
# line-breaking fault (kinsoku.py) and the exact rows; bad books are
# refused with the reason.
# Every wait polls the screen until the text shows or a timeout passes.
. "$(dirname "$0")/lib/harness.sh"
export LC_ALL=C.UTF-8
mkdir "$tmp/lib"
printf '短文\n\n一篇短文。\n' >"$tmp/lib/a.txt"
python3 - "$tmp" <<'PY'
import sys, zipfile
tmp = sys.argv[1]
def page(body):
    return ('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html>'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head>'
            '<body>' + body + '</body></html>')
para = ('<p>\u3000\u3000江城的雨下了整整三天，<ruby>漢<rp>(</rp><rt>hàn</rt><rp>)</rp></ruby>'
        '口的街道上积满了水，行人撑着伞匆匆走过，谁也没有注意到那个站在桥头的少年。</p>')
chapters = [
    ('c1.xhtml', page('<h2>第一章\u3000山城</h2>' + para * 2)),
    ('c2.xhtml', page('<p>\u3000\u3000他回来的时候，已经是第二年的春天。“你还记得我吗？”她问。'
                      '<img src="a.png" alt="插图"/></p>' + para * 12)),
    ('c3.xhtml', page('<h2>第三章\u3000尾声</h2><p>\u3000\u3000全书完。</p>')),
]
nav = ('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
       'xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol>'
       '<li><span>上部</span><ol><li><a href="c1.xhtml">第一章\u3000山城</a></li>'
       '<li><a href="c2.xhtml">第二章\u3000归来</a></li></ol></li>'
       '<li><a href="c3.xhtml">第三章\u3000尾声</a></li></ol></nav></body></html>')
opf = ('<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" '
       'version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
       '<dc:title>江城</dc:title><dc:creator>某作者</dc:creator><dc:date>2020-05-01</dc:date>'
       '<dc:publisher>某出版社</dc:publisher></metadata><manifest>'
       '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
       + ''.join('<item id="%s" href="%s" media-type="application/xhtml+xml"/>' % (n[:2], n)
                 for n, _ in chapters)
       + '</manifest><spine>' + ''.join('<itemref idref="%s"/>' % n[:2] for n, _ in chapters)
       + '</spine></package>')
container = ('<container><rootfiles><rootfile full-path="OEBPS/book.opf" '
             'media-type="application/oebps-package+xml"/></rootfiles></container>')
def book(path, extra=(), opf_name='OEBPS/book.opf'):
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/epub+zip')
        z.writestr('META-INF/container.xml', container, zipfile.ZIP_DEFLATED)
        z.writestr(opf_name, opf, zipfile.ZIP_DEFLATED)
        z.writestr('OEBPS/nav.xhtml', nav, zipfile.ZIP_DEFLATED)
        for name, text in chapters:
            z.writestr('OEBPS/' + name, text, zipfile.ZIP_DEFLATED)
        for name, text in extra:
            z.writestr(name, text)
book(tmp + '/lib/jiangcheng.epub')
book(tmp + '/noopf.epub', opf_name='OEBPS/other.opf')
book(tmp + '/drm.epub', extra=[('META-INF/rights.xml', '<rights/>')])
open(tmp + '/text.epub', 'w').write('not a book\n')
PY

# 1. the folder lists the book beside the text; --list names the format
"$DUWEN" --list "$tmp/lib" >"$tmp/list" 2>"$tmp/err"
grep -q "^江城 .*epub" "$tmp/list" && ok "--list shows the book as epub" || { fail "--list:"; cat "$tmp/list" "$tmp/err"; }
[ "$(wc -l <"$tmp/list")" -eq 2 ] && ok "--list: the book and the text" || fail "--list has $(wc -l <"$tmp/list") lines"

# 2. --dump at widths 40-100: no kinsoku fault; ruby base kept, exact rows
"$DUWEN" --dump --width 40 "$tmp/lib/jiangcheng.epub" >"$tmp/dump"
# the shared checker, beside the repository (read-only, not copied in)
kin=$root/../shared/tools/kinsoku.py
[ -f "$kin" ] || kin=/work/shared/tools/kinsoku.py
if [ -f "$kin" ]; then
	for w in 40 52 64 80 100; do
		"$DUWEN" --dump --width $w "$tmp/lib/jiangcheng.epub" >"$tmp/dump$w"
		k=$(python3 "$kin" --width $w --no-icu "$tmp/dump$w" | head -1)
		case $k in
		*" kinsoku=0 "*" split=0 over=0 "*) ok "kinsoku.py at width $w: $k" ;;
		*) fail "kinsoku.py at width $w: $k" ;;
		esac
	done
else
	echo "skip: kinsoku.py not found beside the repository"
fi
sed -n '1,11p' "$tmp/dump" >"$tmp/head"
cat >"$tmp/want" <<'ROWS'
                  江城
某出版社 · 某作者 · 2020-05-01 · 736 字

上部

第一章　山城

    江城的雨下了整整三天，漢口的街道上积
满了水，行人撑着伞匆匆走过，谁也没有注意
到那个站在桥头的少年。

ROWS
if cmp -s "$tmp/head" "$tmp/want"; then ok "--dump rows exact (title, facts, heading, indent)"; else
	fail "--dump rows differ:"
	diff "$tmp/want" "$tmp/head"
fi
"$DUWEN" --dump --width 40 - <"$tmp/lib/jiangcheng.epub" | sed -n '1,11p' >"$tmp/stdin"
cmp -s "$tmp/stdin" "$tmp/want" && ok "a book on standard input reads the same" || fail "--dump - differs"
grep -q "hàn" "$tmp/dump" && fail "ruby annotation shown" || ok "ruby: the base text only"
grep -q "插图" "$tmp/dump" && fail "an image's alt text shown" || ok "the image leaves no text"

# 3. the panes: the book in the list, opened, the outline lists its chapters
start_duwen e2e 100 30 "" "'$tmp/lib'"
wait_for "文章 Articles (2)" && ok "the list shows the book and the text"
wait_for "江城" && ok "the book is listed by its title"
keys G Enter
wait_for "第一章　山城" && ok "Enter opens the book at its first chapter"
keys o
wait_for "目录 Outline" && ok "o opens the outline"
wait_for "第三章　尾声" && ok "the outline lists the chapters"
grep -q "第二章　归来" "$tmp/screen" && ok "the TOC's title stands for a chapter without a heading" ||
	fail "no 第二章 in the outline"
# nested as the TOC is: the part's chapters indented under it
grep -q "^    上部" "$tmp/screen" && grep -q "^      第一章　山城" "$tmp/screen" &&
	grep -q "^      第二章　归来" "$tmp/screen" && grep -q "^    第三章　尾声" "$tmp/screen" &&
	ok "the outline nests the chapters under their part" || { fail "outline not nested:"; cat "$tmp/screen"; }
keys j j Enter
wait_for "他回来的时候" && ok "Enter on a chapter jumps to it"
screen
head -3 "$tmp/screen" | grep -q "第二章　归来" && ok "the chapter heading is at the top" ||
	{ fail "第二章 not at the top:"; cat "$tmp/screen"; }
keys G
wait_for "全书完。" && ok "G reads on to the book's last chapter"
keys q
wait_for "文章 Articles (2)" && ok "q goes back to the list"
# the place in the book is remembered: back in chapter two after a restart
keys Enter
wait_for "全书完。"
keys o
wait_for "目录 Outline"
keys g j j Enter
wait_for "他回来的时候"
keys Q
wait_for "duwen exited 0" && ok "Q quits"
start_duwen e2e 100 30 "" "'$tmp/lib/jiangcheng.epub'"
wait_for "江城 · 某出版社"
n=0
until head -3 "$tmp/screen" | grep -q "第二章　归来" || [ "$n" -ge 30 ]; do
	sleep 0.1
	screen
	n=$((n + 1))
done
head -3 "$tmp/screen" | grep -q "第二章　归来" && ok "reopened at the chapter it was left at" ||
	{ fail "reopened elsewhere:"; cat "$tmp/screen"; }
keys Q

# 4. books that cannot be read are refused with the reason
for case in "noopf|the package document OEBPS/book.opf named by META-INF/container.xml is missing" \
	"drm|the book is DRM-protected (META-INF/rights.xml); duwen cannot read encrypted books" \
	"text|not an EPUB: not a zip archive"; do
	name=${case%%|*} want="duwen: $tmp/$name.epub: ${case#*|}"
	"$DUWEN" --list "$tmp/$name.epub" >/dev/null 2>"$tmp/err"
	status=$?
	err=$(head -1 "$tmp/err")
	[ "$status" -eq 2 ] && [ "$err" = "$want" ] && ok "$name.epub refused: ${case#*|}" ||
		fail "$name.epub: status $status, '$err' (want '$want')"
done
finish epub
