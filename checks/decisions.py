"""Staff's decisions on findings: confirm (a real problem) or dismiss (a false alarm, which
never reopens), each recorded with who and when; the words of dismissed text issues, which
the text checker accepts from then on; and the one query `govwatch findings` lists with."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.vocab import FindingStatus
from storage.models import Finding

STATUS_CHOICES = ("open", "corrected", "overdue", "dismissed", "all")
_LEVEL_ORDER = {"veto": 0, "warning": 1, "info": 2}


class DecisionError(ValueError):
    """A decision that cannot be made (unknown id, …); the message says why."""


def _get(session: Session, finding_id: int) -> Finding:
    row = session.get(Finding, finding_id)
    if row is None:
        raise DecisionError(
            f"no finding with id {finding_id} (see `govwatch findings --status all`)"
        )
    return row


def dismiss(session: Session, finding_id: int, reason: str, by: str, at: datetime) -> Finding:
    """A false alarm: dismissed for good (the same fingerprint never reopens)."""
    if not reason.strip():
        raise DecisionError("--reason must say why this is a false alarm")
    row = _get(session, finding_id)
    row.status = FindingStatus.dismissed
    row.decision, row.decided_by, row.decided_at = "dismissed", by, at
    row.decision_reason = reason.strip()
    return row


def confirm(session: Session, finding_id: int, by: str, at: datetime, reason: str = "") -> Finding:
    """A real problem. Confirming a dismissed finding takes the dismissal back (it is open
    again until a complete check finds it gone)."""
    row = _get(session, finding_id)
    if row.status == FindingStatus.dismissed:
        row.status = FindingStatus.open
    row.decision, row.decided_by, row.decided_at = "confirmed", by, at
    row.decision_reason = reason.strip() or None
    return row


def accepted_words(session: Session, site_id: int | None = None) -> list[str]:
    """What staff said is not an error: the word of every dismissed text_issue (the written
    word the rule judged, e.g. 反电诈 — not the one character it would change).

    For the text checker (build_checker(..., accepted_words=...)): these words are accepted
    from the next check on, so the same false alarm is not raised on other pages either."""
    query = select(Finding.evidence).where(
        Finding.kind == "text_issue", Finding.status == FindingStatus.dismissed
    )
    if site_id is not None:
        query = query.where(Finding.site_id == site_id)
    words = (str(e.get("word") or e.get("found") or "").strip() for e in session.scalars(query))
    return sorted({w for w in words if w})


def list_findings(
    session: Session,
    site_id: int | None,
    *,
    status: str = "open",
    kinds: Iterable[str] = (),
    unit: str | None = None,
) -> list[Finding]:
    """Findings of a site: `status` open (open and overdue), corrected, overdue, dismissed or
    all; veto first, then by unit and first seen."""
    if status not in STATUS_CHOICES:
        raise DecisionError(f"--status {status!r}: choose one of {', '.join(STATUS_CHOICES)}")
    query = select(Finding).where(Finding.site_id == site_id)
    if status == "open":
        query = query.where(Finding.status.in_((FindingStatus.open, FindingStatus.overdue)))
    elif status != "all":
        query = query.where(Finding.status == status)
    kinds = tuple(kinds)
    if kinds:
        query = query.where(Finding.kind.in_(kinds))
    if unit:
        query = query.where(Finding.unit == unit)
    rows = list(session.scalars(query))
    rows.sort(key=lambda f: (_LEVEL_ORDER.get(f.level, 3), f.unit or "", f.first_seen, f.id))
    return rows
