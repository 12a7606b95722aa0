"""Findings for `govwatch findings`: the listing (read-only) and staff's decisions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.digest import finding_row
from checks.decisions import DecisionError, confirm, dismiss, list_findings
from core.config import Config
from core.periods import now
from storage.db import make_engine, require_current, session_factory, transaction
from storage.models import Finding, Site


def _site_id(session: Session, config: Config) -> int | None:
    return session.scalar(select(Site.id).where(Site.start_url == config.portal.start_url))


def list_rows(
    config: Config, db_url: str, *, status: str, kinds: Iterable[str], unit: str | None
) -> list[dict[str, Any]]:
    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            rows = list_findings(
                session, _site_id(session, config), status=status, kinds=kinds, unit=unit
            )
            return [finding_row(f) for f in rows]
    finally:
        engine.dispose()


def decide(
    config: Config, db_url: str, finding_id: int, action: str, by: str, reason: str = ""
) -> dict[str, Any]:
    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            site_id = _site_id(session, config)
            found = session.get(Finding, finding_id)
            if found is None or found.site_id != site_id:
                raise DecisionError(
                    f"no finding with id {finding_id} for {config.portal.name} "
                    "(see `govwatch findings --status all`)"
                )
            if action == "dismiss":
                row = dismiss(session, finding_id, reason, by, now())
            else:
                row = confirm(session, finding_id, by, now(), reason)
            return finding_row(row)
    finally:
        engine.dispose()
