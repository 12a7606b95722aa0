"""A page's identity elements (页面底部功能区, 19号/《政府网站发展指引》): 网站标识码, ICP备案号,
公安机关备案号, 党政机关网站标识, 主办单位, 联系方式, “我为政府网站找错”; on the home page also the
search box.

Footers are read from the whole page's text and markup: a footer is where they belong, but
templates differ too much to find "the footer" reliably, and reading more can only make an
element found, never missing. Many CMS templates write the footer with a script (Hanweb's
`document.write` footer.js): such a page holds no element in its HTML, and its same-site
footer scripts are read too (crawler side) before anything is judged missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from spiders.page import Page

# 备案号 start with the province's one-character short name (滇, 黔, 蜀 …): any Han character
_HAN = "\u4e00-\u9fff"
_PATTERNS: dict[str, re.Pattern[str]] = {
    "site_id_code": re.compile(r"(?:网站标识码|网站标识|标识码)\s*[:：]?\s*([0-9A-Za-z]{10})"),
    "icp": re.compile(rf"([{_HAN}]\s*ICP\s*[备证]\s*[\dA-Z]+\s*号?(?:\s*-\s*\d+)?)", re.I),
    "police_record": re.compile(
        rf"([{_HAN}]\s*公网安备\s*\d{{10,16}}\s*号?|公安机关备案号\s*[:：]?\s*\d{{10,16}})"
    ),
    # 主办单位：X / 主办：X / "X 主办" / 版权所有：X (many sites name the owner only so)
    "sponsor": re.compile(
        r"(?:主办单位|网站主办|主\s*办|版权所有)\s*[:：]\s*([^\s|｜　<>©]{2,40})"
        rf"|([{_HAN}]{{2,30}}(?:政府|办公室|办公厅|委员会|局|中心|部|委))[\s\xa0]*主办"
    ),
    "contact": re.compile(
        r"((?:联系电话|联系方式|电\s*话|咨询电话|电子邮箱|邮\s*箱|E-?mail)"
        r"\s*[:：]\s*[^\s|｜　<>]{5,60})",
        re.I,
    ),
}
_CONTACT_LINK_RE = re.compile(r"<a\b[^>]*>\s*联系我们\s*</a>")
_CONAC_RE = re.compile(r"conac\.cn|_ideConac|党政机关网站标识|事业单位网站标识", re.I)
# the national error-reporting entry: the jiucuo.js script or a link to 找错 (pucha.kaipuyun.cn)
_ERROR_REPORT_RE = re.compile(
    r"jiucuo|我为政府网站找错|pucha\.kaipuyun\.cn|zfwzgl\.www\.gov\.cn", re.I
)
_SEARCH_WORDS = re.compile(r"search|sousuo|keyword|searchword|query|\bq\b|检索|搜索|全文检索", re.I)
_FOOTER_HINT = re.compile(r"foot|bottom|copyright|dibu|bq", re.I)

FOOTER_ELEMENTS = (
    "site_id_code",
    "icp",
    "police_record",
    "conac",
    "sponsor",
    "contact",
    "error_report",
)


def footer_elements(page: Page, extra_texts: Iterable[str] = ()) -> dict[str, str | None]:
    """Each footer element → what the page shows for it, None when it shows nothing."""
    text = "\n".join([page.visible_text, *extra_texts])
    markup = "\n".join([page.text, *extra_texts])
    return _elements(text, markup)


def script_elements(script: str) -> dict[str, str | None]:
    """The elements a footer script writes (document.write of an HTML string)."""
    return _elements(script.replace("\\'", "'"), script)


def _elements(text: str, markup: str) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name, pattern in _PATTERNS.items():
        match = pattern.search(text)
        value = next((g for g in match.groups() if g), None) if match else None
        found[name] = re.sub(r"\s+", "", value) if value else None
    if not found["contact"] and _CONTACT_LINK_RE.search(markup):
        found["contact"] = "联系我们"  # a 联系我们 page linked from the footer
    conac = _CONAC_RE.search(markup)
    found["conac"] = conac.group(0) if conac else None
    report = _ERROR_REPORT_RE.search(markup)
    found["error_report"] = report.group(0) if report else None
    return found


def has_search_box(page: Page) -> bool:
    """A search form or field: an input whose name, id, class or placeholder says so, a form
    posting to a search URL, or a 搜索 button."""
    for node in page.sel.xpath("//form"):
        action = node.attrib.get("action", "")
        if _SEARCH_WORDS.search(action) or node.xpath(".//input[@type='text' or @type='search']"):
            return True
    for node in page.sel.xpath("//input"):
        attrs = " ".join(
            node.attrib.get(k, "") for k in ("name", "id", "class", "placeholder", "type")
        )
        if _SEARCH_WORDS.search(attrs):
            return True
    return bool(page.sel.xpath("//*[self::button or self::a][contains(., '搜索')]"))


def footer_scripts(page: Page, limit: int = 3) -> list[str]:
    """Same-site scripts that may write the footer (those inside or after a footer element
    first), for a page that shows no footer element of its own."""
    host = urlsplit(page.url).hostname
    found: list[str] = []
    nodes = page.sel.xpath("//*[@id or @class][script[@src]]")
    ordered = [
        n for n in nodes if _FOOTER_HINT.search(n.attrib.get("id", "") + n.attrib.get("class", ""))
    ]
    for node in ordered:
        for src in node.xpath("./script/@src").getall():
            url = page.absolute(src)
            if urlsplit(url).hostname == host and url not in found:
                found.append(url)
    return found[:limit]


def needs_scripts(found: dict[str, str | None]) -> bool:
    """A footer element is missing: it may be written by a script (a body's own 联系电话 line
    can make a script-written footer look half present)."""
    return not all(found.get(name) for name in FOOTER_ELEMENTS)
