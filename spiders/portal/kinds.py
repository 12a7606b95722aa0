"""What kind of page is this? Used by `govwatch extract` for staff adapting govwatch to a site."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, TypeVar
from urllib.parse import urlsplit

from core.failures import ExtractError
from spiders.dates import normalize
from spiders.page import Page, raw_text
from spiders.portal.article import READING_ERRORS, Article, extract_article
from spiders.portal.listing import ListPage, parse_list
from spiders.portal.navigation import NavColumn, discover_columns

T = TypeVar("T")
_HOME_PATH_RE = re.compile(r"^/?((index|default|main|home)\.[a-z]{2,6})?$", re.I)
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


class PageReading:
    """A page read as every kind at once; the list and the navigation are read only when
    asked for (the list parser is the costliest reader, and most pages are articles)."""

    def __init__(self, page: Page, article: Article) -> None:
        self.page = page
        self.article = article
        self.kind = _named(_kind, page, article, self)

    @cached_property
    def listing(self) -> ListPage:
        return _named(parse_list, self.page)

    @cached_property
    def nav(self) -> list[NavColumn]:
        return _named(discover_columns, self.page)

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
    return PageReading(page, extract_article(page))


def _named(reader: Callable[..., T], *args: Any) -> T:
    """Run one reader; an error it did not expect is an ExtractError (页面解析出错)."""
    try:
        return reader(*args)
    except READING_ERRORS as exc:
        raise ExtractError(f"{type(exc).__name__}: {exc}") from exc


# Dates as list rows print them; `04-03` with no year counts here (home-page tabs), though
# such a date is never stored: this only tells a page of dated links from an article.
_ROW_DATE_RE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d{2}\s*[-/.年]\s*)?(?:1[0-2]|0?[1-9])\s*[-/.月]\s*(?:3[01]|[12]\d|0?[1-9])(?!\d)"
)
_ROW_TAGS = {"li", "tr", "dl", "dd", "dt", "p"}
LONG_BODY = 300  # characters: longer than any list's teaser block


def dated_rows(page: Page) -> tuple[int, int]:
    """Link rows that print a date beside the link, and how many blocks hold ≥ 3 of them."""
    root = page.root
    if isinstance(root, str):
        return 0, 0
    rows: dict[Any, Any] = {}
    for link in root.iter("a"):
        if link.get("href"):
            row = _dated_row(link)
            if row is not None and row not in rows:
                rows[row] = _block_of(row)
    per_block: dict[Any, int] = {}
    for parent in rows.values():
        per_block[parent] = per_block.get(parent, 0) + 1
    return len(rows), sum(1 for n in per_block.values() if n >= 3)


def _dated_row(link: Any) -> Any | None:
    """The link's row (≤ 3 levels up, short, one link) when it prints a date.

    `<li><a/><span>2025-04-03</span></li>`, `<tr><td><a/></td><td>2025-04-03</td></tr>` and
    平潭's `<dl><dd><a/></dd><dd>2025-04-03</dd></dl>` all resolve to the row.
    """
    node = link.getparent()
    for _ in range(3):
        if node is None:
            return None
        text = raw_text(node)
        if len(text) > 300:
            return None
        if (
            isinstance(node.tag, str)
            and node.tag in _ROW_TAGS
            and _ROW_DATE_RE.search(normalize(text))
        ):
            links = sum(1 for _ in node.iter("a"))
            return node if links == 1 else None
        node = node.getparent()
    return None


_BLOCK_TAGS = {"div", "ul", "ol", "dl", "section", "article", "td", "body"}


def _block_of(row: Any) -> Any:
    """The block a list row belongs to: `ul` for `li`, and for table rows the element around
    the table (some templates give every row a table of its own)."""
    node = row.getparent()
    while node is not None and not (isinstance(node.tag, str) and node.tag in _BLOCK_TAGS):
        node = node.getparent()
    return node


def _short_article(article: Article) -> bool:
    """A short notice (停电通知, 闭馆通知) beside a sidebar of dated links: its own heading,
    its own date and a known body container that is not a list of links."""
    return (
        article.published_at is not None
        and article.title_from == "heading"
        and article.body_from in ("marker", "container")
        and article.text_chars >= 20
        and article.link_chars * 3 < article.text_chars
    )


def _kind(page: Page, article: Article, reading: PageReading) -> str:
    text = page.visible_text
    if sum(label in text for label in _BOARD_LABELS) >= 3 and ("留言" in text or "来信" in text):
        return "board"
    if _HOME_PATH_RE.match(urlsplit(page.url).path):
        # a home page full of dated link blocks is a home page, whatever else it shows
        rows, blocks = dated_rows(page)
        if blocks >= 2 or len(reading.nav) >= 3:
            return "home"
    # an article's own prose: long, and not mostly link text (a list's block is links)
    prose = article.text_chars >= LONG_BODY and article.link_chars * 3 < article.text_chars
    own = article.published_at or article.meta.get("ArticleTitle") or article.info_card
    if prose and (own or article.title_from == "heading"):
        # a heading and a long body: an article, even with a related-links list beside it,
        # and even undated (then it is an article 要素不全, not some other page)
        return "article"
    # detail pages carry ArticleTitle (list pages only the Column* metas), and a 信息公开
    # card belongs to one document: an article, however short its text
    if article.text_chars >= 80 and (
        article.meta.get("ArticleTitle") or len(article.info_card) >= 2
    ):
        return "article"
    if _short_article(article):
        return "article"
    rows, blocks = dated_rows(page)
    if blocks >= 2 and rows >= 10:
        return "list"
    # not an article by its looks: ask the list parser (costly, so only here)
    if rows >= 3 or len(reading.listing.entries) >= 3 or reading.listing.more:
        return "list"
    if article.published_at and article.text_chars >= 80:
        return "article"
    return "other"
