"""Text checks over stored articles: each new or changed body is checked once per content.

build_checker() is the one mapping from govwatch.yaml to a TextChecker (unit names and
aliases, place names, leaders, the site's whitelist); it is built once per run, because
building it is the slow part. Only the article body is checked: menus, footers and 备案
lines never reach `Article.text`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from checks.text import KIND_LABELS, KINDS, TextChecker, sentence_of
from core.config import Config
from storage.attribution import Attribution
from storage.models import Article, TextIssueRecord

BATCH = 200


def build_checker(config: Config) -> TextChecker:
    """The checker for a county: its own names go into the dictionary."""
    text = config.text_check
    words = [config.county, config.county_short, config.portal.name, *text.places]
    for unit in config.units:
        words += [unit.name, *unit.aliases]
        if unit.name.startswith("县"):
            words.append(config.county + unit.name[1:])  # 县教育体育局 → 大姚县教育体育局
    words += [leader.name for leader in text.leaders]
    words += text.extra_words
    options: dict[str, Any] = {
        "extra_words": tuple(dict.fromkeys(w for w in words if w)),
        "ignore": tuple(text.ignore),
        "wording_rules": tuple(rule.model_dump() for rule in text.wording),
        "leaders": tuple(leader.model_dump() for leader in text.leaders),
    }
    if text.min_confidence is not None:
        options["min_confidence"] = text.min_confidence
    return TextChecker(**options)


@dataclass(frozen=True)
class CheckSummary:
    articles: int
    issues: int


def check_new_articles(
    sessions: sessionmaker[Session],
    config: Config,
    site_id: int,
    run_id: int | None,
    checker: TextChecker | None = None,
) -> CheckSummary:
    """Check every article whose body changed since it was last checked; store the issues."""
    with sessions() as session:
        pending = session.scalars(
            select(Article.id).where(
                Article.site_id == site_id,
                or_(
                    Article.text_checked_hash.is_(None),
                    Article.text_checked_hash != Article.content_hash,
                ),
            )
        ).all()
    if not pending:
        return CheckSummary(0, 0)
    checker = checker or build_checker(config)
    found = 0
    for start in range(0, len(pending), BATCH):
        with sessions() as session, session.begin():
            articles = session.scalars(
                select(Article).where(Article.id.in_(pending[start : start + BATCH]))
            ).all()
            for article in articles:
                session.execute(
                    delete(TextIssueRecord).where(TextIssueRecord.article_id == article.id)
                )
                for issue in checker.check(_prose(article)):
                    sentence, offset = sentence_of(article.text, issue.start, issue.end)
                    session.add(
                        TextIssueRecord(
                            article_id=article.id,
                            content_hash=article.content_hash,
                            start=issue.start,
                            end=issue.end,
                            found=issue.found,
                            suggestion=issue.suggestion,
                            kind=issue.kind,
                            rule=issue.rule,
                            confidence=issue.confidence,
                            sentence=sentence,
                            sentence_offset=offset,
                            run_id=run_id,
                        )
                    )
                    found += 1
                article.text_checked_hash = article.content_hash
    return CheckSummary(len(pending), found)


def _prose(article: Article) -> str:
    """The body with attachment file names blanked out (same length, so offsets hold): a
    name such as 关于印发《…规划.pdf is often cut short by the CMS, it is not the unit's prose."""
    text = article.text
    for attachment in article.attachments or []:
        name = attachment.get("name") or ""
        if len(name) > 3:
            text = text.replace(name, " " * len(name))
    return text


@dataclass
class TextIssueSummary:
    # unit → kind → count, over articles published in the period (unit "" = no unit)
    units: dict[str, dict[str, int]]
    examples: list[dict[str, Any]]


def text_issue_summary(
    session: Session,
    site_id: int,
    start: datetime,
    end: datetime,
    attribution: Attribution,
    examples: int = 30,
) -> TextIssueSummary:
    """Text issues in articles published in [start, end), per unit and kind, with examples."""
    rows = session.execute(
        select(TextIssueRecord, Article.title, Article.url, Article.source_raw, Article.column_id)
        .join(Article, TextIssueRecord.article_id == Article.id)
        .where(
            Article.site_id == site_id,
            Article.published_at >= start,
            Article.published_at < end,
            TextIssueRecord.content_hash == Article.content_hash,
        )
        .order_by(TextIssueRecord.confidence.desc(), TextIssueRecord.id)
    ).all()
    units: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    sample = []
    for issue, title, url, source, column_id in rows:
        unit = attribution.unit(source, column_id)
        units[unit or ""][issue.kind] += 1
        if len(sample) < examples:
            sample.append(
                {
                    "unit": unit,
                    "title": title,
                    "url": url,
                    "kind": issue.kind,
                    "kind_label": KIND_LABELS[issue.kind],
                    "found": issue.found,
                    "suggestion": issue.suggestion,
                    "sentence": issue.sentence,
                    "at": issue.start - issue.sentence_offset,
                    "confidence": round(issue.confidence, 2),
                }
            )
    return TextIssueSummary(dict(units), sample)
