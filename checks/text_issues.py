"""Text checks over stored articles: each new or changed body is checked once per content.

build_checker() is the one mapping from govwatch.yaml to a TextChecker (unit names and
aliases, place names, leaders, the site's whitelist); it is built once per run, because
building it is the slow part. Only the article body is checked: menus, footers and 备案
lines never reach `Article.text`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session, sessionmaker

from checks.text import KIND_LABELS, KINDS, TextChecker, TextIssue
from checks.text.issue import RULE_LABELS
from checks.text.lexicon import LEARN_FLOOR, SiteLexicon, article_terms
from checks.text.sentences import SentenceIndex
from checks.text.stored_lexicon import apply_lexicon, refresh_site_terms, save_article_terms
from core.config import Config
from storage.attribution import Attribution
from storage.models import Article, TextIssueRecord
from storage.models.text import ArticleTextState

BATCH = 200


def build_checker(
    config: Config,
    accepted_words: Iterable[str] = (),
    lexicon: SiteLexicon | None = None,
) -> TextChecker:
    """The checker for a county: its own names go into the dictionary.

    ``accepted_words`` are words staff accepted by hand (the ``found`` of dismissed text
    findings); they join ``text_check.extra_words``. ``lexicon`` is the site lexicon
    learned from the stored articles (``checks.text.stored_lexicon.load_lexicon``).
    """
    text = config.text_check
    words = [config.county, config.county_short, config.portal.name, *text.places]
    for unit in config.units:
        words += [unit.name, *unit.aliases]
        if unit.name.startswith("县"):
            words.append(config.county + unit.name[1:])  # 县教育体育局 → 大姚县教育体育局
    words += [leader.name for leader in text.leaders]
    words += text.extra_words
    words += accepted_words
    options: dict[str, Any] = {
        "extra_words": tuple(dict.fromkeys(w for w in words if w)),
        "ignore": tuple(text.ignore),
        "wording_rules": tuple(rule.model_dump() for rule in text.wording),
        "leaders": tuple(leader.model_dump() for leader in text.leaders),
        "lexicon": lexicon,
    }
    if text.min_confidence is not None:
        options["min_confidence"] = text.min_confidence
    return TextChecker(**options)


@dataclass(frozen=True)
class CheckSummary:
    articles: int
    # issues stored for the articles checked in this run (before the lexicon's withdrawal)
    issues: int
    # terms of the site lexicon that count as words of the site after this run
    learned_terms: int = 0
    # stored flags the lexicon withdrew in this run (on terms it now knows as words)
    withdrawn: int = 0


def check_new_articles(
    sessions: sessionmaker[Session],
    config: Config,
    site_id: int,
    run_id: int | None,
    checker: TextChecker | None = None,
    accepted_words: Iterable[str] = (),
) -> CheckSummary:
    """Check every article whose body changed since it was last read; store its issues
    (one per article and spot kind) and its lexicon terms; then learn the site lexicon
    again and withdraw the stored flags it accepts."""
    with sessions() as session:
        pending = session.scalars(
            select(Article.id)
            .outerjoin(ArticleTextState, ArticleTextState.article_id == Article.id)
            .where(
                Article.site_id == site_id,
                or_(
                    Article.text_checked_hash.is_(None),
                    Article.text_checked_hash != Article.content_hash,
                    ArticleTextState.content_hash.is_(None),
                    ArticleTextState.content_hash != Article.content_hash,
                ),
            )
            .order_by(Article.id)
        ).all()
    found = 0
    if pending:
        checker = checker or build_checker(config, accepted_words)
        for start in range(0, len(pending), BATCH):
            with sessions() as session, session.begin():
                articles = session.scalars(
                    select(Article).where(Article.id.in_(pending[start : start + BATCH]))
                ).all()
                for article in articles:
                    found += _check_article(session, checker, article, run_id)
    with sessions() as session, session.begin():
        stats = refresh_site_terms(session, site_id)
        withdrawn = apply_lexicon(session, site_id, SiteLexicon.from_stats(stats))
    learned = sum(1 for s in stats if s.learned)
    return CheckSummary(len(pending), found, learned, withdrawn)


def _check_article(
    session: Session, checker: TextChecker, article: Article, run_id: int | None
) -> int:
    session.execute(delete(TextIssueRecord).where(TextIssueRecord.article_id == article.id))
    prose = _prose(article)
    checked = checker.checked_length(prose)
    # down to the learning floor: weak candidates on a term count towards the lexicon too
    issues = checker.check(
        prose, min_confidence=min(LEARN_FLOOR, checker.min_confidence), use_lexicon=False
    )
    save_article_terms(session, article, article_terms(prose, issues), len(prose), checked)
    article.text_checked_hash = article.content_hash
    reported = [i for i in issues if i.confidence >= checker.min_confidence]
    if not reported:
        return 0
    sentences = SentenceIndex(article.text)
    stored = 0
    for issue, count in group_issues(reported):
        sentence, offset = sentences.sentence(issue.start, issue.end)
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
                count=count,
                word=issue.word,
                evidence=issue.evidence,
            )
        )
        stored += 1
    return stored


def group_issues(issues: Iterable[TextIssue]) -> list[tuple[TextIssue, int]]:
    """One entry per (kind, found, suggestion, judged word): the first occurrence, with the
    highest confidence seen, and how many times it occurs."""
    groups: dict[tuple[str, str, str, str], list[Any]] = {}
    for issue in sorted(issues, key=lambda i: (i.start, i.end)):
        key = (issue.kind, issue.found, issue.suggestion, issue.word)
        entry = groups.get(key)
        if entry is None:
            groups[key] = [issue, 1]
            continue
        entry[1] += 1
        if issue.confidence > entry[0].confidence:
            entry[0] = replace(entry[0], confidence=issue.confidence)
    return [(issue, count) for issue, count in groups.values()]


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
        # one per article: the same slip written eight times in one article is one problem
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
                    "rule": issue.rule,
                    "rule_label": RULE_LABELS.get(issue.rule, issue.rule),
                    "evidence": issue.evidence,
                    "count": issue.count,
                    "sentence": issue.sentence,
                    "at": issue.start - issue.sentence_offset,
                    "confidence": round(issue.confidence, 2),
                }
            )
    return TextIssueSummary(dict(units), sample)
