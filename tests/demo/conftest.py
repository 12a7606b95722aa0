"""Fixtures for the demo-site tests: one built site and one running server per session.

Tests that change a site (add_articles) build their own, so the shared one stays as built.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from demo import DemoServer, DemoSite, build_site


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class Client:
    """A keep-alive HTTP client for one demo server (fast enough to fetch every page)."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=10)

    def request(
        self,
        target: str,
        method: str = "GET",
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        for attempt in (1, 2):
            try:
                self.conn.request(method, target, body=body, headers=headers or {})
                raw = self.conn.getresponse()
                data = raw.read()
                return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data)
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.conn.close()


@pytest.fixture(scope="session")
def demo_site() -> DemoSite:
    return build_site()


@pytest.fixture(scope="session")
def demo_server(demo_site: DemoSite) -> Iterator[DemoServer]:
    with DemoServer(demo_site) as server:
        yield server


@pytest.fixture
def client(demo_server: DemoServer) -> Iterator[Client]:
    c = Client(demo_server.base_url)
    yield c
    c.close()


@pytest.fixture
def make_client() -> Iterator[Callable[[str], Client]]:
    """A client for another server (tests that start their own)."""
    made: list[Client] = []

    def make(base_url: str) -> Client:
        made.append(Client(base_url))
        return made[-1]

    yield make
    for c in made:
        c.close()
