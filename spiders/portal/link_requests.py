"""The portal spider's link checks and identity samples (dead_link, privacy in attachments,
identity_missing): what the pages link to is collected while the crawl runs; when the crawl
has nothing left to do (spider_idle) the targets it did not read itself are requested once.

Politeness: a target the crawl read is never requested again; internal targets share the
crawl's per-site limits (AutoThrottle, robots.txt); each external host gets at most
`links.external_per_host` requests at a time, a short time-out and no retry — an external
failure is at most "suspected" anyway. HEAD first (no body), GET where HEAD is refused or
answered with an error (many CMS answer HEAD with 404/405/500), an attachment by GET for the
privacy check while it is under the size cap.
"""

from __future__ import annotations

import logging
from collections import defaultdict, deque
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure
from w3lib.url import safe_url_string

from core.config import IdentityConfig, LinksConfig, PrivacyConfig
from spiders.attachments import attachment_text
from spiders.failures import classify, classify_status
from spiders.items import AttachmentItem, IdentityItem, LinkItem
from spiders.page import Page
from spiders.portal.identity import footer_elements, footer_scripts, has_search_box, needs_scripts
from spiders.portal.links import (
    NOT_CHECKED,
    LinkResult,
    LinkTarget,
    is_attachment,
    judge,
    on_hosts,
    page_links,
)

logger = logging.getLogger(__name__)

_ERROR_STATUSES = list(range(400, 600))
_GET_FALLBACK_MAX = 1024 * 1024  # a page's GET only needs its status: read at most 1 MiB
_SCRIPT_MAX = 256 * 1024


