"""What a crawl sets out to read, from the config and what is already stored.

Full or incremental: a full crawl reads every list page; an incremental one stops at the
first list page whose entries are all known (spiders/portal/spider.py). A column is crawled
incrementally only when the previous run ended normally and read it completely, and a full
crawl happened within `crawl.full_every_days` — so a killed run, a failed list page or an
edited old article is always caught up by reading everything again.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.config import Config
from core.periods import now
from core.vocab import RunStatus
from crawler.settings import DEFAULTS
from spiders.blocked import blocked_reason
from spiders.portal.plan import ColumnPlan, CrawlPlan
from storage.models import Article, Column, ColumnRunState, CrawlRun

_ENDED = (RunStatus.finished, RunStatus.incomplete)


def build_plan(
    session: Session, config: Config, site_id: int, run_id: int, *, full: bool = False
) -> CrawlPlan:
    """The plan for run `run_id`; marks the run as full or incremental."""
    counts = dict(
        session.execute(
            select(Article.column_id, func.count())
            .where(Article.site_id == site_id)
            .group_by(Article.column_id)
        ).all()
    )
    complete = _complete_last_time(session, site_id, run_id, config) if not full else set()
    wait_for = {c.url: c.wait_for for c in config.columns}
    columns = [
        ColumnPlan(
            name=c.name,
            url=c.url,
            category=c.category,
            render=c.render,
            wait_for=wait_for.get(c.url),
            known_articles=counts.get(c.id, 0),
            incremental=c.id in complete and counts.get(c.id, 0) > 0,
        )
        for c in session.scalars(
            select(Column).where(Column.site_id == site_id, Column.active.is_(True))
        )
        # columns found in the navigation are crawled only while discovery is on
        if config.portal.discover_columns or not c.discovered
    ]
    session.get_one(CrawlRun, run_id).full = not any(c.incremental for c in columns)
    return CrawlPlan(
        start_url=config.portal.start_url,
        allowed_domains=config.portal.allowed_domains,
        columns=columns,
        discover=config.portal.discover_columns,
        site_names=(config.portal.name,),
        known=_known(session, site_id),
    )


def _complete_last_time(session: Session, site_id: int, run_id: int, config: Config) -> set[int]:
    """Columns the previous run read completely — if it ended and a full crawl is not due."""
    previous = session.scalar(
        select(CrawlRun)
        .where(CrawlRun.site_id == site_id, CrawlRun.id < run_id)
        .order_by(CrawlRun.id.desc())
    )
    if previous is None or previous.status not in _ENDED:
        return set()  # first crawl, or the last one was killed: read everything
    every = config.crawl.full_every_days
    days = DEFAULTS["GOVWATCH_FULL_EVERY_DAYS"] if every is None else every
    last_full = session.scalar(
        select(func.max(CrawlRun.started_at)).where(
            CrawlRun.site_id == site_id, CrawlRun.full.is_(True), CrawlRun.status.in_(_ENDED)
        )
    )
    if last_full is None or now() - last_full >= timedelta(days=days):
        return set()
    return set(
        session.scalars(
            select(ColumnRunState.column_id).where(
                ColumnRunState.run_id == previous.id, ColumnRunState.complete.is_(True)
            )
        )
    )


def _known(session: Session, site_id: int) -> dict[str, str | None]:
    """URL → list signature of every stored article worth keeping as it is. Articles stored
    without a title or date, or whose stored content looks like a verification page (stored
    by an earlier version), are fetched again: a clean fetch repairs them."""
    known: dict[str, str | None] = {}
    rows = session.execute(
        select(
            Article.url, Article.list_signature, Article.title, Article.published_at, Article.text
        ).where(Article.site_id == site_id)
    )
    for url, signature, title, published, text in rows:
        suspect = not title or published is None or blocked_reason(f"{title}\n{text}")
        known[url] = None if suspect else signature
    return known
