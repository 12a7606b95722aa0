"""Items published per unit and month — section 一(一) of the quarterly bulletin.

Figures come from everything stored (runs accumulate). A finding of "no news this month" is
made only for a month that has ended, and only when the latest crawl finished and read every
news column completely. Otherwise the units are listed as 待核实 (采集失败), never as units
that published nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from checks.board.stats import month_stats
from checks.context import CheckContext
from checks.text_issues import TextIssueSummary, text_issue_summary
from core.config import Config
from core.failures import label_of
from core.periods import Month, Quarter
from core.vocab import Category
from storage.attribution import Attribution
from storage.models import Article, Column, CrawlRun, FetchFailureRecord


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


@dataclass
class QuarterFigures:
    county: str
    site: str
    quarter: str
    as_of: datetime
    months: list[str]
    items: int
    publishing_units: int
    # zero news in an ended month after a complete crawl of every news column: a finding
    zero_news_units: dict[str, list[str]]
    # zero news seen, but the crawl was incomplete: 采集失败, not a finding
    zero_news_unverified: dict[str, list[str]]
    # unit → month → {"all": n, "news": m}, every configured unit, in config order
    units: dict[str, dict[str, dict[str, int]]]
    # quarter items whose source matched no unit (and had no column unit)
    unattributed_items: int
    unmatched_sources: list[dict[str, Any]]
    undated_items: int
    fetch_failures: list[dict[str, Any]]
    crawl_complete: bool
    text_issues: TextIssueSummary | None
    run: RunSummary | None
    # 一(三): 网民留言 per month {"count", "by_type", "by_type_percent", "by_unit"}
    messages: dict[str, dict[str, Any]]
    boards: list[str]  # the 网民留言 boards (columns of category interaction)
    # the boards were read completely by the latest crawl (else the counts may be short)
    messages_complete: bool


@dataclass
class UnitMonthCounts:
    # unit → month → {"all": n, "news": m}, every given unit, in the given order
    counts: dict[str, dict[str, dict[str, int]]]
    items: int  # dated items in the months
    unattributed: int  # of which matched no configured unit


def unit_month_counts(
    session: Session,
    attribution: Attribution,
    units: list[str],
    site_id: int | None,
    months: list[Month],
) -> UnitMonthCounts:
    """Items per unit and month (all, and news columns only), by publication date."""
    counts = {name: {m.key: {"all": 0, "news": 0} for m in months} for name in units}
    rows = session.execute(
        select(Article.source_raw, Article.column_id, Article.published_at, Column.category)
        .select_from(Article)
        .outerjoin(Column, Article.column_id == Column.id)
        .where(
            Article.site_id == site_id,
            Article.published_at >= min(m.start for m in months),
            Article.published_at < max(m.end for m in months),
        )
    )
    keys = {m.key for m in months}
    items = unattributed = 0
    for source, column_id, published, category in rows:
        month = Month.of(published).key
        if month not in keys:
            continue
        items += 1
        unit_name = attribution.unit(source, column_id)
        if unit_name is None or unit_name not in counts:
            unattributed += 1
            continue
        cell = counts[unit_name][month]
        cell["all"] += 1
        if category == Category.news:
            cell["news"] += 1
    return UnitMonthCounts(counts, items, unattributed)


def quarter_figures(
    session: Session, config: Config, site_id: int | None, quarter: Quarter, as_of: datetime
) -> QuarterFigures:
    """The quarter's figures from what is stored, attributed by the config of the moment.

    site_id None (the portal was never crawled) gives figures that claim nothing."""
    start, end = quarter.start, quarter.end
    # config order: the bulletin lists departments first, then townships
    order = [u.name for u in config.units]
    attribution = Attribution.for_site(session, config, site_id)
    tally = unit_month_counts(session, attribution, order, site_id, quarter.months)
    counts, items, unattributed = tally.counts, tally.items, tally.unattributed

    ctx = CheckContext.latest(session, config, site_id, as_of)
    run, incomplete, news_complete = ctx.run, ctx.incomplete_columns, ctx.news_complete
    zero: dict[str, list[str]] = {}
    unverified: dict[str, list[str]] = {}
    for month in quarter.months:
        if month.end > as_of:
            continue  # a month still running (or not begun) has no findings yet
        names = [n for n in order if counts[n][month.key]["news"] == 0]
        (zero if news_complete else unverified)[month.key] = names

    return QuarterFigures(
        county=config.county,
        site=config.portal.name,
        quarter=quarter.key,
        as_of=as_of,
        months=[m.key for m in quarter.months],
        items=items,
        publishing_units=sum(1 for n in order if any(counts[n][m]["all"] for m in counts[n])),
        units=counts,
        zero_news_units=zero,
        zero_news_unverified=unverified,
        unattributed_items=unattributed,
        unmatched_sources=_unmatched(session, site_id, attribution),
        undated_items=session.scalar(
            select(func.count())
            .select_from(Article)
            .where(Article.site_id == site_id, Article.published_at.is_(None))
        )
        or 0,
        fetch_failures=_failures(session, run.id) if run else [],
        run=_summary(run, incomplete) if run else None,
        crawl_complete=news_complete,
        text_issues=text_issue_summary(session, site_id, start, end, attribution),
        messages=month_stats(session, config, site_id, quarter.months),
        boards=[c.name for c in ctx.active_columns if c.category == Category.interaction],
        messages_complete=all(
            c.id in ctx.complete_columns
            for c in ctx.active_columns
            if c.category == Category.interaction
        ),
    )


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


def _unmatched(
    session: Session, site_id: int | None, attribution: Attribution
) -> list[dict[str, Any]]:
    """Every stored source that matches no unit (all time), most frequent first."""
    rows = session.execute(
        select(Article.source_raw, func.count(), func.max(Article.published_at))
        .where(Article.site_id == site_id, Article.source_raw.is_not(None))
        .group_by(Article.source_raw)
    )
    found = [
        {"source": source, "items": n, "latest": latest}
        for source, n, latest in rows
        if attribution.unit(source, None) is None
    ]
    found.sort(key=lambda row: (-row["items"], row["source"]))
    return found


def _failures(session: Session, run_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(FetchFailureRecord, Column.name)
        .outerjoin(Column, FetchFailureRecord.column_id == Column.id)
        .where(FetchFailureRecord.run_id == run_id)
        .order_by(FetchFailureRecord.id)
    )
    return [
        {
            "url": error.url,
            "column": column_name,
            "page_kind": error.page_kind,
            "code": error.code,
            "label": label_of(error.code),
            "http_status": error.http_status,
            "detail": error.detail,
        }
        for error, column_name in rows
    ]
