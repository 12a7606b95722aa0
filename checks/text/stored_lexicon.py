"""The site lexicon in the database: per-article terms, their tally, and what it silences.

``checks.text.lexicon`` decides; this module only reads and writes the rows
(``ArticleTextState``, ``SiteTerm``, ``TextIssueRecord``). Every query is per site and
streamed in batches, so a county with years of articles costs memory for one batch.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from checks.text.issue import TextIssue
from checks.text.lexicon import MODEL_RULES, ArticleTerms, SiteLexicon, TermStats, tally
from storage.models import Article, TextIssueRecord
from storage.models.text import ArticleTextState, SiteTerm

BATCH = 500


def save_article_terms(
    session: Session,
    article: Article,
    terms: dict[str, list[str]],
    total_chars: int,
    checked_chars: int,
) -> None:
    state = session.get(ArticleTextState, article.id)
    if state is None:
        state = ArticleTextState(article_id=article.id)
        session.add(state)
    state.content_hash = article.content_hash
    state.terms = terms
    state.total_chars = total_chars
    state.checked_chars = checked_chars


def _article_terms(session: Session, site_id: int) -> Iterator[ArticleTerms]:
    rows = session.execute(
        select(
            ArticleTextState.terms,
            Article.unit_id,
            Article.source_raw,
            Article.published_at,
            Article.fetched_at,
        )
        .join(Article, ArticleTextState.article_id == Article.id)
        .where(
            Article.site_id == site_id,
            ArticleTextState.content_hash == Article.content_hash,
        )
        .execution_options(yield_per=BATCH)
    )
    for terms, unit_id, source, published, fetched in rows:
        if not terms:
            continue
        # an unmatched 来源 is still a different publisher from the configured units
        unit = (
            f"unit:{unit_id}" if unit_id is not None else (f"source:{source}" if source else None)
        )
        month = f"{published.year}-{published.month:02d}" if published else None
        yield ArticleTerms(terms, unit, month, published or fetched)


def refresh_site_terms(session: Session, site_id: int) -> list[TermStats]:
    """Tally every stored article's terms again and store the result as the site lexicon."""
    stats = tally(_article_terms(session, site_id))
    session.execute(delete(SiteTerm).where(SiteTerm.site_id == site_id))
    session.add_all(
        SiteTerm(
            site_id=site_id,
            term=s.term,
            articles=s.articles,
            units=s.units,
            months=s.months,
            contexts=s.contexts,
            first_seen=s.first_seen,
            learned=s.learned,
        )
        for s in stats
    )
    return stats


def site_terms(session: Session, site_id: int, *, learned_only: bool = False) -> list[SiteTerm]:
    query = select(SiteTerm).where(SiteTerm.site_id == site_id)
    if learned_only:
        query = query.where(SiteTerm.learned.is_(True))
    order = (SiteTerm.learned.desc(), SiteTerm.articles.desc(), SiteTerm.term)
    return list(session.scalars(query.order_by(*order)))


def load_lexicon(session: Session, site_id: int) -> SiteLexicon:
    rows = session.execute(
        select(SiteTerm.term, SiteTerm.learned).where(SiteTerm.site_id == site_id)
    ).all()
    return SiteLexicon(
        frozenset(t for t, learned in rows if learned),
        frozenset(t for t, learned in rows if not learned),
    )


def apply_lexicon(session: Session, site_id: int, lexicon: SiteLexicon) -> int:
    """Delete stored model-based issues the lexicon now accepts (a term learned today also
    clears the flags raised on it before it was learned); returns how many."""
    if not lexicon:
        return 0
    rows = session.execute(
        select(
            TextIssueRecord.id,
            TextIssueRecord.start,
            TextIssueRecord.end,
            TextIssueRecord.found,
            TextIssueRecord.rule,
            TextIssueRecord.confidence,
            TextIssueRecord.word,
            TextIssueRecord.sentence,
            TextIssueRecord.sentence_offset,
        )
        .join(Article, TextIssueRecord.article_id == Article.id)
        .where(Article.site_id == site_id, TextIssueRecord.rule.in_(sorted(MODEL_RULES)))
    ).all()
    doomed = []
    for rid, start, end, found, rule, confidence, word, sentence, offset in rows:
        # offsets relative to the stored sentence, which is all the text the check needs
        issue = TextIssue(start - offset, end - offset, found, "", "typo", rule, confidence, word)
        if lexicon.accepted(issue, sentence) is not None:
            doomed.append(rid)
    for k in range(0, len(doomed), BATCH):
        session.execute(
            delete(TextIssueRecord).where(TextIssueRecord.id.in_(doomed[k : k + BATCH]))
        )
    return len(doomed)
