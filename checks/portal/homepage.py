"""`homepage_stale`: no new dated item on the home page for 2 weeks (19号 veto: 首页不更新).

Judged from the dated blocks the latest crawl read on the home page (a warning from 10 days).
A home page showing no date at all is a navigation page: 19号 then asks whether any second-
level page was updated, so the columns' newest dates decide, and only when every judged column
was read completely. A home page that could not be fetched is unchecked (采集失败), never stale.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from checks.portal.freshness import thresholds
from core.failures import label_of
from core.periods import BEIJING
from core.vocab import Level
from storage.models import Article, FetchFailureRecord, PageDates

STALE_AFTER = timedelta(days=14)
WARN_AFTER = timedelta(days=10)
PLACE = "home"


class HomepageStale(Check):
    name = "homepage_stale"
    kinds = ("homepage_stale",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.run is None or ctx.site_id is None:
            return report
        home = ctx.session.scalar(
            select(PageDates).where(PageDates.run_id == ctx.run.id, PageDates.kind == "home")
        )
        if home is None:
            code = ctx.session.scalar(
                select(FetchFailureRecord.code).where(
                    FetchFailureRecord.run_id == ctx.run.id, FetchFailureRecord.page_kind == "home"
                )
            )
            report.unchecked[PLACE] = label_of(code) if code else "首页未采集"
            return report
        entries = home_entries(home, ctx.as_of)
        newest, source = (entries[0][0] if entries else None), "home"
        if newest is None and home.sample:
            report.unchecked[PLACE] = "首页信息日期均晚于检查时间"
            return report
        if newest is None:
            judged = [c for c in ctx.active_columns if thresholds(ctx.config, c) is not None]
            missing = [c for c in judged if c.id not in ctx.complete_columns]
            if not judged or missing:
                report.unchecked[PLACE] = "首页无带日期的信息，且栏目未完整采集"
                return report
            newest, source = _columns_newest(ctx), "columns"
        report.checked.add(PLACE)
        age = ctx.as_of - newest if newest else None
        if age is not None and age <= WARN_AFTER:
            return report
        stale = age is None or age > STALE_AFTER
        where = "首页" if source == "home" else "首页及各栏目"
        if newest is None or age is None:
            title = f"{where}无任何带日期的信息（按首页不更新处理）"
        else:
            rule = "两周未更新即单项否决" if stale else "超过14天未更新即单项否决"
            title = f"{where}已{age.days}天无信息更新（最近一条为{newest:%Y-%m-%d}，{rule}）"
        report.findings.append(
            FindingDraft(
                kind="homepage_stale",
                level=Level.veto if stale else Level.warning,
                place=PLACE,
                key="stale",
                title=title,
                url=home.url,
                evidence={
                    "newest": newest.isoformat() if newest else None,
                    "days": age.days if age is not None else None,
                    "stale": stale,
                    "judged_by": source,
                    "latest_items": [
                        {"date": f"{d:%Y-%m-%d}", "title": t, "url": u} for d, t, u in entries[:3]
                    ],
                },
            )
        )
        return report


def home_entries(home: PageDates, as_of: datetime) -> list[tuple[datetime, str, str]]:
    """(date, title, url) of the home page's dated entries up to as_of, newest first; an
    `MM-DD` gets as_of's year, or the year before when that would lie after as_of."""
    out = []
    for entry in home.sample:
        if entry.get("date"):
            day = datetime.fromisoformat(entry["date"])
        elif entry.get("md"):
            month, dom = (int(p) for p in entry["md"].split("-"))
            try:
                day = datetime(as_of.year, month, dom, tzinfo=BEIJING)
                if day > as_of:
                    day = day.replace(year=as_of.year - 1)
            except ValueError:  # 02-29 outside a leap year
                continue
        else:
            continue
        if day <= as_of:
            out.append((day, entry.get("title", ""), entry.get("url", "")))
    out.sort(reverse=True)
    return out


def _columns_newest(ctx: CheckContext) -> datetime | None:
    listed = ctx.session.scalar(
        select(func.max(PageDates.newest)).where(
            PageDates.run_id == ctx.run.id,  # type: ignore[union-attr]
            PageDates.kind == "list",
            PageDates.newest <= ctx.as_of,
        )
    )
    stored = ctx.session.scalar(
        select(func.max(Article.published_at)).where(
            Article.site_id == ctx.site_id, Article.published_at <= ctx.as_of
        )
    )
    return max((d for d in (listed, stored) if d is not None), default=None)
