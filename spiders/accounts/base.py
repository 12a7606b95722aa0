"""The one interface every platform adapter implements, and what it returns.

An adapter reads one account through `Http` (the crawl's own Scrapy stack: retries, timeouts,
cookies, the browser for Douyin) and returns a FetchResult: the posts it read and how far back
they are complete, or 账号异常. Anything that stops it from telling raises AccountFailure (or
a transport failure of core.failures) — the caller records 采集失败 with that reason, never
"no posts".
"""

from __future__ import annotations

import hashlib
import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar, Protocol
from urllib.parse import urlsplit, urlunsplit

from core.accounts import Platform
from core.config import AccountConfig, Config
from core.failures import FetchFailure
from core.periods import beijing


class AccountFailure(FetchFailure):
    """The platform answered, but not with the account's posts (core.accounts reason codes).

    `stop_platform`: a captcha or anti-spider wall — the run asks this platform nothing more.
    """

    def __init__(self, code: str, detail: str = "", *, stop_platform: bool = False) -> None:
        super().__init__(detail)
        self.code = code
        self.stop_platform = stop_platform


@dataclass
class Post:
    post_id: str
    published_at: datetime  # aware, Beijing time
    url: str | None = None
    title: str = ""
    text: str = ""
    pinned: bool = False  # 置顶: never taken for the latest
    repost: bool = False  # 转发: counts as a post
    push_id: str | None = None  # 公众号: the 群发 this article went out in

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(f"{self.title}\x1f{self.text}".encode()).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {
            "post_id": self.post_id,
            "published_at": self.published_at.isoformat(),
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "pinned": self.pinned,
            "repost": self.repost,
            "push_id": self.push_id,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Post:
        return cls(**{**data, "published_at": datetime.fromisoformat(data["published_at"])})


@dataclass
class FetchResult:
    outcome: str  # "ok" | "abnormal" (failures raise)
    source: str  # which adapter / endpoint read it
    posts: list[Post] = field(default_factory=list)
    # every non-pinned post published at or after this was read; None: only the latest
    covered_since: datetime | None = None
    history_complete: bool = False  # the list ended: nothing older exists
    tracks_pushes: bool = False
    code: str | None = None  # for 账号异常: not_found, banned, renamed
    detail: str = ""
    profile: dict[str, Any] = field(default_factory=dict)
    # a captcha met after the newest page was read: this account is fine, the platform stops
    halt: str | None = None


@dataclass
class Reply:
    """One HTTP answer as the adapters see it (any status: they judge it themselves)."""

    url: str  # after redirects
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes
    redirects: tuple[str, ...] = ()
    page: Any = None  # the open Playwright page (Douyin), closed by the adapter
    # (url, status, body) of the page's own requests asked for by `browser={"capture": …}`,
    # still filling while the page is open
    captured: list[tuple[str, int, bytes]] = field(default_factory=list)

    @property
    def text(self) -> str:
        charset = re.search(r"charset=([\w-]+)", self.headers.get("content-type", ""))
        try:
            return self.body.decode(charset[1] if charset else "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body as JSON; AccountFailure `unexpected` when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            raise AccountFailure("unexpected", f"not JSON from {strip_query(self.url)}") from None

    @property
    def date(self) -> datetime | None:
        """The server's Date header (what "刚刚" and "昨天" are relative to)."""
        value = self.headers.get("date")
        if not value:
            return None
        try:
            return beijing(parsedate_to_datetime(value))
        except (TypeError, ValueError):
            return None


class Http(Protocol):
    async def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        redirect: bool = True,
        browser: dict[str, Any] | None = None,
    ) -> Reply: ...


@dataclass
class FetchContext:
    config: Config
    as_of: datetime  # the monitoring point
    since: datetime  # read back at least to here (the quarter's start, the 14 days)
    secrets: dict[str, str]
    config_dir: str = "."

    @property
    def max_pages(self) -> int:
        return self.config.newmedia.max_pages

    def reference(self, reply: Reply | None) -> datetime:
        """The moment relative dates are read against: the response's Date when it agrees with
        the monitoring point (within two days), else the monitoring point — a replay or a
        re-check of a past date has a server clock that is not the monitoring point's."""
        date = reply.date if reply is not None else None
        if date is not None and abs(date - self.as_of) <= timedelta(days=2):
            return date
        return self.as_of


class Adapter(ABC):
    name: ClassVar[str]
    platforms: ClassVar[tuple[Platform, ...]]

    @abstractmethod
    async def fetch(self, account: AccountConfig, http: Http, ctx: FetchContext) -> FetchResult:
        """Read the account; raise AccountFailure / FetchFailure when that is not possible."""


def rebase(url: str, base_url: str, real_hosts: tuple[str, ...]) -> str:
    """A URL found in a payload (mp.weixin.qq.com/s?…) sent to the configured base instead
    (a proxy, a self-hosted mirror, a test server); other hosts stay as they are."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not any(host == h or host.endswith("." + h) for h in real_hosts):
        return url
    base = urlsplit(base_url)
    path = base.path.rstrip("/") + parts.path
    return urlunsplit((base.scheme, base.netloc, path, parts.query, ""))


def strip_query(url: str) -> str:
    """A URL fit for logs and stored details: no query (tokens travel there)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def plain_text(html: str) -> str:
    """Text of a post's HTML: tags and emoji images dropped (their alt text is not prose)."""
    from html import unescape

    text = re.sub(r"<br\s*/?>", "\n", html or "", flags=re.I)
    text = re.sub(r"<img[^>]*>", "", text, flags=re.I)
    text = unescape(_TAGS.sub("", text))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines()).strip()
