"""Which unit an article is credited to: its 来源 when it names one, else its column's unit.

Attribution follows the config of the moment, so fixing an alias in govwatch.yaml moves the
stored items at once: `govwatch run` stores the result (rematch_sources), read-only commands
compute it in memory (Attribution.unit) without writing.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.config import Config
from storage.models import Article, Column, Unit


class Attribution:
    def __init__(self, config: Config, column_urls: dict[int, str]) -> None:
        self.matcher = config.unit_matcher()
        self._by_url = config.column_units()
        self._column_units = {cid: self._by_url.get(url) for cid, url in column_urls.items()}
        self._cache: dict[str, str | None] = {}

    @classmethod
    def for_site(cls, session: Session, config: Config, site_id: int | None) -> Attribution:
        urls = dict(
            session.execute(select(Column.id, Column.url).where(Column.site_id == site_id)).all()
        )
        return cls(config, urls)

    def add_column(self, column_id: int, url: str) -> None:
        self._column_units[column_id] = self._by_url.get(url)

    def unit(self, source: str | None, column_id: int | None) -> str | None:
        """The unit name credited with an article, or None when its source matches no unit."""
        if not source:
            return self._column_units.get(column_id) if column_id is not None else None
        if source not in self._cache:
            self._cache[source] = self.matcher.match(source)
        return self._cache[source]


def rematch_sources(session: Session, config: Config, site_id: int) -> int:
    """Store the attribution again (aliases may have changed); returns how many items moved."""
    attribution = Attribution.for_site(session, config, site_id)
    unit_ids = dict(session.execute(select(Unit.name, Unit.id).where(Unit.active.is_(True))).all())
    rows = session.execute(
        select(Article.id, Article.source_raw, Article.unit_id, Article.column_id).where(
            Article.site_id == site_id
        )
    )
    updates = []
    for article_id, source, unit_id, column_id in rows:
        name = attribution.unit(source, column_id)
        wanted = unit_ids.get(name) if name else None
        if wanted != unit_id:
            updates.append({"id": article_id, "unit_id": wanted})
    if updates:
        session.execute(update(Article), updates)
    return len(updates)
