"""The county portal spider: home page → columns → every list page → new or changed articles.

It is one spider for every CMS family: spiders/listing.py recognises the family of each list
page, so a county's file is its govwatch.yaml, not code. Failures never vanish: every request
has an errback that yields a FetchFailureItem, and the pipeline marks the column incomplete.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy_playwright.page import PageMethod
from twisted.python.failure import Failure

from crawler.errors import EmptyPage, FetchFailure, PageDecodeError, classify
from spiders.article import extract_article, read_meta
from spiders.encoding import DecodeError
from spiders.items import (
    ArticleItem,
    DiscoveredColumnItem,
    FetchFailureItem,
    ListPageItem,
    SiteInfoItem,
    UnchangedItem,
)
from spiders.listing import ListEntry, PageRequest, parse_hanweb_proxy, parse_list
from spiders.navigation import discover_columns, site_id_code
from spiders.page import Page


@dataclass(frozen=True)
class ColumnPlan:
    name: str
    url: str
    category: str
    render: str = "http"
    wait_for: str | None = None
    # articles stored for this column before the run: a column that suddenly lists none is
    # more likely a broken template than an empty column
    known_articles: int = 0


@dataclass
class CrawlPlan:
    start_url: str
    allowed_domains: list[str]
    columns: list[ColumnPlan]
    discover: bool = True
    # url → list signature of every stored article (incremental crawl)
    known: dict[str, str | None] = field(default_factory=dict)


def reads_page(
    callback: Callable[[PortalSpider, Response, Page], Iterator[Any]],
) -> Callable[[PortalSpider, Response], Iterator[Any]]:
    """Decode the response first; an undecodable or empty page becomes a failure item."""

    @functools.wraps(callback)
    def wrapper(self: PortalSpider, response: Response) -> Iterator[Any]:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        try:
            if not response.body.strip():
                raise EmptyPage("empty response body")
            page = Page.from_bytes(response.url, response.body, content_type)
        except DecodeError as exc:
            yield self.failure_item(response, PageDecodeError(str(exc)))
            return
        except FetchFailure as exc:
            yield self.failure_item(response, exc)
            return
        yield from callback(self, response, page)

    return wrapper


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, plan: CrawlPlan, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan
        self.allowed_domains = list(plan.allowed_domains)
        self.columns = {column.url: column for column in plan.columns}
        # list pages requested per column (capped by GOVWATCH_MAX_LIST_PAGES)
        self.list_urls: defaultdict[str, set[str]] = defaultdict(set)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self._request(self.plan.start_url, self.parse_home, None, "home")
        for column in self.plan.columns:
            yield self._list_request(column)

    # -- requests ---------------------------------------------------------------------------

    def _request(
        self,
        url: str,
        callback: Any,
        column_url: str | None,
        page_kind: str,
        meta: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={"column_url": column_url, "page_kind": page_kind, **(meta or {})},
            **kwargs,
        )

    def _list_request(self, column: ColumnPlan) -> scrapy.Request:
        self.list_urls[column.url].add(column.url)
        meta: dict[str, Any] = {"first_page": True}
        if column.render == "browser":
            # The list is built by JavaScript from a JSON endpoint: wait until it exists,
            # or the page comes back empty.
            meta["playwright"] = True
            meta["playwright_page_methods"] = [PageMethod("wait_for_selector", column.wait_for)]
        return self._request(column.url, self.parse_list, column.url, "list", meta)

    def _more_request(self, request: PageRequest, column_url: str, referer: str) -> scrapy.Request:
        if request.method == "POST":
            return scrapy.FormRequest(
                request.url,
                formdata=dict(request.form),
                # what jQuery's $.ajax sends; some Hanweb sites refuse the proxy without it
                headers={"X-Requested-With": "XMLHttpRequest", "Referer": referer},
                callback=self.parse_hanweb_records,
                errback=self.on_error,
                meta={"column_url": column_url, "page_kind": "list"},
            )
        return self._request(request.url, self.parse_list, column_url, "list")

    # -- callbacks --------------------------------------------------------------------------

    @reads_page
    def parse_home(self, response: Response, page: Page) -> Iterator[Any]:
        yield SiteInfoItem(site_id_code(page, read_meta(page.sel).get("SiteIDCode")))
        if not self.plan.discover:
            return
        for found in discover_columns(page):
            if found.url in self.columns:
                continue
            column = ColumnPlan(found.name, found.url, found.category)
            self.columns[found.url] = column
            yield DiscoveredColumnItem(found.name, found.url, found.category)
            yield self._list_request(column)

    @reads_page
    def parse_list(self, response: Response, page: Page) -> Iterator[Any]:
        column_url: str = response.meta["column_url"]
        listing = parse_list(page)
        column = self.columns[column_url]
        if response.meta.get("first_page") and not listing.entries and column.known_articles:
            detail = f"list shows no entries; {column.known_articles} stored before"
            yield self.failure_item(response, EmptyPage(detail))
            return
        yield ListPageItem(column_url, response.url, len(listing.entries))
        yield from self._entries(listing.entries, column_url)
        # Every page's pager is followed: VSB and query-string pagers show only nearby pages.
        limit = self.settings.getint("GOVWATCH_MAX_LIST_PAGES")
        seen = self.list_urls[column_url]
        for more in listing.more:
            if more.url not in seen and len(seen) < limit:
                seen.add(more.url)
                yield self._more_request(more, column_url, response.url)

    @reads_page
    def parse_hanweb_records(self, response: Response, page: Page) -> Iterator[Any]:
        column_url: str = response.meta["column_url"]
        entries = parse_hanweb_proxy(page)
        yield ListPageItem(column_url, response.url, len(entries))
        yield from self._entries(entries, column_url)

    @reads_page
    def parse_article(self, response: Response, page: Page) -> Iterator[Any]:
        article = extract_article(page, list_date=response.meta.get("list_date"))
        if not article.text and not article.title:
            yield self.failure_item(response, EmptyPage("no title and no text"))
            return
        digest = hashlib.sha256(
            f"{article.title}\n{article.published_at}\n{article.source}\n{article.text}".encode()
        ).hexdigest()
        yield ArticleItem(
            url=response.url,
            column_url=response.meta["column_url"],
            title=article.title,
            published_at=article.published_at,
            date_source=article.date_source,
            source=article.source,
            text=article.text,
            content_hash=digest,
            list_signature=response.meta.get("list_signature"),
            charset=article.charset,
            attachments=article.attachments,
            meta=article.meta | {f"card:{k}": v for k, v in article.info_card.items()},
        )

    def on_error(self, failure: Failure) -> Iterator[FetchFailureItem]:
        request = failure.request  # type: ignore[attr-defined]
        found = classify(failure)
        yield FetchFailureItem(
            url=request.url,
            column_url=request.meta.get("column_url"),
            page_kind=request.meta.get("page_kind", "other"),
            code=found.code,
            status=found.status,
            detail=found.detail,
        )

    # -- helpers ----------------------------------------------------------------------------

    def _entries(self, entries: list[ListEntry], column_url: str) -> Iterator[Any]:
        unchanged = []
        for entry in entries:
            if not self._allowed(entry.url):
                continue
            if entry.url in self.plan.known and self.plan.known[entry.url] == entry.signature:
                unchanged.append(entry.url)
                continue
            yield self._request(
                entry.url,
                self.parse_article,
                column_url,
                "article",
                {"list_date": entry.date, "list_signature": entry.signature},
            )
        if unchanged:
            yield UnchangedItem(column_url, unchanged)

    def _allowed(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def failure_item(self, response: Response, error: FetchFailure) -> FetchFailureItem:
        return FetchFailureItem(
            url=response.url,
            column_url=response.meta.get("column_url"),
            page_kind=response.meta.get("page_kind", "other"),
            code=error.code,
            status=response.status,
            detail=error.detail,
        )
