"""The morning digest: built from the database after every `govwatch run` and stored (its JSON
form, as history), or built on demand by `govwatch digest` (read-only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.digest import build_digest
from core.config import Config
from core.jsonable import jsonable
from core.periods import now
from storage.db import make_engine, require_current, session_factory, transaction
from storage.models import DigestRecord, Site


def store_digest(
    sessions: sessionmaker[Session],
    config: Config,
    site_id: int,
    run_id: int | None,
    as_of: datetime | None = None,
) -> dict[str, Any]:
    """Build the digest at the end of a run and keep it; returns it."""
    moment = now()
    with transaction(sessions) as session:
        digest = build_digest(session, config, site_id, as_of or moment, moment)
        session.add(
            DigestRecord(
                site_id=site_id,
                run_id=run_id,
                generated_at=moment,
                as_of=as_of or moment,
                data=jsonable(digest),
            )
        )
    return digest


def read_digest(config: Config, db_url: str, as_of: datetime | None = None) -> dict[str, Any]:
    """The digest as of now from what is stored; never migrates or writes."""
    require_current(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            site_id = session.scalar(
                select(Site.id).where(Site.start_url == config.portal.start_url)
            )
            moment = now()
            return build_digest(session, config, site_id, as_of or moment, moment)
    finally:
        engine.dispose()
