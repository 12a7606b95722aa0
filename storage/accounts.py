"""Make the stored account registry agree with govwatch.yaml's `accounts:`.

An account is known by its key (platform:id), so renaming it in the registry or moving it to
another owner keeps its history; one removed from the registry is marked inactive, never
deleted.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.config import Config
from storage.models import Account


def sync_accounts(session: Session, config: Config, site_id: int) -> dict[str, int]:
    """Upsert the registry; returns account key → id for the configured accounts."""
    stored = {a.key: a for a in session.scalars(select(Account).where(Account.site_id == site_id))}
    for account in stored.values():
        account.active = False
    out = {}
    for position, cfg in enumerate(config.accounts):
        row = stored.get(cfg.key)
        if row is None:
            row = Account(site_id=site_id, key=cfg.key)
            session.add(row)
        row.name, row.owner, row.url = cfg.name, cfg.owner, cfg.url or cfg.feed
        row.platform = cfg.ref.platform.value
        row.ids = dict(cfg.ref.ids)
        row.position, row.active = position, True
        session.flush()
        out[cfg.key] = row.id
    return out
