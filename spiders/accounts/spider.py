"""The accounts spider: every account through its adapter, politely, on the crawl's own Scrapy
stack (downloader middlewares: cookies, retries with back-off, timeouts, size limits; the
Playwright handler for Douyin).

Politeness, as the platforms need it (dataabc/weibo-crawler, RSSHub, MediaCrawler):
- one account at a time per lane (a platform, or a feed host); lanes run side by side;
- a randomised pause before every request of a lane but its first (`newmedia.delay_seconds`);
- a captcha or anti-spider wall stops the lane for the rest of the run: the accounts left
  are 采集失败 "本轮已因验证码暂停该平台采集" without a request — hammering a wall gets the
  office's address blocked for days.

`start()` yields one AccountItem per account (the pipeline stores it); requests are sent
with `engine.download_async` from inside the lanes, so an adapter reads as plain async code.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import scrapy

from core.accounts import redact
from core.config import AccountConfig, Config
from core.failures import FetchFailure
from core.periods import now
from spiders.accounts import adapter_for, lane_of
from spiders.accounts.base import AccountFailure, FetchContext, Post, Reply
from spiders.failures import classify

logger = logging.getLogger(__name__)
MAX_CAPTURE = 5 * 1024 * 1024  # bytes of one captured browser response


@dataclass
class AccountItem:
    key: str
    fetched_at: datetime
    outcome: str  # ok | failed | abnormal
    source: str
    code: str | None = None
    detail: str = ""
    posts: list[Post] = field(default_factory=list)
    covered_since: datetime | None = None
    history_complete: bool = False
    tracks_pushes: bool = False
    profile: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "fetched_at": self.fetched_at.isoformat(),
            "outcome": self.outcome,
            "source": self.source,
            "code": self.code,
            "detail": self.detail,
            "posts": [p.to_dict() for p in self.posts],
            "covered_since": self.covered_since.isoformat() if self.covered_since else None,
            "history_complete": self.history_complete,
            "tracks_pushes": self.tracks_pushes,
            "profile": self.profile,
        }


class LaneHttp:
    """Http for one lane: the pause between requests, then the engine's downloader."""

    def __init__(self, spider: AccountsSpider, delay: tuple[float, float]) -> None:
        self.spider = spider
        self.delay = delay
        self.sent = 0

    async def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        redirect: bool = True,
        browser: dict[str, Any] | None = None,
    ) -> Reply:
        if self.sent and self.delay[1] > 0:
            await asyncio.sleep(random.uniform(*self.delay))
        self.sent += 1
        meta: dict[str, Any] = {"dont_redirect": not redirect, "handle_httpstatus_all": True}
        captured: list[tuple[str, int, bytes]] = []
        if browser:
            meta.update(_browser_meta(browser.get("capture", ()), captured))
        request = scrapy.Request(url, headers=headers or {}, meta=meta, dont_filter=True)
        engine = self.spider.crawler.engine
        assert engine is not None
        try:
            response = await engine.download_async(request)
        except BaseException:
            page = request.meta.get("playwright_page")
            if page is not None:
                await page.close()
            raise
        return Reply(
            url=response.url,
            status=response.status,
            headers={
                k.decode("latin-1").lower(): v[0].decode("latin-1")
                for k, v in response.headers.items()
                if v
            },
            body=response.body,
            redirects=tuple(response.request.meta.get("redirect_urls", ()))
            if response.request
            else (),
            page=response.meta.get("playwright_page"),
            captured=captured,
        )


def _browser_meta(capture: tuple[str, ...], captured: list[tuple[str, int, bytes]]) -> dict:
    async def on_response(response: Any) -> None:
        if not any(part in response.url for part in capture):
            return
        try:
            body = await response.body()
        except Exception:  # the page went away, or a redirect without a body
            return
        if len(body) <= MAX_CAPTURE:
            captured.append((response.url, response.status, body))

    return {
        "playwright": True,
        "playwright_include_page": True,
        "playwright_context": "accounts",
        "playwright_page_event_handlers": {"response": on_response},
        "playwright_page_goto_kwargs": {"wait_until": "domcontentloaded"},
    }


class AccountsSpider(scrapy.Spider):
    name = "accounts"

    def __init__(
        self,
        config: Config,
        accounts: list[AccountConfig],
        as_of: datetime,
        since: datetime,
        secrets: dict[str, str],
        config_dir: str = ".",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.config = config
        self.accounts = accounts
        self.ctx = FetchContext(config, as_of, since, secrets, config_dir)

    async def start(self) -> AsyncIterator[Any]:
        lanes: dict[str, list[AccountConfig]] = {}
        for account in self.accounts:
            lanes.setdefault(lane_of(account), []).append(account)
        queue: asyncio.Queue[AccountItem] = asyncio.Queue()
        tasks = [asyncio.ensure_future(self._lane(a, queue)) for a in lanes.values()]
        try:
            for _ in self.accounts:
                yield await queue.get()
        finally:
            for task in tasks:
                task.cancel()

    async def _lane(self, accounts: list[AccountConfig], queue: asyncio.Queue) -> None:
        stopped: str | None = None
        http = LaneHttp(self, self.config.newmedia.delay_range)
        for account in accounts:
            if stopped:
                queue.put_nowait(self._failed(account, "platform_stopped", stopped))
                continue
            try:
                item, stop = await self._one(account, http)
            except Exception as exc:  # a bug must cost one account, not the run
                logger.exception("account %s failed", account.key)
                item, stop = self._failed(account, "other", f"{type(exc).__name__}: {exc}"), None
            stopped = stop
            queue.put_nowait(item)

    async def _one(self, account: AccountConfig, http: LaneHttp) -> tuple[AccountItem, str | None]:
        adapter = adapter_for(account)
        timeout = self.config.newmedia.account_timeout
        try:
            result = await asyncio.wait_for(adapter.fetch(account, http, self.ctx), timeout)
        except AccountFailure as exc:
            stop = exc.code if exc.stop_platform else None
            return self._failed(account, exc.code, exc.detail), stop
        except FetchFailure as exc:
            return self._failed(account, exc.code, exc.detail), None
        except TimeoutError:
            return self._failed(account, "deadline", f"no result within {timeout:g} s"), None
        except Exception as exc:
            found = classify(exc)
            if found.code == "other":
                raise
            return self._failed(account, found.code, found.detail), None
        item = AccountItem(
            key=account.key,
            fetched_at=now(),
            outcome=result.outcome,
            source=result.source,
            code=result.code,
            detail=redact(result.detail, self.ctx.secrets),
            posts=result.posts,
            covered_since=result.covered_since,
            history_complete=result.history_complete,
            tracks_pushes=result.tracks_pushes,
            profile=result.profile,
        )
        return item, result.halt

    def _failed(self, account: AccountConfig, code: str, detail: str) -> AccountItem:
        source = adapter_for(account).name
        return AccountItem(
            account.key, now(), "failed", source, code, redact(detail or "", self.ctx.secrets)
        )
