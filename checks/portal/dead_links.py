"""`dead_link`: a link, image or attachment of the portal's pages that does not open.

Judged from the link targets the latest crawl recorded (crawler side: spiders/portal/links.py):
- `dead` (an internal 404/410) is a finding at once;
- `suspected` (timeout, 5xx, 403, an external 404 …) only when the previous crawl found the same
  target failing too — a one-night hiccup is not a dead link; until then it is unchecked;
- `not_checked` (429, captcha, robots.txt, an external host this machine cannot reach, a page
  an incremental crawl did not read) is unchecked with its reason, never dead and never fixed.
19号 counts 首页不可用链接 and 其他页面不可用链接 separately: the scope is in each finding, and
the home page's come first. A failed crawl recorded no links: nothing is judged.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from core.failures import label_of
from core.vocab import Level
from storage.links import failing_before
from storage.models import Article, Column, LinkCheck

TAG_LABELS = {"a": "链接", "img": "图片", "attachment": "附件"}


def place_of(url: str) -> str:
    return "link:" + hashlib.sha1(url.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


class DeadLinks(Check):
    name = "dead_link"
    kinds = ("dead_link",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.run is None or ctx.site_id is None or not ctx.config.links.enabled:
            return report
        rows = list(ctx.session.scalars(select(LinkCheck).where(LinkCheck.run_id == ctx.run.id)))
        before = {r.url for r in failing_before(ctx.session, ctx.site_id, ctx.run.id)}
        pages = {url for row in rows if row.outcome != "ok" for url in row.pages}
        where = _pages_where(ctx, pages)
        for row in rows:
            place = place_of(row.url)
            if row.outcome == "ok":
                report.checked.add(place)
                continue
            if row.outcome == "not_checked":
                report.unchecked[place] = row.detail or "未检查"
                continue
            repeated = row.url in before
            if row.outcome == "suspected" and not repeated:
                report.unchecked[place] = "首次出现疑似不可用，待下次采集复核"
                continue
            report.checked.add(place)
            report.findings.append(
                _finding(row, place, repeated, where, ctx.config.portal.start_url)
            )
        return report


def _finding(
    row: LinkCheck,
    place: str,
    repeated: bool,
    where: dict[str, tuple[str | None, str | None]],
    home: str,
) -> FindingDraft:
    scope = "首页" if row.on_home else "其他页面"
    what = TAG_LABELS.get(row.tag, "链接")
    status = f"HTTP {row.http_status}" if row.http_status else label_of(row.code or "other")
    name = f"“{row.text}”" if row.text else ""
    definite = row.outcome == "dead"
    title = f"{scope}{what}{name}无法访问（{status}）" + (
        "" if definite else "，连续两次检查均失败"
    )
    # the home page for a home-page link, else the first linking page in URL order (the
    # order pages were read in varies from night to night)
    page = None if row.on_home else min(row.pages, default=None)
    unit, column = where.get(page, (None, None)) if page else (None, None)
    return FindingDraft(
        kind="dead_link",
        level=Level.warning,
        place=place,
        key="dead",
        title=title,
        unit=unit,
        column=column,
        url=home if row.on_home else page,
        evidence={
            "target": row.url,
            "scope": "home" if row.on_home else "other",
            "scope_label": scope,
            "tag": row.tag,
            "tag_label": what,
            "internal": row.internal,
            "definite": definite,
            "repeated": repeated,
            "http_status": row.http_status,
            "error": label_of(row.code) if row.code else None,
            "detail": row.detail,
            "pages": row.pages,
            "page_count": row.page_count,
            "text": row.text,
        },
    )


def _pages_where(ctx: CheckContext, pages: set[str]) -> dict[str, tuple[str | None, str | None]]:
    """Linking page → (responsible unit, column) for the pages that are stored articles."""
    out: dict[str, tuple[str | None, str | None]] = {}
    urls = list(pages)
    for start in range(0, len(urls), 500):
        rows = ctx.session.execute(
            select(Article.url, Article.source_raw, Article.column_id, Column.name)
            .outerjoin(Column, Article.column_id == Column.id)
            .where(Article.url.in_(urls[start : start + 500]))
        )
        for url, source, column_id, column in rows:
            out[url] = (ctx.attribution.unit(source, column_id), column)
    return out
