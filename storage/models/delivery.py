"""Delivery of the digest: one row per digest and channel, with its attempts and outcome.

A channel is kept by name only; its URL (a secret) is never stored. `error` is redacted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BeijingDateTime


class Delivery(Base):
    __tablename__ = "delivery"
    __table_args__ = (Index("ix_delivery_channel_created", "channel", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("digest.id"))
    channel: Mapped[str] = mapped_column(String(40))
    # held (quiet hours) | sent | failed | skipped (nothing new, or a newer digest came)
    status: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    # what the message said: counts, the units it covered, whether it was "无新增问题"
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
