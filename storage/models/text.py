"""What the text checker found in stored texts, and the site lexicon it learned from them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, BeijingDateTime
from storage.models.portal import Article


class TextIssueRecord(Base):
    """A problem the text checker found in an article body (错字, 多字, 漏字, …).

    One row per article and (kind, found, suggestion): ``count`` says how often it occurs
    in the body, ``start``/``end``/``sentence`` are its first occurrence.
    """

    __tablename__ = "text_issue"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), index=True
    )
    content_hash: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    found: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20))
    rule: Mapped[str] = mapped_column(String(60))
    confidence: Mapped[float] = mapped_column(Float)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_offset: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    # occurrences of the same (kind, found, suggestion) in the body
    count: Mapped[int] = mapped_column(Integer, default=1)
    # the written word the rule judged (检剑 for the 剑 of 检剑); the site lexicon's unit
    word: Mapped[str] = mapped_column(Text, default="")
    # why the rule thinks it wrong, in plain Chinese, for the reviewer
    evidence: Mapped[str] = mapped_column(Text, default="")

    article: Mapped[Article] = relationship()


class ArticleTextState(Base):
    """Per article: which body the text checks last read, how much of it, and the terms it
    contributes to the site lexicon (so a run re-reads only new or changed bodies)."""

    __tablename__ = "article_text_state"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    content_hash: Mapped[str] = mapped_column(String(64))
    # characters of the body; checked_chars < total_chars means the rest was not checked
    total_chars: Mapped[int] = mapped_column(Integer)
    checked_chars: Mapped[int] = mapped_column(Integer)
    # {term: [sentence keys]} (checks.text.lexicon.article_terms)
    terms: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)


class SiteTerm(Base):
    """A term of the site lexicon: how widely the county uses it, and whether that makes it
    a word of the site (``learned``) or only frequent."""

    __tablename__ = "site_term"
    __table_args__ = (UniqueConstraint("site_id", "term"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id", ondelete="CASCADE"), index=True)
    term: Mapped[str] = mapped_column(String(40))
    articles: Mapped[int] = mapped_column(Integer)
    units: Mapped[int] = mapped_column(Integer)
    months: Mapped[int] = mapped_column(Integer)
    contexts: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    learned: Mapped[bool] = mapped_column(Boolean, default=False)
