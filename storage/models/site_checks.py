"""What the portal checks beyond articles read: link targets, availability probes, attachment
texts, the identity elements of sampled pages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BeijingDateTime


class LinkCheck(Base):
    """One link target per crawl run: where it is linked from and what requesting it gave."""

    __tablename__ = "link_check"
    __table_args__ = (UniqueConstraint("run_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_run.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    # a | img | attachment
    tag: Mapped[str] = mapped_column(String(12))
    internal: Mapped[bool] = mapped_column(Boolean)
    # ok | dead (definite) | suspected | not_checked
    outcome: Mapped[str] = mapped_column(String(12))
    http_status: Mapped[int | None] = mapped_column(Integer)
    # a core.failures code when the request failed
    code: Mapped[str | None] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(Text)
    # the first pages found linking to it (links.pages_kept), and how many there were
    pages: Mapped[list[str]] = mapped_column(JSON, default=list)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    # linked from the home page (19号 counts 首页 and 其他页面 separately)
    on_home: Mapped[bool] = mapped_column(Boolean, default=False)
    # the link text or alt text on the first page
    text: Mapped[str | None] = mapped_column(Text)


class Probe(Base):
    """One availability request: the home page, a probe_urls entry, or the reference URL."""

    __tablename__ = "probe"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"), index=True)
    # the probes sent together share their round's start time
    round_at: Mapped[datetime] = mapped_column(BeijingDateTime, index=True)
    url: Mapped[str] = mapped_column(Text)
    # home | extra | reference
    role: Mapped[str] = mapped_column(String(10))
    ok: Mapped[bool] = mapped_column(Boolean)
    http_status: Mapped[int | None] = mapped_column(Integer)
    elapsed_ms: Mapped[int | None] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(Text)
    # scheduled | run | cli: who asked
    origin: Mapped[str] = mapped_column(String(10), default="cli")


class AttachmentText(Base):
    """An attachment's extracted text (for the privacy check), or why it was not checked."""

    __tablename__ = "attachment_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    # the article it is attached to (the finding's page)
    article_url: Mapped[str | None] = mapped_column(Text)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_run.id", ondelete="CASCADE"), index=True)
    fetched_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    # ok | not_checked
    status: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(Text)
    file_type: Mapped[str | None] = mapped_column(String(10))
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")


class PageIdentity(Base):
    """Identity elements found on a sampled page (home, a column's list or article page)."""

    __tablename__ = "page_identity"
    __table_args__ = (UniqueConstraint("run_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_run.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    # home | list | article
    page_kind: Mapped[str] = mapped_column(String(10))
    column_id: Mapped[int | None] = mapped_column(ForeignKey("site_column.id"))
    # element name → what the page shows (the code, the 备案号 …), None when it is missing
    found: Mapped[dict[str, str | None]] = mapped_column(JSON, default=dict)
