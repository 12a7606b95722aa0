"""Make the database agree with govwatch.yaml: site, units with aliases, configured columns.

Nothing is deleted: a unit or column removed from the config is marked inactive, so the
history stored for it (articles, runs) stays readable.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.config import Config, ConfigError
from storage.models import Column, Site, Unit, UnitAlias


class ConfigChangeRefused(ConfigError):
    """The config would switch off most of what is monitored at once: likely a mistake."""


def check_deactivation(session: Session, config: Config) -> None:
    """Refuse a config that would deactivate more than half the active units or configured
    columns (at least 3): a pasted-over `units:` section or a wrong portal must not retire
    everything silently. `govwatch run --force` applies it anyway."""
    active_units = set(session.scalars(select(Unit.name).where(Unit.active.is_(True))))
    site = session.scalar(select(Site).where(Site.start_url == config.portal.start_url))
    active_columns = set()
    if site is not None:
        active_columns = set(
            session.scalars(
                select(Column.url).where(
                    Column.site_id == site.id,
                    Column.active.is_(True),
                    Column.discovered.is_(False),
                )
            )
        )
    problems = []
    for what, active, kept in (
        ("units", active_units, {u.name for u in config.units}),
        ("configured columns", active_columns, {c.url for c in config.columns}),
    ):
        gone = sorted(active - kept)
        if len(gone) >= 3 and len(gone) * 2 > len(active):
            shown = "、".join(gone[:8]) + ("…" if len(gone) > 8 else "")
            problems.append(f"{len(gone)} of {len(active)} active {what} ({shown})")
    if problems:
        raise ConfigChangeRefused(
            "this govwatch.yaml would deactivate "
            + " and ".join(problems)
            + ": check the file (a section written twice, a pasted-over list?); "
            "if the change is intended, run again with --force"
        )


def sync_config(session: Session, config: Config, *, force: bool = False) -> int:
    """Upsert the configured site, units and columns; returns the site id."""
    if not force:
        check_deactivation(session, config)
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
