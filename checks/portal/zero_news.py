"""`zero_news`: a unit that published no 新闻类 item in a month that has ended.

Said only after a crawl that ended and read every news column completely; otherwise the
months are unchecked (采集失败), never "no news". Months: those of the last complete quarter
and the ended months of the current one, so the quarter's 通报 and the morning digest agree.
"""

from __future__ import annotations

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from checks.publishing import unit_month_counts
from core.periods import Month, Quarter
from core.vocab import Category, Level


def months_to_check(ctx: CheckContext) -> list[Month]:
    previous = Quarter.last_complete(ctx.as_of)
    months = [*previous.months, *Quarter.of(ctx.as_of).months]
    return [m for m in months if m.end <= ctx.as_of]


class ZeroNews(Check):
    name = "zero_news"
    kinds = ("zero_news",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        months = months_to_check(ctx)
        if not months:
            return report
        places = {m.key: f"news:{m.key}" for m in months}
        if not ctx.news_complete:
            reason = next(
                (
                    ctx.why_incomplete(c)
                    for c in ctx.incomplete_columns
                    if c.category == Category.news
                ),
                "未配置新闻类栏目" if ctx.crawl_ended else "最近一次采集未完成",
            )
            report.unchecked.update(dict.fromkeys(places.values(), reason))
            return report
        report.checked.update(places.values())
        units = [u.name for u in ctx.config.units]
        tally = unit_month_counts(ctx.session, ctx.attribution, units, ctx.site_id, months)
        for month in months:
            for unit in units:
                cell = tally.counts[unit][month.key]
                if cell["news"]:
                    continue
                report.findings.append(
                    FindingDraft(
                        kind="zero_news",
                        level=Level.warning,
                        place=places[month.key],
                        key=unit,
                        title=f"{unit}{month.year}年{month.label}新闻类信息发布为0",
                        unit=unit,
                        evidence={"month": month.key, "news_items": 0, "all_items": cell["all"]},
                    )
                )
        return report
