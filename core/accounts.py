"""政务新媒体 vocabulary: platforms, how an account's URL names its platform and id, the
statuses of the inspection table, and the named reasons a fetch of an account failed.

Everything here is pure (no network): config validation, the spiders, the checks and the
reports all read an account the same way.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, unquote, urlsplit

from core.secrets import SECRETS_ENV, SecretsError, read_secrets  # noqa: F401 (re-exported)


class Platform(StrEnum):
    weibo = "weibo"
    douyin = "douyin"
    wechat = "wechat"
    bilibili = "bilibili"
    toutiao = "toutiao"
    kuaishou = "kuaishou"
    feed = "feed"  # any RSS/Atom/JSON feed (a self-hosted RSSHub route, wewe-rss …)
    miniprogram = "miniprogram"  # 微信小程序: no public feed, posts come from an import file
    imported = "import"  # any account whose posts the office exports by hand


PLATFORM_LABELS: dict[Platform, str] = {
    Platform.weibo: "微博",
    Platform.douyin: "抖音",
    Platform.wechat: "微信公众号",
    Platform.bilibili: "哔哩哔哩",
    Platform.toutiao: "今日头条",
    Platform.kuaishou: "快手",
    Platform.feed: "订阅源",
    Platform.miniprogram: "微信小程序",
    Platform.imported: "人工导入",
}

# what staff write in a 台账's 平台 column or in `platform:`
_PLATFORM_WORDS: dict[str, Platform] = {
    "微博": Platform.weibo, "新浪微博": Platform.weibo,
    "抖音": Platform.douyin, "抖音号": Platform.douyin,
    "微信": Platform.wechat, "公众号": Platform.wechat, "微信公众号": Platform.wechat,
    "微信公众平台": Platform.wechat,
    "哔哩哔哩": Platform.bilibili, "b站": Platform.bilibili, "bilibili": Platform.bilibili,
    "今日头条": Platform.toutiao, "头条": Platform.toutiao, "头条号": Platform.toutiao,
    "快手": Platform.kuaishou,
    "rss": Platform.feed, "rsshub": Platform.feed, "订阅源": Platform.feed,
    "小程序": Platform.miniprogram, "微信小程序": Platform.miniprogram,
    "导入": Platform.imported, "人工导入": Platform.imported,
}  # fmt: skip


def parse_platform(text: str) -> Platform:
    """`weibo`, `微博`, `微信公众号` … → Platform; ValueError names what is accepted."""
    word = text.strip()
    try:
        return Platform(word.lower())
    except ValueError:
        pass
    found = _PLATFORM_WORDS.get(word.lower()) or _PLATFORM_WORDS.get(word)
    if found is None:
        names = ", ".join(p.value for p in Platform)
        raise ValueError(f"unknown platform {text!r} (use one of {names}, or 微博/抖音/公众号…)")
    return found


class Status(StrEnum):
    """The 状态 column of the bulletin's table (五)."""

    ok = "ok"  # 正常
    overdue = "overdue"  # 逾期
    failed = "failed"  # 采集失败: never 逾期, never "no posts"
    abnormal = "abnormal"  # 账号异常: deleted, banned or renamed


STATUS_LABELS: dict[Status, str] = {
    Status.ok: "正常",
    Status.overdue: "逾期",
    Status.failed: "采集失败",
    Status.abnormal: "账号异常",
}

# Why an account could not be read, beyond the transport failures of core.failures (which
# keep their own codes and labels). Stored as the code, shown as the label.
REASON_LABELS: dict[str, str] = {
    "captcha": "遇到验证码，被平台拦截",
    "antispider": "被反爬虫页面拦截",
    "login_wall": "需要登录才能查看",
    "credentials": "凭据失效",
    "no_credentials": "未提供凭据",
    "rate_limited": "访问过于频繁，被平台限流",
    "waf": "平台返回空作品列表，疑似被拦截",
    "empty_list": "账号显示有内容但未返回任何发布",
    "empty_feed": "订阅源没有任何条目",
    "not_in_search": "搜索结果中未找到该账号",
    "no_latest": "搜索结果未显示最近文章",
    "link_expired": "文章链接已过期",
    "env_abnormal": "环境异常，被平台拦截",
    "no_capture": "未能读取作品列表",
    "unexpected": "平台返回内容无法识别",
    "platform_stopped": "本轮已因验证码暂停该平台采集",
    "unsupported": "该平台无法自动采集，请配置订阅源或导入文件",
    "import_file": "导入文件无法读取",
    "deadline": "采集超时",
    # 账号异常
    "not_found": "账号不存在或已注销",
    "banned": "账号已被封禁",
    "renamed": "账号已改名",
}


def reason_label(code: str | None) -> str:
    from core.failures import label_of

    if not code:
        return ""
    return REASON_LABELS.get(code) or label_of(code)


@dataclass(frozen=True)
class AccountRef:
    """What an account URL says: its platform and the ids adapters need."""

    platform: Platform
    ident: str  # uid, sec_uid, mid, __biz, feed URL …: the account's id on its platform
    ids: dict[str, str]


class UnknownSite(ValueError):
    """A URL that is no known platform (and no feed)."""


_FEED_HINT = re.compile(r"(\.(xml|rss|atom)$|/(rss|atom|feed|feeds)(/|$)|\.(rss|atom|json)$)", re.I)
_SEC_UID = re.compile(r"^MS4wLjABAAAA[\w-]+$")


