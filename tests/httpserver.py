"""A small stoppable HTTP server on 127.0.0.1 whose answers a test sets per path."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    location: str | None = None  # for redirects


class LocalSite:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {
            "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        }
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                site.hits.append(path)
                route = site.routes.get(path, Route(b"not found", 404, "text/plain"))
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    if route.location:
                        self.send_header("Location", route.location)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler gave up waiting (timeout tests)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def page(self, path: str, html: str, **kwargs: object) -> None:
        self.routes[path] = Route(html.encode("utf-8"), **kwargs)  # type: ignore[arg-type]

    def __enter__(self) -> LocalSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
