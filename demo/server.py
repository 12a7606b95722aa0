"""Serve a DemoSite on 127.0.0.1 from a background thread (threaded: the crawler and
Playwright fetch concurrently)."""

from __future__ import annotations

from demo.loopback import LoopbackServer, RequestRecord, Resource
from demo.render_common import HOST_TOKEN
from demo.site import DemoSite

__all__ = ["DemoServer", "RequestRecord"]


class DemoServer(LoopbackServer):
    """`with DemoServer(site) as server:` serves site at server.base_url until the block ends."""

    def __init__(self, site: DemoSite, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(self._respond, host, port)
        self.site = site

    def _respond(self, method: str, target: str, body: bytes) -> Resource:
        resource = self.site.respond(method, target, body)
        # pages are rendered before the port is known: fill in the host now
        token = HOST_TOKEN.encode()
        if token in resource.body:
            resource = Resource(
                resource.body.replace(token, self.host_port.encode()),
                resource.content_type,
                resource.status,
                resource.location,
                resource.headers,
            )
        return resource
