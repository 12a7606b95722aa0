"""The quarterly 通报 and the Excel export, from the database (read-only: nothing here
migrates or writes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.report.build import build_report
from alerts.report.model import Report
from core.config import Config
from core.periods import Quarter
from storage.db import make_engine, require_current, session_factory
from storage.models import Site

T = TypeVar("T")


def _read(config: Config, db_url: str, work: Callable[[Session, int | None], T]) -> T:
    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            site_id = session.scalar(
                select(Site.id).where(Site.start_url == config.portal.start_url)
            )
            return work(session, site_id)
    finally:
        engine.dispose()


def read_report(
    config: Config,
    config_path: Path,
    db_url: str,
    quarter: Quarter,
    as_of: datetime,
    issued: date,
) -> Report:
    template = None
    if config.report.requirements_template:
        template = config_path.resolve().parent / config.report.requirements_template
    return _read(
        config,
        db_url,
        lambda session, site_id: build_report(
            session, config, site_id, quarter, as_of, issued, template
        ),
    )


def read_export(config: Config, db_url: str, quarter: Quarter, as_of: datetime) -> bytes:
    from alerts.render.xlsx import render_export

    def work(session: Session, site_id: int | None) -> Any:
        return render_export(session, config, site_id, quarter, as_of)

    return _read(config, db_url, work)
