"""Items published per unit and month — section 一(一) of the quarterly bulletin.

Figures come from everything stored (runs accumulate). A finding of "no news this month" is
made only for a month that has ended, and only when the latest crawl finished and read every
news column completely. Otherwise the units are listed as 待核实 (采集失败), never as units
that published nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checks.text_job import TextIssueSummary, text_issue_summary
from crawler.config import Config
from crawler.errors import label_of
from crawler.timeutil import month_end, month_key, quarter_bounds, quarter_months
from storage.models import Article, Column, ColumnRunState, CrawlRun, FetchError, Site, Unit

NEWS = "news"


@dataclass
class RunSummary:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    requests: int
    articles_new: int
    articles_changed: int
    articles_unchanged: int
    errors: int
    incomplete_columns: list[str]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("started_at", "finished_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


@dataclass
class QuarterFigures:
    county: str
    site: str
    quarter: str
    as_of: datetime
    months: list[str]
    items: int
    publishing_units: int
    # unit → month → {"all": n, "news": m}, every configured unit, in config order
    units: dict[str, dict[str, dict[str, int]]]
    zero_news_units: dict[str, list[str]]
    # zero news seen, but the crawl was incomplete: 采集失败, not a finding
    zero_news_unverified: dict[str, list[str]]
    # quarter items whose source matched no unit (and had no column unit)
    unattributed_items: int
    unmatched_sources: list[dict[str, Any]]
    undated_items: int
    fetch_failures: list[dict[str, Any]]
    run: RunSummary | None
    text_issues: TextIssueSummary | None = None
    complete: bool = field(default=True)

    def to_json(self) -> dict[str, Any]:
        return {
            "county": self.county,
            "site": self.site,
            "quarter": self.quarter,
            "as_of": self.as_of.isoformat(),
            "months": self.months,
            "items": self.items,
            "publishing_units": self.publishing_units,
            "zero_news_units": self.zero_news_units,
            "zero_news_unverified": self.zero_news_unverified,
            "units": self.units,
            "unattributed_items": self.unattributed_items,
            "unmatched_sources": self.unmatched_sources,
            "undated_items": self.undated_items,
            "fetch_failures": self.fetch_failures,
            "crawl_complete": self.complete,
            "text_issues": self.text_issues.to_json() if self.text_issues else None,
            "run": self.run.to_json() if self.run else None,
        }


def quarter_figures(
    session: Session, config: Config, site_id: int, quarter: str, as_of: datetime
) -> QuarterFigures:
    site = session.get_one(Site, site_id)
    start, end = quarter_bounds(quarter)
    months = quarter_months(quarter)
    # config order: the bulletin lists departments first, then townships
    order = [u.name for u in config.units]

    counts: dict[str, dict[str, dict[str, int]]] = {
        name: {m: {"all": 0, "news": 0} for m in months} for name in order
    }
    rows = session.execute(
        select(Unit.name, Article.published_at, Column.category)
        .select_from(Article)
        .outerjoin(Unit, Article.unit_id == Unit.id)
        .outerjoin(Column, Article.column_id == Column.id)
        .where(
            Article.site_id == site_id, Article.published_at >= start, Article.published_at < end
        )
    )
    items = unattributed = 0
    for unit_name, published, category in rows:
        items += 1
        if unit_name is None or unit_name not in counts:
            unattributed += 1
            continue
        cell = counts[unit_name][month_key(published)]
        cell["all"] += 1
        if category == NEWS:
            cell["news"] += 1

    run = _latest_run(session, site_id)
    incomplete = _incomplete_columns(session, site_id, run.id) if run else []
    news_complete = _news_verified(session, site_id, run, incomplete)
    zero: dict[str, list[str]] = {}
    unverified: dict[str, list[str]] = {}
    for month in months:
        if month_end(month) > as_of:
            continue  # a month still running (or not begun) has no findings yet
        names = [n for n in order if counts[n][month]["news"] == 0]
        (zero if news_complete else unverified)[month] = names

    return QuarterFigures(
        county=config.county,
        site=site.name,
        quarter=quarter,
        as_of=as_of,
        months=months,
        items=items,
        publishing_units=sum(1 for n in order if any(counts[n][m]["all"] for m in months)),
        units=counts,
        zero_news_units=zero,
        zero_news_unverified=unverified,
        unattributed_items=unattributed,
        unmatched_sources=_unmatched(session, site_id),
        undated_items=session.scalar(
            select(func.count())
            .select_from(Article)
            .where(Article.site_id == site_id, Article.published_at.is_(None))
        )
        or 0,
        fetch_failures=_failures(session, run.id) if run else [],
        run=_summary(run, incomplete) if run else None,
        text_issues=text_issue_summary(session, site_id, start, end),
        complete=news_complete,
    )


def _latest_run(session: Session, site_id: int) -> CrawlRun | None:
    return session.scalar(
        select(CrawlRun)
        .where(CrawlRun.site_id == site_id, CrawlRun.status != "running")
        .order_by(CrawlRun.id.desc())
    )


def _news_verified(
    session: Session, site_id: int, run: CrawlRun | None, incomplete: list[Column]
) -> bool:
    """Did the latest crawl finish and read at least one news column, and all of them fully?"""
    if run is None or run.status not in ("finished", "incomplete"):
        return False
    news = session.scalars(
        select(Column.id).where(
            Column.site_id == site_id, Column.active.is_(True), Column.category == NEWS
        )
    ).all()
    return bool(news) and not any(c.category == NEWS for c in incomplete)


def _incomplete_columns(session: Session, site_id: int, run_id: int) -> list[Column]:
    """Active columns the run did not read completely, including those it never reached."""
    states = {
        s.column_id: s.complete
        for s in session.scalars(select(ColumnRunState).where(ColumnRunState.run_id == run_id))
    }
    columns = session.scalars(
        select(Column).where(Column.site_id == site_id, Column.active.is_(True))
    )
    return [c for c in columns if not states.get(c.id, False)]


def _summary(run: CrawlRun, incomplete: list[Column]) -> RunSummary:
    return RunSummary(
        id=run.id,
        started_at=run.started_at,
        finished_at=run.finished_at,
        status=run.status,
        requests=run.requests,
        articles_new=run.articles_new,
        articles_changed=run.articles_changed,
        articles_unchanged=run.articles_unchanged,
        errors=run.errors,
        incomplete_columns=[c.name for c in incomplete],
    )


def _unmatched(session: Session, site_id: int) -> list[dict[str, Any]]:
    """Every stored source that matched no unit (all time), most frequent first."""
    rows = session.execute(
        select(Article.source_raw, func.count(), func.max(Article.published_at))
        .where(
            Article.site_id == site_id,
            Article.unit_id.is_(None),
            Article.source_raw.is_not(None),
        )
        .group_by(Article.source_raw)
        .order_by(func.count().desc(), Article.source_raw)
    )
    return [
        {"source": source, "items": n, "latest": latest.isoformat() if latest else None}
        for source, n, latest in rows
    ]


def _failures(session: Session, run_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(FetchError, Column.name)
        .outerjoin(Column, FetchError.column_id == Column.id)
        .where(FetchError.run_id == run_id)
        .order_by(FetchError.id)
    )
    return [
        {
            "url": error.url,
            "column": column_name,
            "page_kind": error.page_kind,
            "reason": error.reason,
            "reason_label": label_of(error.reason),
            "http_status": error.http_status,
            "detail": error.detail,
        }
        for error, column_name in rows
    ]
