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


class FetchTimeout(FetchFailure):
    code, label = "timeout", "访问超时"


class HttpStatusError(FetchFailure):
    code, label = "http_status", "HTTP错误"


class ConnectionFailed(FetchFailure):
    code, label = "connection", "无法连接"


class DnsFailed(FetchFailure):
    code, label = "dns", "域名解析失败"


class PageDecodeError(FetchFailure):
    code, label = "decode", "编码无法识别"


class EmptyPage(FetchFailure):
    code, label = "empty_page", "空白页面"


class RobotsForbidden(FetchFailure):
    code, label = "robots", "robots.txt禁止访问"


class UnreadableList(FetchFailure):
    """A list page with article links but no entries we can read: the template changed."""

    code, label = "template", "页面结构无法识别"


class ExtractError(FetchFailure):
    """The page came back but reading it raised an error (a bug, or a very odd page)."""

    code, label = "extract_error", "页面解析出错"


FAILURE_TYPES: dict[str, type[FetchFailure]] = {
    cls.code: cls
    for cls in (
        FetchFailure, FetchTimeout, HttpStatusError, ConnectionFailed, DnsFailed,
        PageDecodeError, EmptyPage, RobotsForbidden, UnreadableList, ExtractError,
    )
}  # fmt: skip


def failure_for(code: str) -> type[FetchFailure]:
    """The failure type of a stored code (unknown codes: the generic one)."""
    return FAILURE_TYPES.get(code, FetchFailure)


def label_of(code: str) -> str:
    return failure_for(code).label