class LinkCheckMixin:
    """Mixed into PortalSpider (spiders/portal/spider.py)."""

    crawler: Crawler
    plan: Any
    settings: Any

    def init_links(self) -> None:
        self.link_targets: dict[str, LinkTarget] = {}
        self.link_results: dict[str, LinkResult] = {}
        # URLs the crawl itself reads (columns, list pages, articles): judged by that fetch
        self.crawl_owned: set[str] = set()
        self._links_started = False
        self._external_waiting: dict[str, deque[str]] = defaultdict(deque)
        self._attachments_fetched = 0
        # identity samples: pages per column, footer scripts read (url → text or None)
        self._identity_pages: dict[str | None, int] = defaultdict(int)
        self._scripts: dict[str, str | None] = {}
        self._script_waiting: dict[str, list[IdentityItem]] = defaultdict(list)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)  # type: ignore[misc]
        crawler.signals.connect(spider.links_idle, signal=signals.spider_idle)
        return spider

    @property
    def _links(self) -> LinksConfig:
        return self.plan.links

    @property
    def _privacy(self) -> PrivacyConfig:
        return self.plan.privacy

    # -- collecting -------------------------------------------------------------------------

    def note_links(self, page: Page, page_kind: str) -> None:
        if not self._links.enabled:
            return
        keep = self._links.pages_kept
        for url, tag, text in page_links(page):
            target = self.link_targets.get(url)
            if target is None:
                if len(self.link_targets) >= self._links.max_links:
                    self.crawler.stats.inc_value("govwatch/links_over_limit")
                    continue
                target = LinkTarget(url, tag, self.is_internal(url), text)
                self.link_targets[url] = target
            if page.url not in target.pages:
                target.page_count += 1
                if len(target.pages) < keep:
                    target.pages.append(page.url)
            target.on_home |= page_kind == "home"
            target.text = target.text or text

    def note_attachments(self, page_url: str, urls: list[str]) -> None:
        """Attachment links the article extractor found beyond the markup (script strings)."""
        if not self._links.enabled:
            return
        for url in map(safe_url_string, urls):
            if url in self.link_targets or not is_attachment(url):
                continue
            if len(self.link_targets) < self._links.max_links:
                target = LinkTarget(url, "attachment", self.is_internal(url), "", [page_url], 1)
                self.link_targets[url] = target

    def note_fetched(self, url: str, status: int | None, code: str | None, detail: str) -> None:
        """A page the crawl requested came back (or failed): its links are judged by it."""
        self.link_results[url] = judge(self.is_internal(url), status, code, detail)

    def is_internal(self, url: str) -> bool:
        return on_hosts(url, [*self.plan.allowed_domains, *self._links.internal_hosts])

    # -- requesting what the crawl did not read ---------------------------------------------

    def links_idle(self) -> None:
        if self._links_started or not self._links.enabled:
            return
        self._links_started = True
        requests = list(self._first_link_requests())
        for request in requests:
            self.crawler.engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def _first_link_requests(self) -> Iterator[scrapy.Request]:
        for target in self.plan.recheck_links:
            self.link_targets.setdefault(target.url, target)
        if self.plan.https_probe:
            yield self._link_request(self.plan.https_probe, "HEAD", probe="https")
        for url, target in self.link_targets.items():
            if url in self.link_results:
                continue
            if url in self.crawl_owned:
                self.link_results[url] = LinkResult(NOT_CHECKED, detail="本次增量采集未读取该页面")
                continue
            if not target.internal:
                if not self._links.check_external:
                    self.link_results[url] = LinkResult(NOT_CHECKED, detail="未开启外部链接检查")
                    continue
                host = urlsplit(url).hostname or ""
                self._external_waiting[host].append(url)
                continue
            yield self._target_request(target)
        for host in list(self._external_waiting):
            for _ in range(self._links.external_per_host):
                request = self._next_external(host)
                if request is not None:
                    yield request

    def _target_request(self, target: LinkTarget) -> scrapy.Request:
        if target.tag == "attachment" and self._wants_text(target.url):
            self._attachments_fetched += 1
            return self._link_request(target.url, "GET", attachment=True)
        return self._link_request(target.url, "HEAD")

    def _wants_text(self, url: str) -> bool:
        privacy = self._privacy
        return (
            privacy.enabled
            and privacy.attachments
            and self._attachments_fetched < privacy.max_attachments
            and url not in self.plan.known_attachments
        )

    def _next_external(self, host: str) -> scrapy.Request | None:
        waiting = self._external_waiting.get(host)
        if not waiting:
            return None
        return self._link_request(waiting.popleft(), "HEAD")

    def _link_request(self, url: str, method: str, **flags: Any) -> scrapy.Request:
        internal = self.is_internal(url)
        self.crawler.stats.inc_value("govwatch/link_requests")
        meta: dict[str, Any] = {
            "page_kind": "link",
            "link_flags": flags,
            "handle_httpstatus_list": _ERROR_STATUSES,
        }
        if flags.get("attachment"):
            meta["download_maxsize"] = int(self._privacy.attachment_max_mb * 1024 * 1024)
        elif method == "GET":
            meta["download_maxsize"] = _GET_FALLBACK_MAX
        if not internal:
            meta["download_timeout"] = self._links.external_timeout
            meta["max_retry_times"] = 0
        return scrapy.Request(
            url,
            method=method,
            callback=self.parse_link,
            errback=self.link_failed,
            meta=meta,
            dont_filter=True,
        )

    def parse_link(self, response: Response) -> Iterator[Any]:
        request = response.request
        assert request is not None
        url = request.meta.get("redirect_urls", [request.url])[0]
        flags = request.meta.get("link_flags", {})
        if flags.get("probe") == "https":
            self.plan.https_ok = response.status < 400
            return
        if response.status >= 400 and response.status != 429 and request.method == "HEAD":
            yield self._link_request(url, "GET", **flags)  # HEAD refused or mishandled
            return
        if flags.get("script"):
            yield from self._script_done(url, response.text if response.status < 400 else None)
            return
        code = classify_status(response.status, response).code if response.status >= 400 else None
        self.link_results[url] = judge(
            self.is_internal(url), response.status, code, f"HTTP {response.status}"
        )
        if flags.get("attachment") and response.status < 400:
            result = attachment_text(
                response.body,
                response.url,
                response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
                int(self._privacy.attachment_max_mb * 1024 * 1024),
            )
            target = self.link_targets.get(url)
            yield AttachmentItem(
                url=url,
                article_url=target.pages[0] if target and target.pages else None,
                status=result.status,
                reason=result.reason,
                file_type=result.file_type,
                size=len(response.body),
                text=result.text,
            )
        yield from self._after_external(url)

    def link_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        url = request.meta.get("redirect_urls", [request.url])[0]
        flags = request.meta.get("link_flags", {})
        found = classify(failure)
        if flags.get("probe") == "https":
            # refused: no HTTPS; a certificate error is HTTPS offered badly, not "none"
            self.plan.https_ok = False if found.code == "connection" else None
            return
        if flags.get("script"):
            yield from self._script_done(url, None)
            return
        if found.code == "too_large" and flags.get("attachment"):
            yield AttachmentItem(
                url=url,
                article_url=(self.link_targets[url].pages or [None])[0]
                if url in self.link_targets
                else None,
                status="not_checked",
                reason=f"文件过大（超过{self._privacy.attachment_max_mb:g}MB），未检查",
                file_type=None,
                size=None,
                text="",
            )
        self.link_results[url] = judge(
            self.is_internal(url), found.status, found.code, found.detail
        )
        yield from self._after_external(url)

    def _after_external(self, url: str) -> Iterator[scrapy.Request]:
        if not self.is_internal(url):
            request = self._next_external(urlsplit(url).hostname or "")
            if request is not None:
                yield request

    def link_items(self) -> list[LinkItem]:
        """Every recorded target with its outcome (the pipeline stores them at the end)."""
        items = []
        for url, target in self.link_targets.items():
            result = self.link_results.get(url) or LinkResult(
                NOT_CHECKED, detail="本次采集未完成对该链接的检查"
            )
            items.append(LinkItem(target, result))
        return items

    # -- identity samples -------------------------------------------------------------------

    def identity_sample(self, page: Page, page_kind: str, column_url: str | None) -> Iterator[Any]:
        """The identity elements of the home page and of a few pages of each column."""
        identity: IdentityConfig = self.plan.identity
        if not identity.enabled:
            return
        if page_kind != "home":
            if self._identity_pages[column_url] >= identity.sample_per_column:
                return
            self._identity_pages[column_url] += 1
        found = footer_elements(page)
        if page_kind == "home":
            found["search_box"] = "有" if has_search_box(page) else None
        item = IdentityItem(page.url, page_kind, column_url, found)
        scripts = footer_scripts(page) if needs_scripts(found) else []
        if not scripts:
            yield item
            return
        item.pending = set(scripts)
        for url in scripts:
            if url in self._scripts:
                item.add_script(url, self._scripts[url])
            else:
                self._script_waiting[url].append(item)
                if len(self._script_waiting[url]) == 1:
                    request = self._link_request(url, "GET", script=True)
                    request.meta["download_maxsize"] = _SCRIPT_MAX
                    yield request
        if not item.pending:
            yield item

    def _script_done(self, url: str, text: str | None) -> Iterator[IdentityItem]:
        self._scripts[url] = text
        for item in self._script_waiting.pop(url, []):
            item.add_script(url, text)
            if not item.pending:
                yield item
