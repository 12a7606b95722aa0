"""Serve a DemoSite on 127.0.0.1 from a background thread (threaded: the crawler and
Playwright fetch concurrently). Quiet: nothing is logged to stderr; requests are counted and
recorded in memory instead, for tests and the benchmark.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from crawler.demo.render_common import HOST_TOKEN, Resource
from crawler.demo.site import DemoSite

# request headers kept in the log (what tests want to see the crawler send)
_LOGGED_HEADERS = ("User-Agent", "X-Requested-With", "Referer", "Content-Type")


@dataclass(frozen=True)
class RequestRecord:
    method: str
    target: str  # path with query
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    demo: DemoServer

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
        demo = self.server.demo
        target = _target(self.path)
        resource = demo.answer(self.command, target, body)
        headers = {k: v for k in _LOGGED_HEADERS if (v := self.headers.get(k)) is not None}
        demo.record(RequestRecord(self.command, target, resource.status, headers, body))
        payload = resource.body
        if resource.has_host_token:
            payload = payload.replace(HOST_TOKEN.encode(), demo.host_port.encode())
        try:
            self.send_response(resource.status)
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(payload)))
            if resource.location:
                self.send_header("Location", resource.location)
            self.end_headers()
            if send_body:
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def _target(raw: str) -> str:
    """`/path?q` from a request line (which may carry an absolute URL)."""
    parts = urlsplit(raw)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


class DemoServer:
    """`with DemoServer(site) as server:` serves site at server.base_url until the block ends."""

    def __init__(self, site: DemoSite, host: str = "127.0.0.1", port: int = 0) -> None:
        self.site = site
        self._host = host
        self._port = port
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._failures: list[tuple[str, int]] = []
        self.request_log: list[RequestRecord] = []

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> DemoServer:
        if self._httpd is not None:
            return self
        httpd = _Server((self._host, self._port), _Handler)
        httpd.demo = self
        self._httpd = httpd
        self._stopped.clear()
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
            name="govwatch-demo-server",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._stopped.set()

    def wait(self) -> None:
        """Block until stop() is called from elsewhere (or Ctrl-C)."""
        while not self._stopped.wait(0.5):
            pass

    def __enter__(self) -> DemoServer:
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
            raise RuntimeError("the demo server is not running")
        return int(self._httpd.server_address[1])

    @property
    def host_port(self) -> str:
        return f"{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.host_port}/"

    @property
    def requests(self) -> int:
        """How many requests were answered so far."""
        return len(self.request_log)

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
            path_prefix = _target(path_prefix)
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
                text = f"<html><body><h1>{status}</h1><p>服务器内部错误</p></body></html>"
                return Resource(text.encode("utf-8"), "text/html; charset=utf-8", status)
        return self.site.respond(method, target, body)
