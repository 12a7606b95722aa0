"""The county portal spider: home page → columns → every list page → new or changed articles.

It is one spider for every CMS family: spiders/portal/listing.py recognises the family of
each list page, so a county's file is its govwatch.yaml, not code. Failures never vanish:
every request has an errback, every callback turns an unexpected error into a failure item,
and the pipeline marks the column incomplete.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy_playwright.page import PageMethod
from twisted.python.failure import Failure

from core.failures import Blocked, EmptyPage, ExtractError, FetchFailure, TemplateChanged
from spiders.blocked import blocked_reason
from spiders.failures import classify
from spiders.items import (
    ArticleItem,
    ColumnStopItem,
    FetchFailureItem,
    ListDatesItem,
    ListPageItem,
    NavigationItem,
    SiteInfoItem,
    UnchangedItem,
)
from spiders.page import Page
from spiders.portal.article import extract_article, read_meta
from spiders.portal.board import BoardMixin
from spiders.portal.home import home_dates
from spiders.portal.link_requests import LinkCheckMixin
from spiders.portal.links import on_hosts
from spiders.portal.listing import (
    ListEntry,
    PageRequest,
    parse_hanweb_proxy,
    parse_list,
    unread_article_links,
)
from spiders.portal.navigation import discover_columns, site_id_code
from spiders.portal.plan import ColumnPlan, CrawlPlan

logger = logging.getLogger(__name__)


def reads_page(
    callback: Callable[[PortalSpider, Response, Page], Iterator[Any]],
) -> Callable[[PortalSpider, Response], Iterator[Any]]:
    """Decode the response, then run the callback; every failure becomes a failure item."""

    @functools.wraps(callback)
    def wrapper(self: PortalSpider, response: Response) -> Iterator[Any]:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        try:
            page = Page.from_bytes(response.url, response.body, content_type)
            meta = read_meta(page.sel)
            blocked = blocked_reason(
                page.visible_text,
                page.text,
                has_structure=bool(meta.keys() & {"ArticleTitle", "PubDate", "ContentSource"}),
            )
            if blocked:
                raise Blocked(f"返回的是验证/拦截页面（{blocked}）")
            # materialised here so an extraction error is caught below, not inside Scrapy
            results = list(callback(self, response, page))
            for url in {response.url, *response.meta.get("redirect_urls", [])}:
                self.note_fetched(url, response.status, None, "")
        except FetchFailure as exc:
            yield self.failure_item(response.request, exc.code, response.status, exc.detail)
            return
        except Exception as exc:  # a page no extractor expected must not pass silently
            logger.exception("error reading %s", response.url)
            detail = f"{type(exc).__name__}: {exc}"
            yield self.failure_item(response.request, ExtractError.code, response.status, detail)
            return
        yield from results

    return wrapper


@dataclass
class ColumnProgress:
    """One column's list pages during a run: which were requested, which are still to come."""

    plan: ColumnPlan
    requested: set[str] = field(default_factory=set)
    waiting: deque[PageRequest] = field(default_factory=deque)
    stopped: bool = False


