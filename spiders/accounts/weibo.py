"""Weibo through m.weibo.cn's container API (no login for most public accounts).

profile `getIndex?type=uid&value=<uid>` → the 微博 tab's containerid (`107603<uid>`) and
`statuses_count`; then `getIndex?…&containerid=107603<uid>` page by page (`since_id` when the
list gives one, else `page`). Quirks this module exists for:
- `ok: 0` with `这里还没有内容` after real pages is the normal end of the list; on the first
  post page of an account whose profile counts posts it means we were not shown them;
- `ok: -100` or a JSON/redirect pointing at passport/login is a login wall; a JSON carrying a
  verification `url` is a captcha (dataabc/weibo-crawler `handle_captcha`);
- pinned posts (`mblogtype` 2, `isTop`, a 置顶 title, a `proweibotop` card) come first and
  may be years old: skipped, never the latest, never a reason to stop paging;
- `created_at` comes as 刚刚 / N分钟前 / 昨天 HH:MM / MM-DD / the full form (times.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from core.accounts import Platform
from core.config import AccountConfig
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
from spiders.accounts.times import weibo_time

MOBILE_UA = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
_GONE = ("用户不存在", "该用户不存在", "账号已注销", "用户已注销")
_BANNED = ("封禁", "已被冻结", "违反")
_END = ("这里还没有内容", "还没有发过微博", "暂无")
_LONG_TEXTS = 20  # statuses/extend calls per account and run, at most


def headers(base: str, uid: str, secrets: dict[str, str], ua: str | None) -> dict[str, str]:
    out = {
        "User-Agent": ua or MOBILE_UA,
        "Accept": "application/json, text/plain, */*",
        "MWeibo-Pwa": "1",
        "X-Requested-With": "XMLHttpRequest",
        "Referer": f"{base}/u/{uid}",
    }
    if secrets.get("GOVWATCH_WEIBO_COOKIE"):
        out["Cookie"] = secrets["GOVWATCH_WEIBO_COOKIE"]
    return out


def judge_envelope(reply: Reply, data: Any, *, first_posts: bool = False) -> None:
    """Raise the failure a non-ok answer means (login wall, captcha, gone, banned)."""
    if any("passport" in u or "login" in u for u in (reply.url, *reply.redirects)):
        raise AccountFailure("login_wall", "redirected to the login page", stop_platform=True)
    if not isinstance(data, dict):
        raise AccountFailure("unexpected", "not a JSON object")
    ok = data.get("ok")
    url = str(data.get("url") or "")
    if ok == -100 or "passport" in url or "login" in url:
        raise AccountFailure("login_wall", f"ok={ok}", stop_platform=True)
    if url and ("verify" in url or "captcha" in url or "security" in url):
        raise AccountFailure("captcha", "verification requested", stop_platform=True)
    if ok == 1:
        return
    message = str(data.get("msg") or data.get("message") or "")
    if any(word in message for word in _GONE):
        raise _Abnormal("not_found", message)
    if any(word in message for word in _BANNED):
        raise _Abnormal("banned", message)
    if any(word in message for word in _END):
        if first_posts:
            # the profile counts posts, the first page shows none: we were not shown them
            raise AccountFailure("empty_list", message)
        return
    raise AccountFailure("unexpected", f"ok={ok} {message}".strip())


class _Abnormal(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


def _pinned(card: dict[str, Any], mblog: dict[str, Any]) -> bool:
    title = mblog.get("title")
    title_text = title.get("text", "") if isinstance(title, dict) else str(title or "")
    return bool(
        mblog.get("mblogtype") == 2
        or mblog.get("isTop")
        or "置顶" in title_text
        or str(card.get("profile_type_id") or "").startswith("proweibotop")
    )


def mblogs(cards: list[Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(card, mblog) of every post card; `card_type` 11 wraps a `card_group`."""
    out = []
    for card in cards or []:
        if not isinstance(card, dict):
            continue
        if isinstance(card.get("mblog"), dict):
            out.append((card, card["mblog"]))
        for inner in card.get("card_group") or []:
            if isinstance(inner, dict) and isinstance(inner.get("mblog"), dict):
                out.append((inner, inner["mblog"]))
    return out


def to_post(card: dict[str, Any], mblog: dict[str, Any], reference: datetime, uid: str) -> Post:
    post_id = str(mblog.get("idstr") or mblog.get("id") or mblog.get("mid"))
    bid = mblog.get("bid") or mblog.get("mblogid")
    return Post(
        post_id=post_id,
        published_at=weibo_time(str(mblog.get("created_at") or ""), reference),
        url=f"https://weibo.com/{uid}/{bid}" if bid else f"https://m.weibo.cn/detail/{post_id}",
        text=plain_text(str(mblog.get("raw_text") or mblog.get("text") or "")),
        pinned=_pinned(card, mblog),
        repost=bool(mblog.get("retweeted_status")),
    )


