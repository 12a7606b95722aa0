"""Real local services for the nightly-operation tests: a small county portal, an SMTP server
(aiosmtpd, with AUTH so a password is at stake) and a webhook receiver, all on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from demo.loopback import LoopbackServer, Resource
from tests.httpserver import LocalSite

SMTP_USER = "gw-mailer"
SMTP_PASSWORD = "Mail-Pw-7f3kq9zzT"
ROBOT_TOKEN = "robotToken9a8b7c6d5e4f"
EDU_TOKEN = "eduRobotKey0z9y8x7w6v"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Mailbox:
    """aiosmtpd on 127.0.0.1 that accepts only SMTP_USER / SMTP_PASSWORD."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.port = free_port()

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any):
            ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
                SMTP_USER.encode(),
                SMTP_PASSWORD.encode(),
            )
            return AuthResult(success=ok)

        self.controller = Controller(
            self,
            hostname="127.0.0.1",
            port=self.port,
            authenticator=authenticate,
            auth_require_tls=False,
            auth_required=False,  # apprise logs in all the same: it has a password
        )

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    @property
    def url(self) -> str:
        return (
            f"mailto://{SMTP_USER}:{SMTP_PASSWORD}@127.0.0.1:{self.port}"
            "?from=govwatch@example.org&to=office@example.org&mode=insecure"
        )

    def __enter__(self) -> Mailbox:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


@dataclass
class Hook:
    status: int = 200
    bodies: list[dict[str, Any]] = field(default_factory=list)


class Webhooks(LoopbackServer):
    """Robot webhooks: POST /hook/<token> records the JSON body; answers with the hook's
    status (500 to play a failing robot)."""

    def __init__(self) -> None:
        super().__init__(self._respond)
        self.hooks: dict[str, Hook] = {}
        self.lock = threading.Lock()

    def hook(self, token: str, status: int = 200) -> Hook:
        self.hooks[token] = Hook(status)
        return self.hooks[token]

    def hook_url(self, token: str) -> str:
        return f"json://{self.host_port}/hook/{token}"

    def _respond(self, method: str, target: str, body: bytes) -> Resource:
        token = target.split("?")[0].rsplit("/", 1)[-1]
        hook = self.hooks.get(token)
        if method != "POST" or hook is None:
            return Resource(b"{}", "application/json", 404)
        with self.lock:
            hook.bodies.append(json.loads(body or b"{}"))
        return Resource(b'{"errcode": 0}', "application/json", hook.status)


def county_site(site: LocalSite) -> None:
    """A portal with one news column (fresh items from two units), a 招生计划 column of
    县教育局 that went stale, and an empty 预算公开 column of 县财政局."""
    site.page("/", "<html><body><a href='/xw/'>工作动态</a></body></html>")
    rows = []
    for i, (unit, day) in enumerate([("县教育局", 20), ("县财政局", 25), ("县教育局", 28)]):
        path = f"/xw/202506/t202506{day}_{i}.html"
        rows.append(
            f'<li><a href="{path}">测试县第{i}条工作动态</a><span>2025-06-{day}</span></li>'
        )
        site.page(
            path,
            f"<html><head><meta name='ArticleTitle' content='测试县第{i}条工作动态'>"
            f"<meta name='PubDate' content='2025-06-{day}'>"
            f"<meta name='ContentSource' content='{unit}'></head>"
            f"<body><div class='TRS_Editor'><p>第{i}条正文。</p></div></body></html>",
        )
    site.page("/xw/", f"<html><body><ul class='list'>{''.join(rows)}</ul></body></html>")
    site.page(
        "/zsjh/",
        "<html><body><ul class='list'><li><a href='/zsjh/202301/t20230110_1.html'>"
        "2023年招生计划</a><span>2023-01-10</span></li></ul></body></html>",
    )
    site.page(
        "/zsjh/202301/t20230110_1.html",
        "<html><head><meta name='ArticleTitle' content='2023年招生计划'>"
        "<meta name='PubDate' content='2023-01-10'><meta name='ContentSource' content='县教育局'>"
        "</head><body><div class='TRS_Editor'><p>招生计划正文。</p></div></body></html>",
    )
    site.page("/ysgk/", "<html><body><div class='list'>暂无信息</div></body></html>")


def county_config(
    path: Path, site_url: str, *, schedule: str = "", delivery: str = "", extra: str = ""
) -> Path:
    path.write_text(
        f"""county: 测试县
portal: {{name: 测试县人民政府, start_url: "{site_url}", discover_columns: false}}
columns:
  - {{name: 工作动态, url: "{site_url}xw/", category: news}}
  - {{name: 招生计划, url: "{site_url}zsjh/", category: plan, unit: 县教育局}}
  - {{name: 预算公开, url: "{site_url}ysgk/", category: policy, unit: 县财政局}}
units:
  - {{name: 县教育局}}
  - {{name: 县财政局}}
crawl: {{concurrency_per_site: 2, download_delay: 0, autothrottle: false, retries: 0}}
text_check: {{enabled: false}}
{schedule}
{delivery}
{extra}
""",
        encoding="utf-8",
    )
    return path


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, step: float = 0.05) -> Any:
    """Poll until condition() is truthy (bounded); returns its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"not within {timeout} s: {condition}")
