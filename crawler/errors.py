"""Named fetch failures. Each becomes a FetchError row and a "采集失败" line, never "no update".

The classification follows changedetection.io's typed fetch errors: a user must see *why* a
page could not be read (the site was down, blocked us, sent an empty page …).
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import TimeoutError as PlaywrightTimeout
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from spiders.encoding import DecodeError


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


FAILURE_TYPES: dict[str, type[FetchFailure]] = {
    cls.code: cls
    for cls in (
        FetchFailure, FetchTimeout, HttpStatusError, ConnectionFailed, DnsFailed,
        PageDecodeError, EmptyPage, RobotsForbidden,
    )
}  # fmt: skip


def label_of(code: str) -> str:
    return FAILURE_TYPES.get(code, FetchFailure).label


@dataclass(frozen=True)
class Classified:
    code: str
    status: int | None
    detail: str


# Scrapy ≥ 2.19 wraps Twisted's errors in its own; both are listed.
_CONNECTION_ERRORS = (
    DownloadConnectionRefusedError,
    DownloadFailedError,
    ResponseDataLossError,
    ConnectError,
    ConnectionRefusedError,
    ConnectionLost,
    ResponseNeverReceived,
    ResponseFailed,
)


def classify(failure: Failure | BaseException) -> Classified:
    """Map a Twisted/Scrapy/Playwright failure onto one of the named failure types."""
    exc = failure.value if isinstance(failure, Failure) else failure
    if isinstance(exc, FetchFailure):
        return Classified(exc.code, exc.status, exc.detail)
    if isinstance(exc, HttpError):
        status = exc.response.status
        return Classified(HttpStatusError.code, status, f"HTTP {status}")
    if isinstance(exc, (DownloadTimeoutError, TimeoutError, TCPTimedOutError, PlaywrightTimeout)):
        return Classified(FetchTimeout.code, None, str(exc) or "timed out")
    if isinstance(exc, (CannotResolveHostError, DNSLookupError)):
        return Classified(DnsFailed.code, None, str(exc))
    if isinstance(exc, _CONNECTION_ERRORS):
        return Classified(ConnectionFailed.code, None, _short(exc))
    if isinstance(exc, DecodeError):
        return Classified(PageDecodeError.code, None, str(exc))
    if isinstance(exc, IgnoreRequest) and "robots" in str(exc).lower():
        return Classified(RobotsForbidden.code, None, str(exc))
    return Classified(FetchFailure.code, None, _short(exc))


def _short(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 300 else text[:297] + "..."
