"""Any RSS/Atom feed (feedparser) or JSON Feed: a self-hosted RSSHub's weibo/toutiao/kuaishou/
wechat routes, wewe-rss, a unit's own feed.

RSSHub writes `pubDate` in GMT (`Fri, 04 Jul 2025 07:51:28 GMT` is 15:51 in Beijing): feedparser
hands back UTC, made Beijing time here, so a post late on a month's last evening (GMT) lands in
the next Beijing month as it should. An item without a date is skipped, never guessed. An
empty feed is 采集失败: RSSHub answers an upstream block with an empty or error feed, and "no
items" must never read as "no posts".
"""

from __future__ import annotations

import calendar
import json
from datetime import UTC, datetime
from typing import Any

import feedparser

from core.accounts import Platform
from core.config import AccountConfig
from core.periods import beijing
from spiders.accounts.base import (
    AccountFailure,
    Adapter,
    FetchContext,
    FetchResult,
    Http,
    Post,
    Reply,
    plain_text,
)

_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9"


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return beijing(datetime.fromtimestamp(calendar.timegm(value), UTC))
    return None


def parse_json_feed(data: dict[str, Any]) -> list[Post]:
    out = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        stamp = item.get("date_published") or item.get("date_modified")
        if not stamp:
            continue
        try:
            published = beijing(datetime.fromisoformat(str(stamp).replace("Z", "+00:00")))
        except ValueError:
            continue
        html = item.get("content_html") or item.get("content_text") or item.get("summary") or ""
        out.append(
            Post(
                post_id=str(item.get("id") or item.get("url") or stamp),
                published_at=published,
                url=item.get("url"),
                title=str(item.get("title") or ""),
                text=plain_text(str(html)),
            )
        )
    return out


def parse_feed(reply: Reply) -> list[Post]:
    """Posts of a feed; AccountFailure when the answer is no feed at all."""
    body = reply.body.lstrip()
    if body[:1] == b"{":
        try:
            return parse_json_feed(json.loads(body))
        except ValueError:
            raise AccountFailure("unexpected", "invalid JSON feed") from None
    parsed = feedparser.parse(reply.body, response_headers={"content-location": reply.url})
    if not parsed.get("version") and not parsed.entries:
        raise AccountFailure("unexpected", "not an RSS/Atom/JSON feed")
    out = []
    for entry in parsed.entries:
        published = _when(entry)
        if published is None:
            continue
        html = entry.get("summary") or ""
        if entry.get("content"):
            html = entry["content"][0].get("value") or html
        out.append(
            Post(
                post_id=str(entry.get("id") or entry.get("link") or published.isoformat()),
                published_at=published,
                url=entry.get("link"),
                title=" ".join(str(entry.get("title") or "").split()),
                text=plain_text(html),
            )
        )
    return out


def feed_url(account: AccountConfig, ctx: FetchContext) -> str:
    """The account's feed: `feed:`, a feed URL, or the RSSHub route of its platform."""
    ids = account.ref.ids
    if ids.get("feed"):
        return ids["feed"]
    rsshub = ctx.config.platforms.rsshub.base_url.rstrip("/")
    if account.ref.platform == Platform.toutiao and ids.get("token"):
        return f"{rsshub}/toutiao/user/token/{ids['token']}"
    if account.ref.platform == Platform.kuaishou and ids.get("user"):
        return f"{rsshub}/kuaishou/user/{ids['user']}"
    raise AccountFailure("unsupported", f"no feed for a {account.ref.platform.value} account")


class FeedAdapter(Adapter):
    name = "feed"
    platforms = (Platform.feed, Platform.toutiao, Platform.kuaishou)

    async def fetch(self, account: AccountConfig, http: Http, ctx: FetchContext) -> FetchResult:
        from core.failures import HttpStatusError

        url = feed_url(account, ctx)
        reply = await http.get(url, headers={"Accept": _ACCEPT})
        if reply.status == 429:
            raise AccountFailure("rate_limited", "HTTP 429")
        if reply.status >= 400:
            raise HttpStatusError(f"HTTP {reply.status}", reply.status)
        posts = {p.post_id: p for p in parse_feed(reply)}
        if not posts:
            raise AccountFailure("empty_feed", "the feed has no dated items")
        result = FetchResult("ok", "feed", posts=list(posts.values()))
        # a feed holds the newest N items: complete back to its oldest one, no further
        result.covered_since = min(p.published_at for p in result.posts)
        return result
