"""Scrapy extensions enabled in crawler/settings.py."""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import task

from spiders.items import ArticleItem, FetchFailureItem, ListPageItem


class CrawlProgress:
    """A live line for whoever runs the crawl by hand; silent when output is not a terminal."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.progress.add_task("")
        self.pages = self.lists = self.articles = self.failures = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        console = Console(file=sys.stderr)
        ext = cls(console)
        if console.is_terminal:
            crawler.signals.connect(ext.opened, signal=signals.spider_opened)
            crawler.signals.connect(ext.closed, signal=signals.spider_closed)
            crawler.signals.connect(ext.response, signal=signals.response_received)
            crawler.signals.connect(ext.item, signal=signals.item_scraped)
        return ext

    def opened(self, spider: Any) -> None:
        self.progress.start()

    def closed(self, spider: Any) -> None:
        self.progress.stop()

    def response(self, *args: Any, **kwargs: Any) -> None:
        self.pages += 1
        self._show()

    def item(self, item: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(item, ArticleItem):
            self.articles += 1
        elif isinstance(item, ListPageItem):
            self.lists += 1
        elif isinstance(item, FetchFailureItem):
            self.failures += 1
        self._show()

    def _show(self) -> None:
        self.progress.update(
            self.task,
            description=(
                f"采集中：已访问 {self.pages} 页，列表页 {self.lists}，"
                f"文章 {self.articles}，采集失败 {self.failures}"
            ),
        )


class ParentWatch:
    """Stop the crawl process when the `govwatch run` that started it is gone.

    A killed parent would otherwise leave an orphan crawl writing to the database while the
    next run, seeing its owner dead, starts a second one. Every stored article is a whole
    transaction, so exiting at once loses nothing but the pages in flight.
    """

    INTERVAL = 2.0

    def __init__(self) -> None:
        self.parent = os.getppid()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ParentWatch:
        ext = cls()
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        return ext

    def opened(self, spider: Any) -> None:
        self.loop = task.LoopingCall(self.check)
        self.loop.start(self.INTERVAL, now=False)

    def check(self) -> None:
        if os.getppid() != self.parent:
            os._exit(75)
