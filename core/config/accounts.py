"""govwatch.yaml's 政务新媒体 sections: the registry (accounts), the platforms' base URLs
and the 逾期 rule's parameters (newmedia)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, PrivateAttr, model_validator

from core.accounts import AccountRef, Platform, UnknownSite, recognise
from core.config.base import HttpUrl, _platform, _Strict


class AccountConfig(_Strict):
    """A 政务新媒体 account of the office's registry (报备台账), as staff copy it."""

    name: str = Field(min_length=1)  # 账号名称 as registered
    owner: str = Field(min_length=1)  # 开设主体: a configured unit (name or alias)
    url: HttpUrl | None = None  # the account's public URL, from a browser
    # where the URL does not carry them
    platform: Annotated[Platform, BeforeValidator(_platform)] | None = None
    wechat_id: str | None = None  # 微信号, matched exactly in Sogou's account search
    fakeid: str | None = None  # the 公众号's __biz, for the backend article list
    gh_id: str | None = None  # 原始ID gh_…
    feed: HttpUrl | None = None  # an RSS/Atom/JSON feed: read by the feed adapter
    posts_file: str | None = None  # a CSV/XLSX of posts (小程序, or exported by hand)

    _ref: AccountRef | None = PrivateAttr(default=None)

    @property
    def ref(self) -> AccountRef:
        """Platform and ids, resolved when the config was loaded."""
        assert self._ref is not None, "resolved by Config"
        return self._ref

    @property
    def key(self) -> str:
        """What identifies the account across runs and renames: platform and id."""
        return f"{self.ref.platform.value}:{self.ref.ident}"

    def resolve(self, rsshub_hosts: tuple[str, ...]) -> AccountRef:
        ref: AccountRef | None = None
        if self.url:
            try:
                ref = recognise(self.url, rsshub_hosts)
            except UnknownSite:
                if not (self.platform or self.feed):
                    raise
        platform = self.platform or (ref.platform if ref else None)
        if platform is None:
            if self.feed:
                platform = Platform.feed
            elif self.posts_file:
                platform = Platform.imported
            elif self.wechat_id or self.fakeid or self.gh_id:
                platform = Platform.wechat
            else:
                raise ValueError(f"account {self.name!r}: give url, feed, posts_file or platform")
        ids = dict(ref.ids) if ref and ref.platform == platform else {}
        for field in ("wechat_id", "fakeid", "gh_id", "feed", "posts_file"):
            if getattr(self, field):
                ids[field] = str(getattr(self, field))
        needed = {Platform.weibo: "uid", Platform.douyin: "sec_uid", Platform.bilibili: "mid"}
        if platform in needed and needed[platform] not in ids and "feed" not in ids:
            raise ValueError(
                f"account {self.name!r}: the URL carries no {platform.value} account id "
                f"({needed[platform]}); copy the account's own page URL"
            )
        ident = ref.ident if ref and ref.platform == platform else ""
        ident = ids.get("wechat_id") or ident if platform == Platform.wechat else ident
        ident = ident or self.feed or self.url or self.posts_file or self.name
        self._ref = AccountRef(platform, ident, ids)
        return self._ref


class WeiboPlatform(_Strict):
    base_url: HttpUrl = "https://m.weibo.cn"


class DouyinPlatform(_Strict):
    base_url: HttpUrl = "https://www.douyin.com"


class WechatPlatform(_Strict):
    mp_base_url: HttpUrl = "https://mp.weixin.qq.com"
    sogou_base_url: HttpUrl = "https://weixin.sogou.com"


class BilibiliPlatform(_Strict):
    base_url: HttpUrl = "https://api.bilibili.com"


class RsshubPlatform(_Strict):
    base_url: HttpUrl = "https://rsshub.app"


class PlatformsConfig(_Strict):
    """Where each platform is reached: the real sites, a self-hosted RSSHub, a proxy, a test
    server. Only the host part of a copied account URL is replaced by these."""

    weibo: WeiboPlatform = Field(default_factory=WeiboPlatform)
    douyin: DouyinPlatform = Field(default_factory=DouyinPlatform)
    wechat: WechatPlatform = Field(default_factory=WechatPlatform)
    bilibili: BilibiliPlatform = Field(default_factory=BilibiliPlatform)
    rsshub: RsshubPlatform = Field(default_factory=RsshubPlatform)


class NewMediaConfig(_Strict):
    """The 逾期 rule's parameters and how politely accounts are fetched.

    Credentials never go here: GOVWATCH_WECHAT_TOKEN / GOVWATCH_WECHAT_COOKIE /
    GOVWATCH_WEIBO_COOKIE come from the environment or the 0600 file `secrets_file` names."""

    overdue_after_days: int = Field(default=14, ge=1, le=365)
    # seconds between two requests to one platform: [min, max] drawn at random, or one
    # number x meaning x/2 … 3x/2; 0 turns the delay off (tests, a local replay)
    delay_seconds: float | tuple[float, float] = (3.0, 8.0)
    allow_private_hosts: bool = False  # account URLs on loopback/private addresses
    max_pages: int = Field(default=20, ge=1, le=200)  # list pages per account and run
    timeout: float = Field(default=30.0, gt=0)  # per request
    account_timeout: float = Field(default=300.0, gt=0)  # per account, every page included
    retries: int = Field(default=2, ge=0, le=10)
    backoff_seconds: float = Field(default=10.0, ge=0)  # before the first retry, then doubled
    douyin_wait_seconds: float = Field(default=10.0, gt=0)  # for the post list to arrive
    secrets_file: str | None = None
    user_agent: str | None = None
    text_check: bool = True  # new post texts through the text checker
    discover_feeds: list[HttpUrl] = Field(default_factory=list)  # feeds listing accounts
    discover_names: list[str] = Field(default_factory=list)  # searched besides the units

    @model_validator(mode="after")
    def _delay_range(self) -> NewMediaConfig:
        low, high = self.delay_range
        if low < 0 or high < low:
            raise ValueError("delay_seconds: a number ≥ 0 or [min, max] with 0 ≤ min ≤ max")
        return self

    @property
    def delay_range(self) -> tuple[float, float]:
        if isinstance(self.delay_seconds, tuple):
            return self.delay_seconds
        return (self.delay_seconds / 2, self.delay_seconds * 3 / 2)
