"""Delivering a stored digest to the configured channels, one row per digest and channel.

The digest is built and stored first (govwatch/jobs/digest.py); this only reads it. During
quiet hours a delivery is `held` and the scheduler's `deliver` job sends the newest held
digest of each channel when they end. A channel whose last delivery failed is named in the
next message (推送异常) and by `govwatch status`.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.notify import compose, send
from core.config import Config
from core.cron import in_quiet_hours, quiet_hours
from core.periods import now
from core.secrets import channel_urls
from storage.db import transaction
from storage.models import Delivery, DigestRecord

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryReport:
    channel: str
    status: str  # sent | failed | held | skipped (sending while it is tried)
    attempts: int = 0
    error: str | None = None


def secrets_file(config: Config) -> str | None:
    return config.delivery.secrets_file or config.newmedia.secrets_file


def deliver_digest(
    sessions: sessionmaker[Session],
    config: Config,
    digest_id: int,
    *,
    stop: threading.Event | None = None,
    ignore_quiet_hours: bool = False,
) -> list[DeliveryReport]:
    """Send the stored digest to every channel (or hold it during quiet hours)."""
    channels = config.delivery.channels
    if not channels:
        logger.info("no delivery channels configured: the digest stays in the database")
        return []
    with sessions() as session:
        record = session.get_one(DigestRecord, digest_id)
        site_id = record.site_id
    span = quiet_hours(config.delivery.quiet_hours) if config.delivery.quiet_hours else None
    if span and not ignore_quiet_hours and in_quiet_hours(now(), span, config.schedule.timezone):
        with transaction(sessions) as session:
            for channel in channels:
                session.add(
                    Delivery(
                        site_id=site_id,
                        digest_id=digest_id,
                        channel=channel.name,
                        status="held",
                        created_at=now(),
                        summary={},
                    )
                )
        logger.info("quiet hours: the digest is held until %s", config.delivery.quiet_hours)
        return [DeliveryReport(c.name, "held") for c in channels]
    rows = {}
    with transaction(sessions) as session:
        for channel in channels:
            row = Delivery(
                site_id=site_id,
                digest_id=digest_id,
                channel=channel.name,
                status="sending",  # a crash here leaves it visible in `govwatch status`
                created_at=now(),
                summary={},
            )
            session.add(row)
            session.flush()
            rows[channel.name] = row.id
    return [_send_row(sessions, config, rows[c.name], stop) for c in channels]


def deliver_held(
    sessions: sessionmaker[Session], config: Config, *, stop: threading.Event | None = None
) -> list[DeliveryReport]:
    """After quiet hours: the newest held digest of each channel; older ones are skipped."""
    reports = []
    with transaction(sessions) as session:
        held = list(
            session.scalars(
                select(Delivery).where(Delivery.status == "held").order_by(Delivery.id.desc())
            )
        )
        newest: dict[str, int] = {}
        for row in held:
            if row.channel in newest:
                row.status, row.error = "skipped", "已有更新的日报"
            else:
                newest[row.channel] = row.id
    configured = {c.name for c in config.delivery.channels}
    for channel, row_id in newest.items():
        if channel in configured:
            reports.append(_send_row(sessions, config, row_id, stop))
    return reports


def _send_row(
    sessions: sessionmaker[Session], config: Config, row_id: int, stop: threading.Event | None
) -> DeliveryReport:
    with sessions() as session:
        row = session.get_one(Delivery, row_id)
        name, digest_id = row.channel, row.digest_id
        record = session.get_one(DigestRecord, digest_id)
        data, generated = record.data, record.generated_at
        problems = failed_channels(session, before=row_id)
    channel = next(c for c in config.delivery.channels if c.name == name)
    if channel.units:  # a unit's channel hears only of its own failure
        problems = [p for p in problems if p["channel"] == name]
    message = compose(
        data, units=channel.units, problems=problems, max_items=config.delivery.max_items
    )
    url = channel_urls([name], secrets_file(config)).get(name)
    if message.nothing_new and not config.delivery.nothing_new:
        report = DeliveryReport(name, "skipped", 0, "无新增问题（已配置不推送）")
    elif not url:
        report = DeliveryReport(
            name, "failed", 0, f"未配置：环境变量或密钥文件中没有 {channel.variable}"
        )
    else:
        outcome = send(
            url,
            message,
            retries=config.delivery.retries,
            backoff=config.delivery.backoff_seconds,
            stop=stop,
            # ASCII: apprise writes the name raw, and mail readers mangle raw UTF-8 there
            attachment_name=f"govwatch-digest-{generated:%Y%m%d}.html",
            channel=name,
        )
        status = "sent" if outcome.ok else "failed"
        report = DeliveryReport(name, status, outcome.attempts, outcome.error)
    with transaction(sessions) as session:
        row = session.get_one(Delivery, row_id)
        row.status, row.attempts, row.error = report.status, report.attempts, report.error
        row.summary = message.summary
        row.last_attempt_at = now() if report.attempts else None
        row.sent_at = now() if report.status == "sent" else None
    log = logger.info if report.status != "failed" else logger.error
    log(
        "channel %s: %s after %d attempt(s)%s",
        name, report.status, report.attempts, f": {report.error}" if report.error else "",
    )  # fmt: skip
    return report


def failed_channels(session: Session, before: int | None = None) -> list[dict[str, Any]]:
    """Channels whose latest finished delivery failed: {"channel", "at", "attempts", "error"}."""
    query = select(Delivery).where(Delivery.status.in_(("sent", "failed")))
    if before is not None:
        query = query.where(Delivery.id < before)
    latest: dict[str, Delivery] = {}
    for row in session.scalars(query.order_by(Delivery.id)):
        latest[row.channel] = row
    return [
        {
            "channel": row.channel,
            "at": row.last_attempt_at or row.created_at,
            "attempts": row.attempts,
            "error": row.error,
        }
        for row in latest.values()
        if row.status == "failed"
    ]


def latest_digest(session: Session, run_id: int | None = None) -> int | None:
    query = select(DigestRecord.id).order_by(DigestRecord.id.desc()).limit(1)
    if run_id is not None:
        query = query.where(DigestRecord.run_id == run_id)
    return session.scalar(query)


def last_deliveries(session: Session) -> dict[str, Delivery]:
    """Each channel's newest delivery row (for `govwatch status`)."""
    latest: dict[str, Delivery] = {}
    for row in session.scalars(select(Delivery).order_by(Delivery.id)):
        latest[row.channel] = row
    return latest
