"""Findings: every problem a check reports, tracked from first seen to corrected.

One row per problem: the same problem seen on the next run is the same row (same
fingerprint) with a new last_seen, never a duplicate.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BeijingDateTime


class Finding(Base):
    __tablename__ = "finding"
    __table_args__ = (
        UniqueConstraint("site_id", "fingerprint"),
        Index("ix_finding_site_status", "site_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    # a check's kind: zero_news, stale_column, text_issue … (exact strings, see checks/)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    # core.vocab.Level: info | warning | veto
    level: Mapped[str] = mapped_column(String(10))
    # sha1 of kind, place and key: what makes "the same problem" across runs
    fingerprint: Mapped[str] = mapped_column(String(40))
    # what must be checked completely before this can be said or closed ("column:12", …)
    place: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(200))  # responsible unit (config name)
    column: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)  # a short Chinese sentence staff understand
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_seen: Mapped[datetime] = mapped_column(BeijingDateTime)
    last_seen: Mapped[datetime] = mapped_column(BeijingDateTime)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    # core.vocab.FindingStatus: open | corrected | overdue | dismissed
    status: Mapped[str] = mapped_column(String(12), default="open")
    corrected_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    # end of the correction period (None: a kind with no deadline, e.g. zero_news)
    deadline: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    # staff's decision: confirmed | dismissed, by whom, when, why
    decision: Mapped[str | None] = mapped_column(String(12))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    decision_reason: Mapped[str | None] = mapped_column(Text)
