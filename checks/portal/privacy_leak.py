"""`privacy_leak` (隐私信息泄露): an article or one of its attachments publishes an unmasked
身份证号, 手机号码 or 银行卡号 (core/privacy.py says what counts). One finding per distinct
value and place, owned by the article's unit.

Places: `article:{id}` is checked when the latest crawl saw the article; `attachment:{id}`
when this run read the attachment's text (attachment_text.status ok). An attachment this run
could not read (too large, broken, scanned) or did not fetch is an unchecked place with its
reason: its findings stay open, never "corrected".

The value itself is never stored with the finding: the evidence and title carry the masked
value and a masked context, the key a sha256 prefix of the value (so the same number on the
next run is the same finding). That hash is no new exposure: the database already holds the
page text the number was read from, and no output prints fingerprints.

Level: warning (扣分), not veto. 19号's single veto for content is 严重错误 and 泄密 (state
secrets); personal data published without masking is scored under 信息发布 as a problem to
correct fast (5 working days, checks/engine.py DEADLINE_DAYS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from w3lib.url import safe_url_string

from checks.base import Check, CheckReport, FindingDraft
from checks.context import CheckContext
from core.privacy import KIND_LABELS, Leak, find_leaks
from core.vocab import Level
from storage.models import Article, AttachmentText, Column, CrawlRun

KIND = "privacy_leak"
NOT_SEEN = "最近一次采集未读到该文章"
NOT_FETCHED = "最近一次采集未读取该附件"
ATTACHMENTS_OFF = "附件检查未开启"


@dataclass
class _Page:
    """What a finding says about the article a number was found on (or attached to)."""

    title: str
    url: str
    unit: str | None
    column: str | None
    attachments: dict[str, str]  # attachment URL → its link text
    seen: bool = False  # read (or listed unchanged) by the latest crawl


class PrivacyLeak(Check):
    name = KIND
    kinds = (KIND,)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        settings = ctx.config.privacy
        if ctx.run is None or ctx.site_id is None or not settings.enabled:
            return report
        options = {
            "id_numbers": settings.id_numbers,
            "mobiles": settings.mobiles,
            "bank_cards": settings.bank_cards,
        }
        pages = self._articles(ctx, report, options)
        self._attachments(ctx, report, options, pages, enabled=settings.attachments)
        return report

    def _articles(
        self, ctx: CheckContext, report: CheckReport, options: dict[str, bool]
    ) -> dict[str, _Page]:
        assert ctx.run is not None
        pages: dict[str, _Page] = {}
        rows = ctx.session.execute(
            select(Article, Column.name)
            .outerjoin(Column, Article.column_id == Column.id)
            .where(Article.site_id == ctx.site_id)
            .order_by(Article.id)
            .execution_options(yield_per=200)
        )
        for article, column in rows:
            page = _Page(
                title=article.title,
                url=article.url,
                unit=ctx.attribution.unit(article.source_raw, article.column_id),
                column=column,
                attachments={
                    a.get("url", ""): a.get("name", "") for a in article.attachments or []
                },
            )
            pages[article.url] = page
            place = f"article:{article.id}"
            if article.last_run_id != ctx.run.id:
                report.unchecked[place] = NOT_SEEN
                continue
            page.seen = True
            report.checked.add(place)
            leaks = find_leaks(article.text or "", **options)
            report.findings += _drafts(place, leaks, page, attachment=None)
        return pages

    def _attachments(
        self,
        ctx: CheckContext,
        report: CheckReport,
        options: dict[str, bool],
        pages: dict[str, _Page],
        *,
        enabled: bool,
    ) -> None:
        assert ctx.run is not None
        rows = ctx.session.scalars(
            select(AttachmentText)
            .join(CrawlRun, AttachmentText.run_id == CrawlRun.id)
            .where(CrawlRun.site_id == ctx.site_id)
            .order_by(AttachmentText.id)
            .execution_options(yield_per=50)
        )
        for row in rows:
            place = f"attachment:{row.id}"
            if not enabled:
                report.unchecked[place] = ATTACHMENTS_OFF
            elif row.run_id != ctx.run.id and not _listed_by_seen_page(row, pages):
                report.unchecked[place] = NOT_FETCHED
            elif row.status != "ok":
                report.unchecked[place] = f"附件未检查：{row.reason or '原因不明'}"
            else:
                report.checked.add(place)
                page = pages.get(row.article_url or "") or _Page(
                    title="", url=row.article_url or "", unit=None, column=None, attachments={}
                )
                leaks = find_leaks(row.text or "", **options)
                report.findings += _drafts(place, leaks, page, attachment=row)


def _drafts(
    place: str, leaks: list[Leak], page: _Page, attachment: AttachmentText | None
) -> list[FindingDraft]:
    """One draft per distinct value: the first occurrence is shown, the others counted."""
    first: dict[str, Leak] = {}
    counts: dict[str, int] = {}
    for leak in leaks:
        first.setdefault(leak.value_hash, leak)
        counts[leak.value_hash] = counts.get(leak.value_hash, 0) + 1
    out = []
    for key, leak in first.items():
        name = _attachment_name(attachment, page) if attachment else None
        where = f"《{page.title}》" if page.title else "页面"
        if name:
            where += f"的附件《{name}》"
        evidence: dict[str, Any] = {
            "kind": leak.kind,
            "kind_label": KIND_LABELS[leak.kind],
            "masked": leak.masked,
            "position": leak.start,
            "count": counts[key],
            "context": leak.context,
            "article_title": page.title,
            "article_url": page.url or None,
            "attachment_url": attachment.url if attachment else None,
            "attachment_name": name,
            "file_type": attachment.file_type if attachment else None,
        }
        out.append(
            FindingDraft(
                kind=KIND,
                level=Level.warning,
                place=place,
                key=key,
                title=f"{where}公开了未脱敏的{KIND_LABELS[leak.kind]}（{leak.masked}）",
                unit=page.unit,
                column=page.column,
                url=attachment.url if attachment else page.url,
                evidence=evidence,
            )
        )
    return out


def _listed_by_seen_page(row: AttachmentText, pages: dict[str, _Page]) -> bool:
    """The article the attachment was read from was seen by this run, unchanged, and still
    links it: the text read then is the attachment the page publishes now."""
    page = pages.get(row.article_url or "")
    if page is None or not page.seen:
        return False
    return row.url in {safe_url_string(url) for url in page.attachments}


def _attachment_name(attachment: AttachmentText, page: _Page) -> str:
    name = page.attachments.get(attachment.url, "")
    if name and not name.startswith(("http://", "https://")):
        return name
    return unquote(urlsplit(attachment.url).path.rsplit("/", 1)[-1]) or attachment.url
