"""What a link request means (dead / suspected / not checked), which links a page has, and the
identity elements of real government footers (tests/files/real, saved from the sites)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest

from spiders.page import Page
from spiders.portal.identity import footer_elements, has_search_box, script_elements
from spiders.portal.links import is_attachment, judge, page_links

REAL = Path(__file__).parent.parent / "files" / "real"


@pytest.mark.parametrize(
    ("internal", "status", "code", "outcome"),
    [
        (True, 200, None, "ok"),
        (True, 301, None, "ok"),
        (True, 404, "not_found", "dead"),
        (True, 410, None, "dead"),
        (False, 404, "not_found", "suspected"),  # another site's 404 may be bot-only
        (True, 503, "http_status", "suspected"),
        (True, 500, "http_status", "suspected"),
        (True, 403, "http_status", "suspected"),
        (True, None, "timeout", "suspected"),
        (True, None, "connection", "suspected"),
        (True, 429, "rate_limited", "not_checked"),  # rate limiting is never a dead link
        (False, 429, "rate_limited", "not_checked"),
        (True, 403, "blocked", "not_checked"),  # a captcha answered
        (True, 200, "blocked", "not_checked"),  # a captcha page served with HTTP 200
        (True, 200, "rate_limited", "not_checked"),
        (True, None, "robots", "not_checked"),
        (False, None, "dns", "not_checked"),  # this machine has no route there
        (False, None, "connection", "not_checked"),
        (False, None, "timeout", "not_checked"),
        (True, None, "too_large", "ok"),  # the file is there, only bigger than we read
    ],
)
def test_what_a_link_request_means(internal, status, code, outcome):
    assert judge(internal, status, code).outcome == outcome


def test_the_links_of_a_page():
    html = """<html><body>
    <a href="/a.html">甲</a><a href="b.html#part">乙</a><a href="javascript:void(0)">丙</a>
    <a href="mailto:x@y.cn">邮件</a><a href="#top">顶部</a><a href="{{url}}">模板</a>
    <a href="/download.jsp?filename=%E9%99%84%E4%BB%B6.pdf">附件</a>
    <a href="/files/名单.xlsx" title="名单">下载</a><img src="/img/x.png" alt="图">
    <img src="data:image/png;base64,AAAA"><a href="http://[broken">坏</a></body></html>"""
    page = Page.from_bytes("http://www.example.gov.cn/news/index.html", html.encode("utf-8"))
    # percent-encoded, as Scrapy requests them (so the crawl's own fetches match)
    found = [(unquote(url.rsplit("/", 1)[-1]), tag, text) for url, tag, text in page_links(page)]
    assert found == [
        ("a.html", "a", "甲"),
        ("b.html", "a", "乙"),
        ("download.jsp?filename=附件.pdf", "attachment", "附件"),
        ("名单.xlsx", "attachment", "名单"),
        ("x.png", "img", "图"),
    ]
    assert is_attachment("http://x.gov.cn/a/P0201.PDF") and not is_attachment("http://x/a.html")


def _real(name: str) -> Page:
    meta = json.loads((REAL / name).with_suffix(".json").read_text(encoding="utf-8"))
    body = (REAL / name).read_bytes()
    return Page.from_bytes(
        meta.get("url", "http://www.example.gov.cn/"), body, meta.get("content_type")
    )


@pytest.mark.parametrize(
    ("name", "present", "missing"),
    [
        ("trs_shanxi_gov_001.html",
         {"site_id_code": "1400000045", "icp": "晋ICP备12000773号",
          "police_record": "晋公网安备14010502050691号", "sponsor": "山西省人民政府办公厅"},
         set()),
        ("trs_mee_gov_001.html",
         {"site_id_code": "bm17000009", "police_record": "京公网安备11040102700072号"}, set()),
        # 平潭's footer prints no 公网安备 number
        ("trs_pingtan_fj_001.html", {"site_id_code": "3590000001", "icp": "闽ICP备09032658号"},
         {"police_record"}),
        # "中共…区委　太原市杏花岭区人民政府　主办": the owner is named before 主办
        ("custom_xinghualing_list_001.html",
         {"sponsor": "太原市杏花岭区人民政府", "police_record": "晋公网安备14010702070019号"},
         {"site_id_code"}),
    ],
)  # fmt: skip
def test_identity_elements_of_real_footers(name, present, missing):
    found = footer_elements(_real(name))
    for element, value in present.items():
        assert found[element] == value
    assert {k for k, v in found.items() if v is None} == missing
    assert found["conac"] and found["error_report"]


def test_a_footer_written_by_a_script():
    script = (
        "document.write('<div><p>主办：测试县人民政府　联系电话：0000-1234567</p>"
        '<p><a href="https://beian.miit.gov.cn/">滇ICP备05004015号-1</a> 网站标识码：5323260001'
        '</p><span id="_ideConac"></span></div>\');'
    )
    found = script_elements(script)
    assert found["sponsor"] == "测试县人民政府" and found["icp"] == "滇ICP备05004015号-1"
    assert found["site_id_code"] == "5323260001" and found["police_record"] is None


@pytest.mark.parametrize(
    ("html", "has"),
    [
        ('<form action="/search/index.jsp"><input name="q"></form>', True),
        ('<input type="text" id="searchword" placeholder="请输入关键字">', True),
        ('<div class="ss"><a href="/s/">搜索</a></div>', True),
        ('<form action="/login"><input type="password" name="pw"></form>', False),
        ("<div>首页</div>", False),
    ],
)
def test_search_box(html, has):
    page = Page.from_bytes("http://x.gov.cn/", f"<html><body>{html}</body></html>".encode())
    assert has_search_box(page) is has
    assert has_search_box(_real("trs_shanxi_gov_001.html"))
