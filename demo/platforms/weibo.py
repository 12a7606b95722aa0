"""m.weibo.cn as the container API answers: profile, 107603 card pages, user search."""

from __future__ import annotations

import copy
from typing import Any

from demo.platforms.model import ReplayAccount, ReplayPost, template_json

PAGE = 10
_UID = "1669879400"  # the captured account, replaced everywhere


def _full(at: Any) -> str:
    return at.strftime("%a %b %d %H:%M:%S +0800 %Y")


def profile(account: ReplayAccount) -> dict[str, Any]:
    if account.block == "gone":
        return {"ok": 0, "msg": "用户不存在"}
    if account.block == "login":
        return {"ok": -100, "url": "https://passport.weibo.cn/signin/welcome?entry=mweibo"}
    data = copy.deepcopy(template_json("m_getIndex_type-uid_profile_2019.json"))
    info = data["data"]["userInfo"]
    info.update(
        id=int(account.ident),
        screen_name=account.name,
        statuses_count=len(account.posts),
        verified=bool(account.verified),
        verified_type=1 if account.verified else -1,
        verified_reason=account.verified,
        description=account.intro,
        profile_url=f"https://m.weibo.cn/u/{account.ident}",
    )
    for tab in data["data"]["tabsInfo"]["tabs"]:
        tab["containerid"] = tab["containerid"].replace(_UID, account.ident)
    return data


def _card(template: dict[str, Any], account: ReplayAccount, post: ReplayPost, n: int) -> dict:
    card = copy.deepcopy(template)
    mblog = card["mblog"]
    bid = f"Demo{post.id[-6:]}"
    card["itemid"] = f"107603{account.ident}_-_{post.id}"
    card["scheme"] = f"https://m.weibo.cn/status/{bid}"
    # list pages print recent posts as MM-DD (current year) and older ones in full
    mblog.update(
        id=post.id,
        idstr=post.id,
        mid=post.id,
        bid=bid,
        text=post.text,
        created_at=post.at.strftime("%m-%d") if n % 2 else _full(post.at),
        mblogtype=2 if post.pinned else 0,
        isLongText=False,
    )
    mblog.pop("raw_text", None)
    if post.pinned:
        mblog["isTop"] = 1
        mblog["title"] = {"text": "置顶", "base_color": 1}
    mblog["user"] = {**mblog["user"], "id": int(account.ident), "screen_name": account.name}
    return card


def cards(account: ReplayAccount, page: int) -> dict[str, Any]:
    if account.block == "captcha":
        return {"ok": 0, "url": "https://security.weibo.com/captcha/geetest?type=1"}
    data = template_json("m_getIndex_containerid-107603_cards_2019.json")
    original, repost = data["data"]["cards"][0], data["data"]["cards"][1]
    posts = account.newest_first()[(page - 1) * PAGE : page * PAGE]
    if not posts:
        return {"ok": 0, "msg": "这里还没有内容", "data": {"cards": []}}
    out = [
        _card(repost if p.repost else original, account, p, (page - 1) * PAGE + i)
        for i, p in enumerate(posts)
    ]
    info = {**data["data"]["cardlistInfo"], "containerid": f"107603{account.ident}"}
    info.update(total=len(account.posts), page=page + 1)
    return {"ok": 1, "data": {"cardlistInfo": info, "cards": out, "scheme": ""}}


def user_search(accounts: list[ReplayAccount], query: str) -> dict[str, Any]:
    """containerid=100103type=3&q=…: users whose name contains the query."""
    group = []
    for account in accounts:
        if account.platform == "weibo" and query and query in account.name + account.verified:
            group.append(
                {
                    "card_type": 10,
                    "user": {
                        "id": int(account.ident),
                        "screen_name": account.name,
                        "verified": bool(account.verified),
                        "verified_type": 1 if account.verified else -1,
                        "verified_reason": account.verified,
                        "description": account.intro,
                        "statuses_count": len(account.posts),
                    },
                }
            )
    return {"ok": 1, "data": {"cards": [{"card_type": 11, "card_group": group}]}}
