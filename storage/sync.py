"""Make the database agree with govwatch.yaml: site, units with aliases, configured columns.

Nothing is deleted: a unit or column removed from the config is marked inactive, so the
history stored for it (articles, runs) stays readable.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.config import Config
from storage.models import Column, Site, Unit, UnitAlias


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
