"""Map Twisted, Scrapy and Playwright exceptions onto the named failures of core.failures."""

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

from core.failures import (
    ConnectionFailed,
    DnsFailed,
    FetchFailure,
    FetchTimeout,
    HttpStatusError,
    PageDecodeError,
    RobotsForbidden,
)
from spiders.encoding import DecodeError


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
