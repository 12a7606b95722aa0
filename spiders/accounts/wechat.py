"""微信公众号: there is no anonymous article list, so three ways, best first.

1. The 公众号 backend list `cgi-bin/appmsg?action=list_ex` with a session the office supplies
   (GOVWATCH_WECHAT_TOKEN + GOVWATCH_WECHAT_COOKIE): the full history. `base_resp.ret`
   200003 (invalid session) → 采集失败 凭据失效; 200013 (freq control) → stop for this run.
   Each item is one article; items sharing `appmsgid` went out in one push (群发).
   The target is its `fakeid` (__biz), configured or found through `cgi-bin/searchbiz` by the
   exact 微信号.
2. Sogou's account search (sogou.py) for the latest article, then
3. the article page itself (wxarticle.py) for the exact time (`ct`) and the text.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urljoin

from core.accounts import Platform
from core.config import AccountConfig
from spiders.accounts import sogou
from spiders.accounts.base import (
    AccountFailure,
    Adapter,
    FetchContext,
    FetchResult,
    Http,
    Post,
    Reply,
    rebase,
)
from spiders.accounts.times import unix_time
from spiders.accounts.wxarticle import read_article

DESKTOP_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)
PAGE_SIZE = 5  # what the backend's own page asks for; larger counts are refused
_MP_HOSTS = ("mp.weixin.qq.com",)
_SOGOU_HOSTS = ("weixin.sogou.com",)


def session(secrets: dict[str, str]) -> tuple[str, str] | None:
    token, cookie = secrets.get("GOVWATCH_WECHAT_TOKEN"), secrets.get("GOVWATCH_WECHAT_COOKIE")
    return (token, cookie) if token and cookie else None


def judge_backend(data: Any) -> None:
    if not isinstance(data, dict):
        raise AccountFailure("unexpected", "backend answer is not a JSON object")
    base = data.get("base_resp") or {}
    ret = base.get("ret")
    if ret in (0, None) and "base_resp" in data:
        return
    message = str(base.get("err_msg") or "")
    if ret in (200003, 200040) or "invalid session" in message:
        raise AccountFailure("credentials", f"ret {ret} {message}", stop_platform=True)
    if ret == 200013 or "freq control" in message:
        raise AccountFailure("rate_limited", f"ret {ret} {message}", stop_platform=True)
    raise AccountFailure("unexpected", f"ret {ret} {message}".strip())


def backend_posts(data: dict[str, Any]) -> list[Post]:
    out = []
    for item in data.get("app_msg_list") or []:
        if not isinstance(item, dict) or not item.get("create_time"):
            continue
        push = str(item.get("appmsgid") or item.get("aid") or "")
        out.append(
            Post(
                post_id=str(item.get("aid") or f"{push}_{item.get('itemidx')}"),
                published_at=unix_time(item["create_time"]),
                url=item.get("link"),
                title=str(item.get("title") or ""),
                text=str(item.get("digest") or ""),
                push_id=push or None,
            )
        )
    return out


class WechatAdapter(Adapter):
    name = "wechat"
    platforms = (Platform.wechat,)

    async def fetch(self, account: AccountConfig, http: Http, ctx: FetchContext) -> FetchResult:
        creds = session(ctx.secrets)
        if creds:
            return await self._backend(account, http, ctx, *creds)
        return await self._sogou(account, http, ctx)

    async def _backend(
        self, account: AccountConfig, http: Http, ctx: FetchContext, token: str, cookie: str
    ) -> FetchResult:
        base = ctx.config.platforms.wechat.mp_base_url.rstrip("/")
        hdrs = {"User-Agent": DESKTOP_UA, "Cookie": cookie, "Referer": f"{base}/"}
        fakeid = account.ref.ids.get("fakeid") or await self._fakeid(
            account, http, base, token, hdrs
        )
        result = FetchResult("ok", "wechat.backend", tracks_pushes=True)
        posts: dict[str, Post] = {}
        total = None
        for page in range(ctx.max_pages):
            begin = page * PAGE_SIZE
            url = (
                f"{base}/cgi-bin/appmsg?action=list_ex&begin={begin}&count={PAGE_SIZE}"
                f"&fakeid={quote(fakeid)}&type=9&query=&token={quote(token)}"
                "&lang=zh_CN&f=json&ajax=1"
            )
            reply = await http.get(url, headers=hdrs)
            _http_ok(reply)
            data = reply.json()
            try:
                judge_backend(data)
            except AccountFailure as exc:
                if page == 0 or exc.code == "credentials":
                    raise
                result.detail, result.halt = f"第{page + 1}页：{exc.detail}", exc.code
                break
            total = data.get("app_msg_cnt")
            found = backend_posts(data)
            for post in found:
                posts.setdefault(post.post_id, post)
            if not found or (isinstance(total, int) and begin + PAGE_SIZE >= total):
                result.history_complete = True
                break
            oldest = min(p.published_at for p in posts.values())
            if oldest < ctx.since:
                break
        result.posts = list(posts.values())
        if result.posts:
            result.covered_since = min(p.published_at for p in result.posts)
        result.profile = {"articles": total}
        return result

    async def _fakeid(
        self, account: AccountConfig, http: Http, base: str, token: str, hdrs: dict[str, str]
    ) -> str:
        """The target's fakeid, from the backend's account search by its exact 微信号."""
        wechat_id = account.ref.ids.get("wechat_id")
        if not wechat_id:
            raise AccountFailure("unexpected", "the backend needs fakeid or wechat_id")
        url = (
            f"{base}/cgi-bin/searchbiz?action=search_biz&begin=0&count=5"
            f"&query={quote(wechat_id)}&token={quote(token)}&lang=zh_CN&f=json&ajax=1"
        )
        reply = await http.get(url, headers=hdrs)
        _http_ok(reply)
        data = reply.json()
        judge_backend(data)
        for item in data.get("list") or []:
            if isinstance(item, dict) and str(item.get("alias", "")).lower() == wechat_id.lower():
                return str(item["fakeid"])
        raise AccountFailure("not_in_search", f"searchbiz: no account with 微信号 {wechat_id}")

    async def _sogou(self, account: AccountConfig, http: Http, ctx: FetchContext) -> FetchResult:
        platforms = ctx.config.platforms.wechat
        hdrs = {"User-Agent": DESKTOP_UA}
        wechat_id = account.ref.ids.get("wechat_id")
        query = wechat_id or account.name
        reply = await http.get(
            sogou.search_url(platforms.sogou_base_url, query), headers=hdrs, redirect=False
        )
        if reply.status in (301, 302, 303, 307) or sogou.blocked(reply):
            raise AccountFailure("antispider", "Sogou anti-spider page", stop_platform=True)
        _http_ok(reply)
        found = sogou.parse_accounts(reply, platforms.sogou_base_url)
        chosen = sogou.choose(found, wechat_id, account.name)
        if not chosen.article_url:
            raise AccountFailure("no_latest", f"{chosen.name}: no 最近文章 shown")
        article_url = await self._resolve_link(chosen.article_url, http, ctx, hdrs)
        page = await http.get(article_url, headers=hdrs)
        if page.status in (301, 302) or sogou.blocked(page):
            raise AccountFailure("antispider", "Sogou anti-spider page", stop_platform=True)
        _http_ok(page)
        article = read_article(page)
        post = Post(
            post_id=article_url.split("#")[0],
            published_at=article.published_at,
            url=chosen.article_url if "mp.weixin.qq.com" in chosen.article_url else article_url,
            title=article.title or chosen.article_title,
            text=article.text,
        )
        profile = {
            "name": chosen.name,
            "wechat_id": chosen.wechat_id,
            "verified": chosen.verified_by,
        }
        # one article: the latest as far as Sogou knows; nothing about the months
        return FetchResult("ok", "wechat.sogou", posts=[post], profile=profile)

    async def _resolve_link(
        self, href: str, http: Http, ctx: FetchContext, hdrs: dict[str, str]
    ) -> str:
        platforms = ctx.config.platforms.wechat
        url = rebase(href, platforms.sogou_base_url, _SOGOU_HOSTS)
        if "/link?" in url:
            reply = await http.get(url, headers=hdrs, redirect=False)
            if reply.status in (301, 302) and "antispider" in reply.headers.get("location", ""):
                raise AccountFailure("antispider", "Sogou anti-spider page", stop_platform=True)
            if sogou.blocked(reply):
                raise AccountFailure("antispider", "Sogou anti-spider page", stop_platform=True)
            target = sogou.link_target(reply) or reply.headers.get("location")
            if not target:
                raise AccountFailure("unexpected", "Sogou link page without a target")
            url = urljoin(url, target)
        return rebase(url, platforms.mp_base_url, _MP_HOSTS)


def _http_ok(reply: Reply) -> None:
    from core.failures import HttpStatusError

    if reply.status == 429:
        raise AccountFailure("rate_limited", "HTTP 429", stop_platform=True)
    if reply.status >= 400:
        raise HttpStatusError(f"HTTP {reply.status}", reply.status)
