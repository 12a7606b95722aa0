"""The home page's dated blocks (要闻, 通知公告, 部门动态 tabs …): every link with a date beside
it, for the homepage freshness check (19号: no new item on the home page for 2 weeks).

Home-page tabs often print `MM-DD` without a year: it is kept as printed, and the check gives
it the year of the day it judges (one year back when that would lie in the future), because
only the check knows that day.
"""

from __future__ import annotations

import re
from datetime import datetime

from parsel import Selector

from spiders.dates import DATE_RE, normalize, parse_date
from spiders.items import HomeDatesItem
from spiders.page import Page, clean, squeeze

_MONTH_DAY_RE = re.compile(
    r"(?<![\d\-/.])(1[0-2]|0?[1-9])\s*[-/.月]\s*(3[01]|[12]\d|0?[1-9])日?(?![\d\-/.])"
)
_ROW_TAGS = {"li", "tr", "dd", "dt", "p", "div"}


def home_dates(page: Page) -> HomeDatesItem:
    entries: list[tuple[str, str, datetime | None, str | None]] = []
    undated = 0
    seen: set[str] = set()
    for link in page.sel.xpath("//a[@href]"):
        href = (link.attrib.get("href") or "").strip()
        title = clean(link.attrib.get("title")) or clean("".join(link.xpath(".//text()").getall()))
        if len(squeeze(title)) < 6 or href.startswith(("javascript:", "#")):
            continue  # navigation, 更多>>, icons
        url = page.absolute(href)
        if url in seen:
            continue
        seen.add(url)
        text = _row_text(link)
        found = DATE_RE.search(text)
        if found and (day := parse_date(found.group(0))):
            entries.append((title, url, day, None))
            continue
        short = _MONTH_DAY_RE.search(text)
        if short:
            entries.append(
                (title, url, None, f"{int(short.group(1)):02d}-{int(short.group(2)):02d}")
            )
        else:
            undated += 1
    return HomeDatesItem(page.url, entries, undated)


def _row_text(link: Selector) -> str:
    """The text of the link's row outside the link, else a date element inside the link."""
    node = link
    for _ in range(3):
        parents = node.xpath("..")
        if not parents:
            break
        node = parents[0]
        if len(node.xpath(".//a[@href]")) > 1:
            break
        if node.root.tag in _ROW_TAGS:
            rest = normalize(" ".join(node.xpath(".//text()[not(ancestor::a)]").getall()))
            if rest.strip():
                return rest
    inside = link.xpath(".//*[not(*)]/text()").getall()
    return normalize(" ".join(t for t in inside if _MONTH_DAY_RE.search(t) or DATE_RE.search(t)))
