"""Sogou 微信 account search (`weixin.sogou.com/weixin?type=1&query=…`): the latest article of
a 公众号 without any login — enough for 逾期, not for monthly counts.

Traps: the search returns look-alikes (the first or newest result is often another
account); only the result whose 微信号 (`label[name=em_weixinhao]`) equals the configured one is
taken — or, with no 微信号 configured, the one result whose name is exactly the account's.
A 302 to `/antispider/` (or the interstitial itself) is a block: the run stops asking Sogou.
The 最近文章 link is either an mp.weixin.qq.com URL or a Sogou `/link?url=…` page whose script
builds the real URL piece by piece (`url += '…';`, RSSHub lib/routes/wechat/sogou.ts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import quote, urljoin

from parsel import Selector

from core.accounts import bare_name
from spiders.accounts.base import AccountFailure, Reply
from spiders.accounts.times import unix_time

_TIME = re.compile(r"timeConvert\(\s*'(\d+)'\s*\)")
_URL_PIECE = re.compile(r"url\s*\+=\s*'([^']*)'")


@dataclass
class SogouAccount:
    name: str
    wechat_id: str
    verified_by: str  # 认证 (the organisation), "" when none is shown
    intro: str
    article_url: str | None
    article_title: str
    article_time: datetime | None
    evidence: dict[str, str] = field(default_factory=dict)


def blocked(reply: Reply) -> bool:
    where = " ".join((reply.url, *reply.redirects, reply.headers.get("location", "")))
    if "/antispider" in where:
        return True
    text = reply.text
    return ("antispider" in text and "sogou_vr_11002301_box" not in text) or "seccodeImage" in text


def search_url(base: str, query: str) -> str:
    return f"{base.rstrip('/')}/weixin?type=1&query={quote(query)}&ie=utf8"


def parse_accounts(reply: Reply, base: str | None = None) -> list[SogouAccount]:
    """Accounts of a result page; root-relative links are resolved against `base` (the
    configured Sogou base URL, which may carry a path prefix)."""
    page = Selector(text=reply.text)
    out = []
    for box in page.css('li[id^="sogou_vr_11002301_box_"]'):
        name = "".join(box.css('a[uigs^="account_name_"] ::text').getall()).strip()
        wechat_id = (box.css('label[name="em_weixinhao"]::text').get() or "").strip()
        verified = intro = ""
        article_url, article_title, article_time = None, "", None
        for dl in box.css("dl"):
            head = "".join(dl.css("dt ::text").getall())
            value_html = dl.css("dd").get() or ""
            value = " ".join("".join(dl.css("dd ::text").getall()).split())
            if "认证" in head:
                verified = value
            elif "功能介绍" in head:
                intro = value
            elif "最近文章" in head:
                link = dl.css('a[uigs^="account_article_"]')
                href = link.css("::attr(href)").get()
                article_url = _absolute(href, reply.url, base) if href else None
                article_title = " ".join("".join(link.css("::text").getall()).split())
                stamp = _TIME.search(value_html)
                article_time = unix_time(stamp[1]) if stamp else None
        out.append(
            SogouAccount(name, wechat_id, verified, intro, article_url, article_title, article_time)
        )
    return out


def _absolute(href: str, page_url: str, base: str | None) -> str:
    if base and href.startswith("/") and not href.startswith("//"):
        return base.rstrip("/") + href
    return urljoin(page_url, href)


def choose(found: list[SogouAccount], wechat_id: str | None, name: str) -> SogouAccount:
    """The configured account among look-alikes; AccountFailure when it is not there."""
    if wechat_id:
        for account in found:
            if account.wechat_id.lower() == wechat_id.lower():
                return account
        raise AccountFailure("not_in_search", f"no result with 微信号 {wechat_id}")
    wanted = bare_name(name)
    exact = [a for a in found if bare_name(a.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise AccountFailure("not_in_search", f"no result named {name}")
    raise AccountFailure("not_in_search", f"{len(exact)} results named {name}: set wechat_id")


def link_target(reply: Reply) -> str | None:
    """The mp.weixin.qq.com URL a Sogou /link page builds in its script."""
    pieces = _URL_PIECE.findall(reply.text)
    if not pieces:
        return None
    return "".join(pieces).replace("@", "")
