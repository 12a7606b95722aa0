"""`elements_missing` (要素不全): an article page that prints no 来源 / 发布机构, or no 发布时间
of its own (its date came only from the list page or a signature line in the body, or from
nowhere). One finding per article and missing element, owned by the article's unit and listed
by unit and column in the digest.

An article is checked when the latest crawl saw it (fetched, or listed unchanged); articles
published more than a year ago are left alone, undated ones are always judged (they are the
worst case: 19号 counts them as not updated).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from core.vocab import Level
from storage.models import Article, Column

WINDOW = timedelta(days=366)
# where a date counts as the page's own 发布时间 (spiders/portal/article.py date_source)
OWN_DATE_SOURCES = {"meta", "infocard", "line"}
LABELS = {"source": "信息来源", "date": "发布时间"}


class ElementsMissing(Check):
    name = "elements_missing"
    kinds = ("elements_missing",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.run is None or ctx.site_id is None:
            return report
        rows = ctx.session.execute(
            select(
                Article.id,
                Article.url,
                Article.title,
                Article.source_raw,
                Article.column_id,
                Article.published_at,
                Article.date_source,
                Article.last_run_id,
                Column.name,
            )
            .outerjoin(Column, Article.column_id == Column.id)
            .where(
                Article.site_id == ctx.site_id,
                or_(Article.published_at.is_(None), Article.published_at >= ctx.as_of - WINDOW),
            )
        )
        for aid, url, title, source, column_id, published, date_source, last_run, column in rows:
            place = f"article:{aid}"
            if last_run != ctx.run.id:
                report.unchecked[place] = "最近一次采集未读到该文章"
                continue
            report.checked.add(place)
            missing = []
            if not (source or "").strip():
                missing.append("source")
            if date_source not in OWN_DATE_SOURCES:
                missing.append("date")
            for element in missing:
                report.findings.append(
                    FindingDraft(
                        kind="elements_missing",
                        level=Level.warning,
                        place=place,
                        key=element,
                        title=f"《{title}》页面未标注{LABELS[element]}",
                        unit=ctx.attribution.unit(source, column_id),
                        column=column,
                        url=url,
                        evidence={
                            "missing": element,
                            "missing_label": LABELS[element],
                            "article_title": title,
                            "date_source": date_source,
                            "published_at": published.isoformat() if published else None,
                        },
                    )
                )
        return report
