"""Douyin: the user page in Chromium (scrapy-playwright), reading the post list the page's
own scripts request — `/aweme/v1/web/aweme/post/` — so Douyin's signature (`a_bogus`) is
computed by Douyin's JS, never by ours (signers rotate; RSSHub and MediaCrawler do the same).

Fallback: the `RENDER_DATA` script (URL-encoded JSON) of the server-rendered page. Quirks:
- HTTP 200 is not success: `status_code` must be 0, and an empty `aweme_list` from an account
  whose page counts videos is the WAF answering (RSSHub: "filtered by WAF") → 采集失败;
- `is_top` items come first and are years old: never the latest;
- `create_time` is unix seconds, `max_cursor` milliseconds; count=N returns N + pinned.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any
from urllib.parse import unquote

from core.accounts import Platform
from core.config import AccountConfig
from spiders.accounts.base import AccountFailure, Adapter, FetchContext, FetchResult, Http, Post
from spiders.accounts.times import unix_time

POST_PATH = "/aweme/v1/web/aweme/post"
PROFILE_PATH = "/aweme/v1/web/user/profile/other"
_RENDER_DATA = re.compile(r'<script[^>]+id="RENDER_DATA"[^>]*>([^<]+)</script>', re.S)
_GONE = ("用户不存在", "账号已注销", "该账号已注销")
_BANNED = ("账号已被封禁", "该账号已被封禁", "封禁")


def parse_posts(data: dict[str, Any]) -> list[Post]:
    """Posts of an aweme/post answer (or RENDER_DATA's camelCase items)."""
    out = []
    for item in data.get("aweme_list") or data.get("awemeList") or data.get("data") or []:
        if not isinstance(item, dict):
            continue
        aweme_id = str(item.get("aweme_id") or item.get("awemeId") or "")
        created = item.get("create_time") or item.get("createTime")
        if not aweme_id or not created:
            continue
        status = item.get("status") or {}
        if isinstance(status, dict) and (status.get("is_delete") or status.get("isDelete")):
            continue
        out.append(
            Post(
                post_id=aweme_id,
                published_at=unix_time(created),
                url=f"https://www.douyin.com/video/{aweme_id}",
                text=str(item.get("desc") or ""),
                pinned=bool(item.get("is_top") or item.get("isTop")),
            )
        )
    return out


def render_data(html: str) -> dict[str, Any] | None:
    match = _RENDER_DATA.search(html)
    if not match:
        return None
    try:
        data = json.loads(unquote(match[1]))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def find_key(data: Any, names: tuple[str, ...], depth: int = 0) -> Any:
    """The first value under any of `names`, searched breadth-first (bounded depth)."""
    if depth > 8:
        return None
    if isinstance(data, dict):
        for name in names:
            if name in data and data[name] is not None:
                return data[name]
        values = list(data.values())
    elif isinstance(data, list):
        values = data
    else:
        return None
    for value in values:
        found = find_key(value, names, depth + 1)
        if found is not None:
            return found
    return None


def page_state(html: str) -> None:
    """Raise for a captcha page or a gone account (before looking for posts)."""
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    if (title and "验证" in title[1]) or 'id="captcha_container"' in html:
        raise AccountFailure("captcha", "Douyin verification page", stop_platform=True)


def gone(html: str) -> str | None:
    text = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
    if any(word in text for word in _GONE):
        return "not_found"
    if any(word in text for word in _BANNED):
        return "banned"
    return None


class DouyinAdapter(Adapter):
    name = "douyin"
    platforms = (Platform.douyin,)

    async def fetch(self, account: AccountConfig, http: Http, ctx: FetchContext) -> FetchResult:
        base = ctx.config.platforms.douyin.base_url.rstrip("/")
        sec_uid = account.ref.ids.get("sec_uid", account.ref.ident)
        reply = await http.get(
            f"{base}/user/{sec_uid}", browser={"capture": (POST_PATH, PROFILE_PATH)}
        )
        page = reply.page
        try:
            return await self._read(reply, page, ctx)
        finally:
            if page is not None:
                # a fresh context per account: cookies, caches and the renderer's heap of one
                # account never pile up over the run (memory stays flat over 50 accounts)
                context = page.context
                await page.close()
                await context.close()

    async def _read(self, reply: Any, page: Any, ctx: FetchContext) -> FetchResult:
        from core.failures import HttpStatusError

        if reply.status >= 400:
            raise HttpStatusError(f"HTTP {reply.status}", reply.status)
        html = reply.text
        page_state(html)
        captured: list[tuple[str, int, bytes]] = reply.captured
        wait = ctx.config.newmedia.douyin_wait_seconds
        await _wait_for(lambda: any(POST_PATH in c[0] for c in captured), wait)
        result = FetchResult("ok", "douyin")
        posts: dict[str, Post] = {}
        answers = 0
        has_more = True
        for _ in range(ctx.max_pages):
            seen = [c for c in captured if POST_PATH in c[0]]
            for _url, status, body in seen[answers:]:
                data = _json(body)
                if status != 200 or data is None or data.get("status_code") not in (0, None):
                    code = data.get("status_code") if data else status
                    raise AccountFailure("waf", f"aweme/post answered {code}")
                for post in parse_posts(data):
                    posts.setdefault(post.post_id, post)
                has_more = bool(data.get("has_more"))
            answers = len(seen)
            dated = [p.published_at for p in posts.values() if not p.pinned]
            oldest = min(dated) if dated else None
            if not answers or not has_more or (oldest and oldest < ctx.since):
                break
            # the page asks for the next batch when scrolled to the end
            await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            if not await _wait_for(lambda n=answers: _count(captured) > n, wait):
                break
        count = _works_count(captured, html)
        if not answers:
            # no post answer arrived: the server-rendered data, if the page carries it
            html = await page.content() if page is not None else html
            page_state(html)
            data = render_data(html)
            items = find_key(data, ("aweme_list", "awemeList")) if data else None
            if items is None and data is not None:
                post = find_key(data, ("post",))
                items = post.get("data") if isinstance(post, dict) else None
            if isinstance(items, list):
                posts = {p.post_id: p for p in parse_posts({"aweme_list": items})}
                result.source = "douyin.render_data"
                count = count if count is not None else _render_count(data)
            else:
                code = gone(html)
                if code:
                    return FetchResult("abnormal", "douyin", code=code, detail="page says so")
                raise AccountFailure("no_capture", "no aweme/post answer and no RENDER_DATA")
        result.posts = list(posts.values())
        if not result.posts:
            final = await page.content() if page is not None else html
            code = gone(final)
            if code:
                return FetchResult("abnormal", "douyin", code=code, detail="page says so")
            count = count if count is not None else _works_count([], final)
            if count == 0:
                result.history_complete = True  # the account shows no works at all
                return result
            shown = f"page shows {count} works" if count else "the page shows no count"
            raise AccountFailure("waf", f"empty aweme_list; {shown}")
        dated = [p.published_at for p in result.posts if not p.pinned]
        result.covered_since = min(dated) if dated else None
        result.history_complete = not has_more
        result.profile = {"works": count}
        return result


async def _wait_for(condition: Any, seconds: float) -> bool:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        if asyncio.get_running_loop().time() >= deadline:
            return False
        await asyncio.sleep(0.1)
    return True


def _count(captured: list[tuple[str, int, bytes]]) -> int:
    return sum(1 for c in captured if POST_PATH in c[0])


def _json(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _works_count(captured: list[tuple[str, int, bytes]], html: str) -> int | None:
    """How many works the account shows: the profile answer, else the page's tab count."""
    for url, _, body in captured:
        if PROFILE_PATH in url:
            data = _json(body) or {}
            count = (data.get("user") or {}).get("aweme_count")
            if isinstance(count, int):
                return count
    match = re.search(r'data-e2e="user-tab-count"[^>]*>\s*([\d,]+)', html)
    if match:
        return int(match[1].replace(",", ""))
    return _render_count(render_data(html))


def _render_count(data: dict[str, Any] | None) -> int | None:
    if not data:
        return None
    count = find_key(data, ("awemeCount", "aweme_count"))
    return count if isinstance(count, int) else None