class PortalSpider(LinkCheckMixin, BoardMixin, scrapy.Spider):
    name = "portal"

    def __init__(self, plan: CrawlPlan, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.plan = plan
        self.allowed_domains = list(plan.allowed_domains)
        self.columns = {column.url: column for column in plan.columns}
        # per column: list pages requested (the pipeline checks each came back) and the
        # further pages not requested yet (an incremental crawl asks for one at a time)
        self.progress: dict[str, ColumnProgress] = {}
        self.init_links()

    def list_requested(self, column_url: str) -> int:
        progress = self.progress.get(column_url)
        return len(progress.requested) if progress else 0

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
        self.crawl_owned.add(url)
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={"column_url": column_url, "page_kind": page_kind, **(meta or {})},
            **kwargs,
        )

    def _render_meta(self, column: ColumnPlan) -> dict[str, Any]:
        if column.render != "browser":
            return {}
        # The list is built by JavaScript from a JSON endpoint: wait until it exists,
        # or the page comes back before the list does.
        return {
            "playwright": True,
            "playwright_page_methods": [
                PageMethod("wait_for_selector", column.wait_for, timeout=30_000)
            ],
        }

    def _list_request(self, column: ColumnPlan) -> scrapy.Request:
        self.progress[column.url] = ColumnProgress(column, {column.url})
        meta = {"first_page": True, **self._render_meta(column)}
        # a 网民留言 board: its list and every 留言 page (spiders/portal/board.py)
        callback = self.parse_board_list if column.category == "interaction" else self.parse_list
        # dont_filter: a column may share its URL with the home page or another column's pager
        return self._request(column.url, callback, column.url, "list", meta, dont_filter=True)

    def _more_request(self, more: PageRequest, column: ColumnPlan, referer: str) -> scrapy.Request:
        self.crawl_owned.add(more.url)
        if more.method == "POST":
            return scrapy.FormRequest(
                more.url,
                formdata=dict(more.form),
                # what jQuery's $.ajax sends; some Hanweb sites refuse the proxy without it
                headers={"X-Requested-With": "XMLHttpRequest", "Referer": referer},
                callback=self.parse_hanweb_records,
                errback=self.on_error,
                meta={"column_url": column.url, "page_kind": "list"},
                dont_filter=True,
            )
        # dont_filter: each list page requested is counted and must come back (completeness)
        return self._request(
            more.url, self.parse_list, column.url, "list", self._render_meta(column),
            dont_filter=True,
        )  # fmt: skip

    # -- callbacks --------------------------------------------------------------------------

    @reads_page
    def parse_home(self, response: Response, page: Page) -> Iterator[Any]:
        yield SiteInfoItem(site_id_code(page, read_meta(page.sel).get("SiteIDCode")))
        yield home_dates(page)  # the home page's dated blocks (homepage freshness)
        self.note_links(page, "home")
        yield from self.identity_sample(page, "home", None)
        if not self.plan.discover:
            return
        found = discover_columns(page)
        yield NavigationItem(found)
        for column in found:
            if column.url not in self.columns:
                plan = ColumnPlan(column.name, column.url, column.category)
                self.columns[column.url] = plan
                yield self._list_request(plan)

    @reads_page
    def parse_list(self, response: Response, page: Page) -> Iterator[Any]:
        column = self.columns[response.meta["column_url"]]
        first = bool(response.meta.get("first_page"))
        listing = parse_list(page)
        if not listing.entries:
            if first and column.known_articles:
                raise TemplateChanged(f"列表页无条目（此前已采集{column.known_articles}条）")
            if unread_article_links(page) >= 3:
                raise TemplateChanged("页面有文章链接，但未能识别列表")
        yield ListPageItem(column.url, len(listing.entries), first, len(listing.more))
        yield ListDatesItem(column.url, [entry.date for entry in listing.entries])
        self.crawl_owned.update(request.url for request in listing.more)
        self.note_links(page, "list")
        if first:
            yield from self.identity_sample(page, "list", column.url)
        yield from self._after_list_page(column, listing.entries, listing.more, response.url)

    @reads_page
    def parse_hanweb_records(self, response: Response, page: Page) -> Iterator[Any]:
        column = self.columns[response.meta["column_url"]]
        entries = parse_hanweb_proxy(page)
        yield ListPageItem(column.url, len(entries))
        yield ListDatesItem(column.url, [entry.date for entry in entries])
        yield from self._after_list_page(column, entries, [], response.url)

    def _after_list_page(
        self, column: ColumnPlan, entries: list[ListEntry], more: list[PageRequest], referer: str
    ) -> Iterator[Any]:
        """Fetch the page's new and changed entries, then decide which list pages come next.

        A full crawl requests every page it learns of (VSB and query-string pagers show only
        nearby pages, so every page's pager is followed). An incremental crawl asks for the
        next page only while the pages still show something new: the first page whose
        entries are all known and unchanged ends the column, the rest is already stored.
        """
        progress = self.progress[column.url]
        fetched = yield from self._entries(entries, column.url)
        for request in more:
            if request.url not in progress.requested and all(
                w.url != request.url for w in progress.waiting
            ):
                progress.waiting.append(request)
        if column.incremental and not fetched and entries:
            if progress.waiting and not progress.stopped:
                progress.stopped = True
                yield ColumnStopItem(column.url)
            return
        budget = len(progress.waiting) if not column.incremental else 1
        limit = self.settings.getint("GOVWATCH_MAX_LIST_PAGES")
        while progress.waiting and budget > 0:
            if len(progress.requested) >= limit:
                logger.warning("%s: stopped at %d list pages", column.name, limit)
                progress.waiting.clear()
                break
            request = progress.waiting.popleft()
            progress.requested.add(request.url)
            budget -= 1
            yield self._more_request(request, column, referer)

    @reads_page
    def parse_article(self, response: Response, page: Page) -> Iterator[Any]:
        article = extract_article(
            page, list_date=response.meta.get("list_date"), site_names=self.plan.site_names
        )
        if not article.text and not article.title:
            raise EmptyPage("页面无标题、无正文")
        self.note_links(page, "article")
        self.note_attachments(page.url, [a["url"] for a in article.attachments])
        yield from self.identity_sample(page, "article", response.meta["column_url"])
        digest = hashlib.sha256(
            f"{article.title}\n{article.published_at}\n{article.source}\n{article.text}".encode()
        ).hexdigest()
        yield ArticleItem(
            # the URL the list shows, even when the site redirected: the next run looks it up
            url=response.meta.get("redirect_urls", [response.url])[0],
            column_url=response.meta["column_url"],
            title=article.title,
            published_at=article.published_at,
            date_source=article.date_source,
            source=article.source,
            text=article.text,
            content_hash=digest,
            list_signature=response.meta.get("list_signature"),
            charset=article.charset,
            list_date=article.list_date,
            attachments=article.attachments,
            links=article.links,
            meta=article.meta | {f"card:{k}": v for k, v in article.info_card.items()},
        )

    @reads_page
    def parse_board_list(self, response: Response, page: Page) -> Iterator[Any]:
        yield from self.board_list(response, page)

    @reads_page
    def parse_board_message(self, response: Response, page: Page) -> Iterator[Any]:
        yield from self.board_message(response, page)

    def on_error(self, failure: Failure) -> Iterator[FetchFailureItem]:
        found = classify(failure)
        yield self.failure_item(failure.request, found.code, found.status, found.detail)  # type: ignore[attr-defined]

    # -- helpers ----------------------------------------------------------------------------

    def _entries(self, entries: list[ListEntry], column_url: str) -> Generator[Any, None, int]:
        """Requests for new and changed entries, then the unchanged ones; returns how many
        entries had to be fetched."""
        unchanged = []
        fetched = 0
        for entry in entries:
            if not self._allowed(entry.url):
                # a repost linking to another site (省政府网…): not this portal's page
                logger.info("%s: skipped off-site entry %s", column_url, entry.url)
                continue
            if self.plan.known.get(entry.url, "") == entry.signature:
                self.crawl_owned.add(entry.url)
                unchanged.append(entry.url)
                continue
            fetched += 1
            yield self._request(
                entry.url,
                self.parse_article,
                column_url,
                "article",
                {"list_date": entry.date, "list_signature": entry.signature},
            )
        if unchanged:
            yield UnchangedItem(column_url, unchanged)
        return fetched

    def _allowed(self, url: str) -> bool:
        return on_hosts(url, self.allowed_domains)

    def failure_item(
        self, request: scrapy.Request, code: str, status: int | None, detail: str
    ) -> FetchFailureItem:
        for url in {request.url, *request.meta.get("redirect_urls", [])}:
            self.note_fetched(url, status, code, detail)
        return FetchFailureItem(
            url=request.url,
            column_url=request.meta.get("column_url"),
            page_kind=request.meta.get("page_kind", "other"),
            code=code,
            status=status,
            detail=detail,
        )
