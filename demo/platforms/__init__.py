"""Local servers for 政务新媒体 platforms: each answers in its platform's real response
structure (the saved payloads in templates/, ids, names, texts and times replaced), so the
accounts crawl reads them exactly as it reads the real platforms.

One loopback server carries every platform under its own path prefix; govwatch.yaml's
`platforms:` base URLs point there:

    /weibo/…     m.weibo.cn          /douyin/…   www.douyin.com
    /sogou/…     weixin.sogou.com    /mp/…       mp.weixin.qq.com
    /bilibili/…  api.bilibili.com    /rsshub/…   a self-hosted RSSHub
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from demo.loopback import LoopbackServer, Resource, error_page
from demo.platforms import douyin, others, wechat, weibo
from demo.platforms.model import ReplayAccount, ReplayPost, dumps

JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"
PREFIXES = ("weibo", "douyin", "sogou", "mp", "bilibili", "rsshub")


class PlatformReplay:
    """The responder: (method, target, body) → the platform's answer."""

    def __init__(self, accounts: list[ReplayAccount]) -> None:
        self.accounts = accounts
        self.by_id = {(a.platform, a.ident): a for a in accounts}
        self.by_fakeid = {a.fakeid: a for a in accounts if a.fakeid}

    def __call__(self, method: str, target: str, body: bytes) -> Resource:
        parts = urlsplit(target)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        prefix, _, rest = unquote(parts.path).lstrip("/").partition("/")
        route = getattr(self, f"_{prefix}", None)
        if prefix not in PREFIXES or route is None:
            return error_page(404)
        return route("/" + rest, query) or error_page(404)

    def _json(self, data: object) -> Resource:
        return Resource(dumps(data), JSON)

    def _weibo(self, path: str, q: dict[str, str]) -> Resource | None:
        if path == "/api/container/getIndex":
            search = q.get("containerid", "")
            if search.startswith("100103"):
                words = parse_qs(search[len("100103") :])
                return self._json(weibo.user_search(self.accounts, words.get("q", [""])[0]))
            account = self.by_id.get(("weibo", q.get("value", "")))
            if account is None:
                return self._json({"ok": 0, "msg": "用户不存在"})
            if "containerid" not in q:
                return self._json(weibo.profile(account))
            return self._json(weibo.cards(account, int(q.get("page", "1"))))
        if path.startswith("/u/"):
            return Resource(b"<html><body>m.weibo.cn</body></html>", HTML)
        return None

    def _douyin(self, path: str, q: dict[str, str]) -> Resource | None:
        if path.startswith("/user/"):
            account = self.by_id.get(("douyin", path.removeprefix("/user/")))
            if account is None:
                return Resource(
                    douyin.user_page(ReplayAccount("douyin", "", "", block="gone")), HTML
                )
            return Resource(douyin.user_page(account), HTML)
        if path.startswith("/aweme/v1/web/aweme/post"):
            account = self.by_id.get(("douyin", q.get("sec_user_id", "")))
            if account is None:
                return self._json({"status_code": 0, "aweme_list": [], "has_more": 0})
            return self._json(douyin.posts(account, int(q.get("max_cursor", "0") or 0)))
        return None

    def _sogou(self, path: str, q: dict[str, str]) -> Resource | None:
        if path == "/weixin":
            query = q.get("query", "")
            if any(a.block == "antispider" and query in (a.ident, a.name) for a in self.accounts):
                location = f"/sogou/antispider/?from=%2Fweixin%3Fquery%3D{query}"
                return Resource(b"", HTML, status=302, location=location)
            return Resource(wechat.search(self.accounts, query), HTML)
        if path.startswith("/antispider"):
            return Resource(wechat.antispider(), HTML)
        if path == "/link":
            ident, _, post_id = q.get("url", "").partition(".")
            found = self._post("wechat", ident, post_id)
            return Resource(wechat.link_page(*found), HTML) if found else None
        return None

    def _mp(self, path: str, q: dict[str, str]) -> Resource | None:
        if path == "/s":
            account = self.by_fakeid.get(q.get("__biz", ""))
            post = (
                next((p for p in account.posts if p.id == q.get("mid")), None) if account else None
            )
            if account is None or post is None:
                return Resource("<html><body>该内容已被发布者删除</body></html>".encode(), HTML)
            if account.block == "captcha":
                return Resource(
                    "<html><body>环境异常，完成验证后即可继续访问</body></html>".encode(), HTML
                )
            return Resource(wechat.article(account, post), HTML)
        if path == "/cgi-bin/appmsg":
            account = self.by_fakeid.get(q.get("fakeid", ""))
            if account is None:
                return self._json({"base_resp": {"ret": 200002, "err_msg": "invalid args"}})
            begin, count = int(q.get("begin", "0")), int(q.get("count", "5"))
            return self._json(wechat.list_ex(account, begin, count, q.get("token", "")))
        return None

    def _bilibili(self, path: str, q: dict[str, str]) -> Resource | None:
        if path == "/x/web-interface/nav":
            return self._json(others.NAV)
        if path in ("/x/space/wbi/arc/search", "/x/space/arc/search"):
            account = self.by_id.get(("bilibili", q.get("mid", "")))
            if account is None:
                return self._json({"code": -404, "message": "啥都木有"})
            return self._json(others.arc_search(account, int(q.get("pn", "1"))))
        return None

    def _rsshub(self, path: str, q: dict[str, str]) -> Resource | None:
        if path.startswith("/weibo/user/"):
            account = self.by_id.get(("feed", path.removeprefix("/weibo/user/").strip("/")))
            if account is not None:
                return Resource(others.rss(account), "application/xml; charset=utf-8")
        return None

    def _post(self, platform: str, ident: str, post_id: str) -> tuple | None:
        account = self.by_id.get((platform, ident))
        post = next((p for p in account.posts if p.id == post_id), None) if account else None
        return (account, post) if account and post else None


class PlatformServer(LoopbackServer):
    """`with PlatformServer(accounts) as server:` every platform at server.base_url."""

    def __init__(self, accounts: list[ReplayAccount], port: int = 0) -> None:
        self.replay = PlatformReplay(accounts)
        super().__init__(self.replay, port=port)

    def platforms_yaml(self, indent: str = "  ") -> list[str]:
        base = self.base_url.rstrip("/")
        return [
            f"{indent}weibo: {{base_url: {base}/weibo}}",
            f"{indent}douyin: {{base_url: {base}/douyin}}",
            f"{indent}wechat: {{mp_base_url: {base}/mp, sogou_base_url: {base}/sogou}}",
            f"{indent}bilibili: {{base_url: {base}/bilibili}}",
            f"{indent}rsshub: {{base_url: {base}/rsshub}}",
        ]


__all__ = ["PlatformReplay", "PlatformServer", "ReplayAccount", "ReplayPost"]
