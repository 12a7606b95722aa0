"""Run every registered check over what is stored and track the findings.

Called by `govwatch run` after the crawl and the text checks (the nightly job and the
on-demand one take this same path). Each check is its own transaction: one that fails is
logged and reported, the others still run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from checks.context import CheckContext
from checks.engine import Changes, apply_report, mark_overdue
from checks.registry import CHECKS
from core.config import Config
from core.periods import now
from storage.db import transaction

logger = logging.getLogger(__name__)


@dataclass
class ChecksSummary:
    changes: Changes = field(default_factory=Changes)
    overdue: int = 0
    unchecked: dict[str, dict[str, str]] = field(default_factory=dict)  # check → place → why
    failed: dict[str, str] = field(default_factory=dict)  # check → error


def run_checks(
    sessions: sessionmaker[Session],
    config: Config,
    site_id: int,
    run_id: int | None,
    as_of: datetime | None = None,
) -> ChecksSummary:
    summary = ChecksSummary()
    moment = now()
    as_of = as_of or moment
    for check_type in CHECKS:
        check = check_type()
        try:
            with transaction(sessions) as session:
                ctx = CheckContext.latest(session, config, site_id, as_of)
                report = check.run(ctx)
                changes = apply_report(
                    session,
                    site_id=site_id,
                    run_id=run_id,
                    kinds=check.kinds,
                    report=report,
                    now=moment,
                    deadlines=config.findings.deadlines,
                )
        except Exception as exc:  # one broken check must not cost the others
            logger.exception("check %s failed", check.name)
            summary.failed[check.name] = f"{type(exc).__name__}: {exc}"
            continue
        summary.changes.merge(changes)
        if report.unchecked:
            summary.unchecked[check.name] = report.unchecked
    with transaction(sessions) as session:
        summary.overdue = len(mark_overdue(session, site_id, moment))
    return summary
