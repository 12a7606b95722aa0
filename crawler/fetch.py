"""Fetch one page outside a crawl (for `govwatch extract`), with the crawl's failure types."""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from pathlib import Path

from crawler.errors import (
    ConnectionFailed,
    DnsFailed,
    EmptyPage,
    FetchTimeout,
    HttpStatusError,
    PageDecodeError,
)
from crawler.settings import DEFAULTS
from spiders.encoding import DecodeError
from spiders.page import Page


def fetch_page(
    target: str, *, url: str | None = None, content_type: str | None = None, timeout: float = 30
) -> Page:
    """A Page from an http(s) URL or a saved file (raw bytes; charset from content_type/meta)."""
    if target.startswith(("http://", "https://")):
        body, content_type = _download(target, timeout)
        url = url or target
    else:
        path = Path(target)
        try:
            body = path.read_bytes()
        except FileNotFoundError:
            raise FileNotFoundError(f"{target}: no such file") from None
        except IsADirectoryError:
            raise IsADirectoryError(f"{target}: is a folder, not a saved page") from None
        url = url or path.resolve().as_uri()
    if not body.strip():
        raise EmptyPage(f"{target}: the page is empty")
    try:
        return Page.from_bytes(url, body, content_type)
    except DecodeError as exc:
        raise PageDecodeError(f"{target}: {exc}") from None


def _download(url: str, timeout: float) -> tuple[bytes, str | None]:
    request = urllib.request.Request(url, headers={"User-Agent": DEFAULTS["USER_AGENT"]})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(), response.headers.get("Content-Type")
    except http.client.HTTPException as exc:  # IncompleteRead, RemoteDisconnected …
        raise ConnectionFailed(f"{url}: {type(exc).__name__}: {exc}") from None
    except urllib.error.HTTPError as exc:
        raise HttpStatusError(f"{url}: HTTP {exc.code}", exc.code) from None
    except TimeoutError:
        raise FetchTimeout(f"{url}: no answer within {timeout:g} s") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, socket.gaierror):
            raise DnsFailed(f"{url}: cannot resolve host ({exc.reason})") from None
        if isinstance(exc.reason, TimeoutError):
            raise FetchTimeout(f"{url}: no answer within {timeout:g} s") from None
        raise ConnectionFailed(f"{url}: {exc.reason}") from None
    except OSError as exc:  # connection reset in the middle of the body
        raise ConnectionFailed(f"{url}: {exc}") from None