class WeiboAdapter(Adapter):
    name = "weibo"
    platforms = (Platform.weibo,)

    async def fetch(self, account: AccountConfig, http: Http, ctx: FetchContext) -> FetchResult:
        base = ctx.config.platforms.weibo.base_url.rstrip("/")
        uid = account.ref.ids.get("uid", account.ref.ident)
        if not uid.isdigit():
            raise AccountFailure("unexpected", "no Weibo uid in the account URL")
        hdrs = headers(base, uid, ctx.secrets, ctx.config.newmedia.user_agent)
        try:
            return await self._read(http, ctx, base, uid, hdrs)
        except _Abnormal as gone:
            return FetchResult("abnormal", "weibo", code=gone.code, detail=gone.detail)

    async def _read(
        self, http: Http, ctx: FetchContext, base: str, uid: str, hdrs: dict[str, str]
    ) -> FetchResult:
        index = f"{base}/api/container/getIndex?type=uid&value={uid}"
        reply = await http.get(index, headers=hdrs)
        _http_ok(reply)
        data = reply.json()
        judge_envelope(reply, data)
        info = (data.get("data") or {}).get("userInfo") or {}
        if not info:
            raise _Abnormal("not_found", "no userInfo in the profile")
        profile = {
            "name": info.get("screen_name"),
            "statuses_count": info.get("statuses_count"),
            "verified": info.get("verified"),
            "verified_type": info.get("verified_type"),
        }
        containerid = f"107603{uid}"
        for tab in ((data.get("data") or {}).get("tabsInfo") or {}).get("tabs") or []:
            if isinstance(tab, dict) and tab.get("tab_type") == "weibo" and tab.get("containerid"):
                containerid = str(tab["containerid"])
        result = FetchResult("ok", "weibo", profile=profile)
        posts: dict[str, Post] = {}
        budget = [_LONG_TEXTS]
        cursor: str | None = None
        for page in range(1, ctx.max_pages + 1):
            url = f"{index}&containerid={quote(containerid)}"
            if cursor:
                url += f"&since_id={quote(cursor)}"
            elif page > 1:
                url += f"&page={page}"
            try:
                reply = await http.get(url, headers=hdrs)
                _http_ok(reply)
                data = reply.json()
                first = page == 1 and bool(info.get("statuses_count"))
                judge_envelope(reply, data, first_posts=first)
            except AccountFailure as exc:
                if page == 1:
                    raise
                # the newest posts were read: the latest is known, older months are not
                result.detail = f"第{page}页：{exc.code} {exc.detail}".strip()
                result.halt = exc.code if exc.stop_platform else None
                break
            body = data.get("data") or {}
            found = mblogs(body.get("cards") or []) if data.get("ok") == 1 else []
            if not found:
                if page == 1 and info.get("statuses_count"):
                    raise AccountFailure(
                        "empty_list", f"profile counts {info['statuses_count']} posts, list empty"
                    )
                result.history_complete = True  # the list ended
                break
            reference = ctx.reference(reply)
            for card, mblog in found:
                try:
                    post = to_post(card, mblog, reference, uid)
                except ValueError as exc:
                    raise AccountFailure("unexpected", str(exc)) from None
                if post.post_id in posts:
                    continue
                posts[post.post_id] = post
                if mblog.get("isLongText") and not post.pinned and budget[0] > 0:
                    budget[0] -= 1
                    post.text = await _long_text(http, base, hdrs, post)
            dated = [p.published_at for p in posts.values() if not p.pinned]
            result.covered_since = min(dated) if dated else None
            if result.covered_since and result.covered_since < ctx.since:
                break
            info_cursor = (body.get("cardlistInfo") or {}).get("since_id")
            cursor = str(info_cursor) if info_cursor else None
        result.posts = list(posts.values())
        return result


async def _long_text(http: Http, base: str, hdrs: dict[str, str], post: Post) -> str:
    """The whole text of a truncated post (typo checks need it); a failure costs the text
    only, never the account."""
    try:
        reply = await http.get(f"{base}/statuses/extend?id={post.post_id}", headers=hdrs)
        data = reply.json() if reply.status == 200 else {}
    except Exception:
        return post.text
    content = ((data or {}).get("data") or {}).get("longTextContent")
    return plain_text(str(content)) if content else post.text


def _http_ok(reply: Reply) -> None:
    from core.failures import HttpStatusError

    if reply.status in (403, 418):
        raise AccountFailure("antispider", f"HTTP {reply.status}", stop_platform=True)
    if reply.status == 429:
        raise AccountFailure("rate_limited", "HTTP 429", stop_platform=True)
    if reply.status >= 400:
        raise HttpStatusError(f"HTTP {reply.status}", reply.status)
