"""A replay of the platforms for the tests: the real saved payloads (tests/files/newmedia/)
served at the platforms' real paths under one prefix per platform, on 127.0.0.1. Where a test
needs another date, only the time fields are moved (as PLATFORMS.md §10 advises)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from demo.loopback import LoopbackServer, Resource, error_page

FILES = Path(__file__).parent / "files" / "newmedia"
JSON = "application/json; charset=utf-8"
WBI = {
    "img_url": "https://i0.hdslb.com/bfs/wbi/7cd084941338484aae1ad9425b84077c.png",
    "sub_url": "https://i0.hdslb.com/bfs/wbi/4932caff0ff746eab6f01bf08b70ac45.png",
}
YEARS = 4 * 365 * 86400 + 86400  # 2021-06-24 → 2025-06-24 (one leap day)


def payload(name: str) -> bytes:
    return (FILES / name).read_bytes()


def _json(data: object) -> Resource:
    return Resource(json.dumps(data, ensure_ascii=False).encode(), JSON)


def moved_article(ct: int) -> bytes:
    text = payload("mp_article_2018_qqmusic.html").decode("utf-8")
    return text.replace('var ct = "1523110915";', f'var ct = "{ct}";').encode("utf-8")


def moved_list_ex(create_time: int) -> bytes:
    data = json.loads(payload("mp_cgi-bin_appmsg_list_ex_2024-03.json"))
    for item in data["app_msg_list"]:
        item["create_time"] = item["update_time"] = create_time
    return json.dumps(data).encode()


def moved_bilibili(shift: int) -> bytes:
    data = json.loads(payload("x_space_arc_search_2021.json"))
    for video in data["data"]["list"]["vlist"]:
        video["created"] += shift
    return json.dumps(data, ensure_ascii=False).encode()


def moved_rss() -> bytes:
    """The RSSHub output with 04 Jul 2025 moved to 29 Jun 2025 (GMT kept)."""
    text = payload("weibo_user_1935396210_2025-07.xml").decode("utf-8")
    return re.sub(r"Fri, 04 Jul 2025", "Sun, 29 Jun 2025", text).encode("utf-8")


class Replay(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(self._respond)

    def _respond(self, method: str, target: str, body: bytes) -> Resource:
        parts = urlsplit(target)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        if path == "/weibo/api/container/getIndex":
            return self._weibo(q)
        if path == "/bilibili/x/web-interface/nav":
            return _json({"code": -101, "data": {"wbi_img": WBI}})
        if path == "/bilibili/x/space/wbi/arc/search":
            if q.get("mid") == "3845290" and "w_rid" in q:
                return Resource(moved_bilibili(YEARS), JSON)
            return _json({"code": -404, "message": "啥都木有", "ttl": 1})
        if path == "/rsshub/weibo/user/1935396210":
            return Resource(moved_rss(), "application/rss+xml; charset=utf-8")
        if path == "/rsshub/weibo/user/0":
            return Resource(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                            b"</channel></rss>", "application/rss+xml")  # fmt: skip
        if path == "/sogou/weixin":
            if q.get("query") == "blocked":
                return Resource(b"", status=302, location="/sogou/antispider/?from=%2Fweixin")
            return Resource(payload("sogou_search_account_type1_2017.html"))
        if path.startswith("/sogou/antispider"):
            return Resource(payload("sogou_search_antispider_2017.html"))
        if path == "/mp/s":
            return Resource(moved_article(1750838400))  # 2025-06-25 16:00 Beijing
        if path == "/mp/cgi-bin/appmsg":
            if q.get("token") != "good-token" or q.get("fakeid") != "MjM5NTAyMTgyMA==":
                return _json({"base_resp": {"ret": 200003, "err_msg": "invalid session"}})
            if q.get("begin") != "0":
                return _json({"app_msg_cnt": 267, "app_msg_list": [],
                              "base_resp": {"ret": 0, "err_msg": "ok"}})  # fmt: skip
            return Resource(moved_list_ex(1750400000), JSON)  # 2025-06-20 14:13 Beijing
        return error_page(404)

    def _weibo(self, q: dict[str, str]) -> Resource:
        uid = q.get("value")
        if uid == "2":
            return _json({"ok": 0, "msg": "用户不存在"})
        if uid == "3":
            return _json({"ok": -100, "url": "https://passport.weibo.cn/signin/welcome"})
        if uid not in ("1669879400", "5"):
            return error_page(404)
        if "containerid" not in q:
            return Resource(payload("m_getIndex_type-uid_profile_2019.json"), JSON)
        if uid == "5" or q.get("page", "1") != "1":
            return _json({"ok": 0, "msg": "这里还没有内容", "data": {"cards": []}})
        return Resource(payload("m_getIndex_containerid-107603_cards_2019.json"), JSON)

    def platforms(self) -> str:
        base = self.base_url.rstrip("/")
        return (
            "platforms:\n"
            f'  weibo: {{base_url: "{base}/weibo"}}\n'
            f'  douyin: {{base_url: "{base}/douyin"}}\n'
            f'  wechat: {{mp_base_url: "{base}/mp", sogou_base_url: "{base}/sogou"}}\n'
            f'  bilibili: {{base_url: "{base}/bilibili"}}\n'
            f'  rsshub: {{base_url: "{base}/rsshub"}}\n'
            "newmedia: {delay_seconds: 0, backoff_seconds: 0, retries: 0,"
            " allow_private_hosts: true, douyin_wait_seconds: 5}\n"
        )
