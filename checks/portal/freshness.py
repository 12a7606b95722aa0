"""`stale_column` and `empty_column`: 19号's 栏目不更新 and 空白栏目, per column.

A column's freshness is the newest *dated* item it shows: the dates beside its list entries
this run (page_dates) and the publication dates of the articles stored for it, whichever is
newer, never later than --as-of. Thresholds (days) by category, from 国办秘函〔2019〕19号:
news 14 (a warning from 10), notice and policy 180, personnel, plan and other 365; a
category's default is changed in `findings.stale_after_days`, one column's in its own
`stale_after_days`. `interaction` and `service` columns are not judged by freshness.

Only a column the latest crawl read completely is judged (and only then is an earlier finding
corrected): a list page that failed leaves the column unchecked with its reason.

19号's veto lines (栏目不更新) are site-level: ≥5 stale columns among news/notice/policy, ≥10
stale 应更新 columns (personnel, plan, other), ≥5 empty columns. A column is a `warning`;
once its line is crossed the columns counting toward it are `veto` (checks/portal/verdict.py
states how close the site is).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import func, select

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from core.config import Config
from core.vocab import Category, FindingStatus, Level
from storage.models import (
    Article,
    Column,
    ColumnRunState,
    FetchFailureRecord,
    Finding,
    PageDates,
)

STALE_AFTER_DAYS: dict[Category, int] = {
    Category.news: 14,
    Category.notice: 180,
    Category.policy: 180,
    Category.personnel: 365,
    Category.plan: 365,
    Category.other: 365,
}
WARN_AFTER_DAYS: dict[Category, int] = {Category.news: 10}
NOT_JUDGED = {Category.interaction, Category.service}

# the three lines of 19号 单项否决 item 4 (栏目不更新)
KEY_CATEGORIES = {Category.news, Category.notice, Category.policy}
KEY_STALE_LINE = 5  # news/notice/policy columns not updated in time
OTHER_STALE_LINE = 10  # 应更新 columns not updated for long
EMPTY_LINE = 5  # 空白栏目

CATEGORY_LABELS = {
    Category.news: "动态要闻类",
    Category.notice: "通知公告类",
    Category.policy: "政策文件类",
    Category.personnel: "人事类",
    Category.plan: "规划计划类",
    Category.other: "应更新",
}


def category_of(column: Column) -> Category:
    try:
        return Category(column.category)
    except ValueError:
        return Category.other


def thresholds(config: Config, column: Column) -> tuple[int, int | None] | None:
    """(stale after, warn after) days for a column, or None when it is not judged."""
    category = category_of(column)
    if category in NOT_JUDGED:
        return None
    own = next((c.stale_after_days for c in config.columns if c.url == column.url), None)
    stale = own or config.findings.stale_after_days.get(category) or STALE_AFTER_DAYS[category]
    warn = config.findings.warn_after_days.get(category) or WARN_AFTER_DAYS.get(category)
    return stale, (warn if warn is not None and warn < stale else None)


def line_of(category: str) -> str:
    """Which veto line a stale column counts toward: "key" (news/notice/policy) or "other"."""
    return "key" if category in KEY_CATEGORIES else "other"


class ColumnFreshness(Check):
    name = "column_freshness"
    kinds = ("stale_column", "empty_column")

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.run is None or ctx.site_id is None:
            return report
        session, as_of = ctx.session, ctx.as_of
        listed = {
            row.column_id: row
            for row in session.scalars(
                select(PageDates).where(PageDates.run_id == ctx.run.id, PageDates.kind == "list")
            )
        }
        entries = dict(
            session.execute(
                select(ColumnRunState.column_id, ColumnRunState.entries).where(
                    ColumnRunState.run_id == ctx.run.id
                )
            ).all()
        )
        newest_article = dict(
            session.execute(
                select(Article.column_id, func.max(Article.published_at))
                .where(Article.site_id == ctx.site_id, Article.published_at <= as_of)
                .group_by(Article.column_id)
            ).all()
        )
        # an article that failed may be the newest item of a list that shows no dates
        failed_articles = set(
            session.scalars(
                select(FetchFailureRecord.column_id).where(
                    FetchFailureRecord.run_id == ctx.run.id,
                    FetchFailureRecord.page_kind == "article",
                )
            )
        )
        units = ctx.config.column_units()
        drafts: list[tuple[str, FindingDraft]] = []  # (veto line, draft)
        for column in ctx.active_columns:
            limits = thresholds(ctx.config, column)
            if limits is None:
                continue
            place = f"column:{column.id}"
            if column.id not in ctx.complete_columns:
                report.unchecked[place] = ctx.why_incomplete(column)
                continue
            report.checked.add(place)
            unit = units.get(column.url)
            listing = listed.get(column.id)
            shown = listing.entries if listing is not None else entries.get(column.id, 0)
            if not shown:
                drafts.append(("empty", _empty(column, place, unit)))
                continue
            dates = [newest_article.get(column.id)]
            if listing is not None and listing.newest is not None and listing.newest <= as_of:
                dates.append(listing.newest)
            newest = max((d for d in dates if d is not None), default=None)
            draft = _stale(column, place, unit, newest, as_of, *limits, shown)
            undated = listing.undated if listing is not None else 0
            if draft is not None and undated and column.id in failed_articles:
                report.checked.discard(place)
                report.unchecked[place] = "列表未显示日期，且部分文章采集失败，无法确定最近更新时间"
                continue
            if draft is not None:
                line = line_of(column.category) if draft.evidence["stale"] else "approaching"
                drafts.append((line, draft))
        report.findings = _escalate(ctx, drafts, report.checked)
        return report


def _empty(column: Column, place: str, unit: str | None) -> FindingDraft:
    return FindingDraft(
        kind="empty_column",
        level=Level.warning,
        place=place,
        key="empty",
        title=f"「{column.name}」栏目为空白栏目（栏目内无任何信息）",
        unit=unit,
        column=column.name,
        url=column.url,
        evidence={"category": column.category, "entries": 0},
    )


def _stale(
    column: Column,
    place: str,
    unit: str | None,
    newest: datetime | None,
    as_of: datetime,
    stale_after: int,
    warn_after: int | None,
    shown: int,
) -> FindingDraft | None:
    category = category_of(column)
    evidence = {
        "category": column.category,
        "newest": newest.isoformat() if newest else None,
        "stale_after_days": stale_after,
        "warn_after_days": warn_after,
        "entries": shown,
    }
    if newest is None:
        # 2015 rule kept by inspectors: an item without a date is not an update
        title = f"「{column.name}」栏目的信息均无发布日期，按未更新处理"
        evidence.update(days=None, stale=True)
    else:
        age = as_of - newest
        days = age.days
        evidence["days"] = days
        if age > timedelta(days=stale_after):
            evidence["stale"] = True
            title = (
                f"「{column.name}」栏目已{days}天未更新（{CATEGORY_LABELS[category]}栏目"
                f"应在{stale_after}天内更新，最近一条为{newest:%Y-%m-%d}）"
            )
        elif warn_after is not None and age > timedelta(days=warn_after):
            evidence["stale"] = False
            title = (
                f"「{column.name}」栏目已{days}天未更新，超过{stale_after}天将计为不更新栏目"
                f"（最近一条为{newest:%Y-%m-%d}）"
            )
        else:
            return None
    return FindingDraft(
        kind="stale_column",
        level=Level.warning,
        place=place,
        key="stale",  # approaching and stale are one problem: the column is not updated
        title=title,
        unit=unit,
        column=column.name,
        url=column.url,
        evidence=evidence,
    )


def _escalate(
    ctx: CheckContext, drafts: list[tuple[str, FindingDraft]], checked: set[str]
) -> list[FindingDraft]:
    """Columns counting toward a crossed veto line become veto. Open findings of columns not
    checked this run still count (they wait, they are not gone)."""
    counts = {"key": 0, "other": 0, "empty": 0}
    for line, _ in drafts:
        if line in counts:
            counts[line] += 1
    waiting = ctx.session.scalars(
        select(Finding).where(
            Finding.site_id == ctx.site_id,
            Finding.kind.in_(ColumnFreshness.kinds),
            Finding.status.in_((FindingStatus.open, FindingStatus.overdue)),
        )
    )
    for row in waiting:
        if row.place in checked:
            continue
        if row.kind == "empty_column":
            counts["empty"] += 1
        elif row.evidence.get("stale"):
            counts[line_of(row.evidence.get("category", "other"))] += 1
    lines = {"key": KEY_STALE_LINE, "other": OTHER_STALE_LINE, "empty": EMPTY_LINE}
    out = []
    for line, draft in drafts:
        if line in lines and counts[line] >= lines[line]:
            draft = replace(draft, level=Level.veto)
        out.append(draft)
    return out
