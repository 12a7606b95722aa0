"""The one browser of a crawl, bounded: one Playwright driver, images/media/fonts never
loaded, a hard time limit per render, and a restart after N pages or a memory ceiling.

Only columns marked `render: browser` use it. Scrapy builds a download handler per URL
scheme; scrapy-playwright's handler would then start one driver for http and another for
https. BrowserHandler hands the same instance to both.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import psutil
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadTimeoutError
from scrapy.http import Response
from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

logger = logging.getLogger(__name__)

_HEAVY = frozenset(("image", "media", "font"))
# Playwright's node driver keeps a large V8 heap by default; it needs little
_NODE_OPTIONS = "--max-old-space-size=64 --max-semi-space-size=2"


def skip_heavy(request: Any) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: a JS-built list needs its scripts and data, not pictures."""
    return request.resource_type in _HEAVY


class BrowserHandler(ScrapyPlaywrightDownloadHandler):
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BrowserHandler:
        shared: BrowserHandler | None = crawler.__dict__.get("_govwatch_browser")
        if shared is None:
            os.environ.setdefault("NODE_OPTIONS", _NODE_OPTIONS)
            shared = crawler.__dict__["_govwatch_browser"] = cls(crawler)
        return shared

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self.render_timeout = settings.getfloat("GOVWATCH_RENDER_TIMEOUT")
        self.restart_every = settings.getint("GOVWATCH_BROWSER_RESTART_PAGES")
        self.memory_limit = settings.getint("GOVWATCH_BROWSER_MAX_MB") * 1024 * 1024
        self.pages_since_start = 0
        self.active = 0
        self._closed = False

    async def close(self) -> None:  # type: ignore[override]
        if self._closed:  # the same instance serves http and https: close it once
            return
        self._closed = True
        await super().close()

    async def _download_request(self, request: Request, spider: Spider | None = None) -> Response:
        if self.active == 0 and self._open_pages() == 0 and self._due_for_restart():
            await self._restart()
        self.active += 1
        try:
            # starting the browser is not the page's time: a loaded machine may take a while
            await self._maybe_launch_browser()
            return await asyncio.wait_for(
                super()._download_request(request, spider), self.render_timeout
            )
        except TimeoutError:
            raise DownloadTimeoutError(
                f"rendering {request.url} took longer than {self.render_timeout:g} s"
            ) from None
        finally:
            self.active -= 1
            self.pages_since_start += 1

    def _open_pages(self) -> int:
        """Pages still open: a spider that asked to keep its page (playwright_include_page)
        reads it after the download; the browser is never restarted under it."""
        return sum(len(w.context.pages) for w in self.context_wrappers.values())

    def _due_for_restart(self) -> bool:
        if self.restart_every and self.pages_since_start >= self.restart_every:
            return True
        return bool(self.memory_limit) and browser_memory() > self.memory_limit

    async def _restart(self) -> None:
        """Close the browser between pages, before the next one launches a fresh browser
        (scrapy-playwright relaunches a disconnected one)."""
        browser = getattr(self, "browser", None)
        if browser is None:
            return
        logger.info("restarting the browser after %d pages", self.pages_since_start)
        self.pages_since_start = 0
        await browser.close()


def browser_memory() -> int:
    """Bytes of RSS of the driver and browser processes under this one."""
    total = 0
    for process in psutil.Process().children(recursive=True):
        try:
            if process.name().startswith(("chrom", "node", "headless")):
                total += process.memory_info().rss
        except psutil.Error:
            continue
    return total
