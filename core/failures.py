"""Named fetch failures: one vocabulary (code + Chinese label) from spider to report.

Each becomes a FetchFailureItem in the crawl, a FetchFailureRecord row, and a "采集失败" line
with its label — never "no update". The classification follows changedetection.io's typed
fetch errors: a user must see *why* a page could not be read (the site was down, blocked us,
sent an empty page …). spiders/failures.py maps Twisted, Scrapy and Playwright exceptions
onto these types.
"""

from __future__ import annotations


class FetchFailure(Exception):
    """Base of every named fetch failure; `code` is stored, `label` is shown to staff."""

    code = "other"
    label = "其他错误"

    def __init__(self, detail: str = "", status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status


class Blocked(FetchFailure):
    """A captcha, slider, 安全验证 or bot-protection page instead of the page (HTTP 432, a WAF's
    403, or a 200 whose content is a verification page)."""

    code, label = "blocked", "访问验证/WAF拦截"


class RateLimited(FetchFailure):
    """429, or 503 with Retry-After: the site asks us to come back later."""

    code, label = "rate_limited", "频率限制"


class CredentialsExpired(FetchFailure):
    """A login, session or token the office supplied no longer works."""

    code, label = "credentials", "凭据失效"


class FetchTimeout(FetchFailure):
    code, label = "timeout", "访问超时"


class ConnectionFailed(FetchFailure):
    code, label = "connection", "无法连接"


class DnsFailed(FetchFailure):
    code, label = "dns", "域名解析失败"


class TlsError(FetchFailure):
    code, label = "tls", "证书错误"


class NotFound(FetchFailure):
    code, label = "not_found", "页面不存在"


class RobotsForbidden(FetchFailure):
    code, label = "robots", "robots.txt禁止访问"


class RedirectLoop(FetchFailure):
    code, label = "redirect_loop", "重定向循环"


class TooLarge(FetchFailure):
    code, label = "too_large", "页面过大"


class Truncated(FetchFailure):
    """The connection closed before the announced body was complete."""

    code, label = "truncated", "响应不完整"


class TemplateChanged(FetchFailure):
    """The page came back but no longer reads as it used to (a list that yielded entries yields
    none or far fewer, a pager vanished, titles or dates can no longer be found): the portal
    changed its template. Its column is incomplete until the pages read again."""

    code, label = "template_changed", "模板变化"


class LocalNetwork(FetchFailure):
    """The request never left this machine: no route to the address (the kernel says so) or
    no DNS resolver configured. Says nothing about the site; availability probes skip it."""

    code, label = "local_network", "本机网络不可用"


class HttpStatusError(FetchFailure):
    code, label = "http_status", "HTTP错误"


class PageDecodeError(FetchFailure):
    code, label = "decode", "编码无法识别"


class EmptyPage(FetchFailure):
    code, label = "empty_page", "空白页面"


class ExtractError(FetchFailure):
    """The page came back but reading it raised an error (a bug, or a very odd page)."""

    code, label = "extract_error", "页面解析出错"


FAILURE_TYPES: dict[str, type[FetchFailure]] = {
    cls.code: cls
    for cls in (
        FetchFailure, Blocked, RateLimited, CredentialsExpired, FetchTimeout, ConnectionFailed,
        DnsFailed, TlsError, NotFound, RobotsForbidden, RedirectLoop, TooLarge, Truncated,
        TemplateChanged, HttpStatusError, PageDecodeError, EmptyPage, ExtractError,
        LocalNetwork,
    )
}  # fmt: skip
# codes stored by earlier versions
_RENAMED = {"template": TemplateChanged.code}


def failure_for(code: str) -> type[FetchFailure]:
    """The failure type of a stored code (unknown codes: the generic one)."""
    return FAILURE_TYPES.get(_RENAMED.get(code, code), FetchFailure)


def label_of(code: str) -> str:
    return failure_for(code).label
