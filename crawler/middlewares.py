"""Downloader middlewares enabled in crawler/settings.py."""

from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, with a pause before each retry that doubles every time.

    A county server answering 503 is usually overloaded; retrying at once makes it worse.
    The pause happens before the request enters the download slot, so other pages go on.
    """

    def _retry(self, request: Request, reason: str | Exception | type[Exception]) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None:
            base = self.crawler.settings.getfloat("GOVWATCH_RETRY_BACKOFF")
            retry.meta["govwatch_retry_delay"] = base * 2 ** (retry.meta["retry_times"] - 1)
        return retry

    async def process_request(self, request: Request) -> None:
        delay = request.meta.pop("govwatch_retry_delay", 0)
        if delay > 0:
            await asyncio.sleep(delay)
