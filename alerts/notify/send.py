"""Sending one message to one channel through apprise, with bounded retries and back-off.

apprise logs on its own logger, and some services' debug lines carry the robot token or the
full webhook URL (so do urllib3's request lines): while we send, a Redactor on each of those
loggers masks every fragment of the channel's URL, and the failure reason we keep is built
from the masked records only.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from alerts.notify.compose import Message, channel_kind
from core.secrets import Redactor

logger = logging.getLogger(__name__)
_APPRISE_LOGGER = "apprise"
# libraries whose debug lines print request lines ("POST /hook/<token>") while apprise sends
_TRANSPORT_LOGGERS = ("apprise", "urllib3", "requests", "smtplib")
_MAX_REASON = 300


@dataclass(frozen=True)
class Outcome:
    ok: bool
    attempts: int
    error: str | None  # redacted; never the URL


class _Reasons(logging.Handler):
    """Keeps apprise's warnings (already masked by the Redactor filter) as the reason."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def send(
    url: str,
    message: Message,
    *,
    retries: int = 3,
    backoff: float = 30.0,
    stop: threading.Event | None = None,
    attachment_name: str = "digest.html",
    channel: str = "",
) -> Outcome:
    """1 + `retries` attempts, waiting `backoff` seconds and doubling; a stop event (SIGTERM)
    ends the waiting at once."""
    import apprise  # loads ~200 plugins: only when something is sent

    kind = channel_kind(url)
    redactor = Redactor([url])
    reasons = _Reasons()
    source = logging.getLogger(_APPRISE_LOGGER)
    # a filter acts only on records made by its own logger, not on its children's
    masked = [logging.getLogger(n) for n in _logger_names()]
    for each in masked:
        each.addFilter(redactor)
    source.addHandler(reasons)
    try:
        service = apprise.Apprise()
        if not service.add(url):
            return Outcome(False, 0, "渠道地址无法识别（不是 apprise 支持的 URL）")
        with tempfile.TemporaryDirectory(prefix="govwatch-notify-") as folder:
            attach = None
            if kind == "email":
                path = Path(folder) / attachment_name
                path.write_text(message.attachment, encoding="utf-8")
                attach = str(path)
            body_format = apprise.NotifyFormat.HTML if kind == "email" else (
                apprise.NotifyFormat.MARKDOWN if kind == "dingtalk" else apprise.NotifyFormat.TEXT
            )  # fmt: skip
            delay = backoff
            attempts = 0
            for attempts in range(1, retries + 2):
                reasons.lines.clear()
                try:
                    # one Apprise object across attempts: its email plugin skips recipients
                    # that already accepted the message, so a retry never mails twice
                    ok = service.notify(
                        body=message.body_for(kind),
                        title=message.title,
                        body_format=body_format,
                        attach=attach,
                    )
                except Exception as exc:  # a plugin's own bug must not end the run
                    ok = False
                    reasons.lines.append(redactor(f"{type(exc).__name__}: {exc}"))
                if ok:
                    return Outcome(True, attempts, None)
                reason = _reason(reasons.lines)
                logger.warning(
                    "channel %s: attempt %d of %d failed: %s",
                    channel, attempts, retries + 1, reason,
                )  # fmt: skip
                if attempts <= retries:
                    if stop is not None:
                        if stop.wait(delay):
                            break
                    else:
                        time.sleep(delay)
                    delay *= 2
            return Outcome(False, attempts, _reason(reasons.lines))
    finally:
        source.removeHandler(reasons)
        for each in masked:
            each.removeFilter(redactor)


def _logger_names() -> list[str]:
    known = list(logging.Logger.manager.loggerDict)
    return [
        name
        for name in known
        if any(name == root or name.startswith(root + ".") for root in _TRANSPORT_LOGGERS)
    ] + [root for root in _TRANSPORT_LOGGERS if root not in known]


def _reason(lines: list[str]) -> str:
    text = "；".join(dict.fromkeys(line.strip() for line in lines if line.strip()))
    return (text or "发送失败，服务未说明原因")[:_MAX_REASON]
