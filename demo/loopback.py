"""A quiet threaded HTTP server on 127.0.0.1 for the demo county and the tests.

Whatever stands behind it (the demo site, a test's routes, a platform replay) is one function
from a request to a Resource. Requests are recorded in memory instead of logged, and any path
can be made to fail on demand (failure injection for tests and the benchmark).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

# request headers kept in the log (what tests want to see the crawler send)
_LOGGED_HEADERS = ("User-Agent", "X-Requested-With", "Referer", "Content-Type", "Cookie")


@dataclass(frozen=True)
class Resource:
    """One answer: status, body and headers; `delay` seconds pass before it is sent.

    For failure injection: `truncate_at` sends the full Content-Length but only that many
    bytes, then hangs up; `stream` sends chunks of `body` without end (up to `stream_limit`
    bytes, so a test server never runs away either)."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    location: str | None = None  # for redirects
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    truncate_at: int | None = None
    stream: bool = False
    stream_limit: int = 256 * 1024 * 1024
    stream_pause: float = 0.001  # seconds between chunks: a trickle, or a flood


@dataclass(frozen=True)
class RequestRecord:
    method: str
    target: str  # path with query
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


Responder = Callable[[str, str, bytes], Resource]  # (method, target, body) → answer


def error_page(status: int, text: str = "") -> Resource:
    words = text or {404: "页面不存在", 405: "方法不允许", 400: "请求错误"}.get(
        status, "服务器错误"
    )
    html = f"<html><body><h1>{status}</h1><p>{words}</p></body></html>"
    return Resource(html.encode("utf-8"), status=status)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: LoopbackServer

    def handle_error(self, request: object, client_address: object) -> None:
        # a client that hangs up mid-answer is normal for a crawler; stay quiet
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    timeout = 30  # idle keep-alive connections close after this
    # headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and
    # delayed ACKs add ~40 ms to every keep-alive response
    disable_nagle_algorithm = True
    server_version = "nginx"
    sys_version = ""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_POST(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        owner = self.server.owner
        target = request_target(self.path)
        resource = owner.answer(self.command, target, body)
        headers = {k: v for k in _LOGGED_HEADERS if (v := self.headers.get(k)) is not None}
        owner.record(RequestRecord(self.command, target, resource.status, headers, body))
        if resource.delay and owner.pause(resource.delay):
            return  # the server is stopping: a hanging answer ends with it
        try:
            self.send_response(resource.status)
            self.send_header("Content-Type", resource.content_type)
            if not resource.stream:
                self.send_header("Content-Length", str(len(resource.body)))
            if resource.location:
                self.send_header("Location", resource.location)
            for name, value in resource.headers:
                self.send_header(name, value)
            if resource.stream or resource.truncate_at is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            if not send_body:
                return
            if resource.stream:
                self._stream(resource)
            elif resource.truncate_at is not None:
                self.wfile.write(resource.body[: resource.truncate_at])
                self.wfile.flush()
                self.close_connection = True
            else:
                self.wfile.write(resource.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _stream(self, resource: Resource) -> None:
        """A body that never ends (until the client hangs up or the limit is reached)."""
        chunk = resource.body or b"<p>" + b"x" * 65529 + b"</p>"
        sent = 0
        while sent < resource.stream_limit and not self.server.owner.stopping:
            self.wfile.write(chunk)
            self.wfile.flush()
            sent += len(chunk)
            time.sleep(resource.stream_pause)
        self.close_connection = True


def request_target(raw: str) -> str:
    """`/path?q` from a request line (which may carry an absolute URL)."""
    parts = urlsplit(raw)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


class LoopbackServer:
    """`with LoopbackServer(respond) as server:` serves at server.base_url until the block ends."""

    def __init__(self, respond: Responder, host: str = "127.0.0.1", port: int = 0) -> None:
        self.respond = respond
        self._host = host
        self._port = port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._failures: list[tuple[str, int]] = []
        self.request_log: list[RequestRecord] = []
        self.stopping = False  # streaming answers end when the server stops

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> Self:
        if self._httpd is not None:
            return self
        httpd = _Server((self._host, self._port), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self.stopping = False
        self._stopped.clear()
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name="govwatch-loopback-server",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping = True
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._stopped.set()

    def pause(self, seconds: float) -> bool:
        """Sleep up to `seconds`; True when the server stopped meanwhile."""
        return self._stopped.wait(seconds)

    def wait(self) -> None:
        """Block until stop() is called from elsewhere (or Ctrl-C)."""
        while not self._stopped.wait(0.5):
            pass

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- facts --------------------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        return int(self._httpd.server_address[1])

    @property
    def host_port(self) -> str:
        return f"{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.host_port}/"

    url = base_url

    @property
    def requests(self) -> int:
        """How many requests were answered so far."""
        return len(self.request_log)

    def hits(self) -> list[str]:
        """The path (without query) of every request answered so far, in order."""
        return [urlsplit(r.target).path for r in self.request_log]

    def reset_log(self) -> None:
        with self._lock:
            self.request_log = []

    def record(self, entry: RequestRecord) -> None:
        with self._lock:
            self.request_log.append(entry)

    # -- failure injection --------------------------------------------------------------------
    def fail(self, path_prefix: str, status: int = 500) -> None:
        """From now on answer `status` to every request whose path starts with path_prefix."""
        if "://" in path_prefix:  # a whole URL of this server: keep its path (and query)
            path_prefix = request_target(path_prefix)
        elif not path_prefix.startswith("/"):
            path_prefix = "/" + path_prefix
        with self._lock:
            self._failures = [(p, s) for p, s in self._failures if p != path_prefix]
            self._failures.append((path_prefix, status))

    def restore(self, path_prefix: str | None = None) -> None:
        """Stop failing path_prefix (or every prefix)."""
        with self._lock:
            self._failures = [
                (p, s) for p, s in self._failures if path_prefix is not None and p != path_prefix
            ]

    def answer(self, method: str, target: str, body: bytes = b"") -> Resource:
        for prefix, status in self._failures:
            if target.startswith(prefix):
                return error_page(status, "服务器内部错误")
        return self.respond(method, target, body)
