"""Make the database agree with govwatch.yaml: site, units with aliases, configured columns.

Nothing is deleted: a unit or column removed from the config is marked inactive, so the
history stored for it (articles, runs) stays readable.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from crawler.config import Config
from crawler.units import UnitMatcher, UnitRef
from storage.models import Article, Column, Site, Unit, UnitAlias


def sync_config(session: Session, config: Config) -> int:
    """Upsert the configured site, units and columns; returns the site id."""
    site = session.scalar(select(Site).where(Site.start_url == config.portal.start_url))
    if site is None:
        site = Site(name=config.portal.name, start_url=config.portal.start_url)
        session.add(site)
    site.name = config.portal.name
    session.flush()

    units = {u.name: u for u in session.scalars(select(Unit))}
    for unit in units.values():
        unit.active = False
    wanted_aliases: dict[str, str] = {}
    for cfg_unit in config.units:
        unit = units.get(cfg_unit.name)
        if unit is None:
            unit = units[cfg_unit.name] = Unit(name=cfg_unit.name)
            session.add(unit)
        unit.kind = cfg_unit.kind
        unit.active = True
        for alias in cfg_unit.aliases:
            wanted_aliases[alias] = cfg_unit.name
    session.flush()
    # aliases may move between units when staff fix the config: rebuild them all
    for alias_row in session.scalars(select(UnitAlias)):
        session.delete(alias_row)
    session.flush()
    for alias, unit_name in wanted_aliases.items():
        session.add(UnitAlias(unit_id=units[unit_name].id, alias=alias))

    columns = {c.url: c for c in session.scalars(select(Column).where(Column.site_id == site.id))}
    for column in columns.values():
        # found in the navigation: kept while discovery is on (the crawl retires stale ones)
        column.active = column.discovered and config.portal.discover_columns
    for cfg_column in config.columns:
        column = columns.get(cfg_column.url)
        if column is None:
            column = Column(site_id=site.id, url=cfg_column.url)
            session.add(column)
        column.name = cfg_column.name
        column.category = cfg_column.category.value
        column.render = cfg_column.render
        column.discovered = False
        column.active = True
        column.default_unit_id = units[cfg_column.unit].id if cfg_column.unit else None
    session.flush()
    # the loaded Unit.aliases collections still hold the rows deleted above
    session.expire_all()
    return site.id


def load_matcher(session: Session, county: str) -> tuple[UnitMatcher, dict[str, int]]:
    """The unit matcher over active units, and unit name → id."""
    units = session.scalars(
        select(Unit).where(Unit.active.is_(True)).options(selectinload(Unit.aliases))
    ).all()
    refs = [UnitRef(u.name, tuple(a.alias for a in u.aliases), u.kind) for u in units]
    return UnitMatcher(county, refs), {u.name: u.id for u in units}


def attribute_unit(
    matcher: UnitMatcher, unit_ids: dict[str, int], source: str | None, column_unit: int | None
) -> int | None:
    """The unit credited with an article: its source if it names one, else its column's unit."""
    if not source:
        return column_unit
    name = matcher.match(source)
    return unit_ids[name] if name else None


def rematch_sources(session: Session, county: str, site_id: int) -> int:
    """Attribute stored articles again (aliases may have changed); returns how many moved."""
    matcher, unit_ids = load_matcher(session, county)
    column_units = dict(
        session.execute(
            select(Column.id, Column.default_unit_id).where(Column.site_id == site_id)
        ).all()
    )
    rows = session.execute(
        select(Article.id, Article.source_raw, Article.unit_id, Article.column_id).where(
            Article.site_id == site_id
        )
    )
    updates = []
    for article_id, source, unit_id, column_id in rows:
        wanted = attribute_unit(matcher, unit_ids, source, column_units.get(column_id))
        if wanted != unit_id:
            updates.append({"id": article_id, "unit_id": wanted})
    if updates:
        session.execute(update(Article), updates)
    return len(updates)
