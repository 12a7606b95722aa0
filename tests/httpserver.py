"""A test's own small site on 127.0.0.1: answers set per path, served by the demo's loopback
server (so tests and the demo county share one server)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from demo.loopback import LoopbackServer, Resource

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    location: str | None = None  # for redirects


class LocalSite(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(self._respond)
        self.routes: dict[str, Route] = {"/robots.txt": Route(ROBOTS, content_type="text/plain")}

    def page(self, path: str, html: str, **kwargs: object) -> None:
        self.routes[path] = Route(html.encode("utf-8"), **kwargs)  # type: ignore[arg-type]

    def _respond(self, method: str, target: str, body: bytes) -> Resource:
        route = self.routes.get(urlsplit(target).path, Route(b"not found", 404, "text/plain"))
        return replace(
            Resource(route.body, route.content_type, route.status, route.location),
            delay=route.delay,
        )
