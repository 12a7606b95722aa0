"""`identity_missing`: the site identity and page elements 19号 and the 网站发展指引 require.

From the pages the latest crawl sampled (crawler side: spiders/portal/identity.py): the home
page and the first list page and first articles of each column.
- footer elements (网站标识码, ICP备案号, 公安机关备案号, 党政机关网站标识, 主办单位, 联系方式,
  “我为政府网站找错”): one finding per element the sampled pages lack, naming where;
- the home page's search box, and HTTPS (only where it could be asked: a portal on the
  standard port);
- the government meta tags of article pages, per column, with the share of pages lacking each.
A page whose footer is written by a script that could not be read is not judged; nothing is
said when the home page was not read.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from core.failures import label_of
from core.vocab import Level
from storage.models import Article, Column, FetchFailureRecord, PageIdentity

LABELS = {
    "site_id_code": "网站标识码",
    "icp": "ICP备案号",
    "police_record": "公安机关备案号",
    "conac": "党政机关网站标识",
    "sponsor": "主办单位",
    "contact": "联系方式",
    "error_report": "“我为政府网站找错”入口",
}
SITE = "identity:site"
_KIND_LABELS = {"home": "首页", "list": "栏目列表页", "article": "文章页"}


class IdentityMissing(Check):
    name = "identity_missing"
    kinds = ("identity_missing",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.run is None or ctx.site_id is None or not ctx.config.identity.enabled:
            return report
        rows = list(
            ctx.session.scalars(select(PageIdentity).where(PageIdentity.run_id == ctx.run.id))
        )
        home = next((r for r in rows if r.page_kind == "home"), None)
        if home is None or "_unchecked" in home.found:
            report.unchecked[SITE] = (
                _home_missing(ctx) if home is None else home.found["_unchecked"]
            )
        else:
            report.checked.add(SITE)
            self._footer(ctx, rows, report)
            self._home(ctx, home, report)
        self._meta(ctx, report)
        return report

    def _footer(self, ctx: CheckContext, rows: list[PageIdentity], report: CheckReport) -> None:
        judged = [r for r in rows if "_unchecked" not in r.found]
        names = _column_names(ctx)
        for element in ctx.config.identity.footer:
            label = LABELS.get(element)
            if label is None:
                continue
            lacking = [r for r in judged if not r.found.get(element)]
            if not lacking:
                continue
            everywhere = len(lacking) == len(judged)
            where = sorted(
                {_KIND_LABELS[r.page_kind] if r.column_id is None else names.get(r.column_id, "")
                 for r in lacking} - {""}
            )  # fmt: skip
            # the same words every night: which pages were sampled varies (evidence says)
            title = f"网站页面底部未标注{label}"
            report.findings.append(
                FindingDraft(
                    kind="identity_missing",
                    level=Level.warning,
                    place=SITE,
                    key=element,
                    title=title,
                    url=ctx.config.portal.start_url,
                    evidence={
                        "element": element,
                        "element_label": label,
                        "pages_checked": len(judged),
                        "pages_lacking": len(lacking),
                        "everywhere": everywhere,
                        "where": where[:20],
                        "examples": sorted(r.url for r in lacking)[:5],
                    },
                )
            )

    def _home(self, ctx: CheckContext, home: PageIdentity, report: CheckReport) -> None:
        if ctx.config.identity.search_box and not home.found.get("search_box"):
            report.findings.append(
                FindingDraft(
                    kind="identity_missing",
                    level=Level.warning,
                    place=SITE,
                    key="search_box",
                    title="网站首页未提供站内搜索",
                    url=home.url,
                    evidence={"element": "search_box", "element_label": "站内搜索"},
                )
            )
        if "https" in home.found and not home.found["https"]:
            report.findings.append(
                FindingDraft(
                    kind="identity_missing",
                    level=Level.info,
                    place=SITE,
                    key="https",
                    title="网站未提供HTTPS访问",
                    url=home.url,
                    evidence={"element": "https", "element_label": "HTTPS访问"},
                )
            )

    def _meta(self, ctx: CheckContext, report: CheckReport) -> None:
        """Per column read completely: the share of its stored article pages lacking each tag
        (an article's tags as last read: an incremental night does not fetch unchanged ones)."""
        assert ctx.run is not None
        required = ctx.config.identity.article_meta
        if not required:
            return
        pages: dict[int, int] = defaultdict(int)
        lacking: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        example: dict[int, str] = {}
        rows = ctx.session.execute(
            select(Article.column_id, Article.url, Article.meta).where(
                Article.site_id == ctx.site_id, Article.column_id.is_not(None)
            )
        )
        for column_id, url, meta in rows:
            pages[column_id] += 1
            for tag in required:
                if not (meta or {}).get(tag):
                    lacking[column_id][tag] += 1
                    example[column_id] = min(url, example.get(column_id, url))
        names = _column_names(ctx)
        for column_id, count in pages.items():
            place = f"meta:column:{column_id}"
            if column_id not in ctx.complete_columns:  # a part of a column is no share
                report.unchecked[place] = ctx.why_incomplete_id(column_id)
                continue
            report.checked.add(place)
            missing = {t: n for t, n in lacking[column_id].items() if n}
            if not missing:
                continue
            column = names.get(column_id)
            # the shares are evidence: an incremental night sees fewer pages than a full one
            tags = "、".join(t for t in required if t in missing)
            report.findings.append(
                FindingDraft(
                    kind="identity_missing",
                    level=Level.info,
                    place=place,
                    key="meta",
                    title=f"栏目“{column}”的文章页缺少网页标签：{tags}",
                    column=column,
                    unit=ctx.attribution.unit(None, column_id),
                    url=example.get(column_id),
                    evidence={
                        "element": "article_meta",
                        "pages": count,
                        "lacking": {
                            t: {"pages": n, "share": round(n / count, 3)}
                            for t, n in missing.items()
                        },
                    },
                )
            )


def _column_names(ctx: CheckContext) -> dict[int, str]:
    return dict(
        ctx.session.execute(
            select(Column.id, Column.name).where(Column.site_id == ctx.site_id)
        ).all()
    )


def _home_missing(ctx: CheckContext) -> str:
    assert ctx.run is not None
    code = ctx.session.scalar(
        select(FetchFailureRecord.code).where(
            FetchFailureRecord.run_id == ctx.run.id, FetchFailureRecord.page_kind == "home"
        )
    )
    return label_of(code) if code else "首页未采集"
