"""One availability request: GET a URL once, within a hard deadline, and say what came back.

Availability, not content: a few redirects are followed and only the first bytes of the body
are read. The deadline covers everything a visitor waits for — DNS, connect, TLS, the answer —
and holds even when the resolver hangs: each request runs in its own daemon thread and the
caller stops waiting at the deadline (getaddrinfo cannot be interrupted; a hung thread is left
to end on its own and never delays the process's exit).

What counts as available (the site "opens", 19号): an HTTP answer 2xx or 3xx in time. 4xx and
5xx are unavailable (http_status). A WAF's verification page (HTTP 432, or a 403-like status
whose body is a challenge) and a 429 count as available, recorded with their code: the
portal's own front answered in time and a visitor's browser passes the challenge; it is the
robot that was stopped, not the visitor. A plain 403 without a challenge is unavailable.
Certificate errors are unavailable (tls): a browser refuses to open the page.
"""

from __future__ import annotations

import errno
import http.client
import re
import socket
import ssl
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from core.failures import (
    Blocked,
    ConnectionFailed,
    DnsFailed,
    FetchFailure,
    FetchTimeout,
    HttpStatusError,
    LocalNetwork,
    RateLimited,
    RedirectLoop,
    TlsError,
    Truncated,
)
from spiders.blocked import blocked_reason

MAX_REDIRECTS = 5
BODY_BYTES = 16 * 1024  # enough to recognise a WAF page; the page itself is not judged here
_REDIRECTS = (301, 302, 303, 307, 308)
# statuses a WAF uses for its verification page (spiders/failures.py classify_status)
_WAF_STATUSES = (403, 405, 412, 418, 444, 460, 468, 493, 567)
_STAGES = {
    "dns": "域名解析",
    "connect": "连接",
    "tls": "TLS握手",
    "wait": "服务器应答",
    "body": "页面读取",
}
# words blocked_reason also accepts on a tiny page, but which a plain error page shows too
_PLAIN_ERROR_WORDS = {"Forbidden", "请稍后再试"}
_RESOLV_CONF = Path("/etc/resolv.conf")
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Answer:
    """What requesting one URL gave: `ok` is "the site opened"; `code` a core.failures code
    (also set on an available answer that was a WAF page, for the record)."""

    url: str
    ok: bool
    http_status: int | None = None
    elapsed_ms: int | None = None
    code: str | None = None
    detail: str | None = None


def probe_urls(
    urls: Sequence[str],
    *,
    timeout: float,
    user_agent: str,
    stop: threading.Event | None = None,
) -> list[Answer] | None:
    """Request every URL once, all at the same time; one Answer per URL, in order, within
    `timeout` seconds (plus a moment). None when `stop` was set meanwhile."""
    start = time.monotonic()
    deadline = start + timeout
    slots: list[_Slot] = [_Slot(url) for url in urls]
    threads = [
        threading.Thread(
            target=_run, args=(slot, deadline, user_agent), daemon=True, name="govwatch-probe"
        )
        for slot in slots
    ]
    for thread in threads:
        thread.start()
    # the workers bound their own socket operations by the deadline; this wait bounds what
    # they cannot (a hanging resolver). A short grace lets a worker report its own timeout.
    limit = deadline + 0.5
    for thread in threads:
        while thread.is_alive() and time.monotonic() < limit:
            if stop is not None and stop.is_set():
                return None
            thread.join(timeout=min(0.2, max(0.0, limit - time.monotonic())))
    if stop is not None and stop.is_set():
        return None
    return [slot.answer or slot.overdue(timeout) for slot in slots]


