"""Looking for accounts the registry does not know (未经报备私自开设): what the platforms show
without login — Sogou's 公众号 search, Weibo's user search, and any feeds the office lists
(`newmedia.discover_feeds`, each item an account: title = name, link = URL).

Each search answers candidates with their evidence; deciding which look governmental and
are unregistered is checks/accounts/unregistered.py's job. A search that was blocked is
reported as such, so its platform is not said to hold no unregistered account.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote

import scrapy

from core.config import Config
from core.failures import FetchFailure
from spiders.accounts import sogou
from spiders.accounts.base import AccountFailure
from spiders.accounts.feed import parse_feed
from spiders.accounts.spider import LaneHttp
from spiders.accounts.wechat import DESKTOP_UA
from spiders.accounts.weibo import MOBILE_UA, judge_envelope
from spiders.failures import classify

MAX_QUERIES = 60  # per platform and run


@dataclass
class Candidate:
    platform: str
    name: str
    ident: str  # 微信号, uid, or URL
    url: str | None
    verified: str  # 认证 / verified_reason ("" = none shown)
    government: bool  # the platform marks it as a government account (Weibo blue V type 1)
    query: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass
class SearchItem:
    platform: str
    query: str
    ok: bool
    reason: str = ""
    candidates: list[Candidate] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "kind": "search"}


def search_names(config: Config) -> list[str]:
    """What is searched: the county, then every unit as the bulletin names it."""
    names = [config.county_short, config.county, *config.newmedia.discover_names]
    for unit in config.units:
        forms = [f for f in unit.aliases if f.startswith(config.county)]
        names.append(max(forms, key=len) if forms else unit.name)
    return list(dict.fromkeys(n for n in names if n))[:MAX_QUERIES]


def sogou_candidates(reply: Any, base: str, query: str) -> list[Candidate]:
    return [
        Candidate(
            "wechat",
            a.name,
            a.wechat_id,
            a.article_url,
            a.verified_by,
            False,
            query,
            {
                "intro": a.intro,
                "latest_article": a.article_title,
                "latest_at": a.article_time.isoformat() if a.article_time else None,
            },
        )
        for a in sogou.parse_accounts(reply, base)
    ]


def weibo_candidates(data: dict[str, Any], query: str) -> list[Candidate]:
    out = []
    for card in (data.get("data") or {}).get("cards") or []:
        for inner in [card, *(card.get("card_group") or [])]:
            user = inner.get("user") if isinstance(inner, dict) else None
            if not isinstance(user, dict) or not user.get("id"):
                continue
            uid = str(user["id"])
            out.append(
                Candidate(
                    "weibo",
                    str(user.get("screen_name") or ""),
                    uid,
                    f"https://m.weibo.cn/u/{uid}",
                    str(user.get("verified_reason") or ""),
                    user.get("verified_type") == 1,
                    query,
                    {
                        "description": user.get("description"),
                        "statuses_count": user.get("statuses_count"),
                    },
                )
            )
    return out


class DiscoverSpider(scrapy.Spider):
    name = "discover"

    def __init__(self, config: Config, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.config = config

    async def start(self) -> AsyncIterator[Any]:
        queue: asyncio.Queue[SearchItem | None] = asyncio.Queue()
        lanes = [self._sogou, self._weibo, self._feeds]
        tasks = [asyncio.ensure_future(self._run(lane, queue)) for lane in lanes]
        done = 0
        try:
            while done < len(lanes):
                item = await queue.get()
                if item is None:
                    done += 1
                else:
                    yield item
        finally:
            for task in tasks:
                task.cancel()

    async def _run(self, lane: Any, queue: asyncio.Queue) -> None:
        try:
            await lane(LaneHttp(self, self.config.newmedia.delay_range), queue)
        finally:
            queue.put_nowait(None)

    async def _each(self, platform: str, queries: list[str], ask: Any, queue: Any) -> None:
        """One query at a time; a block stops the platform (the rest reported as such)."""
        stopped = ""
        for query in queries:
            if stopped:
                queue.put_nowait(SearchItem(platform, query, False, stopped))
                continue
            try:
                queue.put_nowait(SearchItem(platform, query, True, "", await ask(query)))
            except AccountFailure as exc:
                stopped = exc.code if exc.stop_platform else ""
                queue.put_nowait(SearchItem(platform, query, False, exc.code))
            except FetchFailure as exc:
                queue.put_nowait(SearchItem(platform, query, False, exc.code))
            except Exception as exc:
                queue.put_nowait(SearchItem(platform, query, False, classify(exc).code))

    async def _sogou(self, http: LaneHttp, queue: Any) -> None:
        base = self.config.platforms.wechat.sogou_base_url

        async def ask(query: str) -> list[Candidate]:
            reply = await http.get(
                sogou.search_url(base, query), headers={"User-Agent": DESKTOP_UA}, redirect=False
            )
            if reply.status in (301, 302, 303, 307) or sogou.blocked(reply):
                raise AccountFailure("antispider", "Sogou anti-spider page", stop_platform=True)
            if reply.status >= 400:
                raise AccountFailure("unexpected", f"HTTP {reply.status}")
            return sogou_candidates(reply, base, query)

        await self._each("wechat", search_names(self.config), ask, queue)

    async def _weibo(self, http: LaneHttp, queue: Any) -> None:
        base = self.config.platforms.weibo.base_url.rstrip("/")

        async def ask(query: str) -> list[Candidate]:
            container = quote(f"100103type=3&q={query}", safe="")
            url = f"{base}/api/container/getIndex?containerid={container}&page_type=searchall"
            reply = await http.get(url, headers={"User-Agent": MOBILE_UA, "MWeibo-Pwa": "1"})
            if reply.status >= 400:
                raise AccountFailure("unexpected", f"HTTP {reply.status}")
            data = reply.json()
            judge_envelope(reply, data)
            return weibo_candidates(data, query)

        await self._each("weibo", search_names(self.config), ask, queue)

    async def _feeds(self, http: LaneHttp, queue: Any) -> None:
        async def ask(url: str) -> list[Candidate]:
            reply = await http.get(url)
            if reply.status >= 400:
                raise AccountFailure("unexpected", f"HTTP {reply.status}")
            return [
                Candidate(
                    "feed",
                    p.title,
                    p.url or p.post_id,
                    p.url,
                    "",
                    False,
                    url,
                    {"text": p.text[:200]},
                )
                for p in parse_feed(reply)
            ]

        await self._each("feed", list(self.config.newmedia.discover_feeds), ask, queue)
