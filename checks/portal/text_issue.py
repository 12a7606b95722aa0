"""`text_issue`: what the text checker found in an article body (错字, 多字, 漏字, 严重表述错误,
标点), one finding per article and problem, owned by the article's unit.

An article is a checked place when the latest crawl saw it and its current body has been
checked; an article the crawl could not read keeps its findings open, never "corrected".
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import or_, select

from checks.base import Check, CheckReport, FindingDraft
from checks.board.replies import check_replies
from checks.context import CheckContext
from checks.text import KIND_LABELS
from core.vocab import Level
from storage.models import Article, Column, TextIssueRecord

# leaders' names and titles: 严重表述错误 under 19号 (a veto item); other wording is a problem
_VETO_RULES = {"leader_name", "leader_title"}
# older articles are not re-examined for the digest: staff correct what is current
WINDOW = timedelta(days=366)


def _title(kind: str, found: str, suggestion: str, article_title: str) -> str:
    label = KIND_LABELS.get(kind, kind)
    fix = ""
    if suggestion:
        fix = f"，应为「{suggestion}」"
    elif kind == "extra_char":
        fix = "，建议删除"
    return f"《{article_title}》{label}：「{found}」{fix}"


class TextIssues(Check):
    name = "text_issue"
    kinds = ("text_issue",)

    def run(self, ctx: CheckContext) -> CheckReport:
        report = CheckReport()
        if ctx.run is None or ctx.site_id is None:
            return report
        since = ctx.as_of - WINDOW
        articles = ctx.session.execute(
            select(Article, Column.name)
            .outerjoin(Column, Article.column_id == Column.id)
            .where(
                Article.site_id == ctx.site_id,
                or_(Article.published_at.is_(None), Article.published_at >= since),
            )
        )
        places: dict[int, tuple[Article, str | None]] = {}
        for article, column_name in articles:
            place = f"article:{article.id}"
            if article.last_run_id != ctx.run.id:
                report.unchecked[place] = "最近一次采集未读到该文章"
            elif article.text_checked_hash != article.content_hash:
                report.unchecked[place] = "正文尚未检查"
            else:
                report.checked.add(place)
                places[article.id] = (article, column_name)
        if ctx.config.text_check.enabled:
            check_replies(ctx, report)  # the boards' reply texts (checks/board/replies.py)
        if not places:
            return report
        issues = ctx.session.scalars(
            select(TextIssueRecord)
            .join(Article, TextIssueRecord.article_id == Article.id)
            .where(
                TextIssueRecord.article_id.in_(places),
                TextIssueRecord.content_hash == Article.content_hash,
            )
            .order_by(TextIssueRecord.article_id, TextIssueRecord.start)
        )
        for issue in issues:
            article, column_name = places[issue.article_id]
            report.findings.append(
                FindingDraft(
                    kind="text_issue",
                    level=Level.veto if issue.rule in _VETO_RULES else Level.warning,
                    place=f"article:{article.id}",
                    key=f"{issue.kind}|{issue.found}|{issue.suggestion}",
                    title=_title(issue.kind, issue.found, issue.suggestion, article.title),
                    unit=ctx.attribution.unit(article.source_raw, article.column_id),
                    column=column_name,
                    url=article.url,
                    evidence={
                        "found": issue.found,
                        # the word the rule judged: what a dismissal accepts (checks/decisions)
                        "word": issue.word or issue.found,
                        "count": issue.count,
                        "reason": issue.evidence,
                        "suggestion": issue.suggestion,
                        "kind": issue.kind,
                        "kind_label": KIND_LABELS.get(issue.kind, issue.kind),
                        "rule": issue.rule,
                        "sentence": issue.sentence.strip(),
                        "confidence": round(issue.confidence, 2),
                        "article_title": article.title,
                    },
                )
            )
        return report