def _host_is(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def recognise(url: str, rsshub_hosts: tuple[str, ...] = ()) -> AccountRef:
    """The platform and id an account URL carries; UnknownSite when it is none we know.

    Staff copy URLs from a browser: m.weibo.cn/u/<uid>, weibo.com/u/<uid> or weibo.com/<uid>,
    www.douyin.com/user/<sec_uid>, mp.weixin.qq.com/…?__biz=…, space.bilibili.com/<mid>,
    www.toutiao.com/c/user/token/<token>/, an RSSHub route or any feed URL.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise UnknownSite(f"{url!r} is not an http(s) URL")
    path = unquote(parts.path)
    segments = [s for s in path.split("/") if s]
    query = {k: v[0] for k, v in parse_qs(parts.query).items() if v}
    if host in rsshub_hosts or _host_is(host, "rsshub.app"):
        return AccountRef(Platform.feed, url.strip(), {"feed": url.strip()})
    if _host_is(host, "weibo.cn") or _host_is(host, "weibo.com"):
        uid = query.get("uid") or query.get("value")
        if segments[:1] in (["u"], ["profile"]) and len(segments) > 1:
            uid = segments[1]
        elif segments and segments[0].isdigit():
            uid = segments[0]
        if uid and uid.isdigit():
            return AccountRef(Platform.weibo, uid, {"uid": uid})
        raise UnknownSite(f"{url}: a Weibo URL, but not an account's (https://m.weibo.cn/u/<uid>)")
    if _host_is(host, "douyin.com") or _host_is(host, "iesdouyin.com"):
        sec = segments[1] if segments[:1] == ["user"] and len(segments) > 1 else ""
        if segments[:2] == ["share", "user"] and len(segments) > 2:
            sec = segments[2]
        if _SEC_UID.match(sec):
            return AccountRef(Platform.douyin, sec, {"sec_uid": sec})
        raise UnknownSite(
            f"{url}: a Douyin URL, but not an account page (https://www.douyin.com/user/MS4w…)"
        )
    if _host_is(host, "weixin.qq.com"):
        biz = query.get("__biz")
        ids = {"fakeid": biz} if biz else {}
        return AccountRef(Platform.wechat, biz or url.strip(), ids)
    if host == "space.bilibili.com" and segments and segments[0].isdigit():
        return AccountRef(Platform.bilibili, segments[0], {"mid": segments[0]})
    if _host_is(host, "toutiao.com"):
        token = segments[-1] if "token" in segments and segments[-1] != "token" else ""
        return AccountRef(Platform.toutiao, token or url.strip(), {"token": token} if token else {})
    if _host_is(host, "kuaishou.com"):
        user = segments[-1] if segments[:1] == ["profile"] and len(segments) > 1 else ""
        return AccountRef(Platform.kuaishou, user or url.strip(), {"user": user} if user else {})
    if _FEED_HINT.search(path):
        return AccountRef(Platform.feed, url.strip(), {"feed": url.strip()})
    raise UnknownSite(
        f"{url}: not a platform govwatch knows (微博, 抖音, 微信公众号, 哔哩哔哩, 今日头条, "
        "快手) and not a feed; give `feed:` or `platform:`"
    )


def is_private_host(url: str) -> bool:
    """Does the URL point at a loopback, private, link-local or reserved address (or a name
    that resolves to one)? Unresolvable names are not private: the fetch fails on its own."""
    host = urlsplit(url).hostname or ""
    if not host:
        return False
    if host.lower() in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        addresses = {ipaddress.ip_address(host)}
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False
        addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}
    return any(
        a.is_loopback or a.is_private or a.is_link_local or a.is_reserved or a.is_unspecified
        for a in addresses
    )


_NAME_SUFFIXES = (
    "微信公众号", "微信公众平台", "公众号", "微博号", "官方微博", "微博", "抖音号", "官方抖音",
    "抖音", "微信小程序", "小程序", "头条号", "快手号", "视频号", "哔哩哔哩", "b站", "官方账号",
)  # fmt: skip


def bare_name(name: str) -> str:
    """大姚警方微信公众号 → 大姚警方: a registry name without the platform words staff add."""
    text = re.sub(r"\s+", "", name).lower()
    changed = True
    while changed:
        changed = False
        for suffix in _NAME_SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
    return text


SECRET_NAMES = ("GOVWATCH_WECHAT_TOKEN", "GOVWATCH_WECHAT_COOKIE", "GOVWATCH_WEIBO_COOKIE")


def load_secrets(secrets_file: str | None, environ: dict[str, str] | None = None) -> dict[str, str]:
    """Credentials from the environment, else from a 0600 file of NAME=value lines
    (`newmedia.secrets_file` or $GOVWATCH_SECRETS). Never from govwatch.yaml, never logged.
    One loader for every secret: core/secrets.py."""
    return read_secrets(secrets_file, SECRET_NAMES, environ)


_TOKEN_IN_URL = re.compile(r"(?i)(token|cookie|key|sign|w_rid|signature)=([^&\s'\"]+)")


def redact(text: str, secrets: dict[str, str] | None = None) -> str:
    """Text fit for logs and stored details: credential values and URL tokens masked."""
    for value in (secrets or {}).values():
        if value and len(value) >= 4:
            text = text.replace(value, "***")
    return _TOKEN_IN_URL.sub(r"\1=***", text)
