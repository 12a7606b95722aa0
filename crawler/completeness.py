"""Was a column read completely this run, and does it still read the way it used to?

A column is complete when every list page the crawl asked for came back and read, and no page
of it failed. It is not complete — 模板变化 — when its first list page no longer has the
shape it had at the last complete run (far fewer entries, or a pager that vanished), or when
most articles fetched from it suddenly have no date although the column's stored articles
all had one. An incomplete column yields no finding and closes none (checks/engine.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from storage.models import Article, ColumnRunState

# a first page that used to list at least this many entries and now lists under half of
# them, or a pager that made ≥ 1 further page known and now none, is a template change
MIN_ENTRIES_COMPARED = 4
# most articles of a run undated, in a column whose stored articles were nearly all dated
MIN_ARTICLES_COMPARED = 3
UNDATED_SHARE = 0.8
DATED_SHARE_BEFORE = 0.9


@dataclass
class ColumnTally:
    """What the pipeline saw of one column during the run."""

    list_pages: int = 0
    entries: int = 0
    failed: int = 0
    first_page_entries: int | None = None
    first_page_more: int | None = None
    stopped_early: bool = False
    articles_fetched: int = 0
    articles_undated: int = 0


@dataclass(frozen=True)
class StoredShape:
    """The column before this run: its last complete first page, and its stored articles."""

    first_page_entries: int | None
    first_page_more: int | None
    articles: int
    dated: int
    template_since: datetime | None  # an earlier run saw the same change and it lasts


_own_date = (
    Article.published_at.is_not(None) & (func.coalesce(Article.date_source, "") != "list"),
    1,
)


def stored_shapes(session: Session, column_ids: list[int], run_id: int) -> dict[int, StoredShape]:
    articles = {
        column_id: (n, dated)
        for column_id, n, dated in session.execute(
            # dated by the page itself (a date taken from the list says nothing of the page)
            select(Article.column_id, func.count(), func.count(case(_own_date, else_=None)))
            .where(Article.column_id.in_(column_ids), Article.first_run_id != run_id)
            .group_by(Article.column_id)
        )
    }
    out = {}
    for column_id in column_ids:
        complete = session.scalar(
            select(ColumnRunState)
            .where(
                ColumnRunState.column_id == column_id,
                ColumnRunState.run_id < run_id,
                ColumnRunState.complete.is_(True),
            )
            .order_by(ColumnRunState.run_id.desc())
        )
        latest = session.scalar(
            select(ColumnRunState)
            .where(ColumnRunState.column_id == column_id, ColumnRunState.run_id < run_id)
            .order_by(ColumnRunState.run_id.desc())
        )
        n, dated = articles.get(column_id, (0, 0))
        out[column_id] = StoredShape(
            complete.first_page_entries if complete else None,
            complete.first_page_more if complete else None,
            n,
            dated,
            latest.template_since if latest and latest.template_note else None,
        )
    return out


def template_change(tally: ColumnTally, before: StoredShape) -> str | None:
    """What changed, in words staff can check on the site, or None."""
    entries, more = tally.first_page_entries, tally.first_page_more
    was = before.first_page_entries
    shrunk = entries is not None and was is not None and entries * 2 < was
    if shrunk and was is not None and was >= MIN_ENTRIES_COMPARED:
        return f"列表首页条目由{was}条减少为{entries}条"
    if more is not None and before.first_page_more is not None:
        if before.first_page_more >= 1 and more == 0:
            return f"列表分页不见了（此前首页可见{before.first_page_more + 1}页）"
        if before.first_page_more >= 2 and more * 2 < before.first_page_more:
            return f"列表分页由{before.first_page_more + 1}页减少为{more + 1}页"
    if (
        tally.articles_fetched >= MIN_ARTICLES_COMPARED
        and tally.articles_undated >= UNDATED_SHARE * tally.articles_fetched
        and before.articles >= MIN_ARTICLES_COMPARED
        and before.dated >= DATED_SHARE_BEFORE * before.articles
    ):
        return (
            f"本次采集的{tally.articles_fetched}篇文章中{tally.articles_undated}篇读不到发布日期"
            "（此前该栏目文章均有日期）"
        )
    return None


def is_complete(tally: ColumnTally, requested: int) -> bool:
    """Every requested list page read, no page of the column failed."""
    return tally.failed == 0 and tally.list_pages > 0 and tally.list_pages >= requested
