"""What a replayed account is: its platform id, name, posts and how it misbehaves."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any


@dataclass
class ReplayPost:
    id: str
    at: datetime  # aware
    text: str
    title: str = ""
    pinned: bool = False
    repost: bool = False
    push: str | None = None  # 公众号: the 群发 this article belongs to


@dataclass
class ReplayAccount:
    platform: str  # weibo | douyin | wechat | bilibili | feed
    ident: str  # uid, sec_uid, 微信号, mid, feed path
    name: str
    posts: list[ReplayPost] = field(default_factory=list)
    # how the platform answers for this account: None (normally), "captcha", "login",
    # "antispider", "waf", "gone", "rate"
    block: str | None = None
    verified: str = ""  # 认证 / verified_reason ("" = not verified)
    fakeid: str = ""  # 公众号 __biz
    intro: str = ""

    def newest_first(self) -> list[ReplayPost]:
        """Pinned posts first (as the platforms list them), then newest first."""
        pinned = [p for p in self.posts if p.pinned]
        rest = sorted((p for p in self.posts if not p.pinned), key=lambda p: p.at, reverse=True)
        return pinned + rest


@cache
def template_text(name: str) -> str:
    return (resources.files("demo.platforms") / "templates" / name).read_text("utf-8")


def template_json(name: str) -> Any:
    return json.loads(template_text(name))


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
