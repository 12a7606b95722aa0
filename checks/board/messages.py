"""Stored 留言 of the site's boards, with what the checks and figures need of each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.config import Config
from core.units import UnitMatcher
from core.vocab import Category
from storage.models import BoardMessage, Column


@dataclass(frozen=True)
class Board:
    id: int
    name: str
    url: str


def boards(session: Session, site_id: int | None) -> list[Board]:
    return [
        Board(c.id, c.name, c.url)
        for c in session.scalars(
            select(Column).where(
                Column.site_id == site_id,
                Column.category == Category.interaction,
                Column.active.is_(True),
            )
        )
    ]


def messages(session: Session, site_id: int | None) -> list[BoardMessage]:
    """Every stored 留言 of the site's active boards, oldest first."""
    ids = [b.id for b in boards(session, site_id)]
    if not ids:
        return []
    return list(
        session.scalars(
            select(BoardMessage)
            .where(BoardMessage.site_id == site_id, BoardMessage.column_id.in_(ids))
            .order_by(BoardMessage.asked_at, BoardMessage.id)
        )
    )


def unit_of(matcher: UnitMatcher, raw: str | None) -> str | None:
    """The configured unit a 承办单位 names (None: it matches none)."""
    return matcher.match(raw) if raw else None


def unit_label(matcher: UnitMatcher, raw: str | None) -> str:
    """What the bulletin prints: the configured unit name, else the page's text."""
    return unit_of(matcher, raw) or (raw or "未注明承办单位")


def add_months(value: datetime, months: int) -> datetime:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for day in (value.day, 30, 29, 28):
        try:
            return value.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def matcher_of(config: Config) -> UnitMatcher:
    return config.unit_matcher()
