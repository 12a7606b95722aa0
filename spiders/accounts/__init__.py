"""政务新媒体 adapters: one module per platform, one interface (base.Adapter), and the
accounts spider that runs them politely (spider.py)."""

from __future__ import annotations

from core.accounts import Platform
from core.config import AccountConfig
from spiders.accounts.base import Adapter
from spiders.accounts.bilibili import BilibiliAdapter
from spiders.accounts.douyin import DouyinAdapter
from spiders.accounts.feed import FeedAdapter
from spiders.accounts.importer import ImportAdapter
from spiders.accounts.wechat import WechatAdapter
from spiders.accounts.weibo import WeiboAdapter

ADAPTERS: tuple[type[Adapter], ...] = (
    WeiboAdapter, DouyinAdapter, WechatAdapter, BilibiliAdapter, FeedAdapter, ImportAdapter,
)  # fmt: skip


def adapter_for(account: AccountConfig) -> Adapter:
    """`feed:` wins whatever the platform; a posts file next; else the platform's adapter."""
    ids = account.ref.ids
    if ids.get("feed"):
        return FeedAdapter()
    if ids.get("posts_file"):
        return ImportAdapter()
    for adapter in ADAPTERS:
        if account.ref.platform in adapter.platforms:
            return adapter()
    return ImportAdapter()  # fails with "unsupported": no posts file configured


def lane_of(account: AccountConfig) -> str:
    """Accounts of one lane are fetched one at a time (one platform, one host)."""
    adapter = adapter_for(account)
    if isinstance(adapter, FeedAdapter):
        from urllib.parse import urlsplit

        return "feed:" + (urlsplit(account.ref.ids.get("feed", "")).netloc or "rsshub")
    if account.ref.platform == Platform.wechat:
        return "wechat"
    return adapter.name


__all__ = ["ADAPTERS", "adapter_for", "lane_of"]