class _Slot:
    """One request's mailbox: the worker sets `stage` as it goes and `answer` at the end."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.stage = "dns"
        self.answer: Answer | None = None

    def overdue(self, timeout: float) -> Answer:
        stage = _STAGES.get(self.stage, self.stage)
        return Answer(
            self.url,
            False,
            elapsed_ms=round(timeout * 1000),
            code=FetchTimeout.code,
            detail=f"{stage}超时，{timeout:g}秒内无应答",
        )


def _run(slot: _Slot, deadline: float, user_agent: str) -> None:
    start = time.monotonic()
    try:
        status, detail, code = _get(slot, deadline, user_agent)
    except FetchFailure as failure:
        elapsed = round((time.monotonic() - start) * 1000)
        slot.answer = Answer(slot.url, False, failure.status, elapsed, failure.code, failure.detail)
        return
    except TimeoutError:  # a TLS handshake that stalls, say
        elapsed = round((time.monotonic() - start) * 1000)
        detail = f"{_STAGES.get(slot.stage, slot.stage)}超时"
        slot.answer = Answer(slot.url, False, None, elapsed, FetchTimeout.code, detail)
        return
    except OSError as exc:  # reset or refused mid-handshake
        elapsed = round((time.monotonic() - start) * 1000)
        detail = _short(exc)
        slot.answer = Answer(slot.url, False, None, elapsed, ConnectionFailed.code, detail)
        return
    except Exception as exc:  # an odd answer must not kill the round: it is recorded
        elapsed = round((time.monotonic() - start) * 1000)
        slot.answer = Answer(slot.url, False, None, elapsed, FetchFailure.code, _short(exc))
        return
    elapsed = round((time.monotonic() - start) * 1000)
    ok = code in (None, Blocked.code, RateLimited.code)
    slot.answer = Answer(slot.url, ok, status, elapsed, code, detail)


def _get(slot: _Slot, deadline: float, user_agent: str) -> tuple[int, str | None, str | None]:
    """(final status, detail, code) after at most MAX_REDIRECTS redirects."""
    url = slot.url
    for _hop in range(MAX_REDIRECTS + 1):
        status, location, body = _request(slot, url, deadline, user_agent)
        if status in _REDIRECTS and location:
            target = urljoin(url, location)
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchFailure(f"重定向到不支持的地址：{target[:200]}", status)
            url = target
            continue
        return _judge(status, body)
    raise RedirectLoop(f"超过{MAX_REDIRECTS}次重定向", status)


def _judge(status: int, body: bytes) -> tuple[int, str | None, str | None]:
    if 200 <= status < 400:
        return status, None, None
    if status == 429:
        return status, "HTTP 429：站点有应答，要求降低访问频率", RateLimited.code
    html = body.decode("utf-8", "replace")
    reason = blocked_reason(_TAGS.sub(" ", html), html) if status in _WAF_STATUSES else None
    if reason and not set(reason.split("、")) - _PLAIN_ERROR_WORDS:
        reason = None  # a bare "403 Forbidden": the visitor is refused too
    if status == 432 or reason:
        why = f"：{reason}" if reason else ""
        return status, f"HTTP {status}{why}（访问验证页面，站点有应答）", Blocked.code
    raise HttpStatusError(f"HTTP {status}", status)


def _request(
    slot: _Slot, url: str, deadline: float, user_agent: str
) -> tuple[int, str | None, bytes]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    secure = parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    slot.stage = "dns"
    sock = _connect(slot, host, port, deadline)
    try:
        if secure:
            slot.stage = "tls"
            sock.settimeout(_remaining(deadline))
            try:
                sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            except ssl.SSLCertVerificationError as exc:
                raise TlsError(f"证书无效：{exc.verify_message or exc}") from None
            except ssl.SSLError as exc:
                raise TlsError(_short(exc)) from None
        slot.stage = "wait"
        conn = http.client.HTTPConnection(host, port, timeout=_remaining(deadline))
        conn.sock = sock  # already connected: the deadline covered DNS and connect
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        default_port = 443 if secure else 80
        headers = {
            "Host": host if port == default_port else f"{host}:{port}",
            "User-Agent": user_agent,
            "Accept": "text/html,*/*;q=0.8",
            "Connection": "close",
        }
        try:
            sock.settimeout(_remaining(deadline))
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            slot.stage = "body"
            sock.settimeout(_remaining(deadline))
            body = response.read(BODY_BYTES)
        except TimeoutError:
            stage = _STAGES[slot.stage]
            raise FetchTimeout(f"{stage}超时") from None
        except http.client.IncompleteRead as exc:
            raise Truncated(f"已收到{len(exc.partial)}字节后连接中断") from None
        except (http.client.HTTPException, ConnectionError) as exc:
            raise ConnectionFailed(_short(exc)) from None
        return response.status, response.getheader("Location"), body
    finally:
        sock.close()


def _connect(slot: _Slot, host: str, port: int, deadline: float) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if _resolver_unusable():
            raise LocalNetwork(f"本机无可用的DNS服务器（{exc.strerror}）") from None
        raise DnsFailed(f"{host}：{exc.strerror}") from None
    slot.stage = "connect"
    errors: list[OSError] = []
    for family, kind, proto, _name, address in infos[:8]:  # every address, as a browser does
        left = _remaining(deadline)
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(left)
            sock.connect(address)
            return sock
        except TimeoutError:
            sock.close()
            raise FetchTimeout(f"{host}:{port} 连接超时") from None
        except OSError as exc:
            sock.close()
            errors.append(exc)
    if errors and all(
        _no_route(e, info[0], info[4]) for e, info in zip(errors, infos, strict=False)
    ):
        raise LocalNetwork(f"本机没有到 {host} 的网络路由（{errors[-1].strerror}）")
    last = errors[-1] if errors else OSError("no address")
    raise ConnectionFailed(f"{host}:{port} {last.strerror or last}")


def _no_route(error: OSError, family: int, address: tuple[object, ...]) -> bool:
    """Did the connection fail because this machine has no route there? ENETUNREACH may also
    come from a router far away (ICMP): asking the kernel for a route with a UDP socket,
    which sends nothing, tells the two apart."""
    if error.errno != errno.ENETUNREACH:
        return False
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect(address)
    except OSError as exc:
        return exc.errno == errno.ENETUNREACH
    return False


def _resolver_unusable() -> bool:
    """No DNS to ask: /etc/resolv.conf names no nameserver, or none is routable. A site whose
    domain does not resolve is its own failure (dns); a machine without DNS is not the site's."""
    try:
        lines = _RESOLV_CONF.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return True
    servers = [
        ln.split()[1] for ln in lines[:200] if ln.startswith("nameserver") and ln.split()[1:]
    ]
    if not servers:
        return True
    for server in servers[:8]:
        family = socket.AF_INET6 if ":" in server else socket.AF_INET
        address = (server.split("%")[0], 53)
        if not _no_route(OSError(errno.ENETUNREACH, "probe"), family, address):
            return False
    return True


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchTimeout("规定时间已到")
    return left


def _short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
