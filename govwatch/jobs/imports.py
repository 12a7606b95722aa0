"""`govwatch import requests|services|hotline FILE`: an office's export into the database.

The whole file is read and validated before the database is touched, and stored in one
transaction, so a bad file changes nothing and a good one is never half-imported. Rows are
matched by their natural key (工单号, 月份, the register entry): the same file imported
twice changes nothing, an updated export updates the rows it changes. After a hotline
import the 12345 checks run, so their findings are there without waiting for a crawl.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from checks.context import CheckContext
from checks.engine import apply_report
from checks.hotline import KINDS as HOTLINE_KINDS
from checks.hotline import HotlineLateSign, HotlineOverdue, HotlineReply, HotlineReturned
from core.config import Config, load_config
from core.periods import Month, now
from govwatch.jobs.run import prepare
from spiders.imports import ImportFile, RequestRecord, ServiceRecord, TicketRecord, read_import
from storage.db import make_engine, session_factory, transaction
from storage.models import Finding, HotlineTicket, ImportBatch, InfoRequest, ServiceMonth

logger = logging.getLogger(__name__)

# a late signature or a ticket closed late is a fact of the past: nothing to correct by a date
NO_DEADLINE: dict[str, int | None] = {
    "hotline_late_sign": None,
    "hotline_returned": None,
    "hotline_overdue": None,
}


@dataclass
class ImportResult:
    kind: str
    file: str
    rows: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    already_imported: bool = False
    months: list[str] = field(default_factory=list)
    findings: dict[str, int] = field(default_factory=dict)  # kind → live findings after


_MODELS: dict[str, tuple[type[Any], str, tuple[str, ...]]] = {
    # kind → (model, key column, columns copied from the record)
    "requests": (InfoRequest, "key",
                 ("received_on", "applicant_type", "subject", "closed_on", "reply_method")),
    "services": (ServiceMonth, "month",
                 ("accepted", "closed", "rated", "ratings", "good", "bad")),
    "hotline": (HotlineTicket, "ticket_no",
                ("dispatched_at", "signed_at", "returns", "closed_at", "time_limit", "deadline",
                 "unit_raw", "handling", "reply")),
}  # fmt: skip


def _key(record: RequestRecord | ServiceRecord | TicketRecord, key: str) -> str:
    return str(getattr(record, key))


def store(session: Session, site_id: int, parsed: ImportFile, moment: datetime) -> ImportResult:
    """Upsert the file's records; the caller's transaction commits or rolls back."""
    model, key, columns = _MODELS[parsed.kind]
    months = parsed.months
    if parsed.kind == "requests" and months:
        # a register is kept continuously: the export holds every request received up to
        # the day it was exported, so it also speaks for the months without any request
        months = _month_range(Month.parse(months[0]), Month.of(moment))
    result = ImportResult(parsed.kind, parsed.name, len(parsed.records), months=months)
    same = session.scalar(
        select(ImportBatch.id).where(
            ImportBatch.site_id == site_id,
            ImportBatch.kind == parsed.kind,
            ImportBatch.sha256 == parsed.sha256,
        )
    )
    if same is not None:
        result.already_imported, result.unchanged = True, len(parsed.records)
        return result
    existing = {
        getattr(row, key): row
        for row in session.scalars(select(model).where(model.site_id == site_id))
    }
    changes: list[tuple[Any, Any]] = []
    for record in parsed.records:
        row = existing.get(_key(record, key))
        if row is not None and all(getattr(row, c) == getattr(record, c) for c in columns):
            result.unchanged += 1
            continue
        changes.append((row, record))
    if not changes:
        return result  # an export saved again with the same content: nothing to record
    batch = ImportBatch(
        site_id=site_id,
        kind=parsed.kind,
        file_name=parsed.name,
        sha256=parsed.sha256,
        imported_at=moment,
        rows=len(parsed.records),
        months=months,
    )
    session.add(batch)
    session.flush()
    for row, record in changes:
        values = {c: getattr(record, c) for c in columns}
        if row is None:
            session.add(
                model(
                    site_id=site_id,
                    batch_id=batch.id,
                    row_number=record.row,
                    **{key: _key(record, key)},
                    **values,
                )
            )
            result.created += 1
        else:
            for column, value in values.items():
                setattr(row, column, value)
            if parsed.kind == "hotline":  # a changed reply is checked again
                row.reply_checked_hash = None
            row.batch_id, row.row_number = batch.id, record.row
            result.updated += 1
    batch.created, batch.updated = result.created, result.updated
    session.flush()
    return result


def _month_range(first: Month, last: Month) -> list[str]:
    out = []
    while first <= last:
        out.append(first.key)
        first = first.next()
    return out


HOTLINE_CHECKS = (HotlineLateSign, HotlineReturned, HotlineOverdue, HotlineReply)


def run_hotline_checks(
    sessions: sessionmaker[Session], config: Config, site_id: int, as_of: datetime
) -> None:
    """The 12345 checks over the stored tickets (each its own transaction, as in `run`)."""
    moment = now()
    deadlines = {**config.findings.deadlines, **NO_DEADLINE}
    for check_type in HOTLINE_CHECKS:
        check = check_type()
        with transaction(sessions) as session:
            ctx = CheckContext.latest(session, config, site_id, as_of)
            report = check.run(ctx)
            apply_report(session, site_id=site_id, run_id=None, kinds=check.kinds,
                         report=report, now=moment, deadlines=deadlines)  # fmt: skip


def hotline_findings(sessions: sessionmaker[Session], site_id: int) -> dict[str, int]:
    """Live 12345 findings by kind."""
    with sessions() as session:
        rows = session.scalars(
            select(Finding.kind).where(
                Finding.site_id == site_id,
                Finding.kind.in_(HOTLINE_KINDS),
                Finding.status.in_(("open", "overdue")),
            )
        )
        counts: dict[str, int] = {}
        for kind in rows:
            counts[kind] = counts.get(kind, 0) + 1
    return counts


def import_file(
    config_path: str | Path,
    db_url: str,
    kind: str,
    file: Path,
    *,
    as_of: datetime | None = None,
) -> ImportResult:
    config = load_config(config_path)
    table = getattr(config.imports, kind, None)
    # read everything first: a file that cannot be read never reaches the database
    parsed = read_import(
        kind, file, table.columns if table else None, table.sheet if table else None
    )
    site_id = prepare(config, db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    try:
        with transaction(sessions) as session:
            result = store(session, site_id, parsed, now())
        logger.info(
            "imported %s %s: %d new, %d updated, %d unchanged",
            kind, file, result.created, result.updated, result.unchanged,
        )  # fmt: skip
        if kind == "hotline":
            if result.created or result.updated:
                run_hotline_checks(sessions, config, site_id, as_of or now())
            result.findings = hotline_findings(sessions, site_id)
    finally:
        engine.dispose()
    return result
