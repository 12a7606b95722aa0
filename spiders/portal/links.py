"""Link targets of the pages a crawl reads, and what requesting each one means (dead_link).

Every `<a href>`, `<img src>` and attachment link of the home, list and article pages is
recorded with the pages it appears on. A target the crawl reads anyway (a column, a list page,
an article) is judged by that fetch; the others are requested once per run when the crawl is
done (crawler side: spiders/portal/link_requests.py).

The outcome vocabulary keeps a monitor honest: only a 404/410 of the portal itself is `dead`
(确定不可用); timeouts, 5xx, 403 and the like are `suspected` (疑似, a finding only when the next
run sees it too); rate limiting, captchas, robots.txt and an unreachable external host are
`not_checked` — never a dead link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

from w3lib.url import safe_url_string

from core.failures import (
    Blocked,
    ConnectionFailed,
    CredentialsExpired,
    DnsFailed,
    FetchTimeout,
    NotFound,
    RateLimited,
    RobotsForbidden,
    TlsError,
    TooLarge,
    Truncated,
)
from spiders.page import Page, clean

ATTACHMENT_RE = re.compile(r"\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|pptx?|txt|csv)(\?|#|$)", re.I)
# downfile.jsp?filename=x.pdf and similar: the extension sits in the query
_QUERY_FILE_RE = re.compile(r"[?&](file(name)?|path)=[^&]*\.(pdf|docx?|xlsx?|wps|zip|rar)", re.I)
_SKIPPED_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "#", "sms:", "weixin:")

DEAD, SUSPECTED, OK, NOT_CHECKED = "dead", "suspected", "ok", "not_checked"
# what a failed request of an external host means when this machine may have no route there
_UNREACHABLE = {DnsFailed.code, ConnectionFailed.code, FetchTimeout.code, TlsError.code}
_NEVER_DEAD = {
    RateLimited.code: "频率限制（429），不是死链",
    Blocked.code: "返回访问验证页面，未能检查",
    RobotsForbidden.code: "robots.txt不允许访问，未检查",
    CredentialsExpired.code: "需要登录，未检查",
}


@dataclass
class LinkTarget:
    url: str
    tag: str  # a | img | attachment
    internal: bool
    text: str = ""
    pages: list[str] = field(default_factory=list)
    page_count: int = 0
    on_home: bool = False


@dataclass(frozen=True)
class LinkResult:
    outcome: str
    status: int | None = None
    code: str | None = None
    detail: str | None = None


def on_hosts(url: str, domains: list[str]) -> bool:
    """Is the URL's host one of `domains` or below one of them?"""
    host = urlsplit(url).hostname or ""
    return any(host == d or host.endswith("." + d) for d in domains)


def is_attachment(url: str) -> bool:
    path = urlsplit(url).path
    return bool(ATTACHMENT_RE.search(path) or _QUERY_FILE_RE.search(url))


def page_links(page: Page) -> list[tuple[str, str, str]]:
    """(url, tag, text) of every link, image and attachment on the page, in page order."""
    found: list[tuple[str, str, str]] = []
    sel = page.sel
    for node in sel.xpath("//a[@href]"):
        href = (node.attrib.get("href") or "").strip()
        url = _target(page, href)
        if url:
            text = clean(node.attrib.get("title")) or clean(
                " ".join(node.xpath(".//text()").getall())
            )
            found.append((url, "attachment" if is_attachment(url) else "a", text[:200]))
    for node in sel.xpath("//img[@src]"):
        url = _target(page, (node.attrib.get("src") or "").strip())
        if url:
            found.append((url, "img", clean(node.attrib.get("alt"))[:200]))
    return found


def body_links(page: Page, body: Any | None, limit: int = 200) -> list[list[str]]:
    """[url, tag, text] of the links and images inside an article's body (stored with the
    article, so its links are checked even when the run that read it was killed)."""
    if body is None:
        return []
    found: list[list[str]] = []
    for node in body.iter("a", "img"):
        href = node.get("href" if node.tag == "a" else "src") or ""
        url = _target(page, href.strip())
        if url is None:
            continue
        tag = "img" if node.tag == "img" else ("attachment" if is_attachment(url) else "a")
        label = (
            node.get("alt")
            if node.tag == "img"
            else (node.get("title") or "".join(node.itertext()))
        )
        found.append([url, tag, clean(label)[:200]])
        if len(found) >= limit:
            break
    return found


def _target(page: Page, href: str) -> str | None:
    if not href or href.lower().startswith(_SKIPPED_SCHEMES) or "{{" in href or "${" in href:
        return None  # a template placeholder left in the markup is not a link a user follows
    try:
        # as Scrapy will request it (percent-encoded), so the crawl's own fetches match
        url = safe_url_string(urldefrag(page.absolute(href))[0])
        parts = urlsplit(url)
    except ValueError:  # "http://[broken" — nothing a browser would request either
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url


def judge(internal: bool, status: int | None, code: str | None, detail: str = "") -> LinkResult:
    """What one request of a link target tells: its outcome for the dead-link check."""
    # first: a captcha or rate limit answered with HTTP 200 says nothing about the page
    if status == 429 or code in _NEVER_DEAD:
        return LinkResult(NOT_CHECKED, status, code, _NEVER_DEAD.get(code or "", detail))
    if status is not None and 200 <= status < 400:
        return LinkResult(OK, status)
    if code == TooLarge.code:  # the server sends the file; it is only bigger than we read
        return LinkResult(OK, status, code, "文件存在（超过读取上限）")
    if not internal and code in _UNREACHABLE:
        # offline machines, firewalls, foreign DNS: no route is not a dead link
        return LinkResult(NOT_CHECKED, status, code, "无法连接外部网站，未检查")
    if internal and (status in (404, 410) or code == NotFound.code):
        return LinkResult(DEAD, status, code or NotFound.code, detail or f"HTTP {status}")
    if code == Truncated.code and status is None:
        return LinkResult(SUSPECTED, status, code, detail)
    return LinkResult(SUSPECTED, status, code, detail or (f"HTTP {status}" if status else ""))
