"""The portal's data: site, units, columns, crawl runs, articles, fetch failures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storage.models.base import Base, BeijingDateTime


class Site(Base):
    __tablename__ = "site"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    start_url: Mapped[str] = mapped_column(Text, unique=True)
    site_id_code: Mapped[str | None] = mapped_column(String(40))

    columns: Mapped[list[Column]] = relationship(back_populates="site")


class Unit(Base):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="department")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    aliases: Mapped[list[UnitAlias]] = relationship(
        back_populates="unit", cascade="all, delete-orphan"
    )


class UnitAlias(Base):
    __tablename__ = "unit_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200), unique=True)

    unit: Mapped[Unit] = relationship(back_populates="aliases")


class Column(Base):
    __tablename__ = "site_column"
    __table_args__ = (UniqueConstraint("site_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20), default="other")
    render: Mapped[str] = mapped_column(String(10), default="http")
    default_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    # configured in govwatch.yaml, or found in the portal's navigation
    discovered: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    site: Mapped[Site] = relationship(back_populates="columns")
    default_unit: Mapped[Unit | None] = relationship()


class CrawlRun(Base):
    __tablename__ = "crawl_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    started_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    # running | finished | incomplete | failed
    status: Mapped[str] = mapped_column(String(20), default="running")
    requests: Mapped[int] = mapped_column(Integer, default=0)
    articles_new: Mapped[int] = mapped_column(Integer, default=0)
    articles_changed: Mapped[int] = mapped_column(Integer, default=0)
    articles_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
    # host:pid of the process running the crawl (a second crawl waits for it)
    owner: Mapped[str | None] = mapped_column(String(200))
    # a full crawl reads every list page; an incremental one stops at the first list page
    # whose entries are all known and unchanged
    full: Mapped[bool] = mapped_column(Boolean, default=True)
    # of `requests`: those checking link targets the crawl did not read (dead_link)
    link_requests: Mapped[int] = mapped_column(Integer, default=0)

    column_states: Mapped[list[ColumnRunState]] = relationship(
        back_populates="run", cascade="all, delete-orphan"
    )


class ColumnRunState(Base):
    """Per run and column: did every list page come back? Incomplete columns yield no findings."""

    __tablename__ = "column_run_state"
    __table_args__ = (UniqueConstraint("run_id", "column_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_run.id", ondelete="CASCADE"))
    column_id: Mapped[int] = mapped_column(ForeignKey("site_column.id"))
    list_pages: Mapped[int] = mapped_column(Integer, default=0)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    failed_pages: Mapped[int] = mapped_column(Integer, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    # the first list page's shape, compared with the last complete run to notice a template
    # change: how many entries it listed, how many further pages it made known
    first_page_entries: Mapped[int | None] = mapped_column(Integer)
    first_page_more: Mapped[int | None] = mapped_column(Integer)
    # the run stopped at a list page whose entries were all known (incremental crawl)
    stopped_early: Mapped[bool] = mapped_column(Boolean, default=False)
    # 模板变化: what changed, and since when (carried over while it lasts)
    template_note: Mapped[str | None] = mapped_column(Text)
    template_since: Mapped[datetime | None] = mapped_column(BeijingDateTime)

    run: Mapped[CrawlRun] = relationship(back_populates="column_states")
    column: Mapped[Column] = relationship()


class Article(Base):
    __tablename__ = "article"
    __table_args__ = (Index("ix_article_published", "published_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    column_id: Mapped[int | None] = mapped_column(ForeignKey("site_column.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    # 来源 / 发布机构 as printed on the page, kept even when it matches no unit
    source_raw: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    # None when the page carries no date: such an item counts as "not updated"
    published_at: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    # meta | infocard | line | body
    date_source: Mapped[str | None] = mapped_column(String(20))
    # the date the list page showed beside the link: kept, but never the item's own date
    list_date: Mapped[datetime | None] = mapped_column(BeijingDateTime)
    fetched_at: Mapped[datetime] = mapped_column(BeijingDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    # title + date as shown on the list page: a change there means the article changed
    list_signature: Mapped[str | None] = mapped_column(String(64))
    charset: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    # [url, tag, text] of the body's links; links_run_id: the crawl whose link checks covered
    # them (None: read by a run killed before its link checks — the next run checks them)
    links: Mapped[list[list[str]]] = mapped_column(JSON, default=list)
    links_run_id: Mapped[int | None] = mapped_column(Integer)
    meta: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_run.id"))
    # content hash the text checks last ran on; differs from content_hash → check again
    text_checked_hash: Mapped[str | None] = mapped_column(String(64))

    column: Mapped[Column | None] = relationship()
    unit: Mapped[Unit | None] = relationship()


class FetchFailureRecord(Base):
    """A page that could not be read in a run: 采集失败 with its code (core.failures)."""

    __tablename__ = "fetch_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_run.id", ondelete="CASCADE"), index=True)
    column_id: Mapped[int | None] = mapped_column(ForeignKey("site_column.id"))
    url: Mapped[str] = mapped_column(Text)
    # list | article | home | robots
    page_kind: Mapped[str] = mapped_column(String(20))
    # a core.failures code: timeout, http_status, connection, dns, decode, empty_page, ...
    code: Mapped[str] = mapped_column(String(30))
    http_status: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(BeijingDateTime)

    column: Mapped[Column | None] = relationship()
