"""api.bilibili.com (nav keys, arc search) and RSSHub's weibo route (RSS 2.0, GMT dates)."""

from __future__ import annotations

import copy
import html
import re
from datetime import UTC
from email.utils import format_datetime
from typing import Any

from demo.platforms.model import ReplayAccount, template_json, template_text

BILI_PAGE = 30
NAV = {
    "code": -101,
    "message": "账号未登录",
    "data": {
        "isLogin": False,
        "wbi_img": {
            "img_url": "https://i0.hdslb.com/bfs/wbi/7cd084941338484aae1ad9425b84077c.png",
            "sub_url": "https://i0.hdslb.com/bfs/wbi/4932caff0ff746eab6f01bf08b70ac45.png",
        },
    },
}


def arc_search(account: ReplayAccount, page: int) -> dict[str, Any]:
    if account.block == "gone":
        return {"code": -404, "message": "啥都木有", "ttl": 1}
    if account.block == "rate":
        return {"code": -799, "message": "请求过于频繁，请稍后再试", "ttl": 1}
    data = copy.deepcopy(template_json("x_space_arc_search_2021.json"))
    template = data["data"]["list"]["vlist"][0]
    ordered = account.newest_first()
    videos = []
    for post in ordered[(page - 1) * BILI_PAGE : page * BILI_PAGE]:
        video = copy.deepcopy(template)
        video.update(
            bvid=post.id,
            aid=abs(hash(post.id)) % 10**9,
            title=post.title or post.text,
            description=post.text,
            created=int(post.at.timestamp()),
            author=account.name,
            mid=int(account.ident),
        )
        videos.append(video)
    data["data"]["list"]["vlist"] = videos
    data["data"]["page"] = {"pn": page, "ps": BILI_PAGE, "count": len(ordered)}
    return data


def rss(account: ReplayAccount) -> bytes:
    """RSSHub's output for /weibo/user/<uid>, item dates in GMT as RSSHub writes them."""
    page = template_text("weibo_user_1935396210_2025-07.xml.txt")
    head = page[: page.index("<item>")]
    tail = page[page.rindex("</item>") + len("</item>") :]
    item = page[page.index("<item>") : page.index("</item>") + len("</item>")]
    head = head.replace("少年JUMP吧", html.escape(account.name)).replace(
        "1935396210", account.ident
    )
    items = []
    for post in account.newest_first():
        one = re.sub(
            r"<title>.*?</title>",
            f"<title>{html.escape(post.text[:40])}</title>",
            item,
            count=1,
            flags=re.S,
        )
        one = re.sub(
            r"<description>.*?</description>",
            f"<description><![CDATA[{html.escape(post.text)}]]></description>",
            one,
            count=1,
            flags=re.S,
        )
        link = f"https://weibo.com/{account.ident}/{post.id}"
        one = re.sub(r"<link>.*?</link>", f"<link>{link}</link>", one, count=1)
        one = re.sub(r"<guid[^>]*>.*?</guid>", f'<guid isPermaLink="false">{link}</guid>', one)
        stamp = format_datetime(post.at.astimezone(UTC), usegmt=True)
        items.append(re.sub(r"<pubDate>.*?</pubDate>", f"<pubDate>{stamp}</pubDate>", one))
    return (head + "\n".join(items) + tail).encode("utf-8")
