"""Map Twisted, Scrapy and Playwright exceptions onto the named failures of core.failures."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.async_api import TimeoutError as PlaywrightTimeout
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
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

from core.failures import (
    Blocked,
    ConnectionFailed,
    CredentialsExpired,
    DnsFailed,
    FetchFailure,
    FetchTimeout,
    HttpStatusError,
    NotFound,
    RateLimited,
    RedirectLoop,
    RobotsForbidden,
    TlsError,
    TooLarge,
    Truncated,
)
from spiders.blocked import blocked_reason


@dataclass(frozen=True)
class Classified:
    code: str
    status: int | None
    detail: str


# Scrapy ≥ 2.19 wraps Twisted's errors in its own; both are listed.
_CONNECTION_ERRORS = (
    DownloadConnectionRefusedError,
    DownloadFailedError,
    ConnectError,
    ConnectionRefusedError,
    ConnectionLost,
    ResponseNeverReceived,
    ResponseFailed,
)
_TIMEOUTS = (DownloadTimeoutError, TimeoutError, TCPTimedOutError, PlaywrightTimeout)
_TLS_WORDS = ("ssl", "certificate", "tls", "handshake")


def classify(failure: Failure | BaseException) -> Classified:
    """Map a Twisted/Scrapy/Playwright failure onto one of the named failure types."""
    exc = failure.value if isinstance(failure, Failure) else failure
    if isinstance(exc, FetchFailure):
        return Classified(exc.code, exc.status, exc.detail)
    if isinstance(exc, HttpError):
        return classify_status(exc.response.status, exc.response)
    if isinstance(exc, _TIMEOUTS):
        return Classified(FetchTimeout.code, None, str(exc) or "timed out")
    if isinstance(exc, DownloadCancelledError):
        # Scrapy cancels a download at DOWNLOAD_MAXSIZE (announced or while streaming)
        return Classified(TooLarge.code, None, str(exc) or "响应超过大小上限，已中止下载")
    if isinstance(exc, ResponseDataLossError):
        return Classified(Truncated.code, None, "连接在响应完整之前关闭")
    if isinstance(exc, (CannotResolveHostError, DNSLookupError)):
        return Classified(DnsFailed.code, None, str(exc))
    if _is_tls(exc):
        return Classified(TlsError.code, None, _short(exc))
    if isinstance(exc, _CONNECTION_ERRORS):
        return Classified(ConnectionFailed.code, None, _short(exc))
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        if "robots" in text:
            return Classified(RobotsForbidden.code, None, str(exc))
        if "redirect" in text:
            return Classified(RedirectLoop.code, None, str(exc))
    return Classified(FetchFailure.code, None, _short(exc))


def classify_status(status: int, response: object | None = None) -> Classified:
    """An HTTP error status, with what the body says where it tells more (a WAF's 403)."""
    detail = f"HTTP {status}"
    if status in (404, 410):
        return Classified(NotFound.code, status, detail)
    if status == 429:
        return Classified(RateLimited.code, status, detail)
    if status == 503 and _header(response, b"Retry-After"):
        return Classified(RateLimited.code, status, f"{detail}（Retry-After）")
    if status == 432:  # used by Chinese cloud WAFs for "verification required"
        return Classified(Blocked.code, status, detail)
    if status in (401, 407):
        return Classified(CredentialsExpired.code, status, detail)
    if status in (403, 405, 412, 418, 444, 460, 468, 493, 567):
        reason = blocked_reason(_body(response))
        if reason:
            return Classified(Blocked.code, status, f"{detail}：{reason}")
    return Classified(HttpStatusError.code, status, detail)


def _header(response: object | None, name: bytes) -> bytes:
    headers = getattr(response, "headers", None)
    return (headers.get(name) or b"") if headers is not None else b""


def _body(response: object | None) -> str:
    body = getattr(response, "body", b"") or b""
    return body[:65536].decode("utf-8", "replace")


def _is_tls(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        name = type(current).__name__.lower()
        if "ssl" in name or "certificate" in name:
            return True
        reasons = getattr(current, "reasons", None)  # twisted's ResponseNeverReceived etc.
        for reason in reasons or ():
            value = getattr(reason, "value", reason)
            if isinstance(value, BaseException) and _is_tls(value):
                return True
        current = current.__cause__ or current.__context__
    text = str(exc).lower()
    return any(word in text for word in _TLS_WORDS)


def _short(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 300 else text[:297] + "..."
