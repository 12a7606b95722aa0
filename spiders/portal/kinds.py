"""What kind of page is this? Used by `govwatch extract` for staff adapting govwatch to a site."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from spiders.page import Page
from spiders.portal.article import Article, extract_article
from spiders.portal.listing import ListPage, parse_list
from spiders.portal.navigation import NavColumn, discover_columns

_HOME_PATH_RE = re.compile(r"^/?(index\.(s?html?|jsp|aspx?|php))?$", re.I)
_BOARD_LABELS = (
    "留言时间", "留言日期", "留言类型", "留言标题", "来信时间", "办理单位", "承办单位",
    "回复单位", "答复单位", "回复时间", "答复时间", "办理状态", "已办结", "已回复",
)  # fmt: skip


@dataclass
class PageSummary:
    """What `govwatch extract` shows of a page."""

    kind: str
    title: str
    published: datetime | None
    date_source: str | None
    source_unit: str | None
    source_from: str | None
    unit: str | None
    column: str | None
    text_chars: int
    charset: str
    links: list[dict[str, Any]]
    pager: str
    more_pages: list[str]
    meta: dict[str, str]
    info_card: dict[str, str]


@dataclass
class PageReading:
    kind: str  # article | list | board | home | other
    article: Article
    listing: ListPage
    nav: list[NavColumn]

    def summary(self, unit: str | None = None) -> PageSummary:
        article = self.article
        links: list[dict[str, Any]]
        if self.kind == "article":
            links = list(article.attachments)
        elif self.kind == "home":
            links = [{"url": c.url, "title": c.name, "category": c.category} for c in self.nav]
        else:
            links = [{"url": e.url, "title": e.title, "date": e.date} for e in self.listing.entries]
        return PageSummary(
            kind=self.kind,
            title=article.title,
            published=article.published_at,
            date_source=article.date_source,
            source_unit=article.source,
            source_from=article.source_from,
            unit=unit,
            column=article.column,
            text_chars=article.text_chars,
            charset=article.charset,
            links=links,
            pager=self.listing.family,
            more_pages=[p.url for p in self.listing.more],
            meta=article.meta,
            info_card=article.info_card,
        )


def read_page(page: Page) -> PageReading:
    article = extract_article(page)
    listing = parse_list(page)
    nav = discover_columns(page)
    return PageReading(_kind(page, article, listing, nav), article, listing, nav)


def _kind(page: Page, article: Article, listing: ListPage, nav: list[NavColumn]) -> str:
    if _HOME_PATH_RE.match(urlsplit(page.url).path) and len(nav) >= 3:
        return "home"
    if article.meta.get("ArticleTitle"):
        return "article"
    text = page.visible_text
    if sum(label in text for label in _BOARD_LABELS) >= 3 and ("留言" in text or "来信" in text):
        return "board"
    if len(article.info_card) >= 2:
        return "article"
    if len(listing.entries) >= 3 or listing.more:
        return "list"
    if article.published_at and article.text_chars >= 80:
        return "article"
    return "other"
