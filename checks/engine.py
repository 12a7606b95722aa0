"""Reports become tracked findings: created, refreshed, reopened, corrected, made overdue.

The rules, in one place:
- a draft is stored only when its place was checked completely this run;
- the same fingerprint is the same row: last_seen moves on, first_seen stays;
- an open finding whose place was checked completely and which was not seen again is
  corrected; one whose place was not checked waits (采集失败 never closes anything);
- a corrected finding seen again is open again; a dismissed one stays dismissed for good;
- an open finding past its deadline (working days after first seen) is overdue.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.base import CheckReport, FindingDraft
from core.vocab import FindingStatus
from core.workdays import add_working_days
from storage.models import Finding

logger = logging.getLogger(__name__)

# Working days staff have to correct a finding (govwatch.yaml `findings: deadlines:` changes
# them). 19号 and the bulletin ask typos and privacy leaks to be fixed fastest.
DEFAULT_DEADLINE_DAYS = 10
DEADLINE_DAYS: dict[str, int | None] = {
    "text_issue": 5,
    "privacy_leak": 5,
    # a month without news is a fact of the past, not something to correct by a date
    "zero_news": None,
}
_LIVE = (FindingStatus.open, FindingStatus.overdue)


@dataclass
class Changes:
    created: list[Finding] = field(default_factory=list)
    reopened: list[Finding] = field(default_factory=list)
    corrected: list[Finding] = field(default_factory=list)
    refreshed: int = 0
    dropped: int = 0  # drafts for places that were not checked completely

    def merge(self, other: Changes) -> None:
        self.created += other.created
        self.reopened += other.reopened
        self.corrected += other.corrected
        self.refreshed += other.refreshed
        self.dropped += other.dropped


def deadline_for(
    kind: str, first_seen: datetime, overrides: Mapping[str, int | None]
) -> datetime | None:
    days = overrides.get(kind, DEADLINE_DAYS.get(kind, DEFAULT_DEADLINE_DAYS))
    return None if days is None else add_working_days(first_seen, days)


def apply_report(
    session: Session,
    *,
    site_id: int,
    run_id: int | None,
    kinds: Iterable[str],
    report: CheckReport,
    now: datetime,
    deadlines: Mapping[str, int | None] | None = None,
) -> Changes:
    """Store what one check reported; the caller commits."""
    deadlines = deadlines or {}
    kinds = tuple(kinds)
    changes = Changes()
    existing = {
        f.fingerprint: f
        for f in session.scalars(
            select(Finding).where(Finding.site_id == site_id, Finding.kind.in_(kinds))
        )
    }
    seen: set[str] = set()
    for draft in report.findings:
        if draft.kind not in kinds:
            raise ValueError(f"a check reported kind {draft.kind!r} it does not declare")
        if draft.place not in report.checked:
            # a finding from a place that was not read completely would be a guess
            changes.dropped += 1
            continue
        fingerprint = draft.fingerprint
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        row = existing.get(fingerprint)
        if row is None:
            row = _new(draft, site_id, run_id, now, deadlines)
            session.add(row)
            existing[fingerprint] = row
            changes.created.append(row)
            continue
        _refresh(row, draft, run_id, now)
        if row.status == FindingStatus.corrected:
            row.status, row.corrected_at = FindingStatus.open, None
            row.deadline = deadline_for(row.kind, now, deadlines)
            changes.reopened.append(row)
        else:
            changes.refreshed += 1
    for fingerprint, row in existing.items():
        if fingerprint not in seen and row.status in _LIVE and row.place in report.checked:
            row.status, row.corrected_at = FindingStatus.corrected, now
            changes.corrected.append(row)
    if changes.dropped:
        logger.warning(
            "%d findings dropped: their place was not checked completely", changes.dropped
        )
    session.flush()
    return changes


def mark_overdue(session: Session, site_id: int, now: datetime) -> list[Finding]:
    """Open findings past their deadline become overdue (整改逾期)."""
    late = list(
        session.scalars(
            select(Finding).where(
                Finding.site_id == site_id,
                Finding.status == FindingStatus.open,
                Finding.deadline.is_not(None),
                Finding.deadline < now,
            )
        )
    )
    for row in late:
        row.status = FindingStatus.overdue
    return late


def _new(
    draft: FindingDraft,
    site_id: int,
    run_id: int | None,
    now: datetime,
    deadlines: Mapping[str, int | None],
) -> Finding:
    return Finding(
        site_id=site_id,
        kind=draft.kind,
        level=draft.level,
        fingerprint=draft.fingerprint,
        place=draft.place,
        unit=draft.unit,
        column=draft.column,
        url=draft.url,
        title=draft.title,
        evidence=draft.evidence,
        first_seen=now,
        last_seen=now,
        first_run_id=run_id,
        last_run_id=run_id,
        status=FindingStatus.open,
        deadline=deadline_for(draft.kind, now, deadlines),
    )


def _refresh(row: Finding, draft: FindingDraft, run_id: int | None, now: datetime) -> None:
    """What the latest run saw replaces what an earlier one saw (figures move on)."""
    row.level = draft.level
    row.unit, row.column, row.url = draft.unit, draft.column, draft.url
    row.title, row.evidence = draft.title, draft.evidence
    row.last_seen, row.last_run_id = now, run_id
