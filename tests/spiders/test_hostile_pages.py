"""Pages no template produces: deep nesting, huge attributes, binary bytes, broken markup.

Each gives a reading or a named fetch failure (core/failures.py) in bounded time, never a
traceback: the spider reports a named failure as 采集失败 with its label, a traceback only
as 页面解析出错.
"""

from __future__ import annotations

import time

import pytest

from core.failures import ExtractError, FetchFailure, PageDecodeError
from spiders.page import Page, node_text
from spiders.portal import article as article_module
from spiders.portal.article import extract_article
from spiders.portal.kinds import read_page

URL = "http://www.dayao.gov.cn/xwzx/202504/t20250403_1.html"
BODY = "县林草局开展森林草原防灭火专项检查，" * 20


def page(html: str | bytes) -> Page:
    raw = html.encode("utf-8") if isinstance(html, str) else html
    return Page.from_bytes(URL, raw, "text/html; charset=utf-8")


def article_html(inner: str = "", attrs: str = "") -> str:
    return (
        f"<html><head><title>关于开展防灭火检查的通知_大姚县人民政府</title></head><body{attrs}>"
        f"<h1>关于开展防灭火检查的通知</h1><p>发布时间：2025-04-03 来源：县林草局</p>"
        f"<div class='TRS_Editor'><p>{BODY}</p>{inner}</div></body></html>"
    )


def test_ten_thousand_nested_divs_read_without_recursion_error():
    html = "<html><body>" + "<div>" * 10_000 + "深处" + "</div>" * 10_000 + "</body></html>"
    reading = read_page(page(html))
    assert reading.kind == "other"  # nothing a reader could use: the spider calls it EmptyPage


def test_text_deeper_than_pythons_recursion_limit_is_still_read():
    # 1,500 levels: lxml keeps them, a recursive walk overflowed Python's stack at ~1,000
    nested = "<div>" * 1_500 + "<p>深处的正文</p>" + "</div>" * 1_500
    read = page(article_html(nested))
    assert "深处的正文" in node_text(read.sel)
    assert "深处的正文" in extract_article(read).text


def test_a_huge_attribute_is_read_in_bounded_time():
    start = time.perf_counter()
    article = extract_article(page(article_html(attrs=f" class='{'a' * 5_000_000}'")))
    assert time.perf_counter() - start < 10
    assert article.title == "关于开展防灭火检查的通知"
    assert article.published_at is not None and article.published_at.day == 3


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 40,
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 40,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4,
        b"<html>" + b"\x00\x01\x02\x03" * 500 + b"</html>",
    ],
    ids=["png", "pdf", "zip-docx", "doc", "gzip", "nul-bytes"],
)
def test_binary_bytes_served_as_html_are_a_decode_failure(raw):
    with pytest.raises(PageDecodeError):
        page(raw)


@pytest.mark.parametrize(
    "html",
    [
        "<<<>>><html<body></p></div><a href=>><h1 <title>x</title></html></html><html>",
        "<html><body><table><tr><td><div><p>发布时间：</td></p></table>" * 200,
        "<!-- only a comment -->",
        "<?xml version='1.0' encoding='gbk'?><html><body><p>文字</p></body></html>",
        "<html><body>" + "<table><tr><td>" * 3_000 + "x" + "</td></tr></table>" * 3_000,
        "<html><body><h1>" + "标题" * 100_000 + "</h1></body></html>",
        "<html><body><p>发布时间：" + "2025-04-03 " * 50_000 + "</p></body></html>",
    ],
    ids=["garbage", "unclosed-cards", "comment", "xml-decl", "deep-tables", "huge-h1", "dates"],
)
def test_malformed_html_gives_a_reading_or_a_named_failure(html):
    start = time.perf_counter()
    try:
        reading = read_page(page(html))
    except FetchFailure:
        pass
    else:
        assert reading.kind in {"article", "list", "board", "home", "other"}
    assert time.perf_counter() - start < 10


def test_an_unexpected_error_while_reading_is_an_extract_error(monkeypatch):
    def broken(page: Page) -> None:
        raise ValueError("template the extractor never saw")

    monkeypatch.setattr(article_module, "find_body", broken)
    with pytest.raises(ExtractError) as caught:
        extract_article(page(article_html()))
    assert caught.value.label == "页面解析出错"


def test_an_unexpected_error_in_the_list_reader_is_an_extract_error(monkeypatch):
    from spiders.portal import kinds

    def broken(page: Page) -> None:
        raise IndexError("list markup no reader expected")

    monkeypatch.setattr(kinds, "parse_list", broken)
    html = (
        "<html><body><ul>"
        + "<li><a href='/a.html'>县某单位开展工作</a></li>" * 5
        + "</ul></body></html>"
    )
    with pytest.raises(ExtractError):
        read_page(page(html)).summary()
