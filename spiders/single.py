"""One URL through the crawl's own stack (robots.txt, retries, failure types, the browser when
asked): what `govwatch extract URL` and on-demand checks use instead of a fetch of their own."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.failures import classify


@dataclass
class FetchedItem:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


@dataclass
class FetchFailedItem:
    url: str
    code: str
    status: int | None
    detail: str


class SinglePageSpider(scrapy.Spider):
    name = "single"

    def __init__(self, url: str, browser: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.browser = browser

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            self.url,
            callback=self.parse,
            errback=self.on_error,
            meta={"playwright": True} if self.browser else {},
            dont_filter=True,
        )

    def parse(self, response: Response) -> Iterator[FetchedItem]:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        yield FetchedItem(response.url, response.status, content_type, response.body)

    def on_error(self, failure: Failure) -> Iterator[FetchFailedItem]:
        found = classify(failure)
        yield FetchFailedItem(self.url, found.code, found.status, found.detail)
