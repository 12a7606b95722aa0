"""What a crawl sets out to read, from the config and what is already stored."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.config import Config
from spiders.portal.plan import ColumnPlan, CrawlPlan
from storage.models import Article, Column


def build_plan(session: Session, config: Config, site_id: int) -> CrawlPlan:
    counts = dict(
        session.execute(
            select(Article.column_id, func.count())
            .where(Article.site_id == site_id)
            .group_by(Article.column_id)
        ).all()
    )
    wait_for = {c.url: c.wait_for for c in config.columns}
    columns = [
        ColumnPlan(
            name=c.name,
            url=c.url,
            category=c.category,
            render=c.render,
            wait_for=wait_for.get(c.url),
            known_articles=counts.get(c.id, 0),
        )
        for c in session.scalars(
            select(Column).where(Column.site_id == site_id, Column.active.is_(True))
        )
        # columns found in the navigation are crawled only while discovery is on
        if config.portal.discover_columns or not c.discovered
    ]
    known = dict(
        session.execute(
            select(Article.url, Article.list_signature).where(Article.site_id == site_id)
        ).all()
    )
    return CrawlPlan(
        start_url=config.portal.start_url,
        allowed_domains=config.portal.allowed_domains,
        columns=columns,
        discover=config.portal.discover_columns,
        known=known,
    )
