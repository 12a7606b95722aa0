"""Columns found in a home page's navigation, and site facts from its footer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from spiders.page import Page, clean, raw_text

# Column names → category, most specific first. Names staff would recognise on any portal.
CATEGORY_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("政策解读", "policy"),
    ("政策文件", "policy"),
    ("规范性文件", "policy"),
    ("人事", "personnel"),
    ("规划", "plan"),
    ("计划", "plan"),
    ("通知公告", "notice"),
    ("公告", "notice"),
    ("公示", "notice"),
    ("通知", "notice"),
    ("要闻", "news"),
    ("动态", "news"),
    ("新闻", "news"),
    ("留言", "interaction"),
    ("信箱", "interaction"),
    ("互动", "interaction"),
    ("征集", "interaction"),
    ("访谈", "interaction"),
    ("办事", "service"),
    ("服务", "service"),
)
# Only these are list columns worth crawling when nobody configured them.
CRAWLABLE = {"news", "notice", "policy", "personnel", "plan"}
_NAV_HINT_RE = re.compile(r"nav|menu|daohang|dh|lanmu|column|channel", re.I)
_SITE_CODE_RE = re.compile(r"网站标识码\s*[:：]?\s*([0-9A-Za-z]{10})")


@dataclass(frozen=True)
class NavColumn:
    name: str
    url: str
    category: str


def guess_category(name: str) -> str:
    for keyword, category in CATEGORY_KEYWORDS:
        if keyword in name:
            return category
    return "other"


def discover_columns(page: Page) -> list[NavColumn]:
    """Links in the navigation whose names say they are list columns of this site."""
    out: dict[str, NavColumn] = {}
    root = page.root
    if isinstance(root, str):
        return []
    hinted: dict[Any, bool] = {}  # ancestors are shared by many links: test each once
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "#")):
            continue
        if not _in_nav(link, hinted):
            continue
        name = clean(raw_text(link)) or clean(link.get("title"))
        if not name or len(name) > 12:
            continue
        category = guess_category(name)
        if category not in CRAWLABLE:
            continue
        url = page.absolute(href)
        if urlsplit(url).hostname != page.host or url.rstrip("/") == page.url.rstrip("/"):
            continue
        if url not in out:
            out[url] = NavColumn(name, url, category)
    return list(out.values())


def _in_nav(link: Any, hinted: dict[Any, bool]) -> bool:
    """Whether one of the link's four nearest ancestors is a <nav> or says nav/menu."""
    node = link.getparent()
    for _ in range(4):
        if node is None:
            return False
        found = hinted.get(node)
        if found is None:
            attrs = f"{node.get('class', '')} {node.get('id', '')}"
            found = hinted[node] = node.tag == "nav" or bool(_NAV_HINT_RE.search(attrs))
        if found:
            return True
        node = node.getparent()
    return False


def site_id_code(page: Page, meta_value: str | None = None) -> str | None:
    """网站标识码: the SiteIDCode meta tag, else the footer text."""
    if meta_value:
        return meta_value
    match = _SITE_CODE_RE.search(page.visible_text)
    return match.group(1) if match else None
