"""Downloader middlewares enabled in crawler/settings.py."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import Response
from w3lib.url import canonicalize_url

_ASKS_TO_WAIT = (429, 503)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, with a pause before each retry that doubles every time.

    A county server answering 503 is usually overloaded; retrying at once makes it worse.
    A 429 or 503 that says Retry-After is waited for as asked — up to GOVWATCH_RETRY_AFTER_MAX
    seconds, and for the whole site, not only that page; a longer wait is not waited out:
    the page is reported as 频率限制 instead. The pause happens before the request enters the
    download slot, so other sites' pages go on.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.resume_at: dict[str, float] = {}  # host → monotonic time it asked us to wait for

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = super().from_crawler(crawler)
        crawler.signals.connect(_mark_answering, signal=signals.headers_received)
        return middleware

    def process_exception(
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        # a server that answered and kept sending past the whole timeout is not a passing
        # hang: asking again only costs another timeout (an endless or trickling response)
        if isinstance(exception, DownloadTimeoutError) and request.meta.get("govwatch_answered"):
            return None
        return super().process_exception(request, exception)

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if response.status in _ASKS_TO_WAIT and not request.meta.get("dont_retry"):
            wait = retry_after(response)
            if wait is not None:
                if wait > self.crawler.settings.getfloat("GOVWATCH_RETRY_AFTER_MAX"):
                    return response  # too long to wait: 频率限制, as the site said
                host = _host(request)
                self.resume_at[host] = max(self.resume_at.get(host, 0), time.monotonic() + wait)
        return super().process_response(request, response)

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None:
            base = self.crawler.settings.getfloat("GOVWATCH_RETRY_BACKOFF")
            retry.meta["govwatch_retry_delay"] = base * 2 ** (retry.meta["retry_times"] - 1)
        return retry

    async def process_request(self, request: Request) -> None:
        delay = request.meta.pop("govwatch_retry_delay", 0)
        resume = self.resume_at.get(_host(request), 0) - time.monotonic()
        delay = max(delay, resume)
        if delay > 0:
            await asyncio.sleep(delay)


def _mark_answering(request: Request, **_: Any) -> None:
    request.meta["govwatch_answered"] = True


def retry_after(response: Response) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    value = (response.headers.get(b"Retry-After") or b"").decode("latin-1").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _host(request: Request) -> str:
    return request.meta.get("download_slot") or (request.url.split("/", 3)[2:3] or [""])[0]


class LoopAwareRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, where a chain that comes back to a URL it passed is a loop at once
    (重定向循环), not after REDIRECT_MAX_TIMES round trips. Redirected requests are never
    dropped as duplicates: a page the crawl asked for must end read or failed, never vanish."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        target = canonicalize_url(redirected.url)
        if any(canonicalize_url(url) == target for url in chain):
            raise IgnoreRequest(f"redirect loop: {' → '.join([*chain, redirected.url])}")
        try:
            result = super()._redirect(redirected, request, reason)
        except IgnoreRequest:
            raise IgnoreRequest(
                f"redirect loop: more than {self.max_redirect_times} redirects from {chain[0]}"
            ) from None
        result.dont_filter = True
        return result
