"""A 公众号 article page (mp.weixin.qq.com/s…): its publish time and text.

The time is the script variable `ct` (`var ct = "1523110915";` or, on current pages,
`window.ct = '1713009660' || '';`); `<em id="publish_time">` is empty in the server HTML
(filled by JS), so it is never read. Old pages also carry `var publish_time = "2018-04-07"`.
Failure signals (RSSHub lib/utils/wechat-mp.ts): `环境异常` or a captcha URL (WAF), 链接已过期
(an expired temporary Sogou link), 已被发布者删除.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from parsel import Selector

from core.periods import BEIJING
from spiders.accounts.base import AccountFailure, Reply, plain_text
from spiders.accounts.times import unix_time

_CT = re.compile(r"""(?:var|window\.)\s*ct\s*=\s*["'](\d{9,11})["']""")
_PUBLISH_DATE = re.compile(r"""var\s+publish_time\s*=\s*["'](\d{4})-(\d{2})-(\d{2})["']""")
_VAR = r"""var\s+{name}\s*=\s*(?:htmlDecode\()?["']([^"']*)["']"""


@dataclass
class Article:
    published_at: datetime
    title: str
    text: str
    nickname: str
    user_name: str  # gh_…


def _var(html: str, name: str) -> str:
    match = re.search(_VAR.format(name=name), html)
    return match[1].strip() if match else ""


def read_article(reply: Reply) -> Article:
    """The article, or AccountFailure naming why the page holds none."""
    html = reply.text
    where = " ".join((reply.url, *reply.redirects))
    if "captcha" in where or "环境异常" in html or "wappoc_appmsgcaptcha" in where:
        raise AccountFailure("env_abnormal", "WeChat verification page", stop_platform=True)
    if "链接已过期" in html:
        raise AccountFailure("link_expired", "the temporary link expired")
    if "已被发布者删除" in html or "该内容已被发布者删除" in html:
        raise AccountFailure("unexpected", "the article was deleted by its publisher")
    match = _CT.search(html)
    if match:
        published = unix_time(match[1])
    else:
        day = _PUBLISH_DATE.search(html)
        if not day:
            raise AccountFailure("unexpected", "article page without a publish time (ct)")
        published = datetime(int(day[1]), int(day[2]), int(day[3]), tzinfo=BEIJING)
    page = Selector(text=html)
    title = (
        page.css('meta[property="og:title"]::attr(content)').get()
        or _var(html, "msg_title")
        or " ".join(page.css("#activity-name ::text").getall())
    )
    body = page.css("#js_content").get() or ""
    return Article(
        published_at=published,
        title=" ".join(title.split()),
        text=plain_text(body),
        nickname=_var(html, "nickname") or (page.css("#js_name::text").get() or "").strip(),
        user_name=_var(html, "user_name"),
    )
