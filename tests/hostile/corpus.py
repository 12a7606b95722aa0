"""A hostile-input corpus: pages no template was written for, built deterministically.

Each case is (name, body bytes, Content-Type). They are what real servers send by mistake
(binary served as HTML, truncated markup, mixed encodings), what attackers plant (script and
attribute injection in titles) and what breaks naive parsers (deep nesting, huge attributes,
impossible and future dates).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

HTML = "text/html; charset=utf-8"

ARTICLE = """<html><head><meta charset="utf-8"><title>{title}_测试县人民政府</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{date}">
<meta name="ContentSource" content="{source}"></head>
<body><h1>{title}</h1><div class="TRS_Editor"><p>{body}</p></div></body></html>"""


def article(
    title: str = "测试文章标题",
    date: str = "2025-04-01 10:00",
    source: str = "县政府办公室",
    body: str = "这是一篇正文。" * 20,
) -> bytes:
    return ARTICLE.format(title=title, date=date, source=source, body=body).encode("utf-8")


def cases() -> Iterator[tuple[str, bytes, str]]:
    # -- malformed markup
    yield "empty", b"", HTML
    yield "whitespace", b" \n\t \r\n", HTML
    yield "unclosed_tags", b"<html><body><div><p>" + "未闭合的标签".encode() * 50, HTML
    yield "only_doctype", b"<!DOCTYPE html>", HTML
    yield "stray_close_tags", b"</div></p></body></html>" * 100, HTML
    yield "broken_comment", b"<html><!-- <body><p>" + "注释没有结束".encode() * 30, HTML
    yield "cdata_soup", b"<![CDATA[<p>x</p>]]><html><body><![CDATA[", HTML
    yield "nul_bytes", b"<html><body>\x00\x00\x00" + "正文".encode() * 30 + b"</body></html>", HTML
    yield "xml_declaration", b'<?xml version="1.0" encoding="utf-8"?>' + article(), HTML
    yield "processing_instructions", b"<?php echo 1; ?><?xml-stylesheet?>" + article(), HTML
    yield "truncated_mid_tag", article()[: len(article()) // 2] + b"<a hre", HTML
    yield "truncated_mid_char", article()[:-1][: len(article()) // 3 * 2 + 1], HTML
    yield "frameset", b"<html><frameset><frame src='/a.html'><frame src='/b.html'></frameset>", HTML
    yield "svg_math", b"<html><body><svg><text>x</text></svg><math><mi>x</mi></math></body>", HTML
    yield "table_soup", b"<table>" + b"<tr><td>" * 3000 + b"</table>", HTML
    # -- binary and compressed bodies served as HTML
    yield "png_as_html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "text/html"
    yield "pdf_as_html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 40, HTML
    yield "gzip_as_html", gzip.compress(article()), HTML
    yield "zlib_as_html", zlib.compress(article()), "text/html"
    yield "random_bytes", bytes((i * 7919 + 13) % 256 for i in range(20000)), "text/html"
    yield "utf16_no_bom", article().decode("utf-8").encode("utf-16-le"), "text/html"
    yield "utf16_bom", article().decode("utf-8").encode("utf-16"), "text/html"
    yield "utf8_bom", b"\xef\xbb\xbf" + article(), "text/html"
    # -- encodings that lie or mix
    yield "gbk_declared_utf8", article().decode().encode("gbk"), HTML
    yield "utf8_declared_gbk", article(), "text/html; charset=gbk"
    yield (
        "latin1_header_gbk_body",
        article().decode().encode("gbk"),
        "text/html; charset=ISO-8859-1",
    )
    yield "unknown_charset", article(), "text/html; charset=x-no-such-charset"
    yield "mixed_gbk_utf8", article().decode().encode("gbk") + "后半段是UTF-8".encode(), "text/html"
    yield (
        "big5",
        article("繁體標題測試").decode().encode("big5", "replace"),
        "text/html; charset=big5",
    )
    yield (
        "meta_charset_twice",
        b'<meta charset="gbk"><meta charset="utf-8">' + article(),
        "text/html",
    )
    # -- deep and wide markup
    deep = b"<div>" * 10000 + "深层正文".encode() + b"</div>" * 10000
    yield "deep_divs_10000", b"<html><body>" + deep + b"</body></html>", HTML
    yield "deep_unclosed_50000", b"<html><body>" + b"<div><span>" * 25000 + "文字".encode(), HTML
    yield "deep_tables", b"<table><tr><td>" * 3000 + "表格".encode(), HTML
    rows = (
        f"<li><a href='/a/{i}.html'>第{i}条新闻标题</a><span>2025-04-01</span></li>"
        for i in range(20000)
    )
    yield "many_links", ("<ul>" + "".join(rows) + "</ul>").encode(), HTML
    yield "huge_attribute", b'<html><body><div class="' + b"x" * 2_000_000 + b'">text</div>', HTML
    yield "huge_title", article(title="标" * 200_000), HTML
    yield (
        "huge_meta",
        b'<meta name="ArticleTitle" content="' + b"A" * 1_000_000 + b'">' + article(),
        HTML,
    )
    attrs = b" ".join(f"a{i}='{i}'".encode() for i in range(50000))
    yield "many_attributes", b"<div " + attrs + b">x</div>", HTML
    yield "long_line_no_tags", "很长的一行没有标签".encode() * 100_000, HTML
    script = b"<script>" + b"var a=1;" * 300_000 + b"</script>"
    yield "huge_script", b"<html><head>" + script + b"</head><body>x</body></html>", HTML
    # -- dates that must not be believed
    yield "date_feb_30", article(date="2025-02-30 10:00"), HTML
    yield "date_month_13", article(date="2025-13-01"), HTML
    yield "date_future", article(date="2099-12-31 23:59"), HTML
    yield "date_year_1900", article(date="1900-01-01"), HTML
    yield "date_chinese_impossible", article(date="2025年2月31日"), HTML
    yield "date_garbage", article(date="昨天下午"), HTML
    yield "date_epoch_ms", article(date="1743465600000"), HTML
    yield "date_iso_tz", article(date="2025-03-31T16:30:00Z"), HTML
    # -- injection in what is shown to staff
    yield "script_in_title", article(title="<script>alert(1)</script>通知"), HTML
    yield "img_onerror_in_title", article(title='"><img src=x onerror=alert(1)>公告'), HTML
    yield "script_in_source", article(source="<script>alert('x')</script>县教育局"), HTML
    rows = (
        f"<li><a href='javascript:alert({i})'>第{i}条新闻标题</a><span>2025-04-01</span></li>"
        for i in range(50)
    )
    yield "javascript_links", ("<ul>" + "".join(rows) + "</ul>").encode(), HTML
    yield "formula_in_title", article(title='=HYPERLINK("http://x")通知'), HTML
    yield (
        "control_chars_in_text",
        article(body="正文\x07\x1b[31m红色\x1b[0m\u202e反转\u200b零宽" * 10),
        HTML,
    )
    yield "rtl_and_zero_width_title", article(title="\u202e通知\u200b公告\ufeff"), HTML
    yield "emoji_and_astral", article(title="𠀀𪚥测试🚀标题", body="𠮷野家" * 50), HTML
