"""Bilibili: `x/space/wbi/arc/search?mid=…` (videos newest first), signed the way the web
player signs it (WBI: keys from `x/web-interface/nav`, public and unauthenticated — the same
scheme MediaCrawler and bilibili-API-collect document; Douyin's signer is another matter and
never reimplemented here).

`code` -404 (啥都木有) is an account that is gone → 账号异常; -799 (too frequent), -352 and
-412 (risk control) are blocks → 采集失败, and the run stops asking Bilibili.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any
from urllib.parse import urlencode

from core.accounts import Platform
from core.config import AccountConfig
from core.failures import HttpStatusError
from spiders.accounts.base import AccountFailure, Adapter, FetchContext, FetchResult, Http, Post
from spiders.accounts.times import unix_time

PAGE_SIZE = 30
DESKTOP_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
# the published WBI key permutation
_MIXIN = (
    46, 47, 18, 2, 53, 8, 23, 32, 15, 50, 10, 31, 58, 3, 45, 35, 27, 43, 5, 49, 33, 9, 42, 19,
    29, 28, 14, 39, 12, 38, 41, 13, 37, 48, 7, 16, 24, 55, 40, 61, 26, 17, 0, 1, 60, 51, 30, 4,
    22, 25, 54, 21, 56, 59, 6, 63, 57, 62, 11, 36, 20, 34, 44, 52,
)  # fmt: skip
_BLOCKED = {-799: "rate_limited", -352: "antispider", -412: "antispider", -509: "rate_limited"}


def sign(params: dict[str, Any], img_key: str, sub_key: str, now: float | None = None) -> str:
    """The query string with `wts` and `w_rid` added."""
    raw = img_key + sub_key
    mixin = "".join(raw[i] for i in _MIXIN if i < len(raw))[:32]
    signed = {**params, "wts": int(now if now is not None else time.time())}
    clean = {k: "".join(c for c in str(v) if c not in "!'()*") for k, v in sorted(signed.items())}
    query = urlencode(clean)
    digest = hashlib.md5((query + mixin).encode(), usedforsecurity=False).hexdigest()
    return f"{query}&w_rid={digest}"


def _key(url: str) -> str:
    return url.rsplit("/", 1)[-1].split(".")[0]


def parse_videos(data: dict[str, Any]) -> list[Post]:
    videos = (((data.get("data") or {}).get("list") or {}).get("vlist")) or []
    out = []
    for video in videos:
        if not isinstance(video, dict) or not video.get("created"):
            continue
        bvid = video.get("bvid") or f"av{video.get('aid')}"
        out.append(
            Post(
                post_id=str(bvid),
                published_at=unix_time(video["created"]),
                url=f"https://www.bilibili.com/video/{bvid}",
                title=str(video.get("title") or ""),
                text=str(video.get("description") or ""),
            )
        )
    return out


class BilibiliAdapter(Adapter):
    name = "bilibili"
    platforms = (Platform.bilibili,)

    async def fetch(self, account: AccountConfig, http: Http, ctx: FetchContext) -> FetchResult:
        base = ctx.config.platforms.bilibili.base_url.rstrip("/")
        mid = account.ref.ids.get("mid", account.ref.ident)
        hdrs = {"User-Agent": DESKTOP_UA, "Referer": f"https://space.bilibili.com/{mid}"}
        keys = await self._keys(http, base, hdrs)
        result = FetchResult("ok", "bilibili")
        posts: dict[str, Post] = {}
        for page in range(1, ctx.max_pages + 1):
            params = {"mid": mid, "ps": PAGE_SIZE, "pn": page, "order": "pubdate"}
            query = sign(params, *keys) if keys else urlencode(params)
            reply = await http.get(f"{base}/x/space/wbi/arc/search?{query}", headers=hdrs)
            if reply.status == 412:
                raise AccountFailure("antispider", "HTTP 412", stop_platform=True)
            if reply.status >= 400:
                raise HttpStatusError(f"HTTP {reply.status}", reply.status)
            data = reply.json()
            code = data.get("code") if isinstance(data, dict) else None
            if code == -404:
                return FetchResult("abnormal", "bilibili", code="not_found", detail="code -404")
            if code in _BLOCKED:
                raise AccountFailure(_BLOCKED[code], f"code {code}", stop_platform=True)
            if code != 0:
                raise AccountFailure("unexpected", f"code {code} {data.get('message', '')}")
            found = parse_videos(data)
            for post in found:
                posts.setdefault(post.post_id, post)
            count = ((data.get("data") or {}).get("page") or {}).get("count")
            if not found or (isinstance(count, int) and page * PAGE_SIZE >= count):
                result.history_complete = True
                break
            if min(p.published_at for p in posts.values()) < ctx.since:
                break
        result.posts = list(posts.values())
        if result.posts:
            result.covered_since = min(p.published_at for p in result.posts)
        return result

    async def _keys(self, http: Http, base: str, hdrs: dict[str, str]) -> tuple[str, str] | None:
        """WBI keys; without them the unsigned request is tried (a mirror may not need it)."""
        try:
            reply = await http.get(f"{base}/x/web-interface/nav", headers=hdrs)
            wbi = ((reply.json() or {}).get("data") or {}).get("wbi_img") or {}
        except Exception:
            return None
        if wbi.get("img_url") and wbi.get("sub_url"):
            return _key(wbi["img_url"]), _key(wbi["sub_url"])
        return None
