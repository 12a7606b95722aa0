"""The quarter's figures from what is stored, for `run`, `stats`, `demo` and later reports.

Read-only: nothing here migrates the schema or rewrites stored rows.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from checks.publishing import QuarterFigures, quarter_figures
from core.config import Config
from core.periods import Quarter
from storage.db import make_engine, require_current, session_factory
from storage.models import Site


def read_figures(config: Config, db_url: str, quarter: Quarter, as_of: datetime) -> QuarterFigures:
    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            # None before the first crawl of this portal: figures that claim nothing
            site_id = session.scalar(
                select(Site.id).where(Site.start_url == config.portal.start_url)
            )
            return quarter_figures(session, config, site_id, quarter, as_of)
    finally:
        engine.dispose()
